"""vnu-site from Python: `build` and `check` for scripts and CI, returning what happened as
data instead of printing it. The command line (`vnu-site build|check`) is the same work.

    import vnu_site
    result = vnu_site.build(content="content", out="public", build_date="2025-06-01")
    if not result.ok:
        for problem in result.problems:
            print(problem)          # content/articles/x.vi.md:4: partners: unknown partner ...
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from vnu_site.editor.check import Finding
from vnu_site.editor.check import check as run_check
from vnu_site.errors import BuildFailed, Location, Problem, Problems, os_problem
from vnu_site.io.write import FinalizeFailed, OutputRefused
from vnu_site.model import BuildOptions
from vnu_site.pipeline import build as run_build

PathLike = str | Path


@dataclass(frozen=True)
class BuildReport:
    """What a build did. ok: the output was replaced by the new site. problems: errors and
    warnings, each with `location.path`, `location.line`, `message` and `severity`."""

    ok: bool
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    files: int = 0
    written: int = 0
    unchanged: int = 0

    @property
    def errors(self) -> list[Problem]:
        return Problems(self.problems).errors

    @property
    def warnings(self) -> list[Problem]:
        return Problems(self.problems).warnings


@dataclass(frozen=True)
class CheckReport:
    """What `check` found. ok: no error (and, with strict, no warning either). Each finding
    has `location`, `message`, `severity` ("error", "warning" or "note") and `code`."""

    ok: bool
    findings: list[Finding] = field(default_factory=list)


def _date(value: datetime.date | str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def build(
    content: PathLike = "content",
    out: PathLike = "public",
    *,
    templates: PathLike = "templates",
    base_url: str | None = None,
    drafts: bool = False,
    strict: bool = False,
    build_date: datetime.date | str | None = None,
    search: bool = True,
    jobs: int = 0,
    clean: bool = False,
    cache_dir: PathLike | None = ".vnu-cache",
) -> BuildReport:
    """Build the site in `content` into `out`. Never raises for bad content or a refused
    output folder: the report says what was wrong, and the old output is left as it was."""
    options = BuildOptions(
        content=Path(content),
        templates=Path(templates),
        out=Path(out),
        base_url=base_url,
        drafts=drafts,
        strict=strict,
        build_date=_date(build_date),
        search=search,
        jobs=jobs,
        clean=clean,
        cache_dir=Path(cache_dir) if cache_dir is not None else None,
    )
    try:
        result = run_build(options)
    except (BuildFailed, FinalizeFailed) as failed:
        return BuildReport(False, sorted(set(failed.problems)))
    except OutputRefused as refused:
        return BuildReport(False, [Problem(Location(Path(out).as_posix()), str(refused))])
    except OSError as error:
        return BuildReport(False, [os_problem(error, Path(out).as_posix())])
    return BuildReport(True, list(result.warnings), result.pages, result.files, result.written, result.unchanged)


def check(
    content: PathLike = "content",
    *,
    templates: PathLike = "templates",
    strict: bool = False,
    drafts: bool = False,
    build_date: datetime.date | str | None = None,
    published: str | None = None,
) -> CheckReport:
    """Everything a build validates, plus the editors' notes, without writing anything."""
    options = BuildOptions(
        content=Path(content), templates=Path(templates), drafts=drafts, strict=strict, build_date=_date(build_date), cache_dir=None
    )
    findings = run_check(options, published)
    failing = {"error", "warning"} if strict else {"error"}
    return CheckReport(not any(f.severity in failing for f in findings), findings)

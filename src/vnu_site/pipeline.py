"""One build: the stages in order, problems gathered, output written only if all is well."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from . import config as config_module
from . import i18n, outputs, write
from .discover import discover
from .errors import BuildFailed, Location, Problem, Problems
from .plan import plan
from .read import read_bytes
from .render import environment, render_page
from .resolve import resolve
from .urls import Urls


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    written: int
    unchanged: int
    warnings: list


def build(options: config_module.BuildOptions) -> BuildResult:
    write.check_output(options.out, [options.content, options.templates, Path.cwd()], inputs=[options.content, options.templates])
    problems = Problems()
    site, strings = load_site(options, problems)
    pages = plan(site, strings, problems)
    _stop_if_failed(problems, False)
    env = environment(options.templates)
    files = render_pages(pages, env, options, problems)
    files.update(outputs.produce(site, strings, pages, env, options, problems))
    _stop_if_failed(problems, options.strict)
    counts = write.write_site(options.out, files, outputs.finalizers(options))
    return BuildResult(
        pages=len(pages),
        files=counts["files"],
        written=counts["written"],
        unchanged=counts["unchanged"],
        warnings=problems.warnings,
    )


def load_site(options: config_module.BuildOptions, problems: Problems):
    """discover -> read -> resolve; raises BuildFailed if the content cannot be used."""
    content = options.content
    if not content.is_dir():
        raise BuildFailed([_problem(str(content), "content folder not found")])
    config = config_module.load(content / "site.yaml", _shown(content, "site.yaml"), problems, options.base_url)
    languages = config.languages if config else config_module.SUPPORTED_LANGUAGES
    strings = i18n.load_strings(options.templates / "strings.yaml", _shown(options.templates, "strings.yaml"), languages, problems)
    tags = config_module.load_tags(content / "tags.yaml", _shown(content, "tags.yaml"), languages, problems)
    sources = discover(content, languages, problems)
    entries = []
    for source in sources:
        entry, found = read_bytes(source, source.path.read_bytes(), trusted_html=bool(config and config.trusted_html))
        problems.extend(found)
        if entry:
            entries.append(entry)
    if config is None or strings is None:
        _stop_if_failed(problems, False)
    build_date = options.build_date or datetime.date.today()
    site = resolve(entries, config, tags, build_date, options.drafts, problems, _shown(content, "site.yaml"))
    _stop_if_failed(problems, False)
    return site, strings


def render_pages(pages: list[dict], env, options: config_module.BuildOptions, problems: Problems) -> dict[str, bytes]:
    templates_display = options.templates.as_posix().rstrip("/")
    files: dict[str, bytes] = {}
    for page in pages:
        html, problem = render_page(env, page["template"], page["context"], page["path"], templates_display)
        if problem:
            problems.extend([problem])
            continue
        files[Urls.output_file(page["path"])] = html
    return files


def _stop_if_failed(problems: Problems, strict: bool) -> None:
    failing = problems.items if strict else problems.errors
    if failing:
        raise BuildFailed(sorted(set(problems.items)))


def _shown(folder: Path, name: str) -> str:
    return (folder / name).as_posix()


def _problem(path: str, message: str) -> Problem:
    return Problem(Location(path), message)

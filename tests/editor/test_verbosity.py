"""--quiet and --verbose on every command: quiet prints errors only (and check's findings,
serve's address); verbose adds the path a build took, its stages' times and the files it
changed. Run on the starter site of `vnu-site init`, whose output is known exactly."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from conftest import tree
from vnu_site.editor import init
from vnu_site.editor.serve import Preview
from vnu_site.editor.verbosity import CHANGED_SHOWN, QUIET, VERBOSE

BUILD_DATE = "2025-06-01"
HINT = "preview: vnu-site serve --content content (reloads as you save), or python -m http.server -d public 8000"
STAGES = ["cache", "read", "plan", "pages", "finish", "save the cache"]
ARTICLE_EN = "content/articles/welcome.en.md"


@pytest.fixture
def site(tmp_path, monkeypatch):
    init.create(tmp_path / "site", datetime.date(2025, 5, 1))
    monkeypatch.chdir(tmp_path / "site")
    return tmp_path / "site"


def _timed(text: str) -> str:
    return re.sub(r"\b\d+\.\d\d s\b", "T s", text)


def _build(run, *extra: str) -> tuple[int, list[str], str]:
    code, out, err = run("build", "--no-search", "--build-date", BUILD_DATE, *extra)
    return code, _timed(out).splitlines(), err


def _made(site) -> list[str]:
    return sorted(name for name in tree(site / "public") if name != ".vnu-site.json")


def _pages(lines: list[str]) -> int:
    """The page count a build said (it grows with the theme, not with this test)."""
    return int(re.search(r"built (\d+) pages", "\n".join(lines))[1])


def test_build_says_its_summary_and_the_preview_hint(run, site):
    code, out, err = _build(run)
    files = len(_made(site))
    assert (code, err) == (0, "")
    assert out == [f"built {_pages(out)} pages ({files} files, {files} changed, 0 unchanged) into public in T s", HINT]


def test_build_quiet_says_nothing_unless_it_fails(run, site):
    assert _build(run, "--quiet") == (0, [], "")
    assert _build(run, "-q") == (0, [], "")  # nothing changed: nothing said either
    settings = site / "content" / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("per_page: 10", "per_page: 0"), encoding="utf-8")
    line = text.splitlines().index("per_page: 10") + 1
    code, out, err = _build(run, "--quiet")
    assert (code, out) == (1, [])
    assert [said for said in err.splitlines() if not said.startswith("note: ")] == [  # notes: the cache's, not the build's
        f"content/site.yaml:{line}: per_page must be a whole number of at least 1",
        "build failed: 1 error(s), 0 warning(s); public was not changed",
    ]


def test_build_verbose_says_the_path_each_stages_time_and_the_files_it_changed(run, site):
    code, out, err = _build(run, "--verbose")
    made, pages = _made(site), _pages(out)
    assert (code, err) == (0, "")
    assert out == [
        "path: full (every content file read)",
        *(f"  {name:<14}    T s" for name in STAGES),
        f"changed files: {len(made)}",
        *(f"  {name}" for name in made[:CHANGED_SHOWN]),
        f"  … and {len(made) - CHANGED_SHOWN} more",
        f"built {pages} pages ({len(made)} files, {len(made)} changed, 0 unchanged) into public in T s",
        HINT,
    ]

    code, out, err = _build(run, "-v")
    assert out == [
        "path: nothing changed (the content, templates, options and output are as the last build left them)",
        f"built {pages} pages ({len(made)} files, 0 changed, {len(made)} unchanged) into public in T s: nothing changed",
        HINT,
    ]

    article = site / ARTICLE_EN
    article.write_text(article.read_text(encoding="utf-8").replace("REPLACE: this is", "REPLACE: this is still"), encoding="utf-8")
    code, out, err = _build(run, "-v")
    assert out[0] == "path: quick (only the edited texts read again)"
    changed = out[out.index("changed files: 3") + 1 : -2]
    assert changed == ["  en/feed.json", "  en/feed.xml", "  en/news/launching-the-international-cooperation-bulletin/index.html"]


def test_check_quiet_prints_only_the_findings_and_verbose_adds_counts_and_time(run, site):
    assert run("check") == (0, "check: 0 error(s), 0 warning(s), 0 note(s)\n", "")
    assert run("check", "--quiet") == (0, "", "")
    (site / "content" / "pages" / "about.en.md").unlink()
    note = "content/pages/about.vi.md:1: note: no 'en' version: the 'en' site leaves this page out (add about.en.md)\n"
    assert run("check", "-q") == (0, note, "")
    code, out, err = run("check", "-v")
    assert (code, out) == (0, note + "check: 0 error(s), 0 warning(s), 1 note(s)\n")
    assert _timed(err) == "by code: untranslated 1\nchecked content in T s\n"
    code, out, _ = run("check", "-q", "--format", "json")
    assert json.loads(out)["notes"] == 1  # the data keeps its counts
    code, out, _ = run("check", "-q", "--format", "github")
    assert out.startswith("::notice file=content/pages/about.vi.md,line=1,title=vnu-site untranslated::")
    assert len(out.splitlines()) == 1


def test_new_quiet_and_verbose(run, site):
    assert run("new", "article", "Hội thảo mùa thu", "--quiet") == (0, "", "")
    code, out, err = run("new", "partner", "Đại học Mẫu", "-v")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "created content/partners/dai-hoc-mau.vi.md",
        "created content/partners/dai-hoc-mau.en.md (needs_translation: true)",
        "id: dai-hoc-mau (a body links to it with [Đại học Mẫu](partner:dai-hoc-mau))",
        "next: write the text in content/partners/dai-hoc-mau.vi.md, remove its `draft: true` line to publish it, "
        "then run `vnu-site check`",
    ]


@pytest.mark.parametrize("said", [QUIET, VERBOSE])
def test_serve_quiet_says_nothing_of_good_builds_verbose_says_their_stages(site, said):
    lines = []
    preview = Preview(
        site / "content",
        site / "templates",
        port=0,
        build_date=datetime.date(2025, 6, 1),
        log=lambda text, error=False: lines.append(text),
        said=said,
    )
    preview.start()
    preview.stop()
    if said == QUIET:
        assert lines == []
        return
    details = _timed("\n".join(lines)).splitlines()
    assert details[: len(STAGES) + 1] == ["path: full (every content file read)", *(f"  {name:<14}    T s" for name in STAGES)]
    assert details[-1] == f"built {_pages(details)} pages in T s"


@pytest.mark.parametrize("command", [["build"], ["check"], ["new", "article", "X"], ["serve"], ["init", "x"]])
def test_every_command_takes_one_of_the_two(capsys, command):
    from vnu_site.__main__ import main

    with pytest.raises(SystemExit) as usage:
        main([*command, "--quiet", "--verbose"])
    assert usage.value.code == 2
    assert "argument -v/--verbose: not allowed with argument -q/--quiet" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    assert "-q, --quiet" in capsys.readouterr().out

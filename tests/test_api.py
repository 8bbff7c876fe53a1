"""The Python API: the same work as the command line, with what happened returned as data."""

from __future__ import annotations

import datetime

import vnu_site
from conftest import BUILD_DATE, TEMPLATES, tree


def test_build_returns_counts_and_writes_the_same_site_as_the_cli(run, tiny, tmp_path):
    report = vnu_site.build(tiny, tmp_path / "api", templates=TEMPLATES, build_date=BUILD_DATE, search=False, cache_dir=None)
    assert report.ok and report.problems == []
    assert report.pages > 0 and report.files == report.written > report.pages
    code, _, _ = run("build", "--content", tiny, "--templates", TEMPLATES, "--out", tmp_path / "cli", "--build-date", BUILD_DATE,
                     "--no-search", "--cache-dir", tmp_path / "cache")  # fmt: skip
    assert code == 0
    assert tree(tmp_path / "api") == tree(tmp_path / "cli")


def test_bad_content_is_returned_as_problems_and_the_old_site_kept(tiny, tmp_path):
    out = tmp_path / "public"
    assert vnu_site.build(tiny, out, templates=TEMPLATES, build_date=BUILD_DATE, search=False, cache_dir=None).ok
    before = tree(out)
    article = next((tiny / "articles").glob("*.vi.md"))
    article.write_text(article.read_text(encoding="utf-8").replace("partners: [", "partners: [nobody-here, "), encoding="utf-8")
    report = vnu_site.build(tiny, out, templates=TEMPLATES, build_date=datetime.date(2025, 6, 1), search=False, cache_dir=None)
    assert not report.ok
    [problem] = report.errors
    assert problem.location.path.endswith(article.name) and problem.location.line > 1
    assert "unknown partner 'nobody-here'" in problem.message
    assert tree(out) == before


def test_a_refused_output_folder_is_a_problem_not_an_exception(tiny, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    report = vnu_site.build(tiny, mine, templates=TEMPLATES, build_date=BUILD_DATE, search=False, cache_dir=None)
    assert not report.ok and "not made by vnu-site" in report.problems[0].message
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_check_returns_findings_with_codes(tiny):
    assert vnu_site.check(tiny, templates=TEMPLATES, build_date=BUILD_DATE).ok
    (tiny / "articles" / "lonely.vi.md").write_text(
        "---\ntitle: Tin\ndate: 2025-01-01\ntags: [no-such-tag]\n---\nNội dung.\n", encoding="utf-8"
    )
    report = vnu_site.check(tiny, templates=TEMPLATES, build_date=BUILD_DATE)
    assert not report.ok
    errors = [f for f in report.findings if f.severity == "error"]
    assert [(f.location.path.rsplit("/", 1)[-1], f.location.line, f.code) for f in errors] == [("lonely.vi.md", 4, "content")]

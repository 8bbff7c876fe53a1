"""Incremental builds: after any edit, the output is byte-identical to a clean build's,
unchanged files are not rewritten, and deleted pages disappear."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import TEMPLATES, THEME, build_args, tree


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "article body": lambda c, t: _edit(c / "articles/tsinghua-ai.en.md", "and VNU signed", "and VNU formally signed"),
    "article title": lambda c, t: _edit(c / "articles/state-visit.en.md", "title: The state visit", "title: The state visit of April"),
    "article slug": lambda c, t: _edit(
        c / "articles/state-visit.en.md", "title: The state visit", "slug: april-visit\ntitle: The state visit"
    ),
    "partner name in one language": lambda c, t: _edit(
        c / "partners/tsinghua.en.md", "title: Tsinghua University", "title: Tsinghua Univ."
    ),
    "new article": lambda c, t: (c / "articles/new-story.vi.md").write_text(
        "---\ntitle: Tin mới về Thanh Hoa\ndate: 2025-05-01\npartners: [tsinghua]\ntags: [ai]\n---\nNội dung mới.\n", encoding="utf-8"
    ),
    "deleted article": lambda c, t: (c / "articles/mooc.vi.md").unlink(),
    "template": lambda c, t: _edit(t / "event.html", "<dt>{{ t['event.when'] }}</dt>", "<dt class=\"when\">{{ t['event.when'] }}</dt>"),
    "UI strings": lambda c, t: _edit(
        t / "strings.yaml", "nav.events: {vi: Sự kiện, en: Events,", "nav.events: {vi: Sự kiện, en: Happenings,"
    ),
    "site settings": lambda c, t: _edit(
        c / "site.yaml", "title: {vi: Bản tin thử nghiệm, en: Test Bulletin}", "title: {vi: Bản tin, en: Bulletin}"
    ),
    "tag label": lambda c, t: _edit(c / "tags.yaml", "en: Artificial intelligence}", "en: AI}"),
}


def _build(run, content, templates, out, *extra):
    args = build_args(content, out, *extra)
    args[args.index("--templates") + 1] = templates
    code, stdout, stderr = run(*args)
    assert code == 0, stderr
    return stdout


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_incremental_build_equals_clean_build(run, tiny, tmp_path, edit):
    templates = tmp_path / "templates"
    shutil.copytree(THEME, templates)  # the site overrides every file of the theme
    incremental = tmp_path / "incremental" / "public"
    _build(run, tiny, templates, incremental)
    before = tree(incremental)

    EDITS[edit](tiny, templates)
    stdout = _build(run, tiny, templates, incremental)
    clean = tmp_path / "clean" / "public"
    _build(run, tiny, templates, clean, "--clean")

    assert tree(incremental) == tree(clean)
    assert "nothing changed" not in stdout
    assert tree(incremental) != before
    if edit == "deleted article":
        assert "vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/index.html" in before
        assert "vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/index.html" not in tree(incremental)


def test_only_affected_pages_change(run, tiny, tmp_path):
    out = tmp_path / "site" / "public"
    _build(run, tiny, TEMPLATES, out)
    before = tree(out)
    _edit(tiny / "partners/tsinghua.en.md", "title: Tsinghua University", "title: Tsinghua Univ.")
    _build(run, tiny, TEMPLATES, out)
    changed = sorted(path for path, data in tree(out).items() if path in before and data != before[path])
    # The English name shows on English pages; on the Vietnamese side only in Tsinghua's own
    # page (its switcher names the English counterpart) and the editors' status page of
    # partners (the status index lists only what waits for a translator).
    assert [path for path in changed if path.startswith("vi/")] == [
        "vi/doi-tac/dai-hoc-thanh-hoa/index.html",
        "vi/tinh-trang-dich/doi-tac/index.html",
    ]
    assert "en/partners/index.html" in changed
    assert "en/events/state-visit/index.html" not in changed  # does not show Tsinghua


def test_nothing_changed_is_reported_and_fast_path_keeps_everything(run, tiny, tmp_path):
    out = tmp_path / "site" / "public"
    _build(run, tiny, TEMPLATES, out)
    before = {path: os.stat(out / path).st_ino for path in tree(out)}
    stdout = _build(run, tiny, TEMPLATES, out)
    assert "nothing changed" in stdout
    assert {path: os.stat(out / path).st_ino for path in tree(out)} == before


def test_a_damaged_output_is_rebuilt_not_trusted(run, tiny, tmp_path):
    out = tmp_path / "site" / "public"
    _build(run, tiny, TEMPLATES, out)
    expected = tree(out)
    (out / "vi" / "index.html").unlink()
    (out / ".vnu-site.json").write_text("{}", encoding="utf-8")
    _build(run, tiny, TEMPLATES, out)
    assert tree(out) == expected


def test_jobs_do_not_change_the_output(run, tiny, tmp_path, monkeypatch):
    import vnu_site.io.parallel

    monkeypatch.setattr(vnu_site.io.parallel, "MIN_ITEMS", 1)  # force the process pool on a tiny site
    _build(run, tiny, TEMPLATES, tmp_path / "one" / "public", "--jobs", "1", "--clean")
    _build(run, tiny, TEMPLATES, tmp_path / "two" / "public", "--jobs", "2", "--clean")
    assert tree(tmp_path / "one" / "public") == tree(tmp_path / "two" / "public")

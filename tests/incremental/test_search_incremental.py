"""Incremental builds with the search index: after an edit, the site, index included, is
byte-identical to a clean build's, and only the shards whose pages changed are indexed
again (outputs/search.py, search_shards.py)."""

from __future__ import annotations

import pytest

from conftest import build_args, tree
from vnu_site.outputs import search_shards


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "article body": lambda c: _edit(c / "articles/tsinghua-ai.en.md", "and VNU signed", "and VNU formally signed"),
    "article title": lambda c: _edit(c / "articles/state-visit.vi.md", "title: ", "title: Tin - "),
    "partner renamed": lambda c: _edit(c / "partners/tsinghua.en.md", "title: Tsinghua University", "title: Tsinghua Univ."),
    "deleted article": lambda c: (c / "articles/mooc.vi.md").unlink(),
    "new article": lambda c: (c / "articles/new-story.vi.md").write_text(
        "---\ntitle: Tin mới về Thanh Hoa\ndate: 2025-05-01\npartners: [tsinghua]\ntags: [ai]\n---\nNội dung mới về đại học.\n",
        encoding="utf-8",
    ),
}


def _build(run, content, out, *extra):
    code, _, err = run(*build_args(content, out, *extra, search=True))
    assert code == 0, err


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_incremental_build_with_search_equals_a_clean_one(run, tiny, tmp_path, small_shards, edit):
    out = tmp_path / "incremental" / "public"
    _build(run, tiny, out)
    shards = len(small_shards)
    # Twice: the second build after the first one updates the spare (the first site)
    for step, change in enumerate([EDITS[edit], EDITS["article body" if edit != "article body" else "article title"]]):
        before = tree(out)
        small_shards.clear()
        change(tiny)
        _build(run, tiny, out)
        again = list(small_shards)
        clean = tmp_path / f"clean-{step}" / "public"
        _build(run, tiny, clean, "--clean")
        assert tree(out) == tree(clean), f"{edit}, build {step + 2}"
        assert tree(out)["pagefind/shards.json"] != before["pagefind/shards.json"]
        assert 0 < len(again) < shards, again  # some shards were kept


def test_a_build_that_changes_no_indexed_page_indexes_nothing(run, tiny, tmp_path, small_shards):
    out = tmp_path / "public"
    _build(run, tiny, out)
    before = tree(out)
    small_shards.clear()
    _build(run, tiny, out, "--build-date", "2025-06-02")  # another day: a full build, the same pages
    assert small_shards == []
    index = {path: data for path, data in tree(out).items() if path.startswith("pagefind/")}
    assert index == {path: data for path, data in before.items() if path.startswith("pagefind/")}


def test_turning_search_off_and_on_again(run, tiny, tmp_path, small_shards):
    out = tmp_path / "public"
    _build(run, tiny, out)
    with_search = tree(out)
    code, _, err = run(*build_args(tiny, out))  # --no-search
    assert code == 0, err
    assert not (out / "pagefind").exists()
    _build(run, tiny, out)
    assert tree(out) == with_search


def test_shards_the_site_no_longer_has_are_gone(run, tiny, tmp_path, small_shards, monkeypatch):
    out = tmp_path / "public"
    _build(run, tiny, out)
    EDITS["article body"](tiny)
    _build(run, tiny, out)  # the first site is the spare now, with its seven shards
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 128)  # one shard: the spare's others must go
    EDITS["article title"](tiny)
    _build(run, tiny, out)
    clean = tmp_path / "clean" / "public"
    _build(run, tiny, clean, "--clean")
    assert tree(out) == tree(clean)
    assert sorted(p.name for p in (out / "pagefind").iterdir() if p.is_dir()) == ["filter", "fragment", "index"]

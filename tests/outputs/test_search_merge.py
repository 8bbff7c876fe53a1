"""A shard put together from its pages' records (outputs/search_merge.py): it finds what
Pagefind's own index of the same pages finds, and it is the same bytes whichever runs of
Pagefind made the records; an edit gives Pagefind only the pages it changed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import TINY, build_args, tree
from vnu_site.outputs import search, search_merge, search_shards, search_words


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("merge") / "public"
    assert main([str(a) for a in build_args(TINY, out, search=True)]) == 0  # pages marked for the index
    return out


def _pagefind(site: Path, files: list[str], work: Path) -> Path:
    """The bundle Pagefind writes for these pages of the site, as search.py runs it."""
    work.mkdir(parents=True)
    (work / "pagefind.json").write_text(json.dumps({"glob": search._glob(files)}), encoding="utf-8")
    command = [*search.pagefind_command(), "--site", str(site), "--output-path", str(work / "bundle"), "--silent"]
    subprocess.run(command, cwd=work, check=True, capture_output=True)
    return work / "bundle"


def _found(read) -> dict:
    """What a bundle answers, whatever its pages' numbers: per language, each word's (form,
    page's fragment, positions), each filter value's fragments, the pages' word counts and
    the metadata's names."""
    entry = json.loads(read("pagefind-entry.json"))
    found = {}
    for lang, info in entry["languages"].items():
        meta = search_words._load_bytes(read(f"pagefind.{info['hash']}.pf_meta"))
        fragments = [fragment for fragment, _count in meta[1]]
        words = set()
        for _first, _last, chunk in meta[2]:
            for word, postings, variants in search_words._load_bytes(read(f"index/{chunk}.pf_index"))[0]:
                for form, pages in [["", postings], *variants]:
                    number = 0
                    for delta, positions, meta_positions in pages:
                        number += delta
                        words.add((word, form, fragments[number], tuple(positions), tuple(meta_positions)))
        filters = set()
        for _name, file_hash in meta[3]:
            name, values = search_words._load_bytes(read(f"filter/{file_hash}.pf_filter"))
            filters.update((name, value, fragments[number]) for value, numbers in values for number in numbers)
        found[lang] = (meta[0], sorted(map(tuple, meta[1])), words, filters, meta[4], meta[5], info["wasm"], info["page_count"])
    return found


def test_a_shard_put_together_finds_what_pagefinds_own_index_finds(site, tmp_path):
    pages = {
        path.relative_to(site).as_posix(): search_shards.read_page(path.read_bytes())
        for path in site.rglob("*.html")
        if "pagefind" not in path.parts
    }
    files = sorted(file for file, lang in search_shards.indexed(pages).items() if lang == "vi")
    assert len(files) == 11
    whole = _pagefind(site, files, tmp_path / "whole")
    records = search_merge.split(whole, files)
    assert sorted(records) == files
    entry = json.loads((whole / "pagefind-entry.json").read_text(encoding="utf-8"))
    made, words = search_merge.assemble(list(records.items()), entry["version"], entry["include_characters"])
    assert _found(made.__getitem__) == _found(lambda name: (whole / name).read_bytes())
    assert any(variants for record in records.values() for _word, variants, *_ in record["index"])  # forms with diacritics kept
    # Records from two runs of Pagefind (as an edit makes them): the very same bundle
    halves = {
        **search_merge.split(_pagefind(site, files[::2], tmp_path / "one"), files[::2]),
        **search_merge.split(_pagefind(site, files[1::2], tmp_path / "other"), files[1::2]),
    }
    again, words_again = search_merge.assemble(list(reversed(halves.items())), entry["version"], entry["include_characters"])
    assert again == made and words_again == words
    fragments = {path.name for path in (whole / "fragment").iterdir()}
    assert {Path(search_merge.fragment_path(record)).name for record in halves.values()} == fragments


def test_pages_sorted_with_data_pagefind_sort_are_refused_by_name(site, tmp_path):
    page = site / "vi" / "sorted" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<html lang="vi"><body><main data-pagefind-body><p data-pagefind-sort="n:2">Bài</p></main></body></html>', encoding="utf-8"
    )
    try:
        bundle = _pagefind(site, ["vi/sorted/index.html"], tmp_path / "sorted")
    finally:
        page.unlink()
        page.parent.rmdir()
    with pytest.raises(search_merge.CannotMerge, match="data-pagefind-sort"):
        search_merge.split(bundle, ["vi/sorted/index.html"])


@pytest.fixture
def given(monkeypatch):
    """Small shards; and the pages each run of Pagefind is given."""
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 3)
    pages: list[str] = []
    start = search._start

    def counting(shard, *args):
        pages.extend(file for file, _digest in shard.pages)
        return start(shard, *args)

    monkeypatch.setattr(search, "_start", counting)
    return pages


def test_an_edit_gives_pagefind_only_the_pages_it_changed(run, tiny, tmp_path, given):
    out = tmp_path / "public"
    assert run(*build_args(tiny, out, search=True))[0] == 0
    assert len(given) == 21  # a clean build: every indexed page
    given.clear()
    article = tiny / "articles" / "tsinghua-ai.en.md"
    article.write_text(article.read_text(encoding="utf-8").replace("and VNU signed", "and VNU formally signed"), encoding="utf-8")
    assert run(*build_args(tiny, out, search=True))[0] == 0
    assert given == ["en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/index.html"]
    clean = tmp_path / "clean" / "public"
    assert run(*build_args(tiny, clean, "--clean", search=True))[0] == 0
    assert tree(out) == tree(clean)


def test_a_shard_that_cannot_be_put_together_fails_the_build_clearly(run, tiny, tmp_path, given, monkeypatch):
    def refused(bundle, files):
        raise search_merge.CannotMerge("pages sorted with data-pagefind-sort")

    monkeypatch.setattr(search_merge, "split", refused)
    code, _, err = run(*build_args(tiny, tmp_path / "public", search=True))
    assert code != 0
    assert "search: the search index cannot be cut into shards: pages sorted with data-pagefind-sort" in err
    assert not (tmp_path / "public").exists()

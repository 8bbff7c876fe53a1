"""Search: what each page gives Pagefind, and the index the build makes with it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import TINY, build_args, tree
from sitecheck import BuiltSite
from vnu_site.outputs import pagefind_stable, search
from vnu_site.pages.search_data import folded_words


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("search") / "public"
    assert main([str(a) for a in build_args(TINY, out, search=True)]) == 0
    return out


def test_folded_words_write_d_for_d_with_stroke_only_where_needed():
    # Tones stay: Pagefind folds those itself ('Dại' is found by 'dai'); only đ needs help.
    assert folded_words("Đại học Đà Nẵng", "ĐHQGHN và đối tác") == "Dại Dà DHQGHN dối"
    assert folded_words("hợp tác quốc tế") == ""
    assert folded_words("Đại học", "đại học Đại") == "Dại dại"  # each distinct word once, in order


def test_item_pages_carry_filters_metadata_and_the_hidden_folded_copy(built):
    site = BuiltSite(built)
    doc = site.pages["/vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/"]
    main = doc.xpath("//main")[0]
    assert main.get("data-pagefind-body") is not None
    filters = doc.xpath("//@data-pagefind-filter")
    assert filters == ["kind:article", "partner:tsinghua", "partner:vnu"]
    meta = doc.xpath("//*[@data-pagefind-meta]")[0]
    assert (meta.get("data-label"), meta.get("data-date")) == ("Tin tức", "2/3/2025")
    folded = doc.xpath("//main/p[@hidden]/text()")
    assert folded == ["DHQGHN DH dại dổi"]  # from the title, then the body's 'đại' and 'đổi'
    # the copy is hidden and outside the filters block, so Pagefind indexes it but readers never see it
    assert doc.xpath("//main/p[@hidden]/ancestor::*[@data-pagefind-ignore]") == []


def test_list_pages_are_not_indexed(built):
    site = BuiltSite(built)
    for path in ("/vi/", "/vi/tin-tuc/", "/en/partners/", "/en/search/", "/404.html"):
        assert site.pages[path].xpath("//main/@data-pagefind-body") == [], path


def test_build_makes_one_index_per_language(built):
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {lang: data["page_count"] for lang, data in entry["languages"].items()}
    assert pages == {"vi": 11, "en": 10}  # item pages only (pages too); the MOOC story is in Vietnamese only
    assert (built / "pagefind" / "pagefind.js").is_file()
    # only what search.js uses is published, not Pagefind's own ready-made interfaces
    assert sorted(p.name for p in (built / "pagefind").glob("*.js")) == ["pagefind-worker.js", "pagefind.js"]
    assert not list((built / "pagefind").glob("*.css"))


def test_search_pages_offer_kind_and_partner_filters(built):
    site = BuiltSite(built)
    doc = site.pages["/vi/tim-kiem/"]
    assert doc.xpath('//select[@name="kind"]/option/@value') == ["", "article", "partner", "event", "agreement", "page"]
    partners = doc.xpath('//select[@name="partner"]/option/text()')
    assert partners[1:] == ["Đại học Quốc gia Hà Nội", "Đại học Thanh Hoa", "Liên minh MOOC và Giáo dục Trực tuyến toàn cầu"]
    assert doc.xpath('//script[@type="module"]/@src') == ["/assets/search.js"]
    assert site.pages["/en/"].xpath('//header//a[@class="search-link"]/@href') == ["/en/search/"]


def test_no_search_builds_no_index(run, tmp_path):
    code, _, err = run(*build_args(TINY, tmp_path / "public"))
    assert code == 0, err
    assert not (tmp_path / "public" / "pagefind").exists()


def test_missing_pagefind_fails_the_build_and_keeps_the_old_site(run, tmp_path, monkeypatch):
    out = tmp_path / "public"
    assert run(*build_args(TINY, out))[0] == 0
    before = tree(out)
    monkeypatch.setattr(search, "pagefind_command", lambda: [sys.executable, "-m", "pagefind_is_not_here"])
    code, _, err = run(*build_args(TINY, out, search=True))
    assert code == 1
    assert "search: Pagefind is not installed: pip install 'pagefind[bin]', or build with --no-search\n" in err
    assert tree(out) == before


def test_the_search_index_is_byte_identical_between_builds(run, built, tmp_path):
    # Pagefind writes its filters from hash maps; pagefind_stable sorts them and renames.
    again = tmp_path / "again" / "public"
    code, _, err = run(*build_args(TINY, again, search=True))
    assert code == 0, err
    assert tree(again) == tree(built)
    filters = sorted(p.name for p in (built / "pagefind" / "filter").iterdir())
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        assert (built / "pagefind" / f"pagefind.{info['hash']}.pf_meta").is_file(), lang
    assert filters and all(name.endswith(".pf_filter") for name in filters)


def _copy_of_index(built, tmp_path):
    import shutil

    bundle = tmp_path / "pagefind"
    shutil.copytree(built / "pagefind", bundle)
    return bundle


def test_the_installed_pagefind_is_the_series_whose_index_format_we_rewrite():
    from importlib.metadata import version

    assert version("pagefind").startswith(pagefind_stable.SUPPORTED_SERIES)


@pytest.mark.parametrize("found", ["1.6.0", "2.0.0", None])
def test_an_index_from_another_pagefind_version_is_refused_by_name(built, tmp_path, found):
    bundle = _copy_of_index(built, tmp_path)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    if found is None:
        del entry["version"]
    else:
        entry["version"] = found
    entry_path.write_text(json.dumps(entry), encoding="utf-8")
    with pytest.raises(pagefind_stable.UnknownIndexFormat) as refused:
        pagefind_stable.stabilise(bundle)
    shown = found or "(no version)"
    assert str(refused.value) == (
        f"Pagefind {shown} writes an index format vnu-site does not know; vnu-site supports Pagefind 1.5.x "
        "(tested with 1.5.2): pip install 'pagefind[bin]==1.5.2', or build with --no-search"
    )


def test_an_index_of_an_unknown_shape_is_refused_naming_the_supported_version(built, tmp_path):
    bundle = _copy_of_index(built, tmp_path)
    for meta in bundle.glob("*.pf_meta"):
        meta.write_bytes(b"not gzip")
    with pytest.raises(pagefind_stable.UnknownIndexFormat) as refused:
        pagefind_stable.stabilise(bundle)
    message = str(refused.value)
    assert message.startswith("Pagefind 1.5.2 writes an index format vnu-site does not know (")
    assert message.endswith(
        "vnu-site supports Pagefind 1.5.x (tested with 1.5.2): pip install 'pagefind[bin]==1.5.2', or build with --no-search"
    )


# --- the index in shards (search_shards.py): each a Pagefind bundle, merged by the search page


def test_the_first_build_of_a_small_site_has_one_bundle_with_everything(built):
    shards = json.loads((built / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    nothing = {"merge": [], "words": None}
    assert shards["languages"] == {"en": nothing, "vi": nothing}  # nothing to merge: 21 pages make one shard
    assert list(shards["bundles"]) == [""] and shards["bundles"][""]["languages"] == ["en", "vi"]
    assert not [p for p in (built / "pagefind").iterdir() if p.is_dir() and p.name not in ("filter", "fragment", "index")]
    assert not list(built.rglob(".vnu-search*"))  # Pagefind's working folder is not published


def test_the_shard_rule_is_a_stable_function_of_the_pages():
    from vnu_site.outputs import search_shards

    pages = {f"{lang}/news/story-{n}/index.html": lang for lang in ("vi", "en") for n in range(300)}
    digests = dict.fromkeys(pages, "d")
    shards = search_shards.plan(pages, digests)
    assert shards == search_shards.plan(dict(reversed(pages.items())), digests)  # the order given does not matter
    assert [shard.folder for shard in shards] == ["", "en-0/", "en-1/", "en-2/", "vi-0/", "vi-1/", "vi-2/"]  # ceil(300 / 128) = 3
    assert sum(len(shard.pages) for shard in shards) == 600
    # the main bundle has a page of every language: the one whose path hashes lowest
    assert [file for file, _digest in shards[0].pages] == ["en/news/story-152/index.html", "vi/news/story-35/index.html"]
    assert all({file.split("/")[0] for file, _digest in shard.pages} == {shard.folder[:2]} for shard in shards[1:])
    assert all(75 <= len(shard.pages) <= 125 for shard in shards[1:])  # about 100 each
    # a page keeps its shard when others come and go (while the count stays)
    fewer = search_shards.plan({file: lang for file, lang in pages.items() if not file.endswith("7/index.html")}, digests)
    where = {file: shard.folder for shard in shards for file, _digest in shard.pages}
    assert all(where[file] == shard.folder for shard in fewer for file, _digest in shard.pages)
    assert search_shards.shard_count(0) == search_shards.shard_count(128) == 1
    assert search_shards.shard_count(129) == 2 and search_shards.shard_count(10**6) == search_shards.MAX_SHARDS


def test_a_small_language_stays_whole_in_the_main_bundle():
    from vnu_site.outputs import search_shards

    pages = {**{f"en/p{n}/index.html": "en" for n in range(129)}, **{f"fr/p{n}/index.html": "fr" for n in range(3)}}
    shards = search_shards.plan(pages, dict.fromkeys(pages, "d"))
    assert [shard.folder for shard in shards] == ["", "en-0/", "en-1/"]
    assert sorted(file.split("/")[0] for file, _digest in shards[0].pages) == ["en", "fr", "fr", "fr"]


def test_what_pagefind_reads_of_a_page():
    from vnu_site.outputs.search_shards import indexed, read_page

    assert read_page(b'<!DOCTYPE html>\n<html lang="VI"><body><main id="m" data-pagefind-body>') == (True, "vi")
    assert read_page(b"<html><body><p>Use data-pagefind-body on main</p>") == (False, "unknown")  # words are not a mark
    pages = {"a.html": (True, "vi"), "b.html": (False, "vi")}
    assert indexed(pages) == {"a.html": "vi"}  # marked pages only, as Pagefind does
    assert indexed({"b.html": (False, "en")}) == {"b.html": "en"}  # none marked: every page


def test_a_sharded_index_is_one_main_bundle_and_single_language_shards(run, tmp_path, small_shards):
    out = tmp_path / "public"
    code, _, err = run(*build_args(TINY, out, search=True))
    assert code == 0, err
    bundle = out / "pagefind"
    shards = json.loads((bundle / "shards.json").read_text(encoding="utf-8"))
    assert sorted(small_shards) == sorted(folder for folder in shards["bundles"] if not folder.endswith("-words/"))  # each once
    merged = {lang: listed["merge"] for lang, listed in shards["languages"].items()}
    assert merged == {"en": ["en-0/", "en-1/", "en-2/", "en-3/"], "vi": ["vi-0/", "vi-1/", "vi-2/", "vi-3/"]}
    assert {lang: listed["words"] for lang, listed in shards["languages"].items()} == {"en": "en-words/", "vi": "vi-words/"}
    counts: dict[str, int] = {}
    for folder in ["", *merged["en"], *merged["vi"]]:
        entry = json.loads((bundle / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert sorted(entry["languages"]) == (["en", "vi"] if folder == "" else [folder[:2]])
        for lang, info in entry["languages"].items():
            counts[lang] = counts.get(lang, 0) + info["page_count"]
        code_files = sorted(p.name for p in (bundle / folder).iterdir() if p.suffix in (".js", ".pagefind"))
        # Pagefind's code and WebAssembly only in the main bundle: it loads them from there alone
        assert code_files == (["pagefind-worker.js", "pagefind.js", "wasm.en.pagefind", "wasm.unknown.pagefind"] if folder == "" else [])
    assert counts == {"vi": 11, "en": 10}  # every indexed page, in one shard
    # the words' index: a record of each shard's words, written as Pagefind writes its own
    words = json.loads((bundle / "vi-words" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert words["languages"]["vi"]["page_count"] == 5 and words["version"] == "1.5.2"
    assert sorted(p.name for p in (bundle / "vi-words").iterdir() if p.is_dir()) == ["filter", "index"]  # never a result: no fragment


def test_the_words_index_has_each_shards_words():
    from vnu_site.outputs import search_words

    files = search_words.lexicon(
        "vi", [("", ["dai", "hoc"]), ("vi-1/", ["dai", "quoc"])], {"version": "1.5.2", "languages": {"vi": {"wasm": None}}}
    )
    load = search_words._load_bytes
    chunks = {name: load(data) for name, data in files.items() if name.startswith("index/")}
    words = {word: [page for page, _locations in pages] for chunk in chunks.values() for word, pages, _variants in chunk[0]}
    assert words == {"dai": [0, 1], "hoc": [0], "quoc": [1]}  # page numbers as deltas: 0, then +1
    (filters,) = [load(data) for name, data in files.items() if name.startswith("filter/")]
    assert filters == ["vnu_lexicon", [["main", [0]], ["vi-1/", [1]]]]
    assert files == search_words.lexicon(
        "vi", [("", ["dai", "hoc"]), ("vi-1/", ["dai", "quoc"])], {"version": "1.5.2", "languages": {"vi": {"wasm": None}}}
    )


def test_an_edit_indexes_again_only_the_shard_of_the_page_it_changed(run, tiny, tmp_path, small_shards):
    out = tmp_path / "public"
    assert run(*build_args(tiny, out, search=True))[0] == 0
    first = tree(out)
    small_shards.clear()
    article = tiny / "articles" / "tsinghua-ai.en.md"
    article.write_text(article.read_text(encoding="utf-8").replace("and VNU signed", "and VNU formally signed"), encoding="utf-8")
    assert run(*build_args(tiny, out, search=True))[0] == 0
    page = "en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/index.html"
    shards = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert len(small_shards) == 1 and len(shards["bundles"]) == 11  # 9 shards, 2 indexes of words
    (shard,) = small_shards
    others = {folder.rstrip("/") for folder in shards["bundles"] if folder}
    changed = {
        path.split("/")[1] + "/" if path.split("/")[1] in others else ""
        for path, data in tree(out).items()
        if path.startswith("pagefind/") and path != "pagefind/shards.json" and first.get(path) != data
    }
    assert changed <= {shard, "en-words/"}  # the other shards' files are the same files
    assert first[page] != tree(out)[page]
    clean = tmp_path / "clean" / "public"
    assert run(*build_args(tiny, clean, "--clean", search=True))[0] == 0
    assert tree(out) == tree(clean)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("where", ["output", "spare"])
def test_a_damaged_shard_is_never_published(run, tiny, tmp_path, small_shards, where):
    out = tmp_path / "public"
    assert run(*build_args(tiny, out, search=True))[0] == 0
    _edit(tiny / "articles" / "tsinghua-ai.en.md", "and VNU signed", "and VNU formally signed")
    assert run(*build_args(tiny, out, search=True))[0] == 0  # the first site is now the spare
    folder = out if where == "output" else next((tmp_path / ".vnu-cache").glob("*/spare"))
    fragment = sorted((folder / "pagefind" / "vi-2" / "fragment").iterdir())[0]
    fragment.write_bytes(fragment.read_bytes()[:10])  # truncated
    small_shards.clear()
    _edit(tiny / "articles" / "tsinghua-ai.vi.md", "trao đổi sinh viên", "trao đổi giảng viên")
    assert run(*build_args(tiny, out, search=True))[0] == 0
    indexed = list(small_shards)
    clean = tmp_path / "clean" / "public"
    assert run(*build_args(tiny, clean, "--clean", search=True))[0] == 0
    assert tree(out) == tree(clean)
    assert 0 < len(indexed) < 9  # not every shard
    # The output's file is not as the last build left it: its shard is indexed again. The
    # spare's is not either: the output's copy is taken instead.
    assert ("vi-2/" in indexed) == (where == "output")

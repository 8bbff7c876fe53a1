"""Search: what each page gives Pagefind, and the index the build makes with it."""

from __future__ import annotations

import json
import sys

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
    monkeypatch.setattr(search, "PAGEFIND", [sys.executable, "-m", "pagefind_is_not_here"])
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

"""The tiny fixture site, built and read back with an HTML parser."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import TINY, build_args, tree
from sitecheck import BuiltSite

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "tiny"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("tiny") / "public"
    assert main([str(a) for a in build_args(TINY, out)]) == 0
    return out


@pytest.fixture(scope="module")
def site(built):
    return BuiltSite(built)


def test_matches_golden_output(built):
    produced = {path: data for path, data in tree(built).items()}
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, data in produced.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(data)
    expected = tree(GOLDEN)
    assert sorted(produced) == sorted(expected)
    for path in expected:
        assert produced[path].decode() == expected[path].decode(), path


def test_every_internal_link_resolves(site):
    assert site.broken_links() == []


def test_html_lang_matches_language_folder(site):
    assert site.wrong_langs() == []


def test_hreflang_links_are_reciprocal_with_x_default(site):
    assert site.hreflang_problems() == []


def test_switcher_goes_to_counterpart_or_explains(site):
    assert site.switcher_problems() == []


def test_every_listed_reference_links_back(site):
    assert site.backlink_problems() == []


def test_untranslated_article_has_notice_and_fallback(site):
    page = "/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/"
    doc = site.pages[page]
    switch = doc.xpath('//nav[contains(@class,"lang-switch")]/a')[0]
    assert site.path_of(switch.get("href")) == "/en/news/"
    assert set(site.alternates(page)) == {"vi", "x-default"}
    assert "chưa có bản tiếng Anh" in doc.xpath('string(//p[contains(@class,"notice")])')
    # Lists in English never show the untranslated article.
    assert not any("mooc" in (a.get("href") or "") for a in site.pages["/en/news/"].xpath("//a"))


def test_partner_page_lists_everything_that_refers_to_it(site):
    page = "/en/partners/tsinghua-university/"
    assert site.section_links(page, "rel-agreements") == ["/en/agreements/student-exchange-agreement/"]
    assert site.section_links(page, "rel-events") == ["/en/events/vietnam-china-higher-education-conference/"]
    assert site.section_links(page, "rel-articles") == ["/en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/"]
    assert site.section_links(page, "rel-initiated") == ["/en/partners/global-mooc-and-online-education-alliance/"]
    vi_alliance = "/vi/doi-tac/lien-minh-mooc-va-giao-duc-truc-tuyen-toan-cau/"
    assert site.section_links(vi_alliance, "rel-members") == ["/vi/doi-tac/dai-hoc-thanh-hoa/", "/vi/doi-tac/dai-hoc-quoc-gia-ha-noi/"]
    assert site.section_links(vi_alliance, "rel-articles") == ["/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/"]


def test_dates_follow_the_page_locale(site):
    vi = site.pages["/vi/su-kien/chuyen-tham-cap-nha-nuoc/"]
    en = site.pages["/en/events/state-visit/"]
    assert vi.xpath("string(//dl//time)") == "ngày 14–15 tháng 4 năm 2025"
    assert en.xpath("string(//dl//time)") == "14–15 April 2025"
    article = site.pages["/vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/"]
    assert article.xpath("string(//article//header//time)") == "ngày 2 tháng 3 năm 2025"
    # lists write the short form, and an event's whole range
    home = site.pages["/vi/"]
    assert "14–15/4/2025" in home.xpath("//main//time/text()")


def test_root_sends_visitors_to_vietnamese(built):
    root = (built / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/vi/">' in root


def test_inline_item_links_resolve_in_the_page_language(site):
    doc = site.pages["/vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/"]
    hrefs = doc.xpath('//div[@class="body"]//a/@href')
    assert hrefs == ["/vi/doi-tac/dai-hoc-thanh-hoa/", "/vi/su-kien/hoi-thao-giao-duc-dai-hoc-viet-nam-trung-quoc/"]


def test_partners_index_groups_by_kind_and_country_in_vietnamese_order(site):
    doc = site.pages["/vi/doi-tac/"]
    # after the world map and the chart (their own headings), the lists by kind
    assert doc.xpath("//main//h2/text()") == [
        "Đối tác trên bản đồ thế giới",
        "Đối tác theo quốc gia và loại hình",
        "Trường đại học",
        "Liên minh",
    ]
    assert doc.xpath('//main//section[@class="group"][1]//h3/text()') == ["Trung Quốc"]  # not VNU, the publisher


def test_news_is_paginated_newest_first(site):
    first = site.pages["/vi/tin-tuc/"]
    second = site.pages["/vi/tin-tuc/trang/2/"]
    assert first.xpath("//main//article//time/@datetime") == ["2025-04-16", "2025-03-02"]
    assert second.xpath("//main//article//time/@datetime") == ["2025-01-10"]
    assert site.path_of(first.xpath('//a[@rel="next"]/@href')[0]) == "/vi/tin-tuc/trang/2/"


def test_same_input_gives_identical_output(run, tmp_path):
    code_a, _, _ = run(*build_args(TINY, tmp_path / "a"))
    code_b, _, _ = run(*build_args(TINY, tmp_path / "b"))
    assert code_a == code_b == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_subpath_base_url_makes_every_link_work(run, tmp_path):
    out = tmp_path / "public"
    code, _, err = run(*build_args(TINY, out, "--base-url", "https://example.org/bulletin/"))
    assert code == 0, err
    site = BuiltSite(out, "https://example.org/bulletin/")
    assert site.broken_links() == []
    assert site.hreflang_problems() == []
    home = site.pages["/vi/"]
    assert home.xpath('//link[@rel="stylesheet"]/@href') == ["/bulletin/assets/style.css"]
    assert home.xpath('//link[@rel="canonical"]/@href') == ["https://example.org/bulletin/vi/"]
    assert (out / "index.html").read_text(encoding="utf-8").count("url=/bulletin/vi/") == 1

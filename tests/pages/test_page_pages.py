"""The pages of the `page` kind (pages/standalone.py, views, structured), built from the tiny
site and read back with lxml: About (/vi/gioi-thieu/, /en/about/) and Contact under it."""

from __future__ import annotations

import json

import pytest
from lxml import html

from conftest import TINY, build_args
from sitecheck import BuiltSite

ABOUT = {"vi": "/vi/gioi-thieu/", "en": "/en/about/"}
CONTACT = {"vi": "/vi/gioi-thieu/lien-he/", "en": "/en/about/contact/"}
ORIGIN = "https://example.org"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("tiny-pages") / "public"
    assert main([str(a) for a in build_args(TINY, out)]) == 0
    return BuiltSite(out)


def _crumbs(doc) -> list[tuple[str, str | None]]:
    items = doc.xpath('//nav[contains(@class,"breadcrumbs")]//li')
    return [(li.text_content().strip(), li.xpath("string(a/@href)") or None) for li in items]


def _children(doc) -> list[tuple[str, str]]:
    return [(a.text, a.get("href")) for a in doc.xpath('//nav[@aria-labelledby="rel-children"]//li/a')]


def _switch(doc) -> list[tuple[str, str, str]]:
    return [(a.get("hreflang"), a.get("href"), a.get("class") or "") for a in doc.xpath('//nav[contains(@class,"lang-switch")]/a')]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_page_has_its_url_language_and_alternates(site, lang):
    for page in (ABOUT, CONTACT):
        doc = site.pages[page[lang]]
        assert doc.get("lang") == lang
        assert site.alternates(page[lang]) == {"vi": ORIGIN + page["vi"], "en": ORIGIN + page["en"], "x-default": ORIGIN + page["vi"]}
        other = "en" if lang == "vi" else "vi"
        assert _switch(doc) == [(other, page[other], "")]
        assert not doc.xpath('//p[contains(@class,"notice")]')
    assert site.broken_links() == [] and site.hreflang_problems() == [] and site.switcher_problems() == []


def test_breadcrumbs_show_the_pages_above(site):
    assert _crumbs(site.pages[CONTACT["vi"]]) == [("Trang chủ", "/vi/"), ("Giới thiệu", "/vi/gioi-thieu/"), ("Liên hệ", None)]
    assert _crumbs(site.pages[CONTACT["en"]]) == [("Home", "/en/"), ("About", "/en/about/"), ("Contact", None)]
    assert _crumbs(site.pages[ABOUT["en"]]) == [("Home", "/en/"), ("About", None)]
    assert site.pages[CONTACT["en"]].xpath('//nav[contains(@class,"breadcrumbs")]//li[last()]/@aria-current') == ["page"]


def test_a_page_lists_its_children_and_is_accessible(site):
    about = site.pages[ABOUT["en"]]
    assert about.xpath("//main//h1/text()") == ["About"]
    assert about.xpath('string(//nav[@aria-labelledby="rel-children"]/h2[@id="rel-children"])') == "In this section"
    assert _children(about) == [("Contact", CONTACT["en"])]
    assert about.xpath('//nav[@aria-labelledby="rel-children"]//li/p[@class="summary"]/text()') == ["How to reach the editors."]
    assert _children(site.pages[ABOUT["vi"]]) == [("Liên hệ", CONTACT["vi"])]
    assert site.pages[ABOUT["vi"]].xpath('string(//h2[@id="rel-children"])') == "Các trang con"
    assert _children(site.pages[CONTACT["en"]]) == []  # no list, not an empty one
    assert not site.pages[CONTACT["en"]].xpath('//*[@id="rel-children"]')


def test_page_links_in_bodies_go_to_the_page_in_the_same_language(site):
    assert site.pages[ABOUT["vi"]].xpath('//div[@class="body"]//a/@href') == ["/vi/doi-tac/dai-hoc-thanh-hoa/", CONTACT["vi"]]
    assert site.pages[CONTACT["en"]].xpath('//div[@class="body"]//a/@href') == [ABOUT["en"]]


def test_a_page_linking_to_a_partner_is_not_listed_on_it(site):
    partner = site.pages["/en/partners/tsinghua-university/"]
    assert ABOUT["en"] not in [site.path_of(href) for href in partner.xpath("//main//a/@href")]


def test_json_ld_is_a_web_page_with_its_trail(site):
    data = json.loads(site.pages[CONTACT["en"]].xpath('string(//script[@type="application/ld+json"])'))
    assert data["@type"] == "WebPage"
    assert (data["url"], data["name"], data["inLanguage"], data["description"]) == (
        ORIGIN + CONTACT["en"],
        "Contact",
        "en",
        "How to reach the editors.",
    )
    assert [(step["position"], step["name"], step["item"]) for step in data["breadcrumb"]["itemListElement"]] == [
        (1, "About", ORIGIN + ABOUT["en"]),
        (2, "Contact", ORIGIN + CONTACT["en"]),
    ]
    top = json.loads(site.pages[ABOUT["vi"]].xpath('string(//script[@type="application/ld+json"])'))
    assert top["@type"] == "WebPage" and "breadcrumb" not in top
    assert site.pages[ABOUT["vi"]].xpath('//meta[@property="og:type"]/@content') == ["website"]


def _build(run, content, out):
    code, _, err = run(*build_args(content, out))
    assert code == 0, err
    return BuiltSite(out)


def test_children_are_ordered_by_order_then_by_title_in_the_languages_alphabet(run, tiny, tmp_path):
    for key, title, extra in [("b", "Đào tạo", ""), ("a", "Ưu đãi", ""), ("c", "Dự án", ""), ("d", "Zeta", "order: 1\n")]:
        (tiny / "pages" / f"{key}.vi.md").write_text(f"---\ntitle: {title}\nparent: about\n{extra}---\n", encoding="utf-8")
    site = _build(run, tiny, tmp_path / "public")
    # order 1, order 2 (Liên hệ), then by Vietnamese collation: D < Đ < U < Ư
    assert [title for title, _href in _children(site.pages[ABOUT["vi"]])] == ["Zeta", "Liên hệ", "Dự án", "Đào tạo", "Ưu đãi"]
    assert [title for title, _href in _children(site.pages[ABOUT["en"]])] == ["Contact"]  # the others have no English


def test_a_page_in_one_language_only_switches_to_the_closest_page_above_it(run, tiny, tmp_path):
    (tiny / "pages" / "scholarships.vi.md").write_text("---\ntitle: Học bổng\nparent: contact\n---\nChỉ có tiếng Việt.\n", encoding="utf-8")
    (tiny / "pages" / "visiting.vi.md").write_text("---\ntitle: Đến thăm\n---\nChỉ có tiếng Việt.\n", encoding="utf-8")
    site = _build(run, tiny, tmp_path / "public")
    page = "/vi/gioi-thieu/lien-he/hoc-bong/"
    doc = site.pages[page]
    assert _switch(doc) == [("en", CONTACT["en"], "missing")]
    assert doc.xpath('//p[contains(@class,"notice")]/a/@href') == [CONTACT["en"]]
    assert doc.xpath('//p[contains(@class,"notice")]/a/text()') == ["Contact"]
    assert site.alternates(page) == {"vi": ORIGIN + page, "x-default": ORIGIN + page}
    assert not site.exists("/en/about/contact/scholarships/")
    assert _switch(site.pages["/vi/den-tham/"]) == [("en", "/en/", "missing")]  # nothing above it: the home page
    assert site.switcher_problems() == [] and site.hreflang_problems() == [] and site.broken_links() == []


def test_a_child_whose_parent_is_missing_in_a_language_sits_at_the_top_there(run, tiny, tmp_path):
    (tiny / "pages" / "about.en.md").unlink()
    site = _build(run, tiny, tmp_path / "public")
    assert _crumbs(site.pages["/en/contact/"]) == [("Home", "/en/"), ("Contact", None)]
    assert site.alternates("/en/contact/")["vi"] == ORIGIN + CONTACT["vi"]
    assert _switch(site.pages[ABOUT["vi"]]) == [("en", "/en/", "missing")]


def test_the_status_pages_have_a_row_per_page(site):
    doc = site.pages["/en/translation-status/pages/"]
    assert doc.xpath("//h1/text()") == ["Translation status: Pages"]
    assert doc.xpath("//tr[@data-kind='page']/@data-key") == ["about", "contact"]
    index = html.fromstring((site.out / "vi/tinh-trang-dich/index.html").read_bytes())
    assert "/vi/tinh-trang-dich/trang-thong-tin/" in index.xpath('//ul[@class="status-kinds"]//a/@href')


def test_an_old_address_of_a_page_redirects_to_it(run, tiny, tmp_path):
    contact = tiny / "pages" / "contact.en.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("---\n", "---\naliases: [/en/contact-us/]\n", 1), encoding="utf-8")
    site = _build(run, tiny, tmp_path / "public")
    redirect = site.pages["/en/contact-us/"]
    assert redirect.xpath('//meta[@http-equiv="refresh"]/@content') == [f"0; url={CONTACT['en']}"]
    assert redirect.xpath('//link[@rel="canonical"]/@href') == [ORIGIN + CONTACT["en"]]

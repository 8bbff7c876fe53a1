"""sitemap.xml and robots.txt: every public page once, with its translations and x-default."""

from __future__ import annotations

import pytest
from lxml import etree

from conftest import TINY, build_args
from sitecheck import BuiltSite

S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
X = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("sitemap") / "public"
    assert main([str(a) for a in build_args(TINY, out)]) == 0
    return out


def sitemap(built) -> dict[str, dict[str, str]]:
    root = etree.parse(str(built / "sitemap.xml")).getroot()
    result = {}
    for url in root.findall(f"{S}url"):
        loc = url.findtext(f"{S}loc")
        assert loc not in result, f"{loc} listed twice"
        result[loc] = {link.get("hreflang"): link.get("href") for link in url.findall(f"{X}link")}
    return result


def test_sitemap_lists_every_public_page_and_nothing_else(built):
    site = BuiltSite(built)
    listed = {site.path_of(loc) for loc in sitemap(built)}
    public = {
        path
        for path, doc in site.pages.items()
        if path.startswith(("/vi/", "/en/")) and not doc.xpath('//meta[@name="robots"][@content="noindex"]|//meta[@http-equiv="refresh"]')
    }
    assert listed == public
    assert "/404.html" not in listed and "/en/404.html" not in listed
    assert "/vi/tim-kiem/" in listed and "/en/search/" in listed


def test_alternates_match_each_pages_hreflang_links(built):
    site = BuiltSite(built)
    for loc, alternates in sitemap(built).items():
        path = site.path_of(loc)
        assert alternates == site.alternates(path), path
        assert alternates[path.split("/")[1]] == loc
        for href in alternates.values():
            assert site.exists(site.path_of(href)), href


def test_untranslated_page_has_only_its_own_language_and_x_default(built):
    entries = sitemap(built)
    mooc = entries["https://example.org/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/"]
    assert mooc == {
        "vi": "https://example.org/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/",
        "x-default": "https://example.org/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/",
    }


def test_robots_points_at_the_sitemap(built):
    assert (built / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"


def test_not_found_pages_exist_in_both_languages_and_are_not_indexed(built):
    site = BuiltSite(built)
    vi, en = site.pages["/404.html"], site.pages["/en/404.html"]
    assert vi.get("lang") == "vi" and en.get("lang") == "en"
    for doc in (vi, en):
        assert doc.xpath('//meta[@name="robots"]/@content') == ["noindex"]
        assert doc.xpath('//form[@role="search"]/@action')
    assert site.path_of(vi.xpath('//nav[contains(@class,"lang-switch")]/a/@href')[0]) == "/en/404.html"

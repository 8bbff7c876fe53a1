"""sitemap.xml and robots.txt: every public page once, with its translations and x-default."""

from __future__ import annotations

import json
import re

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


# --- <lastmod> ----------------------------------------------------------------------------------
# The sitemap protocol's schema (sitemaps.org/schemas/sitemap/0.9/sitemap.xsd), the parts a
# <url> of ours uses: <loc>, then an optional <lastmod> (a date or a date-time), then elements
# of other namespaces (the xhtml:link alternates).
SITEMAP_XSD = b"""<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9"
  xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" elementFormDefault="qualified">
  <xsd:element name="urlset">
    <xsd:complexType><xsd:sequence><xsd:element ref="url" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType>
  </xsd:element>
  <xsd:element name="url">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:element name="loc" type="tLoc"/>
        <xsd:element name="lastmod" type="tLastmod" minOccurs="0"/>
        <xsd:element name="changefreq" type="xsd:string" minOccurs="0"/>
        <xsd:element name="priority" type="xsd:decimal" minOccurs="0"/>
        <xsd:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>
  <xsd:simpleType name="tLoc">
    <xsd:restriction base="xsd:anyURI"><xsd:minLength value="12"/><xsd:maxLength value="2048"/></xsd:restriction>
  </xsd:simpleType>
  <xsd:simpleType name="tLastmod"><xsd:union memberTypes="xsd:date xsd:dateTime"/></xsd:simpleType>
</xsd:schema>
"""


def lastmods(built) -> dict[str, str | None]:
    root = etree.parse(str(built / "sitemap.xml")).getroot()
    return {url.findtext(f"{S}loc"): url.findtext(f"{S}lastmod") for url in root.findall(f"{S}url")}


def test_sitemap_is_valid_with_lastmod_after_loc(built):
    schema = etree.XMLSchema(etree.fromstring(SITEMAP_XSD))
    document = etree.parse(str(built / "sitemap.xml"))
    assert schema.validate(document), schema.error_log


def test_lastmod_is_an_articles_day_and_a_news_lists_newest(built):
    found = lastmods(built)
    base = "https://example.org"
    assert found[f"{base}/vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/"] == "2025-03-02"
    assert found[f"{base}/en/news/the-state-visit/"] == "2025-04-16"
    assert found[f"{base}/vi/tin-tuc/"] == found[f"{base}/en/news/"] == "2025-04-16"  # the newest story listed
    assert found[f"{base}/en/tags/artificial-intelligence/"] == "2025-03-02"
    # pages whose changes no date records: none rather than a wrong one
    for path in ("/vi/", "/en/", "/en/partners/", "/en/events/", "/en/archive/", "/en/about/"):
        assert found[base + path] is None, path
    for day in filter(None, found.values()):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)


def test_updated_is_the_lastmod_and_the_feeds_modified_date(tiny, tmp_path):
    from vnu_site.__main__ import main

    article = tiny / "articles" / "tsinghua-ai.vi.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("date: 2025-03-02\n", "date: 2025-03-02\nupdated: 2025-05-20\n"), "utf-8"
    )
    out = tmp_path / "public"
    assert main([str(a) for a in build_args(tiny, out)]) == 0
    found = lastmods(out)
    assert found["https://example.org/vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/"] == "2025-05-20"
    assert found["https://example.org/en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/"] == "2025-05-20"
    assert found["https://example.org/vi/tin-tuc/"] == "2025-05-20"  # the list changed with it
    atom = etree.parse(str(out / "en/feed.xml")).getroot()
    A = "{http://www.w3.org/2005/Atom}"
    entry = next(e for e in atom.findall(f"{A}entry") if "tsinghua" in e.findtext(f"{A}id"))
    assert (entry.findtext(f"{A}published"), entry.findtext(f"{A}updated")) == ("2025-03-02T00:00:00Z", "2025-05-20T00:00:00Z")
    assert atom.findtext(f"{A}updated") == "2025-05-20T00:00:00Z"
    feed = json.loads((out / "en/feed.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if "tsinghua" in i["id"])
    assert (item["date_published"], item["date_modified"]) == ("2025-03-02T00:00:00Z", "2025-05-20T00:00:00Z")
    page = BuiltSite(out).pages["/en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/"]
    data = json.loads(page.xpath('//script[@type="application/ld+json"]/text()')[0])
    assert (data["datePublished"], data["dateModified"]) == ("2025-03-02", "2025-05-20")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-02-28", "the article is updated (2025-02-28) before its date (2025-03-02)"),
        ("2025-05", "'2025-05' is not a whole day; write YYYY-MM-DD"),
    ],
)
def test_updated_is_a_whole_day_not_before_the_date(refused, value, message):
    def setup(content, tmp):
        article = content / "articles" / "tsinghua-ai.vi.md"
        text = article.read_text(encoding="utf-8").replace("date: 2025-03-02\n", f"date: 2025-03-02\nupdated: {value}\n")
        article.write_text(text, encoding="utf-8")

    _, err = refused(setup)
    assert any(line.startswith("content/articles/tsinghua-ai.vi.md:4:") and message in line for line in err.splitlines()), err

"""Pages that are not news (the `page` kind), end to end: the sitemap lists them with their
translations, the feeds and the calendar do not, `check` tells what waits for a translator,
and the bundled bulletin has its About page in both languages, out of the menu."""

from __future__ import annotations

import json

from lxml import etree, html

from conftest import ROOT, TEMPLATES, build_args
from vnu_site.sources import provenance

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ORIGIN = "https://example.org"


def _sitemap(out) -> dict[str, dict[str, str]]:
    root = etree.fromstring((out / "sitemap.xml").read_bytes())
    return {
        url.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        for url in root.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_lists_pages_with_their_translations_and_the_feeds_do_not(run, tiny, tmp_path):
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0
    entries = _sitemap(out)
    both = {"vi": f"{ORIGIN}/vi/gioi-thieu/lien-he/", "en": f"{ORIGIN}/en/about/contact/", "x-default": f"{ORIGIN}/vi/gioi-thieu/lien-he/"}
    assert entries[f"{ORIGIN}/en/about/contact/"] == both
    assert entries[f"{ORIGIN}/vi/gioi-thieu/lien-he/"] == both
    assert f"{ORIGIN}/vi/gioi-thieu/" in entries and f"{ORIGIN}/en/about/" in entries
    feeds = [*out.glob("*/feed.xml"), *out.glob("*/*/*/feed.xml"), *out.glob("*/calendar.ics")]
    assert len(feeds) == 2 + 6 + 2  # a news feed and a calendar per language, a feed per partner page
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        assert "gioi-thieu" not in text and "/about/" not in text, feed


def test_check_says_which_pages_wait_for_a_translator(run, tiny):
    (tiny / "pages" / "visiting.vi.md").write_text("---\ntitle: Đến thăm\nparent: about\n---\nChỉ có tiếng Việt.\n", encoding="utf-8")
    contact = tiny / "pages" / "contact.en.md"
    text = contact.read_text(encoding="utf-8")
    contact.write_text(text.replace("---\n", "---\n" + provenance.provenance_line("vi", "00000000") + "\n", 1), encoding="utf-8")
    code, out, err = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01", "--format", "json")
    assert code == 0, err
    found = {(p["path"].rsplit("/", 2)[-2:][1], p["code"]) for p in json.loads(out)["problems"]}
    assert ("visiting.vi.md", "untranslated") in found
    assert ("contact.en.md", "stale-translation") in found


def test_the_bulletin_has_its_about_page_in_both_languages_out_of_the_menu(run, tmp_path):
    out = tmp_path / "public"
    code, _, err = run(*build_args(ROOT / "content", out, "--strict", "--build-date", "2026-01-01"))  # after the newest story
    assert code == 0, err
    for lang, path, title in [("vi", "vi/gioi-thieu", "Giới thiệu"), ("en", "en/about", "About")]:
        page = html.fromstring((out / path / "index.html").read_bytes())
        assert page.get("lang") == lang
        assert page.findtext(".//main//h1") == title
        assert page.xpath('//div[@class="body"]//a/@href')[0].startswith(f"/{lang}/")  # to VNU's page, in the same language
        assert f"/{path}/" not in page.xpath('//nav[contains(@class,"main-nav")]//a/@href')
        home = html.fromstring((out / lang / "index.html").read_bytes())
        assert f"/{path}/" not in home.xpath('//nav[contains(@class,"main-nav")]//a/@href')
    about = html.fromstring((out / "en/about/index.html").read_bytes())
    assert about.xpath('//link[@rel="alternate"][@hreflang="vi"]/@href') == [f"{ORIGIN}/vi/gioi-thieu/"]
    assert "Vietnamese and English" in about.findtext('.//p[@class="lede"]')

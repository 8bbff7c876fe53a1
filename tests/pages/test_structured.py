"""Open Graph and JSON-LD in each page's head, read back as a search engine would."""

from __future__ import annotations

import json

import pytest

from conftest import TINY, build_args
from sitecheck import BuiltSite


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("structured") / "public"
    assert main([str(a) for a in build_args(TINY, out)]) == 0
    return BuiltSite(out)


def jsonld(doc) -> dict:
    scripts = doc.xpath('//script[@type="application/ld+json"]/text()')
    assert len(scripts) == 1
    return json.loads(scripts[0])


def og(doc) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in doc.xpath("//head/meta[@property]"):
        found.setdefault(meta.get("property"), []).append(meta.get("content"))
    return found


def test_article_is_a_news_article_linked_to_its_translation(site):
    vi = jsonld(site.pages["/vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/"])
    en = jsonld(site.pages["/en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/"])
    assert vi["@type"] == en["@type"] == "NewsArticle"
    assert (vi["inLanguage"], en["inLanguage"]) == ("vi", "en")
    assert vi["datePublished"] == "2025-03-02"
    assert vi["headline"] == "ĐHQGHN và ĐH Thanh Hoa hợp tác về trí tuệ nhân tạo"
    assert [t["@id"] for t in vi["workTranslation"]] == [en["@id"]]
    assert en["translationOfWork"]["@id"] == vi["@id"]
    assert {"@type": "Organization", "name": "Đại học Thanh Hoa", "url": "https://example.org/vi/doi-tac/dai-hoc-thanh-hoa/"} in vi["about"]


def test_untranslated_article_names_no_translation(site):
    data = jsonld(site.pages["/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/"])
    assert "workTranslation" not in data and "translationOfWork" not in data


def test_event_and_partner(site):
    event = jsonld(site.pages["/en/events/state-visit/"])
    assert (event["@type"], event["startDate"], event["endDate"]) == ("Event", "2025-04-14", "2025-04-15")
    assert event["location"]["name"] == "Hanoi"
    partner = jsonld(site.pages["/en/partners/tsinghua-university/"])
    assert partner["@type"] == "Organization"
    assert partner["name"] == "Tsinghua University" and partner["address"]["addressCountry"] == "CN"


def test_home_is_a_website_with_its_search(site):
    home = jsonld(site.pages["/en/"])
    assert home["@type"] == "WebSite"
    assert home["potentialAction"]["target"] == "https://example.org/en/search/?q={query}"


def test_open_graph_locale_and_alternate_follow_the_translations(site):
    translated = og(site.pages["/vi/tin-tuc/chuyen-tham-cap-nha-nuoc/"])
    assert translated["og:locale"] == ["vi_VN"] and translated["og:locale:alternate"] == ["en_US"]
    assert translated["og:type"] == ["article"]
    assert translated["og:url"] == ["https://example.org/vi/tin-tuc/chuyen-tham-cap-nha-nuoc/"]
    alone = og(site.pages["/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/"])
    assert "og:locale:alternate" not in alone


def test_every_page_has_a_meta_description_and_og_title(site):
    for path, doc in site.pages.items():
        if doc.xpath('//meta[@http-equiv="refresh"]'):
            continue  # redirect stubs
        description = doc.xpath('//head/meta[@name="description"]/@content')
        assert len(description) == 1 and description[0].strip(), path
        if path.startswith(("/vi/", "/en/")):
            assert og(doc)["og:title"], path


def test_json_ld_cannot_break_out_of_its_script(site):
    for doc in site.pages.values():
        for script in doc.xpath('//script[@type="application/ld+json"]/text()'):
            assert "</" not in script


def test_cover_image_is_shared_with_og_and_json_ld(run, tiny, tmp_path):
    from pictures import transparent_png

    article = tiny / "articles" / "tsinghua-ai.vi.md"
    text = article.read_text(encoding="utf-8").replace("date: 2025-03-02\n", "date: 2025-03-02\ncover: cover.png\ncover_alt: Lễ ký\n", 1)
    article.write_text(text, encoding="utf-8")
    (tiny / "articles" / "tsinghua-ai").mkdir()
    (tiny / "articles" / "tsinghua-ai" / "cover.png").write_bytes(transparent_png(size=(500, 400)))
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 0, err
    doc = BuiltSite(tmp_path / "public").pages["/vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/"]
    card = "https://example.org/media/articles/tsinghua-ai/cover.png@1200x630.jpg"  # the crop link previews show
    assert og(doc)["og:image"] == [card]
    assert (og(doc)["og:image:width"], og(doc)["og:image:height"], og(doc)["og:image:type"]) == (["1200"], ["630"], ["image/jpeg"])
    assert og(doc)["og:image:alt"] == ["Lễ ký"]
    assert jsonld(doc)["image"] == {"@type": "ImageObject", "url": card, "width": 1200, "height": 630}


def test_every_page_has_a_twitter_card_that_fits_its_picture(site):
    from vnu_site.pages.head import twitter_card

    for path, doc in site.pages.items():
        if not path.startswith(("/vi/", "/en/")) or doc.xpath('//meta[@http-equiv="refresh"]'):
            continue
        card = doc.xpath('//head/meta[@name="twitter:card"]/@content')
        large = bool(doc.xpath('//head/meta[@property="og:image"]'))
        assert card == ["summary_large_image" if large else "summary"], path
    assert twitter_card([["og:title", "A"], ["og:image", "https://example.org/a.jpg"]]) == [["twitter:card", "summary_large_image"]]
    assert twitter_card([["og:title", "A"]]) == [["twitter:card", "summary"]]

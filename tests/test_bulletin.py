"""The bundled bulletin: every item the sources name has a page in both languages,
reachable from the home page, with every cross-reference resolving both ways."""

from __future__ import annotations

from collections import deque

import pytest

from conftest import ROOT, TEMPLATES
from sitecheck import BuiltSite
from vnu_site.config import BuildOptions
from vnu_site.errors import Problems
from vnu_site.pipeline import load_site
from vnu_site.urls import Urls

CONTENT = ROOT / "content"
BUILD_DATE = "2026-01-01"

# What the source documents are about; losing any of these pages must fail the build test.
REQUIRED = {
    "article": [
        "vnu-joins-international-alliances-ai",
        "vnu-tsinghua-raise-cooperation",
        "vnu-tsinghua-ai-research-conference",
        "international-cooperation-review-2025",
    ],
    "partner": [
        "vnu",
        "peking-university",
        "tsinghua",
        "ranepa",
        "di-idea",
        "global-mooc-alliance",
        "ai-alliance-network",
        "vietnam-china-university-network",
        "nanjing-university",
        "wuhan-university",
        "mahidol-university",
        "korea-university",
        "taejae-university",
        "university-of-malaya",
        "cairo-university",
        "university-of-cambridge",
        "university-of-auckland",
        "wallonie-bruxelles-delegation",
        "chinese-government-scholarship-committee",
        "auf",
        "aun",
        "umap",
        "ascc",
        "satu",
        "ho-chi-minh-national-academy-of-politics",
        "semiconductor-industry-alliances",
    ],
    "agreement": [
        "mou-vnu-tsinghua-2024",
        "student-exchange-vnu-tsinghua-2025",
        "mou-vietnam-china-university-network-2025",
        "mou-digital-education-vnu-tsinghua-2025",
        "belgium-agreements-2025",
    ],
    "event": [
        "visit-china-2024-08",
        "di-idea-launch-2023",
        "conference-vietnam-china-higher-education-2025",
        "state-visit-xi-jinping-2025",
        "belgian-delegation-2025",
        "china-higher-education-exhibition-2025",
        "vietnam-china-higher-education-forum-2025",
        "beijing-forum-2024",
        "high-tech-innovation-park-launch-2025",
        "academic-events-lin-wolff-2025",
    ],
}


@pytest.fixture(scope="module")
def bulletin(tmp_path_factory):
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("bulletin") / "public"
    args = [
        "build",
        "--content",
        str(CONTENT),
        "--templates",
        str(TEMPLATES),
        "--out",
        str(out),
        "--build-date",
        BUILD_DATE,
        "--strict",
        "--no-search",
        "--cache-dir",
        str(out.parent / ".vnu-cache"),
    ]
    assert main(args) == 0  # --strict: no warning either, so nothing is left untranslated
    problems = Problems()
    site, _ = load_site(BuildOptions(content=CONTENT, templates=TEMPLATES), problems)
    return BuiltSite(out), site


def _item_paths(site, kind):
    urls = Urls(site.config)
    for key in REQUIRED[kind]:
        item = site.get((kind, key))
        assert item is not None, f"{kind} '{key}' is missing from content/"
        for lang in ("vi", "en"):
            assert lang in item.texts, f"{kind} '{key}' has no '{lang}' version"
            yield lang, urls.item(item, lang)


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_every_item_has_a_page_in_both_languages(bulletin, kind):
    built, site = bulletin
    for _lang, path in _item_paths(site, kind):
        assert path in built.pages, path


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_every_item_is_within_three_clicks_of_home(bulletin, kind):
    built, site = bulletin
    depth = {lang: _click_depths(built, f"/{lang}/") for lang in ("vi", "en")}
    for lang, path in _item_paths(site, kind):
        assert depth[lang].get(path, 99) <= 3, f"{path} is {depth[lang].get(path, 'not')} clicks from /{lang}/"


def _click_depths(built, start):
    depths = {start: 0}
    queue = deque([start])
    while queue:
        page = queue.popleft()
        if depths[page] == 3:
            continue
        for href in built.pages[page].xpath("//body//a/@href"):
            target = built.path_of(href)
            if target in built.pages and target not in depths:
                depths[target] = depths[page] + 1
                queue.append(target)
    return depths


def test_links_hreflang_and_backlinks_all_resolve(bulletin):
    built, _ = bulletin
    assert built.broken_links() == []
    assert built.hreflang_problems() == []
    assert built.switcher_problems() == []
    assert built.backlink_problems() == []
    assert built.wrong_langs() == []


def test_no_page_lacks_its_counterpart(bulletin):
    built, _ = bulletin
    missing = [page for page in built.pages if page.startswith(("/vi/", "/en/")) and len(built.alternates(page)) != 3]
    assert missing == []


def _page(built, site, kind, key, lang):
    return built.pages[Urls(site.config).item(site.get((kind, key)), lang)]


def test_facts_carry_over_exactly(bulletin):
    built, site = bulletin
    mou = _page(built, site, "agreement", "mou-vnu-tsinghua-2024", "vi")
    assert mou.xpath("string(//dl//time)") == "ngày 27 tháng 8 năm 2024"
    visit = _page(built, site, "event", "state-visit-xi-jinping-2025", "en")
    assert visit.xpath("string(//dl//time)") == "14–15 April 2025"
    di_idea = _page(built, site, "partner", "di-idea", "en")
    facts = " ".join(di_idea.xpath("//dl[contains(@class,'fact-list')]//text()"))
    assert "3 November 2023" in facts and "30" in facts
    assert "Peking University" in facts  # initiator and secretariat
    belgium = _page(built, site, "agreement", "belgium-agreements-2025", "vi")
    assert belgium.xpath("string(//dl//time)") == "tháng 4 năm 2025"


def test_partner_page_lists_what_involves_it(bulletin):
    built, site = bulletin
    urls = Urls(site.config)
    page = urls.item(site.get(("partner", "tsinghua")), "en")
    agreements = built.section_links(page, "rel-agreements")
    for key in ("mou-vnu-tsinghua-2024", "student-exchange-vnu-tsinghua-2025", "mou-vietnam-china-university-network-2025"):
        assert urls.item(site.get(("agreement", key)), "en") in agreements
    articles = built.section_links(page, "rel-articles")
    assert urls.item(site.get(("article", "vnu-tsinghua-ai-research-conference")), "en") in articles


def test_named_things_without_an_entity_of_their_own_are_mentioned_where_they_belong(bulletin):
    built, site = bulletin
    ai_network = _text(built, site, "partner", "ai-alliance-network", "en")
    assert "AI Horizons" in ai_network
    for lang, lab, training in (("en", "laboratory", "senior-management training"), ("vi", "phòng thí nghiệm", "đào tạo quản lý cấp cao")):
        tsinghua = _text(built, site, "partner", "tsinghua", lang)
        assert lab in tsinghua and training in tsinghua


def test_the_new_events_are_linked_from_the_articles(bulletin):
    built, site = bulletin
    urls = Urls(site.config)
    for article, event in (
        ("vnu-joins-international-alliances-ai", "beijing-forum-2024"),
        ("vnu-tsinghua-ai-research-conference", "high-tech-innovation-park-launch-2025"),
        ("international-cooperation-review-2025", "academic-events-lin-wolff-2025"),
    ):
        for lang in ("vi", "en"):
            doc = _page(built, site, "article", article, lang)
            body = {built.path_of(h) for h in doc.xpath('//div[@class="body"]//a/@href')}
            assert urls.item(site.get(("event", event)), lang) in body, (article, event, lang)


def _text(built, site, kind, key, lang):
    return " ".join(" ".join(_page(built, site, kind, key, lang).xpath("//main//text()")).split())


def _glance(built, lang):
    items = built.pages[f"/{lang}/"].xpath('//section[@class="glance"]//li')
    return {li.xpath('string(span[@class="glance-label"])'): int(li.xpath('string(span[@class="glance-value"])')) for li in items}


def test_home_counts_partners_apart_from_alliances_and_their_other_members(bulletin):
    """Cambridge, Cairo, ... are DI-IDEA's members, not VNU's partners; VNU is not its own."""
    built, _ = bulletin
    assert _glance(built, "en") == {
        "partners (universities, agencies, organisations)": 6,  # Peking, Tsinghua, RANEPA, HCMA, CGSC, Wallonie-Bruxelles
        "partner universities": 2,  # Peking and Tsinghua (RANEPA's kind is our reading)
        "countries with partners": 4,  # CN, RU, VN, BE
        "alliances, networks and other bodies VNU belongs to": 10,
        "other named members of those alliances": 9,
        "agreements signed": 10,  # 4 with Tsinghua, 6 with Belgian partners
        "events": 10,
    }
    assert list(_glance(built, "vi").values()) == [6, 2, 4, 10, 9, 10, 10]


def test_partners_page_lists_fellow_members_and_unstated_kinds_apart_and_not_vnu(bulletin):
    built, site = bulletin
    urls = Urls(site.config)
    for lang in ("vi", "en"):
        doc = built.pages[urls.section(lang, "partners")]
        listed = {built.path_of(h) for h in doc.xpath("//main//section//a/@href")}
        assert urls.item(site.get(("partner", "vnu")), lang) not in listed
        sections = doc.xpath("//main/section")
        fellows = {built.path_of(h) for h in sections[-1].xpath(".//a/@href")}
        keys = ["nanjing-university", "wuhan-university", "mahidol-university", "korea-university", "taejae-university"]
        keys += ["university-of-malaya", "cairo-university", "university-of-cambridge", "university-of-auckland"]
        assert fellows == {urls.item(site.get(("partner", k)), lang) for k in keys}
        unstated = {built.path_of(h) for h in sections[-2].xpath(".//a/@href")}
        keys = ["auf", "aun", "umap", "ascc", "satu", "chinese-government-scholarship-committee", "wallonie-bruxelles-delegation", "ranepa"]
        assert unstated == {urls.item(site.get(("partner", k)), lang) for k in keys}


@pytest.mark.parametrize(
    "key", ["auf", "aun", "umap", "ascc", "satu", "chinese-government-scholarship-committee", "wallonie-bruxelles-delegation"]
)
def test_a_kind_the_sources_do_not_state_is_shown_as_our_reading(bulletin, key):
    built, site = bulletin
    assert site.get(("partner", key)).facts.get("kind_inferred") is True
    for lang, note in (("vi", "bản tin tự xếp loại"), ("en", "our classification")):
        kind = _page(built, site, "partner", key, lang).xpath("string(//dl/dd[1])")
        assert note in kind


def test_member_counts_say_what_the_sources_say(bulletin):
    built, site = bulletin
    assert "member_count" not in site.get(("partner", "ai-alliance-network")).facts  # 17 associations, not 17 members
    members = _page(built, site, "partner", "ai-alliance-network", "en").xpath("string(//dl/dd[last()])")
    assert members == "17 international AI associations from 14 countries, with more than 7,000 members and partners"
    di_idea = _page(built, site, "partner", "di-idea", "vi")
    dd = di_idea.xpath("string(//dt[.='Số thành viên']/following-sibling::dd[1])")
    assert dd == "30 đại học thành viên chính thức tính đến hết tháng 10/2024; lúc ra mắt có 22 đối tác"
    assert di_idea.xpath("//main//h2/text()").count("Thành viên") == 1  # the members list, not also a body heading


def test_calendar_leaves_out_events_without_days(bulletin):
    built, _ = bulletin
    for lang in ("vi", "en"):
        text = (built.out / lang / "calendar.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
        uids = sorted(line[4:] for line in text.split("\r\n") if line.startswith("UID:"))
        assert uids == [
            "event-conference-vietnam-china-higher-education-2025@example.org",
            "event-di-idea-launch-2023@example.org",
            "event-high-tech-innovation-park-launch-2025@example.org",
            "event-state-visit-xi-jinping-2025@example.org",
        ]
        visit = text.split("UID:event-state-visit-xi-jinping-2025")[1].split("END:VEVENT")[0]
        assert "DTSTART;VALUE=DATE:20250414" in visit and "DTEND;VALUE=DATE:20250416" in visit


def test_the_state_visit_shows_its_range_everywhere(bulletin):
    built, site = bulletin
    urls = Urls(site.config)
    visit = site.get(("event", "state-visit-xi-jinping-2025"))
    for lang, short in (("vi", "14–15/4/2025"), ("en", "14–15 April 2025")):
        href = urls.item(visit, lang)
        for page in (f"/{lang}/", urls.section(lang, "events"), urls.year(lang, 2025)):
            doc = built.pages[page]
            shown = {" ".join(t.split()) for t in doc.xpath(f'//a[@href="{href}"]/following::time[1]/text()')}
            assert shown == {short}, (page, shown)


def test_dates_read_naturally(bulletin):
    built, site = bulletin
    page = _page(built, site, "article", "vnu-joins-international-alliances-ai", "vi")
    assert page.xpath("string(//article//header//time)") == "ngày 9 tháng 9 năm 2025"
    en = _page(built, site, "article", "vnu-joins-international-alliances-ai", "en")
    assert en.xpath("string(//article//header//time)") == "9 September 2025"
    forum = _page(built, site, "event", "beijing-forum-2024", "vi")
    assert forum.xpath("string(//dl//time)") == "năm 2024"


UNDATED = ["international-cooperation-review-2025", "vnu-tsinghua-raise-cooperation", "vnu-tsinghua-ai-research-conference"]


@pytest.mark.parametrize("key", UNDATED)
def test_undated_sources_are_not_given_a_publication_date(bulletin, key):
    built, site = bulletin
    item = site.get(("article", key))
    assert item.facts["undated_source"] is True
    for lang, note in (("vi", "Nguồn không ghi ngày đăng"), ("en", "The source is undated")):
        doc = _page(built, site, "article", key, lang)
        assert note in doc.xpath("string(//article//header//p[@class='meta'])")
        assert "datePublished" not in " ".join(doc.xpath("//script[@type='application/ld+json']/text()"))
        assert not doc.xpath("//meta[@property='article:published_time']")


def test_undated_articles_carry_the_date_of_the_events_they_report(bulletin):
    _, site = bulletin
    dates = {key: site.get(("article", key)).facts["date"].iso for key in UNDATED}
    # the latest dated events each reports: the June 2025 events, the April 2025 MoUs, the 1 March conference
    assert dates == {UNDATED[0]: "2025-06", UNDATED[1]: "2025-04", UNDATED[2]: "2025-03-01"}


def test_the_alliances_story_credits_both_its_sources(bulletin):
    built, site = bulletin
    for lang in ("vi", "en"):
        sources = site.get(("article", "vnu-joins-international-alliances-ai")).texts[lang].values["source"]
        assert len(sources) == 2 and [s.get("date") for s in sources].count(None) == 1
        credit = _page(built, site, "article", "vnu-joins-international-alliances-ai", lang).xpath("string(//p[@class='source'])")
        assert "VNU accompanies top universities" in credit and "ĐHQGHN là thành viên của nhiều liên minh" in credit


def test_the_conference_title_in_vietnamese_is_marked_as_a_translation(bulletin):
    built, site = bulletin
    doc = _page(built, site, "event", "conference-vietnam-china-higher-education-2025", "vi")
    assert "“" not in doc.xpath("string(//h1)")
    assert doc.xpath("string(//p[@class='original-title']/q)").startswith("Vietnam-China Higher Education: Opportunities")
    assert "do bản tin dịch" in doc.xpath("string(//p[@class='original-title'])")


# What the sources do not say, or say otherwise, must not come back (issue 14).
ABSENT = {
    ("event", "china-higher-education-exhibition-2025", "vi"): ["tại ĐHQGHN", "hướng tới"],
    ("event", "vietnam-china-higher-education-forum-2025", "vi"): ["tại ĐHQGHN", "hướng tới"],
    ("partner", "chinese-government-scholarship-committee", "vi"): ["hướng tới"],
    ("article", "international-cooperation-review-2025", "vi"): ["hướng tới", "nhà trường"],
    ("event", "china-higher-education-exhibition-2025", "en"): ["marking", "to mark"],
    ("event", "vietnam-china-higher-education-forum-2025", "en"): ["marking", "marked"],
    ("partner", "chinese-government-scholarship-committee", "en"): ["marking"],
    ("article", "international-cooperation-review-2025", "en"): ["to mark", "marking"],
    ("agreement", "mou-vnu-tsinghua-2024", "en"): ["paved the way"],
    ("agreement", "mou-vnu-tsinghua-2024", "vi"): ["nền tảng cho"],
    ("partner", "ranepa", "en"): ["leading"],
    ("partner", "ranepa", "vi"): ["hàng đầu"],
    ("article", "vnu-joins-international-alliances-ai", "vi"): ["hàng đầu nước Nga", "đối xử", "biến cơ hội thành thành quả", "gặp nhau"],
    ("article", "vnu-joins-international-alliances-ai", "en"): ["treated as an equal", "take part in joint teaching"],
    ("article", "vnu-tsinghua-raise-cooperation", "en"): ["take part in joint teaching", "era of rising"],
    ("article", "vnu-tsinghua-raise-cooperation", "vi"): ["làm chủ công nghệ tiên tiến và tạo đột phá", "nhà trường"],
    ("article", "vnu-tsinghua-ai-research-conference", "en"): ["He noted", "ideal basis", "ideal foundation"],
    ("article", "vnu-tsinghua-ai-research-conference", "vi"): ["Ông lưu ý", "nền tảng lý tưởng", "các em"],
    ("partner", "tsinghua", "en"): ["ideal basis"],
    ("partner", "tsinghua", "vi"): ["nền tảng lý tưởng"],
    ("partner", "ai-alliance-network", "vi"): ["công ty bán giải pháp"],
    ("event", "state-visit-xi-jinping-2025", "vi"): ["tranh thủ"],
    ("agreement", "student-exchange-vnu-tsinghua-2025", "en"): ["chances for international contact"],
    ("agreement", "mou-digital-education-vnu-tsinghua-2025", "vi"): ["thể hiện cam kết tăng cường hợp tác"],
}


@pytest.mark.parametrize("where", sorted(ABSENT))
def test_what_the_sources_do_not_say_is_not_said(bulletin, where):
    built, site = bulletin
    kind, key, lang = where
    text = _text(built, site, kind, key, lang)
    assert [phrase for phrase in ABSENT[where] if phrase in text] == []


def test_the_june_events_are_held_on_the_occasion_of_the_anniversary(bulletin):
    built, site = bulletin
    for key in ("china-higher-education-exhibition-2025", "vietnam-china-higher-education-forum-2025"):
        assert "nhân kỷ niệm 75 năm" in _text(built, site, "event", key, "vi")
        assert "on the occasion of the 75th anniversary" in _text(built, site, "event", key, "en")


def test_unattributed_passages_stay_unattributed(bulletin):
    built, site = bulletin
    assert "không ghi rõ là lời của ai" in _text(built, site, "article", "vnu-tsinghua-ai-research-conference", "vi")
    assert "without saying whose words these are" in _text(built, site, "article", "vnu-tsinghua-ai-research-conference", "en")


def test_the_digital_education_mou_is_not_given_the_bulletins_general_passage_as_its_contents(bulletin):
    built, site = bulletin
    assert "does not present this as the memorandum's contents" in _text(
        built, site, "agreement", "mou-digital-education-vnu-tsinghua-2025", "en"
    )
    assert "không nói đây là các điều khoản của bản ghi nhớ" in _text(
        built, site, "agreement", "mou-digital-education-vnu-tsinghua-2025", "vi"
    )


def test_each_article_credits_its_source(bulletin):
    built, site = bulletin
    for key in REQUIRED["article"]:
        for lang in ("vi", "en"):
            doc = _page(built, site, "article", key, lang)
            assert doc.xpath("string(//p[@class='source'])").strip(), f"{key}.{lang} shows no source"

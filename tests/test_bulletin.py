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


def test_each_article_credits_its_source(bulletin):
    built, site = bulletin
    for key in REQUIRED["article"]:
        for lang in ("vi", "en"):
            doc = _page(built, site, "article", key, lang)
            assert doc.xpath("string(//p[@class='source'])").strip(), f"{key}.{lang} shows no source"

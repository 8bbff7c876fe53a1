"""Every kind of page, opened in Chromium: no console errors, no failed requests, no axe-core
violations; screenshots at phone and desktop widths for a person to look at."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import ARTIFACTS, wait_for_search

PAGE_TYPES = [
    "home", "news", "article", "partners", "partner", "events", "event", "agreements", "agreement",
    "tags", "tag", "archive", "year", "search", "not-found", "status",
]  # fmt: skip


def page_path(bulletin, kind: str, lang: str) -> str:
    site, urls = bulletin
    items = {"article": "vnu-tsinghua-raise-cooperation", "partner": "tsinghua", "event": "state-visit-xi-jinping-2025",
             "agreement": "mou-vnu-tsinghua-2024"}  # fmt: skip
    if kind == "home":
        return urls.home(lang)
    if kind in items:
        return urls.item(site.get((kind, items[kind])), lang)
    if kind in ("news", "partners", "events", "agreements", "tags", "archive", "status"):
        return urls.section(lang, kind)
    if kind == "tag":
        return urls.tag(lang, site.tags["ai"][lang], "ai")
    if kind == "year":
        return urls.year(lang, 2025)
    if kind == "search":
        return urls.section(lang, "search") + ("?q=hop+tac" if lang == "vi" else "?q=cooperation")
    # A static host answers a missing URL with /404.html (the default language's); the
    # other language's 404 page is opened directly.
    return "/vi/no-such-page/" if lang == site.config.default_language else urls.not_found(lang)


def open_page(page, site_url, bulletin, kind: str, lang: str):
    response = page.goto(site_url + page_path(bulletin, kind, lang))
    page.wait_for_load_state("networkidle")
    if kind == "search":
        wait_for_search(page)
    return response


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_cleanly_and_passes_axe(page, watch, site_url, bulletin, kind, lang):
    response = open_page(page, site_url, bulletin, kind, lang)
    missing = kind == "not-found" and lang == "vi"
    assert response.status == (404 if missing else 200)
    problems = watch.problems
    if missing:  # the document's own 404 is the point of this page, and Chromium logs it
        expected = [f"HTTP 404: {response.url}", "console: Failed to load resource: the server responded with a status of 404 (Not Found)"]
        problems = [p for p in problems if p not in expected]
    assert problems == []
    assert page.locator("html").get_attribute("lang") == lang
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


SCREENSHOTS = ["home", "article", "partner", "search"]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", SCREENSHOTS)
def test_screenshot_fits_the_screen(page, site_url, bulletin, kind, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, site_url, bulletin, kind, "vi")
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{kind}-{width}.png"), full_page=True)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_skip_link_comes_first_and_shows_on_focus(page, site_url, bulletin):
    open_page(page, site_url, bulletin, "article", "vi")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getBoundingClientRect().top]")
    assert focused[0] == "skip-link"
    assert focused[1] >= 0  # moved into view, not left off-screen
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

"""A story with a cover, figures with captions, a footnote, a task list and a video, read in
Chromium: nothing moves as the pictures arrive, each screen takes the picture size made for
it, and axe finds nothing to fix."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

STORY = "/vi/tin-tuc/le-ky-ket-va-hoi-thao/"

# Collects Chromium's layout-shift entries from the start of the page's life.
_RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__shifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});
"""


def _open(page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(_RECORD_SHIFTS)
    page.goto(url, wait_until="load")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_moves_while_the_pictures_load(page, rich_story_url, width):
    _open(page, rich_story_url + STORY, width)
    page.mouse.wheel(0, 4000)  # the lazy pictures below the fold load too
    page.wait_for_function("[...document.images].every((image) => image.complete)")
    assert page.evaluate("window.__shifts") == []


@pytest.mark.parametrize(("width", "at_most"), [(375, 960), (1280, 1600)])
def test_each_screen_takes_the_size_made_for_it(page, rich_story_url, width, at_most):
    """The cover is shown across the column: a phone (at 1x) takes a small file, a desktop a large one,
    and both in the best format Chromium reads (AVIF)."""
    _open(page, rich_story_url + STORY, width)
    chosen = page.evaluate("document.querySelector('main picture img').currentSrc")
    assert chosen.endswith(".avif"), chosen
    picked = int(chosen.rsplit("@", 1)[1].split(".")[0])
    assert picked <= at_most
    if width == 375:
        assert picked < 1600  # not the desktop file on a phone
    else:
        assert picked >= 960  # not a thumbnail stretched over a desktop column


def test_axe_finds_nothing_on_a_story_with_figures_footnotes_and_a_video(page, rich_story_url):
    _open(page, rich_story_url + STORY, 1280)
    assert page.locator("main figure figcaption").count() >= 1
    assert page.locator("main .footnotes, main [data-footnotes]").count() == 1
    assert page.locator("main iframe").count() == 1
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

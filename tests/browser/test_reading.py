"""A reader in Chromium: landing, switching language, following references, searching."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import wait_for_search

ARTICLE = ("article", "vnu-tsinghua-raise-cooperation")
PARTNER = ("partner", "tsinghua")
EVENT = ("event", "state-visit-xi-jinping-2025")


def path_of(url: str) -> str:
    return urlsplit(url).path


def item_path(bulletin, ref, lang: str) -> str:
    site, urls = bulletin
    return urls.item(site.get(ref), lang)


def test_root_lands_on_vietnamese(page, site_url):
    page.goto(site_url + "/")
    page.wait_for_url(site_url + "/vi/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").first.text_content() == "Bản tin Hợp tác Quốc tế ĐHQGHN"


@pytest.mark.parametrize("ref", [ARTICLE, PARTNER, EVENT], ids=lambda ref: ref[0])
def test_language_switch_lands_on_the_counterpart(page, site_url, bulletin, ref):
    site, _ = bulletin
    page.goto(site_url + item_path(bulletin, ref, "vi"))
    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert path_of(page.url) == item_path(bulletin, ref, "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h1").text_content() == site.get(ref).texts["en"].title
    # and back again
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert path_of(page.url) == item_path(bulletin, ref, "vi")


def test_partner_of_an_article_lists_the_article_back(page, site_url, bulletin):
    article = item_path(bulletin, ARTICLE, "vi")
    page.goto(site_url + article)
    partners = page.locator('section[aria-labelledby="rel-partners"] a')
    assert partners.count() >= 1
    partners.filter(has_text="Đại học Thanh Hoa").first.click()
    page.wait_for_load_state()
    assert path_of(page.url) == item_path(bulletin, PARTNER, "vi")
    back = page.locator('section[aria-labelledby="rel-articles"] a')
    assert article in [back.nth(i).get_attribute("href") for i in range(back.count())]


def test_every_page_header_reaches_search(page, site_url, bulletin):
    page.goto(site_url + item_path(bulletin, EVENT, "en"))
    page.locator("header").get_by_role("link", name="Search").click()
    page.wait_for_load_state()
    assert path_of(page.url) == "/en/search/"


def _all_results(page) -> list[tuple[str, str]]:
    """Every result of the search, pressing "more" until the list is complete."""
    more = page.locator("#search-more")
    while more.is_visible():
        shown = page.locator("#search-results li h2 a").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('#search-results li h2 a').length > n", arg=shown)
    return _results(page)


def _results(page) -> list[tuple[str, str]]:
    links = page.locator("#search-results li h2 a")
    return [(path_of(links.nth(i).get_attribute("href")), links.nth(i).text_content()) for i in range(links.count())]


def _search(page, site_url, path: str, query: str, **filters) -> list[tuple[str, str]]:
    page.goto(site_url + path)
    for name, value in filters.items():
        page.locator("#search-form").evaluate("form => form.removeAttribute('data-done')")
        page.locator(f"#search-{name}").select_option(value)
        wait_for_search(page)  # choosing a filter searches at once: let that search end first
    page.locator("#search-form").evaluate("form => form.removeAttribute('data-done')")
    page.locator("#search-q").fill(query)
    page.locator("#search-q").press("Enter")
    wait_for_search(page)
    return _results(page)


@pytest.mark.parametrize("query", ["hợp tác", "hop tac"])
def test_vietnamese_search_with_and_without_tones(page, site_url, query):
    results = _search(page, site_url, "/vi/tim-kiem/", query)
    assert any("hợp tác" in title.lower() for _, title in results), results
    assert all(path.startswith("/vi/") for path, _ in results), results


@pytest.mark.parametrize("query", ["Đại học", "dai hoc"])
def test_search_finds_d_with_stroke_typed_as_d(page, site_url, query):
    _search(page, site_url, "/vi/tim-kiem/", query)
    results = _all_results(page)
    titles = [title for _, title in results]
    assert "Đại học Thanh Hoa" in titles, titles
    assert all(path.startswith("/vi/") for path, _ in results)
    # the folded copy that makes this work is never shown to the reader
    assert "Dai hoc" not in page.locator("#search-results").inner_text()


def test_english_search_stays_in_english(page, site_url):
    results = _search(page, site_url, "/en/search/", "cooperation")
    assert results
    assert all(path.startswith("/en/") for path, _ in results), results
    assert _search(page, site_url, "/en/search/", "zzqxv") == []
    assert page.locator("#search-status").text_content() == "Nothing found."


def test_the_same_name_finds_each_language_its_own_pages(page, site_url, bulletin):
    cambridge = ("partner", "university-of-cambridge")
    vi = _search(page, site_url, "/vi/tim-kiem/", "Cambridge")
    en = _search(page, site_url, "/en/search/", "Cambridge")
    assert item_path(bulletin, cambridge, "vi") in [path for path, _ in vi]
    assert item_path(bulletin, cambridge, "en") in [path for path, _ in en]
    assert all(path.startswith("/vi/") for path, _ in vi) and all(path.startswith("/en/") for path, _ in en)


def test_search_filters_by_kind_and_partner(page, site_url, bulletin):
    partners_only = _search(page, site_url, "/vi/tim-kiem/", "dai hoc", kind="partner")
    assert partners_only and all(path.startswith("/vi/doi-tac/") for path, _ in partners_only), partners_only
    about_tsinghua = _search(page, site_url, "/vi/tim-kiem/", "", partner="tsinghua", kind="article")
    paths = {path for path, _ in about_tsinghua}
    assert item_path(bulletin, ARTICLE, "vi") in paths
    site, urls = bulletin
    expected = {urls.item(site.get(ref), "vi") for ref in site.backlinks[("partner", "tsinghua")]["articles"]}
    assert paths == expected
    # the filters are kept in the address, so the search can be shared
    assert "partner=tsinghua" in page.url and "kind=article" in page.url


def test_search_address_runs_the_search(page, site_url):
    page.goto(site_url + "/vi/tim-kiem/?q=thoa+thuan&kind=agreement")
    wait_for_search(page)
    results = _results(page)
    assert results and all(path.startswith("/vi/thoa-thuan/") for path, _ in results)
    assert page.locator("#search-kind").input_value() == "agreement"


def test_search_works_when_the_site_lives_under_a_subpath(page, watch, subpath_url):
    page.goto(subpath_url + "/bulletin/vi/tim-kiem/?q=dai+hoc")
    wait_for_search(page)
    results = _results(page)
    assert results and all(path.startswith("/bulletin/vi/") for path, _ in results), results
    page.locator("#search-results a").first.click()
    page.wait_for_load_state()
    assert path_of(page.url) == results[0][0]
    assert watch.problems == []


def test_long_result_lists_load_more_on_request(page, site_url):
    results = _search(page, site_url, "/vi/tim-kiem/", "dai hoc")
    total = int(page.locator("#search-status").text_content().split()[0])
    assert total > 20 and len(results) == 20
    page.get_by_role("button", name="Xem thêm kết quả").click()
    page.wait_for_function("document.querySelectorAll('#search-results li').length > 20")
    assert len(_results(page)) == min(total, 40)
    # focus moves to the first new result, so a keyboard user goes on from there
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#search-results li')[20]")
    assert page.locator("#search-more").is_hidden() == (total <= 40)

"""The search index in shards, merged by the search page (outputs/search.py, search.js): the
same results and filters as one index, in both languages, under a subpath too.

The bulletin is small enough for one shard; here it is built with shards of ten pages, so
each language's search merges several."""

from __future__ import annotations

import json

import pytest

from conftest import TEMPLATES
from vnu_site.__main__ import main
from vnu_site.outputs import search_shards

from .conftest import BUILD_DATE, CONTENT, Watch, serve, wait_for_search


def _build_sharded(root, *extra: str):
    args = ["build", "--content", str(CONTENT), "--templates", str(TEMPLATES), "--build-date", BUILD_DATE]
    args += ["--out", str(root / "bulletin"), "--cache-dir", str(root / "cache"), *extra]
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(search_shards, "SHARD_PAGES", 10)
        assert main(args) == 0
    shards = json.loads((root / "bulletin" / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert all(len(listed["merge"]) >= 2 and listed["words"] for listed in shards["languages"].values()), shards["languages"]


@pytest.fixture(scope="session")
def sharded_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("sharded")
    _build_sharded(root)
    yield from serve(root / "bulletin")


@pytest.fixture(scope="session")
def sharded_subpath_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("sharded-host")
    _build_sharded(root, "--base-url", "https://example.org/bulletin/")
    yield from serve(root)


def _everything(page, url: str) -> tuple[str, list[str]]:
    """The status line and every result's address, pressing "more" until all are shown."""
    page.goto(url)
    wait_for_search(page)
    more = page.locator("#search-more")
    while more.is_visible():
        shown = page.locator("#search-results li").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('#search-results li').length > n", arg=shown)
    links = page.locator("#search-results li h2 a")
    return page.locator("#search-status").text_content() or "", [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


SEARCHES = [
    "/vi/tim-kiem/?q=dai+hoc",
    "/vi/tim-kiem/?q=h%E1%BB%A3p+t%C3%A1c",
    # a word some shards do not have: Pagefind leaves it out there (search.js keeps what one index finds)
    "/vi/tim-kiem/?q=Cambridge+%C4%91%E1%BA%A1i+h%E1%BB%8Dc",
    "/vi/tim-kiem/?q=B%E1%BA%AFc+Kinh+h%E1%BB%A3p+t%C3%A1c",
    "/en/search/?q=Cambridge&kind=partner",
    "/en/search/?q=cooperation+zzqxv",  # a word no shard has is left out everywhere, as by one index
    "/en/search/?q=%22state+visit%22",
    "/vi/tim-kiem/?q=dai+hoc&kind=partner",
    "/vi/tim-kiem/?kind=article&partner=tsinghua",
    "/vi/tim-kiem/?kind=agreement",
    "/en/search/?q=cooperation",
    "/en/search/?q=university&kind=event",
    "/en/search/?partner=university-of-cambridge",
    "/en/search/?q=zzqxv",
]


@pytest.mark.parametrize("search", SEARCHES)
def test_merged_shards_find_what_one_index_finds(page, site_url, sharded_url, search):
    watch = Watch(page)
    status, one = _everything(page, site_url + search)
    sharded_status, merged = _everything(page, sharded_url + search)
    assert sharded_status == status
    assert sorted(merged) == sorted(one)  # the order may differ: each shard ranks by its own statistics
    lang = search.split("/")[1]
    assert all(href.startswith(f"/{lang}/") for href in merged)
    assert watch.problems == []


def test_the_search_page_merges_its_languages_shards_only(page, sharded_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(sharded_url + "/en/search/?q=cooperation")
    wait_for_search(page)
    entries = sorted(url.split("/pagefind/")[1].split("?")[0] for url in requested if url.split("?")[0].endswith("pagefind-entry.json"))
    assert entries[-1] == "pagefind-entry.json"  # the main bundle, and English shards only
    assert len(entries) >= 3 and all(entry.startswith("en-") for entry in entries[:-1]), entries


def test_merged_shards_work_under_a_subpath(page, sharded_subpath_url):
    watch = Watch(page)
    _status, merged = _everything(page, sharded_subpath_url + "/bulletin/vi/tim-kiem/?q=dai+hoc")
    assert merged and all(href.startswith("/bulletin/vi/") for href in merged)
    assert watch.problems == []

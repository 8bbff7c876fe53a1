"""Pages that are not about an item: the search page and the 404 page of each language.

They are returned as the keyword arguments of plan.Page, so plan stays the one place that
assembles pages (and checks their paths for collisions).
"""

from __future__ import annotations

from functools import partial

from vnu_site.model import Site
from vnu_site.pages import search_data
from vnu_site.site.urls import Urls


def search_page(lang: str, site: Site, urls: Urls, strings) -> dict:
    return {
        "path": urls.section(lang, "search"),
        "template": "search.html",
        "lang": lang,
        "identity": ("section", "search"),
        "title": strings.get(lang, "search.title"),
        "content": partial(search_data.search_page_data, lang, site, strings),
        "description": strings.get(lang, "search.description"),
        "section": "search",
    }


def not_found_page(lang: str, site: Site, urls: Urls, strings) -> dict:
    sections = [
        {"title": strings.get(lang, f"nav.{key}"), "href": urls.href(urls.section(lang, key))}
        for key in ("news", "partners", "events", "agreements")
    ]
    return {
        "path": urls.not_found(lang),
        "template": "404.html",
        "lang": lang,
        "identity": ("404",),
        "title": strings.get(lang, "notfound.title"),
        "content": partial(dict, sections=sections),
        "description": strings.get(lang, "notfound.description"),
        "public": False,  # not in the sitemap, and marked noindex
    }

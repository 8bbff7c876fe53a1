"""Pages that are not for the public: the translation status page of each language, and
a redirect page at every old URL listed in `aliases`.

They are returned as the keyword arguments of plan.Page, so plan stays the one place that
assembles pages and checks their paths for collisions. Each carries `public=False`: no
link in the navigation, and kept out of the sitemap, search and feeds.
"""

from __future__ import annotations

import functools
from functools import partial

from . import status
from .errors import Location
from .model import Site
from .redirects import alias_redirects
from .urls import Urls


def editor_pages(site: Site, urls: Urls, strings) -> list[dict]:
    return [*_status_pages(site, urls, strings), *_redirect_pages(site, urls, strings)]


def _status_pages(site: Site, urls: Urls, strings) -> list[dict]:
    statuses = functools.cache(partial(status.translation_status, site))  # one reckoning for both languages
    return [
        {
            "path": urls.section(lang, "status"),
            "template": "status.html",
            "lang": lang,
            "identity": ("section", "status"),
            "title": strings.get(lang, "status.title"),
            "content": partial(_status, site, lang, urls, strings, statuses),
            "description": strings.get(lang, "status.description"),
            "public": False,
        }
        for lang in site.config.languages
    ]


def _status(site: Site, lang: str, urls: Urls, strings, statuses) -> dict:
    return {"status": status.page_data(site, lang, urls, strings.get, statuses())}


def _redirect_pages(site: Site, urls: Urls, strings) -> list[dict]:
    return [
        {
            "path": redirect.path,
            "template": "redirect.html",
            "lang": redirect.lang,
            "identity": ("redirect", redirect.path),
            "title": redirect.title,
            "content": partial(dict, redirect={"href": urls.href(redirect.target), "url": urls.absolute(redirect.target)}),
            "source": Location(redirect.source, 1),
            "description": strings.get(redirect.lang, "redirect.moved"),
            "public": False,
            "everything": True,  # rare; its title and target come from the item
        }
        for redirect in alias_redirects(site, urls)
    ]

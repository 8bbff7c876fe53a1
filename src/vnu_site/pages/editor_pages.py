"""Pages that are not for the public: the translation status page of each language, and
a redirect page at every old URL listed in `aliases`.

They are returned as the keyword arguments of plan.Page, so plan stays the one place that
assembles pages and checks their paths for collisions. Each carries `public=False`: no
link in the navigation, and kept out of the sitemap, search and feeds.
"""

from __future__ import annotations

import functools
from functools import partial

from vnu_site.errors import Location
from vnu_site.model import KINDS, SECTION_OF, Site
from vnu_site.pages import status
from vnu_site.site.aliases import alias_redirects
from vnu_site.site.urls import Urls


def editor_pages(site: Site, urls: Urls, strings) -> list[dict]:
    return [*_status_pages(site, urls, strings), *_redirect_pages(site, urls, strings)]


def _status_pages(site: Site, urls: Urls, strings) -> list[dict]:
    """An index per language, and a page per kind (so a new title re-makes one table). A site
    in one language has nothing to translate, and no status pages."""
    if len(site.config.languages) < 2:
        return []
    statuses = functools.cache(partial(status.translation_status, site))  # one reckoning for every page
    pages = []
    for lang in site.config.languages:
        title = strings.get(lang, "status.title")
        index = urls.section(lang, "status")
        for kind in (None, *KINDS):
            if kind is not None and not site.by_kind[kind]:
                continue
            section = strings.get(lang, f"section.{SECTION_OF[kind]}") if kind else ""
            pages.append(
                {
                    "path": urls.status(lang, kind) if kind else index,
                    "template": "status.html",
                    "lang": lang,
                    "identity": ("status", kind or ""),
                    "title": f"{title}{strings.get(lang, 'punctuation.colon')} {section}" if kind else title,
                    "content": partial(_status, site, lang, urls, strings, statuses, kind),
                    "description": strings.get(lang, "status.description"),
                    "crumbs": ((title, index),) if kind else (),
                    "public": False,
                }
            )
    return pages


def _status(site: Site, lang: str, urls: Urls, strings, statuses, kind: str | None) -> dict:
    return {"status": status.page_data(site, lang, urls, strings.get, statuses(), kind)}


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

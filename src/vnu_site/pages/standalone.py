"""The pages of the `page` kind (About, Contact, programmes…): pages that are not news.

Each sits at the top of its language or under its parent page (site/urls.py), with the
pages above it as breadcrumbs and the pages under it listed (views.Views._page). They
follow the one policy for untranslated pages: a page in one language only has a page in
that language only, whose switcher goes to the closest page above it in the other one.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from vnu_site.errors import Location
from vnu_site.model import Item
from vnu_site.pages.page import Page
from vnu_site.pages.views import Views
from vnu_site.site.urls import Urls


def page_pages(lang: str, pages: list[Item], urls: Urls, views: Views) -> Iterator[Page]:
    """pages: the pages with a text in `lang`."""
    for item in pages:
        text = item.texts[lang]
        yield Page(
            urls.item(item, lang),
            "page.html",
            lang,
            ("item", item.kind, item.key),
            text.title,
            partial(_content, item, lang, views),
            source=Location(text.path, 1),
            description=text.summary,
            crumbs=tuple((above.texts[lang].title, urls.item(above, lang)) for above in urls.ancestors(item, lang)),
            ancestors=tuple(above.ref for above in urls.ancestors(item)),
        )


def closest(item: Item, lang: str, urls: Urls) -> Item | None:
    """Where the switcher goes when the page has no text in `lang`: the nearest page above
    it that has one (None: the home page)."""
    trail = urls.ancestors(item, lang)
    return trail[-1] if trail else None


def _content(item: Item, lang: str, views: Views) -> dict:
    return {"item": views.detail(item, lang)}

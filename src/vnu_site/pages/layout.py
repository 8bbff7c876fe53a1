"""Which pages a site has, as plan.Page values, in the order plan checks them for
collisions; and the same list again after a quick edit, mostly reused.

A quick build (incremental/edits.py) starts from the last build's site with a few items'
texts read again: the same items, facts and languages, so every page but the edited items'
own has the same path, title and place (the listings' paths and titles come from facts,
tags and the theme's strings). Making all of them again was half of such a build at
1,000 pairs; `Layout.pages` makes only the edited items' pages, and the others' content
(bound to the last site) is never called: it is replaced by the new site's, made on first
use (a page that shows an edited title). Anything else (a page of the kind `page`, whose
slug is in the URLs under it; another site, other strings) lays out every page again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial

from vnu_site.errors import Location
from vnu_site.model import SECTION_OF, Item, Ref, Site
from vnu_site.pages import listings, service_pages, standalone
from vnu_site.pages.dates import lastmod
from vnu_site.pages.editor_pages import editor_pages
from vnu_site.pages.page import Page
from vnu_site.pages.views import Views
from vnu_site.site.urls import Urls

MAX_REUSED_EDITS = 32  # as edits.MAX_EDITED_FILES: more edited items are rare, and laid out afresh
_UNCHANGED = ("config", "backlinks", "tags", "build_date", "counts", "waiting", "images", "image_formats")


class Layout:
    """The pages of the last plan, kept for the next by a serve session (its builds follow
    each other, and a quick one's site is the last one's with a few texts read again)."""

    def __init__(self):
        self._last: tuple[Site, object, list[Page]] | None = None  # (site, strings, the site's own pages)

    def pages(self, site: Site, strings, urls: Urls, views: Views) -> tuple[list[Page], list[Callable[[], dict]]]:
        """Every page (each language's, then the editors'), and the content each shows."""
        edited = _edited_since(self._last, site, strings)
        if edited is None:
            own = [page for lang in site.config.languages for page in language_pages(lang, site, urls, views)]
            contents = [page.content for page in own]
        else:
            assert self._last is not None  # _edited_since
            own, contents = _again(self._last[2], edited, site, urls, views)
        self._last = (site, strings, own)
        editors = [Page(**page) for page in editor_pages(site, urls, strings)]  # few, and their aliases may change
        return own + editors, contents + [page.content for page in editors]


def language_pages(lang: str, site: Site, urls: Urls, views: Views):
    """The pages of one language, in a fixed order (the same site gives the same list)."""
    listed = {kind: [item for item in site.by_kind[kind] if lang in item.texts] for kind in site.by_kind}
    yield listings.home_page(lang, site, listed, urls, views)
    yield from listings.news_pages(lang, site, listed["article"], urls, views)
    position = _positions(site)
    for index, item in enumerate(listed["article"]):
        yield _item_page(item, lang, urls, views, partial(listings.article_extras, index, listed["article"], lang, site, views, position))
    for kind, template in (("partner", "partners.html"), ("event", "events.html"), ("agreement", "agreements.html")):
        yield listings.section_page(kind, template, lang, site, listed[kind], urls, views)
        for item in listed[kind]:
            yield _item_page(item, lang, urls, views, dict)
    yield from standalone.page_pages(lang, listed["page"], urls, views)
    yield from listings.tag_pages(lang, site, listed["article"], urls, views)
    yield from listings.archive_pages(lang, site, listed, urls, views)
    yield Page(**service_pages.search_page(lang, site, urls, views.strings))
    yield Page(**service_pages.not_found_page(lang, site, urls, views.strings))


def _positions(site: Site) -> dict[Ref, int]:
    return {item.ref: index for index, item in enumerate(site.by_kind["article"])}


def _item_page(item: Item, lang: str, urls: Urls, views: Views, extras) -> Page:
    text = item.texts[lang]
    section = SECTION_OF[item.kind]
    return Page(
        urls.item(item, lang),
        f"{item.kind}.html",
        lang,
        ("item", item.kind, item.key),
        text.title,
        partial(_item_content, item, lang, views, extras),
        source=Location(text.path, 1),
        description=text.summary,
        section=section,
        crumbs=((views.t(lang, f"section.{section}"), urls.section(lang, section)),),
        lastmod=lastmod(item),
    )


def _item_content(item: Item, lang: str, views: Views, extras) -> dict:
    return {"item": views.detail(item, lang), **extras()}


def _edited_since(last: tuple | None, site: Site, strings) -> set[Ref] | None:
    """The items whose texts changed since the last layout, if the rest of the site is the
    last one's (a quick build's site.with_items); None: lay out every page."""
    if last is None or last[1] is not strings:
        return None
    before: Site = last[0]
    if any(getattr(site, name) is not getattr(before, name) for name in _UNCHANGED) or site.items.keys() != before.items.keys():
        return None
    edited = {ref for ref, item in site.items.items() if item is not before.items[ref]}
    if len(edited) > MAX_REUSED_EDITS or any(kind == "page" for kind, _key in edited):
        return None  # a page's slug is in the URLs of the pages under it, its title in their breadcrumbs
    for ref in edited:
        new, old = site.items[ref], before.items[ref]
        if new.facts != old.facts or new.texts.keys() != old.texts.keys():
            return None  # not a quick edit: which pages exist, and what they list, may differ
    for kind, listed in site.by_kind.items():
        old_listed = before.by_kind[kind]
        if listed is not old_listed and [item.ref for item in listed] != [item.ref for item in old_listed]:
            return None
    return edited


def _again(last: list[Page], edited: set[Ref], site: Site, urls: Urls, views: Views) -> tuple[list[Page], list]:
    """The last layout with the edited items' pages made again; every other page's content
    comes from the new site's own layout, made only if one is called (_Fresh)."""
    fresh = _Fresh(site, urls, views)
    pages, contents = [], []
    for index, page in enumerate(last):
        if page.identity[0] == "item" and page.identity[1:] in edited:
            again = _item_page_again(site.items[page.identity[1:]], page.lang, site, urls, views)
            # Kept without its content: the layout kept for the next build holds no site but the one it was first made from.
            pages.append(dataclasses.replace(again, content=_not_kept))
            contents.append(again.content)
        else:
            pages.append(page)
            contents.append(partial(fresh.content, index, page))
    return pages, contents


def _not_kept() -> dict:
    raise AssertionError("a reused page's content comes from the new site (_Fresh)")


def _item_page_again(item: Item, lang: str, site: Site, urls: Urls, views: Views) -> Page:
    """The item's page as language_pages makes it."""
    if item.kind != "article":
        return _item_page(item, lang, urls, views, dict)
    articles = [article for article in site.by_kind["article"] if lang in article.texts]
    index = next(number for number, article in enumerate(articles) if article.ref == item.ref)
    return _item_page(item, lang, urls, views, partial(listings.article_extras, index, articles, lang, site, views, _positions(site)))


class _Fresh:
    """The new site's own layout, made on first use: what a reused page shows."""

    def __init__(self, site: Site, urls: Urls, views: Views):
        self._site, self._urls, self._views = site, urls, views
        self._pages: list[Page] | None = None

    def content(self, index: int, kept: Page) -> dict:
        if self._pages is None:
            site = self._site
            self._pages = [page for lang in site.config.languages for page in language_pages(lang, site, self._urls, self._views)]
        page = self._pages[index]
        if (page.path, page.identity, page.lang) != (kept.path, kept.identity, kept.lang):
            raise AssertionError(f"the reused layout differs from the site's at {page.path} / {kept.path}")
        return page.content()

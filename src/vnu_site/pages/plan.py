"""Site -> the list of pages: each with its path, template and everything it shows.

Pages that are the same thing in two languages share an identity; that is what the
language switcher, hreflang links and the sitemap follow. Two pages wanting one path
is an error reported here, naming both sources.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from vnu_site.errors import Location, Problems
from vnu_site.io.deps import touch, touch_everything
from vnu_site.model import SECTION_OF, Site
from vnu_site.pages import menus, standalone
from vnu_site.pages.head import head_extras, site_links, site_look
from vnu_site.pages.layout import Layout
from vnu_site.pages.page import Page, PlannedPage
from vnu_site.pages.views import Views
from vnu_site.site.urls import Urls


def plan(site: Site, strings, problems: Problems, search: bool = True, layout: Layout | None = None) -> list[PlannedPage]:
    """Every page, sorted by path. Deciding which pages exist is cheap; what each shows is
    assembled on first use of its context. search: whether pages carry what the search
    index reads; layout: the last plan's pages, kept by a process that builds again and
    again (serve's session): a quick edit's plan reuses most of them (layout.py)."""
    urls = Urls(site.config, site.items)
    views = Views(site, urls, strings)
    laid_out, contents = (layout or Layout()).pages(site, strings, urls, views)
    kept = _without_collisions(laid_out, problems)
    by_identity: dict[tuple, dict[str, Page]] = defaultdict(dict)
    for index in kept:
        page = laid_out[index]
        by_identity[page.identity][page.lang] = page
    ui = {lang: dict(sorted((key, texts[lang]) for key, texts in strings.table.items())) for lang in site.config.languages}
    links = {lang: _site_links(lang, site, urls) for lang in site.config.languages}
    planned = []
    for index in sorted(kept, key=lambda index: laid_out[index].path):
        page = laid_out[index]
        translations = by_identity[page.identity]
        make = partial(_context, page, contents[index], translations, site, urls, views, ui[page.lang], links[page.lang], search)
        planned.append(PlannedPage(page, make, partial(_sitemap_entry, page, translations, site, urls)))
    return planned


def _sitemap_entry(page: Page, translations: dict, site: Site, urls: Urls) -> tuple:
    if len(site.config.languages) == 1:  # no alternates, as the page's head has none
        return (urls.absolute(page.path), (), None, page.lastmod)
    alternates = tuple((other, urls.absolute(translations[other].path)) for other in site.config.languages if other in translations)
    return (urls.absolute(page.path), alternates, urls.absolute(_default(translations, site).path), page.lastmod)


def _default(translations: dict, site: Site) -> Page:
    """The x-default: the page in the default language, else in the first of the site's languages it has."""
    first = next(lang for lang in site.config.languages if lang in translations)
    return translations.get(site.config.default_language) or translations[first]


def _without_collisions(pages: list[Page], problems: Problems) -> list[int]:
    """The indices of the pages kept: the first of those that want one path."""
    owner: dict[str, Page] = {}
    kept = []
    for index, page in enumerate(pages):
        first = owner.get(page.path)
        if first is None:
            owner[page.path] = page
            kept.append(index)
            continue
        where = page.source or Location("content")
        other = first.source or "a section page"
        problems.error(where, f"produces the same URL {page.path} as {other}; give one of them a different 'slug'")
    return kept


def _site_links(lang: str, site: Site, urls: Urls) -> dict:
    """The template's `site`: the same for every page in a language, so made once and shared
    (never modified). It shows no item: nothing to record for deps."""
    config = site.config
    return {
        "title": config.title[lang],
        "description": config.description[lang],
        "home": urls.href(urls.home(lang)),
        "news": urls.href(urls.section(lang, "news")),  # the home page's "all news" (the menu may not have it)
        "partners": urls.href(urls.section(lang, "partners")),
        "events": urls.href(urls.section(lang, "events")),
        "tags": urls.href(urls.section(lang, "tags")),
        "archive": urls.href(urls.section(lang, "archive")),
        "css": urls.href(urls.asset("style.css")),
        **site_links(lang, urls),
        **site_look(config, urls),
    }


def _context(page: Page, content, translations: dict, site: Site, urls: Urls, views: Views, ui: dict, links: dict, search: bool) -> dict:
    """Everything the template gets (content: what is specific to the page, as
    Layout.pages gives it). Runs while deps.recording(): see PlannedPage."""
    if page.identity[0] == "item":
        touch(page.identity[1:])  # its title and summary are in the page's fields
    for ref in page.ancestors:
        touch(ref)  # a page's URLs (its own, its translations') are under theirs, and their titles are its breadcrumbs
    if page.everything:
        touch_everything()
    lang = page.lang
    config = site.config
    other_langs = [other for other in config.languages if other != lang]
    switch = []
    for other in other_langs:
        counterpart = translations.get(other)
        if counterpart:
            switch.append(
                {
                    "lang": other,
                    "href": urls.href(counterpart.path),
                    "missing": False,
                    "label": views.t(other, "language.name"),
                    "title": counterpart.title,
                }
            )
        else:
            fallback = _fallback(page, other, translations, urls, views)
            switch.append(
                {
                    "lang": other,
                    "href": urls.href(fallback[0]),
                    "missing": True,
                    "label": views.t(other, "language.name"),
                    "title": fallback[1],
                    # "This page is not yet available in French.": the other language, named in this page's language
                    "notice": views.t(lang, "switch.missing.notice").format(language=views.strings.language(lang, other)),
                }
            )
    # A site in one language has no alternates to name, not even x-default.
    alternates = [{"lang": other, "url": urls.absolute(translations[other].path)} for other in config.languages if other in translations]
    default = _default(translations, site)
    x_default = urls.absolute(default.path) if len(config.languages) > 1 else None
    nav = menus.menu(config.menu, page, site, urls, views.strings)
    footer = menus.menu(config.footer, page, site, urls, views.strings) if config.footer is not None else None
    crumbs = [{"title": views.t(lang, "nav.home"), "href": urls.href(urls.home(lang))}]
    crumbs += [{"title": title, "href": urls.href(path)} for title, path in page.crumbs]
    return {
        "page": {
            "lang": lang,
            "title": page.title,
            "description": page.description or config.description[lang],
            "canonical": urls.absolute(page.path),
            "alternates": alternates if x_default else [],
            "x_default": x_default,
            "switch": switch,
            "nav": nav,
            "footer": footer,  # None: the theme's own footer links
            "crumbs": crumbs if page.identity != ("home",) else [],
            "is_home": page.identity == ("home",),
            **head_extras(page, translations, site, urls, views.strings, search),
        },
        "site": links,
        "t": ui,
        **content(),
    }


def _fallback(page: Page, lang: str, translations, urls: Urls, views: Views) -> tuple[str, str]:
    """(path, title) the switcher goes to when this page has no counterpart in `lang`:
    the other language's index of the same section; for a page (the kind), the closest
    page above it in that language, else the home page."""
    kind = page.identity[0]
    if page.identity[:2] == ("item", "page"):
        above = standalone.closest(views.site.items[page.identity[1:]], lang, urls)
        if above is not None:
            return urls.item(above, lang), above.texts[lang].title
        return urls.home(lang), views.t(lang, "nav.home")
    if kind == "item":
        section = SECTION_OF[page.identity[1]]
    elif kind == "tag":
        section = "tags"
    elif kind == "year":
        section = "archive"
    elif page.identity[:2] == ("section", "news"):
        section = "news"
    else:
        return urls.home(lang), views.t(lang, "nav.home")
    return urls.section(lang, section), views.t(lang, f"section.{section}")

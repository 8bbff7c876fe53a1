"""The menus a page shows, in its language, as plain data: the main navigation (site.yaml's
`menu:`, else DEFAULT_MENU) and the footer's links (`footer:`, else the theme's own).

An entry pointing at an item with no text in the page's language is left out of that
language's menu, children and all: the site's policy for untranslated items (lists leave
them out too); resolve.py warns of it. The entry for the page being shown is marked
`current: "page"` (aria-current="page"), its parent entry `current: "true"`.
"""

from __future__ import annotations

from vnu_site.io.deps import touch
from vnu_site.model import KINDS, MenuEntry, Site
from vnu_site.site.urls import Urls

# Today's navigation: what a site without `menu:` shows.
DEFAULT_MENU = tuple(MenuEntry("section", key, {}) for key in ("home", "news", "partners", "events", "agreements"))
# The UI string that titles a section entry without a title of its own.
SECTION_TITLES = {
    "home": "nav.home",
    "news": "nav.news",
    "partners": "nav.partners",
    "events": "nav.events",
    "agreements": "nav.agreements",
    "tags": "section.tags",
    "archive": "section.archive",
    "search": "search.title",
    "feed": "footer.feed",
    "calendar": "footer.calendar",
}
TYPES = {"feed": "application/atom+xml", "calendar": "text/calendar"}  # the link's type attribute
# Pages below a section's index that are not in that section by page.section: tag pages
# and years (their page.section is "news", which is what the default menu marks for them).
_BELOW = {"tags": "tag", "archive": "year"}

_EXACT, _BELOW_IT, _SECTION = 3, 2, 1  # how closely an entry matches the page shown


def menu(entries: tuple[MenuEntry, ...] | None, page, site: Site, urls: Urls, strings) -> list[dict]:
    """The entries (None: DEFAULT_MENU) in the page's language, each {title, href, type,
    current, children}."""
    made: list[dict] = []
    best: tuple[int, dict, dict | None] = (0, {}, None)  # (how closely it matches the page, entry, its parent)
    for entry in DEFAULT_MENU if entries is None else entries:
        shown = _entry(entry, page, site, urls, strings)
        if shown is None:
            continue
        view, score = shown
        view["children"] = []
        for child in entry.children:
            shown_child = _entry(child, page, site, urls, strings)
            if shown_child is not None:
                view["children"].append(shown_child[0])
                if shown_child[1] > best[0]:  # a child before its parent: the closer one
                    best = (shown_child[1], shown_child[0], view)
        if score > best[0]:
            best = (score, view, None)
        made.append(view)
    if best[0]:
        best[1]["current"] = "page"
        if best[2] is not None:
            best[2]["current"] = "true"  # the entry whose child is the page shown
    return made


def _entry(entry: MenuEntry, page, site: Site, urls: Urls, strings) -> tuple[dict, int] | None:
    """(view, how closely it matches the page) of one entry in the page's language, or None
    when it is left out of that language's menu."""
    lang = page.lang
    if entry.target == "section":
        key = entry.key
        if key == "home":
            path = urls.home(lang)
        elif key == "feed":
            path = urls.feed(lang)
        elif key == "calendar":
            path = urls.calendar(lang)
        else:
            path = urls.section(lang, key)
        title = entry.title.get(lang) or strings.get(lang, SECTION_TITLES[key])
        if page.path == path:
            score = _EXACT
        elif _BELOW.get(key) == page.identity[0]:
            score = _BELOW_IT
        else:
            score = _SECTION if page.section == key else 0
        return _view(title, urls.href(path), TYPES.get(key, "")), score
    if entry.target == "url":
        if not entry.key.startswith("/"):  # elsewhere on the web
            return _view(entry.title[lang], entry.key), 0
        return _view(entry.title[lang], urls.href(entry.key)), _EXACT if page.path == entry.key else 0
    assert entry.target in KINDS  # checked when site.yaml was read
    item = site.items.get((entry.target, entry.key))
    if item is None or lang not in item.texts:
        return None  # no text in this language (an unknown item or a draft is an error already)
    touch(item.ref, lang)  # its title and slug are shown
    for above in urls.ancestors(item, lang):
        touch(above.ref, lang)  # a page's URL is under its ancestors'
    path = urls.item(item, lang)
    score = 0
    if page.path == path:
        score = _EXACT
    elif page.identity[0] == "item":  # a page below this one (pages have parents)
        shown = site.items.get(page.identity[1:])
        if shown is not None and any(above.ref == item.ref for above in urls.ancestors(shown)):
            score = _BELOW_IT
    return _view(entry.title.get(lang) or item.texts[lang].title, urls.href(path)), score


def _view(title: str, href: str, type_: str = "") -> dict:
    return {"title": title, "href": href, "type": type_, "current": ""}

"""One page of the plan: what it is (path, template, language, identity), and what it
shows, assembled only when asked for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vnu_site.errors import Location
from vnu_site.io import deps


@dataclass(slots=True)  # not frozen: frozen dataclasses set each field through object.__setattr__, a third of plan's time
class Page:
    """A page as the plan lays it out, never changed once made. `content` makes the
    template data specific to the page; it runs only when the page must be assembled
    (see PlannedPage)."""

    path: str
    template: str
    lang: str
    identity: tuple
    title: str
    content: Callable[[], dict]
    source: Location | None = None  # where the page comes from, for collision messages
    description: str = ""
    section: str = ""  # which nav entry is current
    crumbs: tuple = ()  # ((title, path), ...) between home and this page
    public: bool = True  # False: for editors or old URLs; kept out of nav, sitemap, search and feeds
    everything: bool = False  # depends on every item (redirect pages: rare, and their title and target come from items)
    ancestors: tuple = ()  # a page's (the kind) pages above it: their slugs are in its URLs, their titles in its breadcrumbs
    lastmod: str = ""  # the sitemap's <lastmod> (YYYY-MM-DD), or "" when unknown: see dates.lastmod


class PlannedPage:
    """A page ready to be made. `context` is assembled when asked for, and `dependencies`
    then holds the items it was made from (see deps.py)."""

    __slots__ = ("_make", "_sitemap", "ancestors", "dependencies", "identity", "lang", "path", "public", "template")

    def __init__(self, page: Page, make: Callable[[], dict], sitemap: Callable[[], tuple]):
        self.path = page.path
        self.template = page.template
        self.lang = page.lang
        self.public = page.public
        self.identity = page.identity
        self.ancestors = page.ancestors
        self._make = make
        self._sitemap = sitemap
        self.dependencies: frozenset | None = None

    @property
    def sitemap(self) -> tuple | None:
        """(canonical URL, ((lang, URL), ...), x-default URL, lastmod), or None when left out. A
        site in one language has no alternates: ((), None); lastmod is "" when unknown."""
        return self._sitemap() if self.public else None

    @property
    def context(self) -> dict:
        """Made again at each use, never kept: a page is rendered once, and three thousand
        kept contexts made the workers' memory grow by tens of megabytes (each page of it
        a fault, and more for the collector to walk)."""
        with deps.recording() as found:
            context = self._make()
        self.dependencies = frozenset(found)
        return context

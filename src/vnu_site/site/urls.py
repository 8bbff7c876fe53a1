"""The URL scheme, in one place: site paths, links under a base path, absolute URLs,
and the output file each path is written to.

A *path* is site-relative and starts with "/" ("/vi/doi-tac/dai-hoc-thanh-hoa/");
an *href* is what goes in a link (base path prefixed); an *absolute* URL includes the host.
"""

from __future__ import annotations

from collections.abc import Mapping

from vnu_site.model import FOLDERS, SECTION_OF, Item, Ref, SiteConfig
from vnu_site.sources.slugs import shorten, slug_for


class Urls:
    def __init__(self, config: SiteConfig, items: Mapping[Ref, Item] | None = None):
        """items: the site's items, where a page's ancestors are looked up (its URL is under
        theirs); needed only by who makes the URLs of pages (the `page` kind)."""
        self.config = config
        self._base_path = config.base_path
        self._base_url = config.base_url
        self._items: Mapping[Ref, Item] = items or {}

    def home(self, lang: str) -> str:
        return f"/{lang}/"

    def section(self, lang: str, section: str, page: int = 1) -> str:
        segment = self.config.sections[lang][section]
        if page <= 1:
            return f"/{lang}/{segment}/"
        return f"/{lang}/{segment}/{self.config.sections[lang]['page']}/{page}/"

    def status(self, lang: str, kind: str) -> str:
        """The translation status page of one kind of item (editors only)."""
        return f"{self.section(lang, 'status')}{self.config.sections[lang][SECTION_OF[kind]]}/"

    def section_of(self, lang: str, kind: str) -> str:
        return self.section(lang, SECTION_OF[kind])

    def item(self, item: Item, lang: str) -> str:
        if item.kind == "page":
            return self._page(item, lang)
        return f"/{lang}/{self.config.sections[lang][SECTION_OF[item.kind]]}/{item.texts[lang].slug}/"

    def _page(self, item: Item, lang: str) -> str:
        """A page sits at the top of its language, under its ancestors that have a text in
        that language: /en/about/, /en/about/contact/ (page_tree.py keeps it off the sections')."""
        trail = "".join(f"{above.texts[lang].slug}/" for above in self.ancestors(item, lang))
        return f"/{lang}/{trail}{item.texts[lang].slug}/"

    def ancestors(self, item: Item, lang: str | None = None) -> list[Item]:
        """The pages above a page, the outermost first; only those with a text in `lang` when
        it is given. A parent that is not among the items (a draft) ends the line, and so
        does a cycle (page_tree.py reports both)."""
        found: list[Item] = []
        seen = {item.key}
        parent = item.facts.get("parent")
        while parent and parent not in seen:
            above = self._items.get(("page", parent))
            if above is None:
                break
            seen.add(parent)
            found.append(above)
            parent = above.facts.get("parent")
        return [above for above in reversed(found) if lang is None or lang in above.texts]

    def tag(self, lang: str, label: str, key: str) -> str:
        # A label with no letters (only emoji, say) takes the key, shortened like any slug.
        return f"/{lang}/{self.config.sections[lang]['tags']}/{slug_for(label) or shorten(key)}/"

    def year(self, lang: str, year: int) -> str:
        return f"/{lang}/{self.config.sections[lang]['archive']}/{year}/"

    def asset(self, name: str) -> str:
        return f"/assets/{name}"

    def media(self, kind: str, key: str, name: str = "") -> str:
        """An item's images, by its stable id so both languages share them: /media/articles/KEY/NAME."""
        folder = next(folder for folder, k in FOLDERS.items() if k == kind)
        return f"/media/{folder}/{key}/{name}"

    def published_urls(self) -> str:
        """Every item's current URL per language, read back by `check` to notice changed slugs."""
        return "/urls.json"

    def feed(self, lang: str) -> str:
        return f"/{lang}/feed.xml"

    def json_feed(self, lang: str) -> str:
        """The language feed as JSON Feed 1.1, beside the Atom one."""
        return f"/{lang}/feed.json"

    def item_feed(self, item: Item, lang: str) -> str:
        """A partner's own feed sits beside its page: /vi/doi-tac/dai-hoc-thanh-hoa/feed.xml."""
        return self.item(item, lang) + "feed.xml"

    def calendar(self, lang: str) -> str:
        return f"/{lang}/calendar.ics"

    def not_found(self, lang: str) -> str:
        """The default language's 404 page is /404.html, where static hosts look for it."""
        return "/404.html" if lang == self.config.default_language else f"/{lang}/404.html"

    def search_bundle(self) -> str:
        """Where the Pagefind index and its script are written."""
        return "/pagefind/"

    def href(self, path: str) -> str:
        return self._base_path + path[1:]

    def absolute(self, path: str) -> str:
        if self._base_url.startswith("/"):  # no host known: root-relative is the best we have
            return self.href(path)
        return self._base_url + path[1:]

    @staticmethod
    def output_file(path: str) -> str:
        """'/vi/tin-tuc/' -> 'vi/tin-tuc/index.html'; '/sitemap.xml' stays a file."""
        relative = path[1:]
        return relative + "index.html" if relative.endswith("/") or not relative else relative

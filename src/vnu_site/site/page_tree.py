"""Pages (the `page` kind) under pages: the nesting and the addresses, checked.

A page may name its parent (`parent: about`), a fact of the item; resolve checks that
reference as any other (an unknown id gets a suggestion, a draft is refused, and so is a
page under itself). Here: no cycle, at most PAGE_DEPTH levels, and no page at an address a
section or another page already has. A page's URL is its ancestors' slugs and its own,
at the top of its language (urls.py): /en/about/contact/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from vnu_site.errors import Location, Problems
from vnu_site.model import Entry, Item, Ref, SiteConfig
from vnu_site.site.urls import Urls
from vnu_site.sources.schema import PAGE_DEPTH

# Where a page's address is written: its `slug` line, else its `title` line.
Where = Callable[[Item, str], Location]


def check(
    all_items: Mapping[Ref, Item],
    published: Mapping[Ref, Item],
    grouped: Mapping[Ref, Mapping[str, Entry]],
    config: SiteConfig,
    problems: Problems,
) -> None:
    """Every page, drafts included (as if published): its nesting and its address."""
    pages = [item for ref, item in sorted(all_items.items()) if ref[0] == "page"]

    def parent_line(page: Item) -> Location:
        entry = next(entry for entry in grouped[page.ref].values() if "parent" in entry.lines)
        return Location(entry.path, entry.lines["parent"])

    for page in pages:
        if page.facts.get("parent"):
            _check_nesting(page, all_items, parent_line, problems)

    def where(page: Item, lang: str) -> Location:
        lines = grouped[page.ref][lang].lines
        return Location(page.texts[lang].path, lines.get("slug") or lines.get("title", 1))

    check_addresses(pages, published, Urls(config, all_items), where, problems)


def _check_nesting(page: Item, items: Mapping[Ref, Item], parent_line: Callable[[Item], Location], problems: Problems) -> None:
    """A cycle is reported once, at the page of it whose id sorts first; a page too deep,
    only at the first level too many (those under it follow from it)."""
    chain = [page.key]
    above = page
    while parent := above.facts.get("parent"):
        if parent in chain:
            cycle = chain[chain.index(parent) :]
            if parent == page.key and len(cycle) > 1 and page.key == min(cycle):  # itself: resolve says so
                shown = " → ".join(f"'{key}'" for key in [*cycle, page.key])
                message = f"parent: the pages {shown} form a cycle; a page cannot sit under itself: remove or change one of these parents"
                problems.error(parent_line(page), message)
            return
        found = items.get(("page", parent))
        if found is None:
            return  # an unknown id: resolve says so
        chain.append(parent)
        above = found
    if len(chain) == PAGE_DEPTH + 1:
        shown = " → ".join(f"'{key}'" for key in reversed(chain))
        message = f"parent: this page is {len(chain)} levels deep ({shown}); pages nest {PAGE_DEPTH} levels at most: put it higher up"
        problems.error(parent_line(page), message)


def check_addresses(pages: Iterable[Item], published: Mapping[Ref, Item], urls: Urls, where: Where, problems: Problems) -> None:
    """No page where a section of its language is (/en/news/), nor two published pages at
    one address. (Unpublished ones meeting published ones: unpublished.check_urls.)"""
    taken: dict[str, Location] = {}
    for page in pages:
        for lang in sorted(page.texts):
            path = urls.item(page, lang)
            at = where(page, lang)
            section = _section_at(path, lang, urls.config)
            if section:
                problems.error(at, f"the page's address {path} is the {section} section's; give the page another `slug:`")
                continue
            if page.ref not in published:
                continue
            first = taken.setdefault(path, at)
            if first is not at:
                problems.error(at, f"the page's address {path} is also that of {first}; give one of them another `slug:`")


def _section_at(path: str, lang: str, config: SiteConfig) -> str | None:
    """The section (its key) whose address is `path`, for a page at the top of `lang`."""
    segments = path.strip("/").split("/")
    if len(segments) != 2:
        return None  # under another page: the sections are at the top only
    return next((key for key, segment in config.sections[lang].items() if segment == segments[1]), None)

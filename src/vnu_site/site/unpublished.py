"""Items not published yet, checked now as they will be on the day they go live.

A draft goes live when an editor removes its `draft: true` and runs the build; an article
dated after the build date goes live by itself, on its date, in a nightly build that nobody
watches. So resolve checks both like published items (their fields, tags and references,
against every item there is), and this module adds what only the calendar decides: a
scheduled article may not rely on an item that will not be published by its date, and no
unpublished text may take a URL that another item or alias already has.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from typing import cast

from vnu_site.errors import Location, Problems
from vnu_site.model import Entry, Item, Ref, Site
from vnu_site.site.urls import Urls
from vnu_site.sources.schema import FIELDS, referred_kind


def goes_live(item: Item, build_date: datetime.date) -> datetime.date | None:
    """The day a scheduled article (not a draft, dated after the build date) goes live; else None."""
    date = item.date()
    if item.draft or item.kind != "article" or date is None or date.as_date() <= build_date:
        return None
    return date.as_date()


def check_schedule(
    unpublished: list[Item],
    grouped: Mapping[Ref, Mapping[str, Entry]],
    all_items: Mapping[Ref, Item],
    build_date: datetime.date,
    problems: Problems,
) -> None:
    """A scheduled article that refers to a draft, or links to an article going live after it,
    would fail the build of its day: said now, where the reference is written."""
    for item in unpublished:
        day = goes_live(item, build_date)
        if day is None:
            continue
        for field, ref, at in _references(item, grouped[item.ref]):
            target = all_items.get(ref)
            if target is None or ref == item.ref:
                continue  # unknown, or itself: check_item said so
            kind, key = ref
            said = f"{field}: {kind} '{key}'" if field else f"links to {kind} '{key}', which"
            if target.draft:
                fix = f"remove its `draft: true` before then, or remove the {'link' if not field else 'reference'}"
                problems.error(at, f"{said} is a draft, and this article goes live on {day} (its date): {fix}")
                continue
            later = goes_live(target, build_date)
            if later and later > day:
                problems.error(at, f"{said} goes live on {later}, after this article ({day}): date this article {later} or later")


def _references(item: Item, by_lang: Mapping[str, Entry]) -> Iterator[tuple[str, Ref, Location]]:
    """(field, (kind, key), where) of every reference field and body link ('' for a link)."""
    specs = FIELDS[item.kind]
    for name, value in item.facts.items():
        kind = referred_kind(specs[name])
        if kind is None:
            continue
        entry = next(entry for entry in by_lang.values() if name in entry.lines)
        for key in (value,) if isinstance(value, str) else cast(tuple[str, ...], value):  # a reference: an id or ids
            yield name, (kind, key), Location(entry.path, entry.lines[name])
    for entry in by_lang.values():
        for kind, key, line in entry.body_links:
            if key:
                yield "", (kind, key), Location(entry.path, line)


def check_urls(
    all_items: Mapping[Ref, Item],
    published: Mapping[Ref, Item],
    grouped: Mapping[Ref, Mapping[str, Entry]],
    urls: Urls,
    problems: Problems,
) -> None:
    """A URL an unpublished text would take (its page, its aliases) that a published text or
    another unpublished one has already: the build of the day it goes live would refuse it.
    Collisions between published pages are the planner's to report."""
    taken: dict[str, Location] = {}
    for ref in sorted(all_items, key=lambda ref: (ref not in published, ref)):  # published first: they keep their URL
        item = all_items[ref]
        for lang, text in sorted(item.texts.items()):
            lines = grouped[ref][lang].lines
            page = Location(text.path, lines.get("slug") or lines.get("title", 1))
            claims = [(urls.item(item, lang), page, "give one of them a different 'slug'")]
            claims += [(alias, Location(text.path, lines["aliases"]), "remove the alias") for alias in text.values.get("aliases", ())]
            for path, at, fix in claims:
                first = taken.setdefault(path, at)
                if first is not at and ref not in published:
                    problems.error(at, f"once published, produces the same URL {path} as {first}; {fix}")


def takes_pending(site: Site, edited: Iterable[Item]) -> bool:
    """Whether an edited published text now has a URL that an unpublished text will take (the
    quick path resolves no unpublished item: it then leaves the build to the full path).
    site: with the edited items in it."""
    if not site.waiting:
        return False
    urls = Urls(site.config, {**site.items, **{item.ref: item for item in site.waiting}})
    pending = {path for item in site.waiting for path in _urls(item, urls)}
    moved = list(edited)
    if any(item.kind == "page" for item in moved):  # a page's slug is in the URLs of the pages under it
        moved += [item for item in site.items.values() if item.kind == "page"]
    return any(path in pending for item in moved for path in _urls(item, urls))


def _urls(item: Item, urls: Urls) -> Iterator[str]:
    for lang, text in item.texts.items():
        yield urls.item(item, lang)
        yield from text.values.get("aliases", ())

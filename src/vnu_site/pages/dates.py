"""How an item's date reads in a list, a search result or running text: an event's whole
range, an article's day or month, a partner's founding year; and when a page last changed,
for the sitemap."""

from __future__ import annotations

from vnu_site.model import Item
from vnu_site.sources import i18n


def date_text(item: Item, lang: str, style: str = "list") -> str:
    if item.kind == "event":
        return i18n.format_range(item.facts["start"], item.facts.get("end"), lang, style)
    date = item.date()
    if date:
        return i18n.format_day(date, lang, style)
    if item.facts.get("founded_year"):
        return str(item.facts["founded_year"])
    return ""


def lastmod(item: Item) -> str:
    """The day an article last changed (YYYY-MM-DD, the sitemap's <lastmod>): its `updated`,
    else its date when that is a whole day and a publication date. "" when unknown: a
    month-only date (no day is invented), an undated source's story (its date is the events'),
    and the other kinds, whose dates (an event's start, a signing) say nothing of the page."""
    updated = item.facts.get("updated")
    if updated:
        return updated.iso
    date = item.facts.get("date")
    if item.kind == "article" and date and date.exact and not item.facts.get("undated_source"):
        return date.iso
    return ""


def newest(items) -> str:
    """A list's lastmod: the newest of its items', when every item has one (an item without one
    may be the newest change), else ""."""
    days = [lastmod(item) for item in items]
    return max(days) if days and all(days) else ""

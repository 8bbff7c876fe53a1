"""How an item's date reads in a list, a search result or running text: an event's whole
range, an article's day or month, a partner's founding year."""

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

"""Translation status: for every published item, which languages it has and whether each
translation is still up to date with its original (see provenance.py).

One computation feeds both `vnu-site check` and the editors' status page.
"""

from __future__ import annotations

from dataclasses import dataclass

from .deps import touch, touch_body
from .model import KINDS, SECTION_OF, Item, Site
from .urls import Urls

# The states of one language of one item, as the page and `check --format json` name them.
ORIGINAL = "original"  # a file with no translated_from: written in this language
CURRENT = "current"  # a translation made from the original's current version
STALE = "stale"  # a translation made from an older version of the original
MISSING = "missing"  # no published file in this language
UNKNOWN_ORIGINAL = "unknown-original"  # translated_from names a language with no published file


@dataclass(frozen=True)
class Side:
    lang: str
    state: str
    path: str = ""  # the file, when there is one
    original: str = ""  # the language it was translated from
    recorded: str = ""  # the original's version the translation was made from
    current: str = ""  # the original's version now


@dataclass(frozen=True)
class ItemStatus:
    item: Item
    sides: tuple  # (Side, ...) in the site's language order

    @property
    def state(self) -> str:
        """The item's worst side: stale before missing before complete."""
        states = {side.state for side in self.sides}
        if STALE in states:
            return STALE
        if MISSING in states:
            return MISSING
        return CURRENT


def translation_status(site: Site) -> list[ItemStatus]:
    """Every published item, kinds in the site's order, then by id."""
    result = []
    for kind in KINDS:
        for item in sorted(site.by_kind[kind], key=lambda i: i.key):
            result.append(ItemStatus(item, tuple(_side(item, lang) for lang in site.config.languages)))
    return result


def _side(item: Item, lang: str) -> Side:
    text = item.texts.get(lang)
    if text is None:
        return Side(lang, MISSING)
    source = text.values.get("translated_from")
    if not source:
        return Side(lang, ORIGINAL, text.path)
    original = item.texts.get(source["lang"])
    if original is None or source["lang"] == lang:
        return Side(lang, UNKNOWN_ORIGINAL, text.path, source["lang"], source["version"])
    state = CURRENT if original.version == source["version"] else STALE
    return Side(lang, state, text.path, source["lang"], source["version"], original.version)


def page_data(site: Site, lang: str, urls: Urls, t, statuses: list | None = None) -> dict:
    """What the status page in `lang` shows: counts, then one table per kind.
    statuses: translation_status(site), if already reckoned."""
    statuses = statuses if statuses is not None else translation_status(site)
    counts = {state: sum(1 for s in statuses if s.state == state) for state in (CURRENT, MISSING, STALE)}
    groups = []
    for kind in KINDS:
        rows = []
        for status in (s for s in statuses if s.item.kind == kind):
            sides = []
            for side in status.sides:
                text = status.item.texts.get(side.lang)
                if text:
                    touch(status.item.ref, side.lang)  # its title, link and translated_from
                if side.original:
                    touch_body(status.item.ref, side.original)  # the original's version decides the state
                sides.append(
                    {
                        "lang": side.lang,
                        "state": side.state,
                        "label": t(lang, f"status.state.{side.state}"),
                        "title": text.title if text else "",
                        "href": urls.href(urls.item(status.item, side.lang)) if text else "",
                        "original": side.original,
                    }
                )
            rows.append({"key": status.item.key, "state": status.state, "sides": sides})
        if rows:
            groups.append({"kind": kind, "label": t(lang, f"section.{SECTION_OF[kind]}"), "rows": rows})
    return {
        "counts": {"total": len(statuses), **counts},
        "languages": [{"lang": other, "label": t(other, "language.name")} for other in site.config.languages],
        "groups": groups,
    }

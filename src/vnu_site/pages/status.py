"""Translation status: for every published item, which languages it has and whether each
translation is still up to date with its original (see provenance.py).

One computation feeds both `vnu-site check` and the editors' status page.
"""

from __future__ import annotations

from dataclasses import dataclass

from vnu_site.io.deps import touch, touch_body
from vnu_site.model import KINDS, SECTION_OF, Item, Site
from vnu_site.site.urls import Urls

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


def page_data(site: Site, lang: str, urls: Urls, t, statuses: list, kind: str | None = None) -> dict:
    """What a status page in `lang` shows. The index (kind None): counts, a link per kind,
    and the items that need a translator. A kind's page: its counts and every item of it.
    (One page of every item was 900 KB at 1,000 articles, made again at every new title.)
    statuses: translation_status(site)."""
    shown = [s for s in statuses if kind is None or s.item.kind == kind]
    listed = shown if kind else [s for s in shown if s.state != CURRENT]
    groups = []
    for group_kind in KINDS:
        rows = [_row(status, lang, urls, t) for status in listed if status.item.kind == group_kind]
        if rows:
            groups.append({"kind": group_kind, "label": t(lang, f"section.{SECTION_OF[group_kind]}"), "rows": rows})
    kinds = []
    if kind is None:
        for each in KINDS:
            of_kind = [s for s in shown if s.item.kind == each]
            if of_kind:
                href = urls.href(urls.status(lang, each))
                kinds.append({"kind": each, "label": t(lang, f"section.{SECTION_OF[each]}"), "href": href, "counts": _counts(of_kind)})
    return {
        "counts": _counts(shown),
        "languages": [{"lang": other, "label": t(other, "language.name")} for other in site.config.languages],
        "kinds": kinds,
        "groups": groups,
        "all_listed": kind is not None,
    }


def _counts(statuses: list) -> dict:
    for status in statuses:
        for side in status.sides:
            if side.lang in status.item.texts:
                touch(status.item.ref, side.lang)  # translated_from, which decides the state
            if side.original:
                touch_body(status.item.ref, side.original)  # the original's version decides the state
    return {"total": len(statuses), **{state: sum(1 for s in statuses if s.state == state) for state in (CURRENT, MISSING, STALE)}}


def _row(status: ItemStatus, lang: str, urls: Urls, t) -> dict:
    sides = []
    for side in status.sides:
        text = status.item.texts.get(side.lang)
        if text:
            touch(status.item.ref, side.lang)  # its title and link
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
    return {"key": status.item.key, "state": status.state, "sides": sides}

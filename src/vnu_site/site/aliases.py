"""Stable URLs: which old addresses redirect where, and the map of every item's current URL.

An item's `aliases` (old site paths, per language) each get a small page that sends the
reader on to the item's current URL (pages/editor_pages.py). Every build also publishes
`urls.json`, each item's current path per language (outputs/published_urls.py); `vnu-site
check --published SITE` compares it with the content and warns when a published URL
changed with no alias to keep old links working.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vnu_site.model import Ref, Site
from vnu_site.site.urls import Urls

FORMAT = 1  # urls.json layout version


@dataclass(frozen=True)
class Redirect:
    path: str  # the old path, served by a redirect page
    target: str  # the item's current path
    lang: str
    title: str
    source: str  # the file that lists the alias


@dataclass(frozen=True)
class Moved:
    """A published URL that now points nowhere."""

    ref: Ref
    lang: str
    old: str
    new: str
    path: str  # the text's file


def alias_redirects(site: Site, urls: Urls) -> list[Redirect]:
    found = []
    for ref in sorted(site.items):
        item = site.items[ref]
        for lang in sorted(item.texts):
            text = item.texts[lang]
            for alias in text.values.get("aliases", ()):
                found.append(Redirect(alias, urls.item(item, lang), lang, text.title, text.path))
    return found


def url_map(site: Site, urls: Urls) -> dict[str, object]:
    items = {
        f"{kind}/{key}": {lang: urls.item(item, lang) for lang in sorted(item.texts)} for (kind, key), item in sorted(site.items.items())
    }
    return {"format": FORMAT, "items": items}


def moved_without_alias(site: Site, urls: Urls, published: dict[str, Any]) -> list[Moved]:
    """Published URLs of items that still exist but moved, with no alias at the old path."""
    moved = []
    for ref_text, paths in sorted(published["items"].items()):
        kind, _, key = ref_text.partition("/")
        item = site.get((kind, key))
        if item is None or not isinstance(paths, dict):
            continue  # removed, or a draft again: not a slug change
        aliases = {alias for text in item.texts.values() for alias in text.values.get("aliases", ())}
        for lang, old in sorted(paths.items()):
            if lang not in item.texts:
                continue
            new = urls.item(item, lang)
            if old != new and old not in aliases:
                moved.append(Moved(item.ref, lang, old, new, item.texts[lang].path))
    return moved

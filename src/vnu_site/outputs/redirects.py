"""Stable URLs: redirect pages at old addresses, and the map that notices changed slugs.

An item's `aliases` (old site paths, per language) each get a small page that sends the
reader on to the item's current URL (meta refresh + canonical). Every build also
publishes `urls.json`, each item's current path per language; `vnu-site check
--published SITE` compares it with the content and warns when a published URL changed
with no alias to keep old links working.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from vnu_site.io.deps import touch
from vnu_site.io.write import Lazy
from vnu_site.model import Site
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

    ref: tuple  # (kind, key)
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


def url_map(site: Site, urls: Urls) -> dict:
    items = {
        f"{kind}/{key}": {lang: urls.item(item, lang) for lang in sorted(item.texts)}
        for (kind, key), item in sorted(site.items.items())
    }
    return {"format": FORMAT, "items": items}


def published_urls_file(site, strings, pages, env, options, problems) -> dict:
    """Output producer: urls.json, written only when an item's URL changed."""
    urls = Urls(site.config)
    return {urls.published_urls()[1:]: Lazy(partial(_every_url, site, urls), _json_file)}


def _every_url(site: Site, urls: Urls) -> dict:
    for item in site.items.values():
        for lang in item.texts:
            touch(item.ref, lang)  # a new title may move it (a new slug)
    return url_map(site, urls)


def _json_file(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


class PublishedUnavailable(Exception):
    """The published map could not be read; the message says why."""


def load_published(source: str) -> dict:
    """The map of a built or deployed site: a folder holding urls.json, or the site's URL."""
    if source.startswith(("http://", "https://")):
        import urllib.error  # only `check --published URL` needs them: builds do not import them
        import urllib.request

        url = source.rstrip("/") + "/urls.json"
        try:
            with urllib.request.urlopen(url, timeout=15) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return {"format": FORMAT, "items": {}}  # nothing published yet
            raise PublishedUnavailable(f"{url}: HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise PublishedUnavailable(f"{url}: {getattr(exc, 'reason', exc)}") from None
        shown = url
    else:
        path = Path(source) / "urls.json"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise PublishedUnavailable(f"{path}: {exc.strerror or exc}") from None
        shown = path.as_posix()
    try:
        data = json.loads(raw)
    except ValueError:
        raise PublishedUnavailable(f"{shown}: not a urls.json written by vnu-site") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("items"), dict):
        raise PublishedUnavailable(f"{shown}: not a urls.json written by vnu-site")
    return data


def moved_without_alias(site: Site, urls: Urls, published: dict) -> list[Moved]:
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

"""The URL map of a built or deployed site, for `vnu-site check --published`."""

from __future__ import annotations

import json
from pathlib import Path

from vnu_site.site.aliases import FORMAT


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

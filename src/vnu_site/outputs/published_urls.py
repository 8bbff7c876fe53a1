"""urls.json: each item's current path per language, published with the site so that
`vnu-site check --published` can tell a changed slug from a new one (site/aliases.py)."""

from __future__ import annotations

import json
from functools import partial

from vnu_site.io.deps import touch
from vnu_site.io.write import Lazy
from vnu_site.model import Site
from vnu_site.site.aliases import url_map
from vnu_site.site.urls import Urls


def published_urls_file(site, strings, pages, env, options, problems) -> dict:
    """Output producer: urls.json, written only when an item's URL changed."""
    urls = Urls(site.config, site.items)
    return {urls.published_urls()[1:]: Lazy(partial(_every_url, site, urls), _json_file)}


def _every_url(site: Site, urls: Urls) -> dict:
    for item in site.items.values():
        for lang in item.texts:
            touch(item.ref, lang)  # a new title may move it (a new slug)
    return url_map(site, urls)


def _json_file(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")

"""Ordinary links and images in bodies that point into the site but at nothing.

Item links (`partner:KEY`, …) are checked by resolve and local images by images.py;
this covers what an editor types by hand: `/vi/tin-tuc/…/`, `../doi-tac/`, or the site's
own absolute URL. A site path written with a leading "/" must include the base path the
site is published under, so it is reported when it does not.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import Site
from vnu_site.site.urls import Urls
from vnu_site.sources.body_images import local_name
from vnu_site.sources.sourcelines import body_line

_LINK = re.compile(r'<(a|img)\b[^>]*?\b(href|src)="([^"]*)"')


def check_links(site: Site, known: set[str], problems: Problems, settings: str = "content/site.yaml") -> None:
    """known: every site path the build makes ('/vi/', '/assets/style.css', …); settings:
    site.yaml as problems name it (its menu's paths on the site are checked too)."""
    _menu_links(site, known, problems, settings)
    urls = Urls(site.config, site.items)
    base_path = site.config.base_path
    for ref in sorted(site.items):
        item = site.items[ref]
        for lang in sorted(item.texts):
            text = item.texts[lang]
            page = urls.item(item, lang)
            for tag, _attribute, raw in _LINK.findall(text.body_html):
                href = raw.replace("&amp;", "&")
                if tag == "img" and local_name(href) is not None:
                    continue  # an image beside the text: images.py checks it
                message = _broken(href, page, base_path, site.config.base_url, known)
                if message:
                    problems.error(Location(text.path, body_line(text.path, href)), message)


def _menu_links(site: Site, known: set[str], problems: Problems, settings: str) -> None:
    """The paths on the site that site.yaml's menu and footer give (`url: /vi/…`)."""
    for name, entries in (("menu", site.config.menu or ()), ("footer", site.config.footer or ())):
        for entry in [e for parent in entries for e in (parent, *parent.children)]:
            if entry.target == "url" and entry.key.startswith("/"):
                path = unquote(urlsplit(entry.key).path)
                if path not in known and not (not path.endswith("/") and path + "/" in known):
                    message = f"{name}: url {entry.key} goes to no page of the site{did_you_mean(path, known)}"
                    problems.error(Location(settings, entry.line), message)


def _broken(href: str, page: str, base_path: str, base_url: str, known: set[str]) -> str | None:
    parts = urlsplit(href)
    if href.startswith("#") or parts.scheme in ("mailto", "tel", "partner", "event", "agreement", "article", "page"):
        return None
    if parts.scheme or parts.netloc:
        if not href.startswith(base_url) or base_url.startswith("/"):
            return None  # another site
        path = "/" + unquote(parts.path)[len(urlsplit(base_url).path) :]
    elif parts.path.startswith("/"):
        if not parts.path.startswith(base_path):
            return f"link to {parts.path} is outside the site's base path {base_path}; link to items as [text](article:ID)"
        path = "/" + unquote(parts.path)[len(base_path) :]
    else:
        path = urljoin(page, unquote(parts.path))
    if path in known or (not path.endswith("/") and path + "/" in known):
        return None
    return f"link to {href} goes to no page of the site{did_you_mean(path, known)}"

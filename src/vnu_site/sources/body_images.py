"""The local images a body shows (`![…](chart.png)`), found when the file is read, and
their sources pointed at the item's media folder when a page shows the body."""

from __future__ import annotations

import re

# "<" ends the look for src: a tag never holds one once sanitised, and raw (trusted) HTML
# with "<img" over and over would otherwise be scanned to the next ">" from each: quadratic.
_IMG_SRC = re.compile(r'(<img\b[^<>]*?\bsrc=")([^"]*)(")')
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)


def local_name(src: str) -> str | None:
    """'chart.png' or './chart.png' -> 'chart.png'; None for URLs and site paths."""
    if not src or _ABSOLUTE.match(src):
        return None
    return src[2:] if src.startswith("./") else src


def link_images(html: str, media_href: str) -> str:
    """Point the body's local image sources at the item's media folder (media_href ends with '/')."""
    if "<img" not in html:
        return html

    def to_media(match: re.Match[str]) -> str:
        name = local_name(match[2])
        return match[0] if name is None else f"{match[1]}{media_href}{name}{match[3]}"

    return _IMG_SRC.sub(to_media, html)


def local_images(html: str) -> tuple[str, ...]:
    """The names of the local images a body shows, in order (read once per file)."""
    if "<img" not in html:
        return ()
    return tuple(name for name in (local_name(match[2]) for match in _IMG_SRC.finditer(html)) if name is not None)

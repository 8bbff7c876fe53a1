"""The local images a body shows (`![…](chart.png)`), found when the file is read, and
their sources pointed at the item's media folder when a page shows the body."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape
from typing import Any

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


_IMG = re.compile(r"<img\b([^<>]*?)\s*/?>")
_ATTRIBUTE = re.compile(r'\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
_ATTRIBUTES = re.compile(r'(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*')
_MADE_HERE = frozenset({"src", "srcset", "sizes", "loading", "decoding", "fetchpriority"})


def link_pictures(html: str, media_href: str, picture_of: Callable[[str], dict[str, Any] | None]) -> str:
    """link_images, with each local image the build made variants of shown as a <picture>:
    its modern formats, the sizes the browser picks from, and its width and height, so
    nothing moves as it loads. picture_of(name) gives image_files.picture's data (URLs not
    yet escaped), or None for an image shown as it is."""
    if "<img" not in html:
        return html

    def to_picture(match: re.Match[str]) -> str:
        if not _ATTRIBUTES.fullmatch(match[1]):
            return link_images(match[0], media_href)  # not the sanitiser's own writing (trusted HTML): only its src
        attributes = _ATTRIBUTE.findall(match[1])
        given = {name.lower(): value for name, value in attributes}
        name = local_name(given.get("src", ""))
        shown = picture_of(unescape(name)) if name is not None else None
        if shown is None:
            return link_images(match[0], media_href)
        return picture_html(shown, [(key, value) for key, value in attributes if key.lower() not in _MADE_HERE])

    return _IMG.sub(to_picture, html)


def picture_html(shown: dict[str, Any], attributes: list[tuple[str, str]], eager: bool = False) -> str:
    """The <picture> markup of image_files.picture's data; attributes: the <img>'s own
    (alt, title; width and height given by the editor win over the file's), values escaped."""
    given = {name.lower(): value for name, value in attributes}
    width, height = shown["width"], shown["height"]
    if "width" in given and given["width"].isdigit() and "height" not in given and width:
        attributes.append(("height", str(max(1, round(int(given["width"]) * height / width)))))
    elif "height" in given and given["height"].isdigit() and "width" not in given and height:
        attributes.append(("width", str(max(1, round(int(given["height"]) * width / height)))))
    elif "width" not in given and "height" not in given:
        attributes += [("width", str(width)), ("height", str(height))]
    sizes = escape(shown["sizes"])
    img = f'<img src="{escape(shown["src"])}"'
    if shown["srcset"]:
        img += f' srcset="{escape(shown["srcset"])}" sizes="{sizes}"'
    img += "".join(f' {name}="{value}"' for name, value in attributes)
    img += ' fetchpriority="high" decoding="async">' if eager else ' loading="lazy" decoding="async">'
    sources = "".join(
        f'<source type="{source["type"]}" srcset="{escape(source["srcset"])}" sizes="{sizes}">' for source in shown["sources"]
    )
    return f"<picture>{sources}{img}</picture>" if sources else img

"""Markdown bodies to HTML, with links to items (`partner:KEY`, …) kept for later.

Conversion does not need the rest of the site, so its result can be cached by the
file's content hash. Item links stay in the HTML as `href="partner:KEY"` and are
turned into real URLs at render time by `link_items`, once every slug is known.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3
from slugify import slugify

ITEM_SCHEMES = ("partner", "event", "agreement", "article")
# An item link in Markdown source: inline `](partner:key)` or reference `]: partner:key`.
_SOURCE_LINK = re.compile(
    r"\]\(\s*<?(partner|event|agreement|article):([^)\s>]*)|^[ \t]*\[[^\]]+\]:[ \t]*<?(partner|event|agreement|article):(\S*?)>?\s*$", re.M
)
_HTML_LINK = re.compile(r'href="(partner|event|agreement|article):([^"#]*)(#[^"]*)?"')


def _heading_id(value: str, separator: str) -> str:
    # python-slugify folds Đ to D; Markdown's own slugify would drop it.
    return slugify(value, separator=separator) or "section"


@functools.cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["toc", "tables", "fenced_code", "sane_lists", "attr_list"],
        extension_configs={"toc": {"slugify": _heading_id}},
        output_format="html",
    )


# Raw HTML in a body passes this allow-list unless site.yaml says the editors are
# trusted: no scripts, event handlers, javascript: URLs, iframes or styles.
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "code": {"class"},
    "abbr": {"title"},
}
_SCHEMES = {"http", "https", "mailto", "tel", *ITEM_SCHEMES}


def to_html(text: str, trusted: bool = False) -> str:
    converter = _converter()
    converter.reset()
    html = converter.convert(text)
    if trusted:
        return html
    return nh3.clean(html, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel=None)


def item_links(text: str, first_line: int) -> tuple[tuple[str, str, int], ...]:
    """((kind, key, line), ...) for every item link in a Markdown body."""
    found = []
    for match in _SOURCE_LINK.finditer(text):
        kind = match[1] or match[3]
        key = match[2] if match[1] else match[4]
        line = first_line + text.count("\n", 0, match.start())
        found.append((kind, key, line))
    return tuple(found)


def link_items(html: str, href_for) -> str:
    """Replace item links with real URLs; href_for(kind, key) -> url."""
    if ":" not in html:
        return html
    return _HTML_LINK.sub(lambda m: f'href="{href_for(m[1], m[2])}{m[3] or ""}"', html)

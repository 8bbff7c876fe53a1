"""Heading ids in a body: from the heading's text (Đ -> d), unique within the body, and
never an id the theme's pages already use (`## Main` must not give a second id="main") or
one of the shapes footnotes take (`## FN 1` must not take the first note's id="fn-1").
"""

from __future__ import annotations

import html
import re

from vnu_site.sources.footnotes import IDS as FOOTNOTE_IDS
from vnu_site.sources.slugs import slug_for

# Every id the theme (templates/ and pages/figures.py) puts on a page; tests/sources/
# test_heading_ids.py fails when a template adds one that is not here.
THEME_IDS = re.compile(
    r"main|upcoming|glance-title|(?:timeline|network|map)-heading|(?:timeline|network|map)-(?:title|desc)|notfound-q"
    r"|map-(?:table|apart|hatch|hatch-key)|map-[A-Z]{2}(?:-dot)?"
    r"|search-(?:form|q|kind|partner|status|results|more)|home-(?:news|events|alliances)"
    r"|y-(?:news|events|agreements)|y\d+|group-\d+|group-\d+-\d+|status-(?:article|partner|event|agreement|page)"
    r"|rel-(?:parties|articles|partners|events|agreements|related|members|member-of|initiated|secretariat-of|children)"
)
_OPEN = re.compile(r"<h([1-6])>")
# Plain ASCII words: their slug is lowercase with hyphens between them.
_SIMPLE = re.compile(r"[A-Za-z0-9]+(?:[ -]+[A-Za-z0-9]+)*")
_SEPARATORS = re.compile(r"[ -]+")
_TAG = re.compile(r"<[^>]+>")


def with_ids(body: str) -> str:
    """Give every heading without attributes an id from its text. Linear: each heading's
    end is looked for once, and a level found without one is not looked for again."""
    parts, pos = [], 0
    ids = _Ids()
    unclosed: set[str] = set()
    for opening in _OPEN.finditer(body):
        level = opening[1]
        if opening.start() < pos or level in unclosed:
            continue  # inside the previous heading, or no end tag follows
        close = body.find(f"</h{level}>", opening.end())
        if close < 0:
            unclosed.add(level)
            continue
        text = body[opening.end() : close]
        plain = _TAG.sub("", text) if "<" in text else text
        if _SIMPLE.fullmatch(plain):  # python-slugify gives the same, ~10x slower
            base = _SEPARATORS.sub("-", plain).lower()
        else:
            base = slug_for(html.unescape(plain) if "&" in plain else plain) or "section"
        anchor = ids.unique(base)
        parts += [body[pos : opening.start()], f'<h{level} id="{anchor}">{text}</h{level}>']
        pos = close + 5
    return "".join(parts) + body[pos:] if parts else body


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}  # the number to try next for a base

    def unique(self, base: str) -> str:
        """base, else base-1, base-2…: the first that is neither taken nor the theme's nor a
        footnote's. A numbered theme or footnote id (group-1-1, fnref-1-1) gets "-section" so
        the search always ends."""
        number = self.next.get(base, 0)
        while True:
            anchor = base if number == 0 else f"{base}-{number}"
            number += 1
            if THEME_IDS.fullmatch(anchor) or FOOTNOTE_IDS.fullmatch(anchor):
                if number == 1:
                    continue
                anchor += "-section"
            if anchor not in self.used:
                break
        self.next[base] = number
        self.used.add(anchor)
        return anchor

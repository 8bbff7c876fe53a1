"""The Markdown line a place in cmark's HTML comes from, for messages about a body.

cmark (with CMARK_OPT_SOURCEPOS) marks each Markdown block with `data-sourcepos="L:C-L:C"`,
but not raw HTML blocks, which it copies line for line. So: a place in a marked tag is on
that tag's line; a place inside a paragraph, heading or cell is as many lines below its
start as there are line breaks before it; a place in raw HTML is found by matching the
HTML's lines, in order, with the Markdown's (blank lines between blocks are not copied).
"""

from __future__ import annotations

import bisect
import re

_MARK = ' data-sourcepos="'
_START = re.compile(r"(\d+):")
_INLINE = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"})
# Container markers a raw HTML line may sit behind in the Markdown: "> ", "- ", "1. "...
_PREFIX = re.compile(r"(?:[ \t>]++|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))*+")


def line_of(annotated: str, offset: int, text: str) -> int:
    """The 1-based line of `text` that the tag beginning at `offset` in `annotated` comes from."""
    tag_end = annotated.find(">", offset)
    tag_end = len(annotated) if tag_end < 0 else tag_end
    mark = annotated.rfind(_MARK, 0, tag_end)
    if mark < 0:
        return _match_lines(annotated, 0, offset, text, 1)
    start = _START.match(annotated, mark + len(_MARK))
    line = int(start[1]) if start else 1
    if mark > offset:
        return line  # the tag itself is marked
    opening = annotated.rfind("<", 0, mark)
    name = annotated[opening + 1 : mark]
    if name in _INLINE and annotated.find(f"</{name}>", mark, offset) < 0:
        return line + annotated.count("\n", mark, offset)
    return _match_lines(annotated, mark, offset, text, line)


def _match_lines(annotated: str, start: int, offset: int, text: str, line: int) -> int:
    """Walk the HTML lines from the one holding `start` to the one holding `offset`, each
    matched to the next Markdown line (from `line` on) that reads the same once its
    container markers are set aside; lines that cmark wrote itself match nothing."""
    first = annotated.rfind("\n", 0, start) + 1
    lines = text.split("\n")
    where: dict[str, list[int]] = {}
    for number in range(line, len(lines) + 1):
        for key in _keys(lines[number - 1]):
            where.setdefault(key, []).append(number)
    found, after = line, line  # the last matched line; the first line the next may be on
    segment = annotated[first:offset].split("\n")
    html_lines = [*segment[1:-1], _line_at(annotated, offset)] if len(segment) > 1 else []
    for html_line in html_lines:
        numbers = where.get(html_line.strip())
        if numbers:
            at = bisect.bisect_left(numbers, after)
            if at < len(numbers):
                found = numbers[at]
                after = found + 1
    return found


def _line_at(annotated: str, offset: int) -> str:
    end = annotated.find("\n", offset)
    return annotated[annotated.rfind("\n", 0, offset) + 1 : len(annotated) if end < 0 else end]


def _keys(line: str) -> set[str]:
    stripped = line.strip()
    if not stripped:
        return set()
    prefix = _PREFIX.match(line)
    return {stripped, line[prefix.end() :].strip()} if prefix else {stripped}

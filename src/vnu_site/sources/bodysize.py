"""Refuse a body that would make far more HTML elements than it has text.

Every element costs the sanitiser a microsecond or two, and a few bytes of Markdown can
make many: `- - - x` nests two lists per two bytes, `x` under a table header of 5,000
columns is a row of 5,000 cells. A body may make FREE_ELEMENTS elements, or one per
BYTES_PER_ELEMENT bytes (UTF-8) if that is more: prose makes one per fifty bytes or so, a
table of short numbers one per seven. Tables and quotes are estimated from the Markdown,
before cmark spends its own time on them. Raw HTML is also limited to MAX_RAW_TAGS start
tags: the most the sanitiser can be made to spend on them, however they nest, is small.
"""

from __future__ import annotations

import re

FREE_ELEMENTS = 20_000
BYTES_PER_ELEMENT = 6
# Raw HTML start tags the sanitiser reads: however they nest, 10,000 take it under 0.2 s
# (sources/nesting.py refuses deep nesting; this bounds what its estimate might miss).
MAX_RAW_TAGS = 10_000

# A table's delimiter row (|---|:-:|), maybe behind "> " or "- ": its "-" runs are its columns.
_DELIMITER_ROW = re.compile(
    r"^[ \t>]*+(?:(?:[-+*]|\d{1,9}[.)])[ \t]++)*+\|?[ \t]*+:?-++:?[ \t]*+(?:\|[ \t]*+:?-++:?[ \t]*+)*+\|?[ \t]*+$", re.M
)
_COLUMN = re.compile(r":?-+:?")
_BLANK = re.compile(r"^[ \t>]*$", re.M)  # ends a table (in a quote, a line of ">" alone)
_QUOTE_MARKERS = re.compile(r"^[ \t>]*>", re.M)
_RAW_TAG = re.compile(r"<[A-Za-z]")  # a start tag
_LIMIT = f"a body may make at most {FREE_ELEMENTS:,} elements, or one per {BYTES_PER_ELEMENT} bytes"


def allowed(size: int) -> int:
    """How many elements a body of `size` bytes may make."""
    return max(FREE_ELEMENTS, size // BYTES_PER_ELEMENT)


def size_of(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def too_many_elements(html: str, size: int) -> str | None:
    """The message when cmark's HTML for a body of `size` bytes has too many elements."""
    elements = html.count("<") - html.count("</")  # start tags (and comments, a few "<" in raw HTML)
    if elements <= allowed(size):
        return None
    return f"the body would make {elements:,} HTML elements (paragraphs, list items, table cells…) from only {size:,} bytes; {_LIMIT}"


def too_many_raw_tags(text: str) -> str | None:
    """The message when the Markdown writes more HTML tags than the sanitiser may read."""
    tags = len(_RAW_TAG.findall(text))
    if tags <= MAX_RAW_TAGS:
        return None
    return f"the body writes {tags:,} HTML tags (<…>); a body may write at most {MAX_RAW_TAGS:,} (Markdown makes its own, not counted)"


def too_many_quotes(text: str, size: int) -> str | None:
    """The message when the lines open more quotes (">") than the body may make elements:
    cmark writes ~27 bytes of HTML for each, so this is looked at before it runs."""
    markers = sum(prefix.count(">") for prefix in _QUOTE_MARKERS.findall(text))
    if markers <= allowed(size):
        return None
    return f'the body opens {markers:,} quotes (">") from only {size:,} bytes; {_LIMIT}'


def too_many_cells(text: str, size: int) -> tuple[int, str] | None:
    """(line, message) for the table that takes the body's cells past what it may make,
    counting each table as wide as its delimiter row and as long as the lines before the
    next blank one; None if every table fits."""
    limit, cells = allowed(size), 0
    line, counted_to = 1, 0  # the line at counted_to: lines are counted once, forward
    table_end = -1  # where the last counted table ends: delimiter rows before it are its rows
    for row in _DELIMITER_ROW.finditer(text):
        if row.start() < table_end or "|" not in row[0]:
            continue
        line += text.count("\n", counted_to, row.start())
        counted_to = row.start()
        blank = _BLANK.search(text, row.end() + 1)
        table_end = len(text) if blank is None else blank.start()
        below = text[row.end() + 1 : table_end]  # the rows after the delimiter row
        rows = 1 + below.count("\n") + (1 if below and not below.endswith("\n") else 0)
        columns = len(_COLUMN.findall(row[0].lstrip(" \t>")))
        cells += columns * rows
        if cells > limit:
            return max(
                line - 1, 1
            ), f"this table would make {columns:,} columns × {rows:,} rows of cells from only {size:,} bytes; {_LIMIT}"
    return None

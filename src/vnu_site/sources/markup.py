"""Markdown bodies to HTML, with links to items (`partner:KEY`, …) kept for later.

Conversion does not need the rest of the site, so its result can be cached by the
file's content hash. Item links stay in the HTML as `href="partner:KEY"` and are
turned into real URLs at render time by `link_items`, once every slug is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import cmarkgfm  # type: ignore[import-untyped]
import nh3
from cmarkgfm.cmark import Options  # type: ignore[import-untyped]

from vnu_site.sources import bodysize, captions, embeds, footnotes, headings, nesting, sourcepos, tasklists

ITEM_SCHEMES = ("partner", "event", "agreement", "article", "page")
# An item link in Markdown source: inline `](partner:key)`, reference `]: partner:key`, or
# raw HTML `href="partner:key"` (checked too, or a typo there would silently link nowhere).
# A `#fragment` after the key is not part of it.
_SOURCE_LINK = re.compile(
    r"\]\(\s*<?(partner|event|agreement|article|page):([^)\s>#]*)"
    r"|^[ \t]*\[[^\]]+\]:[ \t]*<?(partner|event|agreement|article|page):([^\s>#]*)\S*?>?\s*$"
    r"|\bhref\s*=\s*[\"']?(partner|event|agreement|article|page):([^\"'\s>#]*)",
    re.M,
)
_BRACKET_LINE = re.compile(r"\n[ \t]*\[")  # the "\n" before a line that opens with "["
_HTML_LINK = re.compile(r'href="(partner|event|agreement|article|page):([^"#]*)(#[^"]*)?"')


# GitHub's CommonMark (C): ~30x faster than Python-Markdown on a 500-word article
# (0.07 ms vs 2.05 ms), which was a third of a clean build. Raw HTML is let through
# here and sanitised by nh3 below, so the allow-list is ours, not cmark's. Footnotes and
# task lists are GFM's too (footnotes.py, tasklists.py).
_EXTENSIONS = ["table", "strikethrough", "autolink", "tasklist"]
_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
# Raw HTML in a body passes this allow-list unless site.yaml says the editors are
# trusted: no scripts, event handlers, javascript: URLs, iframes or styles. Headings get
# their ids after it, so an id written in raw HTML cannot take one of the theme's. What
# footnotes and task lists need passes, and no more: their classes and data- attributes,
# a checkbox (always disabled), and, in a body with footnotes, ids in their shapes only
# (footnotes.keep_id).
# Videos and figures are made after it (embeds.py, captions.py): an <iframe> never passes.
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": {"href", "hreflang", "title", "data-footnote-ref", "data-footnote-backref"},
    "img": {"src", "alt", "title", "width", "height"},
    "code": {"class"},
    "abbr": {"title"},
    "section": {"data-footnotes"},
    "input": {"checked", "disabled"},
}
_SCHEMES = {"http", "https", "mailto", "tel", *ITEM_SCHEMES}
_SETTINGS = {
    "tags": set(nh3.ALLOWED_TAGS) | {"section", "input"},
    "attributes": _ATTRIBUTES,
    "allowed_classes": {"section": {"footnotes"}, "sup": {"footnote-ref"}, "a": {"footnote-backref"}, "span": {"credit"}},
    "tag_attribute_values": {"input": {"type": {"checkbox"}}},
    # One attribute set, no more: nh3 adds those of a map in an order that differs between runs.
    "set_tag_attribute_values": {"input": {"disabled": ""}},
    "url_schemes": _SCHEMES,
    "link_rel": None,
}
# Built once: nh3.clean() would convert these sets for every body.
_CLEANER = nh3.Cleaner(**_SETTINGS)  # type: ignore[arg-type]
_FOOTNOTES_CLEANER = nh3.Cleaner(
    **{**_SETTINGS, "attributes": {**_ATTRIBUTES, "li": {"id"}, "a": {*_ATTRIBUTES["a"], "id"}}},  # type: ignore[arg-type]
    attribute_filter=footnotes.keep_id,
)
MAX_ALT_WARNINGS = 10


@dataclass(frozen=True)
class Body:
    html: str
    warnings: tuple[tuple[int, str], ...] = ()  # (line, counting from the body's first line, message)


class BodyError(ValueError):
    """A body the build refuses; `line` counts from the body's first line (1)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def to_html(text: str, trusted: bool = False) -> str:
    """The body as HTML (see `convert`)."""
    return convert(text, trusted).html


def convert(text: str, trusted: bool = False) -> Body:
    """The body as HTML, with warnings; BodyError when its shape would make reading it
    slow: too many elements for its size or raw tags (bodysize.py), too deep or too long a
    value (nesting.py)."""
    size = bodysize.size_of(text)
    table = bodysize.too_many_cells(text, size)
    if table is not None:
        raise BodyError(*table)
    raw_tags = None if trusted else bodysize.too_many_raw_tags(text)
    if raw_tags is not None:
        raise BodyError(1, raw_tags)
    quotes = bodysize.too_many_quotes(text, size)
    if quotes is not None:
        raise BodyError(1, quotes)
    body, has_notes = footnotes.number(_cmark(text))
    elements = bodysize.too_many_elements(body, size)
    if elements is not None:
        raise BodyError(1, elements)
    if not trusted:  # (trusted: no sanitiser to keep fast, and cmark's time is bounded above)
        body, refusal = nesting.scan(body, raw="<" in text)
        if refusal is not None:
            raise BodyError(_refusal_line(text), refusal.message)
        body = tasklists.typed((_FOOTNOTES_CLEANER if has_notes else _CLEANER).clean(body))
        if has_notes and "<" in text:
            body = footnotes.unique(body)  # raw HTML may have copied a note's id
    body, over = embeds.mark(captions.figures(tasklists.label(body)))
    html = headings.with_ids(body)
    warnings = _undescribed(text, html)
    if over is not None:
        message = f"a body shows at most {embeds.MAX_VIDEOS} videos; this one and the next stay links"
        warnings.append((_line_with(text, over), message))
    return Body(html, tuple(warnings))


def localise(html: str, lang: str, text_for: Callable[[str], str]) -> str:
    """What a body says in the page's language, filled in when a page shows it: the
    footnotes' heading and link names, the videos' players; text_for(key) -> UI string."""
    return embeds.expand(footnotes.localise(html, text_for), lang, text_for)


def _cmark(text: str, options: int = _OPTIONS) -> str:
    return str(cmarkgfm.markdown_to_html_with_extensions(text, options=options, extensions=_EXTENSIONS))


def _undescribed(text: str, html: str) -> list[tuple[int, str]]:
    """A warning per image without a description (alt text), on its line, for the first
    MAX_ALT_WARNINGS; then one for the rest. Only such bodies pay for source positions."""
    found = captions.undescribed(html)
    if not found:
        return []
    annotated = _cmark(text, _OPTIONS | Options.CMARK_OPT_SOURCEPOS)
    starts = [match.start() for match in re.finditer(r"<img\b", annotated)]
    same = len(starts) == html.count("<img")  # else the sanitiser dropped one: look for the name

    def line(index: int, name: str) -> int:
        return sourcepos.line_of(annotated, starts[index], text) if same else _line_with(text, name)

    warnings = []
    for index, name in found[:MAX_ALT_WARNINGS]:
        shown = name if len(name) <= 80 else name[:79] + "…"
        message = f"image '{shown}' has {captions.NO_ALT}: describe what the picture shows, as in ![what it shows]({shown})"
        warnings.append((line(index, name), message))
    if len(found) > MAX_ALT_WARNINGS:
        index, name = found[MAX_ALT_WARNINGS]
        more = len(found) - MAX_ALT_WARNINGS
        warnings.append((line(index, name), f"{more} more image(s) from here on have {captions.NO_ALT} either"))
    return warnings


def _line_with(text: str, needle: str) -> int:
    """The body line where `needle` first appears (1 if nowhere)."""
    at = text.find(needle) if needle else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _refusal_line(text: str) -> int:
    """The line of `text` where nesting.scan refuses it, from cmark's source positions
    (converted again: only refused bodies pay for them)."""
    annotated = _cmark(text, _OPTIONS | Options.CMARK_OPT_SOURCEPOS)
    _, refusal = nesting.scan(annotated, split=False, raw="<" in text)
    if refusal is None:  # not expected: the same tags, with source positions
        return 1
    return sourcepos.line_of(annotated, refusal.offset, text)


def item_links(text: str, first_line: int) -> tuple[tuple[str, str, int], ...]:
    """((kind, key, line), ...) for every item link in a Markdown body."""
    found = []
    line, counted_to = first_line, 0
    for match in _source_links(text):
        assert match.lastindex is not None  # every alternative ends with a group
        first = match.lastindex - 1  # the alternative that matched: its (kind, key) groups
        kind, key = match[first], match[first + 1]
        # Count newlines only since the previous link: linear even for a 5 MB body.
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        found.append((kind, key, line))
    return tuple(found)


def _source_links(text: str) -> Iterator[re.Match[str]]:
    """The matches of _SOURCE_LINK.finditer(text), found ~4x faster by trying the pattern
    only where a match can begin (finditer tries every position)."""
    last = text.rfind(":")  # every match has "<scheme>:" in it, so begins before the last ":"
    end = 0  # where the previous match ended: the next cannot begin before it
    for start in _link_starts(text, last) if last >= 0 else ():
        if start >= end and (match := _SOURCE_LINK.match(text, start)):
            yield match
            end = match.end()


def _link_starts(text: str, last: int) -> list[int]:
    """Sorted places where a _SOURCE_LINK match can begin: at "](", at "href", or at the
    start of a line that opens with "["; only those whose "](", "href" or "[" ends by `last`."""
    starts = {0, *_find_all(text, "](", last), *_find_all(text, "href", last)}
    close = -1  # the first "]" after the latest "[", looked for once for a run of such lines
    for match in _BRACKET_LINE.finditer(text, 0, last):
        if close < match.end():
            close = text.find("]", match.end())
            close = len(text) if close < 0 else close
        # A reference definition's label runs to the first "]", which must be followed by
        # ":"; checking that here makes a long run of "[" lines without "]:" linear, not quadratic.
        if text.startswith(":", close + 1):
            starts.add(match.start() + 1)
    return sorted(starts)


def _find_all(text: str, needle: str, last: int) -> Iterator[int]:
    at = text.find(needle, 0, last)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1, last)


def link_items(html: str, href_for: Callable[[str, str], str]) -> str:
    """Replace item links with real URLs; href_for(kind, key) -> url."""
    if ":" not in html:
        return html
    return _HTML_LINK.sub(lambda m: f'href="{href_for(m[1], m[2])}{m[3] or ""}"', html)

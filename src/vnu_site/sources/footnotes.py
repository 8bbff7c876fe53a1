"""Footnotes (`text[^nguon]` and, on a line of its own, `[^nguon]: the note`): cmark-gfm's
extension, with ids that nothing else on a page takes and words in the page's language.

cmark names a note's ids after its label: `[^nguon]` gives `<li id="fn-nguon">` and, for each
place that cites it, `id="fnref-nguon"`, `fnref-nguon-2`… `number` renames them after the
note's number (fn-1, fnref-1, fnref-1-2), so that every id a body's footnotes use has one
of three shapes (IDS) that headings never take (headings.py reserves them) and that the
sanitiser lets through on a note and a citation, and nowhere else (`keep_id`). Raw HTML
could still copy one of them: `unique` keeps the first of each. cmark's back-links say "Back to reference 1" in
English; `localise` gives them, and the notes' heading, the page's language when a page
shows the body (the UI strings are the theme's, not the file's: they are not read here).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

# The ids `number` gives (headings.py reserves them: a heading "FN 1" gets another id).
IDS = re.compile(r"fn-\d+|fnref-\d+(?:-\d+)?")
_NOTE_ID = re.compile(r"fn-\d+")
_CITE_ID = re.compile(r"fnref-\d+(?:-\d+)?")

# cmark-gfm's own shapes (labels are percent-escaped there: never a quote or "<").
_REF = re.compile(r'<a href="#fn-([^"<>]*)" id="fnref-([^"<>]*)" data-footnote-ref>(\d+)</a>')
_SUFFIX = re.compile(r"(?:-\d+)?")
_NOTE = re.compile(r'<li id="fn-([^"<>]*)">')
_BACK = re.compile(
    r'<a href="#fnref-[^"<>]*" class="footnote-backref" data-footnote-backref data-footnote-backref-idx="(\d+(?:-\d+)?)"'
    r' aria-label="[^"<>]*">'
)
# After the sanitiser (or, trusted, as cmark wrote them): attribute values are quoted and
# hold no "<", ">" or '"', so these match tags only, never text.
_ANY_ID = re.compile(r'(<(?:li|a)\b[^<>]*?)\sid="(fn(?:ref)?-[0-9-]+)"')
_SECTION = re.compile(r'<section class="footnotes" data-footnotes(?:="")?>')
_BACKREF = re.compile(r'(<a href="#fnref-(\d+(?:-\d+)?)" class="footnote-backref" data-footnote-backref(?:="")?)>')
_CITE = re.compile(r'(<a href="#fn-(\d+)" id="fnref-\d+(?:-\d+)?" data-footnote-ref(?:="")?)>')


def number(html: str) -> tuple[str, bool]:
    """(html with the notes' ids numbered, whether it has footnotes)."""
    if "data-footnote-ref" not in html:
        return html, False
    numbers: dict[str, str] = {}  # label -> the note's number

    def cite(match: re.Match[str]) -> str:
        label, ref_id, shown = match[1], match[2], match[3]
        numbers.setdefault(label, shown)
        # cmark's id is fnref-LABEL, then fnref-LABEL-2…: what follows the label is kept.
        suffix = ref_id[len(label) :] if ref_id.startswith(label) else ""
        new_id = f"fnref-{shown}{suffix if _SUFFIX.fullmatch(suffix) else ''}"
        return f'<a href="#fn-{shown}" id="{new_id}" data-footnote-ref>{shown}</a>'

    html = _REF.sub(cite, html)

    def note(match: re.Match[str]) -> str:
        shown = numbers.get(match[1])
        return "<li>" if shown is None else f'<li id="fn-{shown}">'

    html = _NOTE.sub(note, html)
    html = _BACK.sub(lambda m: f'<a href="#fnref-{m[1]}" class="footnote-backref" data-footnote-backref>', html)
    return html, True


def keep_id(tag: str, attribute: str, value: str) -> str | None:
    """The sanitiser's filter for bodies with footnotes: an id stays only in the shape
    `number` gives a note (<li>) or a citation (<a>); other attributes as they are. (nh3's
    allow-list of values would do it too, but its time grows with the number of values.)"""
    if attribute != "id":
        return value
    pattern = _NOTE_ID if tag == "li" else _CITE_ID if tag == "a" else None
    return value if pattern is not None and pattern.fullmatch(value) else None


def unique(html: str) -> str:
    """The body with each footnote id kept only where it first appears (raw HTML may copy one)."""
    if html.count(' id="fn') < 2:
        return html
    seen: set[str] = set()

    def once(match: re.Match[str]) -> str:
        if match[2] in seen:
            return match[1]
        seen.add(match[2])
        return match[0]

    return _ANY_ID.sub(once, html)


def localise(html: str, text_for: Callable[[str], str]) -> str:
    """The notes' heading (for screen readers: the list is visibly set apart) and the
    citations' and back-links' names, in the page's language; text_for(key) -> UI string."""
    if "data-footnote" not in html:
        return html
    heading = f'<h2 class="visually-hidden">{escape(text_for("footnotes.title"))}</h2>'
    html = _SECTION.sub(lambda m: m[0] + heading, html)
    cite, back = text_for("footnotes.cite"), text_for("footnotes.back")
    html = _CITE.sub(lambda m: f'{m[1]} aria-label="{escape(cite.format(n=m[2]))}">', html)
    return _BACKREF.sub(lambda m: f'{m[1]} aria-label="{escape(back.format(n=m[2]))}">', html)

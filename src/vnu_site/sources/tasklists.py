"""Task lists (`- [x] done`, `- [ ] to do`): cmark-gfm's extension writes a disabled
checkbox at the start of the item. A checkbox needs a name for screen readers (axe's
"label" rule), so the item's first line of text becomes its label:
`<li><label><input type="checkbox" disabled checked> done</label></li>`.
"""

from __future__ import annotations

import re

# cmark's checkbox, after the sanitiser (checked="" disabled="") or as cmark wrote it (… />).
_BOX = re.compile(r'<li>(\n?<p>)?<input type="checkbox" (checked="" )?disabled=""(?: /)?>')
# What the sanitiser leaves of an <input> in raw HTML that does not say type="checkbox".
_UNTYPED = re.compile(r'<input((?: (?:checked|disabled)="")*+)>')
# Text and inline elements up to the first block (or the end of the item or paragraph).
_BLOCKS = "li|p|ul|ol|div|blockquote|pre|table|h[1-6]|hr|figure|section|dl|details"
_INLINE = re.compile(rf"(?:[^<]|<(?!/?(?:{_BLOCKS})\b))*+")
_PARAGRAPH = re.compile(r"\s*+<p>")


def label(html: str) -> str:
    """The body with each task's checkbox and first line of text in one <label>."""
    if 'type="checkbox"' not in html:
        return html
    parts, pos = [], 0
    for match in _BOX.finditer(html):
        if match.start() < pos:
            continue
        box = '<input type="checkbox" disabled checked>' if match[2] else '<input type="checkbox" disabled>'
        opening = "<li>" + (match[1] or "")
        text_end = _INLINE.match(html, match.end())
        assert text_end is not None  # (the pattern matches the empty string)
        end = text_end.end()
        paragraph = None if html[match.end() : end].strip() else _PARAGRAPH.match(html, end)
        if paragraph is not None:
            # A loose item: cmark puts the checkbox before the item's first paragraph.
            inner = _INLINE.match(html, paragraph.end())
            assert inner is not None
            opening += html[match.end() : paragraph.end()]
            start, end = paragraph.end(), inner.end()
            box += " "
        else:
            start = match.end()
        text = html[start:end].rstrip("\n")  # a nested list's line break stays outside the label
        parts += [html[pos : match.start()], opening, "<label>", box, text, "</label>", html[start + len(text) : end]]
        pos = end
    return "".join(parts) + html[pos:]


def typed(html: str) -> str:
    """A sanitised body whose every <input> is a checkbox: the sanitiser keeps only
    type="checkbox" and makes every input disabled, so one that said another type (or none)
    would be a text box."""
    if "<input" not in html:
        return html
    return _UNTYPED.sub(r'<input type="checkbox"\1>', html)

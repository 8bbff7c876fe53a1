"""Read one content file into an Entry: front matter checked field by field, body converted.

A pure function of the file's bytes and name, so its result can be cached by content hash.
"""

from __future__ import annotations

import re
from typing import cast

from vnu_site.errors import Location, Problem, did_you_mean
from vnu_site.model import Entry, EntryValues
from vnu_site.sources import body_images, frontmatter, markup, provenance
from vnu_site.sources.discover import SourceFile
from vnu_site.sources.schema import FIELDS, INVISIBLE, check_field, removed_message, visible_value
from vnu_site.sources.slugs import slug_for

# Shown escaped in messages: line breaks and controls, and what would reorder or hide part of the line.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + INVISIBLE.pattern[1:-1] + "]")


def read_bytes(source: SourceFile, data: bytes, trusted_html: bool = False) -> tuple[Entry | None, list[Problem]]:
    problems: list[Problem] = []

    def error(line: int, message: str, severity: str = "error") -> None:
        # Messages quote the editor's values; a newline in one must not break the
        # one-problem-per-line output.
        shown = _INVISIBLE.sub(lambda m: ascii(m[0])[1:-1], message)
        problems.append(Problem(Location(source.display, line), shown, severity))

    def warning(line: int, message: str) -> None:
        error(line, message, "warning")

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        error(1, "is saved as UTF-16; save the file as UTF-8")
        return None, problems
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        error(line, f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        return None, problems
    if "\x00" in text:
        error(text.count("\n", 0, text.index("\x00")) + 1, "contains a NUL character; is this a text file?")
        return None, problems
    unshowable = frontmatter.UNSHOWABLE.search(text)
    if unshowable:
        # Counted on the text as the editor sees it: CRLF and lone CR are line breaks.
        before = frontmatter.normalise(text[: unshowable.start()])
        error(before.count("\n") + 1, frontmatter.unshowable_message(unshowable[0]))
        return None, problems
    try:
        parsed = frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        error(exc.line, exc.message)
        return None, problems

    specs = FIELDS[source.kind]
    values, lines = {}, {}
    for name, field in parsed.fields.items():
        spec = specs.get(name)
        if spec is None:
            error(field.line, f"unknown field '{name}' for {source.kind}s{did_you_mean(name, specs)}")
            continue
        if field.value is None:
            continue  # "field:" with nothing after it means not given
        raw, removed = visible_value(spec, field.value)
        try:
            values[name] = check_field(spec, raw, source.kind)
        except ValueError as exc:
            error(field.line, f"{name}: {exc}")
        else:
            if removed:  # honest text pasted from elsewhere: the page is fine without them, so a warning
                warning(field.line, f"{name}: {removed_message(removed)}")
        lines[name] = field.line
    if "title" not in values and "title" not in lines:
        error(1, f"missing required field 'title' for this {source.kind}")
    if "title" not in values or any(specs[name].required and name not in values for name in lines):
        # One root cause, one message: with no title the file has no page, and a refused
        # date, kind or parties would break the rules of its item; what would follow (links
        # to a page "missing in this language", a kind's fields "not allowed") would only
        # repeat the error said above. As for a file that cannot be read at all, the
        # pipeline counts the item as unreadable and says nothing that follows from it.
        return None, problems

    body = parsed.body.replace("\r\n", "\n")
    try:
        converted = markup.convert(body, trusted=trusted_html) if body.strip() else markup.Body("")
    except markup.BodyError as exc:  # a shape that would make reading slow (sources/nesting.py)
        error(parsed.body_line + exc.line - 1, exc.message)
        converted = markup.Body("")
    for line, message in converted.warnings:  # (an image without a description…)
        warning(parsed.body_line + line - 1, message)
    body_html = converted.html
    entry = Entry(
        kind=source.kind,
        key=source.key,
        lang=source.lang,
        path=source.display,
        values=cast(EntryValues, values),  # each value checked for its field, so of the field's type
        lines=lines,
        body_html=body_html,
        body_links=markup.item_links(body, parsed.body_line),
        body_line=parsed.body_line,
        version=provenance.version(source.kind, parsed.fields, parsed.body),
        title_slug=slug_for(values["title"]) if "title" in values else "",
        images=body_images.local_images(body_html),
    )
    return entry, problems

"""Where in a content file something is written, for messages found after `read`
(images, links, provenance). Files are read again only when there is something to report."""

from __future__ import annotations

from pathlib import Path

from vnu_site.sources import frontmatter


def _parsed(path: str) -> frontmatter.ParsedFile | None:
    try:
        return frontmatter.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return None


def field_line(path: str, name: str) -> int | None:
    """The line of a front-matter field, or None when the file does not give it."""
    parsed = _parsed(path)
    if parsed is None or name not in parsed.fields:
        return None
    return parsed.fields[name].line


def body_start(path: str) -> int:
    """The line the body starts on (1 if the file cannot be read)."""
    parsed = _parsed(path)
    return parsed.body_line if parsed else 1


def body_line(path: str, needle: str) -> int:
    """The first body line containing `needle` (else the body's first line; 1 if unreadable)."""
    parsed = _parsed(path)
    if parsed is None:
        return 1
    for offset, line in enumerate(frontmatter.normalise(parsed.body).split("\n")):
        if needle in line:
            return parsed.body_line + offset
    return parsed.body_line

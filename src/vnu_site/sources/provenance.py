"""Which version of the original a translation was made from.

A file's *version* is a short hash of what a translator translates: its per-language
front-matter text (title, summary, author, …) and its Markdown body. Language-neutral
facts, the slug and the provenance fields themselves are left out, so changing a date or
recording a version does not make a translation stale. A translation records the
original's version in `translated_from: {lang: vi, version: "1a2b3c4d"}`; when the
original's version moves on, the translation is stale.

The hash is taken over the source text, not the converted HTML, so upgrading the
Markdown converter does not mark every translation stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from vnu_site.sources import frontmatter
from vnu_site.sources.frontmatter import YamlValue
from vnu_site.sources.schema import FIELDS

# Per-language fields that are not text to translate.
_NOT_TRANSLATED = frozenset({"slug", "aliases", "needs_translation", "translated_from"})


def version(kind: str, fields: Mapping[str, frontmatter.Field], body: str) -> str:
    """The version of one file, from its parsed front matter (name -> Field) and body."""
    specs = FIELDS[kind]
    text = {
        name: field.value
        for name, field in fields.items()
        if name in specs and not specs[name].neutral and name not in _NOT_TRANSLATED and field.value is not None
    }
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    canonical = json.dumps(_text_keys(text), sort_keys=True, ensure_ascii=False, default=str) + "\n" + "\n".join(lines).strip("\n")
    return hashlib.blake2b(canonical.encode("utf-8"), digest_size=4).hexdigest()


def _text_keys(value: YamlValue) -> YamlValue:
    """Mappings with text keys: YAML allows `{1: x, ~: y}`, which json cannot sort. The
    schema reports such a value; the version must not crash before it can."""
    if isinstance(value, dict):
        return {str(key): _text_keys(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_text_keys(item) for item in value]
    return value


def provenance_line(lang: str, file_version: str) -> str:
    """The front-matter line a translation carries; the version is quoted so YAML keeps it text."""
    return f'translated_from: {{lang: {lang}, version: "{file_version}"}}'


def record(path: Path, lang: str, file_version: str) -> bool:
    """Write (or replace) the `translated_from` field of one file; True if the file changed.

    Only the field's own lines change: every other byte of the file stays as the editor left it.
    """
    text = path.read_text(encoding="utf-8")
    parsed = frontmatter.parse(text)
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    replacement = provenance_line(lang, file_version) + newline
    closing = parsed.body_line - 2  # index of the closing '---' line
    field = parsed.fields.get("translated_from")
    if field is None:
        lines.insert(closing, replacement)
    else:
        start = field.line - 1
        later = [f.line - 1 for f in parsed.fields.values() if f.line > field.line]
        end = min(later) if later else closing
        lines[start:end] = [replacement]
    updated = "".join(lines)
    if updated == text:
        return False
    path.write_text(updated, encoding="utf-8", newline="")
    return True

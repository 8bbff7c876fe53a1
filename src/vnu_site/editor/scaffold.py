"""`vnu-site new KIND "Title"`: the files of a new item, one per language, ready to fill in.

The original (in --lang) is a draft (`draft: true`, published once the editor removes it
after writing the text) and gets the facts: date, a slug frozen from the title (editing the
title later does not move the page), empty reference lists, and the kind's required
fields with a comment listing the allowed values. Every other language gets a file
marked `needs_translation: true` (not published until a translator removes that line)
that records which version of the original it is to be translated from.

Nothing is written that the build would refuse: each file is read back as the build reads
it (with the limits on names: slugs.SLUG_LENGTH) before the first one is created.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from vnu_site.model import FOLDER_OF
from vnu_site.sources import frontmatter, provenance
from vnu_site.sources.discover import SourceFile
from vnu_site.sources.read import read_bytes
from vnu_site.sources.schema import ENUMS, KEY_PATTERN
from vnu_site.sources.slugs import SLUG_LENGTH, name_problems, shorten, slug_for

KEY_LENGTH = 60  # ids are typed in references: keep them short enough to read
_DEFAULT_KIND = {"partner": "university", "event": "conference", "agreement": "mou"}
_TEXT_FIELDS = {
    "article": ["summary", "author"],
    "partner": ["short_name", "summary"],
    "event": ["location", "summary"],
    "agreement": ["summary"],
    "page": ["summary"],
}


class ScaffoldRefused(Exception):
    """Nothing was written; the message says why."""


@dataclass(frozen=True)
class Created:
    path: Path
    waiting: bool  # True for a file marked needs_translation


def key_from_title(title: str) -> str:
    """'ĐHQGHN ký thỏa thuận với ĐH Thanh Hoa' -> 'dhqghn-ky-thoa-thuan-voi-dh-thanh-hoa', cut at a word."""
    return shorten(slug_for(title), KEY_LENGTH)


def create(
    content: Path,
    kind: str,
    title: str,
    lang: str,
    languages,
    publisher: str | None,
    date: datetime.date,
    key: str | None = None,
    reserved: Collection[str] = (),
) -> list[Created]:
    """reserved: slugs the new item may not take besides its kind's (a page: the sections' of `lang`)."""
    title = title.strip()
    if not title:
        raise ScaffoldRefused("the title is empty")
    key = key or key_from_title(title)
    if not key or not KEY_PATTERN.match(key):
        raise ScaffoldRefused(f"'{key}' cannot be an id; give one with --key (lowercase letters a-z, digits and single hyphens)")
    if len(key) > SLUG_LENGTH:
        raise ScaffoldRefused(f"the id is {len(key)} characters long (between 1 and {SLUG_LENGTH} allowed); give a shorter one with --key")
    if lang not in languages:
        raise ScaffoldRefused(f"'{lang}' is not one of the site's languages: {', '.join(languages)}")
    folder = content / FOLDER_OF[kind]
    taken = sorted(folder.glob(f"{key}.*.md")) if folder.is_dir() else []
    if taken:
        raise ScaffoldRefused(f"{taken[0].as_posix()} already exists; choose another title or give an id with --key")

    original = _original(kind, title, _free_slug(folder, lang, slug_for(title) or key, reserved), date, publisher)
    parsed = frontmatter.parse(original)
    version = provenance.version(kind, parsed.fields, parsed.body)
    texts = {lang: original}
    for other in languages:
        if other != lang:
            texts[other] = _waiting(kind, title, lang, version)
    order = [lang, *(other for other in languages if other != lang)]
    for file_lang in order:
        _refuse_what_the_build_would(SourceFile(kind, key, file_lang, folder / f"{key}.{file_lang}.md", ""), texts[file_lang])
    folder.mkdir(parents=True, exist_ok=True)
    created = []
    for file_lang in order:
        path = folder / f"{key}.{file_lang}.md"
        with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
            file.write(texts[file_lang])
        created.append(Created(path, file_lang != lang))
    return created


def _refuse_what_the_build_would(source: SourceFile, text: str) -> None:
    """The file as the build would read it: a title the build refuses is refused here."""
    entry, found = read_bytes(source, text.encode("utf-8"))
    found += name_problems(entry) if entry else []
    errors = [problem.message for problem in found if problem.severity == "error"]
    if errors:
        raise ScaffoldRefused(f"{source.path.as_posix()} would be refused by the build: {errors[0]}")


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _free_slug(folder: Path, lang: str, slug: str, reserved: Collection[str] = ()) -> str:
    """The slug, or slug-2, slug-3…: the build refuses two pages at one URL, drafts included
    (a second "Bản tin tuần" must not take the first one's address)."""
    taken = set(reserved)
    for path in sorted(folder.glob(f"*.{lang}.md")) if folder.is_dir() else []:
        try:
            fields = frontmatter.parse(path.read_text(encoding="utf-8")).fields
        except (OSError, UnicodeError, frontmatter.FrontMatterError):
            continue  # the build reports it; its URL is unknown
        given, title = fields.get("slug"), fields.get("title")
        taken.add(str(given.value) if given and given.value else slug_for(str(title.value)) if title and title.value else "")
    free, number = slug, 1
    while free in taken:
        number += 1
        free = f"{shorten(slug, SLUG_LENGTH - len(str(number)) - 1)}-{number}"
    return free


def _original(kind: str, title: str, slug: str, date: datetime.date, publisher: str | None) -> str:
    # A draft until its text is written: pushed as it is, an empty item must not go live.
    lines = [f"title: {_quoted(title)}", f"slug: {slug}", "draft: true  # remove this line when the text is written"]
    if kind in _DEFAULT_KIND:
        lines.append(f"kind: {_DEFAULT_KIND[kind]}  # one of: {', '.join(ENUMS[kind])}")
    if kind == "article":
        lines += [f"date: {date.isoformat()}", "partners: []", "events: []", "agreements: []", "tags: []"]
    elif kind == "partner":
        lines += ["country:  # two-letter code, e.g. CN", "website:"]
    elif kind == "event":
        lines += [f"start: {date.isoformat()}", "end:", "partners: []"]
    elif kind == "agreement":
        parties = f"[{publisher}]" if publisher else "[]"
        lines += [f"signed: {date.isoformat()}", f"parties: {parties}"]
    elif kind == "page":
        lines += ["parent:  # the id of the page it sits under; none: at the top", "order:  # its place beside the other pages: 1, 2…"]
    lines += [f"{name}:" for name in _TEXT_FIELDS[kind]]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _waiting(kind: str, title: str, original_lang: str, version: str) -> str:
    lines = [
        f"title: {_quoted(title)}",
        "needs_translation: true  # remove this line when the translation is done",
        provenance.provenance_line(original_lang, version),
    ]
    lines += [f"{name}:" for name in _TEXT_FIELDS[kind]]
    return "---\n" + "\n".join(lines) + "\n---\n"

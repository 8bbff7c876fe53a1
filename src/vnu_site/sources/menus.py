"""site.yaml's `menu:` and `footer:`: lists of entries, each pointing at one section, item or
URL, with an optional title per language and (one level of) children. Checked here, each
problem on the line of its entry; whether the items named exist is known only once the
content is read (site/resolve.py). See docs/theming.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import KINDS, MenuEntry
from vnu_site.sources.shown_text import shown_text

if TYPE_CHECKING:
    from vnu_site.sources.frontmatter import Field, YamlValue

# What a `section:` entry may name: the home page, the section indexes, and the language's
# feed and calendar (the theme's footer links to those two).
SECTIONS = ("home", "news", "partners", "events", "agreements", "tags", "archive", "search", "feed", "calendar")
TARGETS = ("section", *KINDS, "url")  # exactly one per entry
FIELDS = (*TARGETS, "title", "children")
MAX_ENTRIES = 100  # in one menu, children counted: more would help no reader, and every page carries it
MAX_TITLE = 200  # characters, as an item's title

# A URL entry: http(s) to a host name (not an address with a user name), or a path on the
# site from its root. Only characters that need no escaping anywhere (no spaces, quotes,
# angle brackets or backslashes): the address goes into every page as it is written.
_URL_CHARACTERS = r"[A-Za-z0-9._~!$&*+,;=:@/?#%()\[\]-]"
_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_ABSOLUTE = re.compile(rf"https?://{_HOST}(?::[0-9]{{1,5}})?(?:[/?#]{_URL_CHARACTERS}*)?", re.IGNORECASE)
_SITE_PATH = re.compile(rf"/(?![/\\]){_URL_CHARACTERS}*")
MAX_URL = 2000  # what browsers, feeds and sitemaps accept everywhere


def read(field: Field, name: str, languages: Sequence[str], display: str, problems: Problems) -> tuple[MenuEntry, ...] | None:
    """The entries of the `name` setting (menu or footer), in order; None (with the
    problems said) when any is wrong."""
    reader = _Reader(field, name, languages, display, problems)
    value = field.value
    if not isinstance(value, list):
        problems.error(reader.at(), f"{name}: must be a list of entries, such as '- section: news' (see docs/theming.md)")
        return None
    entries = [reader.entry(raw, (index,), top=True) for index, raw in enumerate(value)]
    if reader.count > MAX_ENTRIES:
        problems.error(reader.at(), f"{name}: has {reader.count} entries; at most {MAX_ENTRIES} (children counted)")
        return None
    if reader.failed:
        return None
    return tuple(entry for entry in entries if entry is not None)


class _Reader:
    def __init__(self, field: Field, name: str, languages: Sequence[str], display: str, problems: Problems):
        self.field, self.name, self.languages, self.display, self.problems = field, name, languages, display, problems
        self.count = 0
        self.failed = False

    def at(self, *path: str | int) -> Location:
        # Settings files count one line more than the editor sees (frontmatter.read_settings_file).
        return Location(self.display, self.field.line_of(*path) - 1)

    def error(self, path: tuple[str | int, ...], message: str) -> None:
        self.failed = True
        self.problems.error(self.at(*path), f"{self.name}: {message}")

    def entry(self, raw: YamlValue, path: tuple[str | int, ...], top: bool) -> MenuEntry | None:
        self.count += 1
        if not isinstance(raw, dict):
            self.error(path, "each entry must be a mapping such as '- section: news' or '- page: about'")
            return None
        for key in raw:
            if key not in FIELDS:
                self.error((*path, key), f"unknown field '{key}' in an entry{did_you_mean(str(key), FIELDS)}")
        targets = [key for key in TARGETS if key in raw]
        if not targets:
            self.error(path, f"the entry points at nothing; give one of {', '.join(TARGETS)}")
            return None
        if len(targets) > 1:
            both = ", ".join(f"'{t}'" for t in targets[:-1]) + f" and '{targets[-1]}'"
            self.error(path, f"the entry points at {both}; give only one")
            return None
        target = targets[0]
        key = self.target(target, raw[target], (*path, target))
        title = self.title(raw, path, target)
        children: list[MenuEntry | None] = []
        if "children" in raw:
            children = self.children(raw["children"], (*path, "children"), top)
        if key is None or title is None or None in children:
            return None
        line = self.field.line_of(*path) - 1
        return MenuEntry(target, key, title, line, tuple(child for child in children if child is not None))

    def target(self, target: str, value: YamlValue, path: tuple[str | int, ...]) -> str | None:
        if target == "section":
            if value not in SECTIONS:
                shown = value if isinstance(value, str) else repr(value)
                hint = did_you_mean(shown, SECTIONS) if isinstance(value, str) else ""
                self.error(path, f"unknown section '{shown}'{hint or '; the sections are ' + ', '.join(SECTIONS)}")
                return None
            return str(value)
        if target == "url":
            if not isinstance(value, str) or not value.strip():
                self.error(path, "url must be an address: https://… or a path on the site such as /vi/gioi-thieu/")
                return None
            url = value.strip()
            if len(url) > MAX_URL or not (_ABSOLUTE.fullmatch(url) or _SITE_PATH.fullmatch(url)):
                shown = url if len(url) <= 80 else url[:77] + "…"
                self.error(
                    path,
                    f"url '{shown}' is neither an http(s) address (https://example.org/…) nor a path on the site "
                    "(/vi/gioi-thieu/); only letters, digits and URL punctuation, no spaces or quotes",
                )
                return None
            return url
        if not isinstance(value, str) or not value.strip():
            self.error(path, f"{target}: give the {target}'s id, such as '{target}: {'about' if target == 'page' else 'its-id'}'")
            return None
        return value.strip()

    def title(self, raw: dict[str, YamlValue], path: tuple[str | int, ...], target: str) -> dict[str, str] | None:
        example = "{" + ", ".join(f"{lang}: …" for lang in self.languages) + "}"
        if "title" not in raw:
            if target == "url":
                self.error(path, f"a url entry needs a title in each language: title: {example}")
                return None
            return {}
        given = raw["title"]
        where = (*path, "title")
        if not isinstance(given, dict):
            self.error(where, f"title must give text per language: title: {example}")
            return None
        title = {}
        texts = {lang: shown_text(text, self.at(*where, lang), self.problems) for lang, text in given.items() if isinstance(text, str)}
        for lang in self.languages:
            text = texts.get(lang)
            if not text:
                self.error(where, f"the title has no '{lang}' text")
            elif len(text) > MAX_TITLE:
                self.error((*where, lang), f"the '{lang}' title is {len(text)} characters long; at most {MAX_TITLE}")
            else:
                title[lang] = text
        return title if len(title) == len(self.languages) else None

    def children(self, value: YamlValue, path: tuple[str | int, ...], top: bool) -> list[MenuEntry | None]:
        if not top:
            self.error(path, "children cannot have children of their own: a menu has one level below its entries")
            return [None]
        if not isinstance(value, list) or not value:
            self.error(path, "children must be a list of entries, such as '- page: about'")
            return [None]
        return [self.entry(raw, (*path, index), top=False) for index, raw in enumerate(value)]

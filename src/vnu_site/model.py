"""The content model: frozen values that every stage after `read` passes along."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from pathlib import Path

# Folder name -> kind; the kind is singular everywhere else in the code.
FOLDERS = {"articles": "article", "partners": "partner", "events": "event", "agreements": "agreement"}
KINDS = tuple(FOLDERS.values())
FOLDER_OF = {kind: folder for folder, kind in FOLDERS.items()}
SECTION_OF = {"article": "news", "partner": "partners", "event": "events", "agreement": "agreements"}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date; a month when the sources give no day (day == 0), or a year when
    they give neither month nor day (month == 0: only event dates may be that vague)."""

    year: int
    month: int
    day: int = 0

    @property
    def iso(self) -> str:
        if not self.month:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def month_only(self) -> bool:
        return self.day == 0 and self.month != 0

    @property
    def year_only(self) -> bool:
        return self.month == 0

    @property
    def exact(self) -> bool:
        """A day, not a month or a year."""
        return self.day != 0

    def as_date(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True)
class Entry:
    """One file: one item in one language, with its checked fields."""

    kind: str
    key: str
    lang: str
    path: str
    values: dict  # field name -> checked value
    lines: dict  # field name -> line in the file
    body_html: str  # Markdown already converted; item links still as "partner:KEY"
    body_links: tuple  # ((kind, key, line), ...) inline links found in the body
    body_line: int
    version: str = ""  # hash of the translatable text: see provenance.py
    title_slug: str = ""  # slug_for(title), computed once per file (python-slugify is slow)
    images: tuple = ()  # the local images the body shows (images.py), found once per file


@dataclass(frozen=True)
class Text:
    """The language-specific side of an item."""

    lang: str
    path: str
    title: str
    slug: str
    summary: str
    body_html: str
    values: dict  # other per-language fields: location, short_name, source, author, …
    version: str = ""  # hash of the translatable text: see provenance.py
    links: tuple = ()  # ((kind, key), ...) items the body links to: they make backlinks
    images: tuple = ()  # names of the local images the body shows


@dataclass(frozen=True)
class Item:
    kind: str
    key: str
    facts: dict  # language-neutral fields, merged from both files
    texts: dict  # lang -> Text, only for languages that have a file

    @property
    def ref(self) -> tuple[str, str]:
        return (self.kind, self.key)

    def date(self) -> PartialDate | None:
        """The date the item is sorted and archived by."""
        return self.facts.get({"article": "date", "event": "start", "agreement": "signed"}.get(self.kind, "launched"))

    @property
    def draft(self) -> bool:
        return bool(self.facts.get("draft"))


@dataclass(frozen=True)
class SiteConfig:
    base_url: str  # always ends with "/"
    default_language: str
    languages: tuple[str, ...]
    publisher: str | None
    per_page: int
    title: dict
    description: dict
    sections: dict  # lang -> {section key -> path segment}
    trusted_html: bool = False

    @property
    def base_path(self) -> str:
        """The path part of base_url ("/" or "/bulletin/"): prefix of every internal link."""
        rest = self.base_url.split("://", 1)[-1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


@dataclass(frozen=True)
class BuildOptions:
    content: Path = Path("content")
    templates: Path = Path("templates")
    out: Path = Path("public")
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    build_date: datetime.date | None = None
    jobs: int = 0  # 0: every core
    clean: bool = False
    cache_dir: Path | None = Path(".vnu-cache")
    search: bool = True
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Site:
    """Everything resolved: items by reference, sorted lists, and derived backlinks."""

    config: SiteConfig
    items: dict  # (kind, key) -> Item
    by_kind: dict  # kind -> tuple[Item, ...] newest/alphabetical as each kind sorts
    backlinks: dict  # (kind, key) -> {relation: tuple[(kind, key), ...]}
    tags: dict  # tag key -> {lang: label}
    build_date: datetime.date
    counts: dict = field(default_factory=dict)

    def with_items(self, replacements: dict) -> Site:
        """The site with these items (of unchanged shape) put in place of the old ones (the
        quick path: incremental/edits.py)."""
        if not replacements:
            return self
        items = {**self.items, **replacements}
        kinds = {kind for kind, _key in replacements}
        by_kind = {kind: tuple(items[i.ref] for i in listed) if kind in kinds else listed for kind, listed in self.by_kind.items()}
        return dataclasses.replace(self, items=items, by_kind=by_kind)

    def get(self, ref) -> Item | None:
        """The item, or None. Not recorded as shown by a page: pages that show what they
        look up use io.deps.shown_item (see deps.py)."""
        return self.items.get(tuple(ref))

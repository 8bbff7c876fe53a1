"""The content model: frozen values that every stage after `read` passes along."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NotRequired, TypedDict, cast

# Folder name -> kind; the kind is singular everywhere else in the code.
FOLDERS = {"articles": "article", "partners": "partner", "events": "event", "agreements": "agreement", "pages": "page"}
KINDS = tuple(FOLDERS.values())
FOLDER_OF = {kind: folder for folder, kind in FOLDERS.items()}
# A page (About, Contact…) has no section index: "pages" names its translation status page.
SECTION_OF = {"article": "news", "partner": "partners", "event": "events", "agreement": "agreements", "page": "pages"}

Ref = tuple[str, str]  # (kind, key): an item's identity
BodyLink = tuple[str, str, int]  # (kind, key, line): an item link in a Markdown body
Tags = dict[str, dict[str, str]]  # tag key -> {lang: label}


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


# The checked values of the front-matter fields (sources/schema.py checks them). The shape of
# each field is in schema.FIELDS too: a field added there is added here. Not every kind has
# every field, and a file need not give them, so none is required.


class ArticleSource(TypedDict):
    """One source an article credits (`source: {name: …, date: …, url: …}`)."""

    name: str
    date: NotRequired[PartialDate]
    url: NotRequired[str]


class TranslatedFrom(TypedDict):
    """`translated_from`: the original's language and version (see provenance.py)."""

    lang: str
    version: str


class Facts(TypedDict, total=False):
    """The language-neutral fields of all kinds, written once for an item."""

    draft: bool
    kind: str  # one of schema.ENUMS[kind]
    # article
    date: PartialDate
    updated: PartialDate  # a whole day, on or after `date`
    partners: tuple[str, ...]  # ids; events have them too
    events: tuple[str, ...]
    agreements: tuple[str, ...]
    tags: tuple[str, ...]
    undated_source: bool
    cover: str  # an image file name in the item's folder
    # partner
    kind_inferred: bool
    country: str  # ISO 3166 two-letter code
    website: str
    initiator: tuple[str, ...]
    secretariat: str
    launched: PartialDate
    founded_year: int
    member_count: int
    members: tuple[str, ...]
    joined: PartialDate
    # event
    start: PartialDate
    end: PartialDate
    # agreement
    signed: PartialDate
    parties: tuple[str, ...]
    event: str
    count: int
    # page
    parent: str  # the id of the page it sits under
    order: int  # its place among its parent's children (those without come after, by title)


class TextValues(TypedDict, total=False):
    """The per-language fields a Text keeps in `values` (title, slug and summary have their own attributes)."""

    aliases: tuple[str, ...]  # old site paths
    needs_translation: bool
    translated_from: TranslatedFrom
    source: tuple[ArticleSource, ...]
    author: str
    cover_alt: str
    short_name: str
    member_count_note: str
    location: str
    original_title: str


class EntryValues(Facts, TextValues, total=False):
    """Every field one file gives: its item's facts and its own language's text."""

    title: str
    slug: str
    summary: str


# One checked value, whichever field it is for (what a schema checker returns).
FieldValue = str | bool | int | PartialDate | tuple[str, ...] | tuple[ArticleSource, ...] | TranslatedFrom


@dataclass(frozen=True)
class Entry:
    """One file: one item in one language, with its checked fields."""

    kind: str
    key: str
    lang: str
    path: str
    values: EntryValues  # field name -> checked value
    lines: dict[str, int]  # field name -> line in the file
    body_html: str  # Markdown already converted; item links still as "partner:KEY"
    body_links: tuple[BodyLink, ...]  # inline links found in the body
    body_line: int
    version: str = ""  # hash of the translatable text: see provenance.py
    title_slug: str = ""  # slug_for(title), computed once per file (python-slugify is slow)
    images: tuple[str, ...] = ()  # the local images the body shows (images.py), found once per file


@dataclass(frozen=True)
class Text:
    """The language-specific side of an item."""

    lang: str
    path: str
    title: str
    slug: str
    summary: str
    body_html: str
    values: TextValues  # other per-language fields: location, short_name, source, author, …
    version: str = ""  # hash of the translatable text: see provenance.py
    links: tuple[Ref, ...] = ()  # items the body links to: they make backlinks
    images: tuple[str, ...] = ()  # names of the local images the body shows


@dataclass(frozen=True)
class ImageFacts:
    """What an image file is (sources/image_probe.py): its size as shown, after the EXIF
    orientation is applied, and its format. `digest` names this version of the file (its
    content hash, set by the stage that probes: outputs/images.py)."""

    width: int
    height: int
    format: str  # "jpg", "png", "gif", "webp" or "avif"
    animated: bool = False
    alpha: bool = False  # has transparency: its fallback is a PNG (site/image_files.py)
    digest: str = ""


@dataclass(frozen=True)
class Item:
    kind: str
    key: str
    facts: Facts  # language-neutral fields, merged from both files
    texts: dict[str, Text]  # lang -> Text, only for languages that have a file

    @property
    def ref(self) -> Ref:
        return (self.kind, self.key)

    def date(self) -> PartialDate | None:
        """The date the item is sorted and archived by."""
        name = {"article": "date", "event": "start", "agreement": "signed"}.get(self.kind, "launched")
        return cast("PartialDate | None", self.facts.get(name))  # a date field, though named at run time

    @property
    def draft(self) -> bool:
        return bool(self.facts.get("draft"))


@dataclass(frozen=True)
class MenuEntry:
    """One entry of a menu (site.yaml's `menu:` or `footer:`, see docs/theming.md), checked:
    it points at exactly one thing, a section, an item or a URL."""

    target: str  # "section", "url", or an item kind ("partner", "page"…)
    key: str  # the section's key, the item's key, or the URL (absolute, or a path on the site)
    title: dict[str, str]  # lang -> text; empty: the section's UI string or the item's own title
    line: int = 0  # in site.yaml (0: the default menu)
    children: tuple[MenuEntry, ...] = ()  # one level only


@dataclass(frozen=True)
class Logo:
    """The site's logo in the header (site.yaml's `theme: {logo: …}`)."""

    file: str  # a file of the theme's static/ folder, served under /assets/
    width: int  # as shown, in CSS pixels: given in the page, so nothing moves as it loads
    height: int
    with_title: bool = False  # the site's title shown beside it (else the logo stands for it)


@dataclass(frozen=True)
class Editor:
    """The browser editor (site.yaml's `editor:`, sources/cms_settings.py): the CMS's
    pages under /admin/ (outputs/cms.py) and the repository it saves to."""

    # The CMS's backend settings (name: github, repo, branch, …); empty for `editor: true`,
    # an editor on this computer only (`vnu-site serve --cms`), with no /admin/ published.
    backend: dict[str, str]
    editorial: bool = False  # drafts, review and publish as pull requests (publish_mode: editorial_workflow)
    content: str = "content"  # where the content folder is in the repository


@dataclass(frozen=True)
class SiteConfig:
    base_url: str  # always ends with "/"
    default_language: str
    languages: tuple[str, ...]
    publisher: str | None
    per_page: int
    title: dict[str, str]  # lang -> text
    description: dict[str, str]  # lang -> text
    sections: dict[str, dict[str, str]]  # lang -> {section key -> path segment}
    trusted_html: bool = False
    menu: tuple[MenuEntry, ...] | None = None  # the main navigation, in order; None: pages/menus.DEFAULT_MENU
    footer: tuple[MenuEntry, ...] | None = None  # None: the theme's own footer links
    colors: dict[str, str] = field(default_factory=dict)  # CSS custom property (without "--") -> colour
    logo: Logo | None = None
    editor: Editor | None = None  # None: no browser editor (the default)

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
    # `vnu-site serve --cms`: the CMS's local proxy (its API's URL), which /admin/ then saves through.
    cms_proxy: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Site:
    """Everything resolved: items by reference, sorted lists, and derived backlinks."""

    config: SiteConfig
    items: dict[Ref, Item]
    by_kind: dict[str, tuple[Item, ...]]  # kind -> items newest/alphabetical as each kind sorts
    backlinks: dict[Ref, dict[str, tuple[Ref, ...]]]  # target -> {relation: the items that refer to it}
    tags: Tags
    build_date: datetime.date
    counts: dict[str, int] = field(default_factory=dict)
    # Drafts and articles scheduled for later: not published, but checked as if they were
    # (site/unpublished.py), their images too (outputs/images.py). Empty with --drafts.
    waiting: tuple[Item, ...] = ()
    # Every image a published text shows, by its path under content/ ("articles/KEY/NAME"),
    # and the modern formats made of each besides the fallback, best first (outputs/images.py).
    images: dict[str, ImageFacts] = field(default_factory=dict)
    image_formats: tuple[str, ...] = ()

    def with_items(self, replacements: dict[Ref, Item]) -> Site:
        """The site with these items (of unchanged shape) put in place of the old ones (the
        quick path: incremental/edits.py)."""
        if not replacements:
            return self
        items = {**self.items, **replacements}
        kinds = {kind for kind, _key in replacements}
        by_kind = {kind: tuple(items[i.ref] for i in listed) if kind in kinds else listed for kind, listed in self.by_kind.items()}
        return dataclasses.replace(self, items=items, by_kind=by_kind)

    def get(self, ref: Sequence[str]) -> Item | None:
        """The item, or None. Not recorded as shown by a page: pages that show what they
        look up use io.deps.shown_item (see deps.py)."""
        # ref may be any (kind, key) sequence, e.g. a slice of a page's identity.
        return self.items.get(cast(Ref, tuple(ref)))

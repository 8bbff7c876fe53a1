"""Which front-matter fields each kind has, and how each value is checked.

One table drives reading, the `new` scaffold and the editor docs, so a field is
declared once. A checker takes the raw YAML value and returns the typed value or
raises ValueError with a message meant for an editor.

Every value has a stated range (docs/content-format.md lists them), checked here when the
file is read: a slip of the keyboard (2205 for 2025) is caught with its line, and no later
stage meets a value it cannot handle (a calendar's "day after" 9999-12-31, a 10,000-year
timeline, a slug longer than a file name may be).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from vnu_site.model import ArticleSource, FieldValue, PartialDate, TranslatedFrom

if TYPE_CHECKING:
    from vnu_site.sources.frontmatter import YamlValue  # at run time, importing it would load PyYAML

# A checker: (raw YAML value, kind) -> the checked value; raises ValueError for the editor.
Checker: TypeAlias = "Callable[[YamlValue, str], FieldValue]"

# \Z, not $: "$" also matches before a final newline, which would let "vnu\n" through.
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SLUG_PATTERN = KEY_PATTERN
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?\Z")
_URL = re.compile(r"^https?://[^\s<>\"']+\Z")

# Dates: a bulletin of the university's cooperation (the university dates from 1906; its
# partners' alliances, events and agreements are younger), with room for scheduled items.
# Far from the ends of Python's calendar (years 1 and 9999), so a day before and a day after
# every accepted date exist.
YEARS = (1900, 2100)
# founded_year (a bare year, never a calendar date): associations and learned societies can
# be centuries old (the Royal Society 1660; universities themselves: Bologna 1088, Cambridge
# 1209); four digits, as schema.org's foundingDate (an ISO 8601 year) is written.
FOUNDED_YEARS = (1000, 2100)
URL_MOST = 2000  # characters: what browsers, feeds and sitemaps accept everywhere
SOURCE_NAME_MOST = 200
# Slugs, ids and aliases name folders: their lengths are slugs.SLUG_LENGTH and PATH_LENGTH.
IMAGE_MOST = 255  # characters of an image's name: a file name's limit on every file system
IDS_MOST = 10_000  # ids in one list: every member of the largest networks, named
# Characters that show nothing but can reorder or split text: bidirectional controls
# (a U+202E override shows "abc" as "cba"), zero-width spaces and joiners, the invisible
# operators, the soft hyphen and a byte-order mark inside text. Refused in ids, slugs,
# paths and URLs; removed, with a warning, from text (see `visible`).
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_ZWJ = "\u200d"
_EMOJI_MODIFIERS = "\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"  # emoji style, skin tones

PARTNER_KINDS = ("university", "alliance", "network", "agency", "association", "government", "organisation")
GROUP_KINDS = ("alliance", "network", "association")  # kinds that can have members
EVENT_KINDS = ("visit", "conference", "forum", "launch", "exhibition", "delegation", "meeting", "ceremony", "academic")
AGREEMENT_KINDS = ("mou", "exchange", "cooperation", "agreement")
ENUMS = {"partner": PARTNER_KINDS, "event": EVENT_KINDS, "agreement": AGREEMENT_KINDS}
# Levels of pages under pages (About > Study here > Scholarships…), the top one counted:
# deeper, a breadcrumb no longer fits a phone's line and a URL grows past what is typed.
PAGE_DEPTH = 6


@dataclass(frozen=True)
class Spec:
    type: str  # see CHECKERS; "ids:KIND" / "id:KIND" name the kind referred to
    neutral: bool  # True: a fact of the item, written once; False: per language
    required: bool = False
    # The most a value may be: characters of text, items of a list, or a count's largest
    # value (see check_field). Dates and years have their own ranges (YEARS, FOUNDED_YEARS).
    most: int | None = None


_COMMON = {
    "title": Spec("text", False, True, most=200),  # a long headline is 120; 200 is three lines of a page
    "summary": Spec("text", False, most=1000),  # one or two sentences (the longest written: 250)
    "slug": Spec("slug", False),  # its length: slugs.SLUG_LENGTH (checked with the other names of folders)
    "draft": Spec("bool", True),
    "aliases": Spec("paths", False, most=100),
    # Translation provenance (see provenance.py): a file waiting for its translation is
    # not published; a translation records which version of the original it was made from.
    "needs_translation": Spec("bool", False),
    "translated_from": Spec("translation", False),
}

FIELDS: dict[str, dict[str, Spec]] = {
    "article": {
        **_COMMON,
        "date": Spec("date", True, True),
        # The day the article was last changed in substance (a correction, a new fact): the
        # sitemap's <lastmod>, the feeds' and JSON-LD's modification date. A whole day, on or
        # after `date` (site/resolve.py).
        "updated": Spec("day", True),
        "partners": Spec("ids:partner", True, most=IDS_MOST),
        "events": Spec("ids:event", True, most=IDS_MOST),
        "agreements": Spec("ids:agreement", True, most=IDS_MOST),
        "tags": Spec("tags", True, most=100),
        "source": Spec("source", False, most=100),  # one source, or a list of every source the story draws on
        # The sources give no publication date: `date` is then the date of the latest events
        # the story reports, and pages say so instead of showing it as a publication date.
        "undated_source": Spec("bool", True),
        "author": Spec("text", False, most=200),
        "cover": Spec("image", True, most=IMAGE_MOST),  # a file in the folder beside the article: articles/<id>/
        "cover_alt": Spec("text", False, most=1000),
    },
    "partner": {
        **_COMMON,
        "kind": Spec("enum", True, True),
        "kind_inferred": Spec("bool", True),  # the sources do not say what kind of body it is: `kind` is our reading
        "country": Spec("country", True),
        "website": Spec("url", True),  # at most URL_MOST characters, as every URL (check_url)
        "short_name": Spec("text", False, most=100),
        "initiator": Spec("ids:partner", True, most=IDS_MOST),
        "secretariat": Spec("id:partner", True),
        "launched": Spec("date", True),
        "founded_year": Spec("year", True),
        # The largest associations count a few thousand members (7,000 for the AI associations).
        "member_count": Spec("count", True, most=100_000),
        "member_count_note": Spec("text", False, most=300),
        "members": Spec("ids:partner", True, most=IDS_MOST),
        "joined": Spec("date", True),
    },
    "event": {
        **_COMMON,
        "start": Spec("when", True, True),  # a day, a month, or a year when the sources give only that
        "end": Spec("when", True),
        "kind": Spec("enum", True, True),
        "location": Spec("text", False, most=200),
        "original_title": Spec("text", False, most=300),  # the official title when `title` is our translation of it
        "partners": Spec("ids:partner", True, most=IDS_MOST),
    },
    "agreement": {
        **_COMMON,
        "signed": Spec("date", True, True),
        "kind": Spec("enum", True, True),
        "parties": Spec("ids:partner", True, True, most=IDS_MOST),
        "event": Spec("id:event", True),
        "count": Spec("count", True, most=1000),  # documents signed together (the most written: 6)
    },
    # About, Contact, programmes…: pages that are not news, nested under a parent page.
    "page": {
        **_COMMON,
        "parent": Spec("id:page", True),  # site/page_tree.py checks the nesting: no cycle, at most MAX_DEPTH levels
        "order": Spec("count", True, most=10_000),  # its place among its parent's children
    },
}


def check_text(raw: YamlValue, kind: str) -> str:
    if isinstance(raw, bool) or raw is None or isinstance(raw, (list, dict)):
        raise ValueError("should be text")
    text = str(raw).strip()
    if not text:
        raise ValueError("is empty")
    return text


def check_field(spec: Spec, raw: YamlValue, kind: str) -> FieldValue:
    """The checked value of a field, within its stated range; raises ValueError."""
    value = checker(spec)(raw, kind)
    most = spec.most
    if most is None:
        return value
    if isinstance(value, str):
        _check_length(value, most)
    elif isinstance(value, tuple) and len(value) > most:
        raise ValueError(f"lists {len(value)} items (between 0 and {most} allowed)")
    elif isinstance(value, int) and not isinstance(value, bool) and not 1 <= value <= most:
        raise ValueError(f"{value} is out of range (between 1 and {most} allowed)")
    return value


def _check_length(text: str, most: int, part: str = "") -> None:
    if len(text) > most:
        raise ValueError(f"{part}is {len(text)} characters long (between 1 and {most} allowed); shorten it")


def visible(text: str) -> tuple[str, list[str]]:
    """The text without the INVISIBLE characters, and those removed. A zero-width joiner
    inside an emoji sequence (👩‍🔬) stays: it is what makes the sequence one picture."""
    removed: list[str] = []

    def remove(match: re.Match[str]) -> str:
        if match[0] == _ZWJ and _joins_emoji(text, match.start()):
            return _ZWJ
        removed.append(match[0])
        return ""

    cleaned = INVISIBLE.sub(remove, text)
    return cleaned, removed


def _joins_emoji(text: str, index: int) -> bool:
    before = index - 1
    while before >= 0 and text[before] in _EMOJI_MODIFIERS:
        before -= 1
    after = index + 1
    return before >= 0 and after < len(text) and unicodedata.category(text[before]) == "So" == unicodedata.category(text[after])


def visible_value(spec: Spec, raw: YamlValue) -> tuple[YamlValue, list[str]]:
    """A text field's raw value (a source: its names) without INVISIBLE characters, and
    the characters removed. Other fields are returned as they are: they refuse them."""
    if spec.type == "text" and isinstance(raw, str):
        return visible(raw)
    if spec.type != "source":
        return raw, []
    removed: list[str] = []

    def clean(one: YamlValue) -> YamlValue:
        if not isinstance(one, dict) or not isinstance(one.get("name"), str):
            return one
        name, gone = visible(one["name"])
        removed.extend(gone)
        return {**one, "name": name}

    return ([clean(one) for one in raw] if isinstance(raw, list) else clean(raw)), removed


def removed_message(removed: list[str]) -> str:
    more = f" and {len(removed) - 1} more were" if len(removed) > 1 else " was"
    return f"the invisible character {invisible_name(removed[0])}{more} removed from the page; delete it from the file"


def invisible_name(char: str) -> str:
    """'U+200B (zero width space)'."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed').lower()})"


def _refuse_invisible(text: str) -> None:
    """Ids, slugs, paths and URLs are compared and typed letter for letter: an invisible
    character would make a second, different one that looks the same."""
    bad = INVISIBLE.search(text)
    if bad:
        raise ValueError(f"'{text}' contains the invisible character {invisible_name(bad[0])}; delete it")


def check_date(raw: YamlValue, kind: str) -> PartialDate:
    match = _DATE.match(str(raw).strip()) if isinstance(raw, str) else None
    if isinstance(raw, int) and not isinstance(raw, bool):
        raise ValueError(f"'{raw}' is a bare year; write YYYY-MM-DD, or YYYY-MM when only the month is known")
    if not match:
        raise ValueError(f"'{raw}' is not a date; write YYYY-MM-DD, or YYYY-MM when only the month is known")
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 0)
    _check_year(raw, year, YEARS)
    if not 1 <= month <= 12:
        raise ValueError(f"'{raw}' is not a date: there is no month {month}")
    if match[3] is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"'{raw}' is not a date: {year}-{month:02d} has no day {day}")
    return PartialDate(year, month, day)


def check_day(raw: YamlValue, kind: str) -> PartialDate:
    """A whole day (YYYY-MM-DD): a date the editor knows, such as the day of a correction."""
    date = check_date(raw, kind)
    if not date.exact:
        raise ValueError(f"'{raw}' is not a whole day; write YYYY-MM-DD")
    return date


def _check_year(raw: YamlValue, year: int, years: tuple[int, int]) -> None:
    if year == 0:
        raise ValueError(f"'{raw}' is not a date: there is no year 0")
    if not years[0] <= year <= years[1]:
        raise ValueError(f"'{raw}' is out of range (years between {years[0]} and {years[1]} allowed)")


def check_when(raw: YamlValue, kind: str) -> PartialDate:
    """An event's date: like check_date, or a bare year (`2024`) when that is all the sources give."""
    text = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
    if re.fullmatch(r"\d{4}", text):
        _check_year(raw, int(text), YEARS)
        return PartialDate(int(text), 0, 0)
    return check_date(raw, kind)


def check_bool(raw: YamlValue, kind: str) -> bool:
    if not isinstance(raw, bool):
        raise ValueError(f"should be true or false, not '{raw}'")
    return raw


def check_count(raw: YamlValue, kind: str) -> int:
    """A whole number; check_field checks it is between 1 and the field's `most`."""
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(f"should be a whole number of at least 1, not '{raw}'")
    return raw


def check_year(raw: YamlValue, kind: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(f"should be a four-digit year, not '{raw}'")
    if not FOUNDED_YEARS[0] <= raw <= FOUNDED_YEARS[1]:
        raise ValueError(f"{raw} is out of range (years between {FOUNDED_YEARS[0]} and {FOUNDED_YEARS[1]} allowed)")
    return raw


def check_slug(raw: YamlValue, kind: str) -> str:
    slug = check_text(raw, kind)
    _refuse_invisible(slug)
    if not SLUG_PATTERN.match(slug):
        raise ValueError(f"'{slug}' is not a valid slug: use lowercase letters a-z, digits and single hyphens")
    return slug


def check_url(raw: YamlValue, kind: str) -> str:
    url = check_text(raw, kind)
    _refuse_invisible(url)
    _check_length(url, URL_MOST)
    if not _URL.match(url):
        raise ValueError(f"'{url}' is not a web address starting with https:// or http://")
    return url


def check_country(raw: YamlValue, kind: str) -> str:
    from vnu_site.sources.i18n import is_territory  # here: i18n reads settings files, which use this module

    code = check_text(raw, kind)
    if not re.fullmatch(r"[A-Z]{2}", code) or not is_territory(code):
        raise ValueError(f"'{code}' is not an ISO 3166 two-letter country code (for example CN, VN, BE)")
    return code


def check_enum(raw: YamlValue, kind: str) -> str:
    value = check_text(raw, kind)
    allowed = ENUMS[kind]
    if value not in allowed:
        raise ValueError(f"'{value}' is not a {kind} kind; use one of: {', '.join(allowed)}")
    return value


def check_keys(raw: YamlValue, kind: str) -> tuple[str, ...]:
    """A list of ids (a single id is taken as a list of one)."""
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list):
        raise ValueError("should be a list of ids, like [tsinghua, peking-university]")
    keys: dict[str, None] = {}  # a dict, not a list: 10,000 ids are checked for repeats at once
    for value in values:
        key = check_key(value, kind)
        if key in keys:
            raise ValueError(f"lists '{key}' twice")
        keys[key] = None
    return tuple(keys)


def check_key(raw: YamlValue, kind: str) -> str:
    if isinstance(raw, str):
        _refuse_invisible(raw)
    if not isinstance(raw, str) or not KEY_PATTERN.match(raw):
        raise ValueError(f"'{raw}' is not a valid id: use lowercase letters a-z, digits and single hyphens")
    return raw


def check_paths(raw: YamlValue, kind: str) -> tuple[str, ...]:
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list):
        raise ValueError("should be a list of old URL paths, like [/vi/tin-tuc/ten-cu/]")
    paths = []
    for value in values:
        path = check_text(value, kind)
        _refuse_invisible(path)
        if not re.fullmatch(r"/(?:[a-z0-9-]+/)+", path) or "/../" in path:
            raise ValueError(f"'{path}' is not a site path like /vi/tin-tuc/ten-cu/")
        paths.append(path)
    return tuple(paths)


def check_source(raw: YamlValue, kind: str) -> tuple[ArticleSource, ...]:
    """One source, or a list of them: every source the story draws on, each credited."""
    if isinstance(raw, list):
        if not raw:
            raise ValueError("is an empty list; give at least one source")
        return tuple(_check_one_source(value, kind) for value in raw)
    return (_check_one_source(raw, kind),)


def _check_one_source(raw: YamlValue, kind: str) -> ArticleSource:
    if not isinstance(raw, dict):
        raise ValueError("should be a mapping like {name: Báo Nhân Dân, date: 2025-03-01, url: https://…}")
    unknown = sorted(set(map(str, raw)) - {"name", "date", "url"})
    if unknown:
        raise ValueError(f"has unknown part '{unknown[0]}' (allowed: name, date, url)")
    if "name" not in raw:
        raise ValueError("needs a name")
    source: ArticleSource = {"name": check_text(raw["name"], kind)}
    _check_length(source["name"], SOURCE_NAME_MOST, "name ")
    if raw.get("date") is not None:
        source["date"] = check_date(raw["date"], kind)
    if raw.get("url") is not None:
        source["url"] = check_url(raw["url"], kind)
    return source


# Raster images only: an SVG opened from the site's own origin could run scripts.
IMAGE_PATTERN = re.compile(r"^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:jpe?g|png|gif|webp|avif)$", re.I)
VERSION_PATTERN = re.compile(r"^[0-9a-f]{8}$")


def check_image(raw: YamlValue, kind: str) -> str:
    name = check_text(raw, kind)
    if not IMAGE_PATTERN.match(name) or ".." in name.split("/"):
        raise ValueError(f"'{name}' is not an image file name in the folder beside the text, like cover.jpg (jpg, png, gif, webp or avif)")
    return name


def check_translation(raw: YamlValue, kind: str) -> TranslatedFrom:
    if not isinstance(raw, dict) or set(map(str, raw)) != {"lang", "version"}:
        raise ValueError("should be {lang: LANGUAGE, version: VERSION}, as written by `vnu-site new` or `vnu-site check --fix-hash`")
    lang, version = str(raw["lang"]), str(raw["version"])
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", lang):
        raise ValueError(f"'{lang}' is not a language code like vi, en or fr")
    if not VERSION_PATTERN.match(version):
        raise ValueError(f"version '{version}' is not 8 hexadecimal digits; run `vnu-site check --fix-hash` to record the right one")
    return {"lang": lang, "version": version}


CHECKERS: dict[str, Checker] = {
    "text": check_text,
    "date": check_date,
    "day": check_day,
    "when": check_when,
    "bool": check_bool,
    "count": check_count,
    "year": check_year,
    "slug": check_slug,
    "url": check_url,
    "country": check_country,
    "enum": check_enum,
    "tags": check_keys,
    "paths": check_paths,
    "source": check_source,
    "image": check_image,
    "translation": check_translation,
}


def checker(spec: Spec) -> Checker:
    if spec.type.startswith("ids:"):
        return check_keys
    if spec.type.startswith("id:"):
        return check_key
    return CHECKERS[spec.type]


def referred_kind(spec: Spec) -> str | None:
    """For reference fields, the kind they point at ('partner', …), else None."""
    return spec.type.split(":", 1)[1] if ":" in spec.type else None

"""Which front-matter fields each kind has, and how each value is checked.

One table drives reading, the `new` scaffold and the editor docs, so a field is
declared once. A checker takes the raw YAML value and returns the typed value or
raises ValueError with a message meant for an editor.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from vnu_site.model import ArticleSource, FieldValue, PartialDate, TranslatedFrom

if TYPE_CHECKING:
    from vnu_site.sources.frontmatter import YamlValue  # at run time, importing it would load PyYAML

# A checker: (raw YAML value, kind) -> the checked value; raises ValueError for the editor.
Checker: TypeAlias = "Callable[[YamlValue, str], FieldValue]"

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_PATTERN = KEY_PATTERN
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")

PARTNER_KINDS = ("university", "alliance", "network", "agency", "association", "government", "organisation")
GROUP_KINDS = ("alliance", "network", "association")  # kinds that can have members
EVENT_KINDS = ("visit", "conference", "forum", "launch", "exhibition", "delegation", "meeting", "ceremony", "academic")
AGREEMENT_KINDS = ("mou", "exchange", "cooperation", "agreement")
ENUMS = {"partner": PARTNER_KINDS, "event": EVENT_KINDS, "agreement": AGREEMENT_KINDS}


@dataclass(frozen=True)
class Spec:
    type: str  # see CHECKERS; "ids:KIND" / "id:KIND" name the kind referred to
    neutral: bool  # True: a fact of the item, written once; False: per language
    required: bool = False


_COMMON = {
    "title": Spec("text", False, True),
    "summary": Spec("text", False),
    "slug": Spec("slug", False),
    "draft": Spec("bool", True),
    "aliases": Spec("paths", False),
    # Translation provenance (see provenance.py): a file waiting for its translation is
    # not published; a translation records which version of the original it was made from.
    "needs_translation": Spec("bool", False),
    "translated_from": Spec("translation", False),
}

FIELDS: dict[str, dict[str, Spec]] = {
    "article": {
        **_COMMON,
        "date": Spec("date", True, True),
        "partners": Spec("ids:partner", True),
        "events": Spec("ids:event", True),
        "agreements": Spec("ids:agreement", True),
        "tags": Spec("tags", True),
        "source": Spec("source", False),  # one source, or a list of every source the story draws on
        # The sources give no publication date: `date` is then the date of the latest events
        # the story reports, and pages say so instead of showing it as a publication date.
        "undated_source": Spec("bool", True),
        "author": Spec("text", False),
        "cover": Spec("image", True),  # a file in the folder beside the article: articles/<id>/
        "cover_alt": Spec("text", False),
    },
    "partner": {
        **_COMMON,
        "kind": Spec("enum", True, True),
        "kind_inferred": Spec("bool", True),  # the sources do not say what kind of body it is: `kind` is our reading
        "country": Spec("country", True),
        "website": Spec("url", True),
        "short_name": Spec("text", False),
        "initiator": Spec("ids:partner", True),
        "secretariat": Spec("id:partner", True),
        "launched": Spec("date", True),
        "founded_year": Spec("year", True),
        "member_count": Spec("count", True),
        "member_count_note": Spec("text", False),
        "members": Spec("ids:partner", True),
        "joined": Spec("date", True),
    },
    "event": {
        **_COMMON,
        "start": Spec("when", True, True),  # a day, a month, or a year when the sources give only that
        "end": Spec("when", True),
        "kind": Spec("enum", True, True),
        "location": Spec("text", False),
        "original_title": Spec("text", False),  # the official title when `title` is our translation of it
        "partners": Spec("ids:partner", True),
    },
    "agreement": {
        **_COMMON,
        "signed": Spec("date", True, True),
        "kind": Spec("enum", True, True),
        "parties": Spec("ids:partner", True, True),
        "event": Spec("id:event", True),
        "count": Spec("count", True),
    },
}


def check_text(raw: YamlValue, kind: str) -> str:
    if isinstance(raw, bool) or raw is None or isinstance(raw, (list, dict)):
        raise ValueError("should be text")
    text = str(raw).strip()
    if not text:
        raise ValueError("is empty")
    return text


def check_date(raw: YamlValue, kind: str) -> PartialDate:
    match = _DATE.match(str(raw).strip()) if isinstance(raw, str) else None
    if isinstance(raw, int) and not isinstance(raw, bool):
        raise ValueError(f"'{raw}' is a bare year; write YYYY-MM-DD, or YYYY-MM when only the month is known")
    if not match:
        raise ValueError(f"'{raw}' is not a date; write YYYY-MM-DD, or YYYY-MM when only the month is known")
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 0)
    if year == 0:
        raise ValueError(f"'{raw}' is not a date: there is no year 0")
    if not 1 <= month <= 12:
        raise ValueError(f"'{raw}' is not a date: there is no month {month}")
    if match[3] is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"'{raw}' is not a date: {year}-{month:02d} has no day {day}")
    return PartialDate(year, month, day)


def check_when(raw: YamlValue, kind: str) -> PartialDate:
    """An event's date: like check_date, or a bare year (`2024`) when that is all the sources give."""
    text = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
    if re.fullmatch(r"\d{4}", text):
        if int(text) == 0:
            raise ValueError(f"'{raw}' is not a date: there is no year 0")
        return PartialDate(int(text), 0, 0)
    return check_date(raw, kind)


def check_bool(raw: YamlValue, kind: str) -> bool:
    if not isinstance(raw, bool):
        raise ValueError(f"should be true or false, not '{raw}'")
    return raw


def check_count(raw: YamlValue, kind: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise ValueError(f"should be a whole number of at least 1, not '{raw}'")
    return raw


def check_year(raw: YamlValue, kind: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1000 <= raw <= 9999:
        raise ValueError(f"should be a four-digit year, not '{raw}'")
    return raw


def check_slug(raw: YamlValue, kind: str) -> str:
    slug = check_text(raw, kind)
    if not SLUG_PATTERN.match(slug):
        raise ValueError(f"'{slug}' is not a valid slug: use lowercase letters a-z, digits and single hyphens")
    return slug


def check_url(raw: YamlValue, kind: str) -> str:
    url = check_text(raw, kind)
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
    keys = []
    for value in values:
        key = check_key(value, kind)
        if key in keys:
            raise ValueError(f"lists '{key}' twice")
        keys.append(key)
    return tuple(keys)


def check_key(raw: YamlValue, kind: str) -> str:
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
    if not re.fullmatch(r"[a-z]{2}", lang):
        raise ValueError(f"'{lang}' is not a language code like vi or en")
    if not VERSION_PATTERN.match(version):
        raise ValueError(f"version '{version}' is not 8 hexadecimal digits; run `vnu-site check --fix-hash` to record the right one")
    return {"lang": lang, "version": version}


CHECKERS: dict[str, Checker] = {
    "text": check_text,
    "date": check_date,
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

"""Language: the UI strings table, dates, country names and Vietnamese collation.

Dates follow the patterns of each language's news writing (below), never the machine's
locale: hand-written for Vietnamese and English, CLDR's (through Babel) for any other
language a site adds. Country and language names come from Babel; what Babel said is remembered (`_MEMO`) and kept
with the build cache, so a quick build after an edit usually needs no Babel at all
(loading it and its locale data takes 25 ms).
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, Protocol, TypeVar, cast

from vnu_site.errors import Location, Problems
from vnu_site.model import PartialDate
from vnu_site.sources.settings_file import settings_file

if TYPE_CHECKING:
    from babel import Locale


@dataclass(frozen=True)
class Strings:
    """The UI strings: key -> {lang: text}. Every key has every language."""

    table: dict[str, dict[str, str]]

    def get(self, lang: str, key: str) -> str:
        try:
            return self.table[key][lang]
        except KeyError:
            raise KeyError(f"UI string '{key}' is not in strings.yaml") from None

    def language(self, lang: str, other: str) -> str:
        """The language `other` named inside a sentence in `lang` ('tiếng Anh', 'anglais'):
        the string `language.<other>`, or CLDR's name when the table has none."""
        texts = self.table.get(f"language.{other}")
        return texts[lang] if texts and lang in texts else language_name(other, lang)


def load_strings(files: Sequence[tuple[Path, str]], languages: Collection[str], problems: Problems) -> Strings | None:
    """The UI strings: the default theme's table, then the site's (templates/strings.yaml)
    merged over it key by key. A key the site gives needs every language of the site (an
    override changes every language at once), unless it only adds languages the theme has
    no text for (a site in German gives `{de: …}` alone); and every key in the end needs
    every language of the site."""
    table: dict[str, dict[str, str]] = {}
    last_display = files[-1][1]
    for index, (path, display) in enumerate(files):
        fields = settings_file(path, display, "strings table", problems, missing="the UI strings table is missing")
        if fields is None:
            return None
        for key, field in fields.items():
            line = Location(display, field.line - 1)
            if not isinstance(field.value, dict):
                problems.error(line, f"string '{key}' must give text per language: {{{', '.join(f'{lang}: …' for lang in languages)}}}")
                continue
            given = {str(lang): text for lang, text in field.value.items()}
            # A site's key overrides the theme's text in every language, or only adds languages.
            site_file = index > 0 and not (table.get(str(key)) and given.keys().isdisjoint(table[str(key)]))
            for lang in languages:
                if site_file and not isinstance(given.get(lang), str):
                    problems.error(line, f"string '{key}' has no '{lang}' text")
            for extra in sorted(lang for lang in given if not _LANGUAGE_CODE.fullmatch(lang)):
                # Usually an unquoted comma inside {vi: …, en: …}: YAML splits the text there.
                problems.error(line, f"string '{key}' has an unknown part '{extra}'; put text containing commas in quotes")
            texts = {lang: str(text) for lang, text in given.items() if isinstance(text, str) and _LANGUAGE_CODE.fullmatch(lang)}
            table[str(key)] = {**table.get(str(key), {}), **texts}
    for lang in languages:
        missing = [key for key, texts in table.items() if lang not in texts]
        if missing:
            problems.error(
                Location(last_display),
                f"{len(missing)} UI string(s) have no '{lang}' text (first: '{missing[0]}'); the default theme speaks "
                f"{', '.join(_theme_languages(table))}: give each string's '{lang}' text in the site's templates/strings.yaml",
            )
    return Strings({key: {lang: texts[lang] for lang in sorted(texts)} for key, texts in table.items()})


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")


def _theme_languages(table: dict[str, dict[str, str]]) -> list[str]:
    return sorted(set.intersection(*(set(texts) for texts in table.values()))) if table else []


Memo = dict[tuple[Hashable, ...], object]  # (function name, *arguments) -> what it returned
_MEMO: Memo = {}  # a site shows the same few hundred dates thousands of times
_FRESH: Memo = {}  # the entries made since take_fresh(): a worker sends them to the main process with each page

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _remembered(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """The function, its results remembered; call it with positional arguments only."""
    name = function.__name__
    call: Callable[..., _R] = function  # given the arguments the memo key holds

    @functools.wraps(function)
    def remembered(*args: Hashable) -> _R:
        key = (name, *args)
        try:
            return cast(_R, _MEMO[key])  # the key names this function: the value is what it returned
        except KeyError:
            pass
        _MEMO[key] = _FRESH[key] = result = call(*args)
        return result

    return cast(Callable[_P, _R], remembered)  # the same parameters, given by position (the memo key)


def memo() -> Memo:
    return dict(_MEMO)


def remember(entries: Memo) -> None:
    _MEMO.update(entries)


def take_fresh() -> Memo:
    global _FRESH
    fresh, _FRESH = _FRESH, {}
    return fresh


# Dates are written the way each language's news writes them, from these patterns only.
# Vietnamese has two uses: running text ("ngày 9 tháng 9 năm 2025", also the fact lists and
# an article's date line) and lists ("9/9/2025": cards, timelines, related links). English
# has one style for both, as the bodies write it: "9 September 2025".
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
STYLES = ("text", "list")


def _vi_day(value: PartialDate, style: str, with_year: bool = True) -> str:
    year = f" năm {value.year}" if style == "text" else f"/{value.year}"
    if value.year_only:
        return f"năm {value.year}" if style == "text" else str(value.year)
    if style == "text":
        head = f"ngày {value.day} tháng {value.month}" if value.exact else f"tháng {value.month}"
    else:
        head = f"{value.day}/{value.month}" if value.exact else f"{value.month}"
    return head + (year if with_year else "")


def _en_day(value: PartialDate, with_year: bool = True) -> str:
    if value.year_only:
        return str(value.year)
    head = f"{value.day} {_EN_MONTHS[value.month - 1]}" if value.exact else _EN_MONTHS[value.month - 1]
    return head + (f" {value.year}" if with_year else "")


@_remembered
def format_day(value: PartialDate, lang: str, style: str = "list") -> str:
    """vi: 'ngày 14 tháng 4 năm 2025' (text) or '14/4/2025' (list); 'tháng 4 năm 2025' or
    '4/2025' for a month; en: '14 April 2025', 'April 2025'. A year is just '2025'. Other
    languages: CLDR's pattern for a day, a month or a year ('14 avril 2025', 'avril 2025')."""
    if style not in STYLES:
        raise ValueError(f"unknown date style '{style}'")
    if lang not in _HAND_WRITTEN:
        return _cldr_day(value, lang)
    return _vi_day(value, style) if lang == "vi" else _en_day(value)


@_remembered
def format_range(start: PartialDate, end: PartialDate | None, lang: str, style: str = "list") -> str:
    """An event's dates: '14–15/4/2025', 'ngày 14–15 tháng 4 năm 2025', '14–15 April 2025';
    in other languages CLDR's interval ('14–15 avril 2025', '30 avril – 2 mai 2025')."""
    if end is None or end == start:
        return format_day(start, lang, style)
    if lang not in _HAND_WRITTEN:
        return _cldr_range(start, end, lang)
    vi, text = lang == "vi", style == "text"
    if start.exact and end.exact and start.year == end.year:
        if start.month == end.month:
            if not vi:
                return f"{start.day}–{_en_day(end)}"
            return f"ngày {start.day}–{end.day} tháng {end.month} năm {end.year}" if text else f"{start.day}–{format_day(end, lang, style)}"
        first = _vi_day(start, style, with_year=False) if vi else _en_day(start, with_year=False)
    else:
        first = format_day(start, lang, style)
    last = format_day(end, lang, style)
    if vi:
        return f"từ {first} đến {last}" if text else f"{first}–{last}"
    return f"{first} – {last}"


# Any other language: CLDR's patterns through Babel. Full month names, as vi and en write
# them: the skeletons are yMMMMd, yMMMM and y. Where CLDR has no interval pattern for yMMMMd
# (French, German...), its yMMMd one with the month widened, which CLDR's interval rules
# allow ("adjusting between MMM and MMMM"); Babel's format_interval would abbreviate it.
_HAND_WRITTEN = ("vi", "en")
_WIDER_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def _skeleton(value: PartialDate) -> str:
    return "y" if value.year_only else "yMMMMd" if value.exact else "yMMMM"


def _cldr_day(value: PartialDate, lang: str) -> str:
    from babel.dates import format_skeleton

    return str(format_skeleton(_skeleton(value), value.as_date(), locale=_locale(lang)))


def _cldr_range(start: PartialDate, end: PartialDate, lang: str) -> str:
    from babel.dates import parse_pattern

    locale = _locale(lang)
    skeleton = _skeleton(start)
    first, last = start.as_date(), end.as_date()
    if skeleton == _skeleton(end):
        formats = locale.interval_formats
        patterns = formats.get(skeleton)
        widen = patterns is None and skeleton == "yMMMMd"
        if widen:
            patterns = formats.get("yMMMd")
        for field, changed in (("y", first.year != last.year), ("M", first.month != last.month), ("d", first.day != last.day)):
            if patterns is not None and changed and field in patterns:
                parts = [_WIDER_MONTH.sub("MMMM", part) if widen else part for part in patterns[field]]
                return "".join(str(parse_pattern(part).apply(day, locale)) for part, day in zip(parts, (first, last), strict=True))
            if changed:
                break
    fallback = str(locale.interval_formats.get(None) or "{0} – {1}")
    return fallback.replace("{0}", _cldr_day(start, lang)).replace("{1}", _cldr_day(end, lang))


def load_babel(languages: Collection[str]) -> None:
    """Babel's data for these languages (and for English, which names the territories),
    loaded now: called before workers fork, so they share it instead of each loading it
    (about 20 ms a worker). Babel keeps what it loaded for the life of the process."""
    for lang in {"en", *languages}:
        with contextlib.suppress(Exception):  # not a language Babel knows: said where it is used
            _locale(lang).territories  # noqa: B018 (the lookup loads the data)


@functools.cache
def _locale(lang: str) -> Locale:
    from babel import Locale

    return Locale.parse(lang, sep="-")


def is_language(code: str) -> bool:
    """Whether Babel has locale data for this code (fr, pt-BR, zh-Hant)."""
    from babel import UnknownLocaleError, localedata

    try:
        locale = _locale(code)
    except (UnknownLocaleError, ValueError):
        return False
    return str(locale) == code.replace("-", "_") and localedata.exists(str(locale))  # not 'und' read as en_US


def known_languages() -> list[str]:
    """The codes Babel knows, as a site writes them (pt-BR): for "did you mean"."""
    from babel import localedata

    return sorted(code.replace("_", "-") for code in localedata.locale_identifiers() if code != "root")


@_remembered
def language_name(code: str, lang: str) -> str:
    """The language `code` named in `lang`, as CLDR has it ('vietnamien' in French)."""
    names = _locale(lang).languages
    name: str = names.get(code.replace("-", "_")) or names.get(code.split("-")[0], code)  # Babel types its locale data as Any
    return name


@_remembered
def open_graph_locale(lang: str) -> str:
    """og:locale for a language: vi_VN, en_US; others from CLDR's likely subtags (fr_FR)."""
    if lang in _OPEN_GRAPH:
        return _OPEN_GRAPH[lang]
    from babel.core import get_global

    locale = _locale(lang)
    table = get_global("likely_subtags")
    likely: str = table.get(str(locale)) or table.get(locale.language, str(locale))
    territory = locale.territory or likely.split("_")[-1]
    return f"{locale.language}_{territory}" if territory.isalpha() and territory.isupper() else locale.language


_OPEN_GRAPH = {"vi": "vi_VN", "en": "en_US"}


@_remembered
def plural_form(count: int, lang: str) -> str:
    """'one' or 'other': which of a string's two forms (key.one, key.other) suits count.
    vi and en: 'one' for 1; other languages by CLDR's rule (French: 0 and 1), its further
    categories (few, many) taking 'other'."""
    if lang in _HAND_WRITTEN:
        return "one" if count == 1 else "other"
    return "one" if _locale(lang).plural_form(count) == "one" else "other"


@_remembered
def is_territory(code: str) -> bool:
    """Whether Babel knows this region code (ISO 3166 for two letters)."""
    from babel import Locale

    return code in Locale("en").territories


@_remembered
def country_name(code: str, lang: str) -> str:
    name: str = _locale(lang).territories.get(code, code)  # Babel types its locale data as Any
    return name


# Vietnamese A–Z order is CLDR's `vi` collation. With PyICU installed, ICU's collator does
# it; otherwise `_vi_key` gives the same order for the text a bulletin has (checked against a
# table of words in ICU's order in tests/test_i18n.py):
# - primary: spaces, then punctuation, then symbols, then digits, then letters; nothing is
#   ignored, so "Ba Na" comes before "Bac". Letters in the Latin order with the Vietnamese
#   letters after their base (a ă â … d đ e ê f … o ô ơ … u ư v w x y z);
# - secondary: the tones, none < huyền < hỏi < ngã < sắc < nặng, then other accents;
# - tertiary: lower case before upper case.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER = {letter: 1000 + index for index, letter in enumerate(_ALPHABET)}
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_VI_MARKS = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_PUNCTUATION = " _-‐–—,;:!?.…'‘’\"“”()[]{}@*/\\&#%`^+<=>|~$"


def _primary(char: str) -> int:
    if char in _LETTER:
        return _LETTER[char]
    if char in _PUNCTUATION:
        return 10 + _PUNCTUATION.index(char)
    category = unicodedata.category(char)
    if category.startswith("Z"):
        return 10
    if category.startswith(("P", "S")):
        return 100 + ord(char) % 800
    if category == "Nd":
        return 900 + unicodedata.digit(char)
    return 2000 + ord(char)  # other scripts after Latin, in code point order


def _vi_key(text: str) -> tuple[list[int], list[int], list[int]]:
    primary, secondary, tertiary = [], [], []
    clusters: list[list[str]] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and clusters:
            clusters[-1].append(char)
        elif unicodedata.category(char) not in ("Cc", "Cf"):
            clusters.append([char])
    for base, *marks in clusters:
        letter = base.lower()
        for mark in marks:
            if (letter, mark) in _VI_MARKS:
                letter = _VI_MARKS[(letter, mark)]
                marks.remove(mark)
                break
        primary.append(_primary(letter))
        secondary.append(sum(_TONES.get(mark, 6 + ord(mark) % 100) for mark in marks) if marks else 0)
        tertiary.append(0 if base == base.lower() else 1)
    return (primary, secondary, tertiary)


class _Collator(Protocol):
    """What is used here of PyICU's icu.Collator."""

    def getSortKey(self, text: str) -> bytes: ...


@functools.cache
def _icu_collator() -> _Collator | None:
    try:
        import icu  # type: ignore[import-not-found]  # PyICU, optional (and untyped)
    except ImportError:
        return None
    collator: _Collator = icu.Collator.createInstance(icu.Locale("vi"))
    return collator


# A sort key: (text without accents, text); for 'vi', ICU's key or _vi_key's three levels, then the text.
CollationKey = tuple[str, str] | tuple[bytes, str] | tuple[list[int], list[int], list[int], str]


def collation_key(text: str, lang: str) -> CollationKey:
    """Sort key for A–Z lists: CLDR's Vietnamese order for 'vi', case-folded otherwise."""
    if lang != "vi":
        folded = unicodedata.normalize("NFD", text.casefold())
        return ("".join(c for c in folded if not unicodedata.combining(c)), text)
    collator = _icu_collator()
    if collator is not None:
        return (collator.getSortKey(text), text)
    return (*_vi_key(text), text)

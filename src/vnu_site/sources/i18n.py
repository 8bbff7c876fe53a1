"""Language: the UI strings table, dates, country names and Vietnamese collation.

Dates follow the patterns of each language's news writing (below), never the machine's
locale. Country names come from Babel; what Babel said is remembered (`_MEMO`) and kept
with the build cache, so a quick build after an edit usually needs no Babel at all
(loading it and its locale data takes 25 ms).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, Protocol, TypeVar, cast

from vnu_site.errors import Location, Problems
from vnu_site.model import PartialDate
from vnu_site.sources.settings_file import settings_file


@dataclass(frozen=True)
class Strings:
    """The UI strings: key -> {lang: text}. Every key has every language."""

    table: dict[str, dict[str, str]]

    def get(self, lang: str, key: str) -> str:
        try:
            return self.table[key][lang]
        except KeyError:
            raise KeyError(f"UI string '{key}' is not in strings.yaml") from None


def load_strings(files: Sequence[tuple[Path, str]], languages: Collection[str], problems: Problems) -> Strings | None:
    """The UI strings: the default theme's table, then the site's (templates/strings.yaml)
    merged over it key by key. A key the site gives needs every language of the site; so
    does every key in the end (a language the default theme has no text for must be
    given whole in the site's table)."""
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
            site_file = index > 0
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
    '4/2025' for a month; en: '14 April 2025', 'April 2025'. A year is just '2025'."""
    if style not in STYLES:
        raise ValueError(f"unknown date style '{style}'")
    return _vi_day(value, style) if lang == "vi" else _en_day(value)


@_remembered
def format_range(start: PartialDate, end: PartialDate | None, lang: str, style: str = "list") -> str:
    """An event's dates: '14–15/4/2025', 'ngày 14–15 tháng 4 năm 2025', '14–15 April 2025'."""
    if end is None or end == start:
        return format_day(start, lang, style)
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


@_remembered
def is_territory(code: str) -> bool:
    """Whether Babel knows this region code (ISO 3166 for two letters)."""
    from babel import Locale

    return code in Locale("en").territories


@_remembered
def country_name(code: str, lang: str) -> str:
    from babel import Locale

    name: str = Locale(lang).territories.get(code, code)  # Babel types its locale data as Any
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

"""Language: the UI strings table, dates, country names and Vietnamese collation.

Dates always come from Babel with the page's locale, never the machine's locale. What
Babel said is remembered (`_MEMO`) and kept with the build cache, so a quick build after
an edit usually needs no Babel at all (loading it and its locale data takes 25 ms).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .errors import Location, Problems
from .model import PartialDate


@dataclass(frozen=True)
class Strings:
    """The UI strings: key -> {lang: text}. Every key has every language."""

    table: dict

    def get(self, lang: str, key: str) -> str:
        try:
            return self.table[key][lang]
        except KeyError:
            raise KeyError(f"UI string '{key}' is not in strings.yaml") from None


def load_strings(path: Path, display: str, languages, problems: Problems) -> Strings | None:
    if not path.is_file():
        problems.error(Location(display), "the UI strings table is missing")
        return None
    fields = frontmatter.read_settings_file(path, display, "strings table", problems)
    if fields is None:
        return None
    table = {}
    for key, field in fields.items():
        line = Location(display, field.line - 1)
        if not isinstance(field.value, dict):
            problems.error(line, f"string '{key}' must give text per language: {{vi: …, en: …}}")
            continue
        for lang in languages:
            if not isinstance(field.value.get(lang), str):
                problems.error(line, f"string '{key}' has no '{lang}' text")
        for extra in sorted(set(map(str, field.value)) - set(languages)):
            # Usually an unquoted comma inside {vi: …, en: …}: YAML splits the text there.
            problems.error(line, f"string '{key}' has an unknown part '{extra}'; put text containing commas in quotes")
        table[key] = {lang: str(text) for lang, text in field.value.items()}
    return Strings(table)


_MEMO: dict = {}  # (function, *arguments) -> text; a site shows the same few hundred dates thousands of times
_FRESH: dict = {}  # the entries made since take_fresh(): a worker sends them to the main process with each page


def _remembered(function):
    name = function.__name__

    @functools.wraps(function)
    def remembered(*args):
        key = (name, *args)
        try:
            return _MEMO[key]
        except KeyError:
            pass
        _MEMO[key] = _FRESH[key] = result = function(*args)
        return result

    return remembered


def memo() -> dict:
    return dict(_MEMO)


def remember(entries: dict) -> None:
    _MEMO.update(entries)


def take_fresh() -> dict:
    global _FRESH
    fresh, _FRESH = _FRESH, {}
    return fresh


def format_date(value, pattern: str, locale: str) -> str:
    from babel.dates import format_date as babel_format_date  # imported on first need: see the module's docstring

    return babel_format_date(value, pattern, locale=locale)


@_remembered
def format_day(value: PartialDate, lang: str) -> str:
    """'14 tháng 4, 2025' / 'April 14, 2025'; a month-only date as 'tháng 4 năm 2025'."""
    if value.month_only:
        return format_date(value.as_date(), "LLLL y" if lang == "en" else "'tháng' M 'năm' y", locale=lang)
    return format_date(value.as_date(), "long", locale=lang)


@_remembered
def format_range(start: PartialDate, end: PartialDate | None, lang: str) -> str:
    """An event's dates; a range within one month reads '14–15 tháng 4, 2025'."""
    if end is None or end == start:
        return format_day(start, lang)
    if start.month_only or end.month_only:
        return f"{format_day(start, lang)} – {format_day(end, lang)}"
    if (start.year, start.month) == (end.year, end.month):
        if lang == "vi":
            return f"{start.day}–{format_day(end, lang)}"
        return f"{format_date(start.as_date(), 'MMMM d', locale=lang)}–{end.day}, {end.year}"
    return f"{format_day(start, lang)} – {format_day(end, lang)}"


@_remembered
def is_territory(code: str) -> bool:
    """Whether Babel knows this region code (ISO 3166 for two letters)."""
    from babel import Locale

    return code in Locale("en").territories


@_remembered
def country_name(code: str, lang: str) -> str:
    from babel import Locale

    return Locale(lang).territories.get(code, code)


# Vietnamese alphabetical order: letters with breve, circumflex or horn, and đ, are
# letters of their own; tones only break ties (ngang, huyền, hỏi, ngã, sắc, nặng).
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_PRIMARY = {letter: index for index, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letter_key(char: str) -> tuple[int, int]:
    tone = 0
    decomposed = unicodedata.normalize("NFD", char.lower())
    for mark, rank in _TONES.items():
        if mark in decomposed:
            tone = rank
            decomposed = decomposed.replace(mark, "")
    letter = unicodedata.normalize("NFC", decomposed)
    if letter in _PRIMARY:
        return (_PRIMARY[letter], tone)
    base = unicodedata.normalize("NFD", letter)[:1]
    if base.isdigit():
        return (-10 + int(base), tone)  # digits before letters
    # Other letters after the Vietnamese alphabet (w, f, j, z …), by their base letter.
    return (len(_ALPHABET) + ord(base) if base.isalpha() else -20, tone)


def collation_key(text: str, lang: str):
    """Sort key for A–Z lists: Vietnamese order for 'vi', case-folded otherwise."""
    if lang != "vi":
        folded = unicodedata.normalize("NFD", text.casefold())
        return ("".join(c for c in folded if not unicodedata.combining(c)), text)
    keys = [_letter_key(c) for c in text if c.isalnum()]
    return ([k[0] for k in keys], [k[1] for k in keys], text)

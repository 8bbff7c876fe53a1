"""Languages besides vi and en: codes checked with Babel, CLDR dates, names and plurals,
and the strings table of a language the theme does not speak (see docs/languages.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnu_site.errors import Problems
from vnu_site.model import PartialDate as D
from vnu_site.sources import config, i18n
from vnu_site.sources.i18n import format_day, format_range

THIN = "\u2009"
THEME_STRINGS = Path(config.__file__).resolve().parents[1] / "theme" / "strings.yaml"


def test_french_dates_come_from_cldr_with_months_in_full():
    for style in ("text", "list"):  # one style, as in English
        assert format_day(D(2025, 10, 3), "fr", style) == "3 octobre 2025"
        assert format_day(D(2025, 4), "fr", style) == "avril 2025"
        assert format_day(D(2024, 0), "fr", style) == "2024"
    assert format_range(D(2025, 9, 9), D(2025, 9, 12), "fr") == "9–12 septembre 2025"
    assert format_range(D(2025, 9, 29), D(2025, 10, 2), "fr") == f"29 septembre{THIN}–{THIN}2 octobre 2025"
    assert format_range(D(2025, 12, 30), D(2026, 1, 3), "fr") == f"30 décembre 2025{THIN}–{THIN}3 janvier 2026"
    assert format_range(D(2025, 9), D(2025, 10), "fr") == f"septembre{THIN}–{THIN}octobre 2025"
    assert format_range(D(2025, 9, 9), D(2025, 10), "fr") == f"9 septembre 2025{THIN}–{THIN}octobre 2025"  # mixed: CLDR's fallback
    assert format_range(D(2025, 9, 9), None, "fr") == "9 septembre 2025"


def test_other_languages_get_their_own_cldr_patterns():
    assert format_day(D(2025, 10, 3), "de") == "3. Oktober 2025"
    assert format_range(D(2025, 9, 9), D(2025, 9, 12), "es") == "9–12 de septiembre de 2025"
    assert format_day(D(2025, 10, 3), "ja") == "2025年10月3日"
    assert format_day(D(2025, 10, 3), "pt-BR") == "3 de outubro de 2025"


def test_names_locales_and_plurals():
    assert i18n.language_name("vi", "fr") == "vietnamien"
    assert i18n.language_name("fr", "de") == "Französisch"
    assert i18n.country_name("VN", "fr") == "Viêt Nam"
    assert [i18n.open_graph_locale(lang) for lang in ("vi", "en", "fr", "de", "pt-BR", "en-GB")] == [
        "vi_VN", "en_US", "fr_FR", "de_DE", "pt_BR", "en_GB",
    ]  # fmt: skip
    assert [i18n.plural_form(n, "fr") for n in (0, 1, 2)] == ["one", "one", "other"]  # French: '0 événement'
    assert [i18n.plural_form(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]


def test_a_language_in_a_sentence_comes_from_the_table_then_from_babel():
    table = i18n.Strings({"language.en": {"vi": "tiếng Anh", "en": "English"}})
    assert table.language("vi", "en") == "tiếng Anh"
    assert table.language("vi", "de") == "Tiếng Đức"  # CLDR's name when the table has none


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("fr", None),
        ("de", None),
        ("pt-BR", None),
        ("zh-Hant", None),
        ("fil", None),
        ("fx", "'fx' is not a language code Babel knows (did you mean 'fr'?)"),
        ("EN", "'EN' is not a language code Babel knows (did you mean 'en'?)"),
        ("und", "'und' is not a language code Babel knows (did you mean 'nd'?)"),  # not read as en_US
        ("english", "'english' is not a language code Babel knows"),
    ],
)
def test_language_codes_are_checked_with_babel(code, problem):
    assert config.language_problem(code) == problem


def test_default_sections_fall_back_to_english(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text(
        "languages: [vi, fr, de]\ntitle: {vi: a, fr: b, de: c}\ndescription: {vi: a, fr: b, de: c}\nsections:\n  de: {news: nachrichten}\n",
        encoding="utf-8",
    )
    loaded = config.load(site, "site.yaml", Problems())
    assert loaded is not None
    assert loaded.sections["fr"]["news"] == "actualites" and loaded.sections["fr"]["status"] == "etat-des-traductions"
    assert loaded.sections["de"]["news"] == "nachrichten" and loaded.sections["de"]["events"] == "events"
    assert set(loaded.sections["fr"]) == set(config.SECTION_KEYS)


def test_the_theme_speaks_vi_en_and_fr_in_every_string():
    problems = Problems()
    strings = i18n.load_strings([(THEME_STRINGS, "theme/strings.yaml")], ("vi", "en", "fr"), problems)
    assert problems.items == [] and strings is not None
    assert all(set(texts) >= {"vi", "en", "fr"} for texts in strings.table.values())


def test_a_site_adds_a_language_without_repeating_the_others(tmp_path):
    site = tmp_path / "strings.yaml"
    site.write_text("nav.home: {de: Startseite}\nnav.news: {en: Stories}\n", encoding="utf-8")
    problems = Problems()
    i18n.load_strings([(THEME_STRINGS, "theme/strings.yaml"), (site, "templates/strings.yaml")], ("vi", "en", "de"), problems)
    messages = [str(problem) for problem in sorted(problems.items)]
    assert "templates/strings.yaml:2: string 'nav.news' has no 'vi' text" in messages  # an override: every language
    assert not any("nav.home" in message for message in messages)  # an addition of 'de' alone
    assert any("UI string(s) have no 'de' text" in message for message in messages)  # the others still lack it

"""Dates, country names and Vietnamese collation."""

from __future__ import annotations

from vnu_site.i18n import collation_key, country_name, format_day, format_range
from vnu_site.model import PartialDate


def test_vietnamese_and_english_dates():
    assert format_day(PartialDate(2025, 4, 14), "vi") == "14 tháng 4, 2025"
    assert format_day(PartialDate(2025, 4, 14), "en") == "April 14, 2025"
    assert format_day(PartialDate(2025, 4), "vi") == "tháng 4 năm 2025"
    assert format_day(PartialDate(2025, 4), "en") == "April 2025"


def test_ranges():
    assert format_range(PartialDate(2025, 4, 14), PartialDate(2025, 4, 15), "vi") == "14–15 tháng 4, 2025"
    assert format_range(PartialDate(2025, 4, 14), PartialDate(2025, 4, 15), "en") == "April 14–15, 2025"
    assert format_range(PartialDate(2025, 3, 30), PartialDate(2025, 4, 2), "en") == "March 30, 2025 – April 2, 2025"
    assert format_range(PartialDate(2025, 3, 1), None, "vi") == "1 tháng 3, 2025"


def test_country_names_in_the_page_language():
    assert country_name("CN", "vi") == "Trung Quốc"
    assert country_name("BE", "en") == "Belgium"


def test_vietnamese_alphabetical_order():
    names = ["Đại học Vũ Hán", "Ôn", "Dương", "Ăn", "An", "Bình", "Ân", "Zeta", "Ơn", "Đà", "Da", "Ồn"]
    ordered = sorted(names, key=lambda name: collation_key(name, "vi"))
    assert ordered == ["An", "Ăn", "Ân", "Bình", "Da", "Dương", "Đà", "Đại học Vũ Hán", "Ôn", "Ồn", "Ơn", "Zeta"]


def test_english_order_ignores_case_and_accents():
    assert sorted(["beta", "Alpha", "Émile"], key=lambda name: collation_key(name, "en")) == ["Alpha", "beta", "Émile"]

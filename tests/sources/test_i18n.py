"""Dates, country names and Vietnamese collation."""

from __future__ import annotations

import random

import pytest

from vnu_site.model import PartialDate as D
from vnu_site.sources import i18n
from vnu_site.sources.i18n import collation_key, country_name, format_day, format_range


def test_vietnamese_dates_in_running_text_and_in_lists():
    assert format_day(D(2025, 9, 9), "vi", "text") == "ngày 9 tháng 9 năm 2025"
    assert format_day(D(2025, 9, 9), "vi", "list") == "9/9/2025"
    assert format_day(D(2025, 4), "vi", "text") == "tháng 4 năm 2025"
    assert format_day(D(2025, 4), "vi", "list") == "4/2025"
    assert format_day(D(2024, 0), "vi", "text") == "năm 2024"
    assert format_day(D(2024, 0), "vi", "list") == "2024"
    assert format_day(D(2025, 4, 14), "vi") == "14/4/2025"  # lists are the default


def test_english_has_one_style_day_month_year():
    for style in ("text", "list"):
        assert format_day(D(2025, 9, 9), "en", style) == "9 September 2025"
        assert format_day(D(2023, 11, 3), "en", style) == "3 November 2023"
        assert format_day(D(2025, 4), "en", style) == "April 2025"
        assert format_day(D(2024, 0), "en", style) == "2024"


def test_ranges():
    assert format_range(D(2025, 4, 14), D(2025, 4, 15), "vi", "text") == "ngày 14–15 tháng 4 năm 2025"
    assert format_range(D(2025, 4, 14), D(2025, 4, 15), "vi", "list") == "14–15/4/2025"
    assert format_range(D(2025, 4, 14), D(2025, 4, 15), "en") == "14–15 April 2025"
    assert format_range(D(2025, 3, 30), D(2025, 4, 2), "vi", "text") == "từ ngày 30 tháng 3 đến ngày 2 tháng 4 năm 2025"
    assert format_range(D(2025, 3, 30), D(2025, 4, 2), "vi", "list") == "30/3–2/4/2025"
    assert format_range(D(2025, 3, 30), D(2025, 4, 2), "en") == "30 March – 2 April 2025"
    assert format_range(D(2024, 12, 30), D(2025, 1, 2), "vi", "list") == "30/12/2024–2/1/2025"
    assert format_range(D(2024, 12, 30), D(2025, 1, 2), "en") == "30 December 2024 – 2 January 2025"
    assert format_range(D(2025, 3, 1), None, "vi", "text") == "ngày 1 tháng 3 năm 2025"


def test_country_names_in_the_page_language():
    assert country_name("CN", "vi") == "Trung Quốc"
    assert country_name("BE", "en") == "Belgium"


# Vietnamese words in the order of CLDR's `vi` collation, as ICU 72 (PyICU) sorts them: spaces
# and hyphens count (before letters), f j w z keep their Latin places, tones order
# none < huyền < hỏi < ngã < sắc < nặng, lower case before upper case.
CLDR_VI_ORDER = [
    "(ghi chú)",
    "10 năm",
    "2025",
    "9 năm",
    "ai",
    "Ai",
    "Ải",
    "Ái",
    "Ai Cập",
    "An",
    "Anh",
    "ASCC",
    "AUF",
    "AUN",
    "Ăn",
    "Ân",
    "Ấn Độ",
    "Âu",
    "ba",
    "Ba",
    "BA",
    "Bà",
    "Bả",
    "Bã",
    "Bá",
    "Bạ",
    "Ba Đình",
    "Ba Na",
    "Ba-na",
    "Bac",
    "Bác",
    "Bắc Kinh",
    "Bấc",
    "Bỉ",
    "Bình",
    "Chủ đề",
    "Chuyển đổi số",
    "Da",
    "DI-IDEA",
    "Diễn đàn",
    "Dương",
    "Đà Nẵng",
    "Đại học Auckland",
    "Đại học Bắc Kinh",
    "Đại học Cairo",
    "Đại học Cambridge",
    "Đại học Hàn Quốc",
    "Đại học Mahidol",
    "Đại học Malaya",
    "Đại học Nam Kinh",
    "Đại học Quốc gia Hà Nội",
    "Đại học Taejae",
    "Đại học Thanh Hoa",
    "Đại học Vũ Hán",
    "Đổi mới sáng tạo",
    "Fulbright",
    "Giáo dục đại học",
    "Giáo dục số",
    "Giáo dục trực tuyến và MOOC",
    "Giao lưu",
    "Ha Giang",
    "Hạ Long",
    "Hà Nội",
    "Hoa",
    "Hòa",
    "Hỏa",
    "Hõa",
    "Hóa",
    "Họa",
    "Hoà Bình",
    "Hoc",
    "Học viện Chính trị quốc gia Hồ Chí Minh",
    "Học viện Hành chính công",
    "Hợp tác đa phương",
    "Hợp tác nghiên cứu",
    "Jonathan",
    "Liên minh MOOC và Giáo dục Trực tuyến Toàn cầu",
    "Liên minh quốc tế về Phát triển Trí tuệ kỹ thuật số trong Giáo dục",
    "Liên minh và mạng lưới quốc tế",
    "Malaysia",
    "Mạng lưới Đại học Việt Nam - Trung Quốc",
    "Mạng lưới Liên minh AI",
    "Mỹ",
    "New Zealand",
    "Nga",
    "Ngà",
    "Ngô",
    "Ốc",
    "Ộc",
    "Ôn",
    "Ồn",
    "Ổn",
    "Ơn",
    "Phái đoàn Wallonie-Bruxelles",
    "Quốc tế",
    "SATU",
    "Thái Lan",
    "Tiếng Việt",
    "Tổng kết năm",
    "Trao đổi sinh viên",
    "Trí tuệ nhân tạo",
    "Trung Quốc",
    "UMAP",
    "Ủy ban học bổng Chính phủ Trung Quốc",
    "Uy tín",
    "Ưu",
    "Viet",
    "Việt Nam",
    "Vũ Hán",
    "Wuhan",
    "Yale",
    "Zeta",
]


def _fallback_key(text):
    return (*i18n._vi_key(text), text)


def test_vietnamese_order_follows_cldr_without_pyicu():
    shuffled = CLDR_VI_ORDER[:]
    random.Random(14).shuffle(shuffled)
    assert sorted(shuffled, key=_fallback_key) == CLDR_VI_ORDER


def test_vietnamese_order_follows_cldr_as_the_issue_states_it():
    def order(words):
        return sorted(words, key=lambda w: collation_key(w, "vi"))

    assert order(["Bac", "Ba Na", "Ba Đình"]) == ["Ba Đình", "Ba Na", "Bac"]
    assert order(["Yale", "Fulbright", "Zeta", "Wuhan"]) == ["Fulbright", "Wuhan", "Yale", "Zeta"]
    assert order(["Đà", "Da", "Dương", "An", "Ăn", "Ân"]) == ["An", "Ăn", "Ân", "Da", "Dương", "Đà"]


def test_pyicu_when_installed_gives_the_same_order():
    icu = pytest.importorskip("icu")
    collator = icu.Collator.createInstance(icu.Locale("vi"))
    assert sorted(CLDR_VI_ORDER, key=collator.getSortKey) == CLDR_VI_ORDER
    assert sorted(CLDR_VI_ORDER[::-1], key=lambda w: collation_key(w, "vi")) == CLDR_VI_ORDER


def test_english_order_ignores_case_and_accents():
    assert sorted(["beta", "Alpha", "Émile"], key=lambda name: collation_key(name, "en")) == ["Alpha", "beta", "Émile"]

"""The pictures made at build time: SVG inside the page, named for assistive technology,
with the same facts as text, and numbers that match the content."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from conftest import TINY, build_args
from sitecheck import BuiltSite

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("figures") / "public"
    assert main([str(a) for a in build_args(TINY, out)]) == 0
    return BuiltSite(out)


def figure_svg(site, path: str, name: str = ""):
    """The figure's inline SVG (the first, or the one named `name`: its title's id is
    NAME-title), cut from the page's bytes and parsed as XML: it must stand on its own as an
    SVG document."""
    html = (site.out / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    named = f'[^>]*aria-labelledby="{name}-title' if name else ""
    return etree.fromstring(re.search(rf'<svg xmlns="http://www.w3.org/2000/svg"{named}.*?</svg>', html, re.S).group(0))


def test_glance_counts_match_the_content(site):
    numbers = site.pages["/en/"].xpath('//section[@class="glance"]//li')
    read = {li.xpath('string(span[@class="glance-label"])'): int(li.xpath('string(span[@class="glance-value"])')) for li in numbers}
    # tiny: Tsinghua, and the MOOC alliance VNU belongs to, counted apart (VNU itself, the
    # publisher, is not counted; an alliance is not a partner)
    assert read == {  # singular and plural forms as the numbers need
        "partner (university, agency or organisation)": 1,
        "partner university": 1,
        "country with partners": 1,
        "alliance, network or other body VNU belongs to": 1,
        "agreement covered on this site": 1,
        "events": 2,
    }
    vi = site.pages["/vi/"].xpath('//section[@class="glance"]//span[@class="glance-value"]/text()')
    assert vi == ["1", "1", "1", "1", "1", "2"]


def test_timeline_is_an_accessible_svg_with_one_mark_per_item(site):
    doc = site.pages["/vi/"]
    svg = figure_svg(site, "/vi/")
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id and svg.find(f"{SVG}desc").get("id") == desc_id
    assert svg.findtext(f"{SVG}desc") == "Sự kiện và thỏa thuận theo thời gian, 2025–2025: 2 sự kiện và 1 thỏa thuận."
    marks = [g.findtext(f"{SVG}title") for g in svg.iter(f"{SVG}g")]
    assert marks == [
        "Hội thảo Giáo dục đại học Việt Nam – Trung Quốc (1/3/2025)",
        "Chuyến thăm cấp Nhà nước (14–15/4/2025)",
        "Thỏa thuận trao đổi sinh viên (2/3/2025)",
    ]
    # the same facts as a list of links, readable without the picture
    listed = doc.xpath('//details[@class="figure-data"]//a/@href')
    assert sorted(listed) == sorted(
        ["/vi/su-kien/hoi-thao-giao-duc-dai-hoc-viet-nam-trung-quoc/", "/vi/su-kien/chuyen-tham-cap-nha-nuoc/",
         "/vi/thoa-thuan/thoa-thuan-trao-doi-sinh-vien/"]
    )  # fmt: skip


def test_archive_shows_the_timeline_too(site):
    assert site.pages["/en/archive/"].xpath('//figure//svg[@role="img"]')


def test_partner_picture_has_a_row_per_country_and_a_mark_per_partner(site):
    doc = site.pages["/vi/doi-tac/"]
    svg = figure_svg(site, "/vi/doi-tac/", "network")
    rows = [t.text for t in svg.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert rows == ["Quốc tế", "Trung Quốc"]  # most partners first; the alliance has no country
    marks = [g.findtext(f"{SVG}title") for g in svg.iter(f"{SVG}g")]
    assert marks == ["Liên minh MOOC và Giáo dục Trực tuyến toàn cầu", "Đại học Thanh Hoa"]
    assert svg.findtext(f"{SVG}desc").startswith("2 đối tác ở 1 quốc gia")
    legend = doc.xpath('//section[@aria-labelledby="network-heading"]//ul[@class="figure-legend"]/li')
    keys = ["Trường đại học", "Liên minh và mạng lưới", "Cơ quan và tổ chức khác", "ĐHQGHN là thành viên"]
    assert [li.text_content().strip() for li in legend] == keys


def test_pictures_need_no_script(site):
    for path in ("/vi/", "/vi/doi-tac/", "/en/archive/"):
        assert not site.pages[path].xpath("//figure//script"), path

"""The partners' world map and the partner chart: inline SVG made at build time, named for
assistive technology, its numbers in a table, every partner's country on it, and every mark
inside the picture however many partners there are."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree

from conftest import ROOT, TEMPLATES, TINY, build_args
from sitecheck import BuiltSite
from vnu_site.errors import Problems
from vnu_site.io.theme import Theme
from vnu_site.model import Item, Text
from vnu_site.pages import figures, world_map
from vnu_site.sources import i18n

SVG = "{http://www.w3.org/2000/svg}"
SHAPES = json.loads((ROOT / "src" / "vnu_site" / "pages" / "world_shapes.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("world-map") / "public"
    assert main([str(a) for a in build_args(TINY, out)]) == 0
    return BuiltSite(out)


def map_svg(site, path: str):
    """The map's inline SVG, cut from the page's bytes and parsed as XML: it stands alone."""
    html = (site.out / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    return etree.fromstring(re.search(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 .*?</svg>', html, re.S).group(0))


def partner_countries(*folders: Path) -> set[str]:
    """The `country:` of every partner file in these content folders."""
    found = set()
    for folder in folders:
        for file in sorted(folder.glob("partners/*.md")):
            found.update(re.findall(r"^country:\s*([A-Z]{2})\s*$", file.read_text(encoding="utf-8"), re.M))
    return found


def test_the_map_is_an_accessible_svg_with_its_numbers_in_a_table(site):
    doc = site.pages["/en/partners/"]
    svg = map_svg(site, "/en/partners/")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == svg.find(f"{SVG}title").get("id") == "map-title"
    assert svg.get("aria-describedby") == svg.find(f"{SVG}desc").get("id") == "map-desc"
    assert svg.findtext(f"{SVG}title") == "Partners on the world map"
    assert svg.findtext(f"{SVG}desc") == (
        "A world map of 1 partner in 1 country, each country shaded by its number of partners (a small country is a circle). "
        "1 alliance, network or body of no one country is listed under the map. The numbers are in the table under the map."
    )
    (table,) = doc.xpath(f'//table[@id="{svg.get("aria-details")}"]')
    rows = [[cell.text_content() for cell in row.xpath("th|td")] for row in table.xpath("tbody/tr")]
    assert rows == [["China", "1"]]
    # the alliance (no country) is listed beside the map, linked
    assert doc.xpath('//ul[contains(@class,"map-apart")]//a/@href') == ["/en/partners/global-mooc-and-online-education-alliance/"]
    assert not doc.xpath("//figure//script")


def test_the_shading_says_what_the_table_says(site):
    for path in ("/vi/doi-tac/", "/en/partners/"):
        doc, svg = site.pages[path], map_svg(site, path)
        shaded = {element.get("id")[4:6]: element.get("class") for element in svg.iter() if (element.get("id") or "").startswith("map-")}
        shaded = {code: cls for code, cls in shaded.items() if code.isupper()}
        assert shaded == {"CN": "map-c1"}  # one partner: the first class; VNU itself (VN) is not its own partner
        rows = doc.xpath('//table[@id="map-table"]/tbody/tr')
        assert len(rows) == len(shaded)


def test_every_partner_country_of_the_fixtures_and_the_bulletin_is_on_the_map():
    countries = partner_countries(ROOT / "content", *sorted((ROOT / "tests" / "fixtures").iterdir()))
    assert {"CN", "VN", "BE", "GB"} <= countries  # the files were read
    assert sorted(code for code in countries if code not in SHAPES["shapes"] and code not in SHAPES["points"]) == []


def test_small_countries_get_a_marker():
    """Too small to see at 1:110m, or absent from it: a circle at their place."""
    for code in ("SG", "HK", "MO", "LU", "MT", "BH", "QA", "BN", "MV", "MC", "LI", "AD", "SM", "VA"):
        x, y = SHAPES["points"][code]
        assert 0 <= x <= SHAPES["width"] and 0 <= y <= SHAPES["height"], code
    assert SHAPES["points"]["SG"][0] < SHAPES["points"]["HK"][0]  # Singapore is west of Hong Kong
    assert SHAPES["points"]["SG"][1] > SHAPES["points"]["HK"][1]  # and south of it
    assert "VN" in SHAPES["shapes"] and "AQ" not in SHAPES["shapes"]  # no Antarctica


def test_the_shapes_say_where_they_come_from():
    assert "world-atlas@2.0.2" in SHAPES["about"] and "Natural Earth" in SHAPES["about"]
    assert SHAPES["width"] == 1000 and 400 < SHAPES["height"] < 480  # Equal Earth without Antarctica
    paths = "".join(SHAPES["shapes"].values())
    assert re.fullmatch(r"(M\d+ \d+l[-\d ]+z)+", paths)  # whole map units, relative steps


def test_classes_grow_with_the_largest_count():
    assert world_map.classes(0) == world_map.classes(3) == (1, 2, 5, 10)
    assert world_map.classes(25) == (1, 4, 10, 20)
    assert world_map.classes(1000) == (1, 200, 500, 1000)
    bounds = world_map.classes(3)
    assert [world_map.class_of(n, bounds) for n in (0, 1, 2, 4, 5, 9, 10, 99)] == [0, 1, 2, 2, 3, 3, 4, 4]


# --- 1,000 partners: the chart and the map stay inside their pictures -------------------------


@pytest.fixture(scope="module")
def strings():
    problems = Problems()
    loaded = i18n.load_strings(Theme(TEMPLATES).strings_files(), ["vi", "en"], problems)
    assert loaded is not None, problems.errors
    return loaded


def _partners(n: int) -> list[Item]:
    """n universities: 900 in China (one long row), the rest spread over countries with long
    names ("Đặc khu Hành chính Hồng Kông, Trung Quốc") and small ones; and one alliance."""
    spread = ["HK", "MO", "AE", "GS", "SG", "MT", "LU", "BH", "US", "FR"]
    partners = []
    for index in range(n):
        country = "CN" if index < 900 else spread[index % len(spread)]
        title = f"Đại học số {index}"
        texts = {
            lang: Text(lang=lang, path=f"p{index}.{lang}.md", title=title, slug=f"p{index}", summary="", body_html="", values={})
            for lang in ("vi", "en")
        }
        partners.append(Item("partner", f"p{index}", {"kind": "university", "country": country}, texts))
    texts = {
        lang: Text(lang=lang, path="x", title="Liên minh", slug="lien-minh", summary="", body_html="", values={}) for lang in ("vi", "en")
    }
    partners.append(Item("partner", "alliance", {"kind": "alliance"}, texts))
    return partners


_TEXT_EM = 0.6  # the width the chart allows a character, in font sizes


def _outside(svg) -> list[str]:
    """Every mark, background and text of a chart that leaves its viewBox."""
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    bad = []

    def check(what: str, left: float, top: float, right: float, bottom: float) -> None:
        if left < 0 or top < 0 or right > width or bottom > height:
            bad.append(f"{what} ({left:.0f}, {top:.0f})–({right:.0f}, {bottom:.0f}) outside {width:.0f}×{height:.0f}")

    for circle in svg.iter(f"{SVG}circle"):
        x, y, r = (float(circle.get(a)) for a in ("cx", "cy", "r"))
        check("circle", x - r, y - r, x + r, y + r)
    for rect in svg.iter(f"{SVG}rect"):
        x, y, w, h = (float(rect.get(a, "0")) for a in ("x", "y", "width", "height"))
        check("rect", x, y, x + w, y + h)
    for path in svg.iter(f"{SVG}path"):
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        x, y = numbers[0], numbers[1]
        xs, ys = [x], [y]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):  # the marks' paths: M x y, then relative steps
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
        check("path", min(xs), min(ys), max(xs), max(ys))
    for text in svg.iter(f"{SVG}text"):
        lines = text.findall(f"{SVG}tspan") or [text]
        size = float(text.get("font-size"))
        for line in lines:
            x, y = float(line.get("x")), float(line.get("y"))
            wide = len(line.text) * size * _TEXT_EM
            left = x - wide if text.get("text-anchor") == "end" else x
            check(f"text {line.text!r}", left, y - size, left + wide, y)
    return bad


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_thousand_partners_stay_inside_the_chart(strings, lang):
    partners = _partners(1000)
    site = SimpleNamespace(config=SimpleNamespace(publisher="vnu"))
    chart = figures.network(site, lang, partners, {"alliance"}, set(), strings)
    svg = etree.fromstring(chart["svg"])
    assert _outside(svg) == []
    assert len(svg.findall(f"{SVG}g")) == 1001  # every partner drawn
    counts = [t.text for t in svg.iter(f"{SVG}text") if t.get("font-weight") == "700"]
    assert counts[0] == "900"


def test_a_thousand_partners_on_the_map(strings):
    partners = _partners(1000)
    site = SimpleNamespace(config=SimpleNamespace(publisher="vnu"))
    urls = SimpleNamespace(item=lambda item, lang: f"/{lang}/partners/{item.key}/", href=lambda path: path)
    drawn = world_map.world_map(site, "vi", partners, set(), strings, urls)
    svg = etree.fromstring(drawn["svg"])
    shaded = {e.get("id")[4:6]: e.get("class") for e in svg.iter() if re.fullmatch(r"map-[A-Z]{2}(-dot)?", e.get("id") or "")}
    assert world_map.classes(900) == (1, 100, 250, 500)
    assert shaded["CN"] == "map-c4"  # 900: the top class
    assert shaded["HK"] == "map-c1" and shaded["SG"] == "map-c1"  # 10 each
    assert drawn["undrawn"] == []
    rows = {row["code"]: row["partners"] for row in drawn["table"]["rows"]}
    assert rows == {"CN": 900, **{code: 10 for code in ("HK", "MO", "AE", "GS", "SG", "MT", "LU", "BH", "US", "FR")}}
    assert [e["title"] for e in drawn["apart"]] == ["Liên minh"]
    for circle in svg.iter(f"{SVG}circle"):
        assert 0 <= float(circle.get("cx")) <= 1000 and 0 <= float(circle.get("cy")) <= SHAPES["height"]


def test_no_map_when_no_partner_has_a_country(strings):
    site = SimpleNamespace(config=SimpleNamespace(publisher="vnu"))
    urls = SimpleNamespace(item=lambda item, lang: f"/{lang}/partners/{item.key}/", href=lambda path: path)
    alliance_only = _partners(0)  # the alliance alone
    assert world_map.world_map(site, "en", alliance_only, set(), strings, urls) is None


def test_the_generator_projects_with_equal_earth():
    """tools/world_shapes.py (run by a developer): the projection's published extent (x ±2.7066
    at the equator, y ±1.3173 at the poles) and the compact path form."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("world_shapes", ROOT / "tools" / "world_shapes.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.equal_earth(180, 0)[0] == pytest.approx(2.70663, abs=1e-4)
    assert tool.equal_earth(0, 90)[1] == pytest.approx(1.31736, abs=1e-4)
    assert tool.equal_earth(0, 0) == (0.0, 0.0)
    assert tool.path([[(10, 20), (13, 19), (15, 23)]]) == "M10 20l3-1 2 4z"
    east, west = tool.cut([(179.0, 1.0), (-179.0, 1.0), (-179.0, -1.0), (179.0, -1.0)])  # a square across 180°
    assert sorted({lon for lon, _ in east}) == [179.0, 180] and sorted({lon for lon, _ in west}) == [-180, -179.0]

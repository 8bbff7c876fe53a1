"""site.yaml's `theme:` (sources/site_theme.py): colours as CSS custom properties in a small
<style>, strictly checked, with a contrast warning; a logo from templates/static/ with its
size in the page."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from lxml import html

from conftest import BUILD_DATE, TEMPLATES, THEME, build_args
from vnu_site.sources import site_theme
from vnu_site.sources.frontmatter import load_mapping


def _site_yaml(content: Path, text: str) -> None:
    with (content / "site.yaml").open("a", encoding="utf-8") as file:
        file.write(text)


def _own_templates(tmp_path: Path) -> Path:
    """The bulletin's templates/ layer, copied so a test can add a logo to its static/."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "static").mkdir(exist_ok=True)
    return templates


def _build(run, content: Path, templates: Path, out: Path, *extra: str) -> tuple[int, str]:
    args = ["build", "--content", content, "--templates", templates, "--out", out, "--build-date", BUILD_DATE]
    code, _, err = run(*args, "--cache-dir", out.parent / "cache", "--no-search", *extra)
    return code, err


def test_colours_go_into_a_style_block_after_the_stylesheet(run, tiny, tmp_path):
    _site_yaml(tiny, 'theme:\n  colors:\n    brand: "#1a4d2e"\n    accent: rgb(179 38 30 / 80%)\n    paper: "#fffdf8"\n')
    out = tmp_path / "public"
    code, _, err = run(*build_args(tiny, out))
    assert code == 0, err
    assert "warning" not in err
    for page in ("en/index.html", "vi/tin-tuc/index.html", "404.html"):
        doc = html.parse(str(out / page))
        head = doc.xpath("//head")[0]
        styles = head.xpath("./style")
        assert [style.text for style in styles] == [":root{--brand:#1a4d2e;--accent:rgb(179 38 30 / 80%);--paper:#fffdf8}"]
        assert styles[0].getprevious().get("rel") == "stylesheet"  # after it: the site's values win


def test_without_colours_no_style_block(run, tiny, tmp_path):
    out = tmp_path / "public"
    code, _, err = run(*build_args(tiny, out))
    assert code == 0, err
    assert b"<style>" not in (out / "en" / "index.html").read_bytes()


def test_the_documented_names_are_the_stylesheets_custom_properties():
    css = (THEME / "static" / "style.css").read_text(encoding="utf-8")
    root = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    defined = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]+);", root))
    assert defined == site_theme.COLORS


def test_a_logo_with_its_size_and_the_site_title_as_its_text(run, tiny, tmp_path):
    templates = _own_templates(tmp_path)
    (templates / "static" / "logo.svg").write_text(
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><rect width="200" height="50"/></svg>\n',
        encoding="utf-8",
    )
    _site_yaml(tiny, "theme:\n  logo: logo.svg\n")
    out = tmp_path / "public"
    code, err = _build(run, tiny, templates, out)
    assert code == 0, err
    doc = html.parse(str(out / "en" / "index.html"))
    link = doc.xpath('//header//a[@class="site-title"]')[0]
    image = link.xpath("./img")[0]
    assert (image.get("src"), image.get("width"), image.get("height"), image.get("alt")) == (
        "/assets/logo.svg",
        "160",
        "40",
        "Test Bulletin",
    )
    assert link.text_content() == ""  # the logo stands for the title: its alt text names the link
    assert (out / "assets" / "logo.svg").read_bytes() == (templates / "static" / "logo.svg").read_bytes()
    vi = html.parse(str(out / "vi" / "index.html")).xpath('//header//a[@class="site-title"]/img/@alt')
    assert vi == ["Bản tin thử nghiệm"]


def test_a_raster_logo_beside_the_title(run, tiny, tmp_path):
    from PIL import Image

    templates = _own_templates(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "#0b4f8a").save(buffer, "PNG")
    (templates / "static" / "mark.png").write_bytes(buffer.getvalue())
    _site_yaml(tiny, "theme:\n  logo: mark.png\n  show_title: true\n")
    out = tmp_path / "public"
    code, err = _build(run, tiny, templates, out)
    assert code == 0, err
    link = html.parse(str(out / "en" / "index.html")).xpath('//header//a[@class="site-title"]')[0]
    image = link.xpath("./img")[0]
    assert (image.get("width"), image.get("height"), image.get("alt")) == ("120", "40", "")  # the text beside it names the link
    assert link.text_content().strip() == "Test Bulletin"


def test_a_low_contrast_brand_is_a_warning(run, tiny, tmp_path):
    _site_yaml(tiny, 'theme:\n  colors:\n    brand: "#7fb2e5"\n')
    out = tmp_path / "public"
    code, _, err = run(*build_args(tiny, out))
    assert code == 0, err
    warnings = [line.split("/content/", 1)[-1] for line in err.splitlines()]
    assert (
        "site.yaml:10: warning: theme: brand '#7fb2e5' on paper '#ffffff' has a contrast of 2.23:1 (links), "
        "under the 4.5:1 WCAG AA asks for text; choose colours further apart"
    ) in warnings
    assert (
        "site.yaml:10: warning: theme: white '#ffffff' on brand '#7fb2e5' has a contrast of 2.23:1 (the header's white text), "
        "under the 4.5:1 WCAG AA asks for text; choose colours further apart"
    ) in warnings
    code, _, err = run(*build_args(tiny, tmp_path / "strict" / "public", "--strict"))
    assert code == 1


# The tiny site.yaml has 7 lines: what a test adds starts on line 8.
REFUSALS = [
    (
        "unknown colour",
        'theme:\n  colors:\n    brnad: "#000000"\n',
        "content/site.yaml:10: theme: unknown colour 'brnad' (did you mean 'brand'?)",
    ),
    (
        "not a colour",
        'theme:\n  colors: {brand: "red;}</style><script>alert(1)</script>"}\n',
        "content/site.yaml:9: theme: colour brand 'red;}</style><script>alert(1)</script>' is not a colour: write #rrggbb "
        "(in quotes: YAML reads # as a comment), #rgb, rgb(11 79 138) or hsl(208 85% 29%)",
    ),
    (
        "a colour out of range",
        "theme:\n  colors:\n    ink: rgb(300 0 0)\n",
        "content/site.yaml:10: theme: colour ink 'rgb(300 0 0)' is not a colour: write #rrggbb "
        "(in quotes: YAML reads # as a comment), #rgb, rgb(11 79 138) or hsl(208 85% 29%)",
    ),
    (
        "a colour YAML took for a comment",
        "theme:\n  colors:\n    brand: #0b4f8a\n",
        'content/site.yaml:10: theme: colour brand is empty: a # starts a YAML comment, so write the colour in quotes ("#0b4f8a")',
    ),
    (
        "a missing logo",
        "theme:\n  logo: logo.svg\n",
        "content/site.yaml:9: theme: logo 'logo.svg' is not in templates/static/; put the file there",
    ),
    (
        "a logo of another extension",
        "theme:\n  logo: favicon.png\n",
        "content/site.yaml:9: theme: logo 'favicon.png' is not in templates/static/ (did you mean 'favicon.svg'?); put the file there",
    ),
    (
        "unknown theme setting",
        'theme:\n  colours: {brand: "#000"}\n',
        "content/site.yaml:9: theme: unknown setting 'colours' (did you mean 'colors'?)",
    ),
    (
        "unknown setting",
        "menus: []\n",
        "content/site.yaml:8: unknown setting 'menus' (did you mean 'menu'?)",
    ),
]


@pytest.mark.parametrize(("yaml", "expected"), [case[1:] for case in REFUSALS], ids=[case[0] for case in REFUSALS])
def test_theme_mistakes_are_refused_with_their_line(refused, yaml, expected):
    def setup(content, _tmp):
        _site_yaml(content, yaml)

    _, err = refused(setup)
    assert expected in err.splitlines()


ACCEPTED = [
    *("#abc", "#abcd", "#0b4f8a", "#0B4F8A80"),
    *("rgb(11, 79, 138)", "rgba(11, 79, 138, 0.5)", "rgb(11 79 138 / 50%)", "rgb(4% 31% 54%)", "RGB(0 0 0)"),
    *("hsl(208 85% 29%)", "hsl(208deg, 85%, 29%)", "hsla(208, 85%, 29%, .5)"),
]
REFUSED = [
    *("red", "#ab", "#abcde", "#0b4f8a;", "var(--brand)", "url(x)", "expression(alert(1))"),
    *("rgb(256, 0, 0)", "rgb(1, 2)", "rgb(1%, 2, 3)", "rgb(1,2,3);}", "rgb(1 2 3 / 2)"),
    *("rgb(1\n2 3)", "rgb(1, 2, 3, 4, 5)", "rgb(1 2 3 /)"),
    "hsl(120, 50, 50)",
]


@pytest.mark.parametrize("color", ACCEPTED)
def test_colours_the_theme_accepts(color):
    assert site_theme.parse_color(color) is not None


@pytest.mark.parametrize("color", REFUSED)
def test_anything_else_is_refused(color):
    assert site_theme.parse_color(color) is None


def test_contrast_is_wcags():
    assert site_theme.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert site_theme.contrast("#0b4f8a", "#ffffff") == pytest.approx(8.40, abs=0.01)
    assert site_theme.contrast("#767676", "#ffffff") >= 4.5 > site_theme.contrast("#777777", "#ffffff")


def test_settings_keep_the_line_of_each_nested_value():
    fields = load_mapping(
        "title: x\nmenu:\n  - section: news\n  - page: about\n    children:\n      - url: /x/\n        title: {vi: a, en: b}\n",
        nested_lines=True,
    )
    menu = fields["menu"]
    # Lines as load_mapping counts them (one more than the file's: read_settings_file's callers subtract it).
    assert menu.line == 3
    assert [menu.line_of(0), menu.line_of(1), menu.line_of(1, "children", 0), menu.line_of(1, "children", 0, "title", "en")] == [4, 5, 7, 8]
    assert menu.line_of(7) == 3  # nothing there: the field's own line
    assert load_mapping("menu: [a]\n")["menu"].nested is None  # only when asked for

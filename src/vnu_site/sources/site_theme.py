"""site.yaml's `theme:`: the site's colours and logo, without a template of its own.

`colors` sets the custom properties at the top of the theme's style.css (`brand: "#0b4f8a"`
becomes `--brand:#0b4f8a` in a small <style> in every page's head). Only the names below
are accepted, and only colours written as `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`,
`rgb()`/`rgba()` or `hsl()`/`hsla()` with numbers in range: nothing else can reach the
style block, so nothing can break out of it. A colour that leaves text too faint to read
(under the 4.5:1 contrast WCAG AA asks for) is a warning.

`logo` names a file of the theme's static/ folder (the site's templates/static/, served
under /assets/), shown in the header with the site's title as its text; its size is read
here, so the page gives it and nothing moves as it loads. See docs/theming.md.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import Logo

if TYPE_CHECKING:
    from vnu_site.sources.frontmatter import Field, YamlValue

# The custom properties of style.css that a site may set, with the theme's own values (the
# contrast is checked against these where the site keeps them). A test keeps them in step.
COLORS = {
    "ink": "#1d2530",  # text
    "muted": "#56606d",  # dates, notes, the footer's text
    "line": "#d8dde3",  # rules and borders
    "paper": "#ffffff",  # the page
    "tint": "#f3f6f9",  # the footer's and the fact lists' background
    "brand": "#0b4f8a",  # links; the header's background (its text is white)
    "brand-dark": "#083a66",  # links under the pointer, labels
    "accent": "#b3261e",
    "focus": "#ffbf47",  # the focus ring
}
FIELDS = ("colors", "logo", "show_title")
LOGO_HEIGHT = 40  # CSS pixels: the logo's height in the header
MAX_LOGO_BYTES = 2_000_000
# (text, background, where it shows): the pairs a reader must be able to read. "#ffffff"
# stands for the white the theme writes in the header.
CONTRAST_PAIRS = (
    ("ink", "paper", "text"),
    ("brand", "paper", "links"),
    ("#ffffff", "brand", "the header's white text"),
    ("brand-dark", "paper", "labels and links under the pointer"),
    ("muted", "paper", "dates and notes"),
    ("muted", "tint", "the footer's text"),
)
AA_TEXT = 4.5

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_FUNCTION = re.compile(r"(rgba?|hsla?)\(([ 0-9.,%/a-z]*)\)")
_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:\.[0-9]{1,6})?|\.[0-9]{1,6})(%?)")
_HUE = re.compile(r"(-?(?:[0-9]{1,3}(?:\.[0-9]{1,6})?|\.[0-9]{1,6}))(deg)?")


def read(
    field: Field, display: str, static_files: Mapping[str, Path] | None, problems: Problems
) -> tuple[dict[str, str], Logo | None] | None:
    """(colours, logo) from the `theme` setting; None (with the problems said) when wrong.
    static_files: the theme's static files by name (io.theme.Theme.static_files), where the
    logo must be; None: not checked (the logo is then left out)."""

    def at(*path: str) -> Location:
        return Location(display, field.line_of(*path) - 1)  # settings files count one line more

    before = len(problems.errors)
    value = field.value
    if not isinstance(value, dict):
        problems.error(at(), 'theme: must be a mapping such as {colors: {brand: "#0b4f8a"}, logo: logo.svg}')
        return None
    for name in value:
        if name not in FIELDS:
            problems.error(at(name), f"theme: unknown setting '{name}'{did_you_mean(str(name), FIELDS)}")
    colors = _colors(value.get("colors", {}), at, problems)
    logo = None
    if "logo" in value:
        show_title = value.get("show_title", False)
        if not isinstance(show_title, bool):
            problems.error(at("show_title"), "theme: show_title must be true or false")
        logo = _logo(value["logo"], at("logo"), static_files, show_title is True, problems)
    elif "show_title" in value:
        problems.error(at("show_title"), "theme: show_title is for a logo: it shows the site's title beside it; give a logo")
    if len(problems.errors) > before:
        return None
    _warn_contrast(colors, at, problems)
    return colors, logo


def _colors(given: YamlValue, at: Callable[..., Location], problems: Problems) -> dict[str, str]:
    if not isinstance(given, dict):
        problems.error(at("colors"), 'theme: colors must map colour names to colours, such as {brand: "#0b4f8a"}')
        return {}
    colors = {}
    for name, color in given.items():
        where = at("colors", name)
        if name not in COLORS:
            hint = did_you_mean(str(name), COLORS) or f"; the colours are {', '.join(COLORS)}"
            problems.error(where, f"theme: unknown colour '{name}'{hint}")
        elif color is None:
            problems.error(where, f'theme: colour {name} is empty: a # starts a YAML comment, so write the colour in quotes ("#0b4f8a")')
        elif not isinstance(color, str) or parse_color(color.strip()) is None:
            shown = color if isinstance(color, str) else repr(color)
            problems.error(
                where,
                f"theme: colour {name} '{shown[:60]}' is not a colour: write #rrggbb (in quotes: YAML reads # as a comment), "
                "#rgb, rgb(11 79 138) or hsl(208 85% 29%)",
            )
        else:
            colors[name] = color.strip()
    return colors


def parse_color(text: str) -> tuple[float, float, float, float] | None:
    """(red, green, blue, alpha), each 0 to 1, of a colour as the theme accepts it; None
    for anything else."""
    if _HEX.fullmatch(text):
        digits = text[1:]
        if len(digits) <= 4:
            digits = "".join(c * 2 for c in digits)
        channels = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
        return (channels[0], channels[1], channels[2], channels[3] if len(channels) == 4 else 1.0)
    match = _FUNCTION.fullmatch(text.lower())
    if not match:
        return None
    name, inner = match.groups()
    if "," in inner:  # the older form: rgb(11, 79, 138) or rgba(11, 79, 138, 0.5)
        parts = [part.strip() for part in inner.split(",")]
        alpha = parts.pop() if len(parts) == 4 else None
    else:  # rgb(11 79 138 / 50%)
        main, slash, after = inner.partition("/")
        parts = main.split()
        alpha = after.strip() if slash else None
    if len(parts) != 3 or alpha == "":
        return None
    opacity = _fraction(alpha, 1) if alpha is not None else 1.0
    if opacity is None:
        return None
    if name.startswith("rgb"):
        numbers = [_NUMBER.fullmatch(part) for part in parts]
        if len({number[1] if number else None for number in numbers} - {None}) != 1 or None in numbers:
            return None  # all numbers (0-255) or all percentages
        rgb = [_fraction(part, 255) for part in parts]
        if None in rgb:
            return None
        red, green, blue = (float(v) for v in rgb if v is not None)
        return (red, green, blue, opacity)
    hue = _HUE.fullmatch(parts[0])
    saturation, lightness = (_fraction(part, None) for part in parts[1:])
    if hue is None or saturation is None or lightness is None:
        return None
    red, green, blue = colorsys.hls_to_rgb(float(hue[1]) % 360 / 360, lightness, saturation)
    return (red, green, blue, opacity)


def _fraction(text: str, scale: float | None) -> float | None:
    """A number of 0 to `scale` (None: percentages only) or a percentage, as 0 to 1."""
    match = _NUMBER.fullmatch(text)
    if not match or (scale is None and not match[1]):
        return None
    number = float(text.rstrip("%"))
    value = number / 100 if match[1] else number / (scale or 1)
    return value if 0 <= value <= 1 else None


def luminance(color: tuple[float, float, float, float], background: tuple[float, float, float, float] | None = None) -> float:
    """WCAG relative luminance; a colour with alpha is laid over its background (else white)."""
    under = background[:3] if background else (1.0, 1.0, 1.0)
    alpha = color[3]
    channels = [alpha * c + (1 - alpha) * b for c, b in zip(color[:3], under, strict=True)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(text: str, background: str) -> float:
    """The WCAG contrast ratio of two colours (the background over white if transparent)."""
    back = parse_color(background)
    fore = parse_color(text)
    assert back is not None and fore is not None  # checked colours only
    opaque_back = (*_over_white(back), 1.0)
    lighter, darker = sorted((luminance(fore, opaque_back), luminance(opaque_back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _over_white(color: tuple[float, float, float, float]) -> tuple[float, float, float]:
    alpha = color[3]
    return (alpha * color[0] + 1 - alpha, alpha * color[1] + 1 - alpha, alpha * color[2] + 1 - alpha)


def _warn_contrast(colors: dict[str, str], at: Callable[..., Location], problems: Problems) -> None:
    if not colors:
        return
    shown = {**COLORS, **colors}
    for text, background, where in CONTRAST_PAIRS:
        given = [name for name in (text, background) if name in colors]
        if not given:
            continue  # the theme's own pair
        ratio = contrast(shown.get(text, text), shown[background])
        if ratio < AA_TEXT:
            pair = f"{_named(text, shown)} on {_named(background, shown)}"
            problems.warning(
                at("colors", given[0]),
                f"theme: {pair} has a contrast of {ratio:.2f}:1 ({where}), under the {AA_TEXT}:1 WCAG AA asks for text; "
                "choose colours further apart",
            )


def _named(name: str, shown: dict[str, str]) -> str:
    return f"{name} '{shown[name]}'" if name in shown else f"white '{name}'"


def _logo(given: YamlValue, at: Location, static_files: Mapping[str, Path] | None, with_title: bool, problems: Problems) -> Logo | None:
    if not isinstance(given, str) or not given.strip():
        problems.error(at, "theme: logo must name a file of templates/static/, such as logo.svg")
        return None
    name = given.strip()
    if static_files is None:
        return None  # not asked to check it (`vnu-site new` reads only the languages)
    path = static_files.get(name)
    if path is None:
        candidates = [n for n in static_files if n.rsplit(".", 1)[0] == name.rsplit(".", 1)[0]]
        hint = f" (did you mean '{candidates[0]}'?)" if candidates else did_you_mean(name, static_files)
        problems.error(at, f"theme: logo '{name}' is not in templates/static/{hint}; put the file there")
        return None
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            problems.error(at, f"theme: logo '{name}' is {size // 1000} KB; a logo needs at most {MAX_LOGO_BYTES // 1_000_000} MB")
            return None
        data = path.read_bytes()
    except OSError as error:
        from vnu_site.sources.settings_file import cannot_read

        problems.error(at, f"theme: logo '{name}' {cannot_read(error)}")
        return None
    found = _svg_size(data) if name.lower().endswith(".svg") else _image_size(data)
    if isinstance(found, str):
        problems.error(at, f"theme: logo '{name}' {found}")
        return None
    width, height = found
    return Logo(name, max(1, round(width * LOGO_HEIGHT / height)), LOGO_HEIGHT, with_title)


_SVG_START = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_LENGTH = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(?:px)?\s*")


def _svg_size(data: bytes) -> tuple[float, float] | str:
    """The SVG's width and height, from its root element (width/height in pixels, else its viewBox)."""
    start = _SVG_START.search(data[:65536])
    if not start:
        return "is not an SVG file (no <svg> element at its start)"
    text = start[0].decode("utf-8", "replace")
    attributes = {name.lower(): double or single for name, double, single in _ATTRIBUTE.findall(text)}
    width, height = (_LENGTH.fullmatch(attributes.get(n, "")) for n in ("width", "height"))
    if width and height and float(width[1]) > 0 and float(height[1]) > 0:
        return float(width[1]), float(height[1])
    box = attributes.get("viewbox", "").replace(",", " ").split()
    try:
        if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
            return float(box[2]), float(box[3])
    except ValueError:
        pass
    return "gives no size: give its <svg> element width and height in pixels, or a viewBox"


def _image_size(data: bytes) -> tuple[float, float] | str:
    from vnu_site.sources.image_probe import probe

    facts = probe(data)
    if isinstance(facts, str):
        return facts
    return float(facts.width), float(facts.height)

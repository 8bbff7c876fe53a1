"""The partners on a world map: inline SVG made at build time, the same bytes every build.

Each country is shaded by its number of partners, in four classes (1, 2–4, 5–9, 10 or more;
the bounds grow by 1-2-5 steps for larger sites, see `classes`); a country where the only
bodies named are other members of the university's alliances (not its partners) is hatched.
Countries too small to see at this scale (Singapore, Malta, Bahrain…) get a circle at their
place. Alliances, networks and bodies without a country are not on the map: they are listed
beside it. Colour is never the only carrier: the numbers are in a table (the SVG's
`aria-details`), and each shaded shape has a tooltip.

The shapes are world_shapes.json, package data made by tools/world_shapes.py from Natural
Earth (npm world-atlas 2.0.2), Equal Earth projection: nothing is downloaded at build time.
Colours are the theme's custom properties (style.css: `.world-map`), so a site's `theme:
colors:` recolours the map too.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from html import escape
from pathlib import Path

from vnu_site.io.deps import touch
from vnu_site.model import Item, Site
from vnu_site.pages.figures import counted
from vnu_site.sources import i18n
from vnu_site.sources.schema import GROUP_KINDS
from vnu_site.sources.site_theme import COLORS

SHAPES = Path(__file__).with_name("world_shapes.json")
# The shares of --brand mixed into --paper for the four classes; style.css's `.world-map` rules
# say the same with color-mix() over the site's own colours. The SVG's fill attributes are the
# default theme's, for a page read without the stylesheet.
SHARES = (35, 55, 78, 100)


def _mix(colour: str, paper: str, share: int) -> str:
    ink = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    base = [int(paper[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(b + (c - b) * share / 100):02x}" for c, b in zip(ink, base, strict=True))


FILLS = tuple(_mix(COLORS["brand"], COLORS["paper"], share) for share in SHARES)
LAND, BORDER, OUTLINE, HATCH = COLORS["line"], COLORS["paper"], COLORS["brand-dark"], COLORS["brand"]
MARKER_RADIUS = 6


@functools.cache
def shapes() -> dict:
    """world_shapes.json: width, height, shapes (alpha-2 -> path), points (alpha-2 -> [x, y]
    for the small countries), other_land (paths of land with no ISO code)."""
    data: dict = json.loads(SHAPES.read_text(encoding="utf-8"))
    return data


def classes(most: int) -> tuple[int, ...]:
    """The lower bounds of the four shading classes: 1, 2f, 5f, 10f, with f the largest step of
    1, 2, 5, 10, 20, 50… for which 10f is at most the largest count (so the top class is used
    when a country has many partners, and the first is "1" on a small site)."""

    def step(k: int) -> int:
        return (1, 2, 5)[k % 3] * 10 ** (k // 3)

    k = 0
    while 10 * step(k + 1) <= most:
        k += 1
    return (1, 2 * step(k), 5 * step(k), 10 * step(k))


def class_of(count: int, bounds: tuple[int, ...]) -> int:
    """0 (no partner) to 4 (the top class)."""
    return sum(1 for bound in bounds if count >= bound)


def world_map(site: Site, lang: str, partners: list[Item], fellows: set, strings, urls) -> dict | None:
    """The map, its legend, its table and the bodies shown apart; None when no partner has a
    country to show (the lists under it name them all). fellows: the keys of the other members
    of the university's alliances (not its partners)."""
    bodies = [p for p in partners if p.key != site.config.publisher]
    apart = [p for p in bodies if not p.facts.get("country") or p.facts.get("kind") in GROUP_KINDS]
    shown_apart = {p.key for p in apart}
    placed = [p for p in bodies if p.key not in shown_apart]
    if not placed:
        return None
    counts: dict[str, int] = defaultdict(int)  # country -> partners
    fellow_counts: dict[str, int] = defaultdict(int)  # country -> other members of the alliances
    for partner in placed:
        if partner.key in fellows:
            fellow_counts[partner.facts["country"]] += 1
        else:
            counts[partner.facts["country"]] += 1
    countries = sorted(set(counts) | set(fellow_counts))
    names = {code: i18n.country_name(code, lang) for code in countries}
    bounds = classes(max(counts.values(), default=0))
    data = shapes()

    def tip(code: str) -> str:
        said = [counted(strings, lang, "figure.partners", counts[code])] if counts[code] else []
        if fellow_counts[code]:
            said.append(counted(strings, lang, "figure.fellows", fellow_counts[code]))
        return f"{names[code]}: {', '.join(said)}"

    land = [path for code, path in data["shapes"].items() if code not in names] + data["other_land"]
    parts = [
        '<defs><pattern id="map-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="5" height="5" class="map-land" fill="{LAND}"/>'
        f'<path d="M0 0v5" class="map-hatch-line" stroke="{HATCH}" stroke-width="2"/></pattern></defs>',
        f'<path class="map-land" fill="{LAND}" stroke="{BORDER}" stroke-width="0.5" d="{"".join(land)}"/>',
    ]
    markers = []
    drawn = []
    for code in countries:
        level = class_of(counts[code], bounds)
        shade = f'class="map-c{level}" fill="{FILLS[level - 1]}"' if level else 'class="map-fellows" fill="url(#map-hatch)"'
        title = f"<title>{escape(tip(code))}</title>"
        if code in data["shapes"]:
            parts.append(f'<path id="map-{code}" {shade} stroke="{OUTLINE}" stroke-width="0.6" d="{data["shapes"][code]}">{title}</path>')
            drawn.append(code)
        if code in data["points"]:
            x, y = data["points"][code]
            circle = f'cx="{x}" cy="{y}" r="{MARKER_RADIUS}"'
            markers.append(f'<circle id="map-{code}-dot" {shade} stroke="{OUTLINE}" stroke-width="1.2" {circle}>{title}</circle>')
            if code not in drawn:
                drawn.append(code)
    parts += markers  # on top of every shape

    partners_n = sum(counts.values())
    fellows_n = sum(fellow_counts.values())
    title = strings.get(lang, "map.title")
    sentences = [
        strings.get(lang, "map.description").format(
            partners=counted(strings, lang, "figure.partners", partners_n),
            countries=counted(strings, lang, "figure.countries", sum(1 for code in countries if counts[code])),
        )
    ]
    only_fellows = sum(1 for code in countries if fellow_counts[code] and not counts[code])
    if only_fellows:
        sentences.append(
            strings.get(lang, "map.description.fellows").format(countries=counted(strings, lang, "figure.countries", only_fellows))
        )
    if apart:
        sentences.append(counted(strings, lang, "map.description.apart", len(apart)))
    sentences.append(strings.get(lang, "map.description.table"))
    description = " ".join(sentences)

    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {data["width"]} {data["height"]}" role="img" '
        'aria-labelledby="map-title" aria-describedby="map-desc" aria-details="map-table" class="figure-svg world-map" '
        f'fill-rule="evenodd"><title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(description)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
    rows = sorted(countries, key=lambda code: (-counts[code], -fellow_counts[code], i18n.collation_key(names[code], lang), code))
    for partner in apart:
        touch(partner.ref, lang)  # their names are listed
    listed = sorted(apart, key=lambda p: (i18n.collation_key(p.texts[lang].title, lang), p.key))
    return {
        "title": title,
        "description": description,
        "svg": svg,
        "legend": _legend(lang, strings, bounds, bool(only_fellows)),
        "table": {
            "caption": strings.get(lang, "map.table"),
            "fellows": bool(fellows_n),
            "rows": [{"country": names[code], "code": code, "partners": counts[code], "fellows": fellow_counts[code]} for code in rows],
        },
        "apart": [
            {
                "title": p.texts[lang].title,
                "href": urls.href(urls.item(p, lang)),
                "country": i18n.country_name(p.facts["country"], lang) if p.facts.get("country") else "",
            }
            for p in listed
        ],
        "undrawn": [code for code in countries if code not in drawn],  # in the table only (no shape at this scale)
    }


def _legend(lang: str, strings, bounds: tuple[int, ...], fellows: bool) -> list[dict]:
    """The key as HTML text with a swatch each (so it wraps on a phone)."""

    def swatch(paint: str) -> str:
        return (
            '<svg class="legend-mark world-map" viewBox="0 0 28 20" width="28" height="20" aria-hidden="true">'
            f'<rect x="1" y="1" width="26" height="18" {paint} stroke="{OUTLINE}" stroke-width="1"/></svg>'
        )

    keys = []
    for index, low in enumerate(bounds):
        if index + 1 < len(bounds):
            high = bounds[index + 1] - 1
            label = (
                counted(strings, lang, "figure.partners", low) if low == high else strings.get(lang, "map.range").format(low=low, high=high)
            )
        else:
            label = strings.get(lang, "map.at_least").format(n=low)
        keys.append((swatch(f'class="map-c{index + 1}" fill="{FILLS[index]}"'), label))
    if fellows:
        hatch = (
            '<svg class="legend-mark world-map" viewBox="0 0 28 20" width="28" height="20" aria-hidden="true">'
            '<defs><pattern id="map-hatch-key" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="5" height="5" class="map-land" fill="{LAND}"/>'
            f'<path d="M0 0v5" class="map-hatch-line" stroke="{HATCH}" stroke-width="2"/></pattern></defs>'
            f'<rect x="1" y="1" width="26" height="18" fill="url(#map-hatch-key)" stroke="{OUTLINE}" stroke-width="1"/></svg>'
        )
        keys.append((hatch, strings.get(lang, "map.fellows_only")))
    keys.append((swatch(f'class="map-land" fill="{LAND}"'), strings.get(lang, "map.none")))
    circle = (
        '<svg class="legend-mark world-map" viewBox="0 0 28 20" width="28" height="20" aria-hidden="true">'
        f'<circle cx="14" cy="10" r="6" class="map-c{len(bounds)}" fill="{FILLS[-1]}" stroke="{OUTLINE}" stroke-width="1.2"/></svg>'
    )
    keys.append((circle, strings.get(lang, "map.small")))
    return [{"mark": mark, "label": label} for mark, label in keys]

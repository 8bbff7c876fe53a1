"""Make the country shapes of the partners' world map: src/vnu_site/pages/world_shapes.json.

Run by a developer when the shapes should change, never by a build (a build reads the JSON
file, shipped in the wheel as package data, and downloads nothing):

    cd /tmp && npm pack world-atlas@2.0.2        # the npm registry's tarball, about 2.3 MB
    python tools/world_shapes.py /tmp/world-atlas-2.0.2.tgz

The same tarball gives the same file, byte for byte (the tarball's SHA-512 is checked against
the one npm publishes for 2.0.2; give --any-version to try another release on purpose).

Sources:
- Shapes: npm `world-atlas` 2.0.2 (ISC licence, Mike Bostock), Natural Earth 4.1.0's Admin 0
  countries as TopoJSON (Natural Earth is public domain). The 1:110m file gives the outlines;
  the 1:50m file gives the position of the countries too small to see at 1:110m, or absent from
  it (Singapore, Hong Kong, Luxembourg, Malta, Bahrain…), drawn as a marker when they have
  partners.
- Country codes: the TopoJSON names countries by ISO 3166-1 numeric code ("704"); partners give
  the alpha-2 code ("VN"). The mapping is CLDR's (Unicode), as Babel ships it: its territory
  aliases list each numeric code with its alpha-2 replacement. Natural Earth's three shapes
  with no ISO code: Kosovo is XK (the code CLDR and the EU use), N. Cyprus and Somaliland are
  drawn as land without a code.

What is done to them, in this order:
1. the arcs are decoded (delta-encoded, quantised) to longitude/latitude;
2. projected with the Equal Earth projection (Šavrič, Patterson, Jenny 2018; the formula is
   below), an equal-area projection, so a country's size on the map is its size on Earth;
3. each arc is simplified (Douglas–Peucker, TOLERANCE map units) before it is put into a
   country, so neighbours keep one shared border, and rounded to whole map units;
4. rings that cross the antimeridian (Russia's Chukotka, Fiji) are cut there, so no line
   crosses the whole map; rings that round to (almost) nothing are dropped; Antarctica is
   left out (no partner there, and it would take a fifth of the height);
5. each country becomes one SVG path in relative coordinates ("M12 34l3-1 2 4z").

The map is WIDTH units wide; a page scales it. Measured on 2.0.2: a 29,316-byte file, 173
country shapes and 106 points; inline on the bulletin's partners page the whole map is about
28 KB of SVG. See tools/README.md.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import itertools
import json
import math
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "vnu_site" / "pages" / "world_shapes.json"
PACKAGE = "world-atlas@2.0.2"
# `npm view world-atlas@2.0.2 dist.integrity`
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="

WIDTH = 1000  # map units across; the SVG's viewBox
MARGIN = 4  # map units around the land
TOLERANCE = 0.5  # Douglas–Peucker: how far (map units) a simplified line may leave the original
MIN_RING_AREA = 1.5  # square map units: smaller islands and lakes are dropped
# A country whose shapes together cover less than this (square map units, about 1,200 km²
# each: Belgium is 27, Qatar 7, Vietnam 274; Luxembourg rounds to nothing, Singapore is absent) gets a point
# at its place, where the map draws a circle when it has partners.
SMALL_AREA = 40.0
LEFT_OUT = {"010"}  # Antarctica
NO_ISO_CODE = {"Kosovo": "XK"}  # Natural Earth's shapes with no numeric code, by name

# --- Equal Earth (Šavrič, Patterson & Jenny, "The Equal Earth map projection", 2018) ---
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude in degrees -> (x, y) on the unit sphere's map, y up.
    θ = asin(√3/2 · sin φ); x = 2√3 λ cos θ / (3 (9A4θ⁸ + 7A3θ⁶ + 3A2θ² + A1));
    y = A4θ⁹ + A3θ⁷ + A2θ³ + A1θ."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return x, y


# --- TopoJSON ------------------------------------------------------------------------
def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs as (longitude, latitude) points: delta-decoded, then the transform applied."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def polygons(geometry: dict) -> list[list[list[int]]]:
    """A geometry's polygons, each a list of rings, each a list of arc indexes."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def ring_points(ring: list[int], arcs: list[list]) -> list:
    """The points of a ring joined from its arcs (~i is arc i backwards), each junction once."""
    points: list = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def area(points: list) -> float:
    """Signed area (shoelace)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)) / 2


def centroid(points: list) -> tuple[float, float]:
    """The centroid of a polygon's outline (its area's, not its points' average)."""
    a = area(points)
    if abs(a) < 1e-12:
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * a), cy / (6 * a)


def simplify(points: list, tolerance: float) -> list[int]:
    """Douglas–Peucker, iterative: the indexes of the points to keep. The two ends are always
    kept (they are shared with the neighbouring arcs)."""
    if len(points) < 3:
        return list(range(len(points)))
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        farthest, distance = -1, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            d = abs(dy * (px - x0) - dx * (py - y0)) / length if length else math.hypot(px - x0, py - y0)
            if d > distance:
                farthest, distance = index, d
        if farthest >= 0:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [index for index, kept in enumerate(keep) if kept]


# --- the antimeridian ----------------------------------------------------------------------
def unwrap(points: list) -> list:
    """Longitudes made continuous (179, -179 becomes 179, 181), so a line that crosses the
    antimeridian is not drawn across the whole map."""
    out = [points[0]]
    for lon, lat in points[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        out.append((lon, lat))
    return out


def clip(ring: list, at: float, west: bool) -> list:
    """Sutherland–Hodgman against one meridian: the part of the ring west (or east) of it."""

    def inside(point: tuple[float, float]) -> bool:
        return point[0] <= at if west else point[0] >= at

    out = []
    for index, current in enumerate(ring):
        previous = ring[index - 1]
        if inside(current) != inside(previous):
            t = (at - previous[0]) / (current[0] - previous[0])
            out.append((at, previous[1] + t * (current[1] - previous[1])))
        if inside(current):
            out.append(current)
    return out


def cut(ring: list) -> list[list]:
    """A ring (lon/lat, not closed) as the pieces on each side of the antimeridian."""
    ring = unwrap(ring)
    if max(lon for lon, _ in ring) > 180:
        east = clip(ring, 180, west=False)
        return [clip(ring, 180, west=True), [(lon - 360, lat) for lon, lat in east]]
    if min(lon for lon, _ in ring) < -180:
        west = clip(ring, -180, west=True)
        return [clip(ring, -180, west=False), [(lon + 360, lat) for lon, lat in west]]
    return [ring]


def path(rings: list[list[tuple[int, int]]]) -> str:
    """Rings as SVG path data in relative whole units: "M12 34l3-1 2 4z" (a minus sign
    separates two numbers, so no space is written before one)."""
    out = []
    for ring in rings:
        deltas = [value for (x0, y0), (x1, y1) in itertools.pairwise(ring) for value in (x1 - x0, y1 - y0)]
        numbers = "".join(str(v) if index == 0 or v < 0 else f" {v}" for index, v in enumerate(deltas))
        out.append(f"M{ring[0][0]} {ring[0][1]}l{numbers}z")
    return "".join(out)


# --- the country codes -----------------------------------------------------------------
def numeric_to_alpha2() -> dict[str, str]:
    """ISO 3166-1 numeric -> alpha-2, from CLDR's territory aliases (as Babel ships them);
    only the codes that name one country today."""
    from babel.core import get_global

    aliases = get_global("territory_aliases")
    return {code: targets[0] for code, targets in aliases.items() if code.isdigit() and len(targets) == 1 and len(targets[0]) == 2}


def code_of(geometry: dict, codes: dict[str, str]) -> str | None:
    number = geometry.get("id")
    if number is None:
        return NO_ISO_CODE.get(geometry["properties"]["name"])
    return codes[number]  # a numeric code CLDR does not know: stop, a person should look


# --- the whole map ---------------------------------------------------------------------
def make(tarball: bytes) -> dict:
    files = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for name in ("countries-110m.json", "countries-50m.json"):
            member = archive.extractfile(f"package/{name}")
            assert member is not None
            files[name] = json.load(member)
    codes = numeric_to_alpha2()
    small, medium = files["countries-110m.json"], files["countries-50m.json"]

    # The scale: WIDTH units for the 360° of the equator (Equal Earth's x range is ±2.7066).
    x_max = equal_earth(180, 0)[0]
    scale = (WIDTH - 2 * MARGIN) / (2 * x_max)

    def project(lon: float, lat: float) -> tuple[float, float]:
        x, y = equal_earth(lon, lat)
        return x * scale, -y * scale  # SVG's y grows downwards

    kept = [g for g in small["objects"]["countries"]["geometries"] if g.get("id") not in LEFT_OUT]
    arcs = decode_arcs(small)
    used = {i if i >= 0 else ~i for g in kept for polygon in polygons(g) for ring in polygon for i in ring}
    # Each arc is simplified on the map (its longitudes made continuous first), then kept in
    # longitude/latitude: the rings are cut at the antimeridian before they are projected.
    lean = [[arc[i] for i in simplify([project(*p) for p in unwrap(arc)], TOLERANCE)] for arc in arcs]
    top = min(project(*p)[1] for index in used for p in arcs[index])
    bottom = max(project(*p)[1] for index in used for p in arcs[index])
    height = math.ceil(bottom - top) + 2 * MARGIN

    def place(point: tuple[float, float]) -> tuple[int, int]:
        x, y = project(*point)
        return round(x + WIDTH / 2), round(y - top + MARGIN)

    shapes: dict[str, str] = {}
    other_land: list[str] = []
    areas: dict[str, float] = {}
    for geometry in sorted(kept, key=lambda g: (g.get("id") or "", g["properties"]["name"])):
        code = code_of(geometry, codes)
        rings = []
        for polygon in polygons(geometry):
            for ring in polygon:
                for piece in cut(ring_points(ring, lean)[:-1]):
                    placed = [place(p) for p in piece]
                    points = [p for i, p in enumerate(placed) if p != placed[i - 1]]  # what rounding made one point
                    if len(points) >= 3 and abs(area(points)) >= MIN_RING_AREA:
                        rings.append(points)
        total = sum(abs(area(r)) for r in rings)  # holes counted too: only "is it tiny" is asked
        if code is None:
            if rings:
                other_land.append(path(rings))
            continue
        areas[code] = total
        if rings:
            shapes[code] = path(rings)

    # Markers: the countries too small to see at 1:110m, or absent from it, at the centroid of
    # their largest 1:50m polygon.
    points: dict[str, list[int]] = {}
    medium_arcs = decode_arcs(medium)
    for geometry in medium["objects"]["countries"]["geometries"]:
        code = code_of(geometry, codes) if geometry.get("id") not in LEFT_OUT else None
        if code is None or areas.get(code, 0.0) >= SMALL_AREA:
            continue
        outlines = [[project(*p) for p in unwrap(ring_points(polygon[0], medium_arcs))] for polygon in polygons(geometry)]
        x, y = centroid(max(outlines, key=lambda outline: abs(area(outline))))
        points[code] = [round(x + WIDTH / 2), round(y - top + MARGIN)]
    return {
        "about": (
            f"Made by tools/world_shapes.py from npm {PACKAGE} (Natural Earth 4.1.0 Admin 0 countries, public domain; "
            "ISC licence), Equal Earth projection; ISO numeric to alpha-2 codes from CLDR (Babel). Do not edit by hand."
        ),
        "width": WIDTH,
        "height": height,
        "shapes": dict(sorted(shapes.items())),
        "other_land": other_land,
        "points": dict(sorted(points.items())),
    }


def dumps(data: dict) -> str:
    """One country a line, so a new release's changes read as a diff."""
    lines = ["{"]
    for key in ("about", "width", "height"):
        lines.append(f"{json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False)},")
    for key in ("shapes", "points"):
        entries = [f"{json.dumps(code)}: {json.dumps(value, separators=(',', ':'))}" for code, value in data[key].items()]
        lines.append(f"{json.dumps(key)}: {{\n" + ",\n".join(entries) + "\n},")
    lines.append('"other_land": [\n' + ",\n".join(json.dumps(p) for p in data["other_land"]) + "\n]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tarball", type=Path, help="world-atlas-2.0.2.tgz, as `npm pack world-atlas@2.0.2` gives it")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--any-version", action="store_true", help="accept a tarball other than 2.0.2's")
    args = parser.parse_args(argv)
    tarball = args.tarball.read_bytes()
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if integrity != INTEGRITY and not args.any_version:
        print(f"{args.tarball}: not {PACKAGE}'s tarball ({integrity}); give --any-version to use it anyway", file=sys.stderr)
        return 1
    text = dumps(make(tarball))
    json.loads(text)  # what is written is JSON
    args.out.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(f"{args.out}: {len(text.encode()):,} bytes; {len(data['shapes'])} countries, {len(data['points'])} markers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

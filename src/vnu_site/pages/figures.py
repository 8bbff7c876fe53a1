"""Pictures made at build time, as SVG inside the page: readable without JavaScript, with a
title and description for assistive technology, and the same facts as text next to them.

- timeline: events and agreements placed on a time axis, by lane, with counts per year;
- network: the partners as a unit chart, one row per country, one mark per partner, its
  shape and colour by kind, ringed when the university is a member (a row wraps after
  _NW_PER_LINE marks and a long country name over lines, so a thousand partners stay inside
  the picture). It stays beside the world map (world_map.py): the map says where, this says
  which kinds of body and which memberships;
- glance: the "at a glance" numbers (partners, countries, alliances, agreements, events).

Each returns plain data (numbers, texts, and the SVG markup as a string), computed once per
language, never per item page.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from vnu_site.io.deps import touch
from vnu_site.model import Item, PartialDate, Site
from vnu_site.sources import i18n
from vnu_site.sources.schema import GROUP_KINDS

# Partner kinds drawn alike: universities, groups (alliances, networks), everything else.
KIND_GROUPS = ("university", "group", "other")
_COLOURS = {"event": "#0b4f8a", "agreement": "#a4231c", "university": "#0b4f8a", "group": "#a4231c", "other": "#2e6b30"}


def kind_group(partner: Item) -> str:
    """A body whose kind the sources do not state is drawn as "other", not as our reading."""
    kind = None if partner.facts.get("kind_inferred") else partner.facts.get("kind")
    return "university" if kind == "university" else "group" if kind in GROUP_KINDS else "other"


def plural(strings, lang: str, key: str, n: int) -> str:
    """The string `key.one` or `key.other` for n ('1 event', '2 events'); vi has one form, and
    other languages follow CLDR's rule (French says '0 événement')."""
    return strings.get(lang, f"{key}.{i18n.plural_form(n, lang)}")


def counted(strings, lang: str, key: str, n: int) -> str:
    return plural(strings, lang, key, n).format(n=n)


# --- at a glance -------------------------------------------------------------------
def glance(site: Site, lang: str, partners: list[Item], alliances: list[Item], fellows: list[Item], strings) -> list[dict]:
    """Partners are the bodies the university itself works with: not the university, not the
    alliances it belongs to (counted apart), not their other members (counted apart too)."""
    excluded = {site.config.publisher} | {p.key for p in alliances} | {p.key for p in fellows}
    others = [p for p in partners if p.key not in excluded and p.facts.get("kind") not in GROUP_KINDS]
    countries = {p.facts["country"] for p in others if p.facts.get("country")}
    agreements = [a for a in site.by_kind["agreement"] if lang in a.texts]
    documents = sum(a.facts.get("count") or 1 for a in agreements)
    events = [e for e in site.by_kind["event"] if lang in e.texts]
    numbers = [
        ("glance.partners", len(others)),
        ("glance.universities", sum(1 for p in others if p.facts.get("kind") == "university" and not p.facts.get("kind_inferred"))),
        ("glance.countries", len(countries)),
        ("glance.alliances", len(alliances)),
        ("glance.fellow_members", len(fellows)),
        ("glance.agreements", documents),
        ("glance.events", len(events)),
    ]
    return [{"value": n, "label": plural(strings, lang, key, n)} for key, n in numbers if n or key != "glance.fellow_members"]


# --- timeline ---------------------------------------------------------------------
_TL_WIDTH, _TL_LEFT, _TL_RIGHT = 760, 120, 16
_TL_LANES = {"event": 92, "agreement": 172}
_TL_AXIS = 205


def timeline(site: Site, lang: str, strings, urls) -> dict | None:
    """Events and agreements of this language on one time axis; None when there are none."""
    lanes = {kind: [i for i in site.by_kind[kind] if lang in i.texts] for kind in ("event", "agreement")}
    dated = [item for items in lanes.values() for item in items]
    for item in dated:
        touch(item.ref, lang)  # their titles and links are drawn
    if not dated:
        return None
    first = min(_date(item).year for item in dated)
    last = max(_date(item).year for item in dated)
    years = list(range(first, last + 1))
    span = (_TL_WIDTH - _TL_LEFT - _TL_RIGHT) / len(years)
    counts: dict[str, defaultdict[int, int]] = {kind: defaultdict(int) for kind in lanes}  # kind -> year -> items
    parts = []
    for index in range(len(years)):
        x = _TL_LEFT + index * span
        if index % 2 == 0:
            parts.append(f'<rect x="{x:.1f}" y="20" width="{span:.1f}" height="{_TL_AXIS - 20}" fill="#f3f6f9"/>')
    for kind, y in _TL_LANES.items():
        parts.append(f'<line x1="{_TL_LEFT}" y1="{y}" x2="{_TL_WIDTH - _TL_RIGHT}" y2="{y}" stroke="#c9d1da"/>')
        label = escape(strings.get(lang, f"section.{'events' if kind == 'event' else 'agreements'}"))
        parts.append(f'<text x="{_TL_LEFT - 12}" y="{y + 5}" text-anchor="end" font-size="15" font-weight="600">{label}</text>')
        placed: list[float] = []
        for item in sorted(lanes[kind], key=lambda i: (i.date(), i.key)):
            date = _date(item)
            counts[kind][date.year] += 1
            # A month-only date sits mid-month, a year-only one mid-year.
            month = 6.5 if date.year_only else date.month
            day = 15 if not date.exact else date.day
            x = _TL_LEFT + (date.year - first + (month - 1 + (day - 1) / 31) / 12) * span
            level = sum(1 for other in placed if abs(other - x) < 15)
            placed.append(x)
            tip = escape(f"{item.texts[lang].title} ({_when(item, lang)})")
            parts.append(f"<g><title>{tip}</title>{_mark(kind, x, y - level * 17)}</g>")
    parts.append(f'<line x1="{_TL_LEFT}" y1="{_TL_AXIS}" x2="{_TL_WIDTH - _TL_RIGHT}" y2="{_TL_AXIS}" stroke="#56606d" stroke-width="2"/>')
    by_year = []
    for index, year in enumerate(years):
        middle = _TL_LEFT + (index + 0.5) * span
        x = _TL_LEFT + index * span
        parts.append(f'<line x1="{x:.1f}" y1="{_TL_AXIS}" x2="{x:.1f}" y2="{_TL_AXIS + 8}" stroke="#56606d" stroke-width="2"/>')
        parts.append(f'<text x="{middle:.1f}" y="{_TL_AXIS + 26}" text-anchor="middle" font-size="16" font-weight="700">{year}</text>')
        summary = " · ".join(
            counted(strings, lang, f"figure.{kind}s", counts[kind][year]) for kind in ("event", "agreement") if counts[kind][year]
        )
        parts.append(
            f'<text x="{middle:.1f}" y="{_TL_AXIS + 46}" text-anchor="middle" font-size="13" fill="#45505c">{escape(summary)}</text>'
        )
        entries = sorted((i for items in lanes.values() for i in items if _date(i).year == year), key=lambda i: (i.date(), i.kind, i.key))
        by_year.append({"year": year, "entries": [_entry(i, lang, strings, urls) for i in entries]})
    title = strings.get(lang, "timeline.title")
    description = strings.get(lang, "timeline.description").format(
        events=counted(strings, lang, "figure.events", len(lanes["event"])),
        agreements=counted(strings, lang, "figure.agreements", len(lanes["agreement"])),
        first=first,
        last=last,
    )
    return {
        "title": title,
        "description": description,
        "svg": _svg("timeline", _TL_WIDTH, _TL_AXIS + 58, title, description, parts),
        "years": list(reversed(by_year)),
    }


def _when(item: Item, lang: str) -> str:
    """An event's whole range (14–15/4/2025), an agreement's day, as lists write them."""
    if item.kind == "event":
        return i18n.format_range(item.facts["start"], item.facts.get("end"), lang)
    return i18n.format_day(_date(item), lang)


def _date(item: Item) -> PartialDate:
    date = item.date()
    assert date is not None  # events and agreements: start and signed are required
    return date


def _entry(item: Item, lang: str, strings, urls) -> dict:
    kind = item.facts.get("kind")
    return {
        "title": item.texts[lang].title,
        "href": urls.href(urls.item(item, lang)),
        "date": _when(item, lang),
        "date_iso": _date(item).iso,
        "label": strings.get(lang, f"kind.{item.kind}.{kind}" if kind else f"kind.{item.kind}"),
    }


# --- partners by country and kind -----------------------------------------------
_NW_WIDTH, _NW_LABEL, _NW_STEP, _NW_ROW, _NW_TOP = 760, 200, 30, 36, 4
# A row wraps after _NW_PER_LINE marks (the count after the last mark still fits: 5 digits);
# its next line of marks is _NW_LINE lower. A country's name wraps at _NW_LABEL_CHARS (15px
# text at 0.6em a character, within the label column), its lines _NW_LABEL_LINE apart.
_NW_PER_LINE = (_NW_WIDTH - 60 - (_NW_LABEL + 4)) // _NW_STEP + 1
_NW_LINE, _NW_LABEL_LINE = 30, 17
_NW_LABEL_CHARS = int((_NW_LABEL - 16) / (0.6 * 15))


def network(site: Site, lang: str, partners: list[Item], members: set, fellows: set, strings) -> dict | None:
    """One row per country (most partners first), one mark per body; None when empty. The
    fellow members of the university's alliances are drawn hollow: they are not partners."""
    others = [p for p in partners if p.key != site.config.publisher]
    if not others:
        return None
    for partner in others:
        touch(partner.ref, lang)  # their names are drawn
    rows: dict[str, list[Item]] = defaultdict(list)
    for partner in others:
        rows[partner.facts.get("country", "")].append(partner)

    def name(code: str) -> str:
        return i18n.country_name(code, lang) if code else strings.get(lang, "partners.international")

    order = sorted(rows, key=lambda code: (-len(rows[code]), i18n.collation_key(name(code), lang)))
    parts = []
    top = float(_NW_TOP)
    for index, code in enumerate(order):
        entries = sorted(rows[code], key=lambda p: (KIND_GROUPS.index(kind_group(p)), i18n.collation_key(p.texts[lang].title, lang)))
        label = _wrap(name(code), _NW_LABEL_CHARS)
        lines = -(-len(entries) // _NW_PER_LINE)
        row = max(_NW_ROW + (lines - 1) * _NW_LINE, _NW_ROW + (len(label) - 1) * _NW_LABEL_LINE)
        y = top + _NW_ROW / 2
        if index % 2 == 0:
            parts.append(f'<rect x="0" y="{top:.0f}" width="{_NW_WIDTH}" height="{row}" fill="#f3f6f9"/>')
        if len(label) == 1:
            parts.append(f'<text x="{_NW_LABEL - 16}" y="{y + 5:.0f}" text-anchor="end" font-size="15">{escape(label[0])}</text>')
        else:
            spans = "".join(
                f'<tspan x="{_NW_LABEL - 16}" y="{y + 5 + n * _NW_LABEL_LINE:.0f}">{escape(line)}</tspan>' for n, line in enumerate(label)
            )
            parts.append(f'<text text-anchor="end" font-size="15">{spans}</text>')
        x = mark_y = 0.0
        for position, partner in enumerate(entries):
            line, column = divmod(position, _NW_PER_LINE)
            x, mark_y = _NW_LABEL + 4 + column * _NW_STEP, y + line * _NW_LINE
            ring = (
                f'<circle cx="{x:.0f}" cy="{mark_y:.0f}" r="12.5" fill="none" stroke="#1d2530" stroke-width="2"/>'
                if partner.key in members
                else ""
            )
            mark = _mark(kind_group(partner), x, mark_y, hollow=partner.key in fellows)
            parts.append(f"<g><title>{escape(partner.texts[lang].title)}</title>{mark}{ring}</g>")
        end = x + _NW_STEP - 8  # after the last mark
        parts.append(f'<text x="{end:.0f}" y="{mark_y + 5:.0f}" font-size="14" font-weight="700">{len(entries)}</text>')
        top += row
    height = top + 8
    groups: defaultdict[str, int] = defaultdict(int)
    for partner in others:
        if partner.key not in fellows:
            groups[kind_group(partner)] += 1
    title = strings.get(lang, "network.title")
    drawn_fellows = sum(1 for p in others if p.key in fellows)
    description = strings.get(lang, "network.description.fellows" if drawn_fellows else "network.description").format(
        partners=counted(strings, lang, "figure.partners", len(others) - drawn_fellows),
        fellows=counted(strings, lang, "figure.fellows", drawn_fellows),
        countries=counted(strings, lang, "figure.countries", sum(1 for code in rows if code)),
        kinds=", ".join(f"{groups[g]} {strings.get(lang, f'network.kind.{g}').lower()}" for g in KIND_GROUPS if groups[g]),
        members=counted(strings, lang, "figure.memberships", sum(1 for p in others if p.key in members)),
    )
    return {
        "title": title,
        "description": description,
        "svg": _svg("network", _NW_WIDTH, height, title, description, parts),
        "legend": _legend(lang, strings, bool(drawn_fellows)),
    }


def _legend(lang: str, strings, fellows: bool = False) -> list[dict]:
    """The key, as HTML text with a small picture of each mark (so it wraps on a phone)."""
    ring = '<circle cx="14" cy="14" r="12.5" fill="none" stroke="#1d2530" stroke-width="2"/>'
    keys = [(_mark(group, 14, 14), strings.get(lang, f"network.kind.{group}")) for group in KIND_GROUPS]
    if fellows:
        keys.append((_mark("university", 14, 14, hollow=True), strings.get(lang, "network.fellow")))
    keys.append((ring, strings.get(lang, "network.member")))
    return [
        {"mark": f'<svg class="legend-mark" viewBox="0 0 28 28" width="20" height="20" aria-hidden="true">{mark}</svg>', "label": label}
        for mark, label in keys
    ]


def _wrap(text: str, most: int) -> list[str]:
    """A label cut into lines of at most `most` characters, between words ("Đặc khu Hành chính
    Hồng Kông, Trung Quốc" is 40); a single longer word keeps its line."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [text]


# --- shared pieces ---------------------------------------------------------------
def _mark(kind: str, x: float, y: float, hollow: bool = False) -> str:
    """Circle, diamond or square: the shape tells the kind apart without colour; a hollow
    mark is a fellow member of an alliance, not a partner."""
    colour = _COLOURS[kind]
    paint = f'fill="#fff" stroke="{colour}" stroke-width="2.5"' if hollow else f'fill="{colour}"'
    if kind in ("event", "university"):
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" {paint}/>'
    if kind in ("agreement", "group"):
        return f'<path d="M{x:.1f} {y - 10:.1f}l10 10-10 10-10-10z" {paint}/>'
    return f'<rect x="{x - 7.5:.1f}" y="{y - 7.5:.1f}" width="15" height="15" {paint}/>'


def _svg(name: str, width: int, height: float, title: str, description: str, parts: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-labelledby="{name}-title {name}-desc" class="figure-svg" fill="currentColor">'
        f'<title id="{name}-title">{escape(title)}</title><desc id="{name}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )

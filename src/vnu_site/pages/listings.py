"""The pages that list items: home, news pages, section indexes, tags and the archive.

Which pages exist and which items each lists is decided here, from the site's structure
(dates, tags, languages). What a listed item looks like is left to a `content` function
called later, so a page whose items did not change is never assembled again.
"""

from __future__ import annotations

import heapq
import operator
from collections import Counter, defaultdict
from functools import partial
from itertools import chain

from vnu_site.errors import Location
from vnu_site.model import Item, Site
from vnu_site.pages import figures, world_map
from vnu_site.pages.dates import newest
from vnu_site.pages.page import Page
from vnu_site.pages.views import Views
from vnu_site.site.urls import Urls
from vnu_site.sources import i18n
from vnu_site.sources.schema import GROUP_KINDS, PARTNER_KINDS

HOME_NEWS = 6
HOME_EVENTS = 3


def home_page(lang: str, site: Site, listed: dict, urls: Urls, views: Views) -> Page:
    return Page(
        urls.home(lang),
        "home.html",
        lang,
        ("home",),
        site.config.title[lang],
        partial(_home, lang, site, listed, views),
        description=site.config.description[lang],
        section="home",
    )


def news_pages(lang: str, site: Site, articles: list, urls: Urls, views: Views):
    per_page = site.config.per_page
    chunks = [articles[i : i + per_page] for i in range(0, len(articles), per_page)] or [[]]
    title = views.t(lang, "section.news")
    changed = newest(articles)  # every page of the list: a new article moves every later one
    for number, chunk in enumerate(chunks, start=1):
        pager = {
            "number": number,
            "count": len(chunks),
            "newer": urls.href(urls.section(lang, "news", number - 1)) if number > 1 else "",
            "older": urls.href(urls.section(lang, "news", number + 1)) if number < len(chunks) else "",
        }
        page_title = title if number == 1 else f"{title} – {views.t(lang, 'pager.page')} {number}"
        yield Page(
            urls.section(lang, "news", number),
            "news.html",
            lang,
            ("section", "news", number),
            page_title,
            partial(_cards_with, views, chunk, lang, {"pager": pager}),
            section="news",
            description=views.t(lang, "section.news.description"),
            lastmod=changed,
        )


def section_page(kind: str, template: str, lang: str, site: Site, items: list, urls: Urls, views: Views) -> Page:
    section = {"partner": "partners", "event": "events", "agreement": "agreements"}[kind]
    return Page(
        urls.section(lang, section),
        template,
        lang,
        ("section", section),
        views.t(lang, f"section.{section}"),
        partial(_index_data, kind, lang, site, items, views),
        section=section,
        description=views.t(lang, f"section.{section}.description"),
    )


def article_extras(index: int, articles: list[Item], lang: str, site: Site, views: Views, position: dict) -> dict:
    """Older/newer neighbours and related stories (most partners in common) of an article."""
    item = articles[index]  # the list is newest first
    newer = articles[index - 1] if index > 0 else None
    older = articles[index + 1] if index + 1 < len(articles) else None
    partners = item.facts.get("partners", ())
    shared = Counter(chain.from_iterable(site.backlinks.get(("partner", key), {}).get("articles", ()) for key in partners))
    shared.pop(item.ref, None)
    # Every article of a partner is counted for each of its articles (thousands at a big
    # partner): the four with most in common, then the newest, picked without a Python call
    # per candidate (positions are unique, so refs are never compared).
    ranked = zip(map(operator.neg, shared.values()), map(position.__getitem__, shared.keys()), shared.keys(), strict=True)
    related = [ref for _count, _position, ref in heapq.nsmallest(4, ranked)]
    return {
        "newer": views.card(newer, lang) if newer else None,
        "older": views.card(older, lang) if older else None,
        "related_articles": views.cards(related, lang),
    }


def belongs_to(site: Site, partners) -> list[Item]:
    """Alliances and networks the publishing university is part of."""
    publisher = site.config.publisher
    return [
        p
        for p in partners
        if p.facts.get("kind") in GROUP_KINDS and ("joined" in p.facts or (publisher and publisher in p.facts.get("members", ())))
    ]


# What ties a body to the university besides sharing an alliance with it.
_DIRECT = ("agreements", "events", "initiated", "secretariat_of")


def fellow_members(site: Site, partners) -> list[Item]:
    """Bodies named only as fellow members of alliances the university belongs to: not its
    partners (no agreement, event or role of theirs involves it), so not counted as such."""
    groups = belongs_to(site, partners)
    named = {key for group in groups for key in group.facts.get("members", ())}
    return [
        p
        for p in partners
        if p.key in named
        and p.key != site.config.publisher
        and p.facts.get("kind") not in GROUP_KINDS
        and not any(site.backlinks.get(p.ref, {}).get(relation) for relation in _DIRECT)
    ]


def tag_pages(lang: str, site: Site, articles, urls: Urls, views: Views):
    tagged: dict[str, list] = defaultdict(list)
    for article in articles:
        for key in article.facts.get("tags", ()):
            tagged[key].append(article)
    keys = sorted(tagged, key=lambda k: i18n.collation_key(site.tags[k][lang], lang))
    section_title = views.t(lang, "section.tags")
    entries = [
        {"label": site.tags[k][lang], "href": urls.href(urls.tag(lang, site.tags[k][lang], k)), "count": len(tagged[k])} for k in keys
    ]
    yield Page(
        urls.section(lang, "tags"),
        "tags.html",
        lang,
        ("section", "tags"),
        section_title,
        partial(dict, tags=entries),
        section="news",
        description=views.t(lang, "section.tags.description"),
    )
    for key in keys:
        label = site.tags[key][lang]
        yield Page(
            urls.tag(lang, label, key),
            "tag.html",
            lang,
            ("tag", key),
            label,
            partial(_cards_with, views, tagged[key], lang, {"label": label}),
            section="news",
            source=Location("content/tags.yaml"),
            crumbs=((section_title, urls.section(lang, "tags")),),
            description=views.t(lang, "tag.description").format(tag=label),
            lastmod=newest(tagged[key]),
        )


def archive_pages(lang: str, site: Site, listed: dict, urls: Urls, views: Views):
    years: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for kind in ("article", "event", "agreement"):
        for item in listed[kind]:
            years[item.date().year][kind].append(item)
    section_title = views.t(lang, "section.archive")
    summary = [
        {"year": y, "href": urls.href(urls.year(lang, y)), **{kind: len(years[y][kind]) for kind in ("article", "event", "agreement")}}
        for y in sorted(years, reverse=True)
    ]
    yield Page(
        urls.section(lang, "archive"),
        "archive.html",
        lang,
        ("section", "archive"),
        section_title,
        partial(_archive, lang, site, summary, urls, views),
        section="news",
        description=views.t(lang, "section.archive.description"),
    )
    for year in sorted(years, reverse=True):
        yield Page(
            urls.year(lang, year),
            "year.html",
            lang,
            ("year", year),
            f"{section_title} {year}",
            partial(_year, year, years[year], lang, views),
            section="news",
            crumbs=((section_title, urls.section(lang, "archive")),),
            description=views.t(lang, "year.description").format(year=year),
        )


# --- content functions: called only when the page is assembled -----------------------


def _cards_with(views: Views, items: list, lang: str, extra: dict) -> dict:
    return {"items": [views.card(item, lang) for item in items], **extra}


def _home(lang, site: Site, listed, views: Views) -> dict:
    today = site.build_date
    upcoming = [e for e in reversed(listed["event"]) if e.facts["start"].as_date() >= today][:HOME_EVENTS]
    recent = [e for e in listed["event"] if e.facts["start"].as_date() < today][:HOME_EVENTS]
    return {
        "news": [views.card(item, lang) for item in listed["article"][:HOME_NEWS]],
        "upcoming": [views.card(item, lang) for item in upcoming],
        "recent": [views.card(item, lang) for item in recent],
        "alliances": [views.card(item, lang) for item in _collated(belongs_to(site, listed["partner"]), lang)],
        "glance": figures.glance(
            site, lang, listed["partner"], belongs_to(site, listed["partner"]), fellow_members(site, listed["partner"]), views.strings
        ),
        "timeline": figures.timeline(site, lang, views.strings, views.urls),
    }


def _archive(lang, site: Site, summary: list, urls: Urls, views: Views) -> dict:
    return {"years": summary, "timeline": figures.timeline(site, lang, views.strings, urls)}


def _year(year: int, by_kind: dict, lang: str, views: Views) -> dict:
    return {"year": year, **{kind: [views.card(i, lang) for i in by_kind[kind]] for kind in ("article", "event", "agreement")}}


def _collated(items, lang):
    return sorted(items, key=lambda item: (i18n.collation_key(item.texts[lang].title, lang), item.key))


def _index_data(kind, lang, site: Site, items, views: Views) -> dict:
    if kind == "partner":
        members = {p.key for p in belongs_to(site, items)}
        fellows = {p.key for p in fellow_members(site, items)}
        return {
            "groups": _partner_groups(lang, site, items, fellows, views),
            "network": figures.network(site, lang, items, members, fellows, views.strings),
            "world_map": world_map.world_map(site, lang, items, fellows, views.strings, views.urls),
        }
    if kind == "event":
        today = site.build_date
        upcoming = [views.card(e, lang) for e in reversed(items) if e.facts["start"].as_date() >= today]
        past = [e for e in items if e.facts["start"].as_date() < today]
        return {"upcoming": upcoming, "years": _by_year(past, lang, views)}
    return {"years": _by_year(items, lang, views)}


def _partner_groups(lang, site: Site, items, fellows: set, views: Views) -> list[dict]:
    """Partners grouped by kind (in the schema's order), then by country name; then the
    bodies whose kind the sources do not state, and the fellow members of the university's
    alliances (not its partners). The university itself is not among them."""
    items = [p for p in items if p.key != site.config.publisher]
    fellow = [p for p in items if p.key in fellows]
    unstated = [p for p in items if p.facts.get("kind_inferred") and p.key not in fellows]
    known = [p for p in items if p.key not in fellows and not p.facts.get("kind_inferred")]
    sets = [(f"kind.partner.{kind}.plural", [p for p in known if p.facts.get("kind") == kind]) for kind in PARTNER_KINDS]
    sets += [("partners.kind_unstated", unstated), ("partners.fellow_members", fellow)]
    groups = []
    for label, members in sets:
        if not members:
            continue
        by_country: dict[str, list] = defaultdict(list)
        for partner in members:
            code = partner.facts.get("country")
            by_country[i18n.country_name(code, lang) if code else ""].append(partner)
        countries = sorted(by_country, key=lambda name: (name != "", i18n.collation_key(name, lang)))
        groups.append(
            {
                "label": views.t(lang, label),
                "countries": [
                    {
                        "name": name or views.t(lang, "partners.international"),
                        "entries": [views.card(p, lang) for p in _collated(by_country[name], lang)],
                    }
                    for name in countries
                ],
            }
        )
    return groups


def _by_year(items, lang, views: Views) -> list[dict]:
    years: dict[int, list] = defaultdict(list)
    for item in items:
        years[item.date().year].append(item)
    return [{"year": year, "entries": [views.card(i, lang) for i in years[year]]} for year in sorted(years, reverse=True)]

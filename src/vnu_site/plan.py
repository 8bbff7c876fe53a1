"""Site -> the list of pages: each with its path, template and everything it shows.

Pages that are the same thing in two languages share an identity; that is what the
language switcher, hreflang links and the sitemap follow. Two pages wanting one path
is an error reported here, naming both sources.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import figures, i18n, service_pages
from .editor_pages import editor_pages
from .errors import Location, Problems
from .head import head_extras, site_links
from .model import SECTION_OF, Item, Site
from .schema import GROUP_KINDS, PARTNER_KINDS
from .urls import Urls
from .views import Views

HOME_NEWS = 6
HOME_EVENTS = 3


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    lang: str
    identity: tuple
    title: str
    data: dict
    source: Location | None = None  # where the page comes from, for collision messages
    description: str = ""
    section: str = ""  # which nav entry is current
    crumbs: tuple = ()  # ((title, path), ...) between home and this page
    public: bool = True  # False: for editors or old URLs; kept out of nav, sitemap, search and feeds


def plan(site: Site, strings, problems: Problems) -> list[dict]:
    """Every page's template and context, sorted by path."""
    urls = Urls(site.config)
    views = Views(site, urls, strings)
    pages: list[Page] = []
    for lang in site.config.languages:
        pages.extend(_pages_for(lang, site, urls, views))
    pages.extend(Page(**page) for page in editor_pages(site, urls, strings))
    pages = _without_collisions(pages, problems)
    by_identity: dict[tuple, dict[str, Page]] = defaultdict(dict)
    for page in pages:
        by_identity[page.identity][page.lang] = page
    ui = {lang: dict(sorted((key, texts[lang]) for key, texts in strings.table.items())) for lang in site.config.languages}
    return [_context(page, by_identity[page.identity], site, urls, views, ui[page.lang]) for page in sorted(pages, key=lambda p: p.path)]


def _pages_for(lang: str, site: Site, urls: Urls, views: Views):
    t = views.t
    listed = {kind: [item for item in site.by_kind[kind] if lang in item.texts] for kind in site.by_kind}
    yield Page(
        urls.home(lang),
        "home.html",
        lang,
        ("home",),
        site.config.title[lang],
        _home(lang, site, listed, views),
        description=site.config.description[lang],
        section="home",
    )
    yield from _news_pages(lang, site, listed["article"], urls, views)
    position = {item.ref: index for index, item in enumerate(site.by_kind["article"])}
    for index, item in enumerate(listed["article"]):
        yield _item_page(item, lang, urls, views, _article_extras(index, listed["article"], lang, site, views, position))
    for kind, template in (("partner", "partners.html"), ("event", "events.html"), ("agreement", "agreements.html")):
        section = SECTION_OF[kind]
        yield Page(
            urls.section(lang, section),
            template,
            lang,
            ("section", section),
            t(lang, f"section.{section}"),
            _index_data(kind, lang, site, listed[kind], views),
            section=section,
            description=t(lang, f"section.{section}.description"),
        )
        for item in listed[kind]:
            yield _item_page(item, lang, urls, views, {})
    yield from _tag_pages(lang, site, listed["article"], urls, views)
    yield from _archive_pages(lang, listed, urls, views)
    yield Page(**service_pages.search_page(lang, site, urls, views.strings))
    yield Page(**service_pages.not_found_page(lang, site, urls, views.strings))


def _item_page(item: Item, lang: str, urls: Urls, views: Views, extras: dict) -> Page:
    text = item.texts[lang]
    section = SECTION_OF[item.kind]
    data = {"item": views.detail(item, lang), **extras}
    return Page(
        urls.item(item, lang),
        f"{item.kind}.html",
        lang,
        ("item", item.kind, item.key),
        text.title,
        data,
        source=Location(text.path, 1),
        description=text.summary,
        section=section,
        crumbs=((views.t(lang, f"section.{section}"), urls.section(lang, section)),),
    )


def _article_extras(index: int, articles: list[Item], lang: str, site: Site, views: Views, position: dict) -> dict:
    item = articles[index]  # the list is newest first
    newer = articles[index - 1] if index > 0 else None
    older = articles[index + 1] if index + 1 < len(articles) else None
    shared: dict[tuple, int] = defaultdict(int)
    for key in item.facts.get("partners", ()):
        for ref in site.backlinks.get(("partner", key), {}).get("articles", ()):
            if ref != item.ref:
                shared[ref] += 1
    related = sorted(shared, key=lambda ref: (-shared[ref], position[ref]))[:4]
    return {
        "newer": views.card(newer, lang) if newer else None,
        "older": views.card(older, lang) if older else None,
        "related_articles": views.cards(related, lang),
    }


def _news_pages(lang, site, articles, urls, views):
    per_page = site.config.per_page
    chunks = [articles[i : i + per_page] for i in range(0, len(articles), per_page)] or [[]]
    title = views.t(lang, "section.news")
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
            {"items": [views.card(item, lang) for item in chunk], "pager": pager},
            section="news",
            description=views.t(lang, "section.news.description"),
        )


def _home(lang, site: Site, listed, views: Views) -> dict:
    today = site.build_date
    upcoming = [e for e in reversed(listed["event"]) if e.facts["start"].as_date() >= today][:HOME_EVENTS]
    recent = [e for e in listed["event"] if e.facts["start"].as_date() < today][:HOME_EVENTS]
    return {
        "news": [views.card(item, lang) for item in listed["article"][:HOME_NEWS]],
        "upcoming": [views.card(item, lang) for item in upcoming],
        "recent": [views.card(item, lang) for item in recent],
        "alliances": [views.card(item, lang) for item in _collated(belongs_to(site, listed["partner"]), lang)],
        "glance": figures.glance(site, lang, listed["partner"], belongs_to(site, listed["partner"]), views.strings),
        "timeline": figures.timeline(site, lang, views.strings, views.urls),
    }


def belongs_to(site: Site, partners) -> list[Item]:
    """Alliances and networks the publishing university is part of."""
    publisher = site.config.publisher
    return [
        p
        for p in partners
        if p.facts.get("kind") in GROUP_KINDS and ("joined" in p.facts or (publisher and publisher in p.facts.get("members", ())))
    ]


def _collated(items, lang):
    return sorted(items, key=lambda item: (i18n.collation_key(item.texts[lang].title, lang), item.key))


def _index_data(kind, lang, site: Site, items, views: Views) -> dict:
    if kind == "partner":
        members = {p.key for p in belongs_to(site, items)}
        return {"groups": _partner_groups(lang, items, views), "network": figures.network(site, lang, items, members, views.strings)}
    if kind == "event":
        today = site.build_date
        upcoming = [views.card(e, lang) for e in reversed(items) if e.facts["start"].as_date() >= today]
        past = [e for e in items if e.facts["start"].as_date() < today]
        return {"upcoming": upcoming, "years": _by_year(past, lang, views)}
    return {"years": _by_year(items, lang, views)}


def _partner_groups(lang, items, views: Views) -> list[dict]:
    """Partners grouped by kind (in the schema's order), then by country name."""
    groups = []
    for kind in PARTNER_KINDS:
        members = [p for p in items if p.facts.get("kind") == kind]
        if not members:
            continue
        by_country: dict[str, list] = defaultdict(list)
        for partner in members:
            code = partner.facts.get("country")
            by_country[i18n.country_name(code, lang) if code else ""].append(partner)
        countries = sorted(by_country, key=lambda name: (name != "", i18n.collation_key(name, lang)))
        groups.append(
            {
                "label": views.t(lang, f"kind.partner.{kind}.plural"),
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


def _tag_pages(lang, site: Site, articles, urls: Urls, views: Views):
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
        {"tags": entries},
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
            {"items": [views.card(a, lang) for a in tagged[key]], "label": label},
            section="news",
            source=Location("content/tags.yaml"),
            crumbs=((section_title, urls.section(lang, "tags")),),
            description=views.t(lang, "tag.description").format(tag=label),
        )


def _archive_pages(lang, listed, urls: Urls, views: Views):
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
        {"years": summary, "timeline": figures.timeline(views.site, lang, views.strings, urls)},
        section="news",
        description=views.t(lang, "section.archive.description"),
    )
    for year in sorted(years, reverse=True):
        data = {"year": year, **{kind: [views.card(i, lang) for i in years[year][kind]] for kind in ("article", "event", "agreement")}}
        yield Page(
            urls.year(lang, year),
            "year.html",
            lang,
            ("year", year),
            f"{section_title} {year}",
            data,
            section="news",
            crumbs=((section_title, urls.section(lang, "archive")),),
            description=views.t(lang, "year.description").format(year=year),
        )


def _without_collisions(pages: list[Page], problems: Problems) -> list[Page]:
    owner: dict[str, Page] = {}
    kept = []
    for page in pages:
        first = owner.get(page.path)
        if first is None:
            owner[page.path] = page
            kept.append(page)
            continue
        where = page.source or Location("content")
        other = first.source or "a section page"
        problems.error(where, f"produces the same URL {page.path} as {other}; give one of them a different 'slug'")
    return kept


def _context(page: Page, translations: dict, site: Site, urls: Urls, views: Views, ui: dict) -> dict:
    lang = page.lang
    config = site.config
    other_langs = [other for other in config.languages if other != lang]
    switch = []
    for other in other_langs:
        counterpart = translations.get(other)
        if counterpart:
            switch.append(
                {
                    "lang": other,
                    "href": urls.href(counterpart.path),
                    "missing": False,
                    "label": views.t(other, "language.name"),
                    "title": counterpart.title,
                }
            )
        else:
            fallback = _fallback(page, other, translations, urls, views)
            switch.append(
                {
                    "lang": other,
                    "href": urls.href(fallback[0]),
                    "missing": True,
                    "label": views.t(other, "language.name"),
                    "title": fallback[1],
                }
            )
    alternates = [{"lang": other, "url": urls.absolute(translations[other].path)} for other in config.languages if other in translations]
    default = translations.get(config.default_language) or translations[sorted(translations)[0]]
    nav = [
        {
            "title": views.t(lang, f"nav.{key}"),
            "href": urls.href(urls.home(lang) if key == "home" else urls.section(lang, key)),
            "current": page.section == key,
        }
        for key in ("home", "news", "partners", "events", "agreements")
    ]
    crumbs = [{"title": views.t(lang, "nav.home"), "href": urls.href(urls.home(lang))}]
    crumbs += [{"title": title, "href": urls.href(path)} for title, path in page.crumbs]
    return {
        "path": page.path,
        "template": page.template,
        "public": page.public,
        "context": {
            "page": {
                "lang": lang,
                "title": page.title,
                "description": page.description or config.description[lang],
                "canonical": urls.absolute(page.path),
                "alternates": alternates,
                "x_default": urls.absolute(default.path),
                "switch": switch,
                "nav": nav,
                "crumbs": crumbs if page.identity != ("home",) else [],
                "is_home": page.identity == ("home",),
                **head_extras(page, translations, site, urls, views.strings),
            },
            "site": {
                "title": config.title[lang],
                "description": config.description[lang],
                "home": urls.href(urls.home(lang)),
                "tags": urls.href(urls.section(lang, "tags")),
                "archive": urls.href(urls.section(lang, "archive")),
                "css": urls.href(urls.asset("style.css")),
                **site_links(lang, urls),
            },
            "t": ui,
            **page.data,
        },
    }


def _fallback(page: Page, lang: str, translations, urls: Urls, views: Views) -> tuple[str, str]:
    """(path, title) the switcher goes to when this page has no counterpart in `lang`:
    the other language's index of the same section."""
    kind = page.identity[0]
    if kind == "item":
        section = SECTION_OF[page.identity[1]]
    elif kind == "tag":
        section = "tags"
    elif kind == "year":
        section = "archive"
    elif page.identity[:2] == ("section", "news"):
        section = "news"
    else:
        return urls.home(lang), views.t(lang, "nav.home")
    return urls.section(lang, section), views.t(lang, f"section.{section}")

"""The per-page additions to <head> and to the page's search metadata, in one call from plan:
feeds, Open Graph, the X (Twitter) card, JSON-LD, what the search index records, and whether
search engines should skip the page (404 and editors' pages)."""

from __future__ import annotations

from vnu_site.io.deps import shown_item
from vnu_site.model import Site, SiteConfig
from vnu_site.pages import search_data, structured
from vnu_site.site.urls import Urls


def head_extras(page, translations: dict, site: Site, urls: Urls, strings, search: bool = True) -> dict:
    """search: False when no index is built, so pages carry nothing only the indexer reads."""
    machine = structured.head(page, translations, site, urls)
    return {
        "feeds": feed_links(page.identity, page.lang, site, urls, page.title),
        "og": machine["og"],
        "twitter": twitter_card(machine["og"]),
        "jsonld": machine["jsonld"],
        "search": search_data.page_data(page.identity, page.lang, site, strings) if search else None,
        "noindex": not page.public,
    }


def twitter_card(og: list) -> list[list[str]]:
    """The card X (Twitter) shows for a link: a large picture when the page has one (its
    og:image), else the summary card. Its title, description and image are read from the
    Open Graph tags, so they are not repeated as twitter:* tags."""
    large = any(name == "og:image" for name, _ in og)
    return [["twitter:card", "summary_large_image" if large else "summary"]]


def site_links(lang: str, urls: Urls) -> dict:
    """Links every page's header and scripts need."""
    return {
        "search": urls.href(urls.section(lang, "search")),
        "search_bundle": urls.href(urls.search_bundle()),
        "search_js": urls.href(urls.asset("search.js")),
        "icon": urls.href(urls.asset("favicon.svg")),
        "base_path": urls.href("/"),
        "feed": urls.href(urls.feed(lang)),
        "calendar": urls.href(urls.calendar(lang)),
    }


def site_look(config: SiteConfig, urls: Urls) -> dict:
    """site.yaml's theme: its colours as CSS for a <style> in the head (checked colours
    only, see sources/site_theme.py; "" when it sets none) and its logo."""
    style = ":root{" + ";".join(f"--{name}:{value}" for name, value in config.colors.items()) + "}" if config.colors else ""
    logo = config.logo
    shown = (
        {"src": urls.href(urls.asset(logo.file)), "width": logo.width, "height": logo.height, "with_title": logo.with_title}
        if logo
        else None
    )
    return {"style": style, "logo": shown}


def feed_links(identity: tuple, lang: str, site: Site, urls: Urls, title: str) -> list[dict]:
    """<link rel=alternate> entries for a page's head: the language feed (Atom, then JSON Feed),
    and the partner's own (Atom)."""
    links = [
        {"title": f"{site.config.title[lang]} (Atom)", "href": urls.href(urls.feed(lang)), "type": "application/atom+xml"},
        {"title": f"{site.config.title[lang]} (JSON Feed)", "href": urls.href(urls.json_feed(lang)), "type": "application/feed+json"},
    ]
    if identity[:2] == ("item", "partner"):
        partner = shown_item(site, identity[1:])
        links.append({"title": f"{title} (Atom)", "href": urls.href(urls.item_feed(partner, lang)), "type": "application/atom+xml"})
    return links

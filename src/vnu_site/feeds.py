"""Atom feeds: one per language (the news) and one per partner (everything about it).

Feeds follow the one-language policy of the site: a feed in a language lists only items
that exist in that language, and an entry names its translation when there is one.
Links inside entry bodies are made absolute, since feed readers show them out of context.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import markup
from .model import Item, PartialDate, Site
from .urls import Urls

ATOM = "http://www.w3.org/2005/Atom"
LANGUAGE_FEED_ENTRIES = 50
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src))="/(?!/)')


def atom_time(date: PartialDate) -> str:
    """RFC 3339 time of a (possibly month-only) date, at midnight UTC."""
    return date.as_date().isoformat() + "T00:00:00Z"


def feed_links(identity: tuple, lang: str, site: Site, urls: Urls, title: str) -> list[dict]:
    """<link rel=alternate> entries for a page's head: the language feed, and the partner's own."""
    links = [{"title": f"{site.config.title[lang]} (Atom)", "href": urls.href(urls.feed(lang)), "type": "application/atom+xml"}]
    if identity[:2] == ("item", "partner"):
        partner = site.get(identity[1:])
        links.append({"title": f"{title} (Atom)", "href": urls.href(urls.item_feed(partner, lang)), "type": "application/atom+xml"})
    return links


def feeds(site, strings, pages, env, options, problems) -> dict[str, bytes]:
    """Producer: /<lang>/feed.xml and <partner page>/feed.xml for every partner."""
    urls = Urls(site.config)
    files = {}
    for lang in site.config.languages:
        articles = [a for a in site.by_kind["article"] if lang in a.texts][:LANGUAGE_FEED_ENTRIES]
        files[urls.feed(lang)[1:]] = _feed(
            site, urls, lang, site.config.title[lang], site.config.description[lang], urls.feed(lang), urls.home(lang), articles, strings
        )
        for partner in site.by_kind["partner"]:
            if lang not in partner.texts:
                continue
            refs = [
                ref for relation in ("articles", "events", "agreements") for ref in site.backlinks.get(partner.ref, {}).get(relation, ())
            ]
            items = [item for item in (site.get(ref) for ref in refs) if item is not None and lang in item.texts]
            items.sort(key=lambda item: (item.date(), item.kind, item.key), reverse=True)
            text = partner.texts[lang]
            title = f"{text.title} – {site.config.title[lang]}"
            subtitle = strings.get(lang, "feed.partner").format(partner=text.title)
            path = urls.item_feed(partner, lang)
            files[path[1:]] = _feed(site, urls, lang, title, subtitle, path, urls.item(partner, lang), items, strings)
    return files


def _feed(site: Site, urls: Urls, lang: str, title: str, subtitle: str, path: str, page: str, items: list[Item], strings) -> bytes:
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": lang})
    _text(feed, "title", title)
    _text(feed, "subtitle", subtitle)
    _text(feed, "id", urls.absolute(path))
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": urls.absolute(path)})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": urls.absolute(page)})
    dates = [item.date() for item in items if item.date()]
    _text(feed, "updated", atom_time(max(dates)) if dates else site.build_date.isoformat() + "T00:00:00Z")
    author = ET.SubElement(feed, "author")
    _text(author, "name", site.config.title[lang])
    _text(feed, "generator", "vnu-site")
    for item in items:
        feed.append(_entry(item, lang, site, urls, strings))
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def _entry(item: Item, lang: str, site: Site, urls: Urls, strings) -> ET.Element:
    text = item.texts[lang]
    url = urls.absolute(urls.item(item, lang))
    entry = ET.Element("entry")
    _text(entry, "title", text.title)
    _text(entry, "id", url)
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
    for other in site.config.languages:
        if other != lang and other in item.texts:
            ET.SubElement(
                entry, "link", {"rel": "alternate", "type": "text/html", "hreflang": other, "href": urls.absolute(urls.item(item, other))}
            )
    when = atom_time(item.date()) if item.date() else site.build_date.isoformat() + "T00:00:00Z"
    _text(entry, "published", when)
    _text(entry, "updated", when)
    if text.values.get("author"):
        author = ET.SubElement(entry, "author")
        _text(author, "name", text.values["author"])
    kind = item.facts.get("kind")
    label = strings.get(lang, f"kind.{item.kind}.{kind}" if kind else f"kind.{item.kind}")
    ET.SubElement(entry, "category", {"term": item.kind if not kind else f"{item.kind}/{kind}", "label": label})
    for tag in item.facts.get("tags", ()):
        if tag in site.tags:
            ET.SubElement(entry, "category", {"term": tag, "label": site.tags[tag][lang]})
    if text.summary:
        _text(entry, "summary", text.summary)
    if text.body_html:
        body = ET.SubElement(entry, "content", {"type": "html"})
        body.text = absolute_links(_item_links(text.body_html, lang, site, urls), urls)
    return entry


def absolute_links(html: str, urls: Urls) -> str:
    """Root-relative href/src values (what the site's own links are) made absolute."""
    base = urls.absolute("/")
    if base.startswith("/"):
        return html
    return _ROOT_RELATIVE.sub(lambda m: f'{m.group(1)}="{base}', html)


def _item_links(html: str, lang: str, site: Site, urls: Urls) -> str:
    """href="partner:KEY" links resolved to pages, as views.body does for the page itself."""

    def href_for(kind: str, key: str) -> str:
        target = site.get((kind, key))
        if target is None:
            return "#"
        target_lang = lang if lang in target.texts else sorted(target.texts)[0]
        return urls.href(urls.item(target, target_lang))

    return markup.link_items(html, href_for)


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = value
    return element

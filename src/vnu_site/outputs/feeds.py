"""Atom feeds: one per language (the news) and one per partner (everything about it); the
language feeds also as JSON Feed 1.1 (/<lang>/feed.json).

JSON Feed is plain JSON with a published schema (jsonfeed.org/version/1.1), so json.dumps
writes it from the same data as the Atom feed: no library is needed. feedgen, the one
well-kept PyPI feed writer, writes RSS and Atom, and RSS 2.0 would add a third format that
says less than Atom (no language per entry, no translations, no updated time) for readers
that all read Atom. The JSON feed is for readers and scripts that prefer JSON; partner feeds
stay Atom only (one per partner and language: hundreds of files for little use).

Feeds follow the one-language policy of the site: a feed in a language lists only items
that exist in that language, and an entry names its translation when there is one.
Links inside entry bodies are made absolute, since feed readers show them out of context.
"""

from __future__ import annotations

import json
import re
from functools import partial

from vnu_site.io.deps import touch
from vnu_site.io.write import Lazy
from vnu_site.model import Item, PartialDate, Site
from vnu_site.pages.views import resolved_body
from vnu_site.site.urls import Urls

ATOM = "http://www.w3.org/2005/Atom"
LANGUAGE_FEED_ENTRIES = 50
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src))="/(?!/)')


def atom_time(date: PartialDate) -> str:
    """RFC 3339 time of a (possibly month-only) date, at midnight UTC."""
    return date.as_date().isoformat() + "T00:00:00Z"


def modified(item: Item) -> PartialDate | None:
    """When an item last changed, as far as its file says: an article's `updated`, else its date."""
    return item.facts.get("updated") or item.date()


def feeds(site, strings, pages, env, options, problems) -> dict:
    """Producer: /<lang>/feed.xml and <partner page>/feed.xml for every partner. Each feed
    is described as plain data first and written only if that changed (write.Lazy)."""
    urls = Urls(site.config)
    files = {}
    for lang in site.config.languages:
        articles = [a for a in site.by_kind["article"] if lang in a.texts][:LANGUAGE_FEED_ENTRIES]
        title, subtitle = site.config.title[lang], site.config.description[lang]
        describe = partial(_feed_data, site, urls, lang, title, subtitle, urls.feed(lang), urls.home(lang), articles, strings)
        files[urls.feed(lang)[1:]] = Lazy(describe, _feed_xml)
        files[urls.json_feed(lang)[1:]] = Lazy(partial(_json_feed_data, describe, urls.absolute(urls.json_feed(lang))), json_feed)
        for partner in site.by_kind["partner"]:
            if lang in partner.texts:
                files[urls.item_feed(partner, lang)[1:]] = Lazy(partial(_partner_feed, partner, lang, site, urls, strings), _feed_xml)
    return files


def _partner_feed(partner: Item, lang: str, site: Site, urls: Urls, strings) -> dict:
    """Everything about one partner, newest first. Summaries only: a partner feed says what
    is new about it; the language feed carries the full text."""
    touch(partner.ref, lang)
    refs = [ref for relation in ("articles", "events", "agreements") for ref in site.backlinks.get(partner.ref, {}).get(relation, ())]
    items = [item for item in (site.get(ref) for ref in refs) if item is not None and lang in item.texts]
    items.sort(key=lambda item: (item.date(), item.kind, item.key), reverse=True)
    text = partner.texts[lang]
    title = f"{text.title} – {site.config.title[lang]}"
    subtitle = strings.get(lang, "feed.partner").format(partner=text.title)
    path = urls.item_feed(partner, lang)
    return _feed_data(site, urls, lang, title, subtitle, path, urls.item(partner, lang), items, strings, full=False)


def _feed_data(
    site: Site, urls: Urls, lang: str, title: str, subtitle: str, path: str, page: str, items: list[Item], strings, full: bool = True
) -> dict:
    """Everything a feed says, as plain data."""
    dates = [date for item in items if (date := modified(item))]
    return {
        "lang": lang,
        "title": title,
        "subtitle": subtitle,
        "id": urls.absolute(path),
        "page": urls.absolute(page),
        "updated": atom_time(max(dates)) if dates else site.build_date.isoformat() + "T00:00:00Z",
        "author": site.config.title[lang],
        "entries": [_entry_data(item, lang, site, urls, strings, full) for item in items],
    }


def _feed_xml(feed: dict) -> bytes:
    """The Atom document, written as text: four times faster than ElementTree, which took
    most of a clean build's second spent on 400 feeds. Same bytes as ET.indent would give."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang="{xml_attr(feed["lang"])}">',
        _element(1, "title", feed["title"]),
        _element(1, "subtitle", feed["subtitle"]),
        _element(1, "id", feed["id"]),
        _empty(1, "link", rel="self", type="application/atom+xml", href=feed["id"]),
        _empty(1, "link", rel="alternate", type="text/html", href=feed["page"]),
        _element(1, "updated", feed["updated"]),
        "  <author>",
        _element(2, "name", feed["author"]),
        "  </author>",
        _element(1, "generator", "vnu-site"),
    ]
    for entry in feed["entries"]:
        lines.extend(_entry_lines(entry))
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _entry_lines(data: dict) -> list[str]:
    lines = [
        "  <entry>",
        _element(2, "title", data["title"]),
        _element(2, "id", data["url"]),
        _empty(2, "link", rel="alternate", type="text/html", href=data["url"]),
    ]
    lines += [_empty(2, "link", rel="alternate", type="text/html", hreflang=other, href=url) for other, url in data["translations"]]
    if data["published"]:
        lines.append(_element(2, "published", data["when"]))
    lines.append(_element(2, "updated", data["modified"]))
    if data["author"]:
        lines += ["    <author>", _element(3, "name", data["author"]), "    </author>"]
    lines += [_empty(2, "category", term=term, label=label) for term, label in data["categories"]]
    if data["summary"]:
        lines.append(_element(2, "summary", data["summary"]))
    if data["content"]:
        lines.append(f'    <content type="html">{xml_text(data["content"])}</content>')
    lines.append("  </entry>")
    return lines


def _element(depth: int, tag: str, text: str) -> str:
    indent = "  " * depth
    return f"{indent}<{tag}>{xml_text(text)}</{tag}>" if text else f"{indent}<{tag} />"


def _empty(depth: int, tag: str, **attributes: str) -> str:
    pairs = " ".join(f'{name}="{xml_attr(value)}"' for name, value in attributes.items())
    return f"{'  ' * depth}<{tag} {pairs} />"


def xml_text(text: str) -> str:
    """Character data, escaped as ElementTree does (the feeds were written with it first)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    """An attribute value, escaped as ElementTree does."""
    return xml_text(text).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _entry_data(item: Item, lang: str, site: Site, urls: Urls, strings, full: bool = True) -> dict:
    for shown in item.texts:
        touch(item.ref, shown)  # its own language, and the URLs of its translations
    text = item.texts[lang]
    kind = item.facts.get("kind")
    date = item.date()
    when = atom_time(date) if date else site.build_date.isoformat() + "T00:00:00Z"
    updated = item.facts.get("updated")
    others = [other for other in site.config.languages if other != lang and other in item.texts]
    label = strings.get(lang, f"kind.{item.kind}.{kind}" if kind else f"kind.{item.kind}")
    tags = [(tag, site.tags[tag][lang]) for tag in item.facts.get("tags", ()) if tag in site.tags]
    return {
        "title": text.title,
        "url": urls.absolute(urls.item(item, lang)),
        "translations": [(other, urls.absolute(urls.item(item, other))) for other in others],
        "when": when,
        "modified": atom_time(updated) if updated else when,
        # An undated source's story has the events' date: no publication date is claimed (Atom
        # requires only <updated>).
        "published": not item.facts.get("undated_source"),
        "author": text.values.get("author", ""),
        "categories": [(f"{item.kind}/{kind}" if kind else item.kind, label), *tags],
        "tags": [label for _, label in tags],
        "summary": text.summary,
        "content": absolute_links(resolved_body(item, lang, site, urls, strings), urls) if full and text.body_html else "",
    }


def _json_feed_data(describe, feed_url: str) -> dict:
    return {**describe(), "feed_url": feed_url}


def json_feed(feed: dict) -> bytes:
    """The JSON Feed 1.1 document (https://jsonfeed.org/version/1.1): the same entries as the
    Atom feed. An undated source's story has no date_published (the date is the events'), as
    in Atom; an entry without a body gives its summary as content_text (one of the two is
    required)."""
    items = []
    for entry in feed["entries"]:
        item = {"id": entry["url"], "url": entry["url"], "title": entry["title"]}
        if entry["content"]:
            item["content_html"] = entry["content"]
        else:
            item["content_text"] = entry["summary"] or entry["title"]
        if entry["summary"]:
            item["summary"] = entry["summary"]
        if entry["published"]:
            item["date_published"] = entry["when"]
        item["date_modified"] = entry["modified"]
        if entry["author"]:
            item["authors"] = [{"name": entry["author"]}]
        if entry["tags"]:
            item["tags"] = entry["tags"]
        item["language"] = feed["lang"]
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed["title"],
        "home_page_url": feed["page"],
        "feed_url": feed["feed_url"],
        "description": feed["subtitle"],
        "language": feed["lang"],
        "authors": [{"name": feed["author"]}],
        "items": items,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def absolute_links(html: str, urls: Urls) -> str:
    """Root-relative href/src values (what the site's own links are) made absolute."""
    base = urls.absolute("/")
    if base.startswith("/"):
        return html
    return _ROOT_RELATIVE.sub(lambda m: f'{m.group(1)}="{base}', html)

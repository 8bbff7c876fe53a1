"""/sitemap.xml (every page, with its existing translations and x-default; a site in one
language lists the pages alone) and /robots.txt.

<lastmod> (a W3C date, YYYY-MM-DD) is given only where the content says when the page
changed (pages/dates.py): an article's `updated`, else its publication day; the news list's
pages and a tag's page, the newest of their articles' (every page of the news list: a new
article moves every later one). Every other page (home, sections, events, partners, the
archive) has none: what they show changes with items that carry no date of change, or with
the day of the build (upcoming events), and a wrong lastmod is worse than none.

The alternates are the ones the page's own <head> lists, so the sitemap, hreflang and the
language switcher follow the same translation graph. Pages that are not public (404,
editors' pages, redirects) are left out.

It shows the items' URLs (their slugs, and those of the pages above them) and dates, not
their bodies: it names each text it lists (deps.py) in its language, so a quick build
after a body edit keeps the file without listing three thousand pages again, while a new
title or slug (a text's fields) makes it again. Dates and translations are facts and
languages, which only a full build changes; it describes the file again every time.
"""

from __future__ import annotations

from functools import partial

from vnu_site.io.deps import touch
from vnu_site.io.write import Lazy
from vnu_site.outputs.feeds import xml_attr, xml_text
from vnu_site.site.urls import Urls

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap(site, strings, pages, env, options, problems) -> dict:
    """Producer: sitemap.xml and robots.txt. The XML is written only when the list of
    pages or their alternates changed (write.Lazy)."""
    urls = Urls(site.config)
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('/sitemap.xml')}\n"
    every_page = partial(_every_page, pages, site.config.languages)
    return {"sitemap.xml": Lazy(every_page, _sitemap_xml), "robots.txt": robots.encode("utf-8")}


def _every_page(pages: list, languages: tuple[str, ...]) -> list:
    entries = []
    for page in pages:
        if page.public:
            if page.identity[0] == "item":
                _touch_texts(page.identity[1:], languages)  # a new title may move it (a new slug), in any language
            for ref in page.ancestors:
                _touch_texts(ref, languages)  # a page's URL is under theirs
            entries.append(page.sitemap)
    return entries


def _touch_texts(ref: tuple, languages: tuple[str, ...]) -> None:
    """The item's texts' fields (its slugs and titles), not its bodies: the entry shows its
    URL in every language it has (the alternates)."""
    for lang in languages:
        touch(ref, lang)


def _sitemap_xml(entries: list) -> bytes:
    """Written as text, in ElementTree's layout (indented by two, ' />'), three times faster."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{SITEMAP}" xmlns:xhtml="{XHTML}">']
    for canonical, alternates, x_default, lastmod in entries:
        lines += ["  <url>", f"    <loc>{xml_text(canonical)}</loc>"]
        if lastmod:  # the schema wants it right after <loc>
            lines.append(f"    <lastmod>{lastmod}</lastmod>")
        for lang, url in (*alternates, ("x-default", x_default)) if x_default else ():  # None: a site in one language
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{xml_attr(lang)}" href="{xml_attr(url)}" />')
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")

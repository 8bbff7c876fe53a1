"""Files besides the HTML pages (root redirect, assets; feeds, sitemap, … as they come).

A producer takes (site, strings, pages, env, options, problems) and returns
{relative path: bytes}; it reports problems instead of raising. A finaliser runs on the
complete staging folder just before it is swapped in (for tools that read the built site,
such as a search indexer) and returns problems, which abort the swap.
"""

from __future__ import annotations

from pathlib import Path

from vnu_site.io.render import render_page
from vnu_site.io.theme import Theme
from vnu_site.outputs.feeds import feeds
from vnu_site.outputs.ical import calendar
from vnu_site.outputs.images import copy_images
from vnu_site.outputs.published_urls import published_urls_file
from vnu_site.outputs.search import run_pagefind
from vnu_site.outputs.sitemap import sitemap
from vnu_site.site.urls import Urls


def root_redirect(site, strings, pages, env, options, problems) -> dict[str, bytes]:
    """/index.html sends visitors to the default language's home page."""
    urls = Urls(site.config)
    lang = site.config.default_language
    context = {"target": urls.href(urls.home(lang)), "lang": lang, "title": site.config.title[lang]}
    html, problem = render_page(env, "root.html", context, "/", Theme(options.templates))
    if problem:
        problems.extend([problem])
        return {}
    assert html is not None  # render_page gives the page or its problem
    return {"index.html": html}


def static_assets(site, strings, pages, env, options, problems) -> dict[str, bytes]:
    """The theme's static/ files (a site's templates/static/ over the default's) under /assets/."""
    return {"assets/" + name: path.read_bytes() for name, path in Theme(options.templates).static_files().items()}


PRODUCERS = [root_redirect, static_assets]
PRODUCERS += [copy_images, published_urls_file]  # images beside the texts; the URL map `check --published` reads
PRODUCERS += [feeds, calendar, sitemap]  # Atom per language and partner, iCalendar, sitemap.xml + robots.txt
FINALIZERS: list = [run_pagefind]  # the search index is read from the finished site (off with --no-search)


def produce(site, strings, pages, env, options, problems) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for producer in PRODUCERS:
        files.update(producer(site, strings, pages, env, options, problems))
    return files


def finalizers(options):
    """The finalisers that apply to this build, bound to its options."""
    return [lambda staging, run=run: run(Path(staging), options) for run in FINALIZERS]

"""Files besides the HTML pages (root redirect, assets; feeds, sitemap, … as they come).

A producer takes (site, strings, pages, env, options, problems) and returns
{relative path: bytes}; it reports problems instead of raising. A finaliser runs on the
complete staging folder just before it is swapped in (for tools that read the built site,
such as a search indexer): it takes (Finishing, options), adds its files through the
writer, and returns problems, which abort the swap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vnu_site.io.render import render_page
from vnu_site.io.theme import Theme
from vnu_site.io.write import SiteWriter
from vnu_site.outputs.cms import cms_admin
from vnu_site.outputs.feeds import feeds
from vnu_site.outputs.ical import calendar
from vnu_site.outputs.images import publish_images
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
PRODUCERS += [publish_images, published_urls_file]  # images beside the texts (and their variants); the URL map `check --published` reads
PRODUCERS += [feeds, calendar, sitemap]  # Atom per language and partner, iCalendar, sitemap.xml + robots.txt
PRODUCERS += [cms_admin]  # the browser editor's /admin/, when site.yaml's `editor:` asks for it
FINALIZERS: list = [run_pagefind]  # the search index is read from the finished site (off with --no-search)
# The folders the finalisers fill: the writer keeps the spare's files there for them to claim.
FINALIZER_FOLDERS = ("pagefind/",)


@dataclass(frozen=True)
class Finishing:
    """What a finaliser gets besides the options: the writer filling the staging folder (its
    files go in through it), the build's cache folder (None without one), and the files of
    the current output as the last build left them (path -> digest: stamps.verified_manifest;
    empty without a cache or with --clean)."""

    writer: SiteWriter
    cache: Path | None
    output: dict[str, str]


def produce(site, strings, pages, env, options, problems) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for producer in PRODUCERS:
        files.update(producer(site, strings, pages, env, options, problems))
    return files


def finalizers(options, finishing: Finishing):
    """The finalisers that apply to this build, bound to its options (the writer calls each
    with its staging folder, which is finishing.writer.staging)."""
    return [lambda _staging, run=run: run(finishing, options) for run in FINALIZERS]


def finalizer_folders(options) -> tuple[str, ...]:
    """What the finalisers of this build fill (SiteWriter's claimable folders)."""
    return FINALIZER_FOLDERS if options.search else ()

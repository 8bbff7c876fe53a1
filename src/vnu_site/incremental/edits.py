"""The quick path: when the only change since the last build is the text of a few items.

An editor saves one article; the site the last build resolved (cache.snapshot) is still
right except for that item. So instead of reading, resolving and planning everything,
the build reads that item's files again, checks that the item still has the same shape,
and puts it into the old site. Then only the pages that showed it (deps.py) are made.

"The same shape" means nothing that decides which pages exist or what they list changed:
the same files, the same facts (dates, tags, partners, draft, cover…), the same languages,
the same links in the bodies (they make backlinks) and the same images (their files are
probed and published by the full path). Titles, slugs, summaries and bodies
may change. Anything else (a new or deleted file, site.yaml, a template, a problem in
the edited file) takes the full path, which gives the same result with every check.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from vnu_site.errors import Location, Problems
from vnu_site.incremental.cache import fingerprint_of
from vnu_site.io.deps import edited_texts
from vnu_site.model import FOLDER_OF, FOLDERS, Entry, Item, Ref, Site
from vnu_site.site.page_tree import check_addresses
from vnu_site.site.resolve import check_item, merge
from vnu_site.site.unpublished import takes_pending
from vnu_site.site.urls import Urls
from vnu_site.sources.discover import SourceFile
from vnu_site.sources.read import read_bytes

MAX_EDITED_FILES = 32  # beyond this, the full path is about as fast


@dataclass(frozen=True)
class QuickStart:
    site: Site
    strings: object
    edited: dict  # (kind, key) -> the item as it is now
    changes: set  # the dependencies (deps.py) the edits invalidate
    warnings: list  # the build's warnings: the last build's, with the edited files' again


def quick_start(options, cache, inputs: tuple) -> QuickStart | None:
    """The site to build, if only item texts were edited since the last build; else None.
    The last build's site is loaded only once the inputs say that it may serve."""
    before = cache.last_inputs()
    if before is None:
        return None
    if not cache.last_build_intact(options, fingerprint_of(before)):
        return None  # the last build failed, or the output was changed by hand
    salt, settings, content_files, template_files = inputs
    if (salt, settings, template_files) != (before[0], before[1], before[3]):
        return None
    edited_paths = _edited(before[2], content_files)
    if not edited_paths or len(edited_paths) > MAX_EDITED_FILES:
        return None
    if not all(path.endswith(".md") and path.split("/", 1)[0] in FOLDERS for path in edited_paths):
        return None  # settings, tags or an image: no need to load the last site to know
    snapshot = cache.snapshot()
    if snapshot is None:
        return None
    site, strings, warnings = snapshot
    return quick_from(options, site, strings, warnings, edited_paths, {path for path, *_stamp in content_files})


def quick_from(
    options, site: Site, strings: object, warnings: list, edited_paths, files: set[str] | None, owners: dict[str, Ref] | None = None
) -> QuickStart | None:
    """The site to build from the last build's (site, strings, warnings), with the edited
    texts (content-relative paths) read again; None if the edits need the full path.
    files: every content file (relative), or None to look at the disk; owners: owners(site,
    options), if the caller kept it (session.py: a quick build leaves it as it was)."""
    if not all(path.endswith(".md") and path.split("/", 1)[0] in FOLDERS for path in edited_paths):
        return None
    prefix = options.content.as_posix().rstrip("/") + "/"  # texts' paths are shown as content/<file>
    owners = owners if owners is not None else _owners(site, prefix)
    if not all(path in owners for path in edited_paths):
        return None  # not the text of a published item (settings, images, drafts…)
    refs = {owners[path] for path in edited_paths}
    edited: dict[Ref, Item] = {}
    found = Problems()
    entries: dict = {}
    for ref in sorted(refs):
        entries[ref] = _read_again(ref, site, options.content, prefix, files)
        item = merge(ref, entries[ref], site.config, found) if entries[ref] else None
        if item is None or _shape(item) != _shape(site.items[ref]):
            return None
        edited[ref] = item
    changes = edited_texts(site.items, edited)
    site = site.with_items(edited)
    if takes_pending(site, edited.values()):
        return None  # a URL a draft or scheduled article will take: the full path says so
    shown = {text.path for ref in edited for text in edited[ref].texts.values()}
    for ref in sorted(edited):
        check_item(site.items[ref], entries[ref], site.items, site.items, site.tags, site.config, found)
    if any(kind == "page" for kind, _key in edited):  # a new slug moves the pages under it too
        pages = [item for ref, item in sorted(site.items.items()) if ref[0] == "page"]
        check_addresses(pages, site.items, Urls(site.config, site.items), lambda page, lang: Location(page.texts[lang].path), found)
    if found.errors or (options.strict and (found.warnings or warnings)):
        return None  # the full path reports them, with everything else
    kept = [warning for warning in warnings if warning.location.path not in shown]
    return QuickStart(site, strings, edited, changes, sorted(kept + found.warnings))


def _edited(before: tuple, now: tuple) -> list[str] | None:
    """Files whose size or time changed; None if a file was added or removed."""
    old = {path: stamp for path, *stamp in before}
    new = {path: stamp for path, *stamp in now}
    if old.keys() != new.keys():
        return None
    return sorted(path for path in new if new[path] != old[path])


def owners(site: Site, options) -> dict[str, Ref]:
    """Content-relative file path -> the published item it is a text of."""
    return _owners(site, options.content.as_posix().rstrip("/") + "/")


def _owners(site: Site, prefix: str) -> dict[str, Ref]:
    """Content-relative file path -> the published item it is a text of."""
    return {
        text.path[len(prefix) :]: item.ref for item in site.items.values() for text in item.texts.values() if text.path.startswith(prefix)
    }


def _read_again(ref: Ref, site: Site, content: Path, prefix: str, files: set[str] | None) -> dict[str, Entry] | None:
    """The item's files read as they are now (lang -> Entry); None if any has a problem."""
    kind, key = ref
    folder = FOLDER_OF[kind]
    old = site.items[ref]
    entries: dict[str, Entry] = {}
    for lang in site.config.languages:
        text = old.texts.get(lang)
        relative = text.path[len(prefix) :] if text else f"{folder}/{key}.{lang}.md"
        path = content / relative
        if relative not in files if files is not None else not os.path.lexists(path):
            continue
        if os.path.islink(path):
            return None
        source = SourceFile(kind, key, lang, path, path.as_posix())
        data = _read_regular(path)
        if data is None:
            return None  # unreadable, or no longer a file: the full path says so
        entry, problems = read_bytes(source, data, trusted_html=bool(site.config.trusted_html))
        if problems or entry is None:
            return None
        entries[lang] = entry
    return entries


def _read_regular(path: Path) -> bytes | None:
    """The file's bytes; None if it cannot be read or is not a regular file (opened
    without waiting: a named pipe put in its place must not hang the build)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read()
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _shape(item: Item) -> tuple:
    """What decides which pages exist and what they list (see the module's docstring)."""
    return (item.facts, sorted(item.texts), [(lang, text.path, text.links, text.images) for lang, text in sorted(item.texts.items())])

"""The cache of a long-lived process (`serve`), kept in memory between its builds.

A build on its own starts by walking content/ and templates/ to see what changed, loads
the last build's cache and site from disk, and saves them back at the end (run.py). A
process that builds again and again (serve, on every save) need do none of that: it keeps
the BuildCache and the last good site in memory, and its file watcher says which files
changed. When those are only item texts, the build starts from the kept site with them
read again (edits.quick_from), as the quick path does from disk, and writes the few files
that changed in place (in_place.py); anything else takes the full path, with the kept
cache's parsed entries, images and pages. The output is the same as a build from disk
(tests/incremental/test_session.py); nothing is pickled.

The session also remembers what the output folder holds (its manifest), so no build
checks every file's stamp: it must be the only writer of that folder (serve's own).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from pathlib import Path

from vnu_site.incremental.cache import BuildCache
from vnu_site.incremental.edits import MAX_EDITED_FILES, QuickStart, owners, quick_from
from vnu_site.incremental.in_place import InPlaceWriter
from vnu_site.model import BuildOptions, Site
from vnu_site.pages.layout import Layout


class Session:
    def __init__(self):
        self.cache: BuildCache | None = None
        self._options: tuple | None = None  # (options, today) of the last build
        self._site: tuple[Site, object, list] | None = None  # (site, strings, warnings) of the last good build
        self._edited: set[str] | None = set()  # content-relative paths changed since; None: unknown
        self._output: dict[str, str] | None = None  # what the output folder holds (its manifest), if known
        self._in_place: InPlaceWriter | None = None  # this build's, if it writes in place
        self._owners: dict | None = None  # edits.owners of the kept site: the same after a quick build
        self.layout = Layout()  # the last plan's pages, for the next quick build's plan

    def saw(self, paths: Iterable[str] | None) -> None:
        """Files changed (content-relative, posix); None: something else changed, or what
        changed is not known (a template, a file outside content/, a missed event)."""
        # A new set, not an update: a build on another thread may be reading the old one.
        self._edited = None if paths is None or self._edited is None else self._edited | set(paths)

    def expects_quick(self) -> bool:
        """Whether the next build may start from the kept site (only a few texts changed)."""
        return self._site is not None and bool(self._edited) and len(self._edited or ()) <= MAX_EDITED_FILES

    def cache_for(self, options: BuildOptions, fresh) -> BuildCache:
        """The kept cache, or `fresh()` on the first build (or after the options changed).
        A new day keeps the cache but not the site (what is upcoming, what is due)."""
        self._in_place = None
        key = _key(options)
        if self.cache is None or self._options is None or self._options[0] != options:
            self.cache, self._site, self._edited, self._output = fresh(), None, None, None
            self.layout = Layout()
        elif self._options != key:
            self._site = None
        self._options = key
        return self.cache

    def quick(self, options: BuildOptions) -> QuickStart | None:
        """The quick start, if only a few item texts changed since the last good build."""
        if not self.expects_quick():
            return None
        assert self._site is not None and self._edited is not None  # expects_quick
        site, strings, warnings = self._site
        if self._owners is None:
            self._owners = owners(site, options)
        return quick_from(options, site, strings, warnings, sorted(self._edited), None, self._owners)

    def writer(self, options: BuildOptions) -> InPlaceWriter | None:
        """A writer that updates the output in place, for a quick build; None: the SiteWriter."""
        if self._output is None or options.search or os.name == "nt" or not Path(options.out).is_dir():
            return None
        self._in_place = InPlaceWriter(options.out.resolve(), self._output)
        return self._in_place

    def wrote(self, manifest: dict[str, str]) -> None:
        """The output now holds these files (relative path -> digest)."""
        self._output = dict(manifest)

    def kept(self, site: Site, strings: object, warnings: list, quick: bool) -> None:
        """After a successful build: the next starts from this one. quick: it started from
        the kept site, whose texts it left where they were (edits._shape)."""
        if not quick:
            self._owners = None
        assert self.cache is not None  # cache_for came first
        self.cache.next_build(True, self._output)
        self._site = (site, strings, warnings)
        self._edited = set()

    def failed(self) -> None:
        """After a failed build: the next takes the full path; the output is still the last
        good build's, unless writing it in place failed half-way."""
        if self._in_place is not None and self._in_place.touched:
            self._output = None
        if self.cache is not None:
            self.cache.next_build(False, self._output)
        self._site = self._owners = None


def _key(options: BuildOptions) -> tuple:
    # Today's date is an input: a preview left open past midnight takes the full path.
    return (options, options.build_date or datetime.date.today())

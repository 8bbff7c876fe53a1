"""The pipeline's one door to the cache: what the last build left (its cache, and its site
with the edited texts read again when only texts changed), and what this build leaves.

`start` opens it before the stages run, `LastBuild.keep` closes it after a successful
build; a failed build goes through `LastBuild.running`, which makes the next build take
the full path. The stages themselves never look at the cache.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from vnu_site.errors import Problem, os_problem
from vnu_site.incremental.cache import BuildCache, fingerprint_of, folder_for, input_state
from vnu_site.incremental.edits import QuickStart, quick_start
from vnu_site.incremental.in_place import InPlaceWriter
from vnu_site.incremental.session import Session
from vnu_site.io import collector
from vnu_site.io.write import OutputRefused
from vnu_site.model import BuildOptions, Site
from vnu_site.sources import i18n


class LastBuild:
    def __init__(
        self, options: BuildOptions, cache: BuildCache, inputs: tuple, quick: QuickStart | None, said: dict, session: Session | None = None
    ):
        self.options = options
        self.cache = cache
        self.inputs = inputs
        self.quick = quick
        self._said = said
        self.session = session  # the cache is kept in memory there, not saved

    @property
    def site(self) -> tuple[Site, object] | None:
        """(site, strings) to build from, when only texts were edited; else None (read everything)."""
        return (self.quick.site, self.quick.strings) if self.quick else None

    @property
    def warnings(self) -> list[Problem]:
        return list(self.quick.warnings) if self.quick else []

    @property
    def changes(self) -> set | None:
        """The dependencies (deps.py) the edits invalidate; None on the full path."""
        return self.quick.changes if self.quick else None

    def in_place_writer(self) -> InPlaceWriter | None:
        """After a quick start in a session: a writer that updates the output in place
        (in_place.py); else None (the SiteWriter)."""
        return self.session.writer(self.options) if self.session is not None and self.quick else None

    def wrote(self, manifest: dict[str, str]) -> None:
        """The output now holds these files: a session need not look at them again."""
        if self.session is not None:
            self.session.wrote(manifest)

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """Around the stages: a failure makes the next build take the full path. A quick
        build makes a few pages: the collector's passes were a quarter of it, so it pauses."""
        try:
            with collector.paused() if self.quick else contextlib.nullcontext():
                yield
        except BaseException:
            self.cache.forget()
            if self.session is not None:
                self.session.failed()
            raise

    def keep(self, site: Site, strings: object, warnings: list[Problem], pages: int, files: int) -> None:
        """After a successful build: what the next one starts from. The new site is live by
        now, so a cache that cannot be saved (a full disk, a file in the cache folder's
        place) is said in one note and the build still succeeds; the next starts afresh."""
        if self.session is not None:
            self.session.kept(site, strings, warnings, self.quick is not None)
            return
        try:
            self.cache.save(quick=self.quick is not None)
            self.cache.keep_site(self.inputs, site, strings, warnings, self.quick.edited if self.quick else None)
            self.cache.keep_memo(i18n.memo(), self._said)
            summary = {"pages": pages, "files": files, "warnings": [str(p) for p in sorted(warnings)]}
            self.cache.remember_inputs(fingerprint_of(self.inputs), self.options.out, summary)
        except OSError as error:
            self.cache.forget()
            problem = os_problem(error, str(self.cache.folder))  # "path: reason", as every OS error is said
            print(f"note: {problem}; the site was built, without saving the build cache", file=sys.stderr)


def start(options: BuildOptions, inputs: tuple | None = None, session: Session | None = None) -> LastBuild:
    """inputs: cache.input_state(options) if the caller already took it (it is taken first:
    an edit made during the build is seen by the next one). session: the cache kept in
    memory by a process that builds again and again (serve); nothing is read from disk
    but the edited texts, nor saved."""
    check_cache_place(options)
    if session is not None:
        cache = session.cache_for(options, lambda: BuildCache(folder_for(options.cache_dir, options), reuse=not options.clean))
        return LastBuild(options, cache, (), session.quick(options), {}, session)
    cache = BuildCache(folder_for(options.cache_dir, options), reuse=not options.clean)
    inputs = inputs or input_state(options)
    said = cache.memo()
    i18n.remember(said)  # what Babel said in earlier builds
    return LastBuild(options, cache, inputs, quick_start(options, cache, inputs), said)


def check_cache_place(options: BuildOptions) -> None:
    """The cache and the output must not hold each other, before anything is written: a
    cache inside the output would be published (drafts included), an output inside the
    cache would be replaced with it."""
    if not options.cache_dir:
        return
    cache, out = options.cache_dir.resolve(), options.out.resolve()
    if cache.is_relative_to(out):
        raise OutputRefused(
            f"refusing to keep the build cache in {options.cache_dir}: it is inside the output folder {options.out}, "
            "which is published; choose a --cache-dir outside it"
        )
    if out.is_relative_to(cache):
        raise OutputRefused(
            f"refusing to write the site to {options.out}: it is inside the build cache {options.cache_dir}; choose an --out outside it"
        )

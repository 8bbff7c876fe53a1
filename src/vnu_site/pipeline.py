"""One build: the stages in order, problems gathered, output written only if all is well."""

from __future__ import annotations

import contextlib
import datetime
import os
import pickle
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from vnu_site import incremental
from vnu_site.errors import BuildFailed, Location, Problem, Problems
from vnu_site.incremental.cache import BuildCache
from vnu_site.incremental.reuse import Reuse
from vnu_site.incremental.session import Session
from vnu_site.io import collector, deps, write
from vnu_site.io.parallel import ordered_imap, ordered_map
from vnu_site.io.progress import Stopwatch
from vnu_site.io.render import compile_theme, environment, render_page
from vnu_site.io.safe_files import read_unless
from vnu_site.io.theme import DEFAULT_THEME, Theme
from vnu_site.model import BuildOptions
from vnu_site.outputs import images
from vnu_site.outputs import produce as outputs
from vnu_site.pages.page import PlannedPage
from vnu_site.pages.plan import plan
from vnu_site.pages.search_data import TEMPLATE_FILTERS
from vnu_site.site.resolve import resolve
from vnu_site.site.urls import Urls
from vnu_site.sources import config as config_module
from vnu_site.sources import i18n
from vnu_site.sources.discover import discover
from vnu_site.sources.read import read_bytes
from vnu_site.sources.settings_file import cannot_read


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    written: int
    unchanged: int
    warnings: list
    quick: bool = False  # started from the last build's site, with only edited texts read again (edits.py)
    stages: tuple[tuple[str, float], ...] = ()  # (stage, seconds), in order: what --verbose shows
    changed: tuple[str, ...] = ()  # the files written that differ from the old output's


def build(
    options: BuildOptions,
    inputs: tuple | None = None,
    progress: Callable[[int, int], None] | None = None,
    session: Session | None = None,
) -> BuildResult:
    """The stages in order. inputs: incremental.cache.input_state(options), if the caller took it;
    progress: called with (files written, files in all) as the pages are made (io/progress.py);
    session: the cache kept in memory between the builds of one process (incremental/session.py)."""
    clock = Stopwatch()  # the stages' times, for --verbose
    read = [options.content, options.templates, DEFAULT_THEME]  # the output may not be in what the build reads
    write.check_output(options.out, [*read, Path.cwd()], inputs=read)
    last = incremental.start(options, inputs, session)  # the cache, and the last site if only texts changed
    clock.lap("cache")
    problems = Problems()
    problems.extend(last.warnings)
    # What the build holds lives until it ends, the last build's cache from here and the site
    # once it is read: the collector need not walk it (collector.py).
    with contextlib.ExitStack() as held:
        held.enter_context(collector.frozen())
        with last.running():
            site, strings = last.site or load_site(options, problems, last.cache)
            clock.lap("read")
            held.enter_context(collector.frozen())
            pages = plan(site, strings, problems, search=options.search, layout=session.layout if session else None)
            _stop_if_failed(problems, False)
            theme = Theme(options.templates)
            env = environment(theme, TEMPLATE_FILTERS)
            produced = outputs.produce(site, strings, pages, env, options, problems)
            clock.lap("plan")
            reuse = Reuse(options.out, theme, last.cache)
            made = made_files(pages, produced, env, options, problems, reuse, last.changes)
            wanted = {Urls.output_file(page.path) for page in pages} | produced.keys()
            counts = _write(options, last, made, wanted, problems, clock, progress)
        last.keep(site, strings, problems.warnings, len(pages), counts["files"])
        clock.lap("save the cache")
    sizes = (counts["files"], counts["written"], counts["unchanged"])
    return BuildResult(len(pages), *sizes, problems.warnings, last.quick is not None, tuple(clock.laps), counts["changed"])


def _write(options, last: incremental.LastBuild, made, wanted: set, problems: Problems, clock: Stopwatch, progress=None) -> dict:
    """Files go into the staging folder as the workers make them; it replaces the output
    only if the whole build succeeded. (In a serve session, a quick build's few files go
    into its own folder in place, once all are made: incremental/in_place.py.)"""
    cache = last.cache
    writer = last.in_place_writer() or write.SiteWriter(options.out, wanted, cache.spare, outputs.finalizer_folders(options))
    try:
        for done, (file, output, output_digest) in enumerate(made, 1):
            writer.add(file, output, output_digest)
            if progress:
                progress(done, len(wanted))
        _stop_if_failed(problems, options.strict)
        clock.lap("pages")
        if isinstance(writer, write.SiteWriter):
            # The finalisers may keep what the last build made (the search index's shards).
            finishing = outputs.Finishing(writer, cache.folder, cache.output_manifest(options.out) if cache.enabled else {})
            counts = writer.finish(outputs.finalizers(options, finishing))
        else:
            counts = writer.finish()  # search is off: no finaliser
        last.wrote(writer.hashes)
        clock.lap("finish")  # the finalisers (the search index), the swap
        return {**counts, "changed": tuple(writer.changed)}
    except BaseException:
        writer.abort()
        raise


def load_site(options: BuildOptions, problems: Problems, cache: BuildCache | None = None, keep_going: bool = False):
    """discover -> read -> resolve; raises BuildFailed if the content cannot be used
    (keep_going: only if there is no site at all, so `check` can still tell what it knows)."""
    content = options.content
    if not content.is_dir():
        raise BuildFailed([_problem(str(content), "content folder not found")])
    theme = Theme(options.templates)
    problems.extend(theme.problems())  # links, pipes: refused before anything is read
    static = theme.static_files()  # where site.yaml's logo must be
    config = config_module.load(content / "site.yaml", _shown(content, "site.yaml"), problems, options.base_url, static)
    languages = config_module.site_languages(config, content / "site.yaml")
    strings = i18n.load_strings(theme.strings_files(), languages, problems)
    tags = config_module.load_tags(content / "tags.yaml", _shown(content, "tags.yaml"), languages, problems)
    before = len(problems.errors)
    sources = discover(content, languages, problems)
    # A file or folder that could not be taken (unreadable, misnamed): what it holds is
    # unknown, so every reference to it would be another error hiding the real one.
    lost = len(problems.errors) > before
    trusted = bool(config and config.trusted_html)
    entries = read_all(sources, trusted, options.jobs, cache or BuildCache(None), problems, languages)
    if config is None or strings is None or tags is None or lost:
        _stop_if_failed(problems, False)
    assert config is not None and tags is not None  # None comes with an error: stopped above
    build_date = options.build_date or datetime.date.today()
    read = {(entry.kind, entry.key, entry.lang) for entry in entries}
    unreadable = frozenset((source.kind, source.key) for source in sources if (source.kind, source.key, source.lang) not in read)
    site = resolve(entries, config, tags, build_date, options.drafts, problems, _shown(content, "site.yaml"), unreadable)
    site = probe_images(site, options, cache or BuildCache(None), problems)
    if not keep_going:
        _stop_if_failed(problems, False)
    return site, strings


def read_all(sources, trusted: bool, jobs: int, cache: BuildCache, problems: Problems, languages: Collection[str] = ()) -> list:
    """Every source as an Entry: from the cache when the file is unchanged, else parsed
    (in parallel when there are many; the workers share Babel's data for `languages`)."""
    results: dict = {}
    todo = []
    folders: dict = {}
    for source in sources:
        key = (_real_path(source.path, folders), source.display, source.kind, source.key, source.lang, trusted)
        cached = cache.entries.get(key)
        try:
            # Opened even when the cache has it: a file that can no longer be read is an
            # error now, not a page kept from when it could.
            stamp, data = read_unless(source.path, cached[0] if cached else None)
        except FileNotFoundError:  # saved by rename, or deleted, since discovery
            problems.error(Location(source.display), "disappeared while the site was being built; build again")
            continue
        except OSError as error:
            problems.error(Location(source.display), cannot_read(error))
            continue
        if data is None:
            results[key] = cached
            continue
        digest = write.digest(data)
        if cached and cached[1] == digest:
            results[key] = (stamp, *cached[1:])
            cache.entries_changed = True  # same text, new mtime: remember the new stamp
            continue
        todo.append((key, source, data, digest, stamp))
    parsed = ordered_map(partial(_read_one, trusted), todo, jobs, before_fork=partial(i18n.load_babel, languages))
    for (key, _source, _data, digest, stamp), (entry, found, said) in zip(todo, parsed, strict=True):
        i18n.remember(said)  # what Babel said in the workers (country codes), kept for quick builds
        results[key] = (stamp, digest, entry, found)
    if todo or results.keys() != cache.entries.keys():
        cache.entries_changed = True
    cache.entries = results  # files that disappeared drop out of the cache here
    entries = []
    for _stamp, _digest, entry, found in results.values():
        problems.extend(found)
        if entry:
            entries.append(entry)
    return entries


def _real_path(path: Path, folders: dict) -> str:
    """str(path.resolve()), with each folder resolved once (2,700 files, 30 ms less): only a
    link is resolved itself (discovery walks no linked folder, but takes linked files)."""
    if path.is_symlink():
        return str(path.resolve())
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = str(path.parent.resolve())
    return os.path.join(folder, path.name)


def probe_images(site, options: BuildOptions, cache: BuildCache, problems: Problems):
    """Every image the texts name, checked and probed (their sizes go into the pages), the
    published ones' variants made into the cache's store; an unchanged image is not decoded
    again (outputs/images.py)."""
    store = images.store_for(options) if cache.enabled else None
    site, cache.images = images.find_images(site, options.content, cache.images, store, options.jobs, problems, fresh=not cache.reuse)
    return site


def _read_one(trusted: bool, job) -> tuple:
    entry, found = read_bytes(job[1], job[2], trusted_html=trusted)
    return entry, found, i18n.take_fresh()


def made_files(pages: list, produced: dict, env, options, problems: Problems, reuse: Reuse, edited=None):
    """Yields (file, bytes or write.Unchanged, digest or None) for every page and producer's
    file. A file whose inputs are unchanged since the last build is kept (write.Unchanged)
    instead of being made again; on the quick path (edited: the texts it read again, as
    deps.edited_texts gives them), a file made from none of them is not even assembled.
    Pages are assembled and rendered in the workers, which send back only the results."""
    todo = []
    for file, what in [(Urls.output_file(page.path), page) for page in pages] + list(produced.items()):
        if not isinstance(what, (PlannedPage, write.Lazy)):
            yield file, what, None  # a producer's plain bytes
            continue
        kept = reuse.untouched(file, edited) if edited is not None else None
        if kept:
            yield file, kept, None
        else:
            todo.append((file, what))
    make = partial(_make, env, reuse, Theme(options.templates))
    languages = {page.lang for page in pages}
    for (file, _what), (input_hash, output, output_digest, problem, dependencies, said) in zip(
        todo, ordered_imap(make, todo, options.jobs, before_fork=partial(_before_page_workers, env, languages)), strict=True
    ):
        i18n.remember(said)  # what Babel said in the workers, kept for the next build (i18n.py)
        if problem:
            problems.extend([problem])
            continue
        reuse.record(file, input_hash, output_digest, dependencies)
        yield file, output, output_digest


def _before_page_workers(env, languages: Collection[str]) -> None:
    """What every page worker would otherwise do for itself, done once before they fork."""
    compile_theme(env)
    i18n.load_babel(languages)


def render_pages(pages: list, env, options: BuildOptions, problems: Problems) -> dict:
    """Each page's HTML (for `check`, which looks at the pages without writing them)."""
    reuse = Reuse(options.out, Theme(options.templates), None)
    return {file: output for file, output, _digest in made_files(pages, {}, env, options, problems, reuse)}


def _make(env, reuse: Reuse, theme: Theme, job) -> tuple:
    """(input hash, write.Unchanged or the bytes, their digest, problem, dependencies, new
    dates and names from Babel) of one file. The digest is taken here, in the worker: the
    main process has the writing to do."""
    file, what = job
    problem = None
    if isinstance(what, write.Lazy):
        with deps.recording() as found:
            data = what.describe()
        input_hash = reuse.input_hash(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        output = reuse.still_valid(file, input_hash) or what.render(data)
        dependencies = frozenset(found)
    else:
        context = what.context
        shown = {name: value for name, value in context.items() if name != "t"}  # t: in the theme digest
        input_hash = reuse.input_hash(pickle.dumps((what.template, shown), protocol=pickle.HIGHEST_PROTOCOL))
        output = reuse.still_valid(file, input_hash)
        if not output:
            output, problem = render_page(env, what.template, context, what.path, theme)
        dependencies = what.dependencies
    if output is None:  # a template error: the caller reports it
        return input_hash, None, None, problem, dependencies, i18n.take_fresh()
    output_digest = output.digest if isinstance(output, write.Unchanged) else write.digest(output)
    return input_hash, output, output_digest, problem, dependencies, i18n.take_fresh()


def _stop_if_failed(problems: Problems, strict: bool) -> None:
    failing = problems.items if strict else problems.errors
    if failing:
        raise BuildFailed(sorted(set(problems.items)))


def _shown(folder: Path, name: str) -> str:
    return (folder / name).as_posix()


def _problem(path: str, message: str) -> Problem:
    return Problem(Location(path), message)

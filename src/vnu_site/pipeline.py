"""One build: the stages in order, problems gathered, output written only if all is well."""

from __future__ import annotations

import datetime
import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

from . import config as config_module
from . import i18n, outputs, write
from .cache import BuildCache, folder_for, inputs_fingerprint
from .discover import discover
from .errors import BuildFailed, Location, Problem, Problems
from .parallel import ordered_map
from .plan import plan
from .read import read_bytes
from .render import environment, render_page
from .resolve import resolve
from .urls import Urls


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    written: int
    unchanged: int
    warnings: list


def build(options: config_module.BuildOptions, fingerprint: str | None = None) -> BuildResult:
    """fingerprint: inputs_fingerprint(options) if the caller already took it."""
    write.check_output(options.out, [options.content, options.templates, Path.cwd()], inputs=[options.content, options.templates])
    cache = BuildCache(folder_for(options.cache_dir, options), reuse=not options.clean)
    fingerprint = fingerprint or inputs_fingerprint(options)  # taken first: an edit during the build is seen next time
    problems = Problems()
    try:
        site, strings = load_site(options, problems, cache)
        pages = plan(site, strings, problems)
        _stop_if_failed(problems, False)
        env = environment(options.templates, cache.folder / "templates" if cache.enabled else None)
        reuse = _Reuse(options, cache)  # one theme digest and one manifest read for the whole build
        files = render_pages(pages, env, options, problems, cache, reuse)
        files.update(settle_outputs(outputs.produce(site, strings, pages, env, options, problems), reuse))
        _stop_if_failed(problems, options.strict)
        counts = write.write_site(options.out, files, outputs.finalizers(options), cache.spare)
    except BaseException:
        cache.forget()
        raise
    cache.save()
    summary = {"pages": len(pages), "files": counts["files"], "warnings": [str(p) for p in sorted(problems.warnings)]}
    cache.remember_inputs(fingerprint, options.out, summary)
    return BuildResult(
        pages=len(pages),
        files=counts["files"],
        written=counts["written"],
        unchanged=counts["unchanged"],
        warnings=problems.warnings,
    )


def load_site(options: config_module.BuildOptions, problems: Problems, cache: BuildCache | None = None):
    """discover -> read -> resolve; raises BuildFailed if the content cannot be used."""
    content = options.content
    if not content.is_dir():
        raise BuildFailed([_problem(str(content), "content folder not found")])
    config = config_module.load(content / "site.yaml", _shown(content, "site.yaml"), problems, options.base_url)
    languages = config.languages if config else config_module.SUPPORTED_LANGUAGES
    strings = i18n.load_strings(options.templates / "strings.yaml", _shown(options.templates, "strings.yaml"), languages, problems)
    tags = config_module.load_tags(content / "tags.yaml", _shown(content, "tags.yaml"), languages, problems)
    sources = discover(content, languages, problems)
    trusted = bool(config and config.trusted_html)
    entries = read_all(sources, trusted, options.jobs, cache or BuildCache(None), problems)
    if config is None or strings is None:
        _stop_if_failed(problems, False)
    build_date = options.build_date or datetime.date.today()
    site = resolve(entries, config, tags, build_date, options.drafts, problems, _shown(content, "site.yaml"))
    _stop_if_failed(problems, False)
    return site, strings


def read_all(sources, trusted: bool, jobs: int, cache: BuildCache, problems: Problems) -> list:
    """Every source as an Entry: from the cache when the file is unchanged, else parsed
    (in parallel when there are many)."""
    results: dict = {}
    todo = []
    for source in sources:
        try:
            stat = source.path.stat()
        except FileNotFoundError:  # saved by rename, or deleted, since discovery
            problems.error(Location(source.display), "disappeared while the site was being built; build again")
            continue
        key = (str(source.path.resolve()), source.display, source.kind, source.key, source.lang, trusted)
        cached = cache.entries.get(key)
        if cached and cached[0] == (stat.st_size, stat.st_mtime_ns):
            results[key] = cached
            continue
        try:
            data = source.path.read_bytes()
        except FileNotFoundError:
            problems.error(Location(source.display), "disappeared while the site was being built; build again")
            continue
        digest = write.digest(data)
        if cached and cached[1] == digest:
            results[key] = ((stat.st_size, stat.st_mtime_ns), *cached[1:])
            cache.entries_changed = True  # same text, new mtime: remember the new stamp
            continue
        todo.append((key, source, data, digest, (stat.st_size, stat.st_mtime_ns)))
    parsed = ordered_map(lambda job: read_bytes(job[1], job[2], trusted_html=trusted), todo, jobs)
    for (key, _source, _data, digest, stamp), (entry, found) in zip(todo, parsed, strict=True):
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


def render_pages(
    pages: list[dict], env, options: config_module.BuildOptions, problems: Problems, cache: BuildCache | None = None, reuse=None
):
    """Each page's HTML; a page whose inputs are unchanged since the last build keeps its
    file (write.Unchanged) instead of being rendered again."""
    reuse = reuse or _Reuse(options, cache)
    templates_display = options.templates.as_posix().rstrip("/")
    files: dict = {}
    todo = []
    for page in pages:
        file = Urls.output_file(page["path"])
        shown = {name: value for name, value in page["context"].items() if name != "t"}  # t: in the theme digest
        kept = reuse.kept(file, pickle.dumps((page["template"], shown), protocol=pickle.HIGHEST_PROTOCOL))
        if kept:
            files[file] = kept
        else:
            todo.append((file, page))
    rendered = ordered_map(
        lambda job: render_page(env, job[1]["template"], job[1]["context"], job[1]["path"], templates_display), todo, options.jobs
    )
    for (file, _page), (html, problem) in zip(todo, rendered, strict=True):
        if problem:
            problems.extend([problem])
            continue
        files[file] = reuse.made(file, html)
    return files


def settle_outputs(produced: dict, reuse: _Reuse) -> dict:
    """Producers' files: bytes as they are; a write.Lazy made only if its key changed."""
    files = {}
    for file, value in produced.items():
        if isinstance(value, write.Lazy):
            files[file] = reuse.kept(file, value.key) or reuse.made(file, value.make())
        else:
            files[file] = value
    return files


class _Reuse:
    """Decides, for one output file, whether last build's file can stay (same input hash,
    and the file in the output is the one we made), and records what this build made."""

    def __init__(self, options: config_module.BuildOptions, cache: BuildCache | None):
        self.cache = cache or BuildCache(None)
        self.out = options.out
        self.theme = _folder_digest(options.templates)
        self.previous = write.read_manifest(options.out)
        self.inputs: dict = {}

    def kept(self, file: str, key: bytes):
        self.inputs[file] = write.digest(self.theme + key)
        known = self.cache.known_pages.get(file)
        if known and known[0] == self.inputs[file] and self.previous.get(file) == known[1] and (self.out / file).is_file():
            self.cache.pages[file] = known
            return write.Unchanged(known[1])
        return None

    def made(self, file: str, data: bytes) -> bytes:
        self.cache.pages[file] = (self.inputs[file], write.digest(data))
        return data


def _folder_digest(folder: Path) -> bytes:
    material = [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]
    return hashlib.blake2b(pickle.dumps(material), digest_size=16).digest()


def _stop_if_failed(problems: Problems, strict: bool) -> None:
    failing = problems.items if strict else problems.errors
    if failing:
        raise BuildFailed(sorted(set(problems.items)))


def _shown(folder: Path, name: str) -> str:
    return (folder / name).as_posix()


def _problem(path: str, message: str) -> Problem:
    return Problem(Location(path), message)

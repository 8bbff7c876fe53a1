"""Search with Pagefind: the finaliser that indexes the finished pages into /pagefind/ (what
each page gives the index is pages/search_data.py).

Pagefind makes one index per <html lang>, so a search page only ever finds pages in its
own language.

The index is cut into shards (search_shards.py), each a Pagefind bundle of its own, which
the search page merges when it searches. A shard is made again only when one of its pages
changed: shards.json, published beside the index, records what each shard was made from (a
key: its pages' files and digests, Pagefind's version and this code), and a shard whose key
is the one the current output's has is kept from it. Its files go through the writer like
the pages: the spare's copy stays when it is the same, else the output's file is copied,
never linked. Only files as the last build left them are kept (their stamps:
stamps.verified_manifest); one edited, truncated or replaced by hand makes its shard be
indexed again, and --clean keeps nothing.

A shard other than the main bundle is put together from its pages' records
(search_merge.py): Pagefind indexes only its changed pages, and the records of the others
are read back from the output's bundle of that shard, if its files are as the last build
left them and its key is the one made from those pages (else all its pages are indexed).
The main bundle, with Pagefind's code and a page of each language, is Pagefind's own.

Pagefind runs as its command line, on a shard's pages at a time (all of them in a clean
build, the changed ones in an edit), as many at a time as the build has jobs, each reading
its pages from the staging folder (the pages' list is in a settings file: a command line
has a length limit). Measured at 1,000 article pairs, this was faster than its Python API
(which takes each page's HTML through a pipe, base64 in JSON, and wrote the bundles one
after the other: 6.2 s against 4.7 s for the whole index). Each run costs about 20 ms
more than its pages (starting, finding its pages among the site's: measured, not worth
narrowing).

Each shard's index is cut into chunks between first letters, and each language cut into
shards has an index of every shard's words, which the search page asks first: so merged
shards find what one index would (search_words.py).

Which pages Pagefind indexes, and in which language, is read from the pages themselves
(search_shards.read_page); the build's cache remembers it per content digest, and each
shard's words by its key (search-pages.json), so an edit reads only the pages it changed.

Pagefind writes its filter and metadata index files out of hash maps in arbitrary order
(Pagefind issue #638 fixed this for the page fragments only); pagefind_stable.py puts the
main bundle's in a fixed order afterwards (the other shards are written in one by
search_merge.py), so the whole build, index included, is byte-identical.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from vnu_site.errors import Location, Problem
from vnu_site.io import child_process, collector
from vnu_site.io.safe_files import read_json_cache_file, write_cache_file
from vnu_site.io.write import Moved, Unchanged, digest
from vnu_site.outputs import search_merge, search_shards, search_words
from vnu_site.outputs.pagefind_stable import SUPPORTED_SERIES, UnknownIndexFormat, stabilise

# How the indexer is run when the `pagefind[bin]` wheel's binary cannot be found directly:
# its module, in this Python (which then starts the binary).
PAGEFIND = [sys.executable, "-m", "pagefind"]
# Pagefind's own search interfaces, which search.js does without.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
BUNDLE = "pagefind/"
SHARDS_FILE = BUNDLE + "shards.json"
MEMO = "search-pages.json"  # in the build's cache folder: what each page is for Pagefind, each shard's words
WORK = ".vnu-search"  # in the staging folder while Pagefind runs; removed before the swap
TIMEOUT = 600  # seconds for the whole index
FORMAT = 2  # of shards.json, the keys and the cache's memo: a change here indexes every shard again
_OWN_CODE = ("search.py", "search_shards.py", "search_words.py", "search_merge.py", "pagefind_stable.py")


def pagefind_command() -> list[str]:
    """The indexer: the binary the `pagefind` package would run (PAGEFIND_BINARY_PATH, the
    extended wheel, the plain one), started directly (a Python start-up less per shard);
    else `python -m pagefind`, which says when it is not installed."""
    explicit = os.environ.get("PAGEFIND_BINARY_PATH")
    if explicit:
        return [explicit]
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        spec = importlib.util.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for name in ("pagefind_extended", "pagefind", "pagefind_extended.exe", "pagefind.exe"):
                if os.path.isfile(os.path.join(folder, name)):
                    return [os.path.join(folder, name)]
    return PAGEFIND


def run_pagefind(finishing, options) -> list[Problem]:
    """Finaliser: the search index under /pagefind/, its unchanged shards kept from the
    current output; problems abort the swap. finishing: produce.Finishing."""
    if not options.search:
        return []
    writer = finishing.writer
    memo_path = finishing.cache / MEMO if finishing.cache else None
    memo = {} if options.clean or memo_path is None else _load_memo(memo_path)
    pages, seen = _read_pages(writer, memo.get("pages", {}))
    shards = search_shards.plan(search_shards.indexed(pages), writer.hashes)
    if not shards:
        return [_problem("Pagefind wrote no index (the site has no page to index)")]
    command = pagefind_command()
    version, tool = _version(command, memo.get("pagefind"))
    keys = {shard.folder: _key([shard.folder, shard.pages], version) for shard in shards}
    work = writer.staging / WORK
    words = memo.get("words", {})  # a shard's key -> its words, by language (search_words.py)
    try:
        kept, previous, trusted = _reusable(finishing, keys)
        todo = [shard for shard in shards if shard.folder not in kept]
        merged = {shard.folder: _old_records(finishing, shard, previous, trusted, version) for shard in todo if not shard.main}
        runs = [shard if shard.main else merged[shard.folder].changed() for shard in todo]
        problems = _index([run for run in runs if run.pages], writer.staging, work, command, options.jobs or os.cpu_count() or 1, merged)
        if problems:
            return problems
        bundles = {}  # folder -> (key, its languages)
        made = {}  # a shard's key -> its words, for those indexed now
        for shard in shards:
            key = keys[shard.folder]
            if shard.folder in kept:
                _keep(writer, kept[shard.folder])
                bundles[shard.folder] = (key, previous[shard.folder]["languages"])
            elif shard.main:
                bundles[shard.folder] = (key, _publish(writer, work / _work_name(shard), shard.folder))
                made[key] = _made_words(work / _work_name(shard))
            else:
                made[key] = merged[shard.folder].publish(writer)
                bundles[shard.folder] = (key, sorted(made[key]))
        words = {
            keys[folder]: made.get(keys[folder]) or words.get(keys[folder]) or _words(writer, folder) for folder in _lexicon_members(shards)
        }
        bundles.update(_lexicons(finishing, shards, keys, words, version))
        writer.add(SHARDS_FILE, _shards_file(bundles, search_shards.lexicons(shards)))
    except UnknownIndexFormat as exc:
        return [_problem(str(exc))]
    except search_merge.CannotMerge as exc:
        return [_problem(f"the search index cannot be cut into shards: {exc}")]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    kept_memo = {"format": FORMAT, "code": _own_code(), "pagefind": tool, "pages": seen, "words": words}
    if memo_path is not None and kept_memo != memo:
        with contextlib.suppress(OSError):  # only makes the next build read the pages again
            write_cache_file(memo_path, json.dumps(kept_memo, sort_keys=True).encode())
    return []


def _problem(message: str) -> Problem:
    return Problem(Location("search"), message)


# --- which pages, in which language -------------------------------------------------------


def _load_memo(path: Path) -> dict:
    """search-pages.json: what this code read of each page (content digest -> [marked,
    language]) and which Pagefind it ran ([binary, size, mtime, version]); {} if it was
    another version of this code, or is not what it writes (dropped with a note)."""
    value = read_json_cache_file(path, _is_memo)
    return value if isinstance(value, dict) and value.get("format") == FORMAT and value["code"] == _own_code() else {}


def _is_memo(value) -> bool:
    if isinstance(value, dict) and value.get("format") != FORMAT and isinstance(value.get("format"), int):
        return True  # another version's: not read, and not worth a note
    if not (isinstance(value, dict) and value.keys() == {"format", "code", "pagefind", "pages", "words"}):
        return False
    tool, pages, words = value["pagefind"], value["pages"], value["words"]
    return (
        type(value["code"]) is str
        and (tool is None or (isinstance(tool, list) and [type(part) for part in tool] == [str, int, int, str]))
        and isinstance(pages, dict)
        and all(isinstance(read, list) and len(read) == 2 and type(read[0]) is bool and type(read[1]) is str for read in pages.values())
        and isinstance(words, dict)
        and all(isinstance(by_lang, dict) and all(_is_words(found) for found in by_lang.values()) for by_lang in words.values())
    )


def _is_words(found) -> bool:
    return isinstance(found, list) and all(type(word) is str for word in found)


def _read_pages(writer, memo: dict) -> tuple[dict[str, tuple[bool, str]], dict]:
    """Every HTML file of the site -> (marked for the index, language): from the memo by its
    digest, else read from the staging folder. Also the memo for the next build."""
    pages: dict[str, tuple[bool, str]] = {}
    seen: dict = {}
    for relative, file_digest in writer.hashes.items():
        if not relative.endswith(".html") or relative.startswith(BUNDLE):
            continue
        known = memo.get(file_digest)
        if known is None:
            known = list(search_shards.read_page((writer.staging / relative).read_bytes()))
        seen[file_digest] = known
        pages[relative] = (known[0], known[1])
    return pages, seen


# --- keeping the shards the output has ------------------------------------------------------


@functools.cache
def _own_code() -> str:
    """A digest of the code that chooses, runs and rewrites Pagefind (its output is made by it)."""
    code = hashlib.blake2b(digest_size=16)
    for name in _OWN_CODE:
        code.update((Path(__file__).parent / name).read_bytes())
    return code.hexdigest()


def _key(what: list, version: str) -> str:
    """What a bundle's files are made from: for a shard, its folder and pages (file and
    digest); for a words' index, the words of each of its shards; and Pagefind's version
    and the code here."""
    made_from = [FORMAT, version, _own_code(), *what]
    return digest(json.dumps(made_from, ensure_ascii=False, separators=(",", ":")).encode())


def _reusable(finishing, keys: dict[str, str]) -> tuple[dict[str, dict[str, str]], dict, dict[str, dict[str, str]]]:
    """({folder: {file: digest}} of the current output's shards that have the key a shard
    of this build has, and whose files are all as the last build left them; shards.json's
    record of the output's shards; and {folder: {file: digest}} of every shard of the output
    whose files are all as the last build left them, whatever its key). Nothing without an
    output to keep from, or without a cache (no stamps to check it by: finishing.output is
    empty then)."""
    writer, output = finishing.writer, finishing.output
    wanted = output.get(SHARDS_FILE)
    if not wanted:
        return {}, {}, {}
    try:
        data = (writer.out / SHARDS_FILE).read_bytes()
        record = json.loads(data)["bundles"] if digest(data) == wanted else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}, {}, {}
    if not isinstance(record, dict) or not all(_is_shard_record(info) for info in record.values()):
        return {}, {}, {}
    folders = {folder for folder in record if folder != search_shards.MAIN}
    listed: dict[str, dict[str, str]] = {}
    for relative, file_digest in writer.previous.items():  # the output's manifest: every file it had
        if relative.startswith(BUNDLE) and relative != SHARDS_FILE:
            first = relative[len(BUNDLE) :].split("/", 1)[0] + "/"
            listed.setdefault(first if first in folders else search_shards.MAIN, {})[relative] = file_digest
    trusted = {
        folder: files
        for folder, files in listed.items()
        if all(output.get(relative) == file_digest for relative, file_digest in files.items())
    }
    kept = {folder: files for folder, files in trusted.items() if folder in keys and record.get(folder, {}).get("key") == keys[folder]}
    return kept, record, trusted


def _is_shard_record(info) -> bool:
    return (
        isinstance(info, dict)
        and type(info.get("key")) is str
        and isinstance(info.get("languages"), list)
        and all(type(lang) is str for lang in info["languages"])
    )


@dataclass
class _Merged:
    """A shard other than the main bundle, put together from its pages' records
    (search_merge.py): those of the current output's bundle whose pages have not changed
    (kept: file -> record; their fragments stay: file -> (path in the bundle, digest)), and
    those of the pages indexed now (_ready: made). entry: a pagefind-entry.json to take
    Pagefind's version and characters from. The records are dropped once assembled."""

    shard: search_shards.Shard
    kept: dict = field(default_factory=dict)
    kept_fragments: dict = field(default_factory=dict)
    made_fragments: dict = field(default_factory=dict)  # file -> (path in the bundle, its file in the work folder)
    entry: dict | None = None
    files: dict | None = None
    words: dict | None = None

    def changed(self) -> search_shards.Shard:
        """The shard with only the pages Pagefind has to index."""
        return search_shards.Shard(self.shard.folder, tuple(page for page in self.shard.pages if page[0] not in self.kept), self.shard.lang)

    def assemble(self, bundle: Path | None = None) -> None:
        """The bundle's files, from the records kept and those of the bundle Pagefind just
        wrote for the changed pages (if any)."""
        records = dict(self.kept)
        # Taking a bundle apart and putting one together make a great many lists, none
        # cyclic: with a large heap the collector's full passes took more than half the time.
        with collector.paused():
            if bundle is not None:
                self.entry = _entry(bundle)
                changed = [file for file, _digest in self.changed().pages]
                try:
                    made = search_merge.split(bundle, changed)
                    if len(made) != len(changed):
                        raise search_merge.CannotMerge(f"{len(changed) - len(made)} of its pages are not in the index")
                except search_merge.CannotMerge:
                    raise
                except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
                    raise UnknownIndexFormat(self.entry["version"], f" ({type(exc).__name__}: {exc})") from None
                for file, record in made.items():
                    inside = search_merge.fragment_path(record)
                    self.made_fragments[file] = (inside, bundle / inside)
                records.update(made)
            assert self.entry is not None
            self.files, self.words = search_merge.assemble(list(records.items()), self.entry["version"], self.entry["include_characters"])
        self.kept = {}

    def publish(self, writer) -> dict[str, list[str]]:
        """Adds the bundle's files to the writer; returns its words by language."""
        if self.files is None:
            self.assemble()
        assert self.files is not None and self.words is not None
        prefix = BUNDLE + self.shard.folder
        for name, data in sorted(self.files.items()):
            writer.add(prefix + name, data)
        for _file, (inside, fragment_digest) in sorted(self.kept_fragments.items()):
            writer.add(prefix + inside, Unchanged(fragment_digest), fragment_digest)
        for _file, (inside, path) in sorted(self.made_fragments.items()):
            writer.add(prefix + inside, Moved(path), digest(path.read_bytes()))
        return self.words


def _old_records(finishing, shard: search_shards.Shard, record: dict, trusted: dict, version: str) -> _Merged:
    """The shard, with the records of its pages that have not changed since the current
    output's bundle of it was made: none unless that bundle's files are all as the last
    build left them and its key says it was made, by this code, from the pages it has."""
    merged = _Merged(shard)
    files, info, output = trusted.get(shard.folder), record.get(shard.folder), finishing.output
    if not files or not info:
        return merged
    bundle = finishing.writer.out / BUNDLE / shard.folder
    try:
        entry = _entry(bundle)
        with collector.paused():  # as in _Merged.assemble
            records = search_merge.split(bundle, [file for file in output if file.endswith(".html") and not file.startswith(BUNDLE)])
    except (UnknownIndexFormat, search_merge.CannotMerge, OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        return merged
    if _key([shard.folder, sorted((file, output[file]) for file in records)], version) != info["key"]:
        return merged
    now = dict(shard.pages)
    for file, page in records.items():
        inside = search_merge.fragment_path(page)
        fragment_digest = files.get(BUNDLE + shard.folder + inside)
        if now.get(file) == output[file] and fragment_digest:
            merged.kept[file] = page
            merged.kept_fragments[file] = (inside, fragment_digest)
    merged.entry = entry
    return merged


def _version(command: list[str], known: list | None) -> tuple[str, list | None]:
    """Pagefind's version, as it says it ("pagefind 1.5.2"), or "" if it cannot say (then
    indexing says why); and what to remember of the binary: the version is asked once per
    binary (its path, size and time), not on every build."""
    binary = None
    if len(command) == 1:
        with contextlib.suppress(OSError):
            status = os.stat(command[0])
            binary = [command[0], status.st_size, status.st_mtime_ns]
    if binary and known and known[:3] == binary:
        return known[3], known
    version = ""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        result = child_process.run_with_build([*command, "--version"], timeout=60)
        if result.returncode == 0:
            version = result.stdout.strip()
    return version, [*binary, version] if binary and version else None


# --- indexing -----------------------------------------------------------------------------


def _work_name(shard: search_shards.Shard) -> str:
    return shard.folder.rstrip("/") or "main"


def _glob(files) -> str:
    """A Pagefind glob matching exactly these files (its metacharacters escaped)."""
    special = "\\*?[]{}<>!,"
    return "{" + ",".join("".join("\\" + c if c in special else c for c in file) for file in files) + "}"


@dataclass
class _Run:
    shard: search_shards.Shard
    folder: Path  # work/<name>/: Pagefind's settings and log, and the bundle it writes
    child: child_process.Tied
    log: IO[bytes]

    def end(self) -> None:
        self.child.end()
        self.log.close()


def _start(shard: search_shards.Shard, staging: Path, folder: Path, command: list[str]) -> _Run:
    """Pagefind on one shard's pages. The glob naming them is in a settings file (Pagefind
    reads pagefind.json from where it runs, under what its command line says): naming a
    thousand pages, it is longer than a command line may be."""
    folder.mkdir(parents=True)
    (folder / "pagefind.json").write_text(json.dumps({"glob": _glob(file for file, _digest in shard.pages)}), encoding="utf-8")
    arguments = ["--site", str(staging), "--output-path", str(folder / "bundle"), "--silent"]
    log = open(folder / "pagefind.log", "wb")  # noqa: SIM115 (closed with the run: _Run.end)
    try:
        return _Run(shard, folder, child_process.start([*command, *arguments], log=log, cwd=folder), log)
    except BaseException:
        log.close()
        raise


def _index(shards: list, staging: Path, work: Path, command: list[str], jobs: int, merged: dict) -> list[Problem]:
    """Runs Pagefind on each shard's pages (`jobs` at a time, the largest first), each into
    work/<name>/bundle/, and readies each bundle: the main one as Pagefind wrote it, the
    others put together with the records they keep (merged: folder -> _Merged); problems
    if one fails (the others are ended then, as they are when the build is interrupted)."""
    todo = sorted(shards, key=lambda shard: (-len(shard.pages), shard.folder))
    running: list[_Run] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while todo or running:
            while todo and len(running) < jobs:
                shard = todo.pop(0)
                try:
                    running.append(_start(shard, staging, work / _work_name(shard), command))
                except OSError as exc:
                    return [_problem(f"could not run Pagefind: {exc}")]
            finished = [run for run in running if run.child.child.poll() is not None]
            if not finished:
                if time.monotonic() > deadline:
                    return [_problem(f"could not run Pagefind: it took more than {TIMEOUT} seconds")]
                time.sleep(0.005)
                continue
            for run in finished:
                running.remove(run)
                run.end()
                problem = _ready(run.shard, run.folder, run.child.child.returncode, merged)
                if problem:
                    return [problem]
        return []
    finally:
        for run in running:
            run.end()


def _ready(shard: search_shards.Shard, folder: Path, returncode: int, merged: dict) -> Problem | None:
    """A problem if Pagefind failed on this shard; else its bundle: the main one made
    reproducible, with only what the search page loads; another one taken apart into its
    pages' records and put together with those its shard keeps (merged[its folder]), while
    the other runs go on."""
    if returncode != 0:
        output = (folder / "pagefind.log").read_text(encoding="utf-8", errors="replace").strip()
        if "No module named" in output:
            return _problem("Pagefind is not installed: pip install 'pagefind[bin]', or build with --no-search")
        return _problem("Pagefind failed: " + (output.splitlines()[-1] if output else f"exit code {returncode}"))
    bundle = folder / "bundle"
    if not (bundle / "pagefind-entry.json").is_file():
        return _problem("Pagefind wrote no index (no page is marked for search)")
    if not shard.main:
        merged[shard.folder].assemble(bundle)
        return None
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    try:
        words = search_words.rechunk(bundle)
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise UnknownIndexFormat(_version_in(bundle), f" ({type(exc).__name__}: {exc})") from None
    (folder / "words.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    stabilise(bundle)
    return None


def _entry(bundle: Path) -> dict:
    """A bundle's pagefind-entry.json, of a Pagefind whose index format is known here."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        version = entry["version"]
        entry["include_characters"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UnknownIndexFormat("", f" (pagefind-entry.json: {exc})") from None
    if not isinstance(version, str) or not version.startswith(SUPPORTED_SERIES):
        raise UnknownIndexFormat(str(version or "(no version)"))
    return entry


def _version_in(bundle: Path) -> str:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        return str(json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8")).get("version", ""))
    return ""


def _publish(writer, folder: Path, shard_folder: str) -> list[str]:
    """The shard's bundle moved into place through the writer; returns its languages."""
    bundle = folder / "bundle"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for path in sorted(path for path in bundle.rglob("*") if path.is_file()):
        relative = BUNDLE + shard_folder + path.relative_to(bundle).as_posix()
        writer.add(relative, Moved(path), digest(path.read_bytes()))
    return sorted(entry["languages"])


def _keep(writer, files: dict[str, str]) -> None:
    for relative, file_digest in sorted(files.items()):
        writer.add(relative, Unchanged(file_digest), file_digest)


def _lexicon_members(shards: list) -> list[str]:
    return sorted({folder for members in search_shards.lexicons(shards).values() for folder in members})


def _made_words(folder: Path) -> dict[str, list[str]]:
    """The words of a shard just indexed (search_words.rechunk read them)."""
    return json.loads((folder / "words.json").read_text(encoding="utf-8"))


def _words(writer, folder: str) -> dict[str, list[str]]:
    """The words of a shard as it is now in the staging folder (not remembered in the cache)."""
    return search_words.shard_words(writer.staging / BUNDLE / folder)


def _lexicons(finishing, shards: list, keys: dict[str, str], words: dict, version: str) -> dict[str, tuple[str, list[str]]]:
    """The words' index of each language cut into shards (search_words.py), kept from the
    current output when its shards have the same words; folder -> (key, [language])."""
    writer = finishing.writer
    made = {}
    for folder, members in search_shards.lexicons(shards).items():
        shard = next(shard for shard in shards if shard.folder == members[1])
        lang = min(words[keys[shard.folder]])  # Pagefind's name for the language of these shards (they have one)
        records = [(member, words[keys[member]].get(lang, [])) for member in members]
        key = _key([folder, lang, [[member, digest("\n".join(found).encode())] for member, found in records]], version)
        kept, _previous, _trusted = _reusable(finishing, {folder: key})
        if folder in kept:
            _keep(writer, kept[folder])
        else:
            entry = json.loads((writer.staging / BUNDLE / shard.folder / "pagefind-entry.json").read_text(encoding="utf-8"))
            for name, data in sorted(search_words.lexicon(lang, records, entry).items()):
                writer.add(BUNDLE + folder + name, data)
        made[folder] = (key, [lang])
    return made


def _shards_file(bundles: dict[str, tuple[str, list[str]]], lexicons: dict[str, list[str]]) -> bytes:
    """/pagefind/shards.json: for each language of the main bundle, the other shards its
    search page merges and the index of their words (search.js); and each bundle's key and
    languages, for the next build."""
    languages = {}
    for lang in bundles[search_shards.MAIN][1]:
        merged = [folder for folder, (_key, langs) in sorted(bundles.items()) if folder and lang in langs and folder not in lexicons]
        index = next((folder for folder, members in lexicons.items() if set(members[1:]) == set(merged)), None) if merged else None
        languages[lang] = {"merge": merged, "words": index}
    record = {folder: {"key": key, "languages": langs} for folder, (key, langs) in bundles.items()}
    return json.dumps({"languages": languages, "bundles": record}, sort_keys=True, separators=(",", ":")).encode()

"""Search with Pagefind: the finaliser that indexes the finished pages into /pagefind/ (what
each page gives the index is pages/search_data.py).

Pagefind makes one index per <html lang>, so a search page only ever finds pages in its
own language.

The index is cut into shards (search_shards.py), each a Pagefind bundle of its own, which
the search page merges when it searches. A shard is indexed again only when one of its
pages changed: shards.json, published beside the index, records what each shard was made
from (a key: its pages' files and digests, Pagefind's version and this code), and a shard
whose key is the one the current output's has is kept from it. Its files go through the
writer like the pages: the spare's copy stays when it is the same, else the output's file
is copied, never linked. Only files as the last build left them are kept (their stamps:
stamps.verified_manifest); one edited, truncated or replaced by hand makes its shard be
indexed again, and --clean keeps nothing.

Pagefind runs as its command line, once per shard to index, as many at a time as the
build has jobs, each reading its pages from the staging folder (the pages' list is in a
settings file: a command line has a length limit). Measured at 1,000 article pairs, this
was faster than its Python API (which takes each page's HTML through a pipe, base64 in
JSON, and wrote the bundles one after the other: 6.2 s against 4.7 s for the whole index).

Each shard's index is cut into chunks between first letters, and each language cut into
shards has an index of every shard's words, which the search page asks first: so merged
shards find what one index would (search_words.py).

Which pages Pagefind indexes, and in which language, is read from the pages themselves
(search_shards.read_page); the build's cache remembers it per content digest, and each
shard's words by its key (search-pages.json), so an edit reads only the pages it changed.

Pagefind writes its filter and metadata index files out of hash maps in arbitrary order
(Pagefind issue #638 fixed this for the page fragments only); pagefind_stable.py puts them
in a fixed order afterwards, so the whole build, index included, is byte-identical.
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
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from vnu_site.errors import Location, Problem
from vnu_site.io import child_process
from vnu_site.io.safe_files import read_json_cache_file, write_cache_file
from vnu_site.io.write import Moved, Unchanged, digest
from vnu_site.outputs import search_shards, search_words
from vnu_site.outputs.pagefind_stable import UnknownIndexFormat, stabilise

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
_OWN_CODE = ("search.py", "search_shards.py", "search_words.py", "pagefind_stable.py")


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
        kept, previous = _reusable(finishing, keys)
        todo = [shard for shard in shards if shard.folder not in kept]
        problems = _index(todo, writer.staging, work, command, options.jobs or os.cpu_count() or 1)
        if problems:
            return problems
        bundles = {}  # folder -> (key, its languages)
        for shard in shards:
            if shard.folder in kept:
                _keep(writer, kept[shard.folder])
                bundles[shard.folder] = (keys[shard.folder], previous[shard.folder]["languages"])
            else:
                bundles[shard.folder] = (keys[shard.folder], _publish(writer, work / _work_name(shard), shard.folder))
        made = {keys[shard.folder]: _made_words(work / _work_name(shard)) for shard in todo}
        words = {
            keys[folder]: made.get(keys[folder]) or words.get(keys[folder]) or _words(writer, folder) for folder in _lexicon_members(shards)
        }
        bundles.update(_lexicons(finishing, shards, keys, words, version))
        writer.add(SHARDS_FILE, _shards_file(bundles, search_shards.lexicons(shards)))
    except UnknownIndexFormat as exc:
        return [_problem(str(exc))]
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


def _reusable(finishing, keys: dict[str, str]) -> tuple[dict[str, dict[str, str]], dict]:
    """({folder: {file: digest}} of the current output's shards that have the key a shard
    of this build has, and whose files are all as the last build left them; shards.json's
    record of the output's shards). Nothing without an output to keep from, or without a
    cache (no stamps to check it by: finishing.output is empty then)."""
    writer, output = finishing.writer, finishing.output
    wanted = output.get(SHARDS_FILE)
    if not wanted:
        return {}, {}
    try:
        data = (writer.out / SHARDS_FILE).read_bytes()
        record = json.loads(data)["bundles"] if digest(data) == wanted else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}, {}
    if not isinstance(record, dict) or not all(_is_shard_record(info) for info in record.values()):
        return {}, {}
    folders = {folder for folder in record if folder != search_shards.MAIN}
    listed: dict[str, dict[str, str]] = {}
    for relative, file_digest in writer.previous.items():  # the output's manifest: every file it had
        if relative.startswith(BUNDLE) and relative != SHARDS_FILE:
            first = relative[len(BUNDLE) :].split("/", 1)[0] + "/"
            listed.setdefault(first if first in folders else search_shards.MAIN, {})[relative] = file_digest
    kept = {
        folder: files
        for folder, files in listed.items()
        if folder in keys
        and record.get(folder, {}).get("key") == keys[folder]
        and all(output.get(relative) == file_digest for relative, file_digest in files.items())
    }
    return kept, record


def _is_shard_record(info) -> bool:
    return (
        isinstance(info, dict)
        and type(info.get("key")) is str
        and isinstance(info.get("languages"), list)
        and all(type(lang) is str for lang in info["languages"])
    )


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


def _index(shards: list, staging: Path, work: Path, command: list[str], jobs: int) -> list[Problem]:
    """Runs Pagefind on each shard (`jobs` at a time, the largest first), each into
    work/<name>/bundle/, and readies each bundle; problems if one fails (the others are
    ended then, as they are when the build is interrupted)."""
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
                problem = _ready(run.shard, run.folder, run.child.child.returncode)
                if problem:
                    return [problem]
        return []
    finally:
        for run in running:
            run.end()


def _ready(shard: search_shards.Shard, folder: Path, returncode: int) -> Problem | None:
    """A problem if Pagefind failed on this shard; else its bundle, made reproducible, with
    only what the search page loads (Pagefind's code in the main bundle only)."""
    if returncode != 0:
        output = (folder / "pagefind.log").read_text(encoding="utf-8", errors="replace").strip()
        if "No module named" in output:
            return _problem("Pagefind is not installed: pip install 'pagefind[bin]', or build with --no-search")
        return _problem("Pagefind failed: " + (output.splitlines()[-1] if output else f"exit code {returncode}"))
    bundle = folder / "bundle"
    if not (bundle / "pagefind-entry.json").is_file():
        return _problem("Pagefind wrote no index (no page is marked for search)")
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    if not shard.main:  # a merged index: Pagefind loads its code from the main bundle only
        for path in [*bundle.glob("*.js"), *bundle.glob("wasm.*.pagefind")]:
            path.unlink()
    try:
        words = search_words.rechunk(bundle)
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise UnknownIndexFormat(_version_in(bundle), f" ({type(exc).__name__}: {exc})") from None
    (folder / "words.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    stabilise(bundle)
    return None


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
        kept, _previous = _reusable(finishing, {folder: key})
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

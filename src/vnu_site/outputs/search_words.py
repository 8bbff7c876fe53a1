"""The words of each shard of the search index, in one small index per language that the
search page asks before it searches (search.js), so that merged shards find what one index
would.

Pagefind matches each word of a query with the words of its index that start with it; when
an index has none, it takes the longest word of the index that the query word starts with,
and when it has none either, it leaves the word out of the search. Each shard is an index
of its own: a shard without a word that other shards have would answer with pages that only
have the other words of the query, or a shorter word (searching "Cambridge", a shard without
it finds "cam"). So for each language cut into shards, this index has one record per shard
holding every word of that shard's index (as Pagefind stored it: normalised, stemmed), and
a filter naming the shard: a search of one query word in it names the shards that answer
that word as one index would (those with a word starting with it; or, when no shard has
one, those with the longest word it starts with); the search page then searches those
shards only.

It is written here rather than by Pagefind: fed the words again, Pagefind would split and
stem them again (a stem is not always its own stem). The format is Pagefind's private one,
read and written as pagefind_stable.py does (Pagefind 1.5): gzip'd CBOR behind a signature.

For the same reason every index, the shards' too, is cut into chunks between first letters
(`rechunk`). Pagefind cuts an index into chunks of about the same size and loads, for a
query word, the chunk whose range holds it: the word it falls back to (a shorter one) may
sit in the chunk before, unloaded, and a shard cut there would leave the query word out
where another shard, or the words' index, takes the shorter one. All the words a query word
may match start with its first letter: with no letter split between chunks, each index sees
them all. Consecutive letters share a chunk up to CHUNK_BYTES: smaller chunks than
Pagefind's, so a search fetches less (about 40 % of the bytes at 1,000 pairs: each shard
sends the chunks of the query's letters), and not one per letter (a search by filters alone
loads every chunk). The words' entries are moved as they are, not encoded again.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
LAST = "\U0010ffff"  # after every word that starts the same: a chunk's bound "c" + LAST holds all of c
CHUNK_BYTES = 48_000  # a chunk's words (CBOR, before gzip), about: Pagefind's are 40-130 KB gzip'd
FILTER = "vnu_lexicon"  # the filter naming each record's shard (search.js)
MAIN_NAME = "main"  # the main bundle's name in the filters ("" is no filter value)


def shard_words(bundle: Path) -> dict[str, list[str]]:
    """Language -> the words of a Pagefind bundle's index, sorted."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    words: dict[str, list[str]] = {}
    for lang, info in entry["languages"].items():
        meta = _load(bundle / f"pagefind.{info['hash']}.pf_meta")
        found: set[str] = set()
        for _first, _last, chunk in meta[2]:
            found.update(word[0] for word in _load(bundle / "index" / f"{chunk}.pf_index")[0])
        words[lang] = sorted(found)
    return words


def rechunk(bundle: Path) -> dict[str, list[str]]:
    """Cuts each language's index of a bundle Pagefind wrote into chunks between first
    letters (see the module's docstring), in a renamed metadata file; returns language ->
    its words. pagefind_stable.stabilise then gives the files their lasting names."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    words: dict[str, list[str]] = {}
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _load(meta_path)
        entries: list[tuple[str, bytes]] = []
        for _first, _last, chunk in meta[2]:
            path = bundle / "index" / f"{chunk}.pf_index"
            entries.extend(_entries(_raw(path.read_bytes(), path.name)))
            path.unlink()
        entries.sort(key=lambda entry: entry[0])
        files: dict[str, bytes] = {}
        meta[2] = _chunks(files, lang, entries)
        meta_path.unlink()
        info["hash"] = _write(files, "pagefind.{}.pf_meta", f"{lang}_", meta, 10)
        for name, data in files.items():
            (bundle / name).write_bytes(data)
        words[lang] = [word for word, _encoded in entries]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return words


def _entries(raw: bytes) -> list[tuple[str, bytes]]:
    """The words of an index chunk ([[entry, ...]]), each with its entry's own bytes."""
    if raw[:1] != b"\x81":
        raise ValueError("an index chunk that is not [[word, ...]]")
    count, at = _array_head(raw, 1)
    stream = io.BytesIO(raw)
    stream.seek(at)
    decoder = cbor2.CBORDecoder(stream)
    found = []
    for _ in range(count):
        entry = decoder.decode()
        end = stream.tell()
        found.append((entry[0], raw[at:end]))
        at = end
    if at != len(raw):
        raise ValueError("an index chunk with bytes after its words")
    return found


def _array_head(raw: bytes, at: int) -> tuple[int, int]:
    """(length, where its items start) of the CBOR array whose head is at `at`."""
    kind, info = raw[at] >> 5, raw[at] & 0x1F
    if kind != 4 or info > 27:
        raise ValueError("not a CBOR array of known length")
    if info < 24:
        return info, at + 1
    size = 1 << (info - 24)
    return int.from_bytes(raw[at + 1 : at + 1 + size], "big"), at + 1 + size


def _chunks(files: dict, lang: str, entries: list[tuple[str, bytes]]) -> list:
    """Index chunks of these (word, encoded entry) (sorted), never splitting the words of one
    first letter, each said to hold every word that starts with its letters; their [first,
    last, name] for the metadata."""
    by_letter: dict[str, list[bytes]] = {}
    for word, encoded in entries:
        by_letter.setdefault(word[0], []).append(encoded)
    return letter_chunks(files, lang, [(letter, len(words), b"".join(words)) for letter, words in by_letter.items()])


def letter_chunks(files: dict, lang: str, letters: list[tuple[str, int, bytes]]) -> list:
    """As _chunks, from each first letter's entries already encoded one after the other
    (letter, how many, their bytes), in the order of the letters."""
    chunks = []
    parts: list[bytes] = []  # the entries of the letters so far: what a chunk's array holds
    count = size = 0
    first = ""
    for number, (letter, words, encoded) in enumerate(letters):
        if not parts:
            first = letter
        parts.append(encoded)
        count += words
        size += len(encoded)
        if size >= CHUNK_BYTES or number == len(letters) - 1:
            body = b"\x81" + _array_header(count) + b"".join(parts)  # [[word, ...]]
            name = _write_encoded(files, "index/{}.pf_index", f"{lang}_", body, 7)
            chunks.append([first, letter + LAST, name])
            parts, count, size = [], 0, 0
    return chunks


def _array_header(length: int) -> bytes:
    """CBOR's head of an array of `length` items (as cbor2 writes it)."""
    return cbor2.dumps([None] * length)[: -length or None] if length else b"\x80"


def filter_value(folder: str) -> str:
    return folder or MAIN_NAME


def lexicon(lang: str, records: list[tuple[str, list[str]]], entry: dict) -> dict[str, bytes]:
    """The bundle's files (path inside it -> bytes): one record per (shard folder, its
    words), each with the filter FILTER naming the shard. entry: a pagefind-entry.json of
    the same Pagefind and language (its version, WebAssembly and characters are copied)."""
    version = entry["version"]
    postings: dict[str, list[int]] = {}
    for number, (_folder, words) in enumerate(records):
        for word in words:
            postings.setdefault(word, []).append(number)
    files: dict[str, bytes] = {}
    chunks = _chunks(files, lang, [(word, cbor2.dumps([word, _pages(postings[word]), []])) for word in sorted(postings)])
    values = [[filter_value(folder), [number]] for number, (folder, _words) in enumerate(records)]
    filter_name = _write(files, "filter/{}.pf_filter", f"{lang}_", [FILTER, sorted(values)], 7)
    pages = [[f"{lang}_{hashlib.sha1(filter_value(folder).encode()).hexdigest()[:7]}", max(1, len(words))] for folder, words in records]
    meta = [version, pages, chunks, [[FILTER, filter_name]], [], []]
    meta_name = _write(files, "pagefind.{}.pf_meta", f"{lang}_", meta, 10)
    info = {"hash": meta_name, "wasm": entry["languages"][lang]["wasm"], "page_count": len(records)}
    manifest = {"version": version, "languages": {lang: info}, "include_characters": entry.get("include_characters", [])}
    files["pagefind-entry.json"] = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode()
    return files


def _pages(numbers: list[int]) -> list:
    """Pagefind's postings: page numbers as deltas, each with one position (word 0)."""
    return [[number - previous, [0]] for previous, number in zip([0, *numbers], numbers, strict=False)]


def _write(files: dict, pattern: str, prefix: str, value, length: int) -> str:
    return _write_encoded(files, pattern, prefix, cbor2.dumps(value), length)


def _write_encoded(files: dict, pattern: str, prefix: str, encoded: bytes, length: int) -> str:
    """The file under the name its content's hash gives (as Pagefind names them); gzip
    without a timestamp, so the bytes depend on the content alone."""
    body = SIGNATURE + encoded
    name = prefix + hashlib.sha1(body).hexdigest()[:length]
    files[pattern.format(name)] = gzip.compress(body, compresslevel=6, mtime=0)
    return name


def _load(path: Path):
    return _load_bytes(path.read_bytes(), path.name)


def _load_bytes(data: bytes, name: str = "a file"):
    return cbor2.loads(_raw(data, name))


def _raw(data: bytes, name: str) -> bytes:
    """A Pagefind data file's CBOR."""
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{name} is not a Pagefind data file")
    return raw[len(SIGNATURE) :]

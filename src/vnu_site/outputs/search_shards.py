"""Which shard of the search index each page goes into (outputs/search.py makes them).

Pagefind cannot update an index in place: a page that changes means writing again every
file of its index. So the index is cut into shards, each a complete Pagefind bundle made
from its own pages, and the search page merges them when it searches (Pagefind's
`mergeIndex`): an edit writes again only the shards of the pages it changed, and Pagefind
indexes only those pages (search_merge.py puts a shard together from its pages' records).

The rule is a function of the pages alone (their paths and languages), so an incremental
build makes the very same shards as a clean one:
- a language with n pages has min(MAX_SHARDS, ceil(n / SHARD_PAGES)) shards; with one, all
  its pages are in the main bundle; with more, the main bundle has its first page (the
  smallest hash of its path: a stable hash, not Python's), and every other page goes into
  /pagefind/<lang>-<k>/, k = hash(path) mod the count;
- the main bundle, /pagefind/, is the one whose pagefind.js the search page imports, with
  Pagefind's code and its WebAssembly; the others hold their index only (Pagefind loads
  code from the main one alone).

The main bundle holds every language because Pagefind takes its index for the search
page's own language and, when that one is missing, falls back to another language's; one
page of each is enough, and so few are rarely edited (and cheap to index again). The other
shards hold one language each, and shards.json names those the search page of each
language merges, with the index of their words (search_words.py, `lexicons` below: merged
shards must answer what one index would). A small site (one shard a language) has the
main bundle alone.

How many: fewer shards make each edit write a bigger bundle again (128 pages: about 0.1 s
to take apart and put together); more shards make the first search fetch more files (each
shard's entry, metadata and index chunks). A 1,000-pair site has 11 shards a language. See
docs/architecture.md for the measures.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

SHARD_PAGES = 128  # pages a shard holds, about: what an edit writes again
MAX_SHARDS = 16  # shards a language has at most: what the first search on a big site fetches
MAIN = ""  # the main bundle's folder under /pagefind/

# Pagefind's reading of a page: its <html lang>, and whether an element marks the part to index.
_HTML_LANG = re.compile(rb"<html\b[^>]*?\slang\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)
_BODY_MARK = re.compile(rb"<[a-zA-Z][^>]*?\sdata-pagefind-body[\s=/>]")
_FOLDER_SAFE = re.compile(r"[^a-z0-9-]")


@dataclass(frozen=True)
class Shard:
    folder: str  # under /pagefind/: MAIN, or "<lang>-<k>/"
    pages: tuple[tuple[str, str], ...]  # (output file, its digest), sorted
    lang: str = ""  # the language of a shard but the main bundle's

    @property
    def main(self) -> bool:
        return self.folder == MAIN


def lexicons(shards: list[Shard]) -> dict[str, list[str]]:
    """For each language cut into shards: the folder of its words' index (search_words.py)
    -> the shards that have its pages, the main bundle first."""
    found: dict[str, list[str]] = {}
    for shard in shards:
        if not shard.main:
            found.setdefault(shard.folder.rsplit("-", 1)[0] + "-words/", [MAIN]).append(shard.folder)
    return found


def read_page(html: bytes) -> tuple[bool, str]:
    """(whether the page marks a part for the index, its language as Pagefind groups it)."""
    found = _HTML_LANG.search(html, 0, 4096)
    lang = found.group(1).decode("ascii", "replace").lower() if found and found.group(1) else "unknown"
    return bool(_BODY_MARK.search(html)), lang


def indexed(pages: dict[str, tuple[bool, str]]) -> dict[str, str]:
    """The pages Pagefind indexes (file -> language): those that mark a part for it, or, on
    a site where none does, every page (as Pagefind does over the whole site)."""
    marked = any(mark for mark, _lang in pages.values())
    return {file: lang for file, (mark, lang) in pages.items() if mark or not marked}


def shard_count(pages: int) -> int:
    return max(1, min(MAX_SHARDS, math.ceil(pages / SHARD_PAGES)))


def _hash(file: str) -> int:
    return int.from_bytes(hashlib.blake2b(file.encode("utf-8"), digest_size=8).digest(), "big")


def plan(pages: dict[str, str], digests: dict[str, str]) -> list[Shard]:
    """The shards of these pages (file -> language), each with its pages' digests; the main
    bundle first, then the others by folder."""
    by_lang: dict[str, list[str]] = {}
    for file, lang in pages.items():
        by_lang.setdefault(lang, []).append(file)
    folders: dict[str, list[str]] = {}
    langs = {MAIN: ""}
    for lang, files in sorted(by_lang.items()):
        count = shard_count(len(files))
        if count == 1:
            folders.setdefault(MAIN, []).extend(files)
            continue
        hashes = {file: _hash(file) for file in files}
        first = min(files, key=lambda file: (hashes[file], file))
        folders.setdefault(MAIN, []).append(first)
        name = _FOLDER_SAFE.sub("_", lang) or "_"
        for file in files:
            if file != first:
                folder = f"{name}-{hashes[file] % count}/"
                folders.setdefault(folder, []).append(file)
                langs[folder] = lang
    return [
        Shard(folder, tuple(sorted((file, digests[file]) for file in files)), langs[folder]) for folder, files in sorted(folders.items())
    ]

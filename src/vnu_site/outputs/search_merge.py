"""A shard's search bundle put together from what Pagefind made of each of its pages, so an
edit indexes again only the pages it changed, not every page of their shards.

Pagefind cannot update an index, but what it makes of a page depends on that page alone:
its fragment (named after its content, URL included), its word count, and each word's
positions in it. `split` takes those apart from a bundle Pagefind wrote for some pages (a
record per page); `assemble` writes the bundle of a shard from its pages' records in one
fixed order (by file), whichever runs of Pagefind made them: so a shard put together from
records an earlier build kept and those of its changed pages is byte for byte the one a
clean build makes. Search finds what Pagefind's own index of the same pages finds (the
pages are numbered otherwise; tests/outputs/test_search_merge.py compares them).

A record holds its page's fragment's name (the file stays where Pagefind or the last build
wrote it), word count, filters, metadata names and words ((word, its form with diacritics
or "", positions, positions in the metadata), as Pagefind stored them). The records of the
pages an edit did not change are read back from the current output's bundle of their shard
(search.py checks it first). The format is Pagefind's private one, read as
pagefind_stable.py and search_words.py do (1.5); what this module does not know (sorting
by data-pagefind-sort) is refused by name.
"""

from __future__ import annotations

import json
from pathlib import Path

import cbor2

from vnu_site.outputs import search_words


class CannotMerge(ValueError):
    """Pagefind wrote something a shard cannot be put together from."""


def page_url(file: str) -> str:
    """The URL Pagefind gives a page of the site (its --keep-index-url off; it encodes
    nothing: "vi/thử nghiệm/index.html" is "/vi/thử nghiệm/")."""
    url = "/" + file
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


def split(bundle: Path, files: list[str]) -> dict[str, dict]:
    """The record of each page of a bundle (file -> record), its file found among these by
    its URL; the fragments stay in the bundle's fragment/ folder."""
    by_url = {page_url(file): file for file in files}
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    records: dict[str, dict] = {}
    for lang, info in entry["languages"].items():
        meta = search_words._load(bundle / f"pagefind.{info['hash']}.pf_meta")
        if meta[4]:
            raise CannotMerge("pages sorted with data-pagefind-sort")
        pages = meta[1]
        words: list[list] = [[] for _ in pages]
        for _first, _last, chunk in meta[2]:
            for word, postings, variants in search_words._load(bundle / "index" / f"{chunk}.pf_index")[0]:
                for form, found in [["", postings], *variants]:  # a form with diacritics, under the word without
                    number = 0
                    for delta, positions, meta_positions in found:
                        number += delta
                        words[number].append((word, form, positions, meta_positions))
        for (fragment, word_count), found in zip(pages, words, strict=True):
            data = (bundle / "fragment" / f"{fragment}.pf_fragment").read_bytes()
            page = json.loads(search_words._raw(data, fragment))
            file = by_url.get(page["url"])
            if file is None or file in records:
                raise CannotMerge(f"a page at {page['url']!r}, which was not asked for")
            records[file] = {
                "lang": lang,
                "wasm": info["wasm"],
                "fragment": fragment,
                "words": word_count,
                "filters": {name: sorted(values) for name, values in sorted(page.get("filters", {}).items())},
                "meta": sorted(page.get("meta", {})),
                "index": found,  # by word as the index had them, each once
            }
    return records


def assemble(records: list[tuple[str, dict]], version: str, include_characters: list[str]) -> tuple[dict[str, bytes], dict[str, list[str]]]:
    """A bundle's index files (path inside it -> bytes, fragments aside) for these pages
    (file, record), numbered in the order of their files; and its words by language."""
    by_lang: dict[str, list[dict]] = {}
    for _file, record in sorted(records, key=lambda item: item[0]):
        by_lang.setdefault(record["lang"], []).append(record)
    files: dict[str, bytes] = {}
    languages = {}
    words = {}
    for lang, pages in sorted(by_lang.items()):
        postings: dict[str, dict[str, list[list]]] = {}  # word -> its form ("" for itself) -> [page, positions, ...]
        filters: dict[str, dict[str, list[int]]] = {}
        for number, page in enumerate(pages):
            for word, form, positions, meta_positions in page["index"]:
                postings.setdefault(word, {}).setdefault(form, []).append([number, positions, meta_positions])
            for name, values in page["filters"].items():
                for value in values:
                    filters.setdefault(name, {}).setdefault(value, []).append(number)
        by_letter: dict[str, list] = {}
        for word in sorted(postings):
            forms = postings[word]
            variants = [[form, _deltas(forms[form])] for form in sorted(forms) if form]
            by_letter.setdefault(word[0], []).append([word, _deltas(forms.get("", [])), variants])
        # Each letter's entries encoded in one go (one after the other, as in a chunk's array)
        letters = [
            (letter, len(found), cbor2.dumps(found)[len(search_words._array_header(len(found))) :]) for letter, found in by_letter.items()
        ]
        chunks = search_words.letter_chunks(files, lang, letters)
        filter_files = sorted(
            [name, search_words._write(files, "filter/{}.pf_filter", f"{lang}_", [name, sorted(map(list, values.items()))], 7)]
            for name, values in filters.items()
        )
        fields = sorted({name for page in pages for name in page["meta"]})
        meta = [version, [[page["fragment"], page["words"]] for page in pages], chunks, filter_files, [], fields]
        meta_name = search_words._write(files, "pagefind.{}.pf_meta", f"{lang}_", meta, 10)
        languages[lang] = {"hash": meta_name, "wasm": pages[0]["wasm"], "page_count": len(pages)}
        words[lang] = sorted(postings)
    entry = {"version": version, "languages": languages, "include_characters": include_characters}
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return files, words


def _deltas(found: list[list]) -> list[list]:
    """Pagefind's postings: each page's number as the difference from the one before."""
    return [
        [number - previous, positions, meta_positions]
        for (previous, _p, _m), (number, positions, meta_positions) in zip([[0, 0, 0], *found], found, strict=False)
    ]


def fragment_path(record: dict) -> str:
    """Where a page's fragment is inside its bundle."""
    return f"fragment/{record['fragment']}.pf_fragment"

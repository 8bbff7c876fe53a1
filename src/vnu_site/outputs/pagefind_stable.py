"""Make Pagefind's index byte-identical from one build to the next.

Pagefind 1.x writes each filter (kind, partner) from a hash map, so the order of its
values, the file's content hash in its name, the language's metadata file that lists those
names, and the metadata's own hash in pagefind-entry.json change on every run, even for
the same site, and so does the order of languages in pagefind-entry.json. Everything else
it writes is stable. The files are gzip'd CBOR behind a
"pagefind_dcd" signature; order inside a filter means nothing to the reader (it loads the
values into a map), so we sort them, name each file after the hash of its sorted content,
and rewrite the references. Verified by building twice and comparing, and by the browser
suite's filtered searches.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
# The index format rewritten here is private to Pagefind: this is the release it was read
# from and tested with. pyproject.toml allows only its minor series; anything else is refused
# by name rather than rewritten on a guess.
TESTED_VERSION = "1.5.2"
SUPPORTED_SERIES = "1.5."


class UnknownIndexFormat(Exception):
    """Pagefind wrote an index this module does not know how to make reproducible."""

    def __init__(self, found: str, detail: str = ""):
        what = f"Pagefind {found}" if found else "this Pagefind"
        super().__init__(
            f"{what} writes an index format vnu-site does not know{detail}; vnu-site supports Pagefind "
            f"{SUPPORTED_SERIES}x (tested with {TESTED_VERSION}): pip install 'pagefind[bin]=={TESTED_VERSION}', "
            "or build with --no-search"
        )


def stabilise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UnknownIndexFormat("", f" ({entry_path.name}: {exc})") from None
    version = entry.get("version") if isinstance(entry, dict) else None
    if not isinstance(version, str) or not version.startswith(SUPPORTED_SERIES):
        raise UnknownIndexFormat(str(version or "(no version)"))
    try:
        _stabilise_languages(bundle, entry)
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise UnknownIndexFormat(version, f" ({type(exc).__name__}: {exc})") from None
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _stabilise_languages(bundle: Path, entry: dict) -> None:
    for info in entry["languages"].values():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _load(meta_path)
        meta[3] = sorted(_stable_filter(bundle / "filter", name, file_hash) for name, file_hash in meta[3])
        info["hash"] = _rename(meta_path, meta, lambda digest, prefix: bundle / f"pagefind.{prefix}_{digest[:10]}.pf_meta")
    entry["languages"] = dict(sorted(entry["languages"].items()))  # also written from a hash map


def _stable_filter(folder: Path, name: str, file_hash: str) -> list:
    path = folder / f"{file_hash}.pf_filter"
    data = _load(path)
    data[1].sort(key=lambda value: value[0])  # [[value, [page numbers]], ...]
    new_hash = _rename(path, data, lambda digest, prefix: folder / f"{prefix}_{digest[:7]}.pf_filter")
    return [name, new_hash]


def _rename(path: Path, value, target_for) -> str:
    """Write value (canonical CBOR, gzip without a timestamp) under the name target_for
    gives its content hash; returns the new hash as Pagefind writes it ('vi_1a2b3c4')."""
    prefix = path.name.split(".")[-2].rsplit("_", 1)[0].removeprefix("pagefind.")
    body = SIGNATURE + cbor2.dumps(value)
    target = target_for(hashlib.sha1(body).hexdigest(), prefix)
    path.unlink()
    target.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    return target.name.removeprefix("pagefind.").split(".")[0]


def _load(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind data file")
    return cbor2.loads(raw[len(SIGNATURE) :])

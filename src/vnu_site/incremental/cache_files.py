"""What each cache file holds, and reading one back without trusting it.

Whoever can write the cache folder (a shared machine, a CI cache restored from elsewhere)
must not be able to run code in the next build, nor make every later build crash. So:

- A cache file is a pickle of (salt, value), read by an unpickler that can make only the
  model's own classes (`find_class` below): a pickle that names anything else (os.system,
  builtins.eval, a class with a hook of its own) is refused before anything of it runs.
- The value is then checked against the shape the code expects (shapes.py), every field
  of every item down to the last string, before anything uses it.
- A file that fails either check, or cannot be read, is removed with one note on stderr,
  and the build goes on without it: what it held is made again, as in a clean build.
  A file of another version of vnu-site (another salt) is dropped without a word: that is
  what a new version does to every cache.
"""

from __future__ import annotations

import datetime
import io
import pickle
from collections.abc import Hashable
from pathlib import Path
from typing import TypedDict

from vnu_site.errors import Location, Problem
from vnu_site.incremental.shapes import conforms
from vnu_site.io.safe_files import note_dropped, read_cache_file
from vnu_site.model import Editor, Entry, ImageFacts, Item, Logo, MenuEntry, PartialDate, Ref, Site, SiteConfig, Text
from vnu_site.sources.i18n import Strings

# Every class a cache file may hold, by the name pickle gives it.
_CLASSES: dict[tuple[str, str], type] = {
    (cls.__module__, cls.__qualname__): cls
    for cls in (
        *(Site, SiteConfig, MenuEntry, Logo, Editor, Item, Text, Entry, ImageFacts),
        *(PartialDate, Problem, Location, Strings, datetime.date),
    )
}


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> type:
        try:
            return _CLASSES[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not a class of the site's model") from None

    def persistent_load(self, pid: object) -> object:
        raise pickle.UnpicklingError("persistent ids are not used by the cache")


# --- the shape of each file's value --------------------------------------------------

Dependencies = frozenset[Hashable]  # deps.py: (kind, key, lang); only compared, never unpacked
PageRecord = tuple[str, str, Dependencies | None]  # (input hash, output digest, dependencies)


class PagesFile(TypedDict):
    token: str
    pages: dict[str, PageRecord]


class PagesEditsFile(TypedDict):
    base: str
    changed: dict[str, PageRecord]
    removed: list[str]


EntryKey = tuple[str, str, str, str, str, bool]  # (resolved path, shown path, kind, key, lang, trusted html)
EntryRecord = tuple[tuple[int, int], str, Entry | None, list[Problem]]  # ((size, mtime), digest, entry, problems)
EntriesFile = dict[EntryKey, EntryRecord]

ImageRecord = tuple[tuple[int, int], str, ImageFacts | str]  # ((size, mtime), content hash, facts or what is wrong)
ImagesFile = dict[str, ImageRecord]  # resolved path -> record (outputs/images.Records)

# i18n's memo: (function name, *arguments) -> what it returned; the arguments are dates,
# language codes, country codes and counts (plural_form).
MemoKey = tuple[str | int | PartialDate | None, ...]
MemoFile = dict[MemoKey, str | bool]
_RETURNS_BOOL = frozenset({"is_territory"})  # the memoised i18n functions that answer yes or no; the others give text

FileStats = tuple[tuple[str, int, int, int, int], ...]  # cache._tree_stats: (relative path, size, mtime_ns, ctime_ns, mode)
Settings = tuple[str, str, str, str | None, bool, bool, str, bool, str | None]  # cache.input_state


class LastInputsFile(TypedDict):
    inputs: tuple[str, Settings, FileStats, FileStats]
    site: tuple[str, str | None]  # the tokens of site.pickle and edits.pickle as that build left them


class SiteFile(TypedDict):
    token: str
    site: Site
    strings: Strings
    warnings: list[Problem]


class EditsFile(TypedDict):
    base: str
    token: str
    items: dict[Ref, Item]
    warnings: list[Problem]


SHAPES: dict[str, object] = {
    "entries.pickle": EntriesFile,
    "images.pickle": ImagesFile,
    "pages.pickle": PagesFile,
    "pages-edits.pickle": PagesEditsFile,
    "memo.pickle": MemoFile,
    "last-inputs.pickle": LastInputsFile,
    "site.pickle": SiteFile,
    "edits.pickle": EditsFile,
}


def load(path: Path, salt: str) -> object | None:
    """The value kept in the cache file at `path` (named as in SHAPES), or None: there is
    none, it was made by another version, or it is not a cache file of ours (said, removed)."""
    data = read_cache_file(path)
    if data is None:
        return None
    try:
        kept = _ModelUnpickler(io.BytesIO(data)).load()
    except Exception:  # garbage, truncated, a class we do not make: all the same to us
        kept = None
    if type(kept) is not tuple or len(kept) != 2 or type(kept[0]) is not str:
        note_dropped(path)
        return None
    if kept[0] != salt:
        return None  # another version of vnu-site made it
    value = kept[1]
    if not conforms(value, SHAPES[path.name]) or (path.name == "memo.pickle" and not _memo_answers(value)):
        note_dropped(path)
        return None
    return value


def _memo_answers(memo: dict) -> bool:
    """Each remembered answer is of the kind its function gives (yes/no, or text)."""
    return all(type(answer) is (bool if key and key[0] in _RETURNS_BOOL else str) for key, answer in memo.items())

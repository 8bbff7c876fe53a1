"""Files kept in the build cache under a name that says what they were made from (an
image's variants: its content hash, the encoder's settings, which variant), so a build
that needs one finds it instead of making it again, whatever its output folder holds.

The store is a folder of the site's cache (`images/`), two levels deep (`ab/abcd….480.avif`).
Nothing in it is read or written through a link (safe_files); a file written is complete
or absent (written under another name, then renamed).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from pathlib import Path

from vnu_site.io.safe_files import clear_the_way, is_folder, remove_link, write_cache_file
from vnu_site.io.write import digest

_KEY = re.compile(r"[0-9a-f]{8,64}\.[0-9a-f]{8,64}\.[0-9a-z.x-]{1,40}")  # <made from>.<salt>.<label>


def cache_folder(cache_dir: Path | None, options) -> Path | None:
    """The cache of one (content, output) pair: one subfolder per pair, so two sites never
    share entries (incremental/cache.py keeps its files there too)."""
    if not cache_dir:
        return None
    site = f"{options.content.resolve()}\n{options.out.resolve()}"
    return cache_dir / digest(site.encode())[:16]


class BlobStore:
    def __init__(self, folder: Path):
        self.folder = folder

    @staticmethod
    def key(made_from: str, salt: str, label: str) -> str:
        return f"{made_from}.{salt}.{label}"

    def path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a store key: {key!r}")
        return self.folder / key[:2] / key

    def has(self, key: str) -> bool:
        try:
            return stat.S_ISREG(os.lstat(self.path(key)).st_mode)
        except OSError:
            return False

    def present(self) -> set[str]:
        """The keys of every file the store holds (regular files in real folders): one
        listing instead of a look per file."""
        found: set[str] = set()
        if not is_folder(self.folder):
            return found
        with os.scandir(self.folder) as shards:
            folders = [shard.path for shard in shards if shard.is_dir(follow_symlinks=False) and is_folder(shard.path)]
        for folder in folders:
            with os.scandir(folder) as entries:
                found.update(entry.name for entry in entries if entry.is_file(follow_symlinks=False))
        return found

    def read(self, key: str) -> bytes | None:
        """The file's bytes; None if there is none, or it is not a regular file in a real
        folder of the store (a link put there is never followed: its target would be published)."""
        path = self.path(key)
        if not is_folder(path.parent) or not self.has(key):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            handle = os.open(path, flags)
            with open(handle, "rb") as file:
                return file.read() if stat.S_ISREG(os.fstat(file.fileno()).st_mode) else None
        except OSError:
            return None

    def write(self, key: str, data: bytes) -> None:
        write_cache_file(self.path(key), data)

    def prepare(self) -> None:
        """Before workers look into it and write into it: the store's folder and its shards
        are real folders (a link put in the place of one is removed, never followed)."""
        clear_the_way(self.folder.parent)
        clear_the_way(self.folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        with os.scandir(self.folder) as shards:
            for shard in shards:
                if not is_folder(shard.path):
                    remove_link(shard.path)

    def keep_only(self, keys: set[str]) -> int:
        """Removes every file (and link, and anything odd) not named in `keys`, and the
        folders left empty. Returns how many it removed."""
        removed = 0
        if not is_folder(self.folder):
            return 0
        with os.scandir(self.folder) as shards:
            listed = sorted(shards, key=lambda entry: entry.name)
        for shard in listed:
            if not is_folder(shard.path):
                remove_link(shard.path)
                removed += 1
                continue
            with os.scandir(shard.path) as entries:
                inside = list(entries)
            for entry in inside:
                if entry.name in keys and entry.name[:2] == shard.name and entry.is_file(follow_symlinks=False):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        remove_link(entry.path)
                removed += 1
            with contextlib.suppress(OSError):
                os.rmdir(shard.path)  # only when empty
        return removed

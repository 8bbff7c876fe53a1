"""Serve's writer after a quick build: its own folder brought up to date in place.

`vnu-site serve` builds into a private temporary folder that only its preview server
reads, and its session (session.py) knows what that folder holds. After a quick build
only a few files differ, yet the SiteWriter (io/write.py) would claim and sweep the
spare copy, check the stamp of every file and swap the folders: 50 ms at 1,000 pairs,
a third of such a build. This writer keeps the files that differ in memory until the
build has succeeded, then removes what is no longer made, puts each new file in its
place with one rename (the server sends the old file or the new, never half of one) and
writes the manifest last. A failed build changes nothing.

The guarantees the SiteWriter gives a published folder (the whole site swapped at once,
the spare, the stamps that catch a hand edit) are not needed there; the session falls
back to the SiteWriter for every full build, with search on, and on Windows (a file the
server is sending cannot be replaced there).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from vnu_site.io import write
from vnu_site.io.stamps import MANIFEST, manifest_bytes


class InPlaceWriter:
    """The SiteWriter's add/finish/abort over a folder that holds `present` (relative path
    -> digest, as its manifest says)."""

    def __init__(self, out: Path, present: dict[str, str]):
        self.out = out
        self.present = present
        self.hashes: dict[str, str] = {}  # of every file added: the new manifest
        self.changed: list[str] = []  # the files added that differ from the folder's
        self.touched = False  # the folder was changed (by a finish that then failed, if it raised)
        self._new: dict[str, bytes] = {}

    def add(self, relative: str, data, known_digest: str | None = None) -> None:
        if isinstance(data, write.Unchanged):
            self.hashes[relative] = data.digest  # the file in the folder, kept (Reuse checked it against `present`)
            return
        if not isinstance(data, bytes):
            raise TypeError(f"{relative}: the in-place writer takes bytes or Unchanged, not {type(data).__name__}")
        self.hashes[relative] = known = known_digest or write.digest(data)
        if self.present.get(relative) != known:
            self._new[relative] = data
            self.changed.append(relative)

    def finish(self) -> dict:
        self.touched = True
        base = os.fspath(self.out)
        for relative in sorted(set(self.present) - self.hashes.keys()):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(base, relative))
            _remove_empty_folders(base, os.path.dirname(relative))
        for relative, data in self._new.items():
            _replace(base, relative, data)
        _replace(base, MANIFEST, manifest_bytes(self.hashes))
        self._new = {}
        written = len(self.changed)
        return {"files": len(self.hashes), "written": written, "unchanged": len(self.hashes) - written}

    def abort(self) -> None:
        self._new = {}


def _replace(base: str, relative: str, data: bytes) -> None:
    """The file written beside its place, then renamed over the old one."""
    path = os.path.join(base, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.vnu-new-{os.getpid()}")
    try:
        with open(temporary, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _remove_empty_folders(base: str, folder: str) -> None:
    """The folder and its parents, as long as they are empty (a clean build has no empty folder)."""
    while folder:
        try:
            os.rmdir(os.path.join(base, folder))
        except OSError:
            return
        folder = os.path.dirname(folder)

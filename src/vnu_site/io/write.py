"""The only writer: files -> a staging folder beside the output, swapped in at the end.

The output folder is replaced in one atomic exchange (renameat2 on Linux, renamex_np on
macOS), so a reader or a killed build only ever sees the old complete site or the new one.
Where there is none (Windows, some file systems), two renames, and a build killed between
them leaves the old site parked for the next build to put back. A manifest of
content hashes lets unchanged files be hard-linked from the previous output instead of
rewritten, and marks the folder as ours: a non-empty folder without it is never replaced.

A build holds a lock on its staging folder while it lives (folder_lock: flock, or a lock
file on Windows); the system drops it when the process dies, however it dies. So any build can tell a killed build's staging folder
(unlocked: removed) from one that is still being written (locked: left alone).

Double buffering: after the swap, the previous site is not deleted but kept as the
*spare* (in the build cache, when one is given). The next build claims the spare as its
staging folder and only brings it up to date: files already right are kept, files that
match the current output are hard-linked, the rest are written, and anything else is
deleted. So a build that changes three pages touches about three files, not thousands.
Files are never changed in place (they may share an inode with the live site): each is
unlinked first. The spare's manifest is removed before it is touched, so a spare left
half-updated by a killed build is never trusted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from vnu_site.io import folder_lock

MANIFEST = ".vnu-site.json"
_STAGING = ".vnu-staging-"
# What follows the prefix in a name we make: a process id (and a counter), or the old
# output parked by the two-rename fallback ("-old"). Nothing else is ever removed.
_OURS = re.compile(r"\d+(-old)?")


class OutputRefused(Exception):
    """The output folder is not one the build may replace; nothing was touched."""


def check_output(out: Path, protected: list[Path], inputs: Sequence[Path] = ()) -> None:
    """Refuse outputs that would destroy something that is not a generated site, before
    anything is touched. `protected` may not be the output or inside it; `inputs` (content,
    templates) may not contain it either, or the next build would read its own output."""
    target = out.resolve()
    home = Path.home().resolve()
    if target == Path(target.anchor):
        raise OutputRefused(f"refusing to write the site to {out}: it is the root folder")
    if home.is_relative_to(target):
        what = "your home folder" if target == home else f"a folder holding your home folder {home}"
        raise OutputRefused(f"refusing to write the site to {out}: it is {what}")
    for folder in protected:
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise OutputRefused(f"refusing to write the site to {out}: it would replace {folder}")
    for folder in inputs:
        folder = folder.resolve()
        if target.is_relative_to(folder):
            raise OutputRefused(f"refusing to write the site to {out}: it is inside {folder}, which the build reads")
    if (target / ".git").exists() or (target / "pyproject.toml").exists():
        raise OutputRefused(f"refusing to write the site to {out}: it looks like a project folder")
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"refusing to write the site to {out}: it is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST).is_file():
        raise OutputRefused(
            f"refusing to replace {out}: it is not empty and was not made by vnu-site (no {MANIFEST}); "
            "choose another --out or empty it yourself"
        )


class Unchanged:
    """In place of a file's bytes: the file is the same as in the current output (this digest)."""

    __slots__ = ("digest",)

    def __init__(self, digest: str):
        self.digest = digest


class Lazy:
    """A producer's file made only when needed. `describe()` gives everything the file
    shows as plain data; when that is the same as last build's, the old file is kept and
    `render(data)` never runs. (The quick path may not even call `describe`: deps.py.)"""

    __slots__ = ("describe", "render")

    def __init__(self, describe, render):
        self.describe = describe
        self.render = render


def read_manifest(out: Path) -> dict:
    """Relative path -> digest of the files of the current output ({} if none)."""
    return _manifest(out.resolve())


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class FinalizeFailed(Exception):
    """A finaliser (e.g. the search indexer) failed; the old output was kept."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def write_site(out: Path, files: dict[str, bytes], finalizers=(), spare: Path | None = None, trust_spare: bool = False) -> dict:
    """Replace `out` with exactly `files` (relative path -> bytes), after each finaliser has
    run on the complete staging folder. See SiteWriter. Returns counts."""
    writer = SiteWriter(out, set(files), spare, trust_spare)
    try:
        for relative in sorted(files):
            writer.add(relative, files[relative])
        return writer.finish(finalizers)
    except BaseException:
        writer.abort()
        raise


class SiteWriter:
    """Fills a staging folder (empty, or the spare) file by file, as the pages come from
    the workers, then swaps it in for `out`. Until `finish` swaps, `out` is untouched;
    `abort` removes the staging folder. `wanted`: every file that will be added; what the
    spare holds besides is removed first (a file may stand where a folder must go).

    spare: where the previous site is kept for the next build to reuse (None: deleted).
    trust_spare: take the spare's manifest as the list of what it holds instead of walking
    it (the quick path, where every millisecond shows; a full build walks it, so a file
    put there by hand never outlives one)."""

    def __init__(self, out: Path, wanted: set, spare: Path | None = None, trust_spare: bool = False):
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(self.out)
        self.spare = spare
        self._lock: folder_lock.FolderLock | None = None
        self.previous = _manifest(self.out)
        self.staging, self._lock = _claim_staging(self.out, spare)
        self.present = _manifest(self.staging)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.staging / MANIFEST)  # from here on, a half-updated spare is never trusted
        try:
            if trust_spare and self.present:
                _remove_listed(self.staging, self.present.keys() - wanted)
                _remove_unlisted_top(self.staging, {relative.split("/", 1)[0] for relative in wanted})
            else:
                _remove_extra(self.staging, wanted)
        except BaseException:
            self.abort()
            raise
        self.hashes: dict[str, str] = {}
        self.kept = self.written = 0
        self._made_dirs: set[str] = set()

    def add(self, relative: str, data, known_digest: str | None = None) -> None:
        """One file: bytes, or Unchanged (the same as in the current output)."""
        if isinstance(data, Unchanged):
            known_digest = data.digest
        self.hashes[relative] = wanted = known_digest or digest(data)
        if self.present.get(relative) == wanted:
            self.kept += 1  # the spare already holds this very file
            return
        target = self.staging / relative
        parent = os.path.dirname(relative)
        if parent not in self._made_dirs:
            (self.staging / parent).mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(parent)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)  # never write in place: the inode may be the live site's too
        old = self.out / relative
        if self.previous.get(relative) == wanted and _link(old, target):
            self.kept += 1  # unchanged: same inode, the old file is not rewritten
            return
        if isinstance(data, Unchanged):
            data = old.read_bytes()  # could not link (another file system?): copy it
        target.write_bytes(data)
        self.written += 1

    def finish(self, finalizers=()) -> dict:
        """Write the manifest, run the finalisers, swap. Returns counts."""
        try:
            for finalize in finalizers:
                problems = finalize(self.staging)
                if problems:
                    raise FinalizeFailed(problems)
            self._add_finalizers_files()
            (self.staging / MANIFEST).write_text(json.dumps(self.hashes, sort_keys=True, indent=0), encoding="utf-8", newline="\n")
            _swap(self.staging, self.out, self.spare)
        except BaseException:
            self.abort()
            raise
        self._unlock()
        return {"files": len(self.hashes), "written": self.written, "unchanged": self.kept}

    def _add_finalizers_files(self) -> None:
        """What the finalisers wrote (the search index) is part of the site: counted, and
        listed in the manifest like every other file, so the manifest describes it all."""
        tops = {relative.split("/", 1)[0] for relative in self.hashes}
        for entry in sorted(os.scandir(self.staging), key=lambda entry: entry.name):
            if entry.name in tops or entry.name == MANIFEST:
                continue
            found = [Path(entry.path)] if entry.is_file() else sorted(p for p in Path(entry.path).rglob("*") if p.is_file())
            for path in found:
                self.hashes[path.relative_to(self.staging).as_posix()] = digest(path.read_bytes())
                self.written += 1

    def abort(self) -> None:
        """The old output stays as it was; the staging folder goes."""
        if self._lock is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self._unlock()

    def _unlock(self) -> None:
        assert self._lock is not None  # held from __init__ until the first unlock
        self._lock.release()
        self._lock = None


def _remove_listed(staging: Path, unwanted) -> None:
    """Delete these files of a spare, and the folders they leave empty."""
    for relative in sorted(unwanted, reverse=True):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staging / relative)
        folder = os.path.dirname(relative)
        while folder:
            try:
                os.rmdir(staging / folder)  # only succeeds when empty
            except OSError:
                break
            folder = os.path.dirname(folder)


def _remove_unlisted_top(staging: Path, wanted_top: set) -> None:
    """What finalisers made (a search index): not in the manifest, so removed whole; they
    make it again."""
    for entry in os.scandir(staging):
        if entry.name in wanted_top or entry.name == MANIFEST:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def _remove_extra(staging: Path, wanted: set) -> None:
    """Delete whatever a reused spare holds that is not wanted now (old pages, an old
    search index), and the folders left empty."""
    for dirpath, dirnames, filenames in os.walk(staging, topdown=False):
        relative_dir = os.path.relpath(dirpath, staging)
        for name in filenames:
            relative = name if relative_dir == "." else f"{relative_dir}/{name}"
            if relative not in wanted and relative != MANIFEST:
                os.unlink(os.path.join(dirpath, name))
        for name in dirnames:
            with contextlib.suppress(OSError):
                os.rmdir(os.path.join(dirpath, name))  # only succeeds when empty


def _claim_staging(out: Path, spare: Path | None = None) -> tuple[Path, folder_lock.FolderLock]:
    """A staging folder beside `out` (the spare when there is one), and its lock, held."""
    for attempt in range(1000):
        staging = out.parent / f".{out.name}{_STAGING}{os.getpid()}{attempt or ''}"
        try:
            if spare is not None and attempt == 0:
                try:
                    os.rename(spare, staging)  # atomic: of two builds, only one gets it
                except OSError:
                    staging.mkdir()  # no spare, or on another file system
            else:
                staging.mkdir()
        except FileExistsError:
            continue  # another build with our process id (another container?): next name
        lock = folder_lock.hold(staging)
        if lock is not None:
            return staging, lock
        # another build took it for a dead one's between mkdir and the lock: next name
    raise OSError(f"cannot create a staging folder beside {out}")


def remove_stale_staging(out: Path) -> None:
    """Staging folders left by builds that were killed; only ever our own names, and never
    the folder of a build that is still running (it holds the lock)."""
    prefix = f".{out.name}{_STAGING}"
    for path in sorted(out.parent.glob(prefix + "*")):
        name = path.name[len(prefix) :]
        if name.endswith(folder_lock.LOCK_SUFFIX) and _OURS.fullmatch(name[: -len(folder_lock.LOCK_SUFFIX)]):
            _remove_orphan_lock_file(path)
            continue
        if not _OURS.fullmatch(name) or path.is_symlink() or not path.is_dir():
            continue
        if path.name.endswith("-old") and not out.exists():
            # Killed between the two renames of the fallback swap: this is the old site,
            # unless its build is alive and between those renames right now.
            if _still_building(path.with_name(path.name[: -len("-old")])):
                continue
            with contextlib.suppress(OSError):
                os.rename(path, out)
                continue
        lock = folder_lock.try_hold(path)
        if lock is not None:
            shutil.rmtree(path, ignore_errors=True)
            lock.release()


def _still_building(staging: Path) -> bool:
    if not staging.is_dir():
        return False
    lock = folder_lock.try_hold(staging)
    if lock is None:
        return True
    lock.release()
    return False


def _remove_orphan_lock_file(lock_file: Path) -> None:
    """A lock file (Windows) whose build died before making its folder, or whose folder is
    gone: removed when nobody holds it. One whose folder exists goes with that folder."""
    folder = lock_file.with_name(lock_file.name[: -len(folder_lock.LOCK_SUFFIX)])
    if folder.exists():
        return
    lock = folder_lock.try_hold(folder)
    if lock is not None:
        lock.release()


def _manifest(out: Path) -> dict:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _link(old: Path, new: Path) -> bool:
    try:
        os.link(old, new)
        return True
    except OSError:
        return False


def _rename(source: Path, target: Path) -> None:
    """os.rename; on Windows, retried for a moment while another program (a virus scanner,
    the indexer, the preview server sending a page) has a file in the folder open."""
    for attempt in range(20 if sys.platform == "win32" else 1, 0, -1):
        try:
            os.rename(source, target)
            return
        except PermissionError:
            if attempt == 1:
                raise
            time.sleep(0.05)


def _swap(staging: Path, out: Path, spare: Path | None = None) -> None:
    if not out.exists():
        _rename(staging, out)
        return
    if not _exchange(staging, out):
        # No atomic exchange here: two renames. A build killed between them leaves the old
        # site parked under "-old", and the next build puts it back first.
        parked = staging.with_name(staging.name + "-old")
        _rename(out, parked)
        try:
            _rename(staging, out)
        except BaseException:
            os.rename(parked, out)
            raise
        staging = parked
    if spare is not None:
        with contextlib.suppress(OSError):
            spare.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(spare, ignore_errors=True)
            os.rename(staging, spare)  # the old site, kept for the next build to update
            return
    shutil.rmtree(staging, ignore_errors=True)


@functools.cache
def _libc():
    """The C library through ctypes, or None (Windows has none by that name)."""
    import ctypes  # here: a quick build should not pay for it before it needs it
    import ctypes.util

    try:
        return ctypes.CDLL("libc.so.6", use_errno=True)  # glibc's name: no ldconfig run
    except OSError:
        libc_name = ctypes.util.find_library("c")  # runs ldconfig
        if not libc_name:
            return None
        try:
            return ctypes.CDLL(libc_name, use_errno=True)
        except OSError:
            return None


@functools.cache
def _renameat2():
    """libc's renameat2, or None (not Linux, or glibc older than 2.28)."""
    return getattr(_libc(), "renameat2", None) if sys.platform.startswith("linux") else None


@functools.cache
def _renamex_np():
    """macOS's renamex_np (10.12+), or None."""
    return getattr(_libc(), "renamex_np", None) if sys.platform == "darwin" else None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step; False where the system or file system cannot (then
    the caller renames twice)."""
    renameat2 = _renameat2()
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
    renamex_np = _renamex_np()
    if renamex_np is not None:
        rename_swap = 0x2
        return renamex_np(os.fsencode(a), os.fsencode(b), rename_swap) == 0  # HFS+ refuses: two renames
    return False

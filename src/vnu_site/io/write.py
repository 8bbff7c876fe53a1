"""The only writer: files -> a staging folder beside the output, swapped in at the end.

The output folder is replaced in one atomic exchange (renameat2 on Linux, renamex_np on
macOS), so a reader or a killed build only ever sees the old complete site or the new one.
Where there is none (Windows, some file systems), two renames, and a build killed between
them leaves the old site parked for the next build to put back. A manifest of content
hashes marks the folder as ours: a non-empty folder without it is never replaced.

A build holds a lock on its staging folder while it lives (folder_lock: flock, or a lock
file on Windows); the system drops it when the process dies, however it dies. So any build can tell a killed build's staging folder
(unlocked: removed) from one that is still being written (locked: left alone).

Double buffering: after the swap, the previous site is not deleted but kept as the
*spare* (in the build cache, when one is given). The next build claims the spare as its
staging folder and only brings it up to date: files already right are kept, files that
match the current output are copied, the rest are written, and anything else is deleted.
So a build that changes three pages touches about three files, not thousands.

The live site never shares a file with the cache: files are copied, never hard-linked,
so a file edited in place in the output changes nothing in the spare. And nothing is
taken on trust: the writer records a stamp of every file and folder it leaves (stamps.py),
and a file of the spare or of the output whose stamp differs (edited by hand, replaced, a
link put in its place) is neither kept nor copied, but made again. A claimed spare is swept
first: links and special files are removed wherever they are, never followed, so a
doctored cache cannot make the build write or delete anything outside it. --clean forgets
the stamps: nothing of the old output or the spare is used, every file is written from
what this build made.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import shutil
import stat
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from vnu_site.io import folder_lock
from vnu_site.io.safe_files import is_folder, is_folder_status, remove_link
from vnu_site.io.stamps import MANIFEST, STAMPS_VERSION, folder_id, keep_stamps, load_stamps, manifest, manifest_bytes, stamp

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


class Moved:
    """In place of a file's bytes: a file a finaliser made inside the staging folder, moved
    to its place (or dropped, when the spare already holds the same there). Its digest is given."""

    __slots__ = ("path",)

    def __init__(self, path: Path):
        self.path = path


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
    return manifest(out.resolve())


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class FinalizeFailed(Exception):
    """A finaliser (e.g. the search indexer) failed; the old output was kept."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def write_site(out: Path, files: dict[str, bytes], finalizers=(), spare: Path | None = None) -> dict:
    """Replace `out` with exactly `files` (relative path -> bytes), after each finaliser has
    run on the complete staging folder. See SiteWriter. Returns counts."""
    writer = SiteWriter(out, set(files), spare)
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
    claimable: folders ("pagefind/") whose files a finaliser adds: the spare's files there are
    kept until then, and those it does not add again are removed before the swap.
    Counts: `written` files differ from the output's, `unchanged` ones are the same."""

    def __init__(self, out: Path, wanted: set, spare: Path | None = None, claimable: tuple[str, ...] = ()):
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(self.out)
        self.spare = spare
        self._lock: folder_lock.FolderLock | None = None
        self.previous = manifest(self.out)  # only to count what changes
        record = load_stamps(spare, "spare")
        self.staging, self._lock = _claim_staging(self.out, spare)
        listed = manifest(self.staging)
        if record and record["folder"] != folder_id(self.staging):
            record = None  # not the folder these stamps describe: nothing in it is trusted
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.staging / MANIFEST)  # from here on, a half-updated spare is never trusted
            found, self._folders = _sweep(self.staging, wanted, record, claimable)
        except BaseException:
            self.abort()
            raise
        recorded = record["files"] if record else {}
        # The files the spare holds as they were written (same stamp), with what they held then.
        self.present = {
            relative: listed[relative] for relative, now in found.items() if recorded.get(relative) == now and relative in listed
        }
        self._folders[""] = None
        self._claimable = [relative for relative in found if relative.startswith(claimable)] if claimable else []
        self.stamps = {relative: found[relative] for relative in self.present}  # of every file the staging folder holds
        self.hashes: dict[str, str] = {}
        self.kept = self.written = 0
        self.changed: list[str] = []  # the files added that differ from the output's (finalisers' not listed)

    def add(self, relative: str, data, known_digest: str | None = None) -> None:
        """One file: bytes, Unchanged (the same as in the current output) or Moved (with its digest)."""
        if isinstance(data, Unchanged):
            known_digest = data.digest
        self.hashes[relative] = wanted = known_digest or digest(data)
        if self.previous.get(relative) == wanted:
            self.kept += 1
        else:
            self.written += 1
            self.changed.append(relative)
        if self.present.get(relative) == wanted:
            return  # the spare holds this very file, as it was written
        target = os.path.join(self.staging, relative)
        parent = os.path.dirname(relative)
        self._make_folder(parent)
        if isinstance(data, (Unchanged, Moved)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            if isinstance(data, Unchanged):
                shutil.copyfile(self.out / relative, target)  # a copy, never a link (see the module's docstring)
            else:
                os.replace(data.path, target)
        else:
            _write_new(target, data)
        self.stamps[relative] = stamp(os.lstat(target))
        self._folders[parent] = None  # changed: stamped again at the end

    def _make_folder(self, relative: str) -> None:
        """The folder and its parents, each a real folder: a link found in the way is
        removed first, so no file is ever written through one."""
        if relative in self._folders:
            return
        parent = os.path.dirname(relative)
        self._make_folder(parent)
        path = os.path.join(self.staging, relative)
        try:
            os.mkdir(path)  # a link in the way is not followed: it exists
        except FileExistsError:
            if os.path.islink(path):
                remove_link(path)
                os.mkdir(path)
            elif not is_folder(Path(path)):
                raise  # a file of this site where a folder must go, or a junction: never written through
        self._folders[relative] = self._folders[parent] = None

    def finish(self, finalizers=()) -> dict:
        """Write the manifest, run the finalisers, swap. Returns counts. Once the new site
        is in place nothing fails: what is left (keeping the spare and its stamps) only
        makes the next build faster."""
        try:
            for finalize in finalizers:
                problems = finalize(self.staging)
                if problems:
                    raise FinalizeFailed(problems)
            self._remove_unclaimed()
            self._add_finalizers_files()
            manifest = self.staging / MANIFEST
            manifest.write_bytes(manifest_bytes(self.hashes))
            self.stamps[MANIFEST] = stamp(os.lstat(manifest))
            folders = self._folder_stamps()
            record = {"version": STAMPS_VERSION, "folder": folder_id(self.staging), "files": self.stamps, "dirs": folders}
            spared = _swap(self.staging, self.out, self.spare)
        except BaseException:
            self.abort()
            raise
        if self.spare is not None:
            with contextlib.suppress(OSError):  # the root's stamp, once it is in place (moving it changed it)
                folders[""] = stamp(os.lstat(self.out))
            keep_stamps(self.spare, record, spared)
        with contextlib.suppress(OSError):
            self._unlock()
        return {"files": len(self.hashes), "written": self.written, "unchanged": self.kept}

    def _folder_stamps(self) -> dict[str, str]:
        """The stamp of every folder of the new site (but its root, which moves): a folder
        whose stamp is the same later holds the same entries, and need not be listed."""
        root = os.fspath(self.staging)
        return {folder: known or stamp(os.lstat(os.path.join(root, folder))) for folder, known in self._folders.items() if folder}

    def _remove_unclaimed(self) -> None:
        """The spare's files in the claimable folders that no finaliser added again (a search
        index shard of an older build) go, and so do the folders they leave empty."""
        emptied = set()
        for relative in self._claimable:
            if relative not in self.hashes:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.staging / relative)
                emptied.add(os.path.dirname(relative))
        for folder in sorted(emptied, key=lambda name: -name.count("/")):  # the deepest first
            if folder not in self._folders:
                continue  # removed already, as the parent of an emptied one
            self._folders[folder] = None
            while folder:
                try:
                    os.rmdir(self.staging / folder)  # only succeeds when empty
                except OSError:
                    break
                self._folders.pop(folder, None)
                folder = os.path.dirname(folder)
                self._folders[folder] = None

    def _add_finalizers_files(self) -> None:
        """What the finalisers wrote (the search index) is part of the site: counted, and
        listed in the manifest like every other file, so the manifest describes it all."""
        tops = {relative.split("/", 1)[0] for relative in self.hashes}
        for entry in sorted(os.scandir(self.staging), key=lambda entry: entry.name):
            if entry.name in tops or entry.name == MANIFEST:
                continue
            found = [Path(entry.path)] if entry.is_file() else sorted(p for p in Path(entry.path).rglob("*") if p.is_file())
            for path in found:
                relative = path.relative_to(self.staging).as_posix()
                self.hashes[relative] = digest(path.read_bytes())
                self.stamps[relative] = stamp(os.lstat(path))
                self.written += 1
            if entry.is_dir(follow_symlinks=False):
                made = [Path(entry.path), *(p for p in Path(entry.path).rglob("*") if p.is_dir())]
                self._folders.update((p.relative_to(self.staging).as_posix(), None) for p in made)

    def abort(self) -> None:
        """The old output stays as it was; the staging folder goes."""
        if self._lock is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self._unlock()

    def _unlock(self) -> None:
        assert self._lock is not None  # held from __init__ until the first unlock
        self._lock.release()
        self._lock = None


def _write_new(path: str, data: bytes) -> None:
    """The file made anew with these bytes. Exclusive creation ("x"): whatever is there
    already (a file of the spare, a link put in its place) is removed, never written
    through; a new staging folder has nothing there, so nothing is removed in vain (3,000
    system calls a clean build)."""
    try:
        with Path(path).open("xb") as file:
            file.write(data)
    except FileExistsError:  # (raised by the open alone)
        os.unlink(path)
        with Path(path).open("xb") as file:
            file.write(data)


# --- the staging folder ------------------------------------------------------------------


def _sweep(staging: Path, wanted: set, record: dict | None, claimable: tuple[str, ...] = ()) -> tuple[dict, dict[str, str | None]]:
    """Clears a claimed spare for this build: links and special files go wherever they are
    (never followed: a doctored cache must not lead the build outside it), and so does every
    file not wanted now (nor in a claimable folder: SiteWriter), then the folders left empty. Returns the stamp of each file left,
    and the folders that remain (real ones), each with its stamp if it is as recorded.

    A folder whose stamp is the one recorded holds what the writer left in it (its entries
    would have changed it), so it is not listed: its files are looked at one by one, as
    they were recorded. Any other folder is listed. A loop, not a recursion: the spare may
    be nested as deep as anyone made it."""
    files_in, folders_in = _children(record)
    recorded = record["dirs"] if record else {}
    base = os.path.join(os.fspath(staging), "")
    found: dict[str, str] = {}
    folders: dict[str, str | None] = {}
    emptied: set[str] = set()
    stack = [""]
    while stack:
        folder = stack.pop()
        try:
            status = os.lstat(base + folder)
        except FileNotFoundError:
            continue  # recorded, but gone
        if folder in folders:
            continue  # recorded twice (a doctored record)
        if not is_folder_status(status):
            remove_link(base + folder)
            emptied.add(os.path.dirname(folder))
            continue
        prefix = folder + "/" if folder else ""
        now = stamp(status)
        if folder and recorded.get(folder) == now:  # as written: its entries are the recorded ones
            folders[folder] = now
            stack.extend(prefix + name for name in folders_in.get(folder, ()))
            for name in files_in.get(folder, ()):
                relative = prefix + name
                try:
                    status = os.lstat(base + relative)
                except FileNotFoundError:
                    continue
                if (relative in wanted or relative.startswith(claimable)) and stat.S_ISREG(status.st_mode):
                    found[relative] = stamp(status)
                elif is_folder_status(status):
                    stack.append(relative)
                else:
                    remove_link(base + relative)  # not wanted now, or a link or special file put there
                    emptied.add(folder)
            continue
        folders[folder] = None
        with os.scandir(base + folder) as listing:
            entries = list(listing)
        for entry in entries:
            relative = prefix + entry.name
            status = entry.stat(follow_symlinks=False)
            if is_folder_status(status):
                stack.append(relative)
            elif (relative in wanted or relative.startswith(claimable)) and stat.S_ISREG(status.st_mode):
                found[relative] = stamp(status)
            else:
                remove_link(entry.path)  # not wanted now, a link, or a special file
                emptied.add(folder)
    for folder in sorted(emptied, key=lambda name: -name.count("/")):  # the deepest first
        folders[folder] = None
        while folder:
            try:
                os.rmdir(base + folder)  # only succeeds when empty
            except OSError:
                break
            del folders[folder]
            folder = os.path.dirname(folder)
            folders[folder] = None
    return found, folders


def _children(record: dict | None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Folder -> the names of the files, and of the folders, recorded in it. Names that are
    not one plain path step (`..`, a drive) are left out: a doctored record must not lead
    anywhere."""
    files: dict[str, list[str]] = {}
    folders: dict[str, list[str]] = {}
    if record:
        for found, listed in ((files, record["files"]), (folders, record["dirs"])):
            for relative in listed:
                parent, _, name = relative.rpartition("/")
                if name not in ("", ".", "..") and not _ODD_NAME.search(name):
                    found.setdefault(parent, []).append(name)
    return files, folders


_ODD_NAME = re.compile(r"[\\:\0]")


def _take_spare(spare: Path, staging: Path) -> bool:
    """Moves the spare to `staging` if it is a real folder; anything else by its name in
    the cache (a file, a link) is removed. False if there was none to take."""
    try:
        if not is_folder(spare):
            if os.path.lexists(spare):
                remove_link(os.fspath(spare))
            return False
        os.rename(spare, staging)  # atomic: of two builds, only one gets it
    except OSError:
        return False  # on another file system, or taken by another build
    if is_folder(staging):
        return True
    remove_link(os.fspath(staging))  # replaced by a link between the look and the move
    return False


def _claim_staging(out: Path, spare: Path | None = None) -> tuple[Path, folder_lock.FolderLock]:
    """A staging folder beside `out` (the spare when there is one), and its lock, held."""
    for attempt in range(1000):
        staging = out.parent / f".{out.name}{_STAGING}{os.getpid()}{attempt or ''}"
        try:
            if not (spare is not None and attempt == 0 and _take_spare(spare, staging)):
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


def _swap(staging: Path, out: Path, spare: Path | None = None) -> bool:
    """Puts `staging` in the place of `out`; the old output becomes the spare. Whether it did
    (False: there was no old output, or no spare is kept, or it could not be moved there)."""
    if not out.exists():
        _rename(staging, out)
        return False
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
            if is_folder(spare):
                shutil.rmtree(spare, ignore_errors=True)
            elif os.path.lexists(spare):
                remove_link(os.fspath(spare))
            os.rename(staging, spare)  # the old site, kept for the next build to update
            return True
    shutil.rmtree(staging, ignore_errors=True)
    return False


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

"""A lock on a folder that the operating system drops when its holder dies, however it dies.

The writer holds one on its staging folder, so a later build can tell a killed build's
folder (free: removed) from one still being written (held: left alone).

Which lock is chosen at run time, not at import, so every command starts on any system:
- Linux, macOS: flock on the folder itself (os.O_DIRECTORY + fcntl).
- Otherwise (Windows): a lock file beside the folder (`<folder>.lock`), locked with fcntl
  where it exists, else msvcrt; Windows releases the lock when the process ends.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import time
from pathlib import Path

LOCK_SUFFIX = ".lock"

# Handles of the locks this process holds. A forked child (a render worker) inherits them,
# and flock belongs to the open file, so a child outliving a killed build would keep its
# staging folder "in use" for ever: children close their copies at once.
_held: set[int] = set()


def _close_inherited() -> None:
    for handle in _held:
        with contextlib.suppress(OSError):
            os.close(handle)
    _held.clear()


if hasattr(os, "register_at_fork"):  # POSIX; Windows has no fork
    os.register_at_fork(after_in_child=_close_inherited)


class FolderLock:
    """A held lock; `release()` gives it up (and removes its lock file, if it has one)."""

    def __init__(self, handle: int, lock_file: Path | None):
        self.handle = handle
        self.lock_file = lock_file
        _held.add(handle)

    def release(self) -> None:
        if self.handle < 0:
            return
        _held.discard(self.handle)
        if self.lock_file is None:
            os.close(self.handle)
        else:
            # POSIX lets the holder unlink it first, so nobody can lock the old inode after us;
            # Windows refuses to delete an open file: close, then try (it fails if another
            # build has opened it meanwhile, which is what we want).
            try:
                os.unlink(self.lock_file)
                os.close(self.handle)
            except OSError:
                os.close(self.handle)
                with contextlib.suppress(OSError):
                    os.unlink(self.lock_file)
        self.handle = -1


def _fcntl():
    try:
        import fcntl
    except ImportError:
        return None
    return fcntl


def _uses_the_folder_itself() -> bool:
    return _fcntl() is not None and hasattr(os, "O_DIRECTORY")


def lock_file_of(folder: Path) -> Path:
    return folder.with_name(folder.name + LOCK_SUFFIX)


def hold(folder: Path) -> FolderLock | None:
    """Wait for the lock of an existing folder. None if the folder was removed or replaced
    meanwhile (another build took it for a dead one's): the caller picks another name."""
    return _lock(folder, wait=True)


def try_hold(folder: Path) -> FolderLock | None:
    """The lock if nobody holds it, else None (at once)."""
    return _lock(folder, wait=False)


def _lock(folder: Path, wait: bool) -> FolderLock | None:
    if _uses_the_folder_itself():
        fcntl = _fcntl()
        try:
            handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(handle)
            return None
        with contextlib.suppress(OSError):
            if os.stat(folder).st_ino == os.fstat(handle).st_ino:
                return FolderLock(handle, None)
        os.close(handle)
        return None
    lock_file = lock_file_of(folder)
    try:
        handle = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None
    if not _lock_handle(handle, wait):
        os.close(handle)
        return None
    held = FolderLock(handle, lock_file)
    try:
        same_file = os.stat(lock_file).st_ino == os.fstat(handle).st_ino
    except OSError:
        same_file = False  # unlinked by the build that held it before us
    if same_file and (folder.is_dir() or not wait):
        return held
    if same_file:
        held.release()  # the folder went while we waited: the lock file goes with it
    else:
        os.close(handle)
    return None


def _lock_handle(handle: int, wait: bool) -> bool:
    fcntl = _fcntl()
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False
    try:
        # By name: typeshed declares msvcrt on Windows only (the tests stand one in elsewhere).
        msvcrt = importlib.import_module("msvcrt")
    except ImportError:
        # No locking on this system: a build goes on, and never takes another's folder for dead.
        return wait
    while True:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)  # LK_LOCK gives up after 10 s
            return True
        except OSError:
            if not wait:
                return False
            time.sleep(0.05)

"""File-system steps in folders that others may have changed (the build cache): nothing is
read or written through a link put there, a named pipe in a file's place does not make the
build wait, and a file that cannot be used is said in one note, removed, and built without.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path

MOUNT_POINT = 0xA0000003  # IO_REPARSE_TAG_MOUNT_POINT: a Windows junction, a link by another name


def remove_link(path: str) -> None:
    """Removes a link (or a file) itself, never what it points to."""
    try:
        os.unlink(path)
    except OSError:
        os.rmdir(path)  # a junction is removed as a folder, without touching what it points to


def is_folder(path: Path | str) -> bool:
    """A folder itself, not a link to one."""
    try:
        return is_folder_status(os.lstat(path))
    except OSError:
        return False


if sys.platform == "win32":

    def is_folder_status(status: os.stat_result) -> bool:
        return stat.S_ISDIR(status.st_mode) and status.st_reparse_tag != MOUNT_POINT

else:

    def is_folder_status(status: os.stat_result) -> bool:
        return stat.S_ISDIR(status.st_mode)


def clear_the_way(folder: Path) -> None:
    """A link or a file where one of the cache's own folders (named by us) should be is
    removed, before anything is written or moved there."""
    if os.path.lexists(folder) and not is_folder(folder):
        remove_link(os.fspath(folder))


def read_cache_file(path: Path) -> bytes | None:
    """A cache file's bytes; None if there is none, or it cannot be used (then said in a
    note and removed). Opened without blocking: a named pipe put in its place must not
    hang the build."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        note_dropped(path, _reason(error))
        return None
    try:
        regular = stat.S_ISREG(os.fstat(handle).st_mode)  # not a folder, a pipe, a device
    except OSError:
        regular = False
    if not regular:
        os.close(handle)
        note_dropped(path)
        return None
    try:
        with open(handle, "rb") as file:
            return file.read()
    except OSError as error:
        note_dropped(path, _reason(error))
        return None


def write_cache_file(path: Path, data: bytes) -> None:
    """Replaces a cache file in one step (a reader finds the old file or the new one), and
    writes nothing through a link someone put in the cache: its folder is made a real one,
    and the file is written under a new name first."""
    folder = path.parent
    clear_the_way(folder)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with open(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # half a file, on a full disk
        raise


def read_unless(path: Path, known: tuple | None) -> tuple[tuple[int, int], bytes | None]:
    """(size, mtime) of the open file, and its bytes unless that stamp is `known`. Opened
    without blocking: a named pipe put in a file's place must not hang the build; OSError
    if it is not a regular file (anymore)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):  # replaced since it was looked at
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        stamp = (status.st_size, status.st_mtime_ns)
        if stamp == known:
            return stamp, None
        with open(descriptor, "rb", closefd=False) as file:
            return stamp, file.read()
    finally:
        os.close(descriptor)


def read_json_cache_file(path: Path, is_valid: Callable[[object], bool]) -> object | None:
    """A JSON cache file's value when it parses and `is_valid` accepts it; None when there is
    none, and None with a note (the file dropped) when it is not what this vnu-site writes."""
    data = read_cache_file(path)
    if data is None:
        return None
    try:
        value = json.loads(data)
    except ValueError:
        value = None
    if not is_valid(value):
        note_dropped(path)
        return None
    return value


def note_dropped(path: Path, why: str = "not a cache file of this vnu-site") -> None:
    """A cache file that cannot be used: one line on stderr, the file removed (so it is said
    once), and the build goes on without it, as a clean build would."""
    print(f"note: {path}: {why}; building without it", file=sys.stderr)
    if is_folder(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _reason(error: OSError) -> str:
    said = error.strerror or type(error).__name__
    return "cannot be read: " + said[:1].lower() + said[1:]

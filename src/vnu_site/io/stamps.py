"""What the writer left, and whether it is still so: the manifest of a folder it made,
and a stamp of every file and folder in it.

A stamp says what changes when a file or folder is written, replaced or edited in place:
"size:ctime:inode" (the change time, which no program can set back). Windows has no
change time in os.stat and gives no inode through os.scandir: "size:mtime" there. A
folder's stamp changes when an entry is added to it or removed from it. Each record,
live-stamps.json (of the output) and spare-stamps.json (of the spare) beside the spare,
is {"version", "folder": the stamp of the folder itself, "files": {relative path:
stamp}, "dirs": {relative path: stamp}}.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

from vnu_site.io.safe_files import is_folder_status, read_json_cache_file, write_cache_file

MANIFEST = ".vnu-site.json"
STAMPS_VERSION = 1


def manifest_bytes(hashes: dict[str, str]) -> bytes:
    """The manifest's file: relative path -> digest, sorted, one per line (both writers)."""
    return json.dumps(hashes, sort_keys=True, indent=0).encode("utf-8")


def manifest(folder: Path) -> dict:
    """Relative path -> digest, as the folder's manifest says ({} if it has none we can read)."""
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not (isinstance(listed, dict) and all(isinstance(value, str) for value in listed.values())):
        return {}
    return listed


def _stamps_file(spare: Path, which: str) -> Path:
    return spare.with_name(f"{which}-stamps.json")


def forget_stamps(spare: Path | None) -> None:
    """Trust nothing the writer left (--clean): the next build writes every file anew."""
    if spare is not None:
        for which in ("live", "spare"):
            with contextlib.suppress(OSError):
                os.unlink(_stamps_file(spare, which))


def verified_manifest(out: Path, spare: Path | None) -> dict:
    """The output's manifest (relative path -> digest), less every file that is not as the
    writer left it: edited in place, replaced, or in an output the stamps do not describe.
    Without a cache (spare None) there are no stamps: the manifest as it is."""
    return _verified(out.resolve(), spare)[0]


def output_intact(out: Path, spare: Path | None) -> bool:
    """Whether the output is exactly as the last build left it: each of its files, and no
    file added or removed (each folder's stamp: its entries would have changed it)."""
    out = out.resolve()
    listed = manifest(out)
    verified, record = _verified(out, spare)
    if not listed or verified != listed:
        return False
    if record is None:
        return spare is None
    base = os.path.join(os.fspath(out), "")
    return all(_folder_stamp(base + folder) == recorded for folder, recorded in record["dirs"].items())


def _verified(out: Path, spare: Path | None) -> tuple[dict, dict | None]:
    """(verified_manifest, the output's record) for a resolved `out`."""
    listed = manifest(out)
    if spare is None or not listed:
        return listed, None
    record = load_stamps(spare, "live")
    try:
        if not record or record["folder"] != folder_id(out):
            return {}, None
    except OSError:
        return {}, None
    recorded = record["files"]
    base = os.path.join(os.fspath(out), "")
    if _file_stamp(base + MANIFEST) != recorded.get(MANIFEST, "-"):
        return {}, None
    return {relative: value for relative, value in listed.items() if _file_stamp(base + relative) == recorded.get(relative, "-")}, record


def _file_stamp(path: str) -> str | None:
    """The stamp of a regular file (None: none there, or something else)."""
    try:
        status = os.lstat(path)
    except (OSError, ValueError):  # ValueError: a NUL in a name of a doctored manifest
        return None
    return stamp(status) if stat.S_ISREG(status.st_mode) else None


def _folder_stamp(path: str) -> str | None:
    try:
        status = os.lstat(path)
    except (OSError, ValueError):
        return None
    return stamp(status) if is_folder_status(status) else None


if os.name == "nt":

    def stamp(status: os.stat_result) -> str:
        return f"{status.st_size}:{status.st_mtime_ns}"

else:

    def stamp(status: os.stat_result) -> str:
        return f"{status.st_size}:{status.st_ctime_ns}:{status.st_ino}"


def folder_id(folder: Path) -> str:
    status = os.lstat(folder)
    return f"{status.st_dev}:{status.st_ino}"  # its own stamp changes as it is moved


def keep_stamps(spare: Path, record: dict, spared: bool) -> None:
    """After the swap: the old output's stamps go with it to the spare, the new ones are
    kept for the output. A failure (a full disk) leaves no stamps, and without them the
    next build trusts nothing, which is only slower."""
    live, kept = _stamps_file(spare, "live"), _stamps_file(spare, "spare")
    try:
        if spared:
            os.replace(live, kept)
        else:
            os.unlink(kept)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(kept)  # may describe what is now the output: out of date
    try:
        write_cache_file(live, json.dumps(record).encode())
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(live)


def load_stamps(spare: Path | None, which: str) -> dict | None:
    """The record of the output ("live") or of the spare; None if there is none (or a bad
    one: said in a note)."""
    if spare is None:
        return None
    path = _stamps_file(spare, which)
    record = read_json_cache_file(path, _is_record)
    assert record is None or isinstance(record, dict)  # _is_record said so
    return record


def _is_record(record) -> bool:
    if not (isinstance(record, dict) and record.keys() == {"version", "folder", "files", "dirs"}):
        return False
    files, dirs = record["files"], record["dirs"]
    return (
        record["version"] == STAMPS_VERSION
        and type(record["folder"]) is str
        and isinstance(files, dict)
        and isinstance(dirs, dict)
        and all(type(value) is str for value in files.values())  # JSON keys are always text
        and all(type(value) is str for value in dirs.values())
    )

"""The only writer: files -> a staging folder beside the output, swapped in at the end.

The output folder is replaced in one atomic exchange (renameat2 on Linux), so a reader
or a killed build only ever sees the old complete site or the new one. A manifest of
content hashes lets unchanged files be hard-linked from the previous output instead of
rewritten, and marks the folder as ours: a non-empty folder without it is never replaced.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
from pathlib import Path

MANIFEST = ".vnu-site.json"
_STAGING = ".vnu-staging-"


class OutputRefused(Exception):
    """The output folder is not one the build may replace; nothing was touched."""


def check_output(out: Path, protected: list[Path]) -> None:
    """Refuse outputs that would destroy something that is not a generated site."""
    target = out.resolve()
    home = Path.home().resolve()
    if target == Path(target.anchor) or target == home:
        raise OutputRefused(
            f"refusing to write the site to {out}: it is {'the root folder' if target == Path(target.anchor) else 'your home folder'}"
        )
    for folder in protected:
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise OutputRefused(f"refusing to write the site to {out}: it would replace {folder}")
    if (target / ".git").exists() or (target / "pyproject.toml").exists():
        raise OutputRefused(f"refusing to write the site to {out}: it looks like a project folder")
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"refusing to write the site to {out}: it is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST).is_file():
        raise OutputRefused(
            f"refusing to replace {out}: it is not empty and was not made by vnu-site (no {MANIFEST}); "
            "choose another --out or empty it yourself"
        )


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class FinalizeFailed(Exception):
    """A finaliser (e.g. the search indexer) failed; the old output was kept."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def write_site(out: Path, files: dict[str, bytes], finalizers=()) -> dict:
    """Replace `out` with exactly `files` (relative path -> bytes), after each finaliser has
    run on the complete staging folder. Returns counts."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out)
    previous = _manifest(out)
    staging = out.parent / f".{out.name}{_STAGING}{os.getpid()}"
    staging.mkdir()
    linked = written = 0
    hashes = {}
    made_dirs: set[Path] = set()
    for relative in sorted(files):
        data = files[relative]
        target = staging / relative
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        hashes[relative] = digest(data)
        old = out / relative
        if previous.get(relative) == hashes[relative] and _link(old, target):
            linked += 1  # unchanged: same inode, the old file is not rewritten
            continue
        target.write_bytes(data)
        written += 1
    (staging / MANIFEST).write_text(json.dumps(hashes, sort_keys=True, indent=0), encoding="utf-8")
    for finalize in finalizers:
        problems = finalize(staging)
        if problems:
            shutil.rmtree(staging, ignore_errors=True)
            raise FinalizeFailed(problems)
    _swap(staging, out)
    return {"files": len(files), "written": written, "unchanged": linked}


def remove_stale_staging(out: Path) -> None:
    """Staging folders left by a build that was killed; only ever our own names."""
    prefix = f".{out.name}{_STAGING}"
    for path in out.parent.glob(prefix + "*"):
        if path.is_dir() and not path.is_symlink() and path.name[len(prefix) :].isdigit():
            shutil.rmtree(path, ignore_errors=True)


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


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    if not _exchange(staging, out):
        # No atomic exchange here: two renames, with a very short window between them.
        parked = staging.with_name(staging.name + "0")
        os.rename(out, parked)
        os.rename(staging, out)
        staging = parked
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0

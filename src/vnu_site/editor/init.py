"""`vnu-site init DIR`: a new site that builds, passes `check --strict` and can be published.

The starter site ships in the package (`vnu_site/editor/starter/`, package data): content in
Vietnamese and English (settings, tags, an about page, a fictional partner and an article
that links it, every text marked REPLACE / THAY THẾ), a commented `templates/strings.yaml`
showing how to override the default theme, a GitHub Pages workflow, a `.gitignore` and a
README. Two markers are filled in as the files are copied: `@DATE@`, the day init runs (the
article's date: published at once, never scheduled), and `@VERSION@`, this vnu-site's (the
workflow installs the same one). A name starting with `dot-` is written with a `.` instead
(`.gitignore`, `.github/`): a leading dot hides files from packaging tools.

DIR must not exist, or be an empty folder; nothing is written otherwise. A write that fails
half-way removes what was written.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from pathlib import Path

from vnu_site.version import __version__

STARTER = Path(__file__).resolve().parent / "starter"  # package data: shipped in the wheel
_HIDDEN = "dot-"


class InitRefused(Exception):
    """Nothing was written; the message says why."""


def starter_files(today: datetime.date, version: str = __version__) -> dict[str, bytes]:
    """Relative path (with `/`) -> the bytes to write, markers filled in."""
    files = {}
    for path in sorted(STARTER.rglob("*")):
        if not path.is_file():
            continue
        parts = [_name(part) for part in path.relative_to(STARTER).parts]
        text = path.read_text(encoding="utf-8").replace("@DATE@", today.isoformat()).replace("@VERSION@", version)
        files["/".join(parts)] = text.encode("utf-8")
    return files


def _name(part: str) -> str:
    """dot-gitignore -> .gitignore"""
    return "." + part.removeprefix(_HIDDEN) if part.startswith(_HIDDEN) else part


def create(folder: Path, today: datetime.date, version: str = __version__) -> list[str]:
    """Writes the starter site into folder; returns the relative paths written, in order."""
    _refuse_unless_empty(folder)
    files = starter_files(today, version)
    # The folder and any of its parents that do not exist yet: made here, removed again if a write fails.
    made: list[Path] = [path for path in reversed([folder, *folder.parents]) if not os.path.lexists(path)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for relative, data in files.items():
            target = folder / relative
            for parent in reversed(target.relative_to(folder).parents[:-1]):
                if not (folder / parent).is_dir():
                    (folder / parent).mkdir()
                    made.append(folder / parent)
            with open(target, "xb") as file:  # never over a file that appeared meanwhile
                made.append(target)
                file.write(data)
    except BaseException:
        for path in reversed(made):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        raise
    return list(files)


def _refuse_unless_empty(folder: Path) -> None:
    shown = folder.as_posix()
    if not os.path.lexists(folder):
        return
    if not folder.is_dir():
        raise InitRefused(f"{shown} exists and is not a folder; give the name of a new or empty folder")
    if any(folder.iterdir()):
        raise InitRefused(f"{shown} is not empty; give the name of a new or empty folder (nothing was written)")

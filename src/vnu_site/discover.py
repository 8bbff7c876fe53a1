"""Find the content files: content/<folder>/<key>.<lang>.md, sorted, nothing read yet."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problems, did_you_mean
from .model import FOLDERS
from .schema import KEY_PATTERN

_NAME = re.compile(r"^(?P<key>[^.]+)\.(?P<lang>[^.]+)\.md$")


@dataclass(frozen=True, order=True)
class SourceFile:
    kind: str
    key: str
    lang: str
    path: Path
    display: str  # the path as shown in messages, e.g. content/articles/x.vi.md


def discover(content: Path, languages, problems: Problems) -> list[SourceFile]:
    """Every content file, in a fixed order whatever order the disk lists them in."""
    found: list[SourceFile] = []
    root = content.resolve()
    for folder, kind in FOLDERS.items():
        directory = content / folder
        if not directory.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(".md"):
                    continue  # images and other files beside the text are assets
                path = Path(dirpath) / name
                display = _display(content, path)
                source = _source(kind, path, display, root, languages, problems)
                if source:
                    found.append(source)
    for path in sorted(content.glob("*.md")):
        problems.error(Location(_display(content, path)), f"content files belong in a folder: one of {', '.join(FOLDERS)}")
    for path in (
        sorted(p for p in content.iterdir() if p.is_dir() and p.name not in FOLDERS and not p.name.startswith("."))
        if content.is_dir()
        else []
    ):
        if any(path.rglob("*.md")):
            problems.error(
                Location(_display(content, path)),
                f"unknown content folder '{path.name}'{did_you_mean(path.name, FOLDERS)}; use one of: {', '.join(FOLDERS)}",
            )
    return sorted(found)


def _display(content: Path, path: Path) -> str:
    return (content / path.relative_to(content)).as_posix()


def _source(kind, path: Path, display: str, root: Path, languages, problems: Problems) -> SourceFile | None:
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            problems.error(Location(display), "is a link to a file outside the content folder; copy the file in instead")
            return None
    match = _NAME.match(path.name)
    if not match:
        problems.error(Location(display), "file name must be <id>.<language>.md, for example tsinghua.vi.md")
        return None
    key, lang = match["key"], match["lang"]
    if lang not in languages:
        problems.error(Location(display), f"unknown language '{lang}' in the file name; use one of: {', '.join(languages)}")
        return None
    if not KEY_PATTERN.match(key):
        problems.error(Location(display), f"'{key}' is not a valid id: use lowercase letters a-z, digits and single hyphens")
        return None
    return SourceFile(kind, key, lang, path, display)

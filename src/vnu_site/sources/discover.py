"""Find the content files: content/<folder>/<key>.<lang>.md, sorted, nothing read yet.

Only regular files inside the content folder are sources. A link (file or folder) that
leads outside it is refused, so a build can never publish a file from elsewhere on the
machine; a link to a folder is never followed (no loops, no file seen twice). Names
starting with "." are editors' and tools' own files (`.#x.vi.md` locks, `.git`) and are
skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import FOLDERS
from vnu_site.sources.schema import KEY_PATTERN

_NAME = re.compile(r"^(?P<key>[^.]+)\.(?P<lang>[^.]+)\.md$")


@dataclass(frozen=True, order=True)
class SourceFile:
    kind: str
    key: str
    lang: str
    path: Path
    display: str  # the path as shown in messages, e.g. content/articles/x.vi.md


def discover(content: Path, languages: Collection[str], problems: Problems) -> list[SourceFile]:
    """Every content file, in a fixed order whatever order the disk lists them in."""
    found: list[SourceFile] = []
    root = content.resolve()
    for folder, kind in FOLDERS.items():
        directory = content / folder
        if not directory.is_dir() or not _inside(directory, root, _display(content, directory), problems):
            continue
        for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
            here = Path(dirpath)
            dirnames[:] = sorted(n for n in dirnames if not n.startswith(".") and _walkable(here / n, root, content, problems))
            for name in sorted(filenames):
                if name.startswith(".") or not name.endswith(".md"):
                    continue  # images and other files beside the text are assets
                path = here / name
                source = _source(kind, path, _display(content, path), root, languages, problems)
                if source:
                    found.append(source)
    if content.is_dir():
        _check_top_level(content, root, problems)
    return sorted(found)


def _check_top_level(content: Path, root: Path, problems: Problems) -> None:
    for path in sorted(content.iterdir()):
        if path.name.startswith("."):
            continue
        if not _inside(path, root, _display(content, path), problems):
            continue
        if path.is_file() and path.suffix == ".md":
            problems.error(Location(_display(content, path)), f"content files belong in a folder: one of {', '.join(FOLDERS)}")
        elif path.is_dir() and path.name not in FOLDERS and not path.is_symlink() and any(path.rglob("*.md")):
            problems.error(
                Location(_display(content, path)),
                f"unknown content folder '{path.name}'{did_you_mean(path.name, FOLDERS)}; use one of: {', '.join(FOLDERS)}",
            )


def _display(content: Path, path: Path) -> str:
    """The path for messages, one line whatever bytes the name holds."""
    return _printable((content / path.relative_to(content)).as_posix())


def _printable(text: str) -> str:
    """Control characters and undecodable bytes in a name escaped, so a message stays one line."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def _inside(path: Path, root: Path, display: str, problems: Problems) -> bool:
    """False (and an error) for a link that leads out of the content folder."""
    if not path.is_symlink() or path.resolve().is_relative_to(root):
        return True
    what = "folder" if path.is_dir() else "file"
    problems.error(Location(display), f"is a link to a {what} outside the content folder; copy the {what} in instead")
    return False


def _walkable(path: Path, root: Path, content: Path, problems: Problems) -> bool:
    """Real sub-folders are walked; links to folders never are, and say so if they hold content."""
    if not path.is_symlink():
        return True
    display = _display(content, path)
    if _inside(path, root, display, problems) and path.is_dir() and any(path.rglob("*.md")):
        problems.error(Location(display), "is a link to a folder, which is not followed; move the files here instead")
    return False


def _source(kind: str, path: Path, display: str, root: Path, languages: Collection[str], problems: Problems) -> SourceFile | None:
    if not _inside(path, root, display, problems):
        return None
    if not path.is_file():
        reason = "a link to a file that does not exist" if path.is_symlink() else "not a regular file"
        problems.error(Location(display), f"is {reason}")
        return None
    match = _NAME.match(path.name)
    if not match:
        problems.error(Location(display), "file name must be <id>.<language>.md, for example tsinghua.vi.md")
        return None
    key, lang = match["key"], match["lang"]
    if lang not in languages:
        problems.error(Location(display), f"unknown language '{_printable(lang)}' in the file name; use one of: {', '.join(languages)}")
        return None
    if not KEY_PATTERN.match(key):
        problems.error(Location(display), f"'{_printable(key)}' is not a valid id: use lowercase letters a-z, digits and single hyphens")
        return None
    return SourceFile(kind, key, lang, path, display)

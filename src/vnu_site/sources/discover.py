"""Find the content files: content/<folder>/<key>.<lang>.md, sorted, nothing read yet.

Only regular files inside the content folder are sources. A link (file or folder) that
leads outside it is refused, so a build can never publish a file from elsewhere on the
machine; a link to a folder is never followed (no loops, no file seen twice). Names
starting with "." are editors' and tools' own files (`.#x.vi.md` locks, `.git`) and are
skipped.

Nothing else is passed over in silence: a folder that cannot be listed is an error (its
texts would vanish from the site), and every other file the build will not read (a text
saved as `.MD` or `.txt`, an image outside its item's folder, a stray file in content/)
gets a warning naming it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import FOLDERS
from vnu_site.sources.schema import IMAGE_PATTERN, KEY_PATTERN
from vnu_site.sources.settings_file import cannot_read

_NAME = re.compile(r"^(?P<key>[^.]+)\.(?P<lang>[^.]+)\.md$")
# A text saved under another ending: tin.vi.MD, tin.vi.markdown, tin.vi.md.txt (Notepad).
_TEXT_LIKE = re.compile(r"^(?P<stem>[^.]+\.(?P<lang>[^.]+))(?:\.md)?\.(?:md|markdown|mdown|mkdn?|mdwn|mdtxt|txt|text)$", re.I)
_MARKDOWN = re.compile(r"\.(?:md|markdown|mdown|mkdn?|mdwn|mdtxt)$", re.I)
_IMAGE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)$", re.I)
_OTHER_IMAGE = re.compile(r"\.(?:svg|heic|heif|tiff?|bmp|ico|jfif)$", re.I)

SETTINGS_FILES = ("site.yaml", "tags.yaml")
NOT_READ = "not read by the build"  # every warning about a skipped file starts so: `check` files them as not-read


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
    others: list[tuple[str, str, tuple[str, ...], str]] = []  # (kind, its folder shown, path inside the folder, display)
    root = content.resolve()
    for entry in _listing(content, _display(content, content), problems):
        path = content / entry.name
        display = _display(content, path)
        try:
            if not _inside(path, root, display, problems):
                continue
            if entry.name in FOLDERS and path.is_dir():
                found += _walk(content, root, entry.name, languages, problems, others)
            elif entry.name not in SETTINGS_FILES:  # config reads those and reports their problems
                _top_level(content, path, display, problems)
        except OSError as error:
            problems.error(Location(display), cannot_read(error))
    keys: dict[str, set[str]] = {}
    for source in found:
        keys.setdefault(source.kind, set()).add(source.key)
    for kind, folder, parts, display in others:
        reason = _not_read(kind, folder, parts, keys.get(kind, set()), languages)
        if reason:
            problems.warning(Location(display), f"{NOT_READ}: {reason}")
    return sorted(found)


def _listing(folder: Path, display: str, problems: Problems) -> Iterator[os.DirEntry[str]]:
    """The folder's entries by name, without editors' dot files; an error if it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            listed = sorted(entries, key=lambda entry: entry.name)
    except FileNotFoundError:
        return  # removed while the build ran: whatever was in it is reported as missing where it is used
    except OSError as error:
        problems.error(Location(display), cannot_read(error))
        return
    yield from (entry for entry in listed if not entry.name.startswith("."))


def _walk(
    content: Path,
    root: Path,
    folder: str,
    languages: Collection[str],
    problems: Problems,
    others: list[tuple[str, str, tuple[str, ...], str]],
) -> list[SourceFile]:
    """The texts in one kind's folder and its sub-folders; files that are not texts go to others."""
    kind, top = FOLDERS[folder], content / folder
    found = []
    folders = [top]
    while folders:
        here = folders.pop()
        for entry in _listing(here, _display(content, here), problems):
            path = here / entry.name
            display = _display(content, path)
            try:
                if entry.is_dir():
                    if _walkable(path, root, content, problems):
                        folders.append(path)
                elif entry.name.endswith(".md"):
                    source = _source(kind, path, display, root, languages, problems)
                    if source:
                        found.append(source)
                else:
                    others.append((kind, _display(content, top), path.relative_to(top).parts, display))
            except OSError as error:
                problems.error(Location(display), cannot_read(error))
    return found


def _top_level(content: Path, path: Path, display: str, problems: Problems) -> None:
    """Anything in content/ besides the settings and the kinds' folders."""
    if path.name in FOLDERS:  # not a folder, or the loop would have walked it
        problems.warning(Location(display), f"{NOT_READ}: it should be the folder of the {FOLDERS[path.name]}s, but it is a file")
    elif path.is_file() and path.suffix == ".md":
        problems.error(Location(display), f"content files belong in a folder: one of {', '.join(FOLDERS)}")
    elif path.is_dir() and not path.is_symlink() and any(path.rglob("*.md")):
        problems.error(
            Location(display),
            f"unknown content folder '{_printable(path.name)}'{did_you_mean(path.name, FOLDERS)}; use one of: {', '.join(FOLDERS)}",
        )
    elif not path.is_dir() or any(_files_below(path)):  # an empty folder loses nothing
        suggestion = did_you_mean(path.name, [*SETTINGS_FILES, *FOLDERS])
        holds = f"{', '.join(SETTINGS_FILES)} and the folders {', '.join(FOLDERS)}"
        problems.warning(Location(display), f"{NOT_READ}: {_display(content, content)}/ holds only {holds}{suggestion}")


def _files_below(folder: Path) -> Iterator[Path]:
    return (path for path in folder.rglob("*") if not path.is_dir())


def _not_read(kind: str, folder: str, parts: tuple[str, ...], keys: Collection[str], languages: Collection[str]) -> str | None:
    """Why the build will not read a file found in a kind's folder (None: it is an item's image)."""
    name = parts[-1]
    text = _TEXT_LIKE.match(name)
    if text and text["lang"] in languages:
        return f"a text's file name must end in '.md'; rename it to {_printable(text['stem'])}.md"
    if _MARKDOWN.search(name):
        return "a text's file name must be <id>.<language>.md, for example tsinghua.vi.md"
    if _IMAGE.search(name):
        if len(parts) == 1:
            return f"an image belongs in the folder named after its {kind}, {folder}/<id>/"
        if parts[0] not in keys:
            return f"no {kind} has the id '{_printable(parts[0])}'{did_you_mean(parts[0], keys)}, so no text can show this image"
        if not IMAGE_PATTERN.match("/".join(parts[1:])):
            return "an image's name may hold only letters a-z, digits, '.', '_' and '-' (no spaces or accents)"
        return None
    if _OTHER_IMAGE.search(name):
        return "images must be jpg, png, gif, webp or avif files"
    return f"in {folder}/ it reads texts named <id>.<language>.md and the images in their item's folder"


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

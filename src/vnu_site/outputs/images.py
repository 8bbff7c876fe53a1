"""Images: a cover and inline images, kept in a folder beside the text they belong to.

`content/articles/tsinghua-ai.vi.md` may show `cover: cover.jpg` and `![…](chart.png)`;
both files live in `content/articles/tsinghua-ai/` and are copied to
`/media/articles/tsinghua-ai/`, shared by every language. Only images that a published
text refers to are copied. A missing image is an error at the line that names it; the
name must match exactly, as the web server that publishes the site is case-sensitive.
"""

from __future__ import annotations

import os
import stat
from functools import partial
from pathlib import Path

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.io.write import Lazy
from vnu_site.model import FOLDER_OF, Item, Site
from vnu_site.site.urls import Urls
from vnu_site.sources.schema import IMAGE_PATTERN
from vnu_site.sources.settings_file import cannot_read, not_a_file
from vnu_site.sources.sourcelines import body_line, field_line


def folder_of(content: Path, item: Item) -> Path:
    return content / FOLDER_OF[item.kind] / item.key


def referenced(item: Item) -> list[tuple[str, str, str]]:
    """(name, field, file) for the cover and every local inline image of the published texts.

    field is "cover" or "" for the body; file is the text that names it (for messages).
    """
    found = []
    cover = item.facts.get("cover")
    if cover:
        found.append((cover, "cover", ""))
    for lang in sorted(item.texts):
        text = item.texts[lang]
        found += [(name, "", text.path) for name in text.images]
    return found


def collect(site: Site, content: Path, problems: Problems) -> dict[str, Path]:
    """Output path ('media/articles/KEY/NAME') -> source file, for every image a published text
    uses; each missing or unusable one is reported where it is named."""
    urls = Urls(site.config)
    files: dict[str, Path] = {}
    for item in site.items.values():
        shown = referenced(item)
        if not shown:
            continue
        folder = folder_of(content, item)
        for name, field, path in shown:
            problem = _problem(folder, name)
            if problem:
                problems.error(_where(item, name, field, path), problem)
                continue
            files[urls.media(item.kind, item.key, name)[1:]] = folder / name
    for item in site.waiting:  # drafts and scheduled articles: checked now, copied once published
        for name, field, path in referenced(item):
            problem = _problem(folder_of(content, item), name)
            if problem:
                problems.error(_where(item, name, field, path), problem)
    return dict(sorted(files.items()))


def copy_images(site, strings, pages, env, options, problems) -> dict:
    """Output producer: every image the published texts use. An image is read only when
    its file changed (size or time) since the last build: photos are most of a site's bytes."""
    return {relative: Lazy(partial(_stamp, source), _read) for relative, source in collect(site, options.content, problems).items()}


def _stamp(source: Path) -> tuple:
    stat = source.stat()
    return (source.as_posix(), stat.st_size, stat.st_mtime_ns)


def _read(stamp: tuple) -> bytes:
    return Path(stamp[0]).read_bytes()


def _problem(folder: Path, name: str) -> str | None:
    shown = (folder / name).as_posix()
    if not IMAGE_PATTERN.match(name) or ".." in name.split("/"):
        return f"image '{name}' must be a jpg, png, gif, webp or avif file inside {folder.as_posix()}/"
    target = folder / name
    try:
        present = os.listdir(target.parent)
    except (FileNotFoundError, NotADirectoryError):
        return f"image not found: {shown} (put the image in the folder {folder.as_posix()}/)"
    except OSError as error:
        return f"image {shown}: its folder {cannot_read(error)}"
    if target.name not in present:
        same_letters = [name for name in present if name.lower() == target.name.lower()]  # fine on a laptop, broken when published
        hint = f" (did you mean '{same_letters[0]}'?)" if same_letters else did_you_mean(target.name, present) or _folder_holds(present)
        return f"image not found: {shown}{hint}"
    return _unusable(target, shown)


def _unusable(target: Path, shown: str) -> str | None:
    """Why the file named is no image to copy: a link, a folder, a named pipe, unreadable."""
    try:
        mode = os.lstat(target).st_mode
        if stat.S_ISLNK(mode):  # it could lead anywhere on the machine
            return f"image {shown} is a link; put the image file itself in its place"
        if not stat.S_ISREG(mode):
            return f"image {shown} is {not_a_file(mode)}, not an image file"
        os.close(os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))  # read later, in a worker: fail here, where it is named
    except OSError as error:
        return f"image {shown} {cannot_read(error)}"
    return None


def _folder_holds(present: list[str]) -> str:
    """What the folder does hold, when no name there is close to the one written."""
    images = sorted(name for name in present if IMAGE_PATTERN.match(name))
    if not images:
        return ""
    more = f" and {len(images) - 5} more" if len(images) > 5 else ""
    return f" (the folder has {', '.join(images[:5])}{more})"


def _where(item: Item, name: str, field: str, path: str) -> Location:
    """The line that names the image: the cover field, or the body line with its source."""
    if field:
        for text in item.texts.values():
            line = field_line(text.path, field)
            if line:
                return Location(text.path, line)
        return Location(next(iter(item.texts.values())).path, 1)
    return Location(path, body_line(path, name))

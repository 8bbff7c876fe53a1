"""Images: a cover and inline images, kept in a folder beside the text they belong to.

`content/articles/tsinghua-ai.vi.md` may show `cover: cover.jpg` and `![…](chart.png)`;
both files live in `content/articles/tsinghua-ai/` and are published under
`/media/articles/tsinghua-ai/`, shared by every language, with their variants (sizes and
formats: site/image_files.py). Only images that a published text refers to are published. A
missing, damaged or oversized image is an error at the line that names it; the name must
match exactly, as the web server that publishes the site is case-sensitive.

Two steps:
- `find_images`, a stage before the pages are planned (pages need each image's size): every
  image a text names is checked and probed (sources/image_probe.py), and the variants of
  the published ones are made into the build cache's store (io/blob_store.py), all in the
  worker pool. An image whose file is unchanged (size and time, then content hash) is
  not decoded again, and a variant already in the store is not made again.
- `publish_images`, an output producer: each published file is a `write.Lazy` that takes
  its bytes from the store (or makes them, without a cache).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import stat
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.io.blob_store import BlobStore, cache_folder
from vnu_site.io.parallel import ordered_map
from vnu_site.io.safe_files import read_unless
from vnu_site.io.write import Lazy, digest
from vnu_site.model import FOLDER_OF, ImageFacts, Item, Site
from vnu_site.site import image_files
from vnu_site.site.urls import Urls
from vnu_site.sources.image_probe import inspect
from vnu_site.sources.schema import IMAGE_PATTERN
from vnu_site.sources.settings_file import cannot_read, not_a_file
from vnu_site.sources.sourcelines import body_line, field_line

# What the build cache keeps of an image file (cache_files.ImageRecord): its resolved path ->
# ((size, mtime), content hash, its facts or what is wrong with it).
Records = dict[str, tuple[tuple[int, int], str, ImageFacts | str]]
STORE = "images"  # the store's folder in the site's cache


def folder_of(content: Path, item: Item) -> Path:
    return content / FOLDER_OF[item.kind] / item.key


def relative(item: Item, name: str) -> str:
    """How Site.images names an item's image: its path under content/."""
    return f"{FOLDER_OF[item.kind]}/{item.key}/{name}"


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


def store_for(options) -> BlobStore | None:
    """Where the variants are kept: the site's build cache (none without one)."""
    folder = cache_folder(options.cache_dir, options)
    return BlobStore(folder / STORE) if folder else None


# --- the stage: every image checked and probed, the published ones' variants made ---------


@dataclass
class _Use:
    """One image file and who shows it."""

    relative: str
    name: str
    named: list[tuple[Item, str, str, str]] = field(default_factory=list)  # (item, name, field, file): _where's, found if need be
    published: bool = False
    cover: bool = False


@dataclass(frozen=True)
class _Job:
    path: Path
    use: _Use
    probed: ImageFacts | None  # the facts already known (unchanged file), to make variants only


def find_images(
    site: Site, content: Path, records: Records, store: BlobStore | None, jobs: int, problems: Problems, fresh: bool = False
) -> tuple[Site, Records]:
    """The site with the facts of every image a published text shows (Site.images), and the
    records to keep for the next build. Each problem is reported where the image is named;
    drafts' images are checked too, but have no variants until they are published.
    fresh (--clean): the store's variants are not used, but made again."""
    uses = _uses(site, content, problems)
    if problems.errors:
        store = None  # a build that fails anyway: checked only
    present: set[str] = set()
    try:
        if store is not None and (fresh or not uses):
            store.keep_only(set())
        if store is not None and uses:
            store.prepare()
            present = store.present()
    except OSError:  # a cache that cannot be used: the files are made without it (publish_images)
        store = None
    make = store is not None
    if not uses:
        return dataclasses.replace(site, images={}, image_formats=()), {}
    from vnu_site.outputs.image_variants import encoder_salt, modern_formats

    formats = modern_formats()
    salt = encoder_salt() if make else ""
    kept: Records = {}
    facts: dict[Path, ImageFacts | str] = {}
    todo: list[_Job] = []
    by_content = {record[1]: record[2] for record in records.values()}
    for path, use in uses.items():
        key = str(path.resolve())
        record = records.get(key)
        try:
            status = os.stat(path)
        except OSError as error:
            _report(problems, use, f"image {path.as_posix()} {cannot_read(error)}")
            continue
        if record is None or record[0] != (status.st_size, status.st_mtime_ns):
            todo.append(_Job(path, use, None))
            continue
        kept[key] = record
        found = record[2]
        if isinstance(found, ImageFacts) and make and use.published and _missing(present, found, use, formats, salt):
            todo.append(_Job(path, use, found))
        else:
            facts[path] = found
    work = partial(_work, formats, store, salt, by_content)
    for job, (stamp, content_hash, found) in zip(todo, ordered_map(work, todo, jobs), strict=True):
        facts[job.path] = found
        if stamp is not None:
            kept[str(job.path.resolve())] = (stamp, content_hash, found)
    shown: dict[str, ImageFacts] = {}
    for path, use in uses.items():
        said = facts.get(path)
        if isinstance(said, str):
            _report(problems, use, f"image {path.as_posix()} {said}")
        elif said is not None and use.published:
            shown[use.relative] = said
    if store is not None and (todo or kept.keys() != records.keys()):
        with contextlib.suppress(OSError):
            store.keep_only(_keys(uses, shown, formats, salt))  # the variants of images no longer shown go
    return dataclasses.replace(site, images=dict(sorted(shown.items())), image_formats=formats), dict(sorted(kept.items()))


def _uses(site: Site, content: Path, problems: Problems) -> dict[Path, _Use]:
    """Every image file a text names, published or waiting; a name that leads to no usable
    file is reported where it is written."""
    found: dict[Path, _Use] = {}
    for items, published in ((sorted(site.items.values(), key=lambda item: item.ref), True), (site.waiting, False)):
        for item in items:  # drafts and scheduled articles: checked now, published once they are
            folder = folder_of(content, item)
            for name, field_name, path in referenced(item):
                problem = _problem(folder, name)
                if problem:
                    problems.error(_where(item, name, field_name, path), problem)
                    continue
                use = found.setdefault(folder / name, _Use(relative(item, name), name))
                use.named.append((item, name, field_name, path))
                use.published |= published
                use.cover |= published and field_name == "cover"
    return found


def _report(problems: Problems, use: _Use, message: str) -> None:
    for where in sorted({_where(*named) for named in use.named}):  # (the text is read again only now)
        problems.error(where, message)


def _labels(use: _Use, facts: ImageFacts, formats: tuple[str, ...]) -> set[str]:
    return set(image_files.files(use.name, facts, formats, use.cover).values())


def _missing(present: set[str], facts: ImageFacts, use: _Use, formats: tuple[str, ...], salt: str) -> bool:
    return not all(BlobStore.key(facts.digest, salt, label) in present for label in _labels(use, facts, formats))


def _keys(uses: dict[Path, _Use], shown: dict[str, ImageFacts], formats: tuple[str, ...], salt: str) -> set[str]:
    keys = set()
    for use in uses.values():
        facts = shown.get(use.relative)
        if facts is not None:
            keys |= {BlobStore.key(facts.digest, salt, label) for label in _labels(use, facts, formats)}
    return keys


def _work(formats: tuple[str, ...], store: BlobStore | None, salt: str, by_content: dict, job: _Job) -> tuple:
    """In a worker: (stamp, content hash, facts or what is wrong) of one image, its variants
    made into the store if it is published and they are not there yet. (None, "", sentence)
    if the file cannot be read now."""
    try:
        stamp, data = read_unless(job.path, None)
    except OSError as error:
        return None, "", cannot_read(error)
    assert data is not None  # no stamp was given
    content_hash = digest(data)
    found: ImageFacts | str | None = job.probed if job.probed is not None and job.probed.digest == content_hash else None
    opened = None  # decoded by the probe: its variants are made from it, not decoded again
    if found is None:
        found = by_content.get(content_hash)  # this file as it was, or the same image elsewhere
        if found is None:
            found, opened = inspect(data)
        if isinstance(found, ImageFacts):
            found = dataclasses.replace(found, digest=content_hash)
    try:
        if store is not None and job.use.published and isinstance(found, ImageFacts):
            _make(store, salt, data, found, _labels(job.use, found, formats), opened)
    except (OSError, ValueError, MemoryError) as error:  # probed fine, yet Pillow cannot write it: said, not a traceback
        reason = str(error).strip() or type(error).__name__
        return None, content_hash, f"cannot be made smaller ({reason[:120]}); export it again from the original"  # not kept
    finally:
        if opened is not None:
            opened.close()
    return stamp, content_hash, found


def _make(store: BlobStore, salt: str, data: bytes, facts: ImageFacts, labels: set[str], opened: Any) -> None:
    """The variants the store does not have yet, made and kept there. One that cannot be
    written there (a full disk) is left out: the producer makes it again from the image."""
    from vnu_site.outputs.image_variants import make

    missing = sorted(label for label in labels if not store.has(BlobStore.key(facts.digest, salt, label)))
    if missing:
        for label, made in make(data, facts, missing, opened).items():
            with contextlib.suppress(OSError):
                store.write(BlobStore.key(facts.digest, salt, label), made)


# --- the producer: the files ---------------------------------------------------------------


def publish_images(site, strings, pages, env, options, problems) -> dict:
    """Output producer: every file of every image the published texts use, made only when
    what it is made from changed (write.Lazy)."""
    if not site.images:
        return {}
    urls = Urls(site.config)
    store = store_for(options)
    folder = str(store.folder) if store else None
    content = options.content.resolve().as_posix()
    files: dict[str, Lazy] = {}
    for item in site.items.values():  # (a quick build goes through here too: kept cheap, 10 files an image)
        cover = item.facts.get("cover")
        published = urls.media(item.kind, item.key)[1:]
        for name in dict.fromkeys(name for name, _field, _path in referenced(item)):
            facts = site.images.get(relative(item, name))
            if facts is None:
                continue  # reported by find_images
            source = f"{content}/{relative(item, name)}"
            make = partial(_render, source, folder)
            for file, label in image_files.files(name, facts, site.image_formats, name == cover).items():
                files[published + file] = Lazy(partial(_describe, facts, label), make)
    return dict(sorted(files.items()))


def _describe(facts: ImageFacts, label: str) -> tuple:
    """What the file's bytes follow from: the image (its content hash), the variant, the
    encoder's salt; not where the image or the cache are (the same file wherever they are)."""
    from vnu_site.outputs.image_variants import encoder_salt

    return (facts, label, encoder_salt())


def _render(source: str, folder: str | None, described: tuple) -> bytes:
    """The file's bytes from the store; made from the image itself when the store does not
    have them (no cache, or a cache emptied since the images were probed)."""
    facts, label, salt = described
    store = BlobStore(Path(folder)) if folder else None
    key = BlobStore.key(facts.digest, salt, label)
    kept = store.read(key) if store else None
    if kept is not None:
        return kept
    from vnu_site.outputs.image_variants import make

    _stamp, data = read_unless(Path(source), None)
    assert data is not None  # no stamp was given
    made = make(data, facts, [label])[label]
    if store is not None:
        with contextlib.suppress(OSError):  # kept for the next build, if the cache can take it
            store.write(key, made)
    return made


# --- where an image is named, and what is wrong with its name ---------------------------------


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
    """Why the file named is no image to publish: a link, a folder, a named pipe, unreadable."""
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

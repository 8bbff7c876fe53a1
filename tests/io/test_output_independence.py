"""The output and the cache are independent (issue 13, class 5), and a failure after the new
site is live is said, not reported as a failed build (class 6, after the swap).

- The live site shares no file with the cache: a file of public/ edited in place (same
  inode, even with its time put back), replaced, removed or added by hand changes nothing
  in the cache's spare copy, is made again by the next build, and `--clean` gives exactly
  a clean build's bytes whatever was done to the output or the cache.
- A cache inside the output (it would be published, drafts included) and an output inside
  the cache are refused before anything is written.
- When the new site is in place but the cache cannot be saved (a full disk, a file where
  the cache folder should be), the build says so in one note and exits 0.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import TINY, build_args, tree
from vnu_site.incremental import cache as cache_module

PAGE = "vi/index.html"  # not touched by the edits below: kept from build to build
EDITS = [
    ("articles/tsinghua-ai.en.md", "and VNU signed", "and VNU formally signed"),
    ("articles/state-visit.en.md", "title: The state visit", "title: The state visit of April"),
]


def _edit(content: Path, step: int) -> None:
    name, old, new = EDITS[step]
    text = (content / name).read_text(encoding="utf-8")
    assert old in text
    (content / name).write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> list[dict[str, bytes]]:
    """A clean build's files after 0, 1 and 2 of the edits, each built from nothing."""
    from vnu_site.__main__ import main

    trees = []
    for steps in range(len(EDITS) + 1):
        root = tmp_path_factory.mktemp(f"fresh{steps}")
        shutil.copytree(TINY, root / "content")
        for step in range(steps):
            _edit(root / "content", step)
        assert main([str(a) for a in build_args(root / "content", root / "public")]) == 0
        trees.append(tree(root / "public"))
    return trees


class Site:
    """A site built twice (so the cache holds a spare copy of the first build's output)."""

    def __init__(self, root: Path, run):
        self.root, self.run = root, run
        self.content, self.out, self.cache = root / "content", root / "public", root / ".vnu-cache"
        shutil.copytree(TINY, self.content)
        self.build()
        _edit(self.content, 0)
        self.build()

    def build(self, *extra: str) -> str:
        code, _, err = self.run(*build_args(self.content, self.out, *extra))
        assert code == 0, err
        assert "Traceback" not in err
        # Never a hard link between the live site and anything else (the cache's spare).
        assert [p for p in self.out.rglob("*") if p.is_file() and p.stat().st_nlink != 1] == []
        return err

    @property
    def spare(self) -> Path:
        (folder,) = self.cache.iterdir()
        return folder / "spare"


def _in_place(path: Path, change) -> None:
    """Changes a file through its own inode, and puts its modification time back."""
    before = path.stat()
    with open(path, "r+b") as file:
        change(file)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_ino == before.st_ino


def _overwrite(file) -> None:
    file.write(b"<!-- edited by hand -->")


def _truncate(file) -> None:
    file.truncate(10)


def _append(file) -> None:
    file.seek(0, os.SEEK_END)
    file.write(b"<script>alert(1)</script>")


TAMPERS = {
    "a page edited in place, time put back": lambda site: _in_place(site.out / PAGE, _overwrite),
    "a page cut short in place": lambda site: _in_place(site.out / PAGE, _truncate),
    "a page grown in place": lambda site: _in_place(site.out / PAGE, _append),
    "the manifest edited in place": lambda site: _in_place(site.out / ".vnu-site.json", _overwrite),
    "a page replaced by a link": lambda site: _link_instead(site.out / PAGE, site.root / "elsewhere.html"),
    "a page removed": lambda site: (site.out / PAGE).unlink(),
    "a page added by hand": lambda site: (site.out / "vi" / "extra.html").write_text("by hand"),
    "a folder added by hand": lambda site: _write(site.out / "new" / "deep" / "x.html", "by hand"),
    "the spare edited in place": lambda site: _in_place(site.spare / PAGE, _overwrite),
    "a file added to the spare": lambda site: _write(site.spare / "vi" / "stray.html", "stray"),
    "a link in the spare to a folder outside": lambda site: _link_folder(site.spare / "vi" / "tin-tuc", site.root / "outside"),
}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _link_instead(path: Path, target: Path) -> None:
    target.write_text("elsewhere")
    path.unlink()
    path.symlink_to(target)


def _link_folder(path: Path, target: Path) -> None:
    shutil.copytree(path, target)
    shutil.rmtree(path)
    path.symlink_to(target, target_is_directory=True)


@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_whatever_is_done_to_the_output_or_the_spare_the_next_builds_give_a_clean_builds_bytes(run, tmp_path, fresh, tamper):
    site = Site(tmp_path / "site", run)
    assert tree(site.out) == fresh[1]
    outside = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and site.root not in p.parents}
    TAMPERS[tamper](site)
    for outside_file in [site.root / "elsewhere.html", *(site.root / "outside").rglob("*")]:
        if outside_file.is_file():
            outside[outside_file] = outside_file.read_bytes()

    site.build()  # nothing changed in the content; the output must still be as a clean build makes it
    assert tree(site.out) == fresh[1]
    site.build("--clean")
    assert tree(site.out) == fresh[1]
    _edit(site.content, 1)
    site.build()  # the quick path, from the spare
    assert tree(site.out) == fresh[2]
    site.build()
    assert tree(site.out) == fresh[2]
    # Nothing outside the site's folder was written through a link.
    assert {p: p.read_bytes() for p in outside} == outside


def test_clean_ignores_the_cache_even_when_its_stamps_were_forged(run, tmp_path, fresh):
    """Whoever can write the cache can make a normal build keep a file (the stamps say it is
    as written); --clean uses nothing of the output or the cache."""
    site = Site(tmp_path / "site", run)
    for folder in (site.out, site.spare):
        _in_place(folder / PAGE, _overwrite)
    for which, folder in (("live", site.out), ("spare", site.spare)):
        stamps = site.spare.with_name(f"{which}-stamps.json")
        record = json.loads(stamps.read_text())
        status = (folder / PAGE).stat()
        record["files"][PAGE] = f"{status.st_size}:{status.st_ctime_ns}:{status.st_ino}"
        stamps.write_text(json.dumps(record))
    site.build("--clean")
    assert tree(site.out) == fresh[1]
    _edit(site.content, 1)
    site.build()
    assert tree(site.out) == fresh[2]


# --- the cache and the output may not hold each other ------------------------------------

PLACES = {
    "cache inside the output": (
        "public",
        "public/.cache",
        "error: refusing to keep the build cache in public/.cache: it is inside the output folder public, "
        "which is published; choose a --cache-dir outside it",
    ),
    "cache is the output": (
        "public",
        "public",
        "error: refusing to keep the build cache in public: it is inside the output folder public, "
        "which is published; choose a --cache-dir outside it",
    ),
    "cache reached through a link into the output": (
        "public",
        "cache-link/c",
        "error: refusing to keep the build cache in cache-link/c: it is inside the output folder public, "
        "which is published; choose a --cache-dir outside it",
    ),
    "output inside the cache": (
        ".vnu-cache/site",
        ".vnu-cache",
        "error: refusing to write the site to .vnu-cache/site: it is inside the build cache .vnu-cache; choose an --out outside it",
    ),
    "output inside a cache given by hand": (
        "build/cache/public",
        "build/cache",
        "error: refusing to write the site to build/cache/public: it is inside the build cache build/cache; choose an --out outside it",
    ),
}


@pytest.mark.parametrize("case", sorted(PLACES))
def test_a_cache_and_an_output_that_hold_each_other_are_refused_before_anything_is_written(run, tmp_path, monkeypatch, case):
    out, cache, message = PLACES[case]
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TINY, "content")
    # An output of ours already there, and a cache of this build beside it.
    assert run(*build_args(Path("content"), Path(out)))[0] == 0
    (tmp_path / "cache-link").symlink_to(tmp_path / "public", target_is_directory=True)
    before = {p.relative_to(tmp_path).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(tmp_path.rglob("*"))}
    args = build_args(Path("content"), Path(out))
    args[args.index("--cache-dir") + 1] = cache
    code, stdout, err = run(*args)
    assert (code, stdout, err.splitlines()) == (1, "", [message])
    after = {p.relative_to(tmp_path).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(tmp_path.rglob("*"))}
    assert after == before


# --- after the swap: the site is live, whatever happens to the cache -------------------------


def test_a_cache_folder_that_is_a_file_gives_a_note_and_the_site(run, tmp_path, monkeypatch, fresh):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TINY, "content")
    _edit(Path("content"), 0)
    Path("cache").write_text("not a folder")
    for _ in range(2):
        args = build_args(Path("content"), Path("public"))
        args[args.index("--cache-dir") + 1] = "cache"
        code, stdout, err = run(*args)
        assert code == 0, err
        assert err.splitlines() == ["note: cache: is a file, not a folder; the site was built, without saving the build cache"]
        assert stdout.startswith("built ")
        assert tree(Path("public")) == fresh[1]
    assert Path("cache").read_text() == "not a folder"


def test_a_full_disk_while_the_cache_is_saved_gives_a_note_and_the_site(run, tmp_path, monkeypatch, fresh):
    site = Site(tmp_path / "site", run)
    _edit(site.content, 1)

    def full(self, name, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / name))

    monkeypatch.setattr(cache_module.BuildCache, "_store", full)
    code, stdout, err = run(*build_args(site.content, site.out))
    assert code == 0, err
    (line,) = err.splitlines()
    assert line.startswith("note: ") and line.endswith(": no space left on device; the site was built, without saving the build cache")
    assert stdout.startswith("built ")
    assert tree(site.out) == fresh[2]  # the new site is live
    monkeypatch.undo()
    assert site.build() == ""  # the next build starts from what was saved, and says nothing
    assert tree(site.out) == fresh[2]


def test_stamps_that_cannot_be_kept_only_make_the_next_build_slower(run, tmp_path, monkeypatch, fresh):
    site = Site(tmp_path / "site", run)
    replace = os.replace

    def full(source, target):
        if str(target).endswith("-stamps.json"):
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", full)
    _edit(site.content, 1)
    assert site.build() == ""  # the site is live; only the stamps are missing
    assert tree(site.out) == fresh[2]
    monkeypatch.undo()
    assert site.build() == ""
    assert tree(site.out) == fresh[2]


def test_a_stamps_file_that_is_not_a_file_is_dropped_with_a_note(run, tmp_path, fresh):
    site = Site(tmp_path / "site", run)
    stamps = site.spare.with_name("live-stamps.json")
    stamps.unlink()
    stamps.mkdir()
    _edit(site.content, 1)
    assert site.build().splitlines() == [f"note: {stamps}: not a cache file of this vnu-site; building without it"]
    assert tree(site.out) == fresh[2]
    assert site.build() == ""
    assert tree(site.out) == fresh[2]

"""The cache is not trusted (issue 13, class 9): whoever can write the cache folder can
neither run code in the next build nor make it crash.

Each cache file is checked before it is used: a pickle may make only the model's own
classes, and what it holds must have the shape the code expects. A bad file (garbage,
cut short, empty, a pickle that would run a command, a pickle of another shape, a
folder or a pipe in its place) is dropped with one note on stderr, and the build goes on
as a clean build would, to the same bytes. Jinja's compiled templates are no longer kept
on disk at all: they are code.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from conftest import THEME, TINY, build_args, tree
from vnu_site.errors import Location, Problem
from vnu_site.incremental.cache import code_salt
from vnu_site.model import Item, PartialDate

EDIT = ("articles/tsinghua-ai.en.md", "and VNU signed", "and VNU formally signed")
NOTE = "note: {path}: not a cache file of this vnu-site; building without it"


class _RunsACommand:
    """Unpickled by a trusting loader, this runs a shell command that leaves a marker."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _edit(content: Path) -> None:
    name, old, new = EDIT
    path = content / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> dict[str, bytes]:
    """A clean build of the edited site, from nothing."""
    from vnu_site.__main__ import main

    root = tmp_path_factory.mktemp("expected")
    shutil.copytree(TINY, root / "content")
    _edit(root / "content")
    assert main([str(a) for a in build_args(root / "content", root / "public")]) == 0
    return tree(root / "public")


@pytest.fixture
def site(tmp_path, run):
    """A site built, edited and built again (every cache file exists, the quick path was
    taken), then edited once more: the next build would start from the cache."""
    content, out = tmp_path / "content", tmp_path / "public"
    shutil.copytree(TINY, content)
    assert run(*build_args(content, out))[0] == 0
    _edit(content)
    assert run(*build_args(content, out))[0] == 0
    # Back and forth, so that the next build has a text to read again (the quick path).
    path = content / EDIT[0]
    path.write_text(path.read_text(encoding="utf-8").replace(EDIT[2], EDIT[2] + " ", 1), encoding="utf-8")
    assert run(*build_args(content, out))[0] == 0
    path.write_text(path.read_text(encoding="utf-8").replace(EDIT[2] + " ", EDIT[2], 1), encoding="utf-8")
    (folder,) = (tmp_path / ".vnu-cache").iterdir()
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "edits.pickle",
        "entries.pickle",
        "inputs.json",
        "last-inputs.pickle",
        "live-stamps.json",
        "memo.pickle",
        "pages-edits.pickle",
        "pages.pickle",
        "site.pickle",
        "spare",
        "spare-stamps.json",
    ]
    return content, out, folder


def _pickled(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _of_this_version(value) -> bytes:
    return _pickled((code_salt(), value))


def _one_item_spoilt(path: Path) -> bytes:
    """The real site, with one item whose title is a number: a pickle of this version, of
    the right classes, wrong deep inside."""
    salt, state = pickle.loads(path.read_bytes())
    site = state["site"]
    ref, item = next(iter(site.items.items()))
    lang, text = next(iter(item.texts.items()))
    spoilt = dataclasses.replace(item, texts={**item.texts, lang: dataclasses.replace(text, title=42)})
    return _pickled((salt, {**state, "site": dataclasses.replace(site, items={**site.items, ref: spoilt})}))


# What each file becomes; `path` is the file, `marker` a file a command would create.
BAD = {
    "garbage": lambda path, marker: b"\x80\x05garbage, not a pickle",
    "cut short": lambda path, marker: path.read_bytes()[: path.stat().st_size // 2],
    "empty": lambda path, marker: b"",
    "a pickle that runs a command": lambda path, marker: _pickled(_RunsACommand(marker)),
    "a command inside a pickle of this version": lambda path, marker: _of_this_version({"token": _RunsACommand(marker)}),
    "a list": lambda path, marker: _pickled([1, 2, 3]),
    "another shape, this version": lambda path, marker: _of_this_version({"token": "t", "site": 42, "pages": [], "base": 1}),
    "items with wrong fields": lambda path, marker: _of_this_version(
        {"base": "t", "token": "t", "items": {("article", "x"): Item(kind=1, key=None, facts=[], texts={})}, "warnings": []}
    ),
    "a problem whose line is text": lambda path, marker: _of_this_version(
        {"base": "t", "token": "t", "items": {}, "warnings": [Problem(Location("x", "1"), "m")]}
    ),
    "a remembered date that is not text": lambda path, marker: _of_this_version({("format_day", PartialDate(2025, 6, 1), "vi"): True}),
    "one item spoilt deep inside": lambda path, marker: _one_item_spoilt(path),
}
CASES = [
    ("entries.pickle", "cut short"),
    ("entries.pickle", "a command inside a pickle of this version"),
    ("entries.pickle", "another shape, this version"),
    ("pages.pickle", "garbage"),
    ("pages.pickle", "a pickle that runs a command"),
    ("pages.pickle", "another shape, this version"),
    ("pages-edits.pickle", "empty"),
    ("pages-edits.pickle", "a list"),
    ("memo.pickle", "a remembered date that is not text"),
    ("memo.pickle", "cut short"),
    ("last-inputs.pickle", "another shape, this version"),
    ("last-inputs.pickle", "a pickle that runs a command"),
    ("site.pickle", "a command inside a pickle of this version"),
    ("site.pickle", "cut short"),
    ("site.pickle", "one item spoilt deep inside"),
    ("edits.pickle", "items with wrong fields"),
    ("edits.pickle", "a problem whose line is text"),
    ("edits.pickle", "garbage"),
]
FILES = sorted({name for name, _kind in CASES})
# The JSON files: not pickles, checked by hand.
JSON_BAD = {
    "garbage": b"\xff\xfe not json",
    "cut short": None,
    "another shape": b'{"fingerprint": 1, "files": "many"}',
    "a list": b"[1, 2, 3]",
}
JSON_CASES = [
    ("inputs.json", "garbage"),
    ("inputs.json", "another shape"),
    ("live-stamps.json", "cut short"),
    ("live-stamps.json", "a list"),
    ("spare-stamps.json", "another shape"),
    ("spare-stamps.json", "cut short"),
]


def _build_after(run, site, name: str, data: bytes, expected) -> str:
    content, out, folder = site
    path = folder / name
    path.write_bytes(data)
    if name == "entries.pickle":  # read by a full build only: a settings file saved again (same settings) takes that path
        with open(content / "site.yaml", "a", encoding="utf-8") as settings:
            settings.write("\n")
    code, _, err = run(*build_args(content, out))
    assert code == 0, err
    assert "Traceback" not in err
    assert tree(out) == expected
    code, _, again = run(*build_args(content, out))
    assert (code, again) == (0, ""), "said once: the bad file was dropped"
    assert tree(out) == expected
    return err


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name}: {kind}" for name, kind in CASES])
def test_a_bad_cache_file_is_dropped_with_a_note_and_the_build_is_a_clean_one(run, site, expected, tmp_path, name, kind):
    marker = tmp_path / "marker"
    path = site[2] / name
    err = _build_after(run, site, name, BAD[kind](path, marker), expected)
    assert not marker.exists(), "the command in the pickle ran"
    assert err.splitlines() == [NOTE.format(path=path)]


@pytest.mark.parametrize(("name", "kind"), JSON_CASES, ids=[f"{name}: {kind}" for name, kind in JSON_CASES])
def test_a_bad_json_cache_file_is_dropped_with_a_note(run, site, expected, name, kind):
    path = site[2] / name
    data = JSON_BAD[kind] if JSON_BAD[kind] is not None else path.read_bytes()[: path.stat().st_size // 2]
    err = _build_after(run, site, name, data, expected)
    assert err.splitlines() == [NOTE.format(path=path)]


ELSE = [
    ("site.pickle", "a named pipe"),
    ("pages.pickle", "a folder"),
    ("inputs.json", "a link to a device"),
    ("live-stamps.json", "a named pipe"),
]


@pytest.mark.parametrize(("name", "kind"), ELSE, ids=[f"{name}: {kind}" for name, kind in ELSE])
def test_something_else_in_the_place_of_a_cache_file_is_dropped_with_a_note(run, site, expected, name, kind):
    content, out, folder = site
    path = folder / name
    path.unlink()
    if kind == "a folder":
        (path / "inside").mkdir(parents=True)
    elif kind == "a named pipe":
        os.mkfifo(path)  # opened without waiting: a pipe must not hang the build
    else:
        path.symlink_to("/dev/zero")
    code, _, err = run(*build_args(content, out))
    assert code == 0, err
    assert err.splitlines() == [NOTE.format(path=path)]
    assert tree(out) == expected
    assert not os.path.lexists(path) or path.is_file()


def test_a_cache_of_another_version_is_dropped_without_a_word(run, site, expected):
    content, out, folder = site
    for name in FILES:
        (folder / name).write_bytes(_pickled(("another version", {"anything": 1})))
    code, _, err = run(*build_args(content, out))
    assert (code, err) == (0, "")
    assert tree(out) == expected


def test_a_good_cache_is_used_without_a_note(run, site, expected):
    """Every file the cache holds passes its check (a field added to the model without
    its shape here would make every build drop the cache)."""
    content, out, _folder = site
    code, _, err = run(*build_args(content, out))  # the quick path: the site, its edits, the pages
    assert (code, err) == (0, "")
    with open(content / "site.yaml", "a", encoding="utf-8") as settings:
        settings.write("\n")
    code, _, err = run(*build_args(content, out))  # the full path: the entries
    assert (code, err) == (0, "")
    assert tree(out) == expected


def test_compiled_templates_in_the_cache_are_never_loaded(tmp_path):
    """Earlier versions kept Jinja's compiled templates (marshalled code, run when loaded)
    in the cache. Whatever is there now is never loaded, and goes at the next build."""
    content, out = tmp_path / "content", tmp_path / "public"
    shutil.copytree(TINY, content)
    marker = tmp_path / "marker"
    run_build = [sys.executable, "-m", "vnu_site", *map(str, build_args(content, out))]
    assert subprocess.run(run_build, capture_output=True, check=False).returncode == 0
    (folder,) = (tmp_path / ".vnu-cache").iterdir()
    compiled = folder / "templates"
    compiled.mkdir(exist_ok=True)
    # What FileSystemBytecodeCache would load for every template: code that leaves a marker.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(THEME)))
    cache = jinja2.FileSystemBytecodeCache(str(compiled))
    evil = compile(f"open({str(marker)!r}, 'w').close()", "<evil>", "exec")
    for name in env.list_templates():
        if not name.endswith((".html", ".xml", ".txt", ".svg")):
            continue
        source, filename, _ = env.loader.get_source(env, name)
        bucket = cache.get_bucket(env, name, filename, source)
        bucket.code = evil
        cache.set_bucket(bucket)
    assert list(compiled.iterdir())
    _edit(content)
    result = subprocess.run(run_build, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not marker.exists(), "compiled code from the cache ran"
    assert not compiled.exists()


def _snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


LINKS = ["the site's cache folder", "the spare", "a file being written"]


@pytest.mark.parametrize("where", LINKS)
def test_links_put_in_the_cache_lead_the_build_nowhere(run, site, expected, tmp_path, where):
    """Nothing is written, moved or deleted outside the output and the cache through a link
    someone put in the cache."""
    content, out, folder = site
    outside = tmp_path / "outside"
    if where == "the site's cache folder":
        shutil.copytree(folder, outside, symlinks=True)
        shutil.rmtree(folder)
        folder.symlink_to(outside, target_is_directory=True)
    elif where == "the spare":
        shutil.copytree(folder / "spare", outside)
        shutil.rmtree(folder / "spare")
        (folder / "spare").symlink_to(outside, target_is_directory=True)
    else:
        outside.mkdir()
        (outside / "keep.txt").write_text("keep")
        for name in ("edits.pickle", "pages-edits.pickle", "live-stamps.json"):
            (folder / f".{name}.{os.getpid()}").symlink_to(outside / "keep.txt")
    before = _snapshot(outside)
    code, _, err = run(*build_args(content, out))
    assert code == 0, err
    assert tree(out) == expected
    assert _snapshot(outside) == before
    assert not folder.is_symlink() and not (folder / "spare").is_symlink()

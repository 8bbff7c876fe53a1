"""Determinism under stress: the same content gives byte-identical output whatever order the
disk lists files in, whatever PYTHONHASHSEED, timezone, locale or number of worker
processes, and wherever the content folder lives.

These builds use --no-search to stay fast; the search index's own reproducibility (Pagefind
writes it from hash maps, pagefind_stable.py fixes the order) is tested in test_search.py.
Everything is compared byte for byte, the manifest included.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TEMPLATES, tree
from vnu_site.__main__ import main

BUILD_DATE = "2026-01-01"  # every dated item of the bundled bulletin is published by then


@pytest.fixture(scope="module")
def bulletin(tmp_path_factory) -> Path:
    """A snapshot of the bundled bulletin (the biggest content we have) and of the theme,
    frozen for this module, beside each other: content/ and templates/."""
    folder = tmp_path_factory.mktemp("bulletin")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(TEMPLATES, folder / "templates")
    return folder / "content"


def _arguments(content: Path, out: Path, *extra: str) -> list[str]:
    templates = content.parent / "templates"
    return [
        "build", "--content", str(content), "--templates", str(templates), "--out", str(out), "--build-date", BUILD_DATE,
        "--cache-dir", str(out.parent / f".cache-{out.name}"), "--clean", "--no-search", *extra,
    ]  # fmt: skip


@pytest.fixture(scope="module")
def reference(bulletin, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference") / "public"
    assert main(_arguments(bulletin, out)) == 0
    return tree(out)


class _Shuffled:
    """os.scandir, with the entries in a random order (as another file system might give them)."""

    def __init__(self, real, rng, path):
        with real(path) as entries:
            self.entries = list(entries)
        rng.shuffle(self.entries)

    def __iter__(self):
        return self

    def __next__(self):
        if not self.entries:
            raise StopIteration
        return self.entries.pop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.entries = []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_file_discovery_order_does_not_matter(bulletin, reference, tmp_path, monkeypatch, capsys, seed):
    rng = random.Random(seed)
    real_scandir, real_listdir = os.scandir, os.listdir
    seen = []

    def shuffled_scandir(path="."):
        seen.append(path)
        return _Shuffled(real_scandir, rng, path)

    def shuffled_listdir(path="."):
        names = real_listdir(path)
        rng.shuffle(names)
        return names

    monkeypatch.setattr(os, "scandir", shuffled_scandir)  # os.walk, Path.glob, Path.rglob
    monkeypatch.setattr(os, "listdir", shuffled_listdir)  # Path.iterdir
    code = main(_arguments(bulletin, tmp_path / "public"))
    monkeypatch.undo()
    assert code == 0, capsys.readouterr().err
    assert any(str(bulletin) in str(path) for path in seen)  # the shuffling really was in the way
    assert tree(tmp_path / "public") == reference


ENVIRONMENTS = [
    {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8"},
    {"PYTHONHASHSEED": "1", "TZ": "Asia/Ho_Chi_Minh", "LANG": "vi_VN.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"},  # UTC+14
    {"PYTHONHASHSEED": "random", "TZ": "America/Los_Angeles", "LANG": "en_US.UTF-8"},
]


@pytest.mark.parametrize("environment", ENVIRONMENTS, ids=lambda e: f"{e['PYTHONHASHSEED']}-{e['TZ']}")
def test_hash_seed_timezone_and_locale_do_not_matter(bulletin, reference, tmp_path, environment):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONHASHSEED", "TZ", "LANG", "LC_ALL")}
    env.update(environment)
    # The content somewhere else, under another name: paths must not leak into the output.
    moved = tmp_path / "elsewhere" / "noi-dung"
    shutil.copytree(bulletin, moved)
    shutil.copytree(bulletin.parent / "templates", moved.parent / "templates")
    out = tmp_path / "public"
    result = subprocess.run([sys.executable, "-m", "vnu_site", *_arguments(moved, out)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert tree(out) == reference


@pytest.mark.parametrize("jobs", ["1", "2", "4"])
def test_worker_count_does_not_matter(bulletin, reference, tmp_path, jobs):
    out = tmp_path / "public"
    result = subprocess.run([sys.executable, "-m", "vnu_site", *_arguments(bulletin, out, "--jobs", jobs)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert tree(out) == reference

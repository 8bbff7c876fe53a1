"""Shared helpers: scratch copies of the tiny fixture site and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vnu_site.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
TEMPLATES = ROOT / "templates"  # the bulletin's own layer over the default theme
THEME = ROOT / "src" / "vnu_site" / "theme"  # the default theme, shipped in the package
BUILD_DATE = "2025-06-01"


class Runner:
    """Runs the CLI in-process and keeps what it printed."""

    def __init__(self, capsys):
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def run(capsys):
    return Runner(capsys)


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A scratch copy of the tiny fixture site, safe to edit."""
    target = tmp_path / "content"
    shutil.copytree(TINY, target)
    return target


def build_args(content: Path, out: Path, *extra: str, search: bool = False) -> list[str]:
    cache = Path(out).parent / ".vnu-cache"  # beside the output, never in the repository
    # Without the Pagefind index unless asked: it is tested on its own (tests/test_search.py, tests/browser).
    no_search = [] if search else ["--no-search"]
    common = ["--templates", TEMPLATES, "--out", out, "--build-date", BUILD_DATE]
    return ["build", "--content", content, *common, "--cache-dir", cache, *no_search, *extra]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class RefusedBuild:
    """A site built once (the tiny fixture), then broken by a test and built again: the
    second build must fail the way the README promises. Use through the `refused` fixture:

        code, err = refused(lambda content, tmp: (content / "site.yaml").write_text(...))
        assert "content/site.yaml:3: ..." in err.splitlines()

    It asserts what every refusal shares: exit 1, no traceback, the closing "build failed"
    line, the old output byte for byte, and nothing new beside it (no staging folder)."""

    def __init__(self, root: Path, runner: Runner, monkeypatch):
        self.root, self.runner, self.monkeypatch = root, runner, monkeypatch

    def __call__(self, setup, *extra: str) -> tuple[int, str]:
        self.monkeypatch.chdir(self.root)
        content, out = Path("content"), self.root / "public"
        before, beside = tree(out), sorted(p.name for p in self.root.iterdir())
        setup(content, self.root.parent)
        code, _, err = self.runner(*build_args(content, out, *extra))
        assert code == 1, err
        assert "Traceback" not in err, err
        assert err.splitlines()[-1].startswith("build failed: "), err
        assert tree(out) == before
        assert sorted(p.name for p in self.root.iterdir()) == beside
        return code, err


@pytest.fixture(scope="session")
def _good_tiny_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("good-tiny")
    shutil.copytree(TINY, root / "content")
    assert main([str(a) for a in build_args(root / "content", root / "public")]) == 0
    shutil.rmtree(root / ".vnu-cache", ignore_errors=True)
    return root


@pytest.fixture
def refused(_good_tiny_build, tmp_path, capsys, monkeypatch) -> RefusedBuild:
    site = tmp_path / "site"
    shutil.copytree(_good_tiny_build, site, symlinks=True)
    return RefusedBuild(site, Runner(capsys), monkeypatch)


@pytest.fixture
def small_shards(monkeypatch) -> list[str]:
    """Search shards of three pages, so the tiny site's 21 indexed pages make seven; and
    the shards Pagefind is run on, in order."""
    from vnu_site.outputs import search, search_shards

    monkeypatch.setattr(search_shards, "SHARD_PAGES", 3)
    started: list[str] = []
    start = search._start

    def counting(shard, *args):
        started.append(shard.folder)
        return start(shard, *args)

    monkeypatch.setattr(search, "_start", counting)
    return started

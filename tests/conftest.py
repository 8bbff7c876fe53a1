"""Shared helpers: scratch copies of the tiny fixture site and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vnu_site.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
TEMPLATES = ROOT / "templates"
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

"""The code's own checks, run by the suite so that the README's one test command (and CI)
runs them: ruff's lints and format, the wings' import contracts, and mypy."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

CHECKS = {
    "ruff check": ["ruff", "check", "src", "tests", "bench", "build.py"],
    "ruff format": ["ruff", "format", "--check", "src", "tests", "bench", "build.py"],
    "import contracts": ["lint-imports"],  # [tool.importlinter] in pyproject.toml
    "mypy": [sys.executable, "-m", "mypy"],  # [tool.mypy] in pyproject.toml
}


@pytest.mark.parametrize("name", CHECKS)
def test_the_code_passes(name):
    command = CHECKS[name]
    if command[0] != sys.executable:
        found = shutil.which(command[0])
        assert found, f"{command[0]} is installed by pip install -e '.[test]'"
        command = [found, *command[1:]]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]

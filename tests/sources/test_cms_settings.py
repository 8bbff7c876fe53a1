"""site.yaml's `editor:` (sources/cms_settings.py): off unless set; `true` for this computer
only; a backend with its repository; every mistake named on its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TINY
from vnu_site.errors import Problems
from vnu_site.model import Editor
from vnu_site.sources import config


def load(tmp_path: Path, setting: str) -> tuple[object, list[str]]:
    site = tmp_path / "site.yaml"
    site.write_text((TINY / "site.yaml").read_text(encoding="utf-8") + setting, encoding="utf-8")
    problems = Problems()
    loaded = config.load(site, "site.yaml", problems)
    return loaded, [str(problem) for problem in problems.errors]


def test_off_unless_asked_for(tmp_path):
    assert load(tmp_path, "")[0].editor is None
    assert load(tmp_path, "editor: false\n")[0].editor is None
    assert load(tmp_path, "editor: true\n")[0].editor == Editor(backend={})


def test_a_backend_with_its_repository(tmp_path):
    loaded, errors = load(tmp_path, "editor:\n  backend: github\n  repo: vnu/bulletin\n  base_url: https://auth.example.org\n")
    assert errors == []
    assert loaded.editor == Editor(
        backend={"name": "github", "branch": "main", "repo": "vnu/bulletin", "base_url": "https://auth.example.org"}, editorial=True
    )
    loaded, errors = load(tmp_path, "editor: {backend: gitea, repo: office/site, branch: live, api_root: https://git.example.org/api/v1}\n")
    assert errors == [] and loaded.editor.editorial is False and loaded.editor.backend["branch"] == "live"
    loaded, _ = load(tmp_path, "editor: {backend: gitlab, repo: group/sub/site, workflow: simple, content: site/content}\n")
    assert (loaded.editor.editorial, loaded.editor.content) == (False, "site/content")


LINE = len((TINY / "site.yaml").read_text(encoding="utf-8").splitlines()) + 1  # the line `editor:` is on


@pytest.mark.parametrize(
    ("setting", "line", "message"),
    [
        ("editor: yes please\n", 0, "editor: must be true, false or the backend's settings"),
        (
            "editor:\n  backend: githib\n  repo: a/b\n",
            1,
            "(did you mean 'github'?)",
        ),
        ("editor:\n  backend: github\n", 0, "editor: the github backend needs the repository: repo: owner/name"),
        ("editor:\n  repo: a/b\n", 0, "editor: name the backend the editor saves to"),
        ("editor:\n  backend: github\n  repo: vnu\n", 2, "editor: repo 'vnu' should be owner/name"),
        ("editor:\n  backend: github\n  repo: a/b\n  base_url: http://auth.example.org\n", 3, "should be an https:// address"),
        ("editor:\n  backend: gitea\n  repo: a/b\n  workflow: editorial\n", 3, "the gitea backend has no editorial workflow"),
        ("editor:\n  backend: github\n  repo: a/b\n  reop: c/d\n", 3, "editor: unknown setting 'reop' (did you mean 'repo'?)"),
        ("editor:\n  backend: github\n  repo: a/b\n  content: ../elsewhere\n", 3, "editor: content must be a folder inside the repository"),
    ],
)
def test_mistakes_are_named_on_their_line(tmp_path, setting, line, message):
    loaded, errors = load(tmp_path, setting)
    assert loaded is None
    assert any(f"site.yaml:{LINE + line}:" in error and message in error for error in errors), errors

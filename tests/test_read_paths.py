"""The read stage's cache keys name each source by its real path, each folder resolved once
(pipeline._real_path): the same as Path.resolve, links included."""

from __future__ import annotations

import os

import pytest

from vnu_site.pipeline import _real_path


def test_a_source_is_named_by_its_real_path(tmp_path, monkeypatch):
    real = tmp_path / "real"
    (real / "articles").mkdir(parents=True)
    (real / "articles" / "a.vi.md").write_text("x", encoding="utf-8")
    (real / "shared.md").write_text("x", encoding="utf-8")
    try:
        (tmp_path / "content").symlink_to(real, target_is_directory=True)  # the content folder reached through a link
        (real / "articles" / "b.vi.md").symlink_to(real / "shared.md")  # a linked file, which discovery takes
    except OSError:
        pytest.skip("no symbolic links here")
    monkeypatch.chdir(tmp_path)
    folders: dict = {}
    for path in [tmp_path / "content" / "articles" / "a.vi.md", tmp_path / "content" / "articles" / "b.vi.md"]:
        relative = path.relative_to(tmp_path)
        for given in (path, relative):
            assert _real_path(given, folders) == str(given.resolve())
    assert _real_path(tmp_path / "content" / "articles" / "b.vi.md", folders) == os.fspath((real / "shared.md").resolve())

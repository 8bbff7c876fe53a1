"""The writer: atomic replacement, unchanged files kept, stale staging removed."""

from __future__ import annotations

import os

from vnu_site.write import MANIFEST, write_site


def test_replaces_the_folder_with_exactly_the_new_files(tmp_path):
    out = tmp_path / "public"
    write_site(out, {"a.html": b"one", "old/b.html": b"two"})
    write_site(out, {"a.html": b"one", "c.html": b"three"})
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [MANIFEST, "a.html", "c.html"]


def test_unchanged_files_are_not_rewritten(tmp_path):
    out = tmp_path / "public"
    write_site(out, {"a.html": b"same", "b.html": b"old"})
    inode_a = os.stat(out / "a.html").st_ino
    counts = write_site(out, {"a.html": b"same", "b.html": b"new"})
    assert counts == {"files": 2, "written": 1, "unchanged": 1}
    assert os.stat(out / "a.html").st_ino == inode_a
    assert (out / "b.html").read_bytes() == b"new"


def test_stale_staging_from_a_killed_build_is_removed(tmp_path):
    out = tmp_path / "public"
    stale = tmp_path / ".public.vnu-staging-12345"
    stale.mkdir()
    (stale / "half.html").write_text("half")
    unrelated = tmp_path / ".public.vnu-staging-notes"
    unrelated.mkdir()
    write_site(out, {"a.html": b"x"})
    assert not stale.exists()
    assert unrelated.exists()  # not a name we make: left alone
    assert sorted(p.name for p in tmp_path.iterdir()) == [".public.vnu-staging-notes", "public"]

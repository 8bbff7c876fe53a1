"""The writer: atomic replacement, unchanged files kept, stale staging removed."""

from __future__ import annotations

import os

from vnu_site.io.write import MANIFEST, write_site


def test_replaces_the_folder_with_exactly_the_new_files(tmp_path):
    out = tmp_path / "public"
    write_site(out, {"a.html": b"one", "old/b.html": b"two"})
    write_site(out, {"a.html": b"one", "c.html": b"three"})
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [MANIFEST, "a.html", "c.html"]


def test_unchanged_files_are_counted_but_never_shared(tmp_path):
    out = tmp_path / "public"
    write_site(out, {"a.html": b"same", "b.html": b"old"})
    before = os.stat(out / "a.html")
    counts = write_site(out, {"a.html": b"same", "b.html": b"new"})
    assert counts == {"files": 2, "written": 1, "unchanged": 1}
    assert os.stat(out / "a.html").st_nlink == before.st_nlink == 1  # a copy, not a hard link to the old output
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


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


def test_the_previous_site_is_kept_as_spare_and_brought_up_to_date(tmp_path):
    out, spare = tmp_path / "public", tmp_path / "cache" / "spare"
    site_a = {"index.html": b"a", "old/page.html": b"only in a", "same.html": b"same"}
    site_b = {"index.html": b"b", "new/page.html": b"only in b", "same.html": b"same"}
    site_c = {"index.html": b"c", "same.html": b"same", "more.html": b"c2"}
    write_site(out, site_a, spare=spare)
    assert not spare.exists()  # nothing to keep the first time
    write_site(out, site_b, spare=spare)
    assert _files(spare) == site_a
    live_b = _files(out)
    counts = write_site(out, site_c, spare=spare)
    assert _files(out) == site_c
    assert counts == {"files": 3, "written": 2, "unchanged": 1}
    # The live site was never written in place: the spare now holds site B intact,
    # even though it shared inodes with the files being replaced.
    assert _files(spare) == live_b == site_b
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "public"]
    assert not (out / "old").exists() and not (out / "new").exists()


def test_a_spare_without_its_manifest_is_not_trusted(tmp_path):
    out, spare = tmp_path / "public", tmp_path / "cache" / "spare"
    write_site(out, {"a.html": b"1"}, spare=spare)
    write_site(out, {"a.html": b"2"}, spare=spare)
    # As if a build was killed while updating the spare: files changed, manifest gone.
    (spare / MANIFEST).unlink()
    (spare / "a.html").unlink()
    (spare / "a.html").write_bytes(b"garbage")
    (spare / "stray.html").write_bytes(b"left over")
    write_site(out, {"a.html": b"1", "b.html": b"3"}, spare=spare)
    assert _files(out) == {"a.html": b"1", "b.html": b"3"}

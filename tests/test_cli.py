"""The command line: version, help, defaults, output safety."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, TINY, build_args, tree
from vnu_site import __version__
from vnu_site.io.write import MANIFEST


def test_version(run):
    with pytest.raises(SystemExit) as exit_info:
        run("--version")
    assert exit_info.value.code == 0


def test_version_text(capsys):
    from vnu_site.__main__ import main

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"vnu-site {__version__}"


@pytest.mark.parametrize("command", [[], ["build"]])
def test_help_on_every_command(capsys, command):
    from vnu_site.__main__ import main

    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: vnu-site" in capsys.readouterr().out


def test_build_reports_what_it_did(run, tmp_path):
    code, out, err = run(*build_args(TINY, tmp_path / "public"))
    assert code == 0, err
    assert out.startswith("built 58 pages (")  # 40 content and list pages, 14 editor pages, search and 404 per language
    code, out, _ = run(*build_args(TINY, tmp_path / "public"))
    assert "0 changed" in out  # nothing changed: every file kept as it was


def test_build_py_shim_is_the_same_command(tmp_path):
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    common = ["--content", str(TINY), "--templates", str(ROOT / "templates"), "--build-date", "2025-06-01"]
    common += ["--cache-dir", str(tmp_path / "cache")]  # never in the repository
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", *common, "--out", str(out_a)], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "vnu_site", "build", *common, "--out", str(out_b)], check=True, capture_output=True)
    assert tree(out_a) == tree(out_b)


def test_refuses_a_non_empty_folder_it_did_not_make(run, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    code, _, err = run(*build_args(TINY, out))
    assert code == 1
    assert "not made by vnu-site" in err
    assert (out / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize("target", ["content", "templates", ".", "/"])
def test_refuses_outputs_that_would_replace_sources(run, tmp_path, monkeypatch, target):
    import shutil

    shutil.copytree(TINY, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    before = tree(tmp_path)
    code, _, err = run("build", "--out", target)
    assert code == 1
    assert err.startswith("error: refusing to write the site to")
    assert tree(tmp_path) == before


def test_missing_content_folder(run, tmp_path):
    code, _, err = run("build", "--content", tmp_path / "nowhere", "--out", tmp_path / "out")
    assert code == 1
    assert f"{tmp_path / 'nowhere'}: content folder not found" in err


def test_bad_build_date_is_a_usage_error(run, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        run("build", "--build-date", "14/04/2025")
    assert exit_info.value.code == 2


def test_the_summary_counts_every_file_of_the_site_search_index_included(run, tmp_path):
    """With search on, Pagefind's files are part of the site: the summary counts them, and
    the manifest lists them like every other file."""
    out = tmp_path / "public"
    code, said, err = run(*build_args(TINY, out, search=True))
    assert code == 0, err
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MANIFEST)
    assert any(name.startswith("pagefind/") for name in on_disk)
    assert f"({len(on_disk)} files, {len(on_disk)} changed, 0 unchanged)" in said
    assert sorted(json.loads((out / MANIFEST).read_text(encoding="utf-8"))) == on_disk

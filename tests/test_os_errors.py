"""System errors (issue 13, class 6): a full disk, a read-only or unreadable folder, a name
too long for the file system, a file where a folder must be, Ctrl+C. Each ends as one
`path: message` line, with an exit status that tells the truth (1, or 130 when stopped),
no traceback, and the previous output byte for byte as it was.

Faults the tests cannot make for real (a full disk; permissions, which root reads through)
are made by failing the one call that would fail; a read-only file system is real where
this machine lets the tests mount one.
"""

from __future__ import annotations

import datetime
import errno
import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, TEMPLATES, build_args, tree
from vnu_site.editor.serve import Preview
from vnu_site.errors import os_problem

STAGING = ".vnu-staging-"  # in the name of the folder a build writes before the swap


def _open_failing(monkeypatch, when, error: OSError) -> None:
    """io.open (under Path.open, write_text, read_bytes...) raises `error` when when(path, mode)."""
    real = io.open

    def fake(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and when(os.fspath(file), mode):
            raise error
        return real(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", fake)


def _writing_staged(path: str, mode: str) -> bool:
    return STAGING in path and any(m in mode for m in "wxa")


def _mkdir_failing(monkeypatch, code: int) -> None:
    """Making the staging folder fails, as beside an output on a read-only or foreign folder."""
    real = Path.mkdir

    def fake(self, *args, **kwargs):
        if STAGING in self.name:
            raise OSError(code, os.strerror(code), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", fake)


def _one_line(err: str) -> str:
    """The one problem line before the closing 'build failed' line."""
    lines = err.splitlines()
    assert len(lines) == 2, err
    return lines[0]


# --- build: faults while writing, checked with the refused fixture --------------------


def test_a_full_disk_names_the_output_and_keeps_the_old_one(refused, monkeypatch):
    # os.write's ENOSPC names no file: the line names the folder being written.
    _, err = refused(lambda _c, _t: _open_failing(monkeypatch, _writing_staged, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
    assert _one_line(err) == "public: no space left on device"


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.EROFS, "read-only file system"), (errno.EACCES, "permission denied"), (errno.EDQUOT, "disk quota exceeded")],
)
def test_a_folder_the_build_cannot_write_beside_the_output_is_one_line(refused, monkeypatch, code, reason):
    _, err = refused(lambda _c, _t: _mkdir_failing(monkeypatch, code))
    assert re.fullmatch(rf"\.public\.vnu-staging-\d+: {reason}", _one_line(err)), err


def test_a_file_that_cannot_be_written_is_named(refused, monkeypatch):
    def setup(_content, _tmp):
        def when(path, mode):
            return _writing_staged(path, mode) and path.endswith("sitemap.xml")

        _open_failing(monkeypatch, when, PermissionError(errno.EACCES, "Permission denied", "public/sitemap.xml"))

    _, err = refused(setup)
    assert _one_line(err) == "public/sitemap.xml: permission denied"


def test_ctrl_c_stops_with_130_and_the_old_output(run, refused, monkeypatch):
    """Not through `refused` (it expects exit 1): the same checks, with 130."""
    monkeypatch.chdir(refused.root)
    out = refused.root / "public"
    before, beside = tree(out), sorted(p.name for p in refused.root.iterdir())

    def interrupt(path, mode):
        if _writing_staged(path, mode):
            raise KeyboardInterrupt
        return False

    _open_failing(monkeypatch, interrupt, OSError())
    code, _, err = run(*build_args(Path("content"), out))
    assert (code, err) == (130, "interrupted\n")
    assert tree(out) == before
    assert sorted(p.name for p in refused.root.iterdir()) == beside


# --- build: paths that cannot be made -----------------------------------------------


def test_an_output_folder_inside_a_file(run, tiny, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("site").write_text("x\n")
    code, _, err = run(*build_args(Path("content"), Path("site/public")))
    assert (code, _one_line(err)) == (1, "site: is a file, not a folder")
    assert Path("site").read_text() == "x\n"


def test_an_output_name_longer_than_the_file_system_allows(run, tiny, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "p" * 300
    code, _, err = run(*build_args(Path("content"), Path(name)))
    assert code == 1
    assert _one_line(err).endswith(": file name too long"), err
    assert not [p.name for p in tmp_path.iterdir() if STAGING in p.name]


@pytest.fixture
def read_only_folder(tmp_path):
    """A real read-only file system (tmpfs), where this machine allows mounting one."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", folder], capture_output=True).returncode:
        pytest.skip("cannot mount a file system here")
    yield folder
    subprocess.run(["umount", "-l", folder], check=True)


def test_a_real_read_only_file_system(run, tiny, read_only_folder):
    out, cache = read_only_folder / "public", read_only_folder / "cache"
    assert run(*build_args(tiny, out, "--cache-dir", cache))[0] == 0
    before = tree(out)
    subprocess.run(["mount", "-o", "remount,ro", read_only_folder], check=True)
    (tiny / "articles" / "mooc.vi.md").write_text((tiny / "articles" / "mooc.vi.md").read_text(encoding="utf-8") + "\nThêm.\n")
    code, _, err = run(*build_args(tiny, out, "--cache-dir", cache))
    assert code == 1
    assert _one_line(err).endswith(": read-only file system"), err
    assert "Traceback" not in err
    assert tree(out) == before


# --- the editors' commands ----------------------------------------------------------


def test_check_with_unreadable_templates(run, tiny, monkeypatch):
    monkeypatch.chdir(ROOT)
    strings = os.path.abspath("templates/strings.yaml")
    _open_failing(monkeypatch, lambda path, mode: os.path.abspath(path) == strings, PermissionError(13, "Permission denied", strings))
    code, out, err = run("check", "--content", tiny, "--templates", "templates", "--build-date", "2025-06-01")
    # The strings table is read like every settings file: one finding with its path, exit 1.
    assert (code, err) == (1, "")
    assert out.splitlines() == ["templates/strings.yaml: cannot be read (permission denied)", "check: 1 error(s), 0 warning(s), 0 note(s)"]


def test_new_on_a_read_only_content_folder(run, tiny, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def when(path, mode):
        return "x" in mode and path.startswith("content/articles/")

    _open_failing(monkeypatch, when, OSError(errno.EROFS, os.strerror(errno.EROFS), "content/articles/hoi-thao.vi.md"))
    code, out, err = run("new", "article", "Hội thảo", "--content", "content", "--date", "2025-06-01")
    assert (code, out, err) == (1, "", "content/articles/hoi-thao.vi.md: read-only file system\n")


def test_ctrl_c_in_check(run, tiny, monkeypatch):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("vnu_site.editor.check.check", interrupted)
    assert run("check", "--content", tiny, "--templates", TEMPLATES)[0::2] == (130, "interrupted\n")


def test_serve_says_an_os_error_in_one_line_and_keeps_serving(tiny, monkeypatch):
    said = []
    preview = Preview(tiny, TEMPLATES, port=0, build_date=datetime.date(2025, 6, 1), log=lambda text, error=False: said.append(text))
    preview.start()
    try:
        said.clear()
        failing = OSError(errno.EIO, "Input/output error")
        monkeypatch.setattr("vnu_site.pipeline.build", lambda _options, **_given: (_ for _ in ()).throw(failing))
        assert preview.rebuild() is False
    finally:
        preview.stop()
    assert said == [f"{tiny.as_posix()}: input/output error\nbuild failed: still serving the last good site at {preview.url}"]


def test_a_closed_pipe_ends_check_quietly(tiny):
    """`vnu-site check | head -1`: the reader goes, check stops without a traceback."""
    command = [sys.executable, "-m", "vnu_site", "check", "--content", str(tiny), "--templates", str(TEMPLATES)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # gone before check writes a word
        err = process.stderr.read().decode()
    assert process.returncode == 1
    assert err == ""


# --- the formatter ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (PermissionError(errno.EACCES, "Permission denied", "content/x.vi.md"), "content/x.vi.md: permission denied"),
        (OSError(errno.ENOSPC, "No space left on device"), "public: no space left on device"),
        (OSError(errno.ENAMETOOLONG, "File name too long", "a" * 10), "aaaaaaaaaa: file name too long"),
        (OSError(errno.EXDEV, "Invalid cross-device link", "a/b", None, "c/d"), "a/b -> c/d: invalid cross-device link"),
        (OSError(errno.EIO, "Input/output error", b"caf\xc3\xa9/x"), "café/x: input/output error"),
        (OSError(errno.EACCES, "Permission denied", "bad\nname"), "bad\\nname: permission denied"),
        (OSError("something odd"), "public: something odd"),
        (OSError(), "public: OSError"),
    ],
)
def test_os_errors_become_one_path_and_message(error, expected):
    assert str(os_problem(error, "public")) == expected


def test_paths_inside_the_working_folder_are_shown_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    error = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "content" / "x.vi.md"))
    assert str(os_problem(error, "public")) == "content/x.vi.md: permission denied"


def test_ctrl_c_in_the_terminal_stops_the_workers_quietly(tiny, tmp_path):
    """Ctrl+C signals every process of the terminal's group: the worker processes too, which
    must leave the message to the build instead of each printing a traceback."""
    for number in range(200):  # enough files for the worker pool
        (tiny / "articles" / f"tin-{number}.vi.md").write_text(f"---\ntitle: Tin {number}\ndate: 2025-01-01\n---\nChữ.\n")
    command = [sys.executable, "-m", "vnu_site", *map(str, build_args(tiny, tmp_path / "public", "--clean", "--jobs", "2"))]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True) as process:
        deadline = time.monotonic() + 30
        while not subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True).stdout:  # the pool is up
            assert process.poll() is None and time.monotonic() < deadline, "the build ended before its workers started"
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGINT)
        err = process.communicate(timeout=30)[1].decode()
    assert (process.returncode, err) == (130, "interrupted\n")

"""Windows and macOS, as far as they can be tried here: the CLI runs with the POSIX-only
modules and calls taken away (no fcntl, no os.O_DIRECTORY, no renameat2, no fork, Pagefind
tied by the guard process instead of prctl), and the fallbacks make the very same site.

msvcrt does not exist here, so a stand-in with Windows' semantics (a byte-range lock per
open file, refused at once when taken) is made from the real flock, caught before fcntl
is taken away. The Windows job object itself can only run on Windows (CI)."""

from __future__ import annotations

import fcntl as real_fcntl
import multiprocessing
import os
import subprocess
import sys
import textwrap
import threading
import time
import types

import pytest

from conftest import TEMPLATES, build_args, tree
from vnu_site.io import child_process, folder_lock, parallel, write


def _stand_in_msvcrt() -> types.ModuleType:
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_UNLCK, msvcrt.LK_LOCK, msvcrt.LK_NBLCK = 0, 1, 2

    def locking(handle: int, mode: int, length: int) -> None:
        if mode == msvcrt.LK_UNLCK:
            real_fcntl.flock(handle, real_fcntl.LOCK_UN)
            return
        try:
            real_fcntl.flock(handle, real_fcntl.LOCK_EX | real_fcntl.LOCK_NB)
        except BlockingIOError:
            raise PermissionError(13, "Permission denied") from None  # what Windows raises

    msvcrt.locking = locking
    return msvcrt


def take_away_posix(monkeypatch) -> None:
    """What a Windows machine lacks (and macOS: renameat2, prctl, a safe fork)."""
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` raises ImportError
    monkeypatch.setitem(sys.modules, "msvcrt", _stand_in_msvcrt())
    monkeypatch.delattr(os, "O_DIRECTORY")
    monkeypatch.setattr(write, "_renameat2", lambda: None)
    monkeypatch.setattr(write, "_renamex_np", lambda: None)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(child_process, "tie_method", lambda: "guard")  # no prctl
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)  # the pool would be used, were fork there

    def forbidden(*args, **kwargs):
        raise AssertionError("a POSIX-only call was made")

    monkeypatch.setattr(write, "_exchange", lambda a, b: False)  # no atomic exchange at all
    monkeypatch.setattr(multiprocessing, "get_context", forbidden)


@pytest.fixture
def windows_like(monkeypatch):
    take_away_posix(monkeypatch)


def test_without_fcntl_the_modules_still_import():
    modules = "vnu_site.__main__, vnu_site.io.write, vnu_site.editor.serve, vnu_site.outputs.search"
    code = f"import sys; sys.modules['fcntl'] = None; import {modules}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _build_three_times(run, content, out, *extra) -> list[dict]:
    """A first build, an edit (the spare is brought up to date and swapped in), a clean build."""
    sites = []
    assert run(*build_args(content, out, "--jobs", "2", *extra))[0] == 0
    sites.append(tree(out))
    article = content / "articles" / "tsinghua-ai.vi.md"
    article.write_text(article.read_text(encoding="utf-8").replace("trao đổi sinh viên", "trao đổi giảng viên"), encoding="utf-8")
    assert run(*build_args(content, out, "--jobs", "2", *extra))[0] == 0
    sites.append(tree(out))
    assert run(*build_args(content, out, "--jobs", "2", "--clean", *extra))[0] == 0
    sites.append(tree(out))
    return sites


def _copy(tiny, tmp_path, name):
    import shutil

    target = tmp_path / name / "content"
    shutil.copytree(tiny, target)
    return target


def test_the_fallbacks_build_the_same_site_byte_for_byte(run, tiny, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)  # the normal path really forks workers
    normal = _build_three_times(run, _copy(tiny, tmp_path, "posix"), tmp_path / "posix" / "public")
    with pytest.MonkeyPatch.context() as patched:
        take_away_posix(patched)
        area = tmp_path / "windows"
        fallback = _build_three_times(run, _copy(tiny, tmp_path, "windows"), area / "public")
    assert fallback == normal
    assert normal[0] != normal[1]  # the edit changed the site
    assert sorted(p.name for p in area.iterdir()) == [".vnu-cache", "content", "public"], "no lock file, no staging left"


def test_the_fallbacks_index_for_search_the_same(run, tiny, tmp_path):
    """Pagefind run through the guard process (macOS's way) makes the same index."""
    assert run(*build_args(tiny, tmp_path / "posix" / "public", search=True))[0] == 0
    with pytest.MonkeyPatch.context() as patched:
        take_away_posix(patched)
        out = tmp_path / "windows" / "public"
        assert run(*build_args(tiny, out, search=True))[0] == 0
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert tree(out) == tree(tmp_path / "posix" / "public")


def test_check_and_new_work_without_the_posix_calls(run, tiny, windows_like):
    code, out, err = run("new", "article", "Tin mới từ Windows", "--content", tiny, "--date", "2025-05-01")
    assert code == 0, err
    assert "created" in out
    code, out, err = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01")
    assert code in (0, 1), err
    assert "Traceback" not in out + err


def test_a_lock_file_keeps_a_running_builds_folder_and_frees_a_dead_ones(tmp_path, windows_like):
    out = tmp_path / "public"
    busy = tmp_path / f".public.vnu-staging-{os.getpid() + 100000}"
    busy.mkdir()
    assert not folder_lock._uses_the_folder_itself()  # the lock file, with the msvcrt stand-in
    held = folder_lock.hold(busy)  # a separate open file: as another process's, the lock conflicts
    assert held is not None and folder_lock.lock_file_of(busy).is_file()
    write.write_site(out, {"a.html": b"x"})
    assert busy.is_dir(), "a build still running: its folder is not ours to remove"
    held.release()  # its build ended (or died: the system releases the lock then too)
    write.write_site(out, {"a.html": b"y"})
    assert not busy.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_a_killed_builds_lock_file_is_removed_with_its_folder(tmp_path, windows_like):
    stale = tmp_path / ".public.vnu-staging-99999"
    stale.mkdir()
    folder_lock.lock_file_of(stale).write_bytes(b"")  # left by a build that was killed
    orphan = tmp_path / ".public.vnu-staging-99998.lock"  # killed before it made its folder
    orphan.write_bytes(b"")
    write.write_site(tmp_path / "public", {"a.html": b"x"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_the_two_rename_swap_is_used_where_there_is_no_exchange(tmp_path, monkeypatch):
    renames = []
    real_rename = os.rename
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    out = tmp_path / "public"
    write.write_site(out, {"a.html": b"old"})
    monkeypatch.setattr(os, "rename", lambda a, b: renames.append((os.path.basename(a), os.path.basename(b))) or real_rename(a, b))
    write.write_site(out, {"a.html": b"new"})
    assert (out / "a.html").read_bytes() == b"new"
    (park_from, parked), (staging, into) = renames
    assert (park_from, into) == ("public", "public")
    assert parked == staging + "-old"


def test_manifest_has_unix_line_endings_everywhere(tmp_path):
    write.write_site(tmp_path / "public", {"a.html": b"x", "b.html": b"y"})
    assert b"\r" not in (tmp_path / "public" / write.MANIFEST).read_bytes()


def test_windows_line_endings_in_content_give_the_same_site(run, tiny, tmp_path):
    """Git for Windows checks text out with CRLF by default."""
    assert run(*build_args(tiny, tmp_path / "lf" / "public"))[0] == 0
    for path in tiny.rglob("*"):
        if path.suffix in (".md", ".yaml"):
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run(*build_args(tiny, tmp_path / "crlf" / "public"))[0] == 0
    assert tree(tmp_path / "crlf" / "public") == tree(tmp_path / "lf" / "public")


def test_no_fork_while_other_threads_run(monkeypatch):
    if threading.active_count() == 1:  # earlier tests in this process may have left threads (Playwright's)
        assert parallel.fork_is_safe() == ("fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin")
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not parallel.fork_is_safe()
        monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
        monkeypatch.setattr(multiprocessing, "get_context", lambda *a: pytest.fail("forked with a thread running"))
        assert parallel.ordered_map(abs, [-1, -2, 3], jobs=2) == [1, 2, 3]
        assert list(parallel.ordered_imap(abs, [-1, -2, 3], jobs=2)) == [1, 2, 3]
    finally:
        release.set()
        other.join()


def test_die_with_parent_without_prctl_does_nothing(monkeypatch):
    monkeypatch.setattr(parallel.ctypes, "CDLL", lambda *a, **k: types.SimpleNamespace())  # a libc with no prctl
    parallel.die_with_parent()


# A tool that says its process id, then works for a minute.
_TOOL = "import os, sys, time; print(os.getpid(), file=open(sys.argv[1], 'w'), flush=True); time.sleep(60)"
_BUILD_WITH_A_TOOL = textwrap.dedent(
    """
    import sys
    from vnu_site.io import child_process
    child_process.tie_method = lambda: "guard"
    child_process.run_with_build([sys.executable, "-c", sys.argv[2], sys.argv[1]], timeout=60)
    """
)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _wait_for_pid(file, deadline) -> int:
    while time.monotonic() < deadline:
        text = file.read_text() if file.exists() else ""
        if text.strip():
            return int(text)
        time.sleep(0.05)
    raise AssertionError("the tool never started")


def test_the_guard_ends_the_tool_when_the_build_is_killed(tmp_path):
    """macOS has no prctl: the guard process kills the tool once its build is gone."""
    pid_file = tmp_path / "tool.pid"
    build = subprocess.Popen([sys.executable, "-c", _BUILD_WITH_A_TOOL, str(pid_file), _TOOL])
    try:
        tool = _wait_for_pid(pid_file, time.monotonic() + 20)
    finally:
        build.kill()  # SIGKILL: nothing in the build can clean up
        build.wait()
    deadline = time.monotonic() + 5
    while not _gone(tool) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(tool), "the tool outlived its build"


def test_a_build_that_stops_takes_the_tool_with_it(tmp_path, monkeypatch):
    """An error, Ctrl+C or a timeout in the build: the tool is ended before it goes on."""
    monkeypatch.setattr(child_process, "tie_method", lambda: "guard")
    pid_file = tmp_path / "tool.pid"
    with pytest.raises(subprocess.TimeoutExpired):
        child_process.run_with_build([sys.executable, "-c", _TOOL, str(pid_file)], timeout=3)
    tool = _wait_for_pid(pid_file, time.monotonic() + 1)
    deadline = time.monotonic() + 5
    while not _gone(tool) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(tool)

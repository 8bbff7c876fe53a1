"""The output folder: refused before anything is touched when it would cost someone's files;
replaced whole or not at all, even when the build is killed (SIGKILL) at any moment.

test_cli.py covers --out equal to content/, templates/, the working folder and /, and a
non-empty folder without the marker; this file covers the rest of the refusals, the
kill-at-random-moments loop, a kill at every single file-system step of the writer, and
two builds at once.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import BUILD_DATE, TEMPLATES, TINY, build_args, tree
from vnu_site.io import folder_lock
from vnu_site.io.write import MANIFEST, write_site

# ---------------------------------------------------------------------------------------
# Refusals: exact message, exit 1, nothing created or changed anywhere.


def _snapshot(folder: Path) -> dict:
    """Every path under folder (files with bytes, folders and links by name)."""
    result = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        result[key] = path.read_bytes() if path.is_file() and not path.is_symlink() else ("link" if path.is_symlink() else "dir")
    return result


REFUSALS = [
    ("home folder", "home", "it is your home folder"),
    ("folder holding the home folder", ".", "it is a folder holding your home folder {home}"),
    ("folder holding the content", "site", "it would replace {site}/content"),
    ("inside the content", "site/content/public", "it is inside {site}/content, which the build reads"),
    ("inside the templates", "site/templates/static/out", "it is inside {site}/templates, which the build reads"),
    ("another project's folder", "project", "it looks like a project folder"),
    ("a file", "notes.txt", "it is a file, not a folder"),
]


@pytest.mark.parametrize(("name", "target", "reason"), REFUSALS, ids=[case[0] for case in REFUSALS])
def test_dangerous_outputs_are_refused_before_anything_is_touched(run, tmp_path, monkeypatch, name, target, reason):
    home, site, work = tmp_path / "home", tmp_path / "site", tmp_path / "work"
    home.mkdir()
    (home / ".profile").write_text("keep me")
    shutil.copytree(TINY, site / "content")
    shutil.copytree(TEMPLATES, site / "templates")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / ".git").mkdir()
    (tmp_path / "notes.txt").write_text("keep me too")
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))  # Path.home() follows $HOME
    monkeypatch.chdir(work)
    out = tmp_path / target
    before = _snapshot(tmp_path)

    code, stdout, err = run("build", "--content", site / "content", "--templates", site / "templates", "--out", out)

    assert code == 1
    expected = f"error: refusing to write the site to {out}: " + reason.format(home=home, site=site)
    assert err.splitlines() == [expected]
    assert stdout == ""
    assert _snapshot(tmp_path) == before  # no staging folder, no cache, nothing


def test_an_empty_folder_is_taken_and_marked_as_ours(run, tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    code, _, err = run(*build_args(TINY, out, "--no-search"))
    assert code == 0, err
    assert (out / MANIFEST).is_file()
    (out / "extra.html").write_text("put here by hand")
    code, _, err = run(*build_args(TINY, out, "--no-search", "--clean"))
    assert code == 0, err  # ours: replaced whole, so the stray file goes
    assert not (out / "extra.html").exists()


def test_a_write_error_leaves_the_old_output_and_no_staging(tmp_path):
    out = tmp_path / "public"
    write_site(out, {"a.html": b"old"})
    before = tree(out)
    with pytest.raises(OSError):
        write_site(out, {"x": b"a file", "x/y.html": b"cannot live under a file"})
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


# ---------------------------------------------------------------------------------------
# SIGKILL at random moments of real builds.


def _site_variant(folder: Path, variant: str, count: int) -> Path:
    """The tiny site plus `count` articles whose titles (so URLs) depend on the variant:
    variants differ in almost every file and in the set of files itself. A copy of the
    theme goes beside it (templates/), so that builds compared later use the same one."""
    content = folder / f"content-{variant}"
    shutil.copytree(TINY, content)
    if not (folder / "templates").exists():
        shutil.copytree(TEMPLATES, folder / "templates")
    for number in range(count):
        (content / "articles" / f"tin-{number}.vi.md").write_text(
            f"---\ntitle: Tin số {number} bản {variant}\ndate: 2025-0{1 + number % 5}-{1 + number % 28:02d}\n"
            f"partners: [vnu]\n---\nNội dung bản {variant} của tin số {number}.\n",
            encoding="utf-8",
        )
    return content


def _build_command(content: Path, out: Path) -> list[str]:
    arguments = build_args(content, out, "--no-search", "--templates", content.parent / "templates")  # the last --templates wins
    return [sys.executable, "-m", "vnu_site", *map(str, arguments)]


def test_a_build_killed_at_random_moments_leaves_old_or_new_never_a_mix(tmp_path):
    variants = {name: _site_variant(tmp_path, name, 60) for name in ("a", "b")}
    reference, durations = {}, []

    def timed_build(content: Path, out: Path) -> None:
        started = time.perf_counter()
        subprocess.run(_build_command(content, out), check=True, capture_output=True)
        durations.append(time.perf_counter() - started)

    for name, content in variants.items():
        timed_build(content, tmp_path / f"ref-{name}" / "public")
        reference[name] = tree(tmp_path / f"ref-{name}" / "public")
    assert reference["a"].keys() != reference["b"].keys()
    area = tmp_path / "live"
    out = area / "public"
    timed_build(variants["a"], out)
    duration = max(durations)

    current, outcomes = "a", {"old": 0, "new": 0, "finished": 0}
    rng = random.Random(7)  # fixed: the same moments on every run
    for iteration in range(16):
        wanted = "b" if current == "a" else "a"
        # Half the kills anywhere in the build, half late in it (writing, swapping, after).
        delay = duration * (rng.uniform(0.0, 1.0) if iteration % 2 else rng.uniform(0.6, 2.0))
        process = subprocess.Popen(_build_command(variants[wanted], out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = tree(out)
        assert now in (reference["a"], reference["b"]), f"iteration {iteration}: a mix of the two sites, or a broken one"
        became = "a" if now == reference["a"] else "b"
        outcomes["finished" if process.returncode == 0 else ("new" if became == wanted else "old")] += 1
        current = became
    print(f"kill loop: {outcomes} (a full build takes {duration:.2f} s)")
    assert outcomes["old"] and outcomes["new"] + outcomes["finished"], outcomes

    # The next complete build leaves exactly the site and nothing else beside it.
    final = "b" if current == "a" else "a"
    subprocess.run(_build_command(variants[final], out), check=True, capture_output=True)
    assert tree(out) == reference[final]
    assert sorted(p.name for p in area.iterdir()) == [".vnu-cache", "public"]


# ---------------------------------------------------------------------------------------
# SIGKILL at every file-system step of the writer, in turn.

_KILL_AT_STEP = textwrap.dedent(
    """
    import os, signal, sys, pathlib
    from vnu_site.io import write
    step, fallback, out = int(sys.argv[1]), sys.argv[2] == "fallback", pathlib.Path(sys.argv[3])
    calls = [0]

    def deadly(function):
        def wrapper(*args, **kwargs):
            calls[0] += 1
            if calls[0] == step:
                os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)
        return wrapper

    for name in ("rename", "link", "mkdir", "open"):
        setattr(os, name, deadly(getattr(os, name)))
    pathlib.Path.write_bytes = deadly(pathlib.Path.write_bytes)
    pathlib.Path.write_text = deadly(pathlib.Path.write_text)
    write.shutil.rmtree = deadly(write.shutil.rmtree)
    write._exchange = (lambda a, b: False) if fallback else deadly(write._exchange)
    files = {f"p{n}/index.html": f"new {n}".encode() for n in range(6)} | {"same.html": b"same"}
    write.write_site(out, files)
    print(calls[0])
    """
)
OLD = {f"p{n}/index.html": f"old {n}".encode() for n in range(4)} | {"same.html": b"same", "gone.html": b"gone"}
NEW = {f"p{n}/index.html": f"new {n}".encode() for n in range(6)} | {"same.html": b"same"}


@pytest.mark.parametrize("swap", ["exchange", "fallback"])
def test_a_kill_at_any_step_of_the_writer_leaves_old_or_new(tmp_path, swap):
    area = tmp_path / "area"
    out = area / "public"
    write_site(out, OLD)
    old_tree = tree(out)
    write_site(tmp_path / "new", NEW)
    new_tree = tree(tmp_path / "new")

    def attempt(step: int) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", _KILL_AT_STEP, str(step), swap, str(out)], capture_output=True, text=True)

    steps = int(attempt(0).stdout)  # step 0 never fires: counts the steps of a whole write
    write_site(out, OLD)
    assert steps > 10
    seen = set()
    for step in range(1, steps + 1):
        result = attempt(step)
        assert result.returncode == -signal.SIGKILL, (step, result.stderr)
        if out.exists():
            now = tree(out)
            assert now in (old_tree, new_tree), f"killed at step {step}: a mix"
            seen.add("new" if now == new_tree else "old")
        else:
            # Only between the two renames of the fallback: the old site is parked, whole.
            assert swap == "fallback"
            parked = [p for p in area.iterdir() if p.name.endswith("-old")]
            assert [tree(p) for p in parked] == [old_tree], f"killed at step {step}"
            seen.add("parked")
        # The next build puts things right and leaves nothing else beside the output.
        write_site(out, OLD)
        assert tree(out) == old_tree
        assert [p.name for p in area.iterdir()] == ["public"], f"killed at step {step}"
    assert {"old", "new"} <= seen
    assert ("parked" in seen) == (swap == "fallback")


# ---------------------------------------------------------------------------------------
# Two builds at once: one never removes the other's staging folder.

_HOLD_STAGING = textwrap.dedent(
    """
    import fcntl, os, sys, time
    os.mkdir(sys.argv[1])
    handle = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    print("holding", flush=True)
    time.sleep(60)
    """
)


def test_a_running_builds_staging_folder_is_left_alone(tmp_path):
    out = tmp_path / "public"
    busy = tmp_path / f".public.vnu-staging-{os.getpid() + 100000}"
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_STAGING, str(busy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        write_site(out, {"a.html": b"x"})
        assert busy.is_dir()  # its build still runs: not ours to remove
    finally:
        holder.kill()
        holder.wait()
    write_site(out, {"a.html": b"x"})
    assert not busy.exists()  # its build died: removed by the next one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


# ---------------------------------------------------------------------------------------
# A build killed while Pagefind indexes its staging folder takes Pagefind with it.


def _indexer_of(area: Path) -> int | None:
    """The process id of a search indexer working on a staging folder in `area`, if any."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--site" in arguments and any(str(area).encode() + b"/.public.vnu-staging-" in a for a in arguments):
            return int(entry.name)
    return None


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has finished; only its exit status is left


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc to find the indexer")
def test_a_build_killed_while_indexing_leaves_no_indexer_and_no_stray_folder(tmp_path):
    content = _site_variant(tmp_path, "a", 150)  # enough pages to keep Pagefind busy for a while
    area = tmp_path / "area"
    out = area / "public"
    command = [sys.executable, "-m", "vnu_site", "build", "--content", str(content), "--templates", str(tmp_path / "templates")]
    command += ["--out", str(out)]
    command += ["--build-date", BUILD_DATE, "--cache-dir", str(area / ".vnu-cache")]  # search on: the default
    subprocess.run([*command, "--no-search"], check=True, capture_output=True)
    before = tree(out)

    build = subprocess.Popen([*command, "--clean"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    indexer, deadline = None, time.monotonic() + 60
    while indexer is None and build.poll() is None and time.monotonic() < deadline:
        indexer = _indexer_of(area)
        time.sleep(0.002)
    build.kill()
    build.wait()
    assert indexer is not None, "the build finished before its indexer was seen"
    started = time.monotonic()
    while _alive(indexer) and time.monotonic() - started < 0.2:
        time.sleep(0.005)
    assert not _alive(indexer), "the indexer outlived the build it worked for"
    assert tree(out) == before

    subprocess.run([*command, "--no-search"], check=True, capture_output=True)
    assert sorted(p.name for p in area.iterdir()) == [".vnu-cache", "public"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_forked_worker_does_not_keep_a_staging_lock(tmp_path):
    """flock belongs to the open file, which a forked render worker shares: a worker outliving
    its killed build kept the staging folder locked, so later builds left it behind."""
    staging = tmp_path / ".public.vnu-staging-1"
    staging.mkdir()
    lock = folder_lock.hold(staging)
    read, written = os.pipe()
    child = os.fork()
    if child == 0:  # the worker: outlives the lock's release below
        os.close(read)
        os.write(written, b"x")
        time.sleep(3)
        os._exit(0)
    try:
        os.close(written)
        assert os.read(read, 1) == b"x"
        lock.release()
        again = folder_lock.try_hold(staging)
        assert again is not None, "the child's copy of the handle still holds the lock"
        again.release()
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)

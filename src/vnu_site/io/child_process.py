"""Run a tool (Pagefind; the CMS's local proxy beside `serve`) as a child process that ends
with the build, however the build ends.

A killed build must not leave its indexer writing into a staging folder that the next
build is removing. How the child is tied to the build depends on the system:
- Linux: the kernel kills it when the build dies (prctl PR_SET_PDEATHSIG, set in the child).
- Windows: it runs in a job object that the system closes, killing it, when the build dies.
- Elsewhere (macOS): a small guard process starts it and kills it as soon as the build is
  gone (the guard's parent changes).
And on every system, a build that ends while the child runs (an error, Ctrl+C, a timeout)
kills it before going on.

Run as `python -m vnu_site.io.child_process BUILD_PID COMMAND...`, this module is that guard.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

from vnu_site.io.parallel import die_with_parent

GUARD_POLL = 0.1  # seconds between the guard's looks at its parent


def tie_method() -> str:
    if sys.platform.startswith("linux"):
        return "pdeathsig"
    if sys.platform == "win32":
        return "job"
    return "guard"


def run_with_build(command: list[str], timeout: float) -> subprocess.CompletedProcess:
    """subprocess.run(command, capture_output=True, text=True), tied to this process."""
    method = tie_method()
    options = {}
    if method == "pdeathsig":
        options["preexec_fn"] = _die_with_build(os.getpid())
    elif method == "guard":
        command = [sys.executable, "-m", "vnu_site.io.child_process", str(os.getpid()), *command]
    job = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options) as child:
        try:
            if method == "job":
                job = _put_in_kill_on_close_job(child)
            stdout, stderr = child.communicate(timeout=timeout)
        except BaseException:  # a timeout, Ctrl+C, SIGTERM's SystemExit: the child goes first
            _end(child, method)
            raise
        finally:
            if job is not None:
                job.close()  # kills whatever the child left running (Pagefind's own child)
    return subprocess.CompletedProcess(command, child.returncode, stdout, stderr)


class Tied:
    """A long-running child tied to this process the same way (`start`): a server that
    `vnu-site serve` runs beside itself, ended by `end()` or with us, however we end."""

    def __init__(self, child: subprocess.Popen, method: str, job: _Job | None):
        self.child = child
        self.method = method
        self.job = job

    def end(self) -> None:
        if self.child.poll() is None:
            _end(self.child, self.method)
        if self.job is not None:
            self.job.close()


def start(command: list[str], env: dict[str, str] | None = None, log=None, cwd: Path | None = None) -> Tied:
    """Popen(command) with its output to `log` (a file, or discarded), tied to this process;
    run in `cwd` (Pagefind reads its settings from a file there: search.py)."""
    method = tie_method()
    options: dict[str, Any] = {}
    if method == "pdeathsig":
        options["preexec_fn"] = _die_with_build(os.getpid())
    elif method == "guard":
        command = [sys.executable, "-m", "vnu_site.io.child_process", str(os.getpid()), *command]
    output = log if log is not None else subprocess.DEVNULL
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=output, env=env, cwd=cwd, **options)
    job = _put_in_kill_on_close_job(child) if method == "job" else None
    return Tied(child, method, job)


def _end(child: subprocess.Popen, method: str) -> None:
    if method == "guard":
        child.terminate()  # the guard ends its child on SIGTERM; killed, it could not
        try:
            child.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            pass
    child.kill()
    child.wait()


def _die_with_build(build_pid: int):
    """For the child on Linux: killed with the build, checked once more after asking,
    in case the build died before the request took effect."""

    def set_up() -> None:
        die_with_parent()
        if os.getppid() != build_pid:
            os._exit(1)

    return set_up


class _Job:
    """A Windows job object that kills its processes when its last handle closes: ours,
    when we close it or when this process ends, however it ends."""

    def __init__(self, kernel32, handle):
        self.kernel32 = kernel32
        self.handle = handle

    def close(self) -> None:
        if self.handle:
            self.kernel32.CloseHandle(self.handle)
            self.handle = None


@functools.cache
def _kernel32():
    if sys.platform != "win32":  # called only there; mypy checks the rest as Windows code
        raise OSError("job objects are Windows'")
    import ctypes
    from ctypes import wintypes

    class BasicLimits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD), ("SchedulingClass", wintypes.DWORD),
        ]  # fmt: skip

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", BasicLimits), ("IoInfo", ctypes.c_uint64 * 6),
            ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]  # fmt: skip

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.CreateJobObjectW.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
    kernel32.SetInformationJobObject.argtypes = [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD]
    kernel32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    limits = ExtendedLimits()
    limits.BasicLimitInformation.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    return kernel32, limits


def _put_in_kill_on_close_job(child: subprocess.Popen) -> _Job | None:
    """None if the system refuses (the child then still ends with a build that ends
    normally, see run_with_build)."""
    if sys.platform != "win32":  # job objects are Windows'; also what mypy checks the rest by
        return None
    import ctypes

    try:
        kernel32, limits = _kernel32()
    except (OSError, AttributeError):
        return None
    job = _Job(kernel32, kernel32.CreateJobObjectW(None, None))
    extended_limit_information = 9
    if not job.handle or not kernel32.SetInformationJobObject(
        job.handle, extended_limit_information, ctypes.byref(limits), ctypes.sizeof(limits)
    ):
        job.close()
        return None
    # Pagefind's own child is started after this (Python takes longer to start): inside too.
    if not kernel32.AssignProcessToJobObject(job.handle, int(cast(Any, child)._handle)):
        job.close()
        return None
    return job


def guard(build_pid: int, command: list[str]) -> int:
    """Run command; kill it and stop as soon as our parent (the build) is no longer build_pid,
    or when we are asked to stop (SIGTERM)."""
    import signal

    running: list[subprocess.Popen] = []

    def stop(*_) -> None:
        for child in running:
            child.kill()
            child.wait()
        os._exit(1)

    signal.signal(signal.SIGTERM, stop)  # before the child starts: it never outlives us
    child = subprocess.Popen(command)  # stdout and stderr: the build's pipes, inherited
    running.append(child)
    while True:
        try:
            return child.wait(timeout=GUARD_POLL)
        except subprocess.TimeoutExpired:
            pass
        if os.getppid() != build_pid:  # the build died: we were handed to another parent
            child.kill()
            child.wait()
            return 1


if __name__ == "__main__":
    sys.exit(guard(int(sys.argv[1]), sys.argv[2:]))

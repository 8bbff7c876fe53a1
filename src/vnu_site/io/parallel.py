"""Run one function over many items on every core (fork), in order, same results as serial.

Workers are forked after the work is set up, so they inherit it (templates, contexts)
without pickling; only the indexes go out and only the results come back.

Where forking is not safe the same work runs in this process, one item after another:
Windows has no fork, macOS's system libraries make it unsafe (CPython's default there is
spawn, which would have to pickle the Jinja environment), and a process with other
threads running (serve's watcher and server) would fork a copy of any lock they hold,
held for ever in the child. Each item is made on its own, so the results are the same.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable

from vnu_site.io import collector

# Set just before the pool forks and read by the workers; never used otherwise.
_work: tuple = ()

# Below this many items, starting processes costs more than it saves.
MIN_ITEMS = 64


def workers(jobs: int) -> int:
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def fork_is_safe() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" and threading.active_count() == 1


def will_fork(items: int, jobs: int) -> bool:
    """Whether ordered_map and ordered_imap would hand this many items to workers."""
    return workers(jobs) > 1 and items >= MIN_ITEMS and fork_is_safe()


def ordered_map(function, items: list, jobs: int, before_fork: Callable[[], object] | None = None) -> list:
    """before_fork: called in this process just before the workers are forked (only if they
    are), for what each of them would otherwise do for itself (load templates, Babel's data)."""
    if not will_fork(len(items), jobs):
        return [function(item) for item in items]
    if before_fork:
        before_fork()
    count = workers(jobs)
    global _work
    _work = (function, items)
    try:
        with _worker_pool(count) as pool:
            chunk = max(1, len(items) // (count * 8))
            return pool.map(_call, range(len(items)), chunksize=chunk)
    finally:
        _work = ()


def ordered_imap(function, items: list, jobs: int, before_fork: Callable[[], object] | None = None):
    """ordered_map as a generator: results come as the workers finish them, in order, so
    the caller can write the first files while the workers make the rest."""
    if not will_fork(len(items), jobs):
        yield from map(function, items)
        return
    if before_fork:
        before_fork()
    count = workers(jobs)
    global _work
    _work = (function, items)
    try:
        with _worker_pool(count) as pool:
            yield from pool.imap(_call, range(len(items)), chunksize=max(1, len(items) // (count * 16)))
    finally:
        _work = ()


@contextlib.contextmanager
def _worker_pool(count: int):
    """Ctrl+C reaches every process of the terminal's group: the build stops and says so
    once; its workers leave it to the parent instead of each printing a traceback. SIGINT
    is blocked while the pool forks, so a Ctrl+C that lands before a worker has set its
    handler waits (and is then ignored) instead of interrupting the worker's start-up;
    the parent gets it as soon as the pool is up.

    While the pool lives, what was made before it (the site, the plan) is left out of the
    collector's walks, in the parent and (inherited) in the workers: it outlives the pool,
    and a walk writes into every object, copying the workers' shared memory."""
    with collector.frozen():
        _block_interrupts(True)
        try:
            pool = multiprocessing.get_context("fork").Pool(count, initializer=_start_worker, initargs=(os.getpid(),))
        finally:
            _block_interrupts(False)
        with pool:
            yield pool


def _block_interrupts(block: bool) -> None:
    if hasattr(signal, "pthread_sigmask"):  # POSIX, where the pool forks
        signal.pthread_sigmask(signal.SIG_BLOCK if block else signal.SIG_UNBLOCK, {signal.SIGINT})


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # discards a Ctrl+C that came during the fork
    _block_interrupts(False)
    die_with_parent(parent)


def die_with_parent(parent: int | None = None) -> None:
    """In a child process: be killed when the parent dies (Linux), so a killed build's
    workers and tools stop instead of writing on to dead pipes or a folder being removed.
    A parent killed before the request took effect is already gone: end now (the pool's
    pipes are held open by the workers themselves, so they would wait for ever)."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the worker ends when it next writes to the closed pipe
        _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _libc() -> ctypes.CDLL:
    """The C library. By glibc's name first: find_library runs `ldconfig -p`, a process
    started by every worker (and tool) it is asked in."""
    try:
        return ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        name = ctypes.util.find_library("c")  # musl, macOS
        if name is None:
            raise
        return ctypes.CDLL(name, use_errno=True)


def _call(index: int):
    function, items = _work
    return function(items[index])

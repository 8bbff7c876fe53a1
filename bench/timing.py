"""Run one build in its own subprocess and report wall time, CPU time and peak memory.

CPU time is reported beside wall time because on a shared virtual machine the wall clock
also counts time the host gave our cores to someone else; CPU time mostly does not.

Peak memory is the larger of two figures:
- ru_maxrss from wait4() on that one child: exact, but only the largest single process of
  its tree (the kernel keeps a maximum, not a sum, over reaped descendants);
- the largest sum of PSS (proportional set size: each shared page counted once, split
  between the processes sharing it) over the child and all its descendants, sampled from
  /proc every SAMPLE_S seconds: catches builds that fan out to worker processes without
  counting twice the pages forked workers share with their parent. Summing RSS instead
  would count those pages once per worker.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_S = 0.05  # one /proc scan costs ~2.5 ms of CPU here: keep it a few % of a core
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Run:
    seconds: float  # wall clock
    cpu_s: float  # user + system time of the build and its reaped descendants
    peak_kib: int
    returncode: int

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def _parents() -> dict:
    """pid -> parent pid for every process we can see."""
    parents = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        # The command name (field 2) may hold spaces and parentheses: split after the last ')'.
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def _tree_rss_kib(root: int) -> int:
    parents = _parents()
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [c for c, p in parents.items() if p == pid and c not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(_pss_kib(pid) for pid in tree)


def _pss_kib(pid: int) -> int:
    """The process's proportional set size; its RSS where smaps_rollup is not readable."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


class _Sampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_S):
            self.peak_kib = max(self.peak_kib, _tree_rss_kib(self.pid))


def run(cmd: list, cwd: Path, env: dict, log: Path, sample: bool = True) -> Run:
    """Run cmd to completion, output to log; time it and measure its peak memory.

    sample=False skips the /proc sampler (ru_maxrss only), for builds whose peak is not reported.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        sampler = _Sampler(proc.pid)
        if sample:
            sampler.start()
        # wait4 rather than proc.wait(): it returns this child's own resource usage.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        sampler.done.set()
        if sample:
            sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen the child is reaped
    cpu_s = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu_s, max(usage.ru_maxrss, sampler.peak_kib), proc.returncode)

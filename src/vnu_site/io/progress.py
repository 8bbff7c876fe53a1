"""How far a build is: a progress line for long builds, and a stopwatch for its stages.

`Progress` is called with (done, total) as files are written. It shows one line on a
terminal, `building: 1234/5000 files (24%)`, only once the build has taken `DELAY`
seconds (a short build prints nothing more than its summary), at most every `INTERVAL`
seconds, rewritten in place with a carriage return and padded with spaces over a longer
previous text (no ANSI codes: the Windows console understands `\\r` too), and cleared at
the end. A stream that is not a terminal (a pipe, a file, a CI log) never gets it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

DELAY = 2.0  # seconds a build runs before the line shows
INTERVAL = 0.1  # seconds between two updates: at most ten a second


class Progress:
    def __init__(
        self, stream: TextIO, clock: Callable[[], float] = time.monotonic, delay: float | None = None, interval: float | None = None
    ) -> None:
        self.stream = stream
        self.clock = clock
        self.delay = DELAY if delay is None else delay
        self.interval = INTERVAL if interval is None else interval
        self.enabled = _is_terminal(stream)
        self.started = clock()
        self._shown_at: float | None = None
        self._width = 0  # characters on the line now

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.started < self.delay or (self._shown_at is not None and now - self._shown_at < self.interval):
            return
        self._shown_at = now
        percent = f" ({100 * done // total}%)" if total else ""
        self._show(f"building: {done}/{total} files{percent}")

    def _show(self, text: str) -> None:
        self.stream.write("\r" + text + " " * max(0, self._width - len(text)))
        self.stream.flush()
        self._width = len(text)

    def clear(self) -> None:
        """Removes the line, if one shows: what is printed next starts on a clean line."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.clear()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Stopwatch:
    """The time each stage of a build took, in order: `lap(name)` ends the stage called name."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock = clock
        self._last = clock()
        self.laps: list[tuple[str, float]] = []

    def lap(self, name: str) -> None:
        now = self.clock()
        self.laps.append((name, now - self._last))
        self._last = now

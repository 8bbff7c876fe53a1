"""The progress line of long builds (io/progress.py): on a terminal only, after a delay, at most
ten times a second, rewritten in place with `\\r` and cleared at the end; never in a pipe."""

from __future__ import annotations

import datetime
import io
import sys

from conftest import TEMPLATES, TINY, build_args
from vnu_site import pipeline
from vnu_site.io import progress
from vnu_site.io.progress import Progress, Stopwatch
from vnu_site.model import BuildOptions


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_on_a_terminal_after_the_delay_at_most_ten_times_a_second_then_cleared():
    stream, clock = Terminal(), Clock()
    with Progress(stream, clock) as shown:
        clock.now = 101.875
        shown(5, 1000)  # a build shorter than 2 s shows nothing
        assert stream.getvalue() == ""
        clock.now = 102.0
        shown(10, 1000)
        assert stream.getvalue() == "\rbuilding: 10/1000 files (1%)"
        clock.now = 102.0625
        shown(11, 1000)  # within a tenth of a second of the last: not shown
        clock.now = 102.125
        shown(999, 1000)
        clock.now = 102.25
        shown(1000, 1000)
        assert stream.getvalue() == "\rbuilding: 10/1000 files (1%)\rbuilding: 999/1000 files (99%)\rbuilding: 1000/1000 files (100%)"
    line = "building: 1000/1000 files (100%)"
    assert stream.getvalue().endswith(f"{line}\r{' ' * len(line)}\r")  # cleared: what follows starts on a clean line


def test_a_shorter_text_covers_the_longer_one_with_spaces():
    stream, clock = Terminal(), Clock()
    shown = Progress(stream, clock, delay=0, interval=0)
    shown(100, 100)
    shown(5, 9)
    assert stream.getvalue() == "\rbuilding: 100/100 files (100%)\rbuilding: 5/9 files (55%)     "
    shown.clear()
    shown.clear()  # once is enough
    assert stream.getvalue().endswith("(55%)     \r" + " " * len("building: 5/9 files (55%)") + "\r")


def test_nothing_in_a_pipe_or_a_file():
    stream, clock = io.StringIO(), Clock()  # isatty() is False, as for a pipe, a file or a CI log
    with Progress(stream, clock) as shown:
        for done in range(1, 101):
            clock.now += 1
            shown(done, 100)
    assert stream.getvalue() == ""


class Closed(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


def test_a_closed_or_odd_stream_is_not_a_terminal():
    assert not Progress(Closed()).enabled
    assert not Progress(object()).enabled  # type: ignore[arg-type]


def test_the_stopwatch_names_each_stage_with_its_time():
    clock = Clock()
    watch = Stopwatch(clock)
    clock.now += 0.5
    watch.lap("read")
    clock.now += 1.25
    watch.lap("pages")
    assert watch.laps == [("read", 0.5), ("pages", 1.25)]


def test_the_pipeline_reports_every_file_it_writes(tmp_path):
    seen = []
    options = BuildOptions(
        TINY, TEMPLATES, tmp_path / "public", build_date=datetime.date(2025, 6, 1), search=False, cache_dir=tmp_path / "cache"
    )
    result = pipeline.build(options, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(done, result.files) for done in range(1, result.files + 1)]
    assert [name for name, _seconds in result.stages] == ["cache", "read", "plan", "pages", "finish", "save the cache"]


def test_a_build_on_a_terminal_shows_the_line_and_clears_it(run, tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)  # as if the build took seconds
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code, out, _ = run(*build_args(TINY, tmp_path / "public"))
    assert code == 0
    said = terminal.getvalue()
    last = said.rstrip(" \r").rsplit("\r", 1)[-1]
    files = int(out.split(" files,")[0].rsplit("(", 1)[1])
    assert last == f"building: {files}/{files} files (100%)"
    assert said.endswith(f"\r{' ' * len(last)}\r")  # cleared before the summary is printed (on stdout)
    assert said.count("\rbuilding: ") == files


def test_no_line_when_quiet_or_not_on_a_terminal(run, tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    code, _, err = run(*build_args(TINY, tmp_path / "public"))  # stderr captured: not a terminal
    assert code == 0
    assert "\r" not in err
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code, out, _ = run(*build_args(TINY, tmp_path / "other"), "--quiet")
    assert (code, out, terminal.getvalue()) == (0, "", "")

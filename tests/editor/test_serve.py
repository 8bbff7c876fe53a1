"""`vnu-site serve`: builds into a folder of its own, serves it with a live-reload script
added only to the HTML it sends, rebuilds on save, and keeps the last good site (with the
problems over the page) when a save breaks the build. The last test does it in Chromium."""

from __future__ import annotations

import datetime
import json
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest
from lxml import html

from conftest import TEMPLATES, tree
from vnu_site.editor.preview import EVENTS, OVERLAY_ID
from vnu_site.editor.serve import Preview

ARTICLE = "articles/tsinghua-ai.vi.md"
PAGE = "vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/"
TITLE = "ĐHQGHN và ĐH Thanh Hoa hợp tác về trí tuệ nhân tạo"
SUMMARY = "Hai đại học ký thỏa thuận trao đổi sinh viên."


def wait_until(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for the preview")


def fetch(url) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def edit(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def preview(tiny):
    running = Preview(tiny, TEMPLATES, port=0, build_date=datetime.date(2025, 6, 1), log=lambda text, error=False: None)
    running.start()
    yield running
    running.stop()


def test_serves_the_site_with_the_reload_script_only_in_what_it_sends(preview):
    status, body = fetch(preview.url + PAGE)
    assert status == 200
    page = html.fromstring(body)
    assert page.findtext(".//h1") == TITLE
    assert EVENTS in body.decode()
    assert page.xpath('//link[@rel="canonical"]/@href') == [preview.url + PAGE], "links point at the preview server"
    on_disk = tree(preview.folder)
    assert on_disk[PAGE + "index.html"].count(b"<script") < body.count(b"<script")
    assert not [path for path, data in on_disk.items() if EVENTS.encode() in data], "the built files never get the script"


def test_missing_pages_get_the_site_404(preview):
    status, body = fetch(preview.url + "vi/khong-co/")
    assert status == 404
    assert EVENTS in body.decode()


def test_a_save_rebuilds_and_bumps_the_version(preview, tiny):
    assert preview.state.version == 1
    edit(tiny / ARTICLE, SUMMARY, "Tóm tắt mới.")
    wait_until(lambda: preview.state.version == 2)
    assert html.fromstring(fetch(preview.url + PAGE)[1]).findtext('.//p[@class="lede"]') == "Tóm tắt mới."


def test_a_broken_save_keeps_the_last_good_site(preview, tiny):
    edit(tiny / ARTICLE, "date: 2025-03-02", "date: 2025-13-02")
    wait_until(lambda: preview.state.errors)
    assert preview.state.errors == [f"{(tiny / ARTICLE).as_posix()}:3: date: '2025-13-02' is not a date: there is no month 13"]
    assert preview.state.version == 1
    status, body = fetch(preview.url + PAGE)
    assert status == 200 and html.fromstring(body).findtext(".//h1") == TITLE
    edit(tiny / ARTICLE, "date: 2025-13-02", "date: 2025-03-02")
    wait_until(lambda: preview.state.version == 2 and not preview.state.errors)


def test_event_stream_sends_the_state(preview, tiny):
    with socket.create_connection(("127.0.0.1", preview.server.server_address[1]), timeout=10) as connection:
        connection.sendall(f"GET {EVENTS} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        stream = connection.makefile("rb")

        def next_event() -> dict:
            for line in stream:
                if line.startswith(b"data: "):
                    return json.loads(line[6:])
            raise AssertionError("stream closed")

        assert next_event() == {"version": 1, "errors": []}
        edit(tiny / ARTICLE, "date: 2025-03-02", "date: 2025-03-32")
        problem = f"{(tiny / ARTICLE).as_posix()}:3: date: '2025-03-32' is not a date: 2025-03 has no day 32"
        assert next_event() == {"version": 1, "errors": [problem]}
        edit(tiny / ARTICLE, "date: 2025-03-32", "date: 2025-03-02")
        assert next_event() == {"version": 2, "errors": []}


def test_a_first_build_that_fails_still_serves(tiny):
    edit(tiny / ARTICLE, "date: 2025-03-02", "date: 2025-13-02")
    running = Preview(tiny, TEMPLATES, port=0, log=lambda text, error=False: None)
    running.start()
    try:
        status, body = fetch(running.url + "vi/")
        assert status == 503 and EVENTS in body.decode()
        edit(tiny / ARTICLE, "date: 2025-13-02", "date: 2025-03-02")
        wait_until(lambda: running.state.version == 1)
        assert fetch(running.url + "vi/")[0] == 200
    finally:
        running.stop()
    assert not running.folder.exists(), "the served folder is removed on stop"


def test_port_in_use_is_reported(run, tiny):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run("serve", "--content", tiny, "--templates", TEMPLATES, "--port", port)
    assert code == 1
    assert err.startswith(f"error: cannot serve on 127.0.0.1:{port}: ")
    assert err.endswith("; try another --port\n")


# --- in a browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium (apt-get install chromium): `playwright install` cannot download here.
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run"]  # fmt: skip
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": args}


def test_browser_reloads_on_save_and_shows_errors_over_the_last_good_page(preview, tiny, page):
    page.goto(preview.url + PAGE)
    assert page.locator("h1").inner_text() == TITLE
    page.evaluate("window.__before_reload = true")

    edit(tiny / ARTICLE, SUMMARY, "Tóm tắt mới sau khi lưu.")
    page.wait_for_function("() => !window.__before_reload && document.querySelector('.lede')?.textContent === 'Tóm tắt mới sau khi lưu.'")

    edit(tiny / ARTICLE, "date: 2025-03-02", "date: 2025-13-02")
    overlay = page.locator(f"#{OVERLAY_ID}")
    overlay.wait_for(state="visible")
    assert f"{(tiny / ARTICLE).as_posix()}:3: date: '2025-13-02' is not a date: there is no month 13" in overlay.inner_text()
    assert page.locator(".lede").inner_text() == "Tóm tắt mới sau khi lưu.", "the last good page stays underneath"

    page.evaluate("window.__before_reload = true")
    edit(tiny / ARTICLE, "date: 2025-13-02", "date: 2025-03-02")
    page.wait_for_function("() => !window.__before_reload")
    assert page.locator(f"#{OVERLAY_ID}").count() == 0


# ---------------------------------------------------------------------------------------
# Rough edges: editors' temporary files, stopping, and a first build that never ended.

EDITORS_TEMPORARY_FILES = ["sedAbkVpo", "4913", ".tsinghua-ai.vi.md.swp", "tsinghua-ai.vi.md~", ".#tsinghua-ai.vi.md", "#x.md#", "x.tmp"]


@pytest.mark.parametrize("name", EDITORS_TEMPORARY_FILES)
def test_editors_temporary_files_are_not_build_inputs(name):
    from vnu_site.editor.serve import is_build_input

    assert not is_build_input(f"/site/content/articles/{name}")


@pytest.mark.parametrize("name", ["content/articles/x.vi.md", "content/site.yaml", "content/articles/chart.PNG", "templates/base.html"])
def test_what_the_build_reads_is_a_build_input(name):
    from vnu_site.editor.serve import is_build_input

    assert is_build_input(f"/site/{name}")


def test_temporary_files_neither_rebuild_nor_show_in_the_log(tiny):
    said = []
    running = Preview(tiny, TEMPLATES, port=0, build_date=datetime.date(2025, 6, 1), log=lambda text, error=False: said.append(text))
    running.start()
    try:
        folder = tiny / "articles"
        for name in EDITORS_TEMPORARY_FILES:
            (folder / name).write_text("temporary", encoding="utf-8")
        time.sleep(0.3)
        for name in EDITORS_TEMPORARY_FILES[:3]:
            (folder / name).unlink()
        time.sleep(1.2)  # debounce (0.4 s) and more
        assert running.state.version == 1, said
        assert not [line for line in said if line.startswith("changed")]
        edit(tiny / ARTICLE, SUMMARY, "Tóm tắt mới.")
        wait_until(lambda: running.state.version == 2)
        assert [line for line in said if line.startswith("changed")] == ["changed: tsinghua-ai.vi.md"]
    finally:
        running.stop()


def test_stops_at_once(tiny):
    running = Preview(tiny, TEMPLATES, port=0, build_date=datetime.date(2025, 6, 1), log=lambda text, error=False: None)
    running.start()
    fetch(running.url)
    started = time.perf_counter()
    running.stop()
    seconds = time.perf_counter() - started
    print(f"serve stopped in {seconds * 1000:.0f} ms")
    assert seconds < 0.5
    assert not running.folder.parent.exists()


def test_stops_at_once_during_a_rebuild(tiny, monkeypatch):
    """A rebuild of a big archive takes seconds; Ctrl+C must not wait for it."""
    from vnu_site import pipeline

    said = []
    running = Preview(tiny, TEMPLATES, port=0, build_date=datetime.date(2025, 6, 1), log=lambda text, error=False: said.append(text))
    running.start()
    real_build = pipeline.build
    building = threading.Event()

    def slow_build(*args, **kwargs):
        building.set()
        time.sleep(3)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build", slow_build)
    edit(tiny / ARTICLE, SUMMARY, "Tóm tắt mới.")
    assert building.wait(10)
    started = time.perf_counter()
    running.stop()
    seconds = time.perf_counter() - started
    print(f"serve stopped during a rebuild in {seconds * 1000:.0f} ms")
    assert seconds < 0.5
    wait_until(lambda: not running.folder.parent.exists(), timeout=10)  # the build, once done, removes it
    assert not [line for line in said if line.startswith("built")][1:], "nothing said after stopping"


def test_the_first_build_runs_before_the_watcher_starts(tiny, monkeypatch):
    from vnu_site import pipeline

    threads_at_first_build = []
    real_build = pipeline.build
    before = set(threading.enumerate())  # a previous test's build may still be ending

    def recording_build(*args, **kwargs):
        threads_at_first_build.append([thread.name for thread in threading.enumerate() if thread not in before])
        return real_build(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build", recording_build)
    running = Preview(tiny, TEMPLATES, port=0, build_date=datetime.date(2025, 6, 1), log=lambda text, error=False: None)
    running.start()
    started = [thread.name for thread in set(threading.enumerate()) - before]
    running.stop()
    assert sorted(started) == ["vnu-site-http", "vnu-site-watch"]
    assert not [name for name in threads_at_first_build[0] if name in started]


_START_AND_STOP = """
import datetime, sys
from pathlib import Path
from vnu_site.io import parallel
from vnu_site.editor.serve import Preview
parallel.MIN_ITEMS = 1  # the first build forks its workers even on the tiny site
preview = Preview(Path(sys.argv[1]), Path(sys.argv[2]), port=0, build_date=datetime.date(2025, 6, 1), log=lambda *a, **k: None)
preview.start()
assert preview.state.version == 1
preview.stop()
"""


def test_serve_starts_every_time(tiny):
    """About one start in ten used to hang: a worker forked while the watcher held a lock."""
    import subprocess
    import sys

    for attempt in range(8):
        try:
            result = subprocess.run(
                [sys.executable, "-c", _START_AND_STOP, str(tiny), str(TEMPLATES)], capture_output=True, text=True, timeout=30
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"start {attempt + 1} did not finish in 30 s")
        assert result.returncode == 0, result.stderr

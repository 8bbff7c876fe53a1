"""The bundled bulletin, built once with its search index and served on 127.0.0.1, for tests
that read it as a person would: in Debian's Chromium through pytest-playwright.

Chromium comes from apt (`apt-get install -y chromium fonts-liberation2`), because
`playwright install` cannot download browsers here.
"""

from __future__ import annotations

import datetime
import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import ROOT, TEMPLATES
from vnu_site.__main__ import main
from vnu_site.errors import Problems
from vnu_site.model import BuildOptions
from vnu_site.pipeline import load_site
from vnu_site.site.urls import Urls

CONTENT = ROOT / "content"
BUILD_DATE = "2026-01-01"
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # --no-sandbox: CI runs as root; the rest keeps Chromium from calling home.
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": args}


@pytest.fixture(scope="session")
def built_bulletin(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bulletin") / "public"
    cache = str(out.parent / ".vnu-cache")  # never in the repository
    code = main(
        [
            "build",
            "--content",
            str(CONTENT),
            "--templates",
            str(TEMPLATES),
            "--out",
            str(out),
            "--build-date",
            BUILD_DATE,
            "--cache-dir",
            cache,
        ]
    )
    assert code == 0
    assert (out / "pagefind" / "pagefind.js").is_file(), "the search index was not built"
    return out


@pytest.fixture(scope="session")
def bulletin():
    """The resolved bulletin and its URL scheme, to find the pages of a given item."""
    problems = Problems()
    options = BuildOptions(content=CONTENT, templates=TEMPLATES, build_date=datetime.date.fromisoformat(BUILD_DATE))
    site, _ = load_site(options, problems)
    return site, Urls(site.config)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host: files as they are, and the site's 404.html for anything missing."""

    def log_message(self, format, *args):  # keep test output clean
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(folder: Path):
    """Serve a folder on 127.0.0.1 from a thread; yields the server's root URL."""
    handler = functools.partial(_Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(built_bulletin):
    yield from serve(built_bulletin)


@pytest.fixture(scope="session")
def subpath_url(tmp_path_factory):
    """The bulletin built for https://example.org/bulletin/ and served under /bulletin/."""
    root = tmp_path_factory.mktemp("host")
    args = ["build", "--content", str(CONTENT), "--templates", str(TEMPLATES), "--out", str(root / "bulletin"), "--build-date", BUILD_DATE]
    args += ["--cache-dir", str(tmp_path_factory.mktemp("cache"))]
    assert main([*args, "--base-url", "https://example.org/bulletin/"]) == 0
    yield from serve(root)


class Watch:
    """What went wrong while a page was open: console errors, failed or refused requests."""

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))


@pytest.fixture
def watch(page) -> Watch:
    return Watch(page)


def wait_for_search(page) -> None:
    """The search page marks its form once results for the current query are shown."""
    page.wait_for_selector("#search-form[data-done]", state="attached", timeout=15_000)


RICH_STORY = (
    """---
title: Lễ ký kết và hội thảo
date: 2025-05-20
partners: [tsinghua]
cover: signing.jpg
cover_alt: Đại diện hai trường ký biên bản ghi nhớ
---
Hai trường đã ký biên bản ghi nhớ[^1] và mở một hội thảo chung.

![Các đại biểu tại hội thảo](hall.jpg)
*Các đại biểu tại hội thảo. Ảnh: Phòng Hợp tác*

Đoạn văn bản dài hơn để trang có nội dung đọc. """
    + "Nội dung bài viết tiếp tục với nhiều câu. " * 40
    + """

https://www.youtube.com/watch?v=dQw4w9WgXcQ

![Toàn cảnh khuôn viên](campus.png)

- [x] Ký biên bản ghi nhớ
- [ ] Trao đổi sinh viên

[^1]: Biên bản có hiệu lực năm năm.
"""
)


@pytest.fixture(scope="session")
def rich_story_url(tmp_path_factory):
    """The tiny site with a story that has a cover, body images with a caption, a footnote,
    a task list and a video: what the rich-stories features add must not cost a point."""
    import shutil

    from conftest import BUILD_DATE, TEMPLATES, TINY
    from pictures import photo, transparent_png
    from vnu_site.__main__ import main

    root = tmp_path_factory.mktemp("rich")
    content = root / "content"
    shutil.copytree(TINY, content)
    (content / "articles" / "rich-story.vi.md").write_text(RICH_STORY, encoding="utf-8")
    folder = content / "articles" / "rich-story"
    folder.mkdir()
    (folder / "signing.jpg").write_bytes(photo(size=(2400, 1600)))
    (folder / "hall.jpg").write_bytes(photo(size=(1800, 1200), orientation=6))
    (folder / "campus.png").write_bytes(transparent_png())
    out = root / "public"
    args = [
        "build",
        "--content",
        content,
        "--templates",
        TEMPLATES,
        "--out",
        out,
        "--build-date",
        BUILD_DATE,
        "--cache-dir",
        root / "cache",
    ]
    assert main([str(a) for a in args]) == 0
    yield from serve(out)

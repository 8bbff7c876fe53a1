"""Lighthouse (npm `lighthouse`, pinned; Debian's Chromium) scores 100 in performance,
accessibility, best practices and SEO on the pages visitors land on most.

Lighthouse is installed once with npm into the user's cache folder (CI installs Node and
npm from Debian, see the README's test command). A page that loses a point fails with the
audits that cost it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"  # Debian's, as the browser suite uses

LIGHTHOUSE = "12.8.2"  # 13.x needs Node 22; Debian's is 20
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@pytest.fixture(scope="session")
def lighthouse() -> Path:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed for the Lighthouse test: apt-get install -y nodejs npm (the README's test command does)")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vnu-site-tests" / f"lighthouse-{LIGHTHOUSE}"
    binary = cache / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        cache.mkdir(parents=True, exist_ok=True)
        command = [npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(cache), f"lighthouse@{LIGHTHOUSE}"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, f"npm could not install lighthouse@{LIGHTHOUSE}:\n{done.stderr[-2000:]}"
    return binary


def scores(lighthouse: Path, url: str, report: Path) -> tuple[dict[str, float], list[str]]:
    """Each category's score, and the audits that cost points (with what Lighthouse says)."""
    command = [
        str(lighthouse),
        url,
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking",
        "--output=json",
        f"--output-path={report}",
    ]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False, env=environment)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(report.read_text(encoding="utf-8"))
    found = {name: category["score"] for name, category in result["categories"].items()}
    lost = []
    for name, category in result["categories"].items():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{name}: {ref['id']} ({audit['score']}) {audit.get('displayValue', '')} {audit.get('title', '')}")
    return found, lost


PAGES = ("home", "partners", "article")

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

    from .conftest import serve

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


def test_lighthouse_scores_100_on_a_story_with_pictures_footnotes_and_a_video(lighthouse, rich_story_url, tmp_path):
    found, lost = scores(lighthouse, f"{rich_story_url}/vi/tin-tuc/le-ky-ket-va-hoi-thao/", tmp_path / "report.json")
    assert found == dict.fromkeys(CATEGORIES, 1), "\n".join(lost)

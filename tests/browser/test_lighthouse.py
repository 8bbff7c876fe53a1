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


def test_lighthouse_scores_100_on_a_story_with_pictures_footnotes_and_a_video(lighthouse, rich_story_url, tmp_path):
    found, lost = scores(lighthouse, f"{rich_story_url}/vi/tin-tuc/le-ky-ket-va-hoi-thao/", tmp_path / "report.json")
    assert found == dict.fromkeys(CATEGORIES, 1), "\n".join(lost)

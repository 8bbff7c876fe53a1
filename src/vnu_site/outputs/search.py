"""Search with Pagefind: the finaliser that indexes the staging folder (what each page gives
the index is pages/search_data.py).

Pagefind makes one index per <html lang>, so a search page only ever finds pages in its
own language.

Pagefind writes its filter and metadata index files out of hash maps in arbitrary order
(Pagefind issue #638 fixed this for the page fragments only); pagefind_stable.py puts them
in a fixed order afterwards, so the whole build, index included, is byte-identical.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from vnu_site.errors import Location, Problem
from vnu_site.io.child_process import run_with_build
from vnu_site.outputs.pagefind_stable import UnknownIndexFormat, stabilise

# How the indexer is run: the `pagefind` wheel's module, in this Python.
PAGEFIND = [sys.executable, "-m", "pagefind"]
# Pagefind's own search interfaces, which search.js does without.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip


def run_pagefind(staging: Path, options) -> list[Problem]:
    """Finaliser: index the staging folder into <staging>/pagefind/; problems abort the swap."""
    if not options.search:
        return []
    command = [*PAGEFIND, "--site", str(staging), "--output-subdir", "pagefind", "--silent"]
    try:
        # Ended with the build, however it ends: it must not write on into a staging folder
        # that the next build is removing (child_process.py).
        result = run_with_build(command, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Problem(Location("search"), f"could not run Pagefind: {exc}")]
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        if "No module named" in output:
            message = "Pagefind is not installed: pip install 'pagefind[bin]', or build with --no-search"
        else:
            message = "Pagefind failed: " + (output.splitlines()[-1] if output else f"exit code {result.returncode}")
        return [Problem(Location("search"), message)]
    bundle = staging / "pagefind"
    if not (bundle / "pagefind.js").is_file():
        return [Problem(Location("search"), "Pagefind wrote no index (no page is marked for search)")]
    # Pagefind also writes its ready-made interfaces (~400 KB); the search page uses its own.
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    try:
        stabilise(bundle)
    except UnknownIndexFormat as exc:
        return [Problem(Location("search"), str(exc))]
    return []

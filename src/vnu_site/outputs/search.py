"""Search with Pagefind: what each page gives the index, and the finaliser that builds it.

Pagefind makes one index per <html lang>, so a search page only ever finds pages in its
own language. It folds tones ('hop tac' finds 'hợp tác') but treats 'đ' as a letter of its
own, so 'dai hoc' would miss 'Đại học'. Each item page therefore carries, in a hidden
element, the words of its text that contain đ written with d; the search page shows titles
and summaries, never that copy.

Pagefind writes its filter and metadata index files out of hash maps in arbitrary order
(Pagefind issue #638 fixed this for the page fragments only); pagefind_stable.py puts them
in a fixed order afterwards, so the whole build, index included, is byte-identical.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

from vnu_site.errors import Location, Problem
from vnu_site.io.child_process import run_with_build
from vnu_site.io.deps import touch
from vnu_site.model import Site
from vnu_site.outputs.pagefind_stable import UnknownIndexFormat, stabilise
from vnu_site.sources import i18n

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")
_FOLD = str.maketrans({"đ": "d", "Đ": "D"})
# How the indexer is run: the `pagefind` wheel's module, in this Python.
PAGEFIND = [sys.executable, "-m", "pagefind"]
# Pagefind's own search interfaces, which search.js does without.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
# Which partners an item is about, for the partner filter.
_PARTNER_FACT = {"article": "partners", "event": "partners", "agreement": "parties"}


def folded_words(*texts: str) -> str:
    """The distinct words containing đ/Đ, with đ written as d, in order of first use."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text):
            if "đ" in word or "Đ" in word:
                seen.setdefault(word.translate(_FOLD), None)
    return " ".join(seen)


def page_data(identity: tuple, lang: str, site: Site, strings) -> dict | None:
    """What an item page gives the index: filters (kind, partners), the metadata its result
    shows, and the folded words. None for pages that are not search results (lists, home)."""
    if identity[0] != "item":
        return None
    item = site.get(identity[1:])
    text = item.texts[lang]
    if item.kind == "partner":
        partners = [item.key]
    else:
        partners = [key for key in item.facts.get(_PARTNER_FACT[item.kind], ()) if lang in _texts(site, key)]
    kind = item.facts.get("kind")
    date = item.date()
    return {
        "kind": item.kind,
        "partners": partners,
        "label": strings.get(lang, f"kind.{item.kind}.{kind}" if kind else f"kind.{item.kind}"),
        "date": i18n.format_day(date, lang) if date else "",
        "summary": text.summary,
    }


def folded_filter(texts) -> str:
    """Jinja filter: folded_words of texts that may hold HTML. Applied while rendering, so
    a page that is not re-rendered never pays for it."""
    return folded_words(*(html.unescape(_TAG.sub(" ", text or "")) for text in texts))


def _texts(site: Site, key: str) -> dict:
    partner = site.find(("partner", key))  # which languages it has: structure, no touch
    return partner.texts if partner is not None else {}


def search_page_data(lang: str, site: Site, strings) -> dict:
    """The search form's choices: kinds, and partners in this language in A–Z order."""
    partners = [p for p in site.by_kind["partner"] if lang in p.texts]
    for partner in partners:
        touch(partner.ref, lang)  # their names are the choices
    partners.sort(key=lambda p: (i18n.collation_key(p.texts[lang].title, lang), p.key))
    return {
        "kinds": [
            {"value": kind, "label": strings.get(lang, f"search.kind.{kind}")} for kind in ("article", "partner", "event", "agreement")
        ],
        "partners": [{"value": p.key, "label": p.texts[lang].title} for p in partners],
    }


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

"""Which items a page was made from, recorded while its content is assembled.

Every way a page reaches an item goes through `Site.get` or `Views` (which call `touch`),
so recording those calls gives the page's dependencies without anyone declaring them.
A page built from the whole site (the translation status) says so with
`touch_everything`. The incremental build keeps each page's set and, after an edit,
assembles again only the pages whose set names an edited item.

Only what a quick build (edits.py) can change must be recorded: an item's texts (title,
slug, summary, body, other per-language fields). Facts, languages and the set of items
never change on that path, so code that reads only those (counts, dates, which pages
exist) need not touch anything.
"""

from __future__ import annotations

import contextlib

EVERYTHING = ("*", "*")  # shaped like a reference, so a set of dependencies stays one type

_recording: list[set] = []


def touch(ref: tuple) -> None:
    if _recording:
        _recording[-1].add(ref)


def touch_everything() -> None:
    if _recording:
        _recording[-1].add(EVERYTHING)


@contextlib.contextmanager
def recording():
    """Collects the references touched inside the block (nested blocks collect their own)."""
    found: set = set()
    _recording.append(found)
    try:
        yield found
    finally:
        _recording.pop()


def affected(dependencies, changed: set) -> bool:
    """Whether a page with these recorded dependencies may show one of the changed items."""
    return dependencies is None or EVERYTHING in dependencies or not changed.isdisjoint(dependencies)

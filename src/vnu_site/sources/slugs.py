"""URL slugs from titles: ASCII, lowercase, hyphens ('Đại học' -> 'dai-hoc').

Here, in the reading stage, because a title's slug is computed once when its file is
read (python-slugify is slow) and heading ids in bodies use the same rule.
"""

from __future__ import annotations

import functools

from slugify import slugify

# "President's" -> "presidents", not "president-s".
_APOSTROPHES = [["'", ""], ["\u2019", ""]]


@functools.lru_cache(maxsize=65536)
def slug_for(text: str) -> str:
    """The URL slug of a title: ASCII, lowercase, hyphens ('Đại học' -> 'dai-hoc')."""
    # backend named: "auto" tries to import unidecode (not installed) on every call.
    return slugify(text, replacements=_APOSTROPHES, backend="text-unidecode")

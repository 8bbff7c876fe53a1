"""URL slugs from titles: ASCII, lowercase, hyphens ('Đại học' -> 'dai-hoc'), and how long
a name that becomes a folder or a file may be.

Here, in the reading stage, because a title's slug is computed once when its file is
read (python-slugify is slow) and heading ids in bodies use the same rule.

The limits. A slug names the folder of its page (`en/news/<slug>/index.html`); an id names
the files of its item (`<id>.vi.md`, `articles/<id>/cover.jpg`). Both are ASCII, so bytes
are characters: 120 is far below the 255 bytes (ext4, XFS, btrfs) or UTF-16 units (NTFS,
APFS) a name may have, and keeps whole paths inside Windows' classic 260 characters:
`en/agreements/<120>/index.html` is 145 characters, 179 in the cache's spare copy of the
site (`.vnu-cache/<16 hex>/spare/...`), which leaves 80 for the folder the site is in.
"""

from __future__ import annotations

import functools
import re

from slugify import slugify

from vnu_site.errors import Location, Problem
from vnu_site.model import Entry

SLUG_LENGTH = 120  # characters of a slug, an id, or one part of an alias
PATH_LENGTH = 160  # characters of a whole site path given by hand (an alias)

# "President's" -> "presidents", not "president-s".
_APOSTROPHES = [["'", ""], ["\u2019", ""]]
# But a one-letter word elided before a vowel is a word of its own (French: "L'Agence" ->
# "l-agence", "qu'on" -> "qu-on"; "O'Brien" -> "o-brien"), not glued to the next one.
_ELISION = re.compile(r"(?<![^\W\d_])([^\W\d_]|[Qq]u)['\u2019](?=[^\W\d_])")


@functools.lru_cache(maxsize=65536)
def slug_for(text: str) -> str:
    """The URL slug of a title: ASCII, lowercase, hyphens ('Đại học' -> 'dai-hoc'), at most
    SLUG_LENGTH characters (a long title loses its last words, never fails the build)."""
    # backend named: "auto" tries to import unidecode (not installed) on every call.
    return shorten(slugify(_ELISION.sub(r"\1 ", text), replacements=_APOSTROPHES, backend="text-unidecode"))


def shorten(slug: str, limit: int = SLUG_LENGTH) -> str:
    """A slug cut to `limit` characters at the last whole word; mid-word only when its
    first word alone is longer."""
    if len(slug) <= limit:
        return slug
    word_end = slug.rfind("-", 0, limit + 1)  # a hyphen right after the limit: the words before it fit
    return slug[:word_end] if word_end > 0 else slug[:limit]


def name_problems(entry: Entry) -> list[Problem]:
    """What in one file would name a folder or file too long for some file system: its id,
    its `slug`, its `aliases`. Slugs made from titles are shortened instead (slug_for)."""
    found = []
    if len(entry.key) > SLUG_LENGTH:
        message = (
            f"the id (the file name before .{entry.lang}.md) is {len(entry.key)} characters long (between 1 and {SLUG_LENGTH} allowed)"
        )
        found.append(Problem(Location(entry.path), message + "; rename the file"))
    slug = entry.values.get("slug", "")
    if len(slug) > SLUG_LENGTH:
        message = f"slug: is {len(slug)} characters long (between 1 and {SLUG_LENGTH} allowed: it names the page's folder)"
        found.append(Problem(Location(entry.path, entry.lines["slug"]), message + "; shorten it"))
    for alias in entry.values.get("aliases", ()):
        longest = max(alias.strip("/").split("/"), key=len)
        if len(longest) > SLUG_LENGTH:
            message = f"has a part of {len(longest)} characters (between 1 and {SLUG_LENGTH} allowed: each part names a folder)"
        elif len(alias) > PATH_LENGTH:
            message = f"is {len(alias)} characters long (between 1 and {PATH_LENGTH} allowed)"
        else:
            continue
        found.append(Problem(Location(entry.path, entry.lines["aliases"]), f"aliases: '{alias[:40]}…' {message}; shorten it"))
    return found

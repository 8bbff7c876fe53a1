"""A settings file (site.yaml, tags.yaml, the theme's strings.yaml) read safely: a link out
of its folder, a named pipe (reading it would wait for ever), a folder or a device in its
place, or a file that cannot be read is one clear problem, never a hang or a traceback."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from vnu_site.errors import Location, Problems, os_reason

if TYPE_CHECKING:
    from vnu_site.sources.frontmatter import Field


def cannot_read(error: OSError) -> str:
    return f"cannot be read ({os_reason(error)})"


def not_a_file(mode: int) -> str:
    """What a path is when it is not a regular file: 'a folder', 'a named pipe'..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def settings_file(
    path: Path, display: str, what: str, problems: Problems, missing: str | None, nested_lines: bool = False
) -> dict[str, Field] | None:
    """The settings file's fields; None when it cannot be used (with an error) or is absent
    (an error only when `missing` says what to tell). nested_lines: each field keeps the
    lines of the values inside it too (Field.line_of)."""
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
        # discover says the same of it (one line once sorted): not read, wherever it leads (/dev/zero...)
        problems.error(Location(display), "is a link to a file outside the content folder; copy the file in instead")
        return None
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            problems.error(Location(display), "is a link to a file that does not exist")
        elif missing:
            problems.error(Location(display), missing)
        return None
    except OSError as error:
        problems.error(Location(display), cannot_read(error))
        return None
    if not stat.S_ISREG(mode):  # reading a named pipe would wait for ever
        problems.error(Location(display), f"is {not_a_file(mode)}, not a file: the {what} must be a YAML file")
        return None
    from vnu_site.sources import frontmatter  # here: the no-change path imports this module but reads nothing

    try:
        return frontmatter.read_settings_file(path, display, what, problems, nested_lines)
    except OSError as error:
        problems.error(Location(display), cannot_read(error))
        return None

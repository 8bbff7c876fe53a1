"""Problems with the input, each tied to the place that caused it.

Every stage reports into a `Problems` collector instead of raising, so one build
shows the editor every mistake at once, sorted by file and line.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    message: str
    severity: str = "error"  # "error" stops the build; "warning" only with --strict

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.location}: {prefix}{self.message}"


@dataclass
class Problems:
    """Collects problems from every stage; the build fails if any error was added."""

    items: list[Problem] = field(default_factory=list)

    def error(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, message, "error"))

    def warning(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, message, "warning"))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        # Paths sort as text, lines as numbers: Location's own ordering does both.
        return sorted(set(self.items))


class BuildFailed(Exception):
    """Raised at a stage boundary when problems were collected; carries them all."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a choice a slip of the keyboard away, or '' when none is.

    Close means a few typed characters wrong (one per four, at least one; case ignored), not
    a similar shape: 'tokyo-universty' is not a misspelt 'korea-university', though the two
    share most of their letters."""
    typed = word.lower()
    allowed = max(1, len(typed) // 4)
    best = None
    for choice in sorted(choices):
        if abs(len(choice) - len(typed)) > allowed:
            continue
        distance = _typing_distance(typed, choice.lower(), allowed)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, choice)
    if best is None:
        best = _same_words_but_one_end(typed, choices)
    return f" (did you mean '{best[1]}'?)" if best else ""


def _same_words_but_one_end(typed: str, choices: Iterable[str]) -> tuple[int, str] | None:
    """The choice that is the typed id with words added or dropped at one end ('about-us'
    for 'about', 'partner-tsinghua' for 'tsinghua'), when only one is the closest such."""
    words = typed.split("-")
    found: dict[int, list[str]] = {}
    for choice in sorted(choices):
        parts = choice.lower().split("-")
        shorter, longer = sorted((words, parts), key=len)
        kept = "".join(shorter)
        if len(shorter) == len(longer) or len(kept) < 3 or not any(c.isalpha() for c in kept):  # a year is no name
            continue
        if longer[: len(shorter)] == shorter or longer[len(longer) - len(shorter) :] == shorter:
            found.setdefault(len(longer) - len(shorter), []).append(choice)
    if not found:
        return None
    closest = found[min(found)]
    return (min(found), closest[0]) if len(closest) == 1 else None


def _typing_distance(a: str, b: str, give_up: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b; stops counting past give_up."""
    before, row = None, list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (char != other))
            if before is not None and j > 1 and char == b[j - 2] and a[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > give_up:
            return give_up + 1
        before, row = row, current
    return row[-1]


def os_reason(error: OSError) -> str:
    """What the system said, as words for a sentence: 'permission denied'."""
    if error.strerror:  # "Permission denied", in the middle of a sentence
        return error.strerror[:1].lower() + error.strerror[1:]
    return str(error) or type(error).__name__


def os_problem(error: OSError, fallback: str) -> Problem:
    """An OS error as one `path: message` problem: the file it names (both, for a rename),
    else `fallback`, the folder the command was working in."""
    names = [Path(os.fsdecode(name)) for name in (error.filename, error.filename2) if isinstance(name, (str, bytes, os.PathLike))]
    in_the_way = _file_in_the_way(names[0]) if names and error.errno in (errno.ENOTDIR, errno.EEXIST) else None
    if in_the_way:  # "not a directory" for a/b/c says less than "a: is a file"
        names, reason = [in_the_way[0]], in_the_way[1]
    else:
        reason = os_reason(error)
    where = " -> ".join(display_path(name, Path.cwd()) for name in names) or fallback
    return Problem(Location("".join(c if c.isprintable() else ascii(c)[1:-1] for c in where)), reason)


def _file_in_the_way(path: Path) -> tuple[Path, str] | None:
    """The nearest of path and its parents that exists, if it is no folder."""
    for candidate in (path, *path.parents):
        try:
            mode = candidate.stat().st_mode
        except OSError:
            continue
        return None if stat.S_ISDIR(mode) else (candidate, "is a file, not a folder" if stat.S_ISREG(mode) else "is not a folder")
    return None


def display_path(path: Path, root: Path) -> str:
    """The path as the editor typed it: relative to where the build was started if possible."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()

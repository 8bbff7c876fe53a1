"""Problems with the input, each tied to the place that caused it.

Every stage reports into a `Problems` collector instead of raising, so one build
shows the editor every mistake at once, sorted by file and line.
"""

from __future__ import annotations

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
    return f" (did you mean '{best[1]}'?)" if best else ""


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


def display_path(path: Path, root: Path) -> str:
    """The path as the editor typed it: relative to where the build was started if possible."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()

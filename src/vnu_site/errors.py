"""Problems with the input, each tied to the place that caused it.

Every stage reports into a `Problems` collector instead of raising, so one build
shows the editor every mistake at once, sorted by file and line.
"""

from __future__ import annotations

import difflib
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


def did_you_mean(word: str, choices) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def display_path(path: Path, root: Path) -> str:
    """The path as the editor typed it: relative to where the build was started if possible."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()

"""How much the commands say: `--quiet`, the default, or `--verbose` (every command takes them).

Quiet prints errors only, and what a command exists to print (`check`'s findings, the
address `serve` serves at): no summaries, hints, notes of what was created, warnings of a
build that succeeded, or progress line. Verbose adds detail: the path a build took, each
stage's time, the files it changed. Errors always print.
"""

from __future__ import annotations

import argparse

QUIET, NORMAL, VERBOSE = 0, 1, 2
CHANGED_SHOWN = 20  # changed files listed by --verbose; the rest are counted


def add_options(command: argparse.ArgumentParser) -> None:
    said = command.add_mutually_exclusive_group()
    said.add_argument(
        "-q",
        "--quiet",
        dest="verbosity",
        action="store_const",
        const=QUIET,
        default=NORMAL,
        help="print only errors (and check's findings)",
    )
    said.add_argument(
        "-v",
        "--verbose",
        dest="verbosity",
        action="store_const",
        const=VERBOSE,
        default=NORMAL,
        help="print more: the path a build takes, each stage's time, the files it changes",
    )


def build_details(result) -> list[str]:
    """What --verbose adds about one build (a pipeline.BuildResult)."""
    lines = ["path: quick (only the edited texts read again)" if result.quick else "path: full (every content file read)"]
    if result.stages:
        width = max(len(name) for name, _seconds in result.stages)
        lines += [f"  {name:<{width}}  {seconds:6.2f} s" for name, seconds in result.stages]
    changed = sorted(result.changed)
    lines.append(f"changed files: {len(changed)}" + (" (and the search index)" if len(changed) < result.written else ""))
    lines += [f"  {file}" for file in changed[:CHANGED_SHOWN]]
    if len(changed) > CHANGED_SHOWN:
        lines.append(f"  … and {len(changed) - CHANGED_SHOWN} more")
    return lines

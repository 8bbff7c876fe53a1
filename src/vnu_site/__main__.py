"""The command line: `vnu-site build …` (and `python build.py …`, which is the same)."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
import time
from pathlib import Path

from vnu_site.editor import verbosity
from vnu_site.editor.cli import add_editor_commands
from vnu_site.errors import BuildFailed, display_path, os_problem
from vnu_site.io.write import FinalizeFailed, OutputRefused, remove_stale_staging
from vnu_site.model import BuildOptions
from vnu_site.version import __version__

INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl+C


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _base_url(text: str) -> str:
    from vnu_site.sources.config import base_url_problem  # here: only when the option is given

    problem = base_url_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(f"{problem}; write it like https://example.org/bulletin/")
    return text


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="vnu-site", description="Build a bilingual (vi/en) news site from Markdown content.")
    main.add_argument("--version", action="version", version=f"vnu-site {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    b = commands.add_parser(
        "build",
        help="build the site into the output folder",
        description="Build the site. The previous output is replaced only if the build succeeds.",
    )
    add_content_options(b)
    b.add_argument("--out", type=Path, default=Path("public"), help="output folder (default: public/)")
    b.add_argument("--base-url", type=_base_url, help="absolute URL the site is served at, e.g. https://example.org/bulletin/")
    b.add_argument("--drafts", action="store_true", help="include drafts and articles dated in the future")
    b.add_argument("--strict", action="store_true", help="treat warnings (e.g. missing translations) as errors")
    b.add_argument("--build-date", type=_date, help="the date taken as today, YYYY-MM-DD (default: today)")
    b.add_argument("--no-search", dest="search", action="store_false", help="do not build the search index")
    b.add_argument("--jobs", type=int, default=0, help="worker processes for a clean build (default: every core)")
    b.add_argument("--clean", action="store_true", help="ignore the incremental-build cache")
    b.add_argument("--cache-dir", type=Path, default=Path(".vnu-cache"), help="incremental-build cache (default: .vnu-cache/)")
    verbosity.add_options(b)
    add_editor_commands(commands)  # new, check, serve, init
    return main


def add_content_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
    command.add_argument("--templates", type=Path, default=Path("templates"), help="templates folder (default: templates/)")


def run_build(args) -> int:
    options = BuildOptions(
        content=args.content,
        templates=args.templates,
        out=args.out,
        base_url=args.base_url,
        drafts=args.drafts,
        strict=args.strict,
        build_date=args.build_date,
        search=args.search,
        jobs=args.jobs,
        clean=args.clean,
        cache_dir=args.cache_dir,
    )
    started = time.perf_counter()
    from vnu_site.incremental.cache import fingerprint_of, input_state

    # Taken before anything is read: an edit made during the build is seen by the next one.
    inputs = input_state(options)
    if unchanged_since_last_build(options, fingerprint_of(inputs), started, args.verbosity):
        return 0
    from vnu_site.io.progress import Progress
    from vnu_site.pipeline import build  # imported only when there is work: it pulls in Jinja, Babel, cmark…

    try:
        with Progress(sys.stderr) as progress:  # a line on a terminal, for builds that take seconds
            result = build(options, inputs, progress if args.verbosity > verbosity.QUIET else None)
    except OutputRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (BuildFailed, FinalizeFailed) as failed:
        report(failed.problems)
        errors = sum(1 for p in failed.problems if p.severity == "error")
        print(f"build failed: {errors} error(s), {len(failed.problems) - errors} warning(s); {args.out} was not changed", file=sys.stderr)
        return 1
    if args.verbosity == verbosity.QUIET:
        return 0
    report(result.warnings)
    if args.verbosity == verbosity.VERBOSE:
        print("\n".join(verbosity.build_details(result)))
    seconds = time.perf_counter() - started
    print(
        f"built {result.pages} pages ({result.files} files, {result.written} changed, {result.unchanged} unchanged) "
        f"into {args.out} in {seconds:.2f} s"
    )
    print(preview_hint(options))
    return 0


def preview_hint(options: BuildOptions) -> str:
    """How to look at what was built: editors should not have to look it up."""
    return f"preview: vnu-site serve --content {options.content} (reloads as you save), or python -m http.server -d {options.out} 8000"


def unchanged_since_last_build(options: BuildOptions, fingerprint: str, started: float, said: int = verbosity.NORMAL) -> bool:
    """The no-change path: inputs and output exactly as the last successful build left them."""
    if options.clean or not options.cache_dir:
        return False
    from vnu_site.incremental.cache import BuildCache, folder_for

    state = BuildCache.unchanged(folder_for(options.cache_dir, options), options, fingerprint)
    if state is None:
        return False
    remove_stale_staging(options.out.resolve())  # a killed build's leftovers go even when nothing changed
    if said == verbosity.QUIET:
        return True
    for warning in state.get("warnings", []):
        print(warning, file=sys.stderr)
    if said == verbosity.VERBOSE:
        print("path: nothing changed (the content, templates, options and output are as the last build left them)")
    seconds = time.perf_counter() - started
    print(
        f"built {state['pages']} pages ({state['files']} files, 0 changed, {state['files']} unchanged) "
        f"into {options.out} in {seconds:.2f} s: nothing changed"
    )
    print(preview_hint(options))
    return True


def report(problems) -> None:
    for problem in sorted(problems):
        print(problem, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "build":
            return run_build(args)
        return args.run(args)  # the editors' commands: see editor_cli.py
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # `vnu-site check | head`: the reader has gone, nothing more to say
        with contextlib.suppress(OSError, ValueError):  # and nothing to say at exit either
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        # A full disk, a read-only or unreadable folder...: one line, no traceback. Without a
        # file name in the error, the folder the command was writing (build) or reading.
        print(os_problem(error, display_path(getattr(args, "out", args.content), Path.cwd())), file=sys.stderr)
        if args.command == "build":
            print(f"build failed: 1 error(s), 0 warning(s); {args.out} was not changed", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""The editors' commands: `new`, `check`, `serve` and `init` (argument parsing and exit codes).

Exit codes: 0 done / clean, 1 problems in the content (or refused), 2 wrong usage.
The work itself is in scaffold, check, serve and init, imported only when a command runs, so
`vnu-site build` starts as fast as before. Every command takes --quiet or --verbose (verbosity.py).
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import time
from collections import Counter
from pathlib import Path

from vnu_site.editor import verbosity
from vnu_site.editor.verbosity import QUIET, VERBOSE
from vnu_site.model import KINDS

_PLAIN = re.compile(r"[\w./:~-]+")  # a path either shell takes without quotes

USAGE = 2


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _content(command: argparse.ArgumentParser, templates: bool = True) -> None:
    command.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
    if templates:
        command.add_argument("--templates", type=Path, default=Path("templates"), help="templates folder (default: templates/)")


def _site_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--drafts", action="store_true", help="include drafts and articles dated in the future")
    command.add_argument("--build-date", type=_date, help="the date taken as today, YYYY-MM-DD (default: today)")


def add_editor_commands(commands) -> None:
    new = commands.add_parser(
        "new",
        help="create a new item: one file per language, the other languages marked for translation",
        description="Create a new article, partner, event, agreement or page in every language of the site. "
        "The file in --lang gets the facts; the others are marked needs_translation. Existing files are never overwritten.",
    )
    new.add_argument("kind", choices=KINDS, help="what to create")
    new.add_argument("title", help="the title, in the language given by --lang")
    new.add_argument("--lang", help="the language the title is written in (default: the site's default language)")
    new.add_argument("--key", help="the item's id (default: made from the title)")
    new.add_argument("--date", type=_date, help="its date, YYYY-MM-DD (default: today)")
    # A new item is always a draft (its text is still to be written); the flag is kept for old scripts.
    new.add_argument("--draft", action="store_true", help=argparse.SUPPRESS)
    _content(new, templates=False)
    verbosity.add_options(new)
    new.set_defaults(run=run_new)

    check = commands.add_parser(
        "check",
        help="check the content without building: errors, missing and stale translations, broken links",
        description="Check everything a build checks, and more, without writing anything. "
        "Exit status: 0 clean (notes and warnings allowed), 1 errors (or warnings with --strict), 2 wrong usage.",
    )
    _content(check)
    _site_options(check)
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="text (default), json, or github annotations")
    check.add_argument(
        "--published", metavar="SITE", help="a built site folder or the site's URL: warn when a published URL changed without an alias"
    )
    check.add_argument(
        "--fix-hash",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="record the original's current version in these translations (default: in every stale one), then check",
    )
    verbosity.add_options(check)
    check.set_defaults(run=run_check)

    serve = commands.add_parser(
        "serve",
        help="preview the site: rebuild on every save and reload the browser",
        description="Build the site, serve it on 127.0.0.1 and rebuild whenever content or templates change; "
        "the open page reloads itself. A content error shows in the terminal and over the page, "
        "and the last good site keeps being served.",
    )
    _content(serve)
    _site_options(serve)
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    serve.add_argument(
        "--cms",
        action="store_true",
        help="also run the browser editor's local proxy (decap-server, with Node.js): edit at /admin/, saves go into the content folder",
    )
    verbosity.add_options(serve)
    serve.set_defaults(run=run_serve)

    init = commands.add_parser(
        "init",
        help="start a new site in an empty folder: content to replace, a theme folder, a publishing workflow",
        description="Create a new site in DIR (which must not exist, or be empty): content/ with settings, tags, an about page, "
        "a fictional partner and an article linking it, in Vietnamese and English, all marked to replace; templates/ to override "
        "the default theme; a GitHub Pages workflow that installs this version of vnu-site; a .gitignore and a README. "
        "It builds and passes `vnu-site check --strict` as it is.",
    )
    init.add_argument("folder", type=Path, metavar="DIR", help="the new site's folder")
    verbosity.add_options(init)
    init.set_defaults(run=run_init)


def _no_content(args) -> bool:
    if args.content.is_dir():
        return False
    print(f"error: content folder {args.content} not found (give it with --content)", file=sys.stderr)
    return True


def run_new(args) -> int:
    if _no_content(args):
        return USAGE
    from vnu_site.editor import scaffold
    from vnu_site.errors import Problems
    from vnu_site.sources import config

    problems = Problems()
    site = config.load(args.content / "site.yaml", (args.content / "site.yaml").as_posix(), problems)
    if site is None:
        for problem in sorted(problems.items):
            print(problem, file=sys.stderr)
        return 1
    try:
        created = scaffold.create(
            args.content,
            args.kind,
            args.title,
            args.lang or site.default_language,
            site.languages,
            site.publisher,
            args.date or datetime.date.today(),
            key=args.key,
            reserved=site.sections.get(args.lang or site.default_language, {}).values() if args.kind == "page" else (),
        )
    except scaffold.ScaffoldRefused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    if args.verbosity == QUIET:
        return 0
    for file in created:
        print(f"created {file.path.as_posix()}" + (" (needs_translation: true)" if file.waiting else ""))
    original = created[0].path.as_posix()
    if args.verbosity == VERBOSE:
        key = created[0].path.name.split(".", 1)[0]
        print(f"id: {key} (a body links to it with [{args.title.strip()}]({args.kind}:{key}))")
    print(f"next: write the text in {original}, remove its `draft: true` line to publish it, then run `{_check_command(args)}`")
    return 0


def _check_command(args) -> str:
    """The check command for the same content folder, ready to paste (POSIX shells and PowerShell)."""
    command = "vnu-site check"
    if Path(args.content) != Path("content"):
        command += f" --content {_shell_path(Path(args.content))}"
    return command


def _shell_path(path: Path) -> str:
    """The path, ready to paste into a POSIX shell or PowerShell."""
    text = path.as_posix()
    return text if _PLAIN.fullmatch(text) else f'"{text}"'


def run_check(args) -> int:
    if _no_content(args):
        return USAGE
    from vnu_site.editor import check
    from vnu_site.model import BuildOptions

    options = BuildOptions(content=args.content, templates=args.templates, drafts=args.drafts, build_date=args.build_date, cache_dir=None)
    if args.fix_hash is not None:
        code = _fix_hashes(args, options)
        if code:
            return code
    started = time.perf_counter()
    findings = check.check(options, args.published)
    sys.stdout.write(check.FORMATS[args.format](findings, summary=args.verbosity != QUIET))
    if args.verbosity == VERBOSE:  # on stderr: the json and github formats stay as they are
        codes = Counter(f.code for f in findings)
        if codes:
            print("by code: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())), file=sys.stderr)
        print(f"checked {args.content.as_posix()} in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    failing = [f for f in findings if f.severity == "error" or (args.strict and f.severity == "warning")]
    return 1 if failing else 0


def _fix_hashes(args, options) -> int:
    from vnu_site import pipeline
    from vnu_site.editor import check
    from vnu_site.errors import BuildFailed, Problems

    try:
        site, _strings = pipeline.load_site(options, Problems())
    except BuildFailed as failed:
        for problem in sorted(set(failed.problems)):
            print(problem, file=sys.stderr)
        print("fix the errors above before recording translation versions", file=sys.stderr)
        return 1
    changed, refused = check.fix_hashes(site, args.fix_hash)
    for path in changed if args.verbosity != QUIET else []:
        print(f"recorded the original's current version in {path}", file=sys.stderr)
    for message in refused:
        print(f"error: {message}", file=sys.stderr)
    return 1 if refused else 0


def run_serve(args) -> int:
    if _no_content(args):
        return USAGE
    from vnu_site.editor import serve

    return serve.serve(
        args.content, args.templates, args.port, drafts=args.drafts, build_date=args.build_date, said=args.verbosity, cms=args.cms
    )


def run_init(args) -> int:
    from vnu_site.editor import init
    from vnu_site.errors import os_problem

    folder = args.folder
    try:
        created = init.create(folder, datetime.date.today())
    except init.InitRefused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    except OSError as error:  # what was written is removed again (init.create)
        print(os_problem(error, folder.as_posix()), file=sys.stderr)
        return 1
    if args.verbosity == QUIET:
        return 0
    if args.verbosity == VERBOSE:
        for path in created:
            print(f"created {(folder / path).as_posix()}")
    print(f"created a new site in {folder.as_posix()} ({len(created)} files): replace the texts marked REPLACE (THAY THẾ)")
    steps = "`vnu-site serve` to preview it as you edit, `vnu-site check`, `vnu-site build` (see README.md)"
    print(f"next: cd {_shell_path(folder)}, then {steps}")
    return 0

"""Pages -> HTML bytes through Jinja (autoescape, StrictUndefined). Nothing touches disk.

A template error names the template, its line and the page that was being rendered.
"""

from __future__ import annotations

import contextlib
import traceback
from typing import Any

import jinja2
import markupsafe

from vnu_site.errors import Location, Problem
from vnu_site.io.theme import DEFAULT_PREFIX, Theme


class _DataEnvironment(jinja2.Environment):
    """Page contexts are plain dicts, so `row.title` looks the key up first. Jinja tries
    an attribute first, and the failed attempt raises inside: on a table of a thousand rows
    that was a third of the rendering time."""

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


# MarkupSafe 3's escape() is Python code around this C function (in MarkupSafe 2, which
# has no such function, escape() is C already).
_escape_inner: Any = getattr(markupsafe, "_escape_inner", None)


def _output_escape(value) -> str:
    """What a template's `{{ }}` writes: the same text as markupsafe.escape, in a third of
    the time for a plain string (nearly every value, 200 of them a page), as it makes no
    Markup object. None is needed: Jinja only joins these pieces, and what it joins from a
    macro, a block or a `set` it marks safe itself (tests/io/test_render.py holds it to that)."""
    if value.__class__ is str:
        return _escape_inner(value)
    return markupsafe.escape(value)


class _Template(jinja2.Template):
    """A template whose `{{ }}` escape through _output_escape. The compiled code takes
    `escape` from its module's globals (shared by its root, blocks and macros), and uses it
    for output only."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        if _escape_inner is not None:
            template.root_render_func.__globals__["escape"] = _output_escape
        return template


class _CompiledInMemory(jinja2.BytecodeCache):
    """Compiled templates, kept for the life of the process (`serve` builds again and again).

    Not on disk: Jinja's file cache holds marshalled Python code that is run when loaded, so
    whoever could write the build cache would run code at the next build. Compiling every
    template a quick build renders costs it about 20 ms (75 ms for all 22 of them)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # checked against the template's source by Jinja

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledInMemory()


def environment(theme: Theme, filters: dict | None = None) -> jinja2.Environment:
    env = _DataEnvironment(
        loader=theme.loader(),
        bytecode_cache=_COMPILED,
        # One build's environment never sees a template change: `serve` makes a new one
        # for each build. Else each of the 12,000 template lookups of a build stats the files.
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.template_class = _Template
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters.update(filters or {})  # the theme's own (pages.search_data.TEMPLATE_FILTERS)
    return env


def compile_theme(env: jinja2.Environment) -> None:
    """Every page template of the theme (the site's and the default's, as the pages name
    them) compiled into env now: called before the page workers fork, so they share the
    compiled templates instead of each compiling them (about 80 ms a worker). A template
    that fails is left for the page that uses it to report."""
    assert env.loader is not None
    for name in env.loader.list_templates():
        if name.endswith(".html") and not name.startswith((DEFAULT_PREFIX, "static/")):
            with contextlib.suppress(Exception):
                env.get_template(name)


def render_page(env: jinja2.Environment, template: str, context: dict, path: str, theme: Theme) -> tuple[bytes | None, Problem | None]:
    """The page's bytes, or the problem with the template file (the site's or the default
    theme's) and line that caused it."""
    try:
        html = env.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as exc:
        shown = theme.display(exc.filename) if exc.filename else theme.source_of(exc.name or template)
        return None, Problem(Location(shown, exc.lineno or 0), f"template syntax error: {exc.message}")
    except jinja2.TemplateNotFound as exc:
        return None, Problem(Location(theme.source_of(template)), f"template '{exc.name}' not found (rendering {path})")
    except Exception as exc:
        name, line = _template_frame(exc, theme.source_of(template), theme)
        message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
        return None, Problem(Location(name, line), f"{message} (rendering {path})")
    return html.encode("utf-8"), None


def _template_frame(exc: BaseException, fallback: str, theme: Theme) -> tuple[str, int]:
    """The innermost template frame of a rendering error: Jinja rewrites tracebacks so
    template frames carry the template's file name and line."""
    found = (fallback, 0)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".html", ".xml", ".txt", ".svg", ".j2")):
            found = (theme.display(frame.filename), frame.lineno or 0)
    return found

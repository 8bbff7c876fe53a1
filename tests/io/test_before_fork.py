"""What is done once before the workers fork: the hook, the frozen collector, the theme
compiled in the parent (io/parallel.py, io/collector.py, io/render.py)."""

from __future__ import annotations

import gc
import multiprocessing
import subprocess
import sys

import jinja2
import pytest

from vnu_site.io import collector, parallel
from vnu_site.io.render import compile_theme, environment
from vnu_site.io.theme import Theme

_prepared: list[str] = []


def _seen(item: int) -> tuple[int, tuple[str, ...]]:
    return item, tuple(_prepared)  # what the worker inherited from before the fork


def _prepare() -> None:
    _prepared.append("ready")


def test_a_few_items_are_not_prepared_for_workers():
    _prepared.clear()
    items = list(range(parallel.MIN_ITEMS - 1))
    assert parallel.ordered_map(_seen, items, jobs=2, before_fork=_prepare) == [(i, ()) for i in items]
    assert list(parallel.ordered_imap(_seen, items, jobs=2, before_fork=_prepare)) == [(i, ()) for i in items]
    assert _prepared == []


# In a process of its own: this one may have threads left by earlier tests, and then
# parallel.py rightly runs the work here instead of forking.
_IN_A_FRESH_PROCESS = """
import sys
from vnu_site.io import parallel
prepared = []
def seen(item):
    return item, tuple(prepared)  # what the worker inherited from before the fork
items = list(range(parallel.MIN_ITEMS))
for mapper in (parallel.ordered_map, lambda *a, **k: list(parallel.ordered_imap(*a, **k))):
    prepared.clear()
    got = mapper(seen, items, jobs=2, before_fork=lambda: prepared.append("ready"))
    assert got == [(i, ("ready",)) for i in items], got[:3]
    assert prepared == ["ready"], prepared
print("forked and prepared once")
"""


@pytest.mark.skipif(sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this system")
def test_the_workers_inherit_what_was_prepared_once():
    result = subprocess.run([sys.executable, "-c", _IN_A_FRESH_PROCESS], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "forked and prepared once\n", "")


def test_the_collector_is_unfrozen_by_the_outermost_holder_only():
    assert gc.get_freeze_count() == 0
    with collector.frozen():
        outer = gc.get_freeze_count()
        assert outer > 0
        with collector.frozen():
            pass
        assert gc.get_freeze_count() >= outer  # the inner end leaves the outer's objects frozen
    assert gc.get_freeze_count() == 0


def test_the_collector_is_unfrozen_after_an_error():
    with pytest.raises(KeyboardInterrupt), collector.frozen():
        raise KeyboardInterrupt
    assert gc.get_freeze_count() == 0


def test_compile_theme_loads_every_page_template_and_skips_broken_ones(tmp_path):
    (tmp_path / "home.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    (tmp_path / "broken.html").write_text("{% if %}", encoding="utf-8")
    env = environment(Theme(tmp_path))
    compile_theme(env)
    loaded = {name for _loader, name in env.cache}  # type: ignore[union-attr]
    assert {"home.html", "broken.html", "base.html"} - loaded == {"broken.html"}
    assert not any(name.startswith("theme/") for name in loaded)  # the default theme's, under its prefix: left alone
    with pytest.raises(jinja2.TemplateSyntaxError):
        env.get_template("broken.html")  # still reported when a page uses it

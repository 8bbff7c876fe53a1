"""The cycle collector kept off what a build holds for its whole length (gc.freeze), or
paused while a stretch of work makes many objects and frees none (gc.disable).

A build makes a million objects (the site, the plan) that live until it ends; every full
collection walks them all while finding nothing to free, and in a forked worker the walk
writes into each object, copying the memory it shares with the parent. Frozen, they are
out of its sight; unfrozen at the end, so `serve`, which builds again and again in one
process, frees them as before: its memory does not grow build after build.
"""

from __future__ import annotations

import contextlib
import gc
import threading

_lock = threading.Lock()
_depth = 0  # nested holders (the build, its worker pools): only the outermost unfreezes


@contextlib.contextmanager
def frozen():
    """Everything made so far is left out of the collector's walks until the outermost
    `frozen` ends; what is made inside is collected as usual."""
    global _depth
    with _lock:
        _depth += 1
        gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()  # collected as before from here on


@contextlib.contextmanager
def paused():
    """The collector off while the block runs (reading a cache, taking an index apart, a
    quick build: many objects made, none to free, so its passes only cost), then back as
    it was: a pause inside a pause leaves it off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

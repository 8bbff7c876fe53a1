"""`vnu-site serve`: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

The site is built through pipeline.build into a temporary folder, so `public/` is left
alone. A failed rebuild changes nothing on disk (the build swaps in a complete site, or
after a quick build writes its few files only once all are made), so the last good site
keeps being served while the problems show in the terminal and over the page.

Between saves the cache and the last good site stay in memory (incremental/session.py):
the watcher says which files changed, so a save of one text reads only that file again
and writes only the pages that changed, and the reload is pushed as soon as they are in
place. bench/serve_latency.py times it, from the save to the reloaded page.

The first build runs before any other thread starts: a build forks its render workers,
and a fork while another thread holds a lock leaves that lock held for ever in the child
(the first build then never ended, about one start in ten). Later builds run with the
watcher and server threads alive, so parallel.py makes them in this process.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

import watchfiles

from vnu_site import pipeline
from vnu_site.editor.cms_proxy import DECAP_SERVER_VERSION, Proxy, ProxyFailed
from vnu_site.editor.preview import LiveState, PreviewServer
from vnu_site.editor.verbosity import NORMAL, QUIET, VERBOSE, build_details
from vnu_site.errors import BuildFailed, os_problem
from vnu_site.incremental.session import Session
from vnu_site.io import collector
from vnu_site.io.write import FinalizeFailed, OutputRefused
from vnu_site.model import BuildOptions

# What the build reads (content, images, templates, static assets): only these rebuild.
# Editors' own short-lived files do not: `sedAbkVpo` (sed -i), vim's `4913`, `.x.swp` and
# `x~`, emacs's `.#x` and `#x#`, `x.tmp`.
BUILD_INPUT_SUFFIXES = frozenset({
    ".md", ".yaml", ".html", ".css", ".js", ".svg", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif",
    ".ico", ".woff", ".woff2", ".ttf", ".otf", ".json", ".txt",  # what templates/static/ may hold
})  # fmt: skip
# The watcher hands changes over once a step (ms) passes with no new one, so an editor's
# burst (a temporary file renamed, vim's 4913) makes one rebuild; a stream of changes (a
# checkout) is cut after DEBOUNCE. A burst cut in two only rebuilds twice: the second build
# reads the finished file, so a half-written one never leaves its error behind.
WATCH_STEP = 10
DEBOUNCE = 400
SERVER_POLL = 0.05  # seconds: how long the HTTP server may take to notice it must stop
STOP_WAIT = 0.2  # seconds stop() waits for a rebuild in progress before leaving it behind


def is_build_input(path: str) -> bool:
    """Whether a change to this file can change the site."""
    name = os.path.basename(path)
    if name.startswith((".", "#")) or name.endswith("~"):
        return False
    return os.path.splitext(name)[1].lower() in BUILD_INPUT_SUFFIXES or os.path.isdir(path)


class Preview:
    """One preview: a server thread and a watcher thread around a temporary site folder."""

    def __init__(
        self,
        content: Path,
        templates: Path,
        port: int = 8000,
        drafts: bool = False,
        build_date: datetime.date | None = None,
        log=None,
        said: int = NORMAL,  # verbosity.QUIET: errors only; VERBOSE: each rebuild's stages too
        cms: bool = False,  # the browser editor's local proxy beside it (editor/cms_proxy.py)
    ):
        self.content = content
        self.said = said
        self.templates = templates
        self.drafts = drafts
        self.build_date = build_date
        self.log = log or (lambda text, error=False: print(text, file=sys.stderr if error else sys.stdout, flush=True))
        self.state = LiveState()
        self.session = Session()  # the cache and the last good site, kept between rebuilds
        self._scratch = Path(tempfile.mkdtemp(prefix="vnu-site-serve-"))
        self.folder = self._scratch / "site"
        try:  # bound now: the URL is known before the first build
            self.server = PreviewServer(port, self.folder, self.state)
        except OSError:
            shutil.rmtree(self._scratch, ignore_errors=True)
            raise
        # Through the proxy the editor saves into the folder that holds the content folder.
        self.proxy = Proxy(content.resolve().parent, self.url, self._scratch / "cms-proxy.log") if cms else None
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._building = threading.Lock()  # one build at a time; stop() does not wait for it
        self._threads: list[threading.Thread] = []
        self._serving = False

    @property
    def url(self) -> str:
        return self.server.url

    def options(self) -> BuildOptions:
        return BuildOptions(
            content=self.content,
            templates=self.templates,
            out=self.folder,
            base_url=self.url,  # links must point at this server, whatever site.yaml says
            drafts=self.drafts,
            build_date=self.build_date,
            search=False,  # indexing takes seconds; the preview is for reading what you wrote
            cache_dir=self._scratch / "cache",  # fast rebuilds for this session, gone with it
            cms_proxy=self.proxy.url if self.proxy else None,
        )

    def rebuild(self) -> bool:
        with self._building:
            if self._stop.is_set():
                return False
            try:
                return self._build()
            finally:
                if self._stop.is_set():  # stopped while building: the folder is ours to remove
                    shutil.rmtree(self._scratch, ignore_errors=True)

    def _say(self, text: str, error: bool = False) -> None:
        if not self._stop.is_set():  # a build left running by stop() says nothing after "stopped"
            self.log(text, error=error)

    def _build(self) -> bool:
        # A quick build runs without the cycle collector (incremental/run.py); turned back on
        # at its end, it walks everything the build still holds (12 ms at 1,000 pairs). Once
        # the reload is pushed, that is gone: the collector runs then, on what is left.
        with collector.paused() if self.session.expects_quick() else contextlib.nullcontext():
            return self._build_and_push()

    def _build_and_push(self) -> bool:
        started = time.perf_counter()
        try:
            result = pipeline.build(self.options(), session=self.session)
        except (BuildFailed, FinalizeFailed) as failed:
            messages = [str(problem) for problem in sorted(set(failed.problems))]
            errors = [m for m, p in zip(messages, sorted(set(failed.problems)), strict=True) if p.severity == "error"] or messages
            self._say("\n".join(messages) + f"\nbuild failed: still serving the last good site at {self.url}", error=True)
            self.state.failed(errors)
            return False
        except OutputRefused as exc:
            self._say(f"error: {exc}", error=True)
            self.state.failed([str(exc)])
            return False
        except OSError as exc:  # an unreadable file, a full disk: one line, as the build says it
            problem = str(os_problem(exc, self.content.as_posix()))
            self._say(f"{problem}\nbuild failed: still serving the last good site at {self.url}", error=True)
            self.state.failed([problem])
            return False
        except Exception as exc:  # a bug must not end the preview: show it and keep serving
            self._say(traceback.format_exc(), error=True)
            self.state.failed([f"internal error: {exc!r} (details in the terminal)"])
            return False
        if self.said != QUIET:
            for warning in result.warnings:
                self._say(str(warning), error=True)
            if self.said == VERBOSE:
                self._say("\n".join(build_details(result)))
            self._say(f"built {result.pages} pages in {time.perf_counter() - started:.2f} s")
        self.state.built()
        return True

    def start(self) -> None:
        from vnu_site.incremental.cache import input_state

        before = input_state(self.options())
        if self.proxy is not None:
            self.proxy.start()  # a process, no thread: the first build may still fork
        self.rebuild()  # no other thread yet: its render workers may fork safely
        watcher = threading.Thread(target=self._watch, name="vnu-site-watch", daemon=True)
        server = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": SERVER_POLL}, name="vnu-site-http", daemon=True
        )
        self._threads = [watcher, server]
        watcher.start()
        self._watching.wait(10)
        if input_state(self.options()) != before:
            self.session.saw(None)  # what changed is not known: the full path
            self.rebuild()  # saved during the first build, before the watcher was looking
        server.start()
        self._serving = True

    def _watch(self) -> None:
        paths = [p for p in (self.content, self.templates) if p.exists()]
        # yield_on_timeout: the first (empty) yield says the watches are in place.
        changing = watchfiles.watch(
            *paths,
            watch_filter=lambda change, path: is_build_input(path),
            stop_event=self._stop,
            debounce=DEBOUNCE,
            step=WATCH_STEP,
            rust_timeout=300,
            yield_on_timeout=True,
            raise_interrupt=False,
        )
        for changes in changing:
            self._watching.set()
            # Files that came and went within the debounce (a temporary file renamed) are left out.
            names = sorted({Path(path).name for change, path in changes if change != watchfiles.Change.added or Path(path).exists()})
            if not names or self._stop.is_set():
                continue
            if self.said != QUIET:
                self._say(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}")
            self.session.saw(self._in_content(path for _change, path in changes))
            self.rebuild()

    def _in_content(self, paths) -> list[str] | None:
        """The changed files as paths relative to the content folder; None if one is not in
        it (a template): the session then takes the full path."""
        content = self.content.resolve()
        found = []
        for path in paths:
            try:
                found.append(Path(path).resolve().relative_to(content).as_posix())
            except ValueError:
                return None
        return found

    def stop(self) -> None:
        """Stops at once: a rebuild in progress is left to finish on its own (its thread is
        a daemon) and removes the temporary folder when it ends."""
        self._stop.set()
        if self.proxy is not None:
            self.proxy.stop()
        self.state.close()
        if self._serving:  # shutdown() waits for serve_forever: for ever if start() never got there
            self.server.shutdown()  # within SERVER_POLL
        self.server.server_close()
        if not self._building.acquire(timeout=STOP_WAIT):
            return  # the watcher is building: it removes the folder when that ends
        shutil.rmtree(self._scratch, ignore_errors=True)
        self._building.release()
        for thread in self._threads:
            thread.join(timeout=0.2)  # the watcher sees the stop within its step (50 ms)


def serve(
    content: Path,
    templates: Path,
    port: int,
    drafts: bool = False,
    build_date: datetime.date | None = None,
    said: int = NORMAL,
    cms: bool = False,
) -> int:
    if cms and not editor_on(content):
        print("error: --cms: the browser editor is off; add `editor: true` to site.yaml (see docs/content-format.md)", file=sys.stderr)
        return 1
    try:
        preview = Preview(content, templates, port, drafts, build_date, said=said, cms=cms)
    except OSError as exc:
        print(f"error: cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}; try another --port", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a service manager: clean up too
    try:
        try:
            preview.start()  # Ctrl+C during the first build stops cleanly too
        except ProxyFailed as failed:
            print(f"error: {failed}", file=sys.stderr)
            return 1
        print(f"serving {preview.url}  (watching {content} and {templates}; Ctrl+C to stop)", flush=True)
        if preview.proxy is not None:
            print(f"editor: {preview.url}admin/  (saves into {content} through decap-server {DECAP_SERVER_VERSION})", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        if said != QUIET:
            print("stopped")
    finally:
        preview.stop()
    return 0


def editor_on(content: Path) -> bool:
    """Whether site.yaml turns the browser editor on; True when site.yaml cannot be read
    (the build then says what is wrong with it)."""
    from vnu_site.errors import Problems
    from vnu_site.sources import config

    loaded = config.load(content / "site.yaml", "site.yaml", Problems())
    return loaded is None or loaded.editor is not None

"""`vnu-site serve`: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

The site is built through pipeline.build into a temporary folder, so `public/` is left
alone. A failed rebuild changes nothing on disk (the build only swaps in a complete
site), so the last good site keeps being served while the problems show in the terminal
and over the page.
"""

from __future__ import annotations

import datetime
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

import watchfiles

from . import pipeline
from .config import BuildOptions
from .errors import BuildFailed
from .preview import LiveState, PreviewServer
from .write import FinalizeFailed, OutputRefused


class Preview:
    """One preview: a server thread and a watcher thread around a temporary site folder."""

    def __init__(self, content: Path, templates: Path, port: int = 8000, drafts: bool = False,
                 build_date: datetime.date | None = None, log=None):
        self.content = content
        self.templates = templates
        self.drafts = drafts
        self.build_date = build_date
        self.log = log or (lambda text, error=False: print(text, file=sys.stderr if error else sys.stdout, flush=True))
        self.state = LiveState()
        self._scratch = Path(tempfile.mkdtemp(prefix="vnu-site-serve-"))
        self.folder = self._scratch / "site"
        try:  # bound now: the URL is known before the first build
            self.server = PreviewServer(port, self.folder, self.state)
        except OSError:
            shutil.rmtree(self._scratch, ignore_errors=True)
            raise
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._threads: list[threading.Thread] = []

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
        )

    def rebuild(self) -> bool:
        started = time.perf_counter()
        try:
            result = pipeline.build(self.options())
        except (BuildFailed, FinalizeFailed) as failed:
            messages = [str(problem) for problem in sorted(set(failed.problems))]
            errors = [m for m, p in zip(messages, sorted(set(failed.problems)), strict=True) if p.severity == "error"] or messages
            self.log("\n".join(messages) + f"\nbuild failed: still serving the last good site at {self.url}", error=True)
            self.state.failed(errors)
            return False
        except OutputRefused as exc:
            self.log(f"error: {exc}", error=True)
            self.state.failed([str(exc)])
            return False
        except Exception as exc:  # a bug must not end the preview: show it and keep serving
            self.log(traceback.format_exc(), error=True)
            self.state.failed([f"internal error: {exc!r} (details in the terminal)"])
            return False
        for warning in result.warnings:
            self.log(str(warning), error=True)
        self.log(f"built {result.pages} pages in {time.perf_counter() - started:.2f} s")
        self.state.built()
        return True

    def start(self) -> None:
        watcher = threading.Thread(target=self._watch, name="vnu-site-watch", daemon=True)
        server = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2}, name="vnu-site-http", daemon=True)
        self._threads = [watcher, server]
        watcher.start()
        self._watching.wait(10)  # a save during the first build is then seen, and built next
        self.rebuild()
        server.start()

    def _watch(self) -> None:
        paths = [p for p in (self.content, self.templates) if p.exists()]
        # yield_on_timeout: the first (empty) yield says the watches are in place.
        changing = watchfiles.watch(
            *paths, stop_event=self._stop, debounce=400, step=50, rust_timeout=300, yield_on_timeout=True, raise_interrupt=False
        )
        for changes in changing:
            self._watching.set()
            if not changes:
                continue
            names = sorted({Path(path).name for change, path in changes if change != watchfiles.Change.added or Path(path).exists()})
            self.log(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}")  # editors' short-lived temp files left out
            self.rebuild()

    def stop(self) -> None:
        self._stop.set()
        self.state.close()
        self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        shutil.rmtree(self._scratch, ignore_errors=True)


def serve(content: Path, templates: Path, port: int, drafts: bool = False, build_date: datetime.date | None = None) -> int:
    try:
        preview = Preview(content, templates, port, drafts, build_date)
    except OSError as exc:
        print(f"error: cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}; try another --port", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a service manager: clean up too
    preview.start()
    print(f"serving {preview.url}  (watching {content} and {templates}; Ctrl+C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopped")
    finally:
        preview.stop()
    return 0

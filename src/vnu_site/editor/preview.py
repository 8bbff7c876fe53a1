"""The preview server behind `vnu-site serve`: static files from the served folder, with a
small live-reload script added to every HTML page it sends (never to the built files; not to
the browser editor's /admin/).

The script listens to /__vnu-site/events (Server-Sent Events). After each rebuild the
server sends the site's version and the last build's problems: a new version reloads the
page, problems show as an overlay over the last good page.

Only requests addressed to this machine by name are answered (Host: localhost,
127.0.0.1 or [::1], with any port): a web page elsewhere can make a browser's DNS point
its own name at 127.0.0.1 ("DNS rebinding") and then read the preview, drafts included,
as its own. Those requests get 421 and one line saying where the preview is.
"""

from __future__ import annotations

import http.server
import json
import re
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

EVENTS = "/__vnu-site/events"
LOCAL_HOST = re.compile(r"(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?", re.IGNORECASE)
OVERLAY_ID = "vnu-site-errors"
# The browser editor's page (outputs/cms.py) is sent as built: reloaded on every rebuild, it
# would lose what the editor is typing (each save rebuilds), and its policy allows no inline script.
ADMIN = "/admin/"
KEEPALIVE = 10  # seconds between comments on an idle event stream; a closed tab is noticed then

_SCRIPT = """<script>
(function () {
  var loaded = %(version)d;
  var box = null;
  function show(errors) {
    if (!box) {
      box = document.createElement("div");
      box.id = "%(overlay)s";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
        "background:rgba(40,0,0,.94);color:#fff;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = %(heading)s + "\\n\\n" + errors.join("\\n");
  }
  var source = new EventSource("%(events)s");
  source.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (state.errors.length) { show(state.errors); return; }
    if (state.version !== loaded) { location.reload(); return; }
    if (box) { box.remove(); box = null; }
  };
})();
</script>
"""
_HEADING = "vnu-site: this change could not be built. The page shows the last version that built."
_NOTHING_YET = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>vnu-site</title></head><body><p>No site yet.</p></body></html>"


class LiveState:
    """The served site's version and the last build's problems; event streams wait on it."""

    def __init__(self):
        self._changed = threading.Condition()
        self.version = 0  # goes up with every successful build
        self.errors: list[str] = []
        self.closed = False
        self._generation = 0  # goes up with every build, good or bad

    def built(self) -> None:
        with self._changed:
            self.version += 1
            self.errors = []
            self._generation += 1
            self._changed.notify_all()

    def failed(self, errors: list[str]) -> None:
        with self._changed:
            self.errors = list(errors)
            self._generation += 1
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, dict | None]:
        """Block until a build after generation `seen` (or timeout); (generation, state or None)."""
        with self._changed:
            self._changed.wait_for(lambda: self._generation != seen or self.closed, timeout)
            if self._generation == seen:
                return seen, None
            return self._generation, {"version": self.version, "errors": self.errors}


def with_live_script(html: bytes, version: int) -> bytes:
    script = _SCRIPT % {"version": version, "overlay": OVERLAY_ID, "events": EVENTS, "heading": json.dumps(_HEADING)}
    data = script.encode("utf-8")
    at = html.rfind(b"</body>")
    return html[:at] + data + html[at:] if at >= 0 else html + data


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # open event streams must not keep the process alive

    def __init__(self, port: int, folder: Path, state: LiveState):
        self.folder = folder
        self.state = state
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def handle_error(self, request, client_address) -> None:
        """A tab closed or reloaded while a file was being sent (the live reload does that
        on every save) is no error: nothing to print. Anything else is said as before."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: PreviewServer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(args[2].folder), **kwargs)

    def log_message(self, format, *args) -> None:  # the terminal is for build messages
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload must fetch the new files
        super().end_headers()

    def do_HEAD(self) -> None:
        if self._addressed_here():
            super().do_HEAD()

    def do_GET(self) -> None:
        if not self._addressed_here():
            return
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS:
            self._events()
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir() and path.endswith("/"):
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file() and path.startswith(ADMIN):
            self._html(target.read_bytes(), 200, live=False)
        elif target.suffix == ".html" and target.is_file():
            self._html(target.read_bytes(), 200)
        elif not self.server.folder.is_dir():
            self._html(_NOTHING_YET.encode("utf-8"), 503)
        elif not target.exists() and (self.server.folder / "404.html").is_file():
            self._html((self.server.folder / "404.html").read_bytes(), 404)
        else:
            super().do_GET()

    def _addressed_here(self) -> bool:
        """Whether the request names this machine (see the module's docstring); if not, it
        is answered with 421 here."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) == 1 and LOCAL_HOST.fullmatch(hosts[0].strip()):
            return True
        body = f"vnu-site serve answers only to localhost: open {self.server.url}\n".encode()
        self.send_response(421, "Misdirected Request")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return False

    def _html(self, html: bytes, code: int, live: bool = True) -> None:
        body = with_live_script(html, self.server.state.version) if live else html
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        state = self.server.state
        seen = -1  # send the current state at once
        try:
            while not state.closed:
                seen, current = state.wait(seen, KEEPALIVE)
                message = f"data: {json.dumps(current)}\n\n" if current else ": keep-alive\n\n"
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded

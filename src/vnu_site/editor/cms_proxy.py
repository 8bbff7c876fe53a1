"""`vnu-site serve --cms`: the browser editor's local proxy (decap-server) beside the preview,
so an editor edits in the browser (/admin/) and sees the site rebuild as each save lands in
the content folder.

decap-server is installed once with npm, at a pinned version, into the user's cache folder
(`~/.cache/vnu-site/decap-server-VERSION`), and run with Node itself rather than through npx:
one process, tied to `serve` by io/child_process, so it ends when the preview ends, however
that ends. It has no sign-in (whoever reaches it can write the content folder), so it listens
on 127.0.0.1 only, on a free port, and answers only pages of the preview's own address. It
writes files as they are (its `fs` mode): no commits; those are made with git as usual.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from vnu_site.io.child_process import Tied, start

DECAP_SERVER_VERSION = "3.11.3"
READY_WAIT = 20.0  # seconds for the proxy to answer after it starts
INSTALL_WAIT = 300.0  # seconds for npm's first install (a download of ~2 MB)
NEEDS_NODE = (
    "`vnu-site serve --cms` runs the editor's local proxy (decap-server), which needs Node.js and npm: "
    "install them (Debian, Ubuntu: apt-get install nodejs npm; elsewhere: https://nodejs.org), "
    "or run `vnu-site serve` without --cms"
)


class ProxyFailed(Exception):
    """The proxy could not be installed or started; the message says why, for the editor."""


def cache_folder() -> Path:
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "vnu-site"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vnu-site"


def installed(folder: Path | None = None) -> Path:
    """decap-server's script, installed with npm into `folder` (default: the cache) first if needed."""
    folder = folder or cache_folder() / f"decap-server-{DECAP_SERVER_VERSION}"
    script = folder / "node_modules" / "decap-server" / "dist" / "index.js"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise ProxyFailed(NEEDS_NODE)
    folder.mkdir(parents=True, exist_ok=True)
    package = f"decap-server@{DECAP_SERVER_VERSION}"
    command = [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(folder), package]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=INSTALL_WAIT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProxyFailed(f"npm could not install decap-server {DECAP_SERVER_VERSION}: {exc}") from None
    if done.returncode != 0 or not script.is_file():
        said = (done.stderr or done.stdout).strip().splitlines()
        raise ProxyFailed(f"npm could not install decap-server {DECAP_SERVER_VERSION}: {said[-1] if said else done.returncode}")
    return script


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Proxy:
    """decap-server serving `root` (the folder that holds the content folder) to `origin`."""

    def __init__(self, root: Path, origin: str, log_file: Path):
        self.root = root
        self.origin = origin.rstrip("/")
        self.log_file = log_file
        self.port = free_port()
        self.process: Tied | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def start(self, script: Path | None = None) -> None:
        script = script or installed()
        node = shutil.which("node")
        if node is None:
            raise ProxyFailed(NEEDS_NODE)
        env = {
            **os.environ,
            "PORT": str(self.port),
            "BIND_HOST": "127.0.0.1",  # by default it listens on every address
            "ORIGIN": self.origin,  # by default any page on localhost may write through it
            "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(self.root),
            "LOG_LEVEL": "warn",
        }
        with self.log_file.open("ab") as log:
            self.process = start([node, str(script)], env=env, log=log)
        self._wait()

    def _wait(self) -> None:
        question = json.dumps({"action": "info"}).encode()
        request = urllib.request.Request(self.url, data=question, headers={"Content-Type": "application/json"})
        deadline = time.monotonic() + READY_WAIT
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.child.poll() is not None:
                raise ProxyFailed(f"decap-server stopped at once:\n{self._log_tail()}")
            try:
                with urllib.request.urlopen(request, timeout=1) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.stop()
        raise ProxyFailed(f"decap-server did not answer on {self.url} within {READY_WAIT:.0f} s:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-10:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is not None:
            self.process.end()
            self.process = None

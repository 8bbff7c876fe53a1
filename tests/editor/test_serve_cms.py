"""`vnu-site serve --cms`: the browser editor's local proxy (editor/cms_proxy.py) beside the
preview. It refuses to start for a site whose editor is off, says what to install when Node
is missing, listens on 127.0.0.1 for the preview's own pages only, and ends with the preview.
The editor itself, in Chromium, is tests/browser/test_cms.py."""

from __future__ import annotations

import datetime
import json
import socket
import urllib.request

import npm_packages
from conftest import TEMPLATES
from vnu_site.editor import cms_proxy
from vnu_site.editor.preview import EVENTS
from vnu_site.editor.serve import Preview


def test_refused_when_the_editor_is_off(run, tiny):
    code, _, err = run("serve", "--content", tiny, "--templates", TEMPLATES, "--port", "0", "--cms")
    assert code == 1
    assert "error: --cms: the browser editor is off; add `editor: true` to site.yaml" in err


def test_says_what_to_install_without_node(run, tiny, tmp_path, monkeypatch):
    (tiny / "site.yaml").write_text((tiny / "site.yaml").read_text(encoding="utf-8") + "editor: true\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # nothing installed there
    monkeypatch.setattr(cms_proxy.shutil, "which", lambda name: None)
    code, _, err = run("serve", "--content", tiny, "--templates", TEMPLATES, "--port", "0", "--cms")
    assert code == 1
    assert err.strip() == f"error: {cms_proxy.NEEDS_NODE}"


def test_the_editor_s_page_is_served_as_built(tiny):
    """No live-reload script on /admin/: a reload on every rebuild (every save) would lose
    what the editor is typing, and the page's policy allows no inline script."""
    (tiny / "site.yaml").write_text(
        (tiny / "site.yaml").read_text(encoding="utf-8") + "editor: {backend: github, repo: a/b}\n", encoding="utf-8"
    )
    preview = Preview(tiny, TEMPLATES, port=0, build_date=datetime.date(2025, 6, 1), log=lambda text, error=False: None)
    preview.start()
    try:
        with urllib.request.urlopen(preview.url + "admin/", timeout=10) as answer:
            admin = answer.read()
        with urllib.request.urlopen(preview.url, timeout=10) as answer:
            home = answer.read()
    finally:
        preview.stop()
    assert EVENTS.encode() not in admin and b"<title>" in admin
    assert EVENTS.encode() in home


def test_the_proxy_answers_the_preview_only_and_ends_with_it(tmp_path):
    script = npm_packages.decap_server()
    (tmp_path / "content").mkdir()
    proxy = cms_proxy.Proxy(tmp_path, "http://127.0.0.1:8000/", tmp_path / "proxy.log")
    proxy.start(script)
    try:
        ask = json.dumps({"action": "info"}).encode()
        for origin, allowed in (("http://127.0.0.1:8000", True), ("http://localhost:5173", False)):
            request = urllib.request.Request(proxy.url, data=ask, headers={"Content-Type": "application/json", "Origin": origin})
            with urllib.request.urlopen(request, timeout=10) as answer:
                assert json.load(answer)["type"] == "local_fs"
                assert (answer.headers.get("Access-Control-Allow-Origin") == origin) is allowed, origin
        assert _answers("127.0.0.1", proxy.port)
        own = _own_address()
        assert own == "127.0.0.1" or not _answers(own, proxy.port), "the proxy must listen on 127.0.0.1 only"
        child = proxy.process.child
    finally:
        proxy.stop()
    assert child.poll() is not None
    assert not _answers("127.0.0.1", proxy.port)


def _own_address() -> str:
    """This machine's address on its network (not the loopback), or the loopback if none."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent for a UDP connect
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False

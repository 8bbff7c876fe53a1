"""`serve` answers only requests addressed to this machine by name (issue 13, class 11): a
page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) must not be able to
read the preview, drafts included. Requests are sent raw, with a forged Host header."""

from __future__ import annotations

import datetime
import shutil
import socket

import pytest

from conftest import TEMPLATES, TINY
from vnu_site.editor.preview import EVENTS
from vnu_site.editor.serve import Preview

PAGE = "/vi/"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    content = tmp_path_factory.mktemp("serve-host") / "content"
    shutil.copytree(TINY, content)
    running = Preview(content, TEMPLATES, port=0, build_date=datetime.date(2025, 6, 1), log=lambda text, error=False: None)
    running.start()
    yield running
    running.stop()


def raw(preview, *headers: str, method: str = "GET", path: str = PAGE) -> tuple[int, bytes]:
    """(status, body) of a request with exactly these header lines."""
    port = preview.server.server_address[1]
    request = "\r\n".join([f"{method} {path} HTTP/1.1", *headers, "Connection: close", "", ""]).encode("latin-1")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def refusal(preview) -> bytes:
    return f"vnu-site serve answers only to localhost: open {preview.url}\n".encode()


ACCEPTED = ["localhost", "localhost:{port}", "127.0.0.1", "127.0.0.1:{port}", "[::1]", "[::1]:{port}", "LocalHost:{port}"]


@pytest.mark.parametrize("host", ACCEPTED)
def test_local_names_are_served(preview, host):
    status, body = raw(preview, "Host: " + host.format(port=preview.server.server_address[1]))
    assert status == 200
    assert b"<html" in body


REFUSED = [
    "evil.example",
    "evil.example:{port}",
    "127.0.0.1.nip.io:{port}",
    "localhost.evil.example:{port}",
    "evil.example.localhost:{port}",
    "127.0.0.2:{port}",
    "0.0.0.0:{port}",
    "[::ffff:127.0.0.1]:{port}",
    "localhost:{port}@evil.example",
    "localhost:{port} evil.example",
    "localhost:{port}.",
    "",
]


@pytest.mark.parametrize("host", REFUSED, ids=[host or "empty" for host in REFUSED])
def test_other_names_are_refused(preview, host):
    status, body = raw(preview, "Host: " + host.format(port=preview.server.server_address[1]))
    assert (status, body) == (421, refusal(preview))


def test_no_host_or_two_hosts_are_refused(preview):
    port = preview.server.server_address[1]
    assert raw(preview) == (421, refusal(preview))
    assert raw(preview, f"Host: localhost:{port}", "Host: evil.example") == (421, refusal(preview))


@pytest.mark.parametrize("path", [PAGE, "/assets/favicon.svg", "/no-such-page/", EVENTS])
def test_every_path_is_refused_to_another_name(preview, path):
    """The live-reload stream and the 404 page too: nothing is read under a foreign name."""
    assert raw(preview, "Host: evil.example", path=path) == (421, refusal(preview))


def test_head_requests_are_refused_without_a_body(preview):
    assert raw(preview, "Host: evil.example", method="HEAD") == (421, b"")
    assert raw(preview, "Host: localhost", method="HEAD")[0] == 200

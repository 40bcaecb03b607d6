"""What one visitor can hold on the public server, driven on 127.0.0.1 with bounded loops
(issue 16, points 4 and 5): a per-visitor kernel cap (by the address HAProxy forwards), idle
kernels culled although a websocket holds them, half-sent requests dropped, big bodies refused;
meanwhile another visitor still gets a page.

The server is the project's own (voila.json), with small limits so that the tests are quick.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import websocket
from browser_support import answers, free_port, stop, wait_until_ready

from spineedu.dashboard import REPO, server_environment, voila_command

LESSON = "/voila/render/00_start_here.ipynb"
PER_VISITOR = 2
MAX_KERNELS = 6
CONNECTED_IDLE_SECONDS = 4
KERNEL_ID = re.compile(r'kernelId&#34;: &#34;([0-9a-f-]{36})|"kernelId": "([0-9a-f-]{36})"')


@dataclass
class Server:
    url: str
    port: int
    log: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    port = free_port()
    log = tmp_path_factory.mktemp("limits") / "voila.log"
    command = voila_command(port, open_browser=False, extra=[
        f"--SpineEduVoila.max_kernels_per_visitor={PER_VISITOR}",
        f"--SpineEduVoila.max_kernels={MAX_KERNELS}", "--SpineEduVoila.preheat=0",
        f"--GracefulCullingKernelManager.cull_connected_idle_timeout={CONNECTED_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=1"])
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=REPO, env=server_environment(),
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until_ready(answers(f"http://127.0.0.1:{port}/voila/static/voila.js"), process,
                         log, "Voilà")
        yield Server(f"http://127.0.0.1:{port}", port, log)
    finally:
        stop(process)


def render(server: Server, forwarded_for: str) -> tuple[int, dict, str]:
    """A lesson asked for by a visitor HAProxy saw at `forwarded_for`."""
    request = urllib.request.Request(server.url + LESSON,
                                     headers={"X-Forwarded-For": forwarded_for})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def kernel_id(page: str) -> str:
    found = KERNEL_ID.search(page)
    assert found, "no kernel id in the page"
    return found[1] or found[2]


def test_one_visitor_is_capped_while_another_still_gets_a_page(server):
    # what the visitor claims comes first; HAProxy appends what it saw: that one counts
    pages = [render(server, f"6.6.6.{n}, 10.0.0.1") for n in range(PER_VISITOR)]
    assert [status for status, _, _ in pages] == [200] * PER_VISITOR
    status, headers, body = render(server, "7.7.7.7, 10.0.0.1")
    assert status == 503 and headers["Retry-After"] == "60"
    assert "SpineEdu is busy" in body
    assert render(server, "10.0.0.2")[0] == 200  # another address is served


def test_kernels_held_by_idle_websockets_are_culled_and_free_the_server(server):
    """MAX_KERNELS held sockets filled the server for good: every visitor got 503."""
    sockets, deadline = [], time.monotonic() + 90
    try:
        for n in range(MAX_KERNELS):
            status, _, page = render(server, f"10.1.0.{n}")
            if status == 503:  # the previous test's kernels count against the cap
                break
            sockets.append(websocket.create_connection(
                f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id(page)}/channels",
                timeout=10))
        assert render(server, "10.2.0.1")[0] == 503  # full
        while render(server, "10.2.0.1")[0] != 200:
            assert time.monotonic() < deadline, "held kernels are never culled"
            time.sleep(1)
    finally:
        for held in sockets:
            held.close()
    assert "connected but idle" in server.log.read_text()


def test_half_sent_requests_are_dropped_and_a_fresh_visitor_still_gets_a_page(server):
    slow = []
    for _ in range(50):
        connection = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        slow.append(connection)
    try:
        with urllib.request.urlopen(server.url + "/", timeout=10) as response:
            assert response.status == 200
        started = time.monotonic()
        for connection in slow:
            connection.settimeout(max(0.1, 40 - (time.monotonic() - started)))
            assert connection.recv(1024) == b"", "answered a half-sent request"  # closed
        assert time.monotonic() - started < 30
    finally:
        for connection in slow:
            connection.close()


def test_a_big_body_is_refused_before_it_is_read(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           b"Content-Length: 94371840\r\n\r\n" + b"x" * 65536)
        started = time.monotonic()
        try:
            answer = connection.recv(1024)
        except ConnectionResetError:
            answer = b""
        assert not answer.startswith(b"HTTP/1.1 2"), answer
        assert time.monotonic() - started < 5  # at once: the 90 MB are never waited for
    with urllib.request.urlopen(server.url + "/", timeout=10) as response:
        assert response.status == 200


def test_a_huge_header_is_refused(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + b"x" * 40_000
                           + b"\r\n\r\n")
        try:
            answer = connection.recv(1024)
        except ConnectionResetError:
            answer = b""
        assert not answer.startswith(b"HTTP/1.1 2"), answer
    with urllib.request.urlopen(server.url + "/", timeout=10) as response:
        assert response.status == 200

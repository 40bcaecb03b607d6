"""Many visitors at once: N simultaneous GETs of the treatment explorer over loopback, each
making the server start (or hand out) a kernel and run the notebook, for SpineEdu's server
(`spineedu serve`: first-come-first-served admission, one explorer kernel preheated) and for
plain Voilà on the same notebooks (no voila.json, so no pool and no admission).

Prints, per server and N: the first visitor's wait, p50, p95 and max, errors, and the memory of
the kernels (USS) right after; then the memory after the cull window. Goals (issue 9): with 40 at
once the median wait at most half of plain Voilà's, the first visitor under 3 s, no error.
Run: `make bench` or `.venv/bin/python bench/load.py [N ...]` (default 1 10 25 40 50).
"""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browser_support import free_port  # noqa: E402

from spineedu.dashboard import (  # noqa: E402
    EXPLORER,
    NOTEBOOKS,
    server_environment,
    voila_command,
)

CULL_SECONDS = 10  # short cull window for the last figure; voila.json keeps 300 s
CULL = [f"--MappingKernelManager.cull_idle_timeout={CULL_SECONDS}",
        "--MappingKernelManager.cull_interval=2"]
REQUEST_TIMEOUT = 300  # bounded: a visitor who waits longer counts as an error


def start(kind: str, port: int, log: Path) -> subprocess.Popen:
    if kind == "spineedu":
        command = voila_command(port, open_browser=False,
                                extra=[*CULL, "--SpineEduVoila.max_kernels=200",
                                       # every simulated visitor comes from 127.0.0.1
                                       "--SpineEduVoila.max_kernels_per_visitor=0"])
        cwd = REPO  # as `spineedu serve` runs it, with voila.json
    else:  # plain Voilà: run from elsewhere so that it does not read the project's voila.json
        command = [sys.executable, "-m", "voila", str(NOTEBOOKS), f"--port={port}",
                   "--no-browser", *CULL]
        cwd = log.parent
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=cwd, env=server_environment(), stdout=output,
                                   stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"{kind} did not start:\n{log.read_text()}")
            time.sleep(0.3)
    time.sleep(8)  # the preheated explorer kernel (SpineEdu) has run its notebook
    return process


def kernels_mb(process: subprocess.Popen) -> tuple[int, float]:
    count, total = 0, 0.0
    for child in psutil.Process(process.pid).children(recursive=True):
        with contextlib.suppress(psutil.Error):  # a kernel may just have been culled
            if "ipykernel" in " ".join(child.cmdline()):
                total += child.memory_full_info().uss / 2**20
                count += 1
    return count, total


def visit_all(url: str | list[str], visitors: int) -> tuple[list[float], int]:
    """N visitors at once, each getting `url` (or every one of a list, in turn: a static
    site's files); each visitor's wait, sorted, and the number who got an error."""
    urls = [url] if isinstance(url, str) else url
    waits: list[float] = []
    errors = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(visitors)

    def visitor() -> None:
        barrier.wait()
        started = time.perf_counter()
        ok = True
        for each in urls:
            try:
                with urllib.request.urlopen(each, timeout=REQUEST_TIMEOUT) as response:
                    body = response.read()
                    ok = ok and response.status == 200 and (
                        not each.endswith(".ipynb") or b"</html>" in body)
            except (OSError, urllib.error.HTTPError):
                ok = False
        with lock:
            if ok:
                waits.append(time.perf_counter() - started)
            else:
                errors[0] += 1

    threads = [threading.Thread(target=visitor) for _ in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(waits), errors[0]


def percentile(values: list[float], fraction: float) -> float:
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:]] or [1, 10, 25, 40, 50]
    rows, after_cull = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("spineedu", "plain Voilà"):
            for index, visitors in enumerate(sizes):
                port = free_port()
                server = start(kind, port, Path(tmp) / f"{kind}-{visitors}.log")
                try:
                    url = f"http://127.0.0.1:{port}/voila/render/{EXPLORER}"
                    waits, errors = visit_all(url, visitors)
                    count, memory = kernels_mb(server)
                    rows.append((kind, visitors, waits, errors, count, memory))
                    print(f"  measured {kind}, N={visitors}: median "
                          f"{statistics.median(waits) if waits else float('nan'):.2f} s, "
                          f"{errors} errors", flush=True)
                    if index == len(sizes) - 1:
                        time.sleep(CULL_SECONDS + 6)
                        after_cull[kind] = kernels_mb(server)
                finally:
                    server.terminate()
                    server.wait(timeout=30)
    print(f"{'server':12} {'N':>3} {'first':>7} {'p50':>7} {'p95':>7} {'max':>7} {'errors':>6} "
          f"{'kernels':>7} {'kernel MB':>9}")
    for kind, visitors, waits, errors, count, memory in rows:
        figures = (f"{waits[0]:6.2f}s {statistics.median(waits):6.2f}s "
                   f"{percentile(waits, 0.95):6.2f}s {waits[-1]:6.2f}s" if waits else
                   f"{'-':>7} {'-':>7} {'-':>7} {'-':>7}")
        print(f"{kind:12} {visitors:3} {figures} {errors:6} {count:7} {memory:9.0f}")
    for kind, (count, memory) in after_cull.items():
        print(f"after the {CULL_SECONDS} s cull window ({kind}, N={sizes[-1]}): {count} kernels, "
              f"{memory:.0f} MB")
    medians = {(kind, n): statistics.median(w) for kind, n, w, *_ in rows if w}
    if 40 in sizes and ("spineedu", 40) in medians and ("plain Voilà", 40) in medians:
        ratio = medians[("spineedu", 40)] / medians[("plain Voilà", 40)]
        first = next(w[0] for kind, n, w, *_ in rows if kind == "spineedu" and n == 40)
        print(f"\nagainst the goals, N=40: median SpineEdu / plain Voilà = {ratio:.2f} "
              f"(goal <= 0.5); first visitor {first:.2f} s (goal < 3 s); errors "
              f"{sum(e for kind, n, _, e, *_ in rows if kind == 'spineedu')} (goal 0)")


if __name__ == "__main__":
    main()

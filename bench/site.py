"""The static site against `spineedu serve`: what a visitor waits for, what a server pays.

In headless Chromium on this machine: the first plan after opening the static explorer on a
cold cache (a new browser profile) and a warm one (the same profile, the page opened again),
the bytes each visit downloads, and the update after a change (p50/p95 over 20 changes). Then
1, 10 and 40 visitors at once, for each server: the server's CPU seconds and memory per visitor
and each visitor's wait (the static site's visitor then spends its own browser's time starting
Python: the warm/cold figures above, which do not grow with the number of visitors).
Goals (issue 18): first plan cold <= 8 s, warm <= 4 s; update p95 <= 150 ms; cold visit
<= 15 MB, warm ~0. Run: `make bench-site` (builds the site first).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from load import percentile, start, visit_all
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browser_support import CHROMIUM_ARGS, chromium_path, free_port  # noqa: E402

from spineedu.dashboard import EXPLORER  # noqa: E402

SITE = REPO / "site"
CHANGES = 20
VISITORS = (1, 10, 40)


def serve_static(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", "-b", "127.0.0.1", "-d", str(SITE), str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    return process


def open_to_first_plan(page, url: str) -> None:
    """As a learner does: open the explorer, answer the gate, wait for the first plan."""
    page.goto(url + "/explorer/index.html")
    page.get_by_label("I am learning").check()
    page.locator(".spineedu-plan").wait_for(timeout=180_000)


def first_plan(context, url: str) -> tuple[float, float, list[str]]:
    """Seconds from opening the explorer to its first plan, bytes received, URLs asked."""
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    received = [0.0]
    session.on("Network.loadingFinished",
               lambda event: received.__setitem__(0, received[0] + event["encodedDataLength"]))
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    started = time.perf_counter()
    open_to_first_plan(page, url)
    seconds = time.perf_counter() - started
    marks = page.evaluate("""() => performance.getEntriesByType('mark')
        .filter(m => m.name.startsWith('spineedu:')).map(m => [m.name, m.startTime])""")
    steps, before = [], 0.0
    for name, at in marks:
        steps.append(f"{name.removeprefix('spineedu:')} +{(at - before) / 1000:.2f} s")
        before = at
    print("  " + ", ".join(steps))
    page.close()
    return seconds, received[0], asked


def update_latencies(context, url: str) -> list[float]:
    """Milliseconds of each change, measured in the page (the change handler is synchronous:
    when dispatchEvent returns, Python has answered and the page shows it)."""
    page = context.new_page()
    open_to_first_plan(page, url)
    times = []
    for index in range(CHANGES):
        times.append(page.evaluate("""value => { const s = document.getElementById('escc');
            const t = performance.now(); s.value = value;
            s.dispatchEvent(new Event('change')); return performance.now() - t; }""",
            ["", "0", "1a", "1b", "1c", "2", "3"][index % 7]))
    page.close()
    return sorted(times)


def browser_figures(executable: str) -> None:
    port = free_port()
    server = serve_static(port)
    url = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=executable, args=CHROMIUM_ARGS, headless=True)
            cold, cold_bytes, asked = first_plan(context, url)
            warm, warm_bytes, _ = first_plan(context, url)
            updates = update_latencies(context, url)
            context.close()
    finally:
        server.terminate()
    own = [u for u in asked if u.startswith(url)]
    compressed = sum(len(gzip.compress((SITE / urlsplit(u).path.lstrip("/")).read_bytes(), 6))
                     for u in set(own))
    print(f"first plan: cold {cold:.1f} s (goal <= 8), warm {warm:.1f} s (goal <= 4)")
    print(f"bytes: cold visit {cold_bytes / 1e6:.1f} MB as http.server sends them (goal <= 15), "
          f"{compressed / 1e6:.1f} MB gzip-compressed (a host that compresses); warm visit "
          f"{warm_bytes / 1e6:.2f} MB; {len(set(own))} files asked, {len(asked) - len(own)} "
          "requests to another host")
    print(f"update after a change: p50 {statistics.median(updates):.0f} ms, p95 "
          f"{percentile(updates, 0.95):.0f} ms (goal <= 150)")
    (SITE / ".bench-cold-visit.json").write_text(json.dumps(own))


def tree_totals(process: subprocess.Popen) -> tuple[float, float]:
    """CPU seconds and resident MB of the server and every process it started (kernels)."""
    parent = psutil.Process(process.pid)
    cpu = memory = 0.0
    for each in [parent, *parent.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # a kernel may just have ended
            times = each.cpu_times()
            cpu += times.user + times.system
            memory += each.memory_info().rss / 2**20
    return cpu, memory


def server_figures() -> None:
    cold_files = json.loads((SITE / ".bench-cold-visit.json").read_text())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("static site", "spineedu serve"):
            for visitors in VISITORS:
                port = free_port()
                if kind == "static site":
                    server = serve_static(port)
                    base = f"http://127.0.0.1:{port}"
                    urls = [base + urlsplit(u).path for u in cold_files]
                else:
                    server = start("spineedu", port, Path(tmp) / f"serve-{visitors}.log")
                    urls = [f"http://127.0.0.1:{port}/voila/render/{EXPLORER}"]
                try:
                    cpu_before, rss_before = tree_totals(server)
                    waits, errors = visit_all(urls, visitors)
                    cpu_after, rss_after = tree_totals(server)
                    cpu, memory = cpu_after - cpu_before, rss_after - rss_before
                    rows.append((kind, visitors, cpu, memory, waits, errors))
                finally:
                    server.terminate()
                    server.wait(timeout=30)
    print(f"{'server':15} {'N':>3} {'CPU s/visitor':>13} {'MB/visitor':>10} {'wait p50':>9} "
          f"{'wait p95':>9} {'errors':>6}")
    for kind, visitors, cpu, memory, waits, errors in rows:
        p50 = statistics.median(waits) if waits else float("nan")
        p95 = percentile(waits, 0.95) if waits else float("nan")
        print(f"{kind:15} {visitors:3d} {cpu / visitors:13.3f} {max(memory, 0) / visitors:10.1f} "
              f"{p50:8.2f}s {p95:8.2f}s {errors:6d}")


def main() -> None:
    executable = chromium_path()
    if executable is None:
        sys.exit("bench/site.py needs Debian's chromium")
    if not (SITE / "manifest.json").exists():
        sys.exit("build the site first: make site")
    browser_figures(executable)
    server_figures()


if __name__ == "__main__":
    main()

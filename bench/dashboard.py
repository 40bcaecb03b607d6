"""Dashboard performance against a minimal ipywidgets + matplotlib notebook, same Voilà, one run.

Prints, for the treatment explorer and the toy: time to first widget (cold, and preheated for the
explorer), update latency p50/p95 over 20 changes, and kernel memory (USS). Goals (issue #3):
explorer cold <= 1.2x toy cold; explorer preheated <= 0.6x toy cold; explorer update p95 <=
1.5x the toy's and under 150 ms; explorer kernel USS <= 1.3x the toy's.
Run: `make bench` (needs Debian's chromium).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browser_support import CHROMIUM_ARGS, chromium_path, free_port  # noqa: E402

from spineedu.dashboard import EXPLORER, NOTEBOOKS, server_environment  # noqa: E402

TOY = """
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display

choice = widgets.Dropdown(description="Curve", options=[str(n) for n in range(1, 21)])
out = widgets.Output()

def draw(change=None):
    with out:
        out.clear_output(wait=True)
        fig, ax = plt.subplots(figsize=(5, 3))
        n = int(choice.value)
        ax.plot([x / 10 for x in range(100)], [(x / 10) ** (n / 10) for x in range(100)])
        ax.set_title(f"curve {n}")
        plt.show()

choice.observe(draw, names="value")
draw()
display(widgets.VBox([choice, out]))
"""
CHANGES = 20


def write_notebooks(folder: Path) -> None:
    shutil.copy(NOTEBOOKS / EXPLORER, folder / EXPLORER)  # preheated (voila.json's pool)
    shutil.copy(NOTEBOOKS / EXPLORER, folder / "explorer_cold.ipynb")  # same, not pooled
    toy = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(TOY)])
    toy.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                  "language": "python"}
    nbformat.write(toy, folder / "toy.ipynb")


def kernel_uss_mb(kernel_id: str) -> float:
    for process in psutil.process_iter(["cmdline"]):
        if any(kernel_id in part for part in process.info["cmdline"] or []):
            return process.memory_full_info().uss / 2**20
    return float("nan")


def first_widget_seconds(page, url: str, selector: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.locator(selector).first.wait_for(timeout=120_000)
    return time.perf_counter() - start


def update_latencies(page, select_label: str, values: list[str], snapshot_js: str) -> list[float]:
    """Time from choosing a value until what `snapshot_js` reads off the page has changed."""
    dropdown = page.get_by_label(select_label, exact=True)
    latencies = []
    for value in values:
        before = page.evaluate(snapshot_js)
        start = time.perf_counter()
        dropdown.select_option(label=value)
        page.wait_for_function(f"before => ({snapshot_js})() !== before", arg=before,
                               timeout=30_000)
        latencies.append(time.perf_counter() - start)
    return latencies


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    executable = chromium_path()
    if executable is None:
        sys.exit("bench/dashboard.py needs Debian's chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_notebooks(folder)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "voila", str(folder), f"--port={port}", "--no-browser"],
            cwd=REPO, env=server_environment(), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    urllib.request.urlopen(base + "/voila/static/voila.js", timeout=2)
                    break
                except OSError:
                    time.sleep(0.3)
            time.sleep(15)  # let the explorer's pool fill
            results = run_browser(executable, base)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(results)


def run_browser(executable: str, base: str) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        # a first visit fills the browser's cache with Voilà's scripts, so that no
        # measured page pays for downloading them
        browser.new_page().goto(f"{base}/voila/render/toy.ipynb", wait_until="networkidle")
        page = browser.new_page()
        toy_first = first_widget_seconds(page, f"{base}/voila/render/toy.ipynb", "select")
        toy_updates = update_latencies(
            page, "Curve", [str(n) for n in [*range(2, 21), 1]],
            "() => { const i = document.querySelector('.widget-output img, .jp-OutputArea img');"
            " return i ? i.src : ''; }")
        toy_kernel = page.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        results["toy"] = {"first widget cold (s)": toy_first,
                          "update p50 (ms)": 1000 * statistics.median(toy_updates),
                          "update p95 (ms)": 1000 * percentile(toy_updates, 0.95),
                          "kernel USS (MB)": kernel_uss_mb(toy_kernel)}

        for name, notebook in (("explorer preheated", EXPLORER),
                               ("explorer cold", "explorer_cold.ipynb")):
            explorer = browser.new_page()
            seconds = first_widget_seconds(explorer, f"{base}/voila/render/{notebook}",
                                           "input[type=radio]")
            results[name] = {"first widget (s)": seconds}
        explorer.get_by_label("I am learning").check()
        explorer.get_by_label("Cancer type").select_option(
            label="Metastatic: Spinal metastasis from breast cancer".replace(" ", "\xa0"))
        explorer.locator(".spineedu-explorer-figure img").first.wait_for()
        sins_values = [*(str(n) for n in range(19)), "not\xa0given"]  # 20 changes
        updates = update_latencies(
            explorer, "SINS", sins_values,
            "() => { const i = document.querySelector('.spineedu-explorer-figure img');"
            " return i ? i.alt : ''; }")
        kernel = explorer.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        results["explorer cold"].update({
            "update p50 (ms)": 1000 * statistics.median(updates),
            "update p95 (ms)": 1000 * percentile(updates, 0.95),
            "kernel USS (MB)": kernel_uss_mb(kernel),
        })
        browser.close()
    return results


def report(results: dict[str, dict[str, float]]) -> None:
    for name, figures in results.items():
        print(f"{name:20} " + "  ".join(f"{key}: {value:.2f}" for key, value in figures.items()))
    toy, cold = results["toy"], results["explorer cold"]
    toy_first = toy["first widget cold (s)"]
    preheated = results["explorer preheated"]["first widget (s)"]
    update_ratio = cold["update p95 (ms)"] / toy["update p95 (ms)"]
    print("\nagainst the goals:")
    print(f"  explorer cold / toy cold      = {cold['first widget (s)'] / toy_first:.2f}"
          "  (goal <= 1.2)")
    print(f"  explorer preheated / toy cold = {preheated / toy_first:.2f}  (goal <= 0.6)")
    print(f"  update p95 explorer / toy     = {update_ratio:.2f}  (goal <= 1.5; "
          f"explorer p95 {cold['update p95 (ms)']:.0f} ms, goal < 150)")
    print(f"  kernel USS explorer / toy     = "
          f"{cold['kernel USS (MB)'] / toy['kernel USS (MB)']:.2f}  (goal <= 1.3)")


if __name__ == "__main__":
    main()

"""`spineedu serve` as an operator runs it: it refuses broken content, stops with every kernel
on SIGTERM or Ctrl-C, admits pages first come first served with a waiting line, keeps a class's
explorer kernels ready, and past its kernel cap answers 503 with Retry-After."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest
from browser_support import answers, free_port, wait_until_ready
from playwright.sync_api import expect

from spineedu.dashboard import REPO, server_environment

LESSON = "/voila/render/07_life_after.ipynb"
EXPLORER = "/voila/render/02_treatment_explorer.ipynb"


def get(url: str, timeout: float = 60) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@contextmanager
def spineedu_serve(*options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """The server as `spineedu serve` starts it; its log is `process.log_path`."""
    port = free_port()
    log = tempfile.NamedTemporaryFile("w", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "spineedu", "serve", f"--port={port}", "--no-browser", *options],
        cwd=REPO, env=server_environment(), stdout=log, stderr=subprocess.STDOUT)
    process.log_path = Path(log.name)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(answers(f"{url}/voila/static/voila.js"), process, process.log_path,
                         "spineedu serve")
        yield url, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


def family(process: subprocess.Popen) -> list[psutil.Process]:
    parent = psutil.Process(process.pid)
    return [parent, *parent.children(recursive=True)]


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_stop_signal_leaves_no_server_and_no_kernel(stop):
    with spineedu_serve() as (url, process):
        assert get(url + LESSON)[0] == 200  # a visitor's kernel, beside the explorer's pool
        processes = family(process)
        kernels = [p for p in processes  # the public kernel is ipykernel behind a memory limit
                   if any(name in " ".join(p.cmdline())
                          for name in ("ipykernel", "spineedu.public_kernel"))]
        assert len(kernels) >= 2
        started = time.monotonic()
        process.send_signal(stop)
        _, alive = psutil.wait_procs(processes, timeout=10)
        assert alive == [], f"still running {time.monotonic() - started:.1f} s after {stop!r}"


def test_broken_content_refuses_to_start_with_the_report(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    treatments = content / "treatments.yaml"
    treatments.write_text(treatments.read_text().replace("family:", "familly:", 1))
    port = free_port()
    result = subprocess.run(
        [sys.executable, "-m", "spineedu", "serve", f"--port={port}", "--no-browser"],
        cwd=REPO, env={**server_environment(), "SPINEEDU_CONTENT": str(content)},
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "not started" in result.stderr and "treatments.yaml" in result.stderr
    with pytest.raises(OSError):
        get(f"http://127.0.0.1:{port}/", timeout=2)


def test_past_the_kernel_cap_visitors_get_a_busy_page_with_retry_after():
    with spineedu_serve("--max-kernels=1", "--preheat=0") as (url, _):
        assert get(url + LESSON)[0] == 200  # the one kernel the cap allows, still alive
        status, headers, body = get(url + LESSON)
        assert status == 503
        assert headers["Retry-After"] == "60"
        assert "SpineEdu is busy" in body and "try again in a minute" in body
        assert "Traceback" not in body


def test_pages_are_rendered_first_come_first_served_with_a_waiting_line():
    with spineedu_serve("--max-rendering=1", "--preheat=0") as (url, _):
        finished: dict[int, tuple[float, str]] = {}

        def visitor(number: int) -> None:
            status, _, body = get(url + LESSON)
            assert status == 200
            finished[number] = (time.monotonic(), body)

        threads = []
        for number in range(3):
            threads.append(threading.Thread(target=visitor, args=(number,)))
            threads[-1].start()
            time.sleep(0.15)  # arrival order 0, 1, 2
        for thread in threads:
            thread.join(120)
        assert sorted(finished) == [0, 1, 2]
        assert finished[0][0] < finished[1][0] < finished[2][0]
        assert "you are\nnumber 1 in the queue" in finished[1][1]
        assert "number 2 in the queue" in finished[2][1]
        assert "in the queue" not in finished[0][1]


def test_a_waiting_visitor_sees_the_queue_then_the_lesson(browser):
    with spineedu_serve("--max-rendering=1", "--preheat=0") as (url, _):
        ahead = threading.Thread(target=get, args=(url + LESSON,))
        ahead.start()
        time.sleep(0.15)
        page = browser.new_page()
        try:
            page.goto(url + LESSON, wait_until="commit")
            page.locator("main h1").wait_for(timeout=60_000)  # the lesson, from the same page
            expect(page.locator("#spineedu-queue")).to_be_hidden()
            assert page.title() == "Lesson 7: Life after treatment · SpineEdu"
            assert page.locator("html").get_attribute("lang") == "en"
            expect(page.locator("text=Educational use only.").first).to_be_visible()
        finally:
            page.close()
            ahead.join(60)


def test_a_class_gets_preheated_explorers():
    with spineedu_serve("--preheat=3") as (url, process):
        deadline = time.monotonic() + 90
        while "is filled with 3 kernel(s)" not in process.log_path.read_text():
            assert time.monotonic() < deadline, "three explorer kernels were not made ready"
            time.sleep(0.5)
        results = []
        threads = [threading.Thread(target=lambda: results.append(get(url + EXPLORER)))
                   for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert [status for status, _, _ in results] == [200, 200, 200]
        assert all("in the queue" not in body for _, _, body in results)  # nobody waited
        assert process.log_path.read_text().count("Using pre-heated kernel") == 3

"""What the browser and server tests share: Debian's Chromium and its arguments, a free
loopback port, waiting for a server they started, and stopping it.

One Playwright runs for the whole test session (the `browser` fixture in tests/conftest.py):
Playwright's sync API runs an event loop in the main thread, so a second one started beside it
(a fixture of another test directory) fails. Test directories import this module by name
(tests/ is on sys.path through tests/conftest.py) rather than each other's conftest.py.
"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from spineedu.pdf import chromium as chromium_path  # noqa: F401 (SPINEEDU_CHROMIUM or PATH)

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class RunningServer:
    """A server a test started: where it answers, its process, and the log to show on failure."""

    url: str
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url: str, timeout: float = 10) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def answers(url: str) -> Callable[[], bool]:
    """A readiness check: `url` (a cheap one, never a page that starts a kernel) answers 200."""
    def check() -> bool:
        try:
            return http_status(url, timeout=5) == 200
        except OSError:
            return False

    return check


def wait_until_ready(ready: Callable[[], bool], process: subprocess.Popen, log: Path,
                     what: str, timeout: float = 60) -> None:
    """Poll until `ready()`; fail the test with the server's log if it dies or never answers."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.3)


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM, then SIGKILL if it has not stopped within `timeout` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- accessibility: axe-core (npm, package.json) injected into the real page ---------------------
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def read_axe() -> str:
    """axe-core's source; a missing copy skips the test (fails it in CI)."""
    if not AXE.exists():
        message = f"{AXE} missing: run `npm ci` (make test does). Accessibility NOT CHECKED."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def blocking_violations(page, axe_source: str) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations: each rule, its help and the first
    offending elements."""
    page.add_script_tag(content=axe_source)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:4])
        for v in results["violations"] if v["impact"] in BLOCKING
    ]


# --- phones: touch, narrow screens, 44 px targets ------------------------------------------------
MIN_TAP = 44  # px, WCAG 2.5.5 and the platforms' own guidance
# every element inside `root` that sticks out to the right of the screen, except inside a box
# that scrolls on its own (the matrix): on a phone that is text cut off or a page that scrolls
# sideways
OUT_OF_SCREEN = """root => [...document.querySelectorAll(root + ' *')]
    .filter(e => !e.closest('.spineedu-scroll-box'))
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.width > 0 && r.right > window.innerWidth + 1; })
    .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40))"""


def phone_page(browser, width: int):
    """A fresh touch page `width` px wide (its context closes with `page.context.close()`)."""
    context = browser.new_context(viewport={"width": width, "height": 812},
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    opened.width = width
    return opened


def assert_separate_tap_targets(targets) -> None:
    boxes = [target.bounding_box() for target in targets.all()]
    assert len(boxes) >= 2
    for box in boxes:
        assert box["height"] >= MIN_TAP and box["width"] >= MIN_TAP, box
    for above, below in itertools.pairwise(boxes):
        assert above["y"] + above["height"] <= below["y"] + 0.5, (above, below)


def assert_fits_the_screen(page, root: str = "body") -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.width
    assert page.evaluate(OUT_OF_SCREEN, root) == []


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}-{page.width}.png"))


# --- choosing in a form as a visitor does: by the label they read ---------------------------------
def options_of(page, label: str) -> list[str]:
    return [text.replace("\xa0", " ")
            for text in page.get_by_label(label, exact=True).locator("option").all_text_contents()]


def choose(page, label: str, starts_with: str) -> None:
    """Pick the option whose visible text starts with `starts_with` (labels are long)."""
    dropdown = page.get_by_label(label, exact=True)
    page.wait_for_function(
        """([label, start]) => [...document.querySelectorAll('label')]
             .filter(l => l.textContent.trim() === label)
             .some(l => { const s = document.getElementById(l.htmlFor);
                          return s && [...s.options].some(o =>
                              o.text.replace(/\\u00a0/g, ' ').startsWith(start)); })""",
        arg=[label, starts_with],
    )
    labels = dropdown.locator("option").all_text_contents()
    dropdown.select_option(label=next(
        text for text in labels if text.replace("\xa0", " ").startswith(starts_with)))


# --- reading a plan, in either explorer (the same HTML) -------------------------------------------
def plan_section(page, heading: str):
    """The plan's section of one level ('First-line', 'Not indicated'...)."""
    return page.locator(".spineedu-explorer-plan section.spineedu-level",
                        has=page.locator(f"h3:text-is('{heading}')"))


def level_section(page, level: str):
    """The plan's section of one level by its id ('first-line'), whichever wording names it."""
    return page.locator(f".spineedu-explorer-plan section.spineedu-level[data-level='{level}']")


# --- the glossary's words, on either front end (the same HTML, spineedu/views/glossary_marks.py) -
TERM = ".spineedu-term-word"


def definition_of(word):
    """The definition a glossary word's button is described by."""
    return word.page.locator(f"[id='{word.get_attribute('aria-describedby')}']")


def focus_first_term(page, within: str = "main"):
    """Tab from the top until a glossary word has the focus, as a keyboard user does."""
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{within} {TERM}')"):
            return page.locator(f"{within} {TERM}:focus")
    pytest.fail("no glossary word reached by Tab")

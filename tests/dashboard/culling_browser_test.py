"""A closed tab's kernel is shut down by the idle culler (Voilà never shuts it down itself)."""

from __future__ import annotations

import json
import time

from browser_support import http_status
from conftest import CULL_IDLE_SECONDS


def test_closed_page_kernel_is_culled(browser, dashboard):
    context = browser.new_context()
    page = context.new_page()
    page.goto(dashboard.url + "/voila/render/07_life_after.ipynb")
    page.get_by_text("Life after treatment").first.wait_for(timeout=60_000)
    config = json.loads(page.locator("#jupyter-config-data").text_content())
    kernel = f"{dashboard.url}/api/kernels/{config['kernelId']}"
    assert http_status(kernel) == 200
    context.close()  # the visitor closes the tab
    deadline = time.monotonic() + CULL_IDLE_SECONDS + 40
    while http_status(kernel) == 200:
        assert time.monotonic() < deadline, "the closed page's kernel was never culled"
        time.sleep(1)
    assert http_status(kernel) == 404

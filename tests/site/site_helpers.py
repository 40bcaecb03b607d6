"""Opening the static explorer and choosing in it, as a visitor does (by label)."""

from __future__ import annotations

from urllib.parse import urlsplit

EXPLORER = "/explorer/index.html"
PYTHON_READY = 120_000  # ms: a cold start on a loaded 2-core CI machine


def open_explorer(page, site, audience: str = "I am learning") -> None:
    page.goto(site.url + EXPLORER)
    page.get_by_label(audience).check()
    page.locator("#loading.ready").wait_for(timeout=PYTHON_READY)


def other_hosts(requests: list[str], site) -> list[str]:
    own = urlsplit(site.url).netloc
    return [url for url in requests if urlsplit(url).netloc != own
            and not url.startswith(("data:", "blob:"))]

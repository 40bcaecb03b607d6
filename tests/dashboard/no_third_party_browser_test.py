"""Self-contained pages: the landing page and every lesson load nothing from another host (no
CDN: a visitor of a health-education site is announced to nobody but us), and each page says
its language, has a human title and a <main> landmark."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from spineedu.dashboard import NOTEBOOKS

LESSONS = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
PAGES = ["/", *(f"/voila/render/{lesson}" for lesson in LESSONS)]
# a visitor cannot ask for Voilà's stock templates, which link CDNs, instead of the project's
OVERRIDES = ["/voila/render/07_life_after.ipynb?template=lab",
             "/voila/render/07_life_after.ipynb?template=reveal", "/?template=lab",
             "/voila/render/no_such_lesson.ipynb"]  # and Voilà's error page
OWN_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def foreign(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return parts.hostname not in OWN_HOSTS


def open_and_record(page, url: str) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")  # widgets, their fonts and images come later
    return requests


@pytest.mark.parametrize("path", PAGES + OVERRIDES)
def test_page_loads_nothing_from_another_host(page, dashboard, path):
    requests = open_and_record(page, dashboard.url + path)
    assert requests, "no request recorded: the listener is not working"
    assert [url for url in requests if foreign(url)] == []


@pytest.mark.parametrize("path", PAGES)
def test_page_has_language_title_and_main_landmark(page, dashboard, path):
    page.goto(dashboard.url + path, wait_until="load")
    assert page.locator("html").get_attribute("lang") == "en"
    title = page.title().strip()
    assert title and "SpineEdu" in title
    assert ".ipynb" not in title and "_" not in title and "Voilà" not in title
    assert page.locator("main").count() == 1
    if path != "/":  # the lesson's own heading (outputs are rendered after load) is inside it
        expect(page.locator("main h1").first).to_be_attached()
    else:
        expect(page.locator("main a[href*='02_treatment_explorer.ipynb']")).to_have_count(1)


def test_landing_page_icons_use_the_icon_font_served_here(page, dashboard):
    requests = open_and_record(page, dashboard.url + "/")
    assert page.locator("main i.fa-book").count() == len(LESSONS)
    assert page.evaluate("""() => document.fonts.check('900 16px "Font Awesome 5 Free"')
                              && [...document.fonts].some(f => f.family.includes('Font Awesome')
                                                              && f.status === 'loaded')""")
    fonts = [url for url in requests if urlsplit(url).path.endswith((".woff2", ".woff", ".ttf"))]
    assert fonts and not any(foreign(url) for url in fonts)


def test_every_lesson_has_its_own_title(page, dashboard):
    titles = set()
    for lesson in LESSONS:
        page.goto(f"{dashboard.url}/voila/render/{lesson}", wait_until="domcontentloaded")
        titles.add(page.title())
    assert len(titles) == len(LESSONS)

"""WCAG 2.1 A and AA, checked by axe-core in the real page: the landing page, every lesson once
its widgets are drawn, and the explorer again once a plan is shown.

axe-core comes from the npm registry (package.json; `make test` runs `npm ci`) and is injected
into the page served by the real Voilà. Serious and critical violations fail the test; the
message names each rule, its help text and the first offending elements.
"""

from __future__ import annotations

import pytest
from browser_support import blocking_violations, read_axe
from explorer_helpers import EXPLORER_PATH, choose, open_explorer

from spineedu.dashboard import NOTEBOOKS

LESSONS = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(scope="module")
def axe_source() -> str:
    return read_axe()


def wait_until_drawn(page) -> None:
    """Voilà shows the cells once every one has run; widgets and images come after that."""
    page.locator("#rendered_cells").wait_for(state="visible")
    page.wait_for_load_state("networkidle")


def test_landing_page_meets_wcag_21_aa(page, dashboard, axe_source):
    page.goto(dashboard.url + "/", wait_until="load")
    assert blocking_violations(page, axe_source) == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_meets_wcag_21_aa(page, dashboard, axe_source, lesson):
    page.goto(f"{dashboard.url}/voila/render/{lesson}")
    wait_until_drawn(page)
    assert blocking_violations(page, axe_source) == []


def test_explorer_with_a_plan_meets_wcag_21_aa(page, dashboard, axe_source):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from renal cell carcinoma")
    choose(page, "ESCC grade", "3")
    page.locator(".spineedu-explorer-figure img[alt*='ESCC 3']").wait_for()
    assert blocking_violations(page, axe_source) == []


def test_explorer_for_a_visitor_with_symptoms_meets_wcag_21_aa(page, dashboard, axe_source):
    page.goto(dashboard.url + EXPLORER_PATH)
    page.get_by_label("I have symptoms now").check()
    page.locator(".spineedu-symptoms").first.wait_for()
    assert blocking_violations(page, axe_source) == []


def test_explorer_in_plain_words_with_a_definition_open_meets_wcag_21_aa(page, dashboard,
                                                                          axe_source):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from renal cell carcinoma")
    choose(page, "ESCC grade", "3")
    page.get_by_label("In plain words").check()
    page.locator(".spineedu-plain-note").wait_for()
    word = page.locator(".spineedu-explorer-plan .spineedu-term-word").first
    word.click()
    page.locator(".spineedu-term-open .spineedu-term-def").first.wait_for()
    assert blocking_violations(page, axe_source) == []

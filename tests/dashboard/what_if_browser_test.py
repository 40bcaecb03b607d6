"""'What would change this plan?' in the real explorer: the section is shown under the plan and
clicking a change applies it, in the dropdown and in the plan."""

from __future__ import annotations

from browser_support import ARTIFACTS
from explorer_helpers import choose, open_explorer
from playwright.sync_api import expect


def test_what_if_section_and_clicking_a_change_applies_it(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from renal cell carcinoma")
    choose(page, "Stage", "Oligometastatic")
    choose(page, "ECOG", "1")
    section = page.locator(".spineedu-what-if")
    expect(section.locator("h3")).to_have_text("What would change this plan?")
    expect(section).to_contain_text("With ESCC 2 or 3: Decompression surgery")
    expect(section).to_contain_text("rule noms-separation-surgery-radioresistant-high-grade-escc")
    first_line = page.locator(".spineedu-explorer-plan section[data-level='first-line']")
    expect(first_line).not_to_contain_text("Decompression surgery")
    section.get_by_role("button", name="Try ESCC 2").click()
    expect(page.get_by_label("ESCC grade", exact=True)).to_have_value("2")
    expect(first_line).to_contain_text("Step 1: Decompression surgery")
    section.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-what-if.png"), full_page=False)


def test_pin_a_plan_and_compare_the_next_patient(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Primary: Chordoma")
    choose(page, "Stage", "IB")
    page.get_by_role("button", name="Pin this plan").click()
    comparison = page.locator(".spineedu-compare")
    expect(comparison).to_contain_text("The two plans are the same.")
    page.get_by_label("Resectable", exact=True).select_option(label="no")
    expect(comparison).to_contain_text("Now: Chordoma, stage IB (resectable no)")
    row = comparison.locator("tr", has=page.locator("th:text-is('En bloc resection')"))
    expect(row).to_contain_text("first-line")
    expect(row.locator("mark")).to_have_text("not indicated")
    expect(row).to_contain_text("primary-bone-sarcoma-en-bloc-not-resectable")
    comparison.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-compare.png"), full_page=False)
    page.get_by_role("button", name="Unpin").click()
    expect(comparison).to_have_count(0)

"""The explorer's plan in plain words or the clinical version, on the dashboard: the switch
changes the explanations, not the plan, and the choice stays while the visitor changes the
patient."""

from __future__ import annotations

from browser_support import level_section
from explorer_helpers import choose, open_explorer
from playwright.sync_api import expect


def test_plain_words_explain_the_same_plan_and_stay_chosen(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Primary: Chordoma")
    choose(page, "Stage", "IB")
    first_line = level_section(page, "first-line")
    expect(first_line).to_contain_text("En bloc resection")
    clinical = first_line.locator("li").first.inner_text()
    page.get_by_label("In plain words").check()
    expect(first_line).to_contain_text("What it is.")
    expect(first_line.locator("h3")).to_have_text("Usually the first choice (first-line)")
    expect(first_line).to_contain_text("En bloc resection")  # the same plan
    expect(first_line).not_to_contain_text(clinical[:60])
    expect(page.locator(".spineedu-plain-note")).to_contain_text("clinical version")
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from breast cancer")
    expect(level_section(page, "first-line")).to_contain_text("What it is.")
    expect(page.get_by_label("In plain words")).to_be_checked()
    page.get_by_label("Clinical version").check()
    expect(level_section(page, "first-line")).not_to_contain_text("What it is.")

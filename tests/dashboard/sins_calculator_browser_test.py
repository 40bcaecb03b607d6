"""The SINS calculator in a real browser: fill the six items, read the band, see the plan move."""

from __future__ import annotations

from browser_support import ARTIFACTS
from explorer_helpers import choose
from playwright.sync_api import expect

SCORES_PATH = "/voila/render/08_scores.ipynb"


ITEMS = ("Location", "Pain", "Bone lesion", "Radiographic spinal alignment",
         "Vertebral body collapse", "Posterolateral involvement of spinal elements")


def fill_sins(page, *findings: str) -> None:
    for item, finding in zip(ITEMS, findings, strict=True):
        choose(page, item, finding)


def expect_sins(page, band: str, text: str):
    result = page.locator(".spineedu-sins-result .spineedu-score-result")
    expect(result).to_have_attribute("data-band", band)
    expect(result).to_contain_text(text)


def test_sins_calculator_reads_the_band_and_feeds_the_explorer(page, dashboard):
    page.goto(dashboard.url + SCORES_PATH)
    # 3 + 3 + 2 + 2 + 3 + 1 = 14: unstable
    fill_sins(page, "Junctional", "Yes, mechanical pain", "Lytic", "De novo deformity",
              "> 50% collapse", "Unilateral")
    expect_sins(page, "unstable", "14: Unstable (13-18)")
    page.locator(".spineedu-sins-result").screenshot(path=str(ARTIFACTS / "sins-14.png"))

    page.get_by_label("I am learning").check()
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from breast cancer")
    expect(page.get_by_label("SINS", exact=True)).to_have_value(
        page.get_by_label("SINS", exact=True).locator("option", has_text="14").get_attribute(
            "value"))
    first_line = page.locator(".spineedu-explorer-plan section[data-level='first-line']")
    expect(first_line).to_contain_text("Spinal stabilization")
    expect(first_line).to_contain_text("SINS")  # the reason names the score


def test_sins_band_edge_12_is_potentially_unstable(page, dashboard):
    page.goto(dashboard.url + SCORES_PATH)
    # 2 + 3 + 2 + 2 + 2 + 1 = 12
    fill_sins(page, "Mobile spine", "Yes, mechanical pain", "Lytic", "De novo deformity",
              "< 50% collapse", "Unilateral")
    expect_sins(page, "potentially-unstable", "12: Potentially unstable (7-12)")

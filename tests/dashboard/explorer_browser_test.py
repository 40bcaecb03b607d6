"""The treatment explorer in a real browser against the real Voilà server."""

from __future__ import annotations

from browser_support import ARTIFACTS, plan_section
from explorer_helpers import choose, open_explorer, options_of
from playwright.sync_api import expect


def test_chordoma_ib_shows_en_bloc_first_and_chemotherapy_not_indicated(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Primary: Chordoma")
    choose(page, "Stage", "IB")
    expect(page.locator(".spineedu-type-summary")).to_contain_text("Stage IB (Enneking")
    expect(plan_section(page, "First-line")).to_contain_text("En bloc resection")
    consider = plan_section(page, "Consider")  # chemotherapy depends on the subtype
    expect(consider).to_contain_text("Chemotherapy")
    expect(consider).to_contain_text("Enter the subtype")  # the reason is shown
    choose(page, "Subtype", "Conventional")
    not_indicated = plan_section(page, "Not indicated")
    expect(not_indicated).to_contain_text("Chemotherapy")
    expect(not_indicated).to_contain_text("cytotoxic chemotherapy")
    expect(page.locator(".spineedu-explorer-figure img")).to_have_attribute(
        "alt", "Chart: first-line treatment of Chordoma by stage (patient factors: subtype "
        "conventional). "
        "IA: En bloc resection; IB (selected): En bloc resection; IIA: En bloc resection; "
        "IIB: En bloc resection; III: Observation.")
    expect(page.locator("text=Educational use only.").first).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-chordoma-ib.png"))


def test_radioresistant_compression_separation_surgery_then_sbrt(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from renal cell carcinoma")
    choose(page, "Stage", "Oligometastatic")
    choose(page, "ECOG", "1")
    choose(page, "ESCC grade", "3")
    page.locator(".spineedu-explorer-figure img[alt*='ESCC 3, ECOG 1']").wait_for()
    first_line = plan_section(page, "First-line")
    expect(first_line).to_contain_text("Step 1: Decompression surgery")
    text = first_line.inner_text()
    assert text.index("Step 1: Decompression surgery") < text.index(
        "Step 2: Stereotactic radiotherapy")
    assert "separation surgery" in text
    references = page.locator(".spineedu-explorer-plan ol.spineedu-references")
    expect(references).to_contain_text("Laufer")  # the NOMS paper
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-renal-escc3.png"))


def test_stage_list_follows_the_type(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Primary: Multiple myeloma")
    expect(page.locator(".spineedu-type-summary")).to_contain_text("R-ISS")
    assert [o.split(":")[0] for o in options_of(page, "Stage")] == [
        "R-ISS I", "R-ISS II", "R-ISS III"]
    choose(page, "Cancer type", "Intradural: Astrocytoma")
    expect(page.locator(".spineedu-type-summary")).to_contain_text("WHO CNS5")
    stages = options_of(page, "Stage")
    assert len(stages) == 4 and all("grade" in option.lower() for option in stages)


def test_visitor_with_symptoms_is_sent_to_the_gp_and_sees_red_flags(page, dashboard):
    page.goto(dashboard.url + "/voila/render/02_treatment_explorer.ipynb")
    page.get_by_label("I have symptoms now").check()
    alert = page.locator(".spineedu-symptoms").first
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("not suitable to assess symptoms")
    expect(alert).to_contain_text("GP")
    expect(alert).to_contain_text("999")
    expect(page.get_by_label("Cancer type")).to_be_hidden()
    expect(page.locator(".spineedu-explorer-plan")).to_be_hidden()

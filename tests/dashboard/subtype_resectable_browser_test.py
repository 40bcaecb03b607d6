"""`Subtype`, `Resectable` and the urgent cord-compression pathway in the real explorer page."""

from __future__ import annotations

from browser_support import ARTIFACTS, plan_section
from explorer_helpers import choose, open_explorer, options_of
from playwright.sync_api import expect


def test_subtype_appears_only_for_types_with_subtypes_and_changes_the_plan(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Primary: Multiple myeloma")
    expect(page.get_by_label("Subtype", exact=True)).to_be_hidden()
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from breast cancer")
    subtype = page.get_by_label("Subtype", exact=True)
    expect(subtype).to_be_visible()
    assert options_of(page, "Subtype")[0] == "not given"
    assert len(options_of(page, "Subtype")) == 4
    expect(page.get_by_label("Resectable", exact=True)).to_be_hidden()
    choose(page, "Subtype", "Triple")
    expect(page.locator(".spineedu-type-summary")).to_contain_text("Subtype: Triple")
    expect(plan_section(page, "First-line")).to_contain_text("Chemotherapy")
    expect(plan_section(page, "Not indicated")).to_contain_text("Hormone (endocrine) therapy")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-breast-triple-negative.png"))


def test_unresectable_chordoma_gets_definitive_particle_therapy(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Primary: Chordoma")
    choose(page, "Stage", "IB")
    resectable = page.get_by_label("Resectable", exact=True)
    expect(resectable).to_be_visible()
    expect(plan_section(page, "First-line")).to_contain_text("En bloc resection")
    resectable.select_option(label="no")
    first_line = plan_section(page, "First-line")
    expect(first_line).to_contain_text("Proton and particle therapy")
    # the treatment, not the words: a reason may name it ("when en bloc resection is not
    # feasible"), and a glossary word's definition is in the page's text, shown on request
    expect(first_line.locator("[data-treatment='en-bloc-resection']")).to_have_count(0)


def test_cord_compression_shows_the_urgent_pathway(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Primary: Ewing")
    choose(page, "Neurological deficit", "yes")
    pathway = page.locator(".spineedu-explorer-plan .spineedu-pathway")
    expect(pathway).to_contain_text("MRI")
    expect(pathway).to_contain_text("coordinator")
    expect(page.locator(".spineedu-explorer-plan ol.spineedu-references")).to_contain_text("NG234")
    expect(page.locator(".spineedu-explorer-plan")).to_contain_text("Corticosteroids")
    page.get_by_label("Neurological deficit", exact=True).select_option(label="no")
    expect(pathway).to_have_count(0)

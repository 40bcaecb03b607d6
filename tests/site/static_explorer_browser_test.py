"""The static explorer in real Chromium, served from 127.0.0.1 as the README previews it: the
safety gate before any result (answered before Python has even loaded), the plans a teacher
checks first, what-if with Try, pin and compare, the loading progress, and privacy: no request
to another host at any time, and none after load but the site's own files."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from browser_support import ARTIFACTS, choose, plan_section
from playwright.sync_api import expect
from site_helpers import EXPLORER, PYTHON_READY, open_explorer, other_hosts


def test_a_visitor_with_symptoms_is_sent_to_care_before_python_has_loaded(page, site_server):
    page.route("**/pyodide/**", lambda route: route.abort())  # Python never arrives
    page.goto(site_server.url + EXPLORER)
    expect(page.locator("#results")).to_be_hidden()
    page.get_by_label("I have symptoms now").check()
    symptoms = page.locator(".spineedu-symptoms")
    expect(symptoms).to_be_visible()
    expect(symptoms).to_contain_text("999")  # the emergency advice of the red flags
    expect(page.locator("#explorer")).to_be_hidden()
    expect(page.locator("#loading")).to_contain_text("could not start")


def test_the_loading_progress_says_what_is_happening(page, site_server):
    page.goto(site_server.url + EXPLORER)
    loading = page.locator("#loading")
    expect(loading).to_have_attribute("role", "status")
    expect(loading).to_contain_text("Loading Python in your browser (first visit only")
    expect(page.locator("#loading.ready")).to_contain_text("Ready", timeout=PYTHON_READY)


def test_chordoma_ib_shows_en_bloc_resection_first(page, site_server):
    open_explorer(page, site_server)
    choose(page, "Cancer type", "Primary: Chordoma")
    choose(page, "Stage", "IB")
    expect(page.locator(".spineedu-type-summary")).to_contain_text("Stage IB (Enneking")
    expect(plan_section(page, "First-line")).to_contain_text("En bloc resection")
    expect(page.locator("#status")).to_contain_text("En bloc resection")
    expect(page.locator(".spineedu-explorer-plan ol.spineedu-references")).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "static-explorer-chordoma-ib.png"))


def test_renal_oligometastatic_escc_3_gets_separation_surgery_then_sbrt(page, site_server):
    open_explorer(page, site_server)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from renal cell carcinoma")
    choose(page, "Stage", "Oligometastatic")
    choose(page, "ECOG", "1")
    choose(page, "ESCC grade", "3")
    first_line = plan_section(page, "First-line")
    expect(first_line).to_contain_text("Step 1: Decompression surgery")
    text = first_line.inner_text()
    assert "separation surgery" in text
    assert text.index("Step 1: Decompression surgery") < text.index(
        "Step 2: Stereotactic radiotherapy")
    expect(page.locator(".spineedu-pathway").first).to_be_visible()  # the urgent pathway


def test_what_if_try_applies_the_change_and_pin_compares(page, site_server):
    open_explorer(page, site_server)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from renal cell carcinoma")
    choose(page, "Stage", "Oligometastatic")
    choose(page, "ECOG", "1")
    expect(page.locator(".spineedu-what-if h3")).to_have_text("What would change this plan?")
    before = page.locator("#status").inner_text()
    page.get_by_role("button", name="Pin this plan").click()
    expect(page.get_by_role("button", name="Unpin")).to_be_visible()
    try_button = page.locator("#offers button").first
    label = try_button.inner_text()  # "Try ESCC grade 2", say
    chosen = "() => [...document.querySelectorAll('#explorer select')].map(s => s.value)"
    values = page.evaluate(chosen)
    try_button.click()
    expect(page.locator("#status")).not_to_have_text(before)
    after = page.evaluate(chosen)
    changed = [i for i, (a, b) in enumerate(zip(values, after, strict=True)) if a != b]
    assert len(changed) == 1  # one factor, the one the button names
    control = page.locator("#explorer select").nth(changed[0])
    name = page.locator(f"label[for='{control.get_attribute('id')}']").inner_text()
    assert label.startswith("Try ") and label.endswith(f" {control.input_value()}"), (label, name)
    expect(page.locator(".spineedu-compare")).to_contain_text("Compared with the pinned plan")
    page.get_by_role("button", name="Unpin").click()
    expect(page.locator(".spineedu-compare")).to_have_count(0)


def test_a_forged_value_gets_a_referral_not_an_error(page, site_server):
    open_explorer(page, site_server)
    page.evaluate("""() => { const stage = document.getElementById('stage');
        stage.add(new Option('forged', '<img src=x onerror=alert(1)>'));
        stage.value = '<img src=x onerror=alert(1)>';
        stage.dispatchEvent(new Event('change')); }""")
    expect(page.locator("#results")).to_contain_text("not suitable")
    expect(page.locator("#results img[src=x]")).to_have_count(0)


def test_nothing_leaves_the_browser(page, site_server, built_site):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_explorer(page, site_server)
    loaded = len(requests)
    choose(page, "Cancer type", "Primary: Chordoma")
    choose(page, "Stage", "IB")
    choose(page, "Neurological deficit", "yes")
    expect(plan_section(page, "First-line")).to_be_visible()
    page.locator("#offers button").first.click()
    page.wait_for_timeout(500)
    assert other_hosts(requests, site_server) == []
    shipped = {entry["path"] for entry in json.loads(
        (built_site / "manifest.json").read_text())["files"]}
    after = [urlsplit(url).path.lstrip("/") for url in requests[loaded:]]
    assert all(path in shipped for path in after), after  # the site's own files, if any


def test_the_sins_calculator_fills_the_plan(page, site_server):
    open_explorer(page, site_server)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from breast cancer")
    page.get_by_text("Work out the SINS").click()
    for select in page.locator("#sins-calculator select").all():
        select.select_option(index=1)  # each item's first answer, its highest-scoring one
    expect(page.locator("#sins-result")).to_contain_text("18")
    page.get_by_role("button", name="Use SINS 18 in the plan").click()
    expect(page.get_by_label("SINS", exact=True)).to_have_value("18")
    expect(plan_section(page, "First-line")).to_contain_text("Spinal stabilization")

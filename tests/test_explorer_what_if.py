"""The explorer's 'What would change this plan?' section: the changes of the first line the
engine's what_if finds, each with its rule, and a button that applies the change."""

from __future__ import annotations

from spineedu.views.explorer import WHAT_IF_HEADING, TreatmentExplorer
from spineedu.whatif import grouped, what_if


def renal_patient() -> TreatmentExplorer:
    explorer = TreatmentExplorer()
    explorer.audience.value = "learning"
    explorer.cancer_type.value = "renal-cell-metastasis"
    explorer.stage.value = "oligometastatic"
    explorer.ecog.value = "1"
    return explorer


def shown(explorer: TreatmentExplorer) -> list[tuple[str, str]]:
    return [(text.value, button.description) for text, button in explorer.what_if_rows
            if button.layout.display != "none"]


def test_section_lists_the_first_line_changes_with_their_rules():
    explorer = renal_patient()
    assert f"<h3>{WHAT_IF_HEADING}</h3>" in explorer.what_if_intro.value
    expected = [g for g in grouped(what_if("renal-cell-metastasis", "oligometastatic", ecog=1))
                if g.changes_first_line() and g.is_clinical_change()]
    rows = shown(explorer)
    assert 0 < len(rows) <= 5 and len(rows) == min(5, len(expected))
    for (text, _), group in zip(rows, expected, strict=False):
        assert all(f"rule {rule}" in text for _, before, after, rule in group.effects
                   if "first-line" in (before, after))
    assert "Try ESCC 2" in [label for _, label in rows]


def test_clicking_a_change_applies_it_and_the_plan_follows():
    explorer = renal_patient()
    assert explorer.result.level_of("decompression-surgery") is None
    button = next(b for _, b in explorer.what_if_rows if b.description == "Try ESCC 2")
    button.click()
    assert explorer.escc.value == "2"
    assert explorer.result.level_of("decompression-surgery") == "first-line"
    labels = [label for _, label in shown(explorer)]
    assert "Try ESCC 2" not in labels  # the current value is not a change
    assert any(label.startswith("Try ESCC") for label in labels)  # the way back is one


def test_only_changes_of_a_finding_are_offered_to_try():
    explorer = renal_patient()
    labels = [label for _, label in shown(explorer)]
    assert not any(label.startswith("Try stage") or label.endswith("not given")
                   for label in labels)  # a stage is a diagnosis; "not known" is no change


def test_no_section_for_a_case_outside_the_resource():
    explorer = renal_patient()
    explorer.sins.options = [*explorer.sins.options, ("forged", "99")]
    explorer.sins.value = "99"
    assert not explorer.result.suitable
    assert explorer.what_if_intro.value == "" and shown(explorer) == []


def test_hiding_unused_rows_hides_nothing_else():
    explorer = TreatmentExplorer()
    explorer.audience.value = "learning"
    explorer.cancer_type.value = "vertebral-hemangioma"
    hidden_rows = {id(text.layout) for text, button in explorer.what_if_rows
                   if button.layout.display == "none"}
    for widget in (explorer.widget, explorer.results, explorer.status, explorer.what_if_intro):
        assert widget.layout.display != "none"
        assert id(widget.layout) not in hidden_rows


def test_pin_then_change_shows_the_differences_with_their_rules():
    explorer = TreatmentExplorer()
    explorer.audience.value = "learning"
    explorer.cancer_type.value = "chordoma"
    explorer.stage.value = "IB"
    assert explorer.comparison.value == "" and explorer.unpin.layout.display == "none"
    explorer.pin.click()
    assert "The two plans are the same." in explorer.comparison.value
    explorer.resectable.value = "no"
    html = explorer.comparison.value
    assert "Pinned:</strong> Chordoma, stage IB<br>" in html
    assert "Now:</strong> Chordoma, stage IB (resectable no)" in html
    assert "<mark" in html and "primary-bone-sarcoma-en-bloc-not-resectable" in html
    explorer.unpin.click()
    assert explorer.comparison.value == ""

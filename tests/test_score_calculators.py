"""The calculator widgets: published item names, breakdown, gauge, and feeding the explorer."""

from __future__ import annotations

from spineedu.views.explorer import TreatmentExplorer
from spineedu.views.score_calculators import (
    AdditiveCalculator,
    ClassificationPicker,
    NomsCalculator,
    feed_explorer,
)

UNSTABLE = dict(location="junctional", pain="mechanical", lesion="lytic", alignment="deformity",
                collapse="over-50", posterolateral="unilateral")  # 3+3+2+2+3+1 = 14


def fill(calculator: AdditiveCalculator, values: dict) -> None:
    for item, value in values.items():
        calculator.items[item].value = value


def test_items_carry_the_published_names():
    calculator = AdditiveCalculator("sins")
    assert [d.description for d in calculator.items.values()] == [
        "Location", "Pain", "Bone lesion", "Radiographic spinal alignment",
        "Vertebral body collapse", "Posterolateral involvement of spinal elements"]


def test_no_result_until_every_item_is_chosen():
    calculator = AdditiveCalculator("sins")
    fill(calculator, {k: v for k, v in UNSTABLE.items() if k != "posterolateral"})
    assert calculator.result is None
    assert "Choose all 6 items" in calculator.output.value


def test_breakdown_and_gauge():
    calculator = AdditiveCalculator("sins")
    fill(calculator, UNSTABLE)
    assert calculator.result.total == 14
    assert 'data-band="unstable"' in calculator.output.value
    assert 'alt="Gauge: Spinal Instability Neoplastic Score (SINS) 14 of 0-18' in (
        calculator.output.value)
    assert "Subluxation" not in calculator.output.value  # only the chosen findings are listed


def test_sins_of_14_makes_stabilization_first_line_with_the_sins_reason():
    calculator, explorer = AdditiveCalculator("sins"), TreatmentExplorer()
    explorer.audience.value = "learning"
    explorer.cancer_type.value = "breast-metastasis"
    feed_explorer(calculator, explorer, "sins")
    fill(calculator, UNSTABLE)
    assert explorer.sins.value == "14"
    decision = next(d for d in explorer.result.at_level("first-line")
                    if d.treatment.id == "spinal-stabilization")
    assert any("SINS" in reason.text for reason in decision.reasons)


def test_escc_3_with_radioresistant_type_gives_separation_surgery_then_sbrt():
    picker, explorer = ClassificationPicker("escc", "ESCC grade"), TreatmentExplorer()
    explorer.audience.value = "learning"
    explorer.cancer_type.value = "melanoma-metastasis"
    explorer.set_factors(ecog=1)
    feed_explorer(picker, explorer, "escc")
    picker.grade.value = "3"
    first = [d.treatment.id for d in explorer.result.at_level("first-line")][:2]
    assert first == ["decompression-surgery", "stereotactic-radiotherapy"]


def test_tokuhashi_counts_are_chosen_by_published_category():
    calculator = AdditiveCalculator("tokuhashi")
    labels = [label for label, _ in calculator.items["kps"].options]
    assert labels == ["Poor (KPS 10-40%)", "Moderate (KPS 50-70%)", "Good (KPS 80-100%)"]
    fill(calculator, {"kps": 80, "extraspinal-bone-mets": 0, "vertebral-mets": 1,
                      "visceral-mets": "none", "primary": "breast", "palsy": "none"})
    assert (calculator.result.total, calculator.result.band) == (15, "1-year-or-more")


def test_noms_calculator_path():
    noms = NomsCalculator()
    noms.escc.value, noms.cancer_type.value, noms.fit.value = "2", "thyroid-metastasis", True
    assert 'data-band="separation-surgery-then-srs"' in noms.output.value
    noms.fit.value = False
    assert 'data-band="conventional-ebrt-palliative"' in noms.output.value


def test_forged_value_shows_a_message_not_a_traceback():
    calculator = AdditiveCalculator("sins")
    fill(calculator, UNSTABLE)
    calculator.items["pain"].index = None
    assert calculator.result.total == 14  # an incomplete form keeps the last full result


def test_a_score_from_choices_waits_for_every_item_and_reads_counts_given_as_text():
    from spineedu.scores.calculate import item_choices, score_from_choices
    from spineedu.scores.tables import default_tables

    sins = default_tables()["sins"]
    first = {item_id: options[0][1] for item_id, _, options in item_choices(sins)}
    assert score_from_choices("sins", {**first, "pain": ""}) is None
    assert score_from_choices("sins", first).total == 18
    tokuhashi = default_tables()["tokuhashi"]
    counted = next(item for item in tokuhashi.items if item.counts)
    choices = {item_id: str(options[-1][1]) for item_id, _, options in item_choices(tokuhashi)}
    result = score_from_choices("tokuhashi", choices)  # a count arrives from a page as text
    scored = next(i for i in result.items if i.item == counted.id)
    assert scored.choice == str(counted.options[-1].min)

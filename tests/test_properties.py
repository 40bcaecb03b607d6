"""The safety properties of content/invariants.yaml and the exclusive strategies hold for every
patient of the input space: one walk, the same as `spineedu validate --walk`."""

from __future__ import annotations

import pytest

from spineedu.properties import check_all

# the properties that replaced tests/test_clinical_invariants.py: they must stay in the content
SECOND_EDITION = {
    "frail-no-curative-surgery-first-line", "frail-no-intensive-sarcoma-chemotherapy",
    "frail-malignant-palliative-care-first-line", "cord-compression-steroids-and-urgent-pathway",
    "cord-compression-urgent-local-treatment", "cord-compression-chemosensitive-primary",
    "radioresistant-compression-unknown-fitness", "stable-spine-not-stabilized",
    "no-cement-into-a-compressed-canal", "no-immunotherapy-where-not-standard",
    "subtype-dependent-drugs-wait-for-the-subtype",
}
EXCLUSIVE = {"en-bloc-or-intralesional-surgery", "observation-or-active-treatment",
             "one-radiotherapy-technique-per-lesion",
             "thermal-ablation-or-surgery-for-a-compressing-tumour"}


@pytest.fixture(scope="module")
def walked(kb):
    return check_all(kb)


def test_every_property_holds_for_every_patient(walked):
    shown = [str(v) for v in walked.violations[:20]]
    assert not walked.violations, f"{len(walked.violations)} violations, first: {shown}"


def test_the_walk_is_the_whole_input_space(walked, kb):
    stages = sum(len(t.stage_ids()) for t in kb.cancer_types.values())
    assert walked.plans > stages * 6 * 3  # every stage, at every ECOG and deficit at least


def test_the_properties_of_earlier_editions_are_still_stated(kb):
    assert set(kb.invariants) >= SECOND_EDITION
    assert {s.id for s in kb.exclusive_sets} >= EXCLUSIVE


def _patient_of(case):
    from spineedu.input_space import Patient
    from spineedu.rules import PatientFactors

    return Patient(case.type, case.stage, PatientFactors(
        escc=case.escc, sins=case.sins, ecog=case.ecog, neuro_deficit=case.neuro_deficit,
        subtype=case.subtype, resectable=case.resectable))


def test_no_vignette_teaches_a_plan_that_breaks_a_property(kb):
    from spineedu.properties import plan_violations

    for case in kb.cases.values():
        patient = _patient_of(case)
        assert not list(plan_violations(kb, patient, patient.recommend(kb))), case.id


def test_no_practice_question_teaches_a_plan_that_breaks_a_property(kb):
    """Every patient a generated question shows, and every patient one of its options makes."""
    from spineedu.practice import practice_question
    from spineedu.properties import plan_violations

    for seed in range(150):
        question = practice_question(seed, kb)
        shown = [question.patient] + [
            question.patient.with_value(option.factor, option.value)  # type: ignore[arg-type]
            for option in question.options if option.factor]
        for patient in shown:
            found = list(plan_violations(kb, patient, patient.recommend(kb)))
            assert not found, (seed, [str(v) for v in found])

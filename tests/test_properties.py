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

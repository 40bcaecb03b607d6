"""Safety invariants of the clinical model, checked over the whole input space at the band edges.

Every type x stage x subtype x resectable, with ESCC, SINS (band edges), ECOG and deficit varied:
nothing raises, every answer has a first-line item, and none of these plans can be taught:
surgery or intensive chemotherapy first-line in a frail patient, cord compression without
steroids and an urgent local treatment, cement into a compressed canal, fixation of a stable
spine, immunotherapy where it is not standard care, a subtype-dependent drug offered without its
subtype.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

from spineedu.content_model import ESCC_GRADES
from spineedu.engine import InvalidInputError, Recommendation, factors_used, recommend

ESCC = (None, *ESCC_GRADES)
SINS_EDGES = (None, 0, 6, 7, 12, 13, 18)
ECOG = (None, 0, 1, 2, 3, 4)
NEURO = (None, True, False)
HIGH_GRADE = ("2", "3")
URGENT_LOCAL = {"decompression-surgery", "conventional-radiotherapy", "stereotactic-radiotherapy",
                "en-bloc-resection"}  # urgent en bloc is itself the decompression (resectable)
RADIOTHERAPY = {"conventional-radiotherapy", "stereotactic-radiotherapy", "proton-therapy",
                "ig-imrt", "cyberknife"}
CHEMO_AND_RADIATION_FIRST = {"ewing-sarcoma", "spinal-lymphoma"}
INTENSIVE_CHEMOTHERAPY_TYPES = {"osteosarcoma", "ewing-sarcoma"}  # MAP, VDC/IE
NO_IMMUNOTHERAPY = {"prostate-metastasis", "thyroid-metastasis"}
SURGICAL_CURE = {"en-bloc-resection", "stem-cell-transplant"}


def walk(kb) -> Iterator[tuple[dict, Recommendation]]:
    for cancer_type in kb.cancer_types.values():
        resectables = (None, True, False) if "resectable" in factors_used(
            kb, cancer_type.id) else (None,)
        for stage, resectable in itertools.product(cancer_type.stage_ids(), resectables):
            yield from _walk_stage(kb, cancer_type, stage, resectable)


def subtypes_at(cancer_type, stage: str) -> list[str]:
    """The subtypes the content allows at this stage (a high-grade subtype has no stage I)."""
    return [s.id for s in cancer_type.subtypes if s.stages is None or stage in s.stages]


def _walk_stage(kb, cancer_type, stage, resectable) -> Iterator[tuple[dict, Recommendation]]:
    for subtype in (None, *subtypes_at(cancer_type, stage)):
        for escc, sins, ecog, neuro in itertools.product(ESCC, SINS_EDGES, ECOG, NEURO):
            inputs = dict(type_id=cancer_type.id, stage=stage, escc=escc, sins=sins, ecog=ecog,
                          neuro_deficit=neuro, subtype=subtype, resectable=resectable)
            yield inputs, recommend(**inputs, knowledge_base=kb)


@pytest.fixture(scope="module")
def plans(kb) -> list[tuple[dict, Recommendation]]:
    return list(walk(kb))


def violations(plans, check) -> list[str]:
    found = [f"{inputs}: {problem}" for inputs, result in plans
             if (problem := check(inputs, result))]
    return found[:10] + ([f"... and {len(found) - 10} more"] if len(found) > 10 else [])


def levels(result: Recommendation) -> dict[str, str]:
    return {d.treatment.id: d.level for d in result.treatments}


def first_line(result: Recommendation) -> set[str]:
    return {d.treatment.id for d in result.at_level("first-line")}


def test_every_combination_is_suitable_with_a_first_line_item_and_reasons(plans):
    def check(inputs, result):
        if not result.suitable:
            return result.message
        if not first_line(result):
            return "no first-line treatment"
        if any(not d.reasons or not d.references for d in result.treatments):
            return "a treatment without its reasons"
        return None

    assert not violations(plans, check)


def test_1_frail_patients_get_no_curative_surgery_or_intensive_therapy_first_line(plans, kb):
    def check(inputs, result):
        if (inputs["ecog"] or 0) < 3:
            return None
        cancer_type = kb.cancer_types[inputs["type_id"]]
        wrong = first_line(result) & SURGICAL_CURE
        if inputs["type_id"] in INTENSIVE_CHEMOTHERAPY_TYPES and "chemotherapy" in first_line(
                result):
            wrong.add("chemotherapy")
        if wrong:
            return f"first-line at ECOG {inputs['ecog']}: {sorted(wrong)}"
        if cancer_type.behaviour_of(inputs["stage"]) == "malignant" and (
                levels(result).get("palliative-care") != "first-line"):
            return "palliative care not first-line"
        return None

    assert not violations(plans, check)


def test_2_cord_compression_brings_steroids_and_an_urgent_local_treatment(plans, kb):
    def check(inputs, result):
        cancer_type = kb.cancer_types[inputs["type_id"]]
        compressed = inputs["escc"] in HIGH_GRADE or inputs["neuro_deficit"] is True
        if cancer_type.compartment != "extradural" or not compressed:
            return None
        plan = levels(result)
        if plan.get("corticosteroids") not in ("first-line", "adjunct", "consider"):
            return f"corticosteroids {plan.get('corticosteroids')}"
        if "mscc-urgent-pathway" not in {p.id for p in result.pathways}:
            return "no urgent pathway"
        if first_line(result) & URGENT_LOCAL:
            return None
        if inputs["type_id"] in CHEMO_AND_RADIATION_FIRST and "chemotherapy" in first_line(
                result) and any(plan.get(t) in ("first-line", "adjunct", "consider")
                                for t in RADIOTHERAPY):
            return None
        return f"no urgent local treatment first-line: {sorted(first_line(result))}"

    assert not violations(plans, check)


def test_3_unknown_fitness_with_compression_and_deficit_in_radioresistant_metastasis(plans, kb):
    def check(inputs, result):
        cancer_type = kb.cancer_types[inputs["type_id"]]
        if not (cancer_type.group == "metastatic" and cancer_type.compartment == "extradural"
                and cancer_type.radiosensitivity in ("resistant", "intermediate")
                and inputs["ecog"] is None and inputs["escc"] in HIGH_GRADE
                and inputs["neuro_deficit"] is True):
            return None
        plan = levels(result)
        if plan.get("decompression-surgery") not in ("first-line", "adjunct", "consider"):
            return f"decompression {plan.get('decompression-surgery')}"
        if not first_line(result) & RADIOTHERAPY:
            return "no radiotherapy first-line"
        if all(d.treatment.family == "systemic" for d in result.at_level("first-line")):
            return "first line is systemic therapy alone"
        return None

    assert not violations(plans, check)


def test_4_a_stable_spine_is_not_stabilized(plans):
    def check(inputs, result):
        if inputs["sins"] is None or inputs["sins"] > 6:
            return None
        level = levels(result).get("spinal-stabilization")
        return f"stabilization {level} at SINS {inputs['sins']}" if level not in (
            None, "not-indicated") else None

    assert not violations(plans, check)


def test_5_no_cement_with_high_grade_compression(plans):
    def check(inputs, result):
        if inputs["escc"] not in HIGH_GRADE:
            return None
        plan = levels(result)
        wrong = [t for t in ("vertebroplasty", "kyphoplasty")
                 if plan.get(t) not in (None, "not-indicated")]
        return f"{wrong} offered at ESCC {inputs['escc']}" if wrong else None

    assert not violations(plans, check)


def test_6_immunotherapy_only_where_it_is_standard_care(plans):
    def check(inputs, result):
        if inputs["type_id"] not in NO_IMMUNOTHERAPY:
            return None
        level = levels(result).get("immunotherapy")
        return f"immunotherapy {level}" if level not in (None, "not-indicated") else None

    assert not violations(plans, check)


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower())


def test_7_without_a_subtype_subtype_dependent_drugs_are_consider_and_say_why(kb):
    """A drug whose level differs between subtypes depends on the subtype: with the subtype not
    given (and fitness not limiting) it is `consider`, and its reason names a subtype."""
    problems = []
    for cancer_type in kb.cancer_types.values():
        if not cancer_type.subtypes:
            continue
        names = [_words(s.name) for s in cancer_type.subtypes]
        for stage in cancer_type.stage_ids():
            by_subtype = [levels(recommend(cancer_type.id, stage, subtype=s, ecog=1))
                          for s in subtypes_at(cancer_type, stage)]
            unknown = recommend(cancer_type.id, stage, ecog=1)
            for decision in unknown.treatments:
                if decision.treatment.family != "systemic":
                    continue
                varies = len({plan.get(decision.treatment.id) for plan in by_subtype}) > 1
                if not varies:
                    continue
                said = " ".join(_words(r.text) for r in decision.reasons)
                if decision.level != "consider" or not any(n in said for n in names):
                    problems.append(f"{cancer_type.id} {stage} {decision.treatment.id}: "
                                    f"{decision.level}, reason names no subtype")
    assert not problems, problems


def test_a_high_grade_subtype_at_a_low_grade_stage_is_not_suitable():
    for type_id, subtype in (("chondrosarcoma", "dedifferentiated"),
                             ("chondrosarcoma", "mesenchymal"),
                             ("chordoma", "poorly-differentiated"),
                             ("chordoma", "dedifferentiated")):
        assert not recommend(type_id, "IA", subtype=subtype, on_invalid="not-suitable").suitable
        with pytest.raises(InvalidInputError, match="does not occur at stage IA"):
            recommend(type_id, "IA", subtype=subtype)  # in code: an error, not a referral
        assert recommend(type_id, "IIB", subtype=subtype).suitable

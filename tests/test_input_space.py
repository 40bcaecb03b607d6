"""The one walker of the input space (spineedu/input_space.py): what it offers is what the
explorer asks, what-if tries, practice draws from and the safety properties are proven over."""

from __future__ import annotations

from spineedu.content_model import ESCC_GRADES
from spineedu.input_space import factor_values, patients, sins_edges
from spineedu.whatif import alternatives, what_if


def test_the_sins_edges_are_every_band_boundary_the_rules_use(kb):
    edges = sins_edges(kb)
    assert {0, 18} <= set(edges)
    for rule in kb.rules:
        if rule.when.sins_min is not None:
            assert {rule.when.sins_min - 1, rule.when.sins_min} & set(range(19)) <= set(edges)
        if rule.when.sins_max is not None:
            assert {rule.when.sins_max, min(rule.when.sins_max + 1, 18)} <= set(edges)


def test_the_bilsky_grade_is_offered_only_for_extradural_tumours(kb):
    for cancer_type in kb.cancer_types.values():
        stage = cancer_type.stage_ids()[0]
        values = factor_values(kb, cancer_type, stage, "escc")
        if cancer_type.compartment == "extradural":
            assert values == (None, *ESCC_GRADES)
        else:
            assert values == (None,), cancer_type.id


def test_what_if_never_offers_a_bilsky_grade_inside_the_dura(kb):
    from spineedu.input_space import Patient

    for type_id in ("meningioma", "astrocytoma", "leptomeningeal-metastasis"):
        stage = kb.cancer_types[type_id].stage_ids()[0]
        assert alternatives(Patient(type_id, stage), "escc", kb) == []
        assert not [c for c in what_if(type_id, stage, ecog=1) if c.factor == "escc"]


def test_the_walk_covers_every_type_stage_subtype_and_resectability(kb):
    seen = {(p.type_id, p.stage, p.factors.subtype, p.factors.resectable) for p in patients(kb)}
    for cancer_type in kb.cancer_types.values():
        for stage in cancer_type.stage_ids():
            for subtype in factor_values(kb, cancer_type, stage, "subtype"):
                for resectable in factor_values(kb, cancer_type, stage, "resectable"):
                    assert (cancer_type.id, stage, subtype, resectable) in seen

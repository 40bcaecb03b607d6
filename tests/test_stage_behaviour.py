"""Behaviour follows grade: a stage may override its type's benign/malignant behaviour."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from spineedu.engine import recommend
from spineedu.knowledge_base import load_knowledge_base


def test_pilocytic_astrocytoma_is_benign_the_other_grades_malignant(kb):
    astrocytoma = kb.cancer_types["astrocytoma"]
    assert astrocytoma.behaviour == "malignant"
    assert astrocytoma.behaviour_of("grade-1") == "benign"
    for grade in ("grade-2", "grade-3", "grade-4"):
        assert astrocytoma.behaviour_of(grade) == "malignant", grade


def test_grade_3_meningioma_is_malignant_grade_1_benign(kb):
    meningioma = kb.cancer_types["meningioma"]
    assert meningioma.behaviour == "benign"
    assert meningioma.behaviour_of("grade-1") == "benign"
    assert meningioma.behaviour_of("grade-3") == "malignant"


def test_a_stage_without_behaviour_inherits_the_type(kb):
    chordoma = kb.cancer_types["chordoma"]
    assert all(stage.behaviour is None for stage in chordoma.staging.stages)
    assert {chordoma.behaviour_of(s) for s in chordoma.stage_ids()} == {chordoma.behaviour}


def test_behaviour_of_an_unknown_stage_is_an_error(kb):
    with pytest.raises(KeyError):
        kb.cancer_types["meningioma"].behaviour_of("grade-9")


def test_stage_behaviour_must_be_benign_borderline_or_malignant(write_content):
    def edit(files):
        files["types/tumour-x.yaml"]["cancer_types"][0]["staging"]["stages"][0]["behaviour"] = (
            "uncertain")

    with pytest.raises(Exception, match="behaviour"):
        load_knowledge_base(write_content(edit))


def test_stages_json_gives_each_stage_its_behaviour():
    done = subprocess.run(
        [sys.executable, "-m", "spineedu", "stages", "--type", "astrocytoma", "--json"],
        capture_output=True, text=True, check=True,
    )
    behaviour = {s["id"]: s["behaviour"] for s in json.loads(done.stdout)["stages"]}
    assert behaviour == {"grade-1": "benign", "grade-2": "malignant", "grade-3": "malignant",
                         "grade-4": "malignant"}


SUPPORTIVE = ("rehabilitation", "counselling-support", "integrative-medicine", "second-opinion",
              "palliative-care")


def test_no_supportive_care_for_an_incidental_benign_lesion_under_observation():
    for type_id in ("vertebral-hemangioma", "osteoid-osteoma"):
        plan = recommend(type_id, "1")
        assert plan.level_of("observation") == "first-line", type_id
        for treatment_id in SUPPORTIVE:
            assert plan.level_of(treatment_id) is None, (type_id, treatment_id)


def test_supportive_care_returns_for_active_lesions_or_a_deficit():
    assert recommend("vertebral-hemangioma", "3").level_of("rehabilitation") == "adjunct"
    assert recommend("osteoid-osteoma", "2").level_of("counselling-support") == "adjunct"
    assert recommend("vertebral-hemangioma", "1", neuro_deficit=True).level_of(
        "rehabilitation") == "adjunct"


def test_a_rule_can_condition_on_the_behaviour_at_the_stage(write_content):
    def edit(files):
        tumour = files["types/tumour-x.yaml"]
        tumour["cancer_types"][0]["staging"]["stages"][0]["behaviour"] = "benign"
        tumour["rules"].append({
            "id": "tumour-x-no-surgery-if-benign", "treatment": "surgery-x",
            "level": "not-indicated", "priority": 1, "when": {"behaviour": "benign"},
            "reason": "A benign stage of tumour X needs no surgery.", "references": ["ref-a"],
            "last_reviewed": "2026-01-01",
        })
        tumour["rules"].append(dict(tumour["rules"][0], id="tumour-x-surgery-ia-fallback",
                                    priority=2, when={"stages": ["IA"]}))

    kb = load_knowledge_base(write_content(edit))
    assert recommend("tumour-x", "IB", knowledge_base=kb).level_of("surgery-x") == "first-line"
    plan = recommend("tumour-x", "IA", knowledge_base=kb)
    deciding = {r.rule_id for d in plan.treatments for r in d.reasons}
    assert "tumour-x-no-surgery-if-benign" not in deciding  # overridden at priority 2
    decision = plan.treatments[0]
    assert "tumour-x-no-surgery-if-benign" in decision.overridden

"""What would change this plan: the changes are exactly the differences of two `recommend`
calls (checked over random patients against a difference computed here, independently), every
change names an existing rule, and the CLI says the same as JSON and as text."""

from __future__ import annotations

import json
import random

import pytest

from spineedu.cli import main
from spineedu.content_model import ESCC_GRADES
from spineedu.engine import recommend
from spineedu.input_space import factor_values
from spineedu.knowledge_base import default_knowledge_base
from spineedu.whatif import FACTORS, compare, grouped, what_if

KB = default_knowledge_base()
RULES = {rule.id: rule for rule in KB.rules}


def random_patient(rng: random.Random) -> tuple[str, str, dict]:
    """A patient drawn from the walker's values (each factor only where it is asked)."""
    cancer_type = rng.choice(list(KB.cancer_types.values()))
    stage = rng.choice(cancer_type.stage_ids())
    factors = {name: rng.choice(factor_values(KB, cancer_type, stage, name))
               for name in ("escc", "sins", "ecog", "neuro_deficit", "resectable", "subtype")}
    return cancer_type.id, stage, factors


def levels(plan) -> dict[str, str]:
    return {d.treatment.id: d.level for d in plan.treatments}


@pytest.mark.parametrize("seed", range(40))
def test_changes_are_exactly_the_differences_of_two_recommend_calls(seed):
    rng = random.Random(seed)
    type_id, stage, factors = random_patient(rng)
    changes = what_if(type_id, stage, **factors)
    base = levels(recommend(type_id, stage, **factors))
    cancer_type = KB.cancer_types[type_id]
    for factor in FACTORS:  # every alternative value of every factor, recomputed here
        if factor == "stage":
            values = [s for s in cancer_type.stage_ids() if s != stage]
        else:
            values = {"escc": [None, *ESCC_GRADES], "sins": [None, *range(19)],
                      "ecog": [None, *range(5)], "neuro_deficit": [None, True, False],
                      "resectable": [None, True, False],
                      "subtype": [None, *cancer_type.subtype_ids()]}[factor]
            values = [v for v in values if v != factors[factor]]
        for value in values:
            neighbour = {"stage": stage, **factors}
            neighbour[factor] = value
            plan = recommend(type_id, neighbour.pop("stage"), **neighbour,
                             on_invalid="not-suitable")
            expected = set()
            if plan.suitable:
                other = levels(plan)
                expected = {(t, base.get(t), other.get(t)) for t in {*base, *other}
                            if base.get(t) != other.get(t)}
            found = {(c.treatment, c.before, c.after) for c in changes
                     if c.factor == factor and c.value == value}
            assert found == expected, (factor, value)


@pytest.mark.parametrize("seed", range(10))
def test_every_change_names_an_existing_rule_for_its_treatment(seed):
    type_id, stage, factors = random_patient(random.Random(1000 + seed))
    sets = {s.id: {t for members in s.strategies.values() for t in members}
            for s in KB.exclusive_sets}
    for change in what_if(type_id, stage, **factors):
        if change.rule in sets:  # an exclusive set lowered it
            assert change.treatment in sets[change.rule]
        else:
            assert RULES[change.rule].treatment == change.treatment


def test_high_grade_compression_makes_separation_surgery_first_line():
    changes = what_if("renal-cell-metastasis", "oligometastatic", ecog=1)
    surgery = [c for c in changes if c.factor == "escc" and c.treatment == "decompression-surgery"]
    assert {c.value for c in surgery if c.after == "first-line"} == {"2", "3"}
    assert all(c.before is None for c in surgery)


def test_equal_effects_are_said_once():
    groups = grouped(what_if("renal-cell-metastasis", "oligometastatic", ecog=1))
    texts = [g.values_text() for g in groups]
    assert "any SINS from 13 to 18" in texts
    assert "ESCC 2 or 3" in texts


def test_a_plan_no_single_change_moves_has_no_changes_and_unsuitable_input_none():
    assert what_if("chordoma", "IB", sins=25) == ()


def test_compare_lists_only_the_treatments_at_different_levels():
    first = recommend("chordoma", "IB")
    second = recommend("chordoma", "IB", resectable=False)
    differences = compare(first, second)
    assert differences and all(d.first != d.second for d in differences)
    en_bloc = next(d for d in differences if d.treatment == "en-bloc-resection")
    assert (en_bloc.first, en_bloc.second) == ("first-line", "not-indicated")
    assert RULES[en_bloc.second_rule].treatment == "en-bloc-resection"
    assert compare(first, first) == ()


def test_cli_whatif_json(capsys):
    code = main(["whatif", "--type", "renal-cell-metastasis", "--stage", "oligometastatic",
                 "--ecog", "1", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"factor": "escc", "value": "3", "treatment": "decompression-surgery",
            "from": "absent", "to": "first-line",
            "rule": "noms-separation-surgery-radioresistant-high-grade-escc"} in data["changes"]
    set_ids = {s.id for s in KB.exclusive_sets}
    assert all(c["factor"] in FACTORS and c["rule"] in {*RULES, *set_ids}
               for c in data["changes"])
    assert any(g["when"] == "any SINS from 13 to 18" for g in data["groups"])


def test_cli_whatif_text_and_unsuitable(capsys):
    assert main(["whatif", "--type", "chordoma", "--stage", "IB"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("What would change this plan? Chordoma, stage IB")
    assert "With resectable no:" in out and "[rule " in out
    assert main(["whatif", "--type", "chordoma", "--stage", "IB", "--sins", "30"]) == 3


def test_cli_compare(capsys):
    code = main(["compare", "type=chordoma,stage=IB", "type=chordoma,stage=IB,resectable=no",
                 "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"treatment": "en-bloc-resection", "first": "first-line",
            "second": "not-indicated"}.items() <= next(
        d for d in data["differences"] if d["treatment"] == "en-bloc-resection").items()
    assert main(["compare", "type=chordoma", "type=chordoma,stage=IB"]) == 2
    assert "needs stage" in capsys.readouterr().err
    assert main(["compare", "type=chordoma,stage=IB,sins=x", "type=chordoma,stage=IB"]) == 2
    assert main(["compare", "type=nope,stage=IB", "type=chordoma,stage=IB"]) == 3


def test_not_knowing_a_fact_is_said_as_such():
    groups = grouped(what_if("renal-cell-metastasis", "oligometastatic", ecog=1, escc="3"))
    texts = [g.condition_text() for g in groups]
    assert "If ESCC were not known" in texts and "If ECOG were not known" in texts
    assert "If it were stage polymetastatic" in texts
    assert not any(text.startswith("With") and "not given" in text for text in texts)

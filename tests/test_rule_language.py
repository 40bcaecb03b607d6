"""The rule language, one construct a test, on small made-up content (tests/conftest.py):
level rules, caps that only lower, exclusive strategies and their leaders, `except_types`, and
the parts of a safety property. The meaning under test lives in spineedu/rules.py and
spineedu/properties.py; the content guide says the same for an educator."""

from __future__ import annotations

import pytest

from spineedu.content_model import Expectation
from spineedu.engine import recommend
from spineedu.input_space import Patient
from spineedu.knowledge_base import ContentError, load_knowledge_base
from spineedu.properties import check_all, expectation_problem
from spineedu.rules import PatientFactors

DATE = "2026-01-01"


def _treatment(treatment_id: str, family: str = "surgery") -> dict:
    return {"id": treatment_id, "name": treatment_id.title(), "family": family,
            "description": "A made-up treatment for tests.", "delivery": "Somewhere.",
            "benefits": ["some"], "risks": ["some"], "references": ["ref-a"],
            "last_reviewed": DATE}


def _rule(rule_id: str, treatment: str, when: dict | None = None, **fields) -> dict:
    return {"id": rule_id, "treatment": treatment, "when": when or {"types": ["tumour-x"]},
            "reason": f"The reason of {rule_id}.", "references": ["ref-a"],
            "last_reviewed": DATE, **fields}


def _kb(write_content, rules=(), exclusive_sets=(), invariants=(), treatments=("rt-y",)):
    def edit(files):
        files["treatments.yaml"]["treatments"] += [
            _treatment(t, "radiation" if t.startswith("rt") else "surgery") for t in treatments]
        files["types/tumour-x.yaml"]["rules"] += list(rules)
        files["rules.yaml"] = {"exclusive_sets": list(exclusive_sets),
                               "invariants": list(invariants)}
    return load_knowledge_base(write_content(edit))


def _level(kb, treatment, **factors):
    return recommend("tumour-x", "IA", knowledge_base=kb, **factors).level_of(treatment)


def test_a_cap_lowers_a_treatment_in_the_plan_and_its_reasons_show_both_rules(write_content):
    kb = _kb(write_content, rules=[
        _rule("rt-y-first", "rt-y", level="first-line"),
        _rule("rt-y-frail-cap", "rt-y", {"ecog_min": 3}, at_most="consider")])
    assert _level(kb, "rt-y", ecog=1) == "first-line"
    decision = next(d for d in recommend("tumour-x", "IA", ecog=3, knowledge_base=kb).treatments
                    if d.treatment.id == "rt-y")
    assert decision.level == "consider"
    assert [r.rule_id for r in decision.reasons] == ["rt-y-frail-cap", "rt-y-first"]
    assert decision.reasons[0].lowered_from == "first-line"


def test_a_cap_never_adds_a_treatment(write_content):
    kb = _kb(write_content, rules=[_rule("rt-y-cap", "rt-y", {"ecog_min": 3}, at_most="consider")])
    assert _level(kb, "rt-y", ecog=4) is None


def test_a_cap_above_the_level_changes_nothing_and_the_lowest_cap_wins(write_content):
    kb = _kb(write_content, rules=[
        _rule("rt-y-consider", "rt-y", level="consider"),
        _rule("rt-y-cap-adjunct", "rt-y", at_most="adjunct"),
        _rule("rt-y-cap-none", "rt-y", {"ecog_min": 4}, at_most="not-indicated")])
    assert _level(kb, "rt-y", ecog=3) == "consider"
    assert _level(kb, "rt-y", ecog=4) == "not-indicated"


@pytest.mark.parametrize("fields, message", [
    ({"level": "first-line", "at_most": "consider"}, "either 'level'"),
    ({}, "either 'level'"),
    ({"at_most": "consider", "priority": 2}, "takes no 'step' or 'priority'"),
])
def test_a_rule_sets_or_caps_and_a_cap_has_no_priority(write_content, fields, message):
    with pytest.raises(ContentError, match=message):
        _kb(write_content, rules=[_rule("rt-y-wrong", "rt-y", **fields)])


EXCLUSIVE = {
    "id": "surgery-or-rt", "statement": "Surgery X and RT Y are two ways to treat one lesion.",
    "strategies": {"surgery": ["surgery-x"], "radiation": ["rt-y"]},
    "leaders": [
        {"when": {"ecog_min": 3}, "leads": "radiation",
         "reason": "A frail patient has the radiotherapy.", "references": ["ref-a"]},
        {"leads": "surgery", "reason": "Surgery leads for the fit patient.",
         "references": ["ref-a"]},
    ],
    "references": ["ref-a"], "last_reviewed": DATE,
}


def test_an_exclusive_set_keeps_its_leader_first_line_and_lowers_the_other(write_content):
    kb = _kb(write_content, rules=[_rule("rt-y-first", "rt-y", level="first-line")],
             exclusive_sets=[EXCLUSIVE])
    fit = recommend("tumour-x", "IA", ecog=1, knowledge_base=kb)
    assert (fit.level_of("surgery-x"), fit.level_of("rt-y")) == ("first-line", "consider")
    lowered = next(d for d in fit.treatments if d.treatment.id == "rt-y")
    assert lowered.reasons[0].rule_id == "surgery-or-rt"
    assert lowered.reasons[0].text == "Surgery leads for the fit patient."
    frail = recommend("tumour-x", "IA", ecog=3, knowledge_base=kb)
    assert (frail.level_of("surgery-x"), frail.level_of("rt-y")) == ("consider", "first-line")


def test_an_exclusive_set_holds_only_where_its_when_any_does(write_content):
    limited = {**EXCLUSIVE, "when_any": [{"neuro_deficit": True}]}
    kb = _kb(write_content, rules=[_rule("rt-y-first", "rt-y", level="first-line")],
             exclusive_sets=[limited])
    assert _level(kb, "rt-y") == "first-line"
    assert _level(kb, "rt-y", neuro_deficit=True) == "consider"


@pytest.mark.parametrize("change, message", [
    ({"leaders": [{"leads": "nothing", "reason": "No such strategy here.",
                   "references": ["ref-a"]}]}, "is not one of the strategies"),
    ({"leaders": EXCLUSIVE["leaders"][:1]}, "the last of 'leaders' needs no 'when'"),
    ({"others_at": "first-line"}, "below first-line"),
    ({"strategies": {"surgery": ["surgery-x"], "radiation": ["rt-unknown"]}},
     "unknown treatment 'rt-unknown'"),
])
def test_a_malformed_exclusive_set_is_named(write_content, change, message):
    with pytest.raises(ContentError, match=message):
        _kb(write_content, exclusive_sets=[{**EXCLUSIVE, **change}])


def test_except_types_leaves_out_the_named_types(write_content):
    with pytest.raises(ContentError, match="matches no cancer type"):  # its only type left out
        _kb(write_content, rules=[
            _rule("rt-y-everyone-else", "rt-y", {"compartments": ["extradural"],
                                                 "except_types": ["tumour-x"]}, level="adjunct")])
    with pytest.raises(ContentError, match="unknown cancer type 'tumour-z'"):
        _kb(write_content, rules=[_rule("rt-y-typo", "rt-y", {"except_types": ["tumour-z"]},
                                        level="adjunct")])


def _plan(write_content, rules):
    kb = _kb(write_content, rules=rules)
    return recommend("tumour-x", "IA", knowledge_base=kb)


@pytest.mark.parametrize("expectation, holds", [
    ({"at_least": [{"level": "first-line", "treatments": ["surgery-x"]}]}, True),
    ({"at_least": [{"level": "first-line", "treatments": ["surgery-x", "rt-y"]}]}, False),
    ({"at_least": [{"level": "first-line", "treatments": ["surgery-x", "rt-y"], "of": "any"}]},
     True),
    ({"at_most": [{"level": "adjunct", "treatments": ["rt-y"]}]}, True),
    ({"at_most": [{"level": "adjunct", "treatments": ["surgery-x"]}]}, False),
    ({"at_most": [{"level": "not-indicated", "treatments": ["rt-z"]}]}, True),  # absent
    ({"first_line_not_only": "surgery"}, False),
    ({"first_line_not_only": "systemic"}, True),
    ({"any_of": [{"at_most": [{"level": "consider", "treatments": ["surgery-x"]}]},
                 {"at_least": [{"level": "consider", "treatments": ["rt-y"]}]}]}, True),
    ({"any_of": [{"at_most": [{"level": "consider", "treatments": ["surgery-x"]}]},
                 {"pathways": ["urgent"]}]}, False),
])
def test_each_part_of_an_expectation(write_content, expectation, holds):
    plan = _plan(write_content, [_rule("rt-y-adjunct", "rt-y", level="adjunct")])
    problem = expectation_problem(Expectation.model_validate(expectation), plan)
    assert (problem is None) == holds, problem


def test_a_broken_property_is_found_named_with_its_patient_and_rule(write_content):
    invariant = {"id": "frail-no-surgery", "statement": "A frail patient has no surgery.",
                 "when": {"ecog_min": 3},
                 "then": {"at_most": [{"level": "consider", "treatments": ["surgery-x"]}]},
                 "references": ["ref-a"], "last_reviewed": DATE}
    kb = _kb(write_content, rules=[_rule("rt-y-first", "rt-y", level="first-line")],
             invariants=[invariant])
    found = check_all(kb).violations
    assert found and {v.property_id for v in found} == {"frail-no-surgery"}
    assert "ecog=3" in found[0].patient and "tumour-x-surgery" in found[0].rules
    capped = _kb(write_content, invariants=[invariant], rules=[
        _rule("surgery-x-frail", "surgery-x", {"ecog_min": 3}, at_most="consider"),
        _rule("rt-y-first", "rt-y", level="first-line")])
    assert not check_all(capped).violations


def test_never_raised_by_ecog_catches_a_rule_that_adds_for_the_frail(write_content):
    invariant = {"id": "fitness-lowers", "statement": "Frailer never means more surgery.",
                 "never_raised_by": "ecog", "treatments": ["rt-y"],
                 "references": ["ref-a"], "last_reviewed": DATE}
    adds = _kb(write_content, invariants=[invariant],
               rules=[_rule("rt-y-frail", "rt-y", {"ecog_min": 3}, level="consider")])
    found = check_all(adds).violations
    assert found and all(v.property_id == "fitness-lowers" for v in found)
    assert "rt-y absent at ECOG 2 but consider at ECOG 3" in {v.problem for v in found}
    caps = _kb(write_content, invariants=[invariant], rules=[
        _rule("rt-y-first", "rt-y", level="first-line"),
        _rule("rt-y-frail", "rt-y", {"ecog_min": 3}, at_most="consider")])
    assert not check_all(caps).violations


def test_step_max_asks_for_a_treatment_done_at_the_first_step(write_content):
    urgent = Expectation.model_validate(
        {"at_least": [{"level": "adjunct", "treatments": ["rt-y"], "step_max": 1}]})
    later = _plan(write_content, [_rule("rt-y-later", "rt-y", level="adjunct", step=2)])
    assert "by step 1" in (expectation_problem(urgent, later) or "")
    now = _plan(write_content, [_rule("rt-y-now", "rt-y", level="adjunct", step=1)])
    assert expectation_problem(urgent, now) is None
    unsaid = _plan(write_content, [_rule("rt-y-some-time", "rt-y", level="adjunct")])
    assert "by step 1" in (expectation_problem(urgent, unsaid) or "")  # no step: not "done by"
    with pytest.raises(ValueError, match="'step_max' belongs in 'at_least'"):
        Expectation.model_validate(
            {"at_most": [{"level": "adjunct", "treatments": ["rt-y"], "step_max": 1}]})


def test_same_as_not_given_catches_a_normal_finding_that_changes_the_plan(write_content):
    invariant = {"id": "normal-grade-changes-nothing",
                 "statement": "A normal grade does not change what leads.",
                 "same_as_not_given": "escc", "values": ["0"], "treatments": ["rt-y"],
                 "references": ["ref-a"], "last_reviewed": DATE}
    flips = _kb(write_content, invariants=[invariant],
                rules=[_rule("rt-y-grade-0", "rt-y", {"types": ["tumour-x"], "escc": ["0"]},
                             level="first-line")])
    found = check_all(flips).violations
    assert found and all(v.property_id == "normal-grade-changes-nothing" for v in found)
    assert "rt-y first-line with escc=0 but absent with escc not given" in {
        v.problem for v in found}
    steady = _kb(write_content, invariants=[invariant],
                 rules=[_rule("rt-y-first", "rt-y", level="first-line")])
    assert not check_all(steady).violations


def test_exclusive_sets_are_properties_of_the_walk(write_content):
    kb = _kb(write_content, rules=[_rule("rt-y-first", "rt-y", level="first-line")],
             exclusive_sets=[EXCLUSIVE])
    assert not check_all(kb).violations  # the engine resolved every conflict
    plan = recommend("tumour-x", "IA", knowledge_base=kb)
    assert len({d.treatment.id for d in plan.at_level("first-line")}
               & {"surgery-x", "rt-y"}) == 1


def test_the_bilsky_grade_is_not_asked_inside_the_dura(write_content):
    def intradural(files):
        files["types/tumour-x.yaml"]["cancer_types"][0].update(
            group="intradural", compartment="intradural-extramedullary")
    kb = load_knowledge_base(write_content(intradural))
    assert not recommend("tumour-x", "IA", escc="3", knowledge_base=kb,
                         on_invalid="not-suitable").suitable
    assert all(p.factors.escc is None for p in _walked(kb))


def _walked(kb):
    from spineedu.input_space import patients
    return list(patients(kb))


def test_a_patient_is_one_recommend_call(kb):
    patient = Patient("chordoma", "IB", PatientFactors(ecog=1))
    assert patient.recommend(kb) == recommend("chordoma", "IB", ecog=1)

"""The subtype and resectable factors and `not_given` conditions, on small synthetic content, so
that the mechanics are tested apart from the medical content that uses them."""

from __future__ import annotations

import pytest

from spineedu.engine import InvalidInputError, factors_used, recommend
from spineedu.knowledge_base import collect_issues, load_knowledge_base

SUBTYPES = [
    {"id": "fast", "name": "Fast-growing", "description": "A subtype that grows quickly.",
     "references": ["ref-a"]},
    {"id": "slow", "name": "Slow-growing", "description": "A subtype that grows slowly.",
     "references": ["ref-a"]},
]


def _rule(rule_id: str, level: str, priority: int = 1, **when) -> dict:
    return {"id": rule_id, "treatment": "surgery-x", "level": level, "priority": priority,
            "when": {"types": ["tumour-x"], **when},
            "reason": f"Because of the rule {rule_id} here.", "references": ["ref-a"],
            "last_reviewed": "2026-01-01"}


def _with(*rules: dict, subtypes: list | None = None, pathways: list | None = None):
    def edit(files):
        tumour = files["types/tumour-x.yaml"]
        if subtypes is not None:
            tumour["cancer_types"][0]["subtypes"] = subtypes
        tumour["rules"].extend(rules)
        if pathways is not None:
            tumour["pathways"] = pathways
    return edit


@pytest.fixture
def subtype_kb(write_content):
    return load_knowledge_base(write_content(_with(
        _rule("x-fast", "not-indicated", subtypes=["fast"]),
        _rule("x-unresectable", "consider", priority=2, resectable=False),
        subtypes=SUBTYPES,
    )))


def test_a_subtype_rule_fires_only_for_its_subtype(subtype_kb):
    assert recommend("tumour-x", "IA", subtype="fast",
                     knowledge_base=subtype_kb).level_of("surgery-x") == "not-indicated"
    assert recommend("tumour-x", "IA", subtype="slow",
                     knowledge_base=subtype_kb).level_of("surgery-x") == "first-line"
    assert recommend("tumour-x", "IA", knowledge_base=subtype_kb).level_of(
        "surgery-x") == "first-line"


def test_resectable_rule_fires_only_when_given_and_equal(subtype_kb):
    def level(resectable):
        return recommend("tumour-x", "IA", resectable=resectable,
                         knowledge_base=subtype_kb).level_of("surgery-x")

    assert (level(False), level(True), level(None)) == ("consider", "first-line", "first-line")


@pytest.mark.parametrize("subtype", ["medium", "FAST", 3, ""])
def test_unknown_subtype_is_not_suitable(subtype_kb, subtype):
    result = recommend("tumour-x", "IA", subtype=subtype, knowledge_base=subtype_kb,
                       on_invalid="not-suitable")
    assert not result.suitable
    assert "its subtypes: fast, slow" in result.message
    assert "not suitable" in result.message


def test_subtype_for_a_type_without_subtypes_is_not_suitable(write_content):
    kb = load_knowledge_base(write_content())
    result = recommend("tumour-x", "IA", subtype="fast", knowledge_base=kb,
                       on_invalid="not-suitable")
    assert not result.suitable and "has no subtypes" in result.message


@pytest.mark.parametrize("resectable", ["yes", 1, "no"])
def test_resectable_must_be_yes_or_no(subtype_kb, resectable):
    assert not recommend("tumour-x", "IA", resectable=resectable, knowledge_base=subtype_kb,
                         on_invalid="not-suitable").suitable


def test_not_given_holds_only_while_the_factor_is_unknown(write_content):
    kb = load_knowledge_base(write_content(_with(
        _rule("x-fitness-unknown", "consider", escc=["3"], not_given=["ecog"]))))
    assert recommend("tumour-x", "IA", escc="3", knowledge_base=kb).level_of(
        "surgery-x") == "consider"
    assert recommend("tumour-x", "IA", escc="3", ecog=1, knowledge_base=kb).level_of(
        "surgery-x") == "first-line"


def test_factors_used_tells_the_views_what_to_ask(subtype_kb):
    assert {"subtype", "resectable"} <= factors_used(subtype_kb, "tumour-x")
    assert "escc" not in factors_used(subtype_kb, "tumour-x")


def test_a_pathway_shows_when_any_of_its_situations_applies(write_content):
    pathway = {"id": "urgent-x", "title": "Urgent pathway X",
               "when_any": [{"escc": ["2", "3"]}, {"neuro_deficit": True}],
               "steps": ["Do this first today."], "references": ["ref-a"],
               "last_reviewed": "2026-01-01"}
    kb = load_knowledge_base(write_content(_with(pathways=[pathway])))
    assert [p.id for p in recommend("tumour-x", "IA", escc="3", knowledge_base=kb).pathways] == [
        "urgent-x"]
    assert recommend("tumour-x", "IA", neuro_deficit=True, knowledge_base=kb).pathways
    assert not recommend("tumour-x", "IA", escc="1a", neuro_deficit=False,
                         knowledge_base=kb).pathways


def test_rule_naming_an_unknown_subtype_names_file_entry_and_field(write_content):
    _, issues = collect_issues(write_content(_with(
        _rule("x-typo", "consider", subtypes=["fsat"]), subtypes=SUBTYPES)))
    (message,) = [str(issue) for issue in issues]
    assert "content/types/tumour-x.yaml: rules[1] (id 'x-typo'), field 'when.subtypes.0'" in message
    assert "unknown subtype 'fsat'" in message


def test_subtype_with_unknown_reference_is_reported(write_content):
    broken = [dict(SUBTYPES[0], references=["nowhere-2020"]), SUBTYPES[1]]
    _, issues = collect_issues(write_content(_with(subtypes=broken)))
    (message,) = [str(issue) for issue in issues]
    assert "field 'subtypes.0.references.0'" in message and "nowhere-2020" in message


def test_unknown_factor_in_not_given_is_an_error(write_content):
    _, issues = collect_issues(write_content(_with(
        _rule("x-bad", "consider", not_given=["age"]))))
    assert any("when.not_given.0" in str(issue) for issue in issues)


def test_a_subtype_limited_to_some_stages_is_not_suitable_at_the_others(write_content):
    limited = [dict(SUBTYPES[0], stages=["IB"]), SUBTYPES[1]]
    kb = load_knowledge_base(write_content(_with(subtypes=limited)))
    result = recommend("tumour-x", "IA", subtype="fast", knowledge_base=kb,
                       on_invalid="not-suitable")
    assert not result.suitable and "does not occur at stage IA (its stages: IB)" in result.message
    with pytest.raises(InvalidInputError, match=r"does not occur at stage IA \(its stages: IB\)"):
        recommend("tumour-x", "IA", subtype="fast", knowledge_base=kb)
    assert recommend("tumour-x", "IB", subtype="fast", knowledge_base=kb).suitable
    assert recommend("tumour-x", "IA", subtype="slow", knowledge_base=kb).suitable


def test_a_subtype_naming_an_unknown_stage_is_an_error(write_content):
    _, issues = collect_issues(write_content(_with(
        subtypes=[dict(SUBTYPES[0], stages=["IV"]), SUBTYPES[1]])))
    (message,) = [str(issue) for issue in issues]
    assert "field 'subtypes.0.stages.0'" in message and "unknown stage 'IV'" in message


def test_two_rules_with_the_same_reason_say_it_once(write_content):
    twin = _rule("x-twin-a", "consider", escc=["3"])
    kb = load_knowledge_base(write_content(_with(
        twin, dict(twin, id="x-twin-b", when={"types": ["tumour-x"], "neuro_deficit": True}))))
    (decision,) = recommend("tumour-x", "IA", escc="3", neuro_deficit=True,
                            knowledge_base=kb).treatments
    assert decision.level == "consider" and len(decision.reasons) == 1

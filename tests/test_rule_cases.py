"""Each rule has a named case where it decides its treatment, and one where it does not.

The cases are written by hand in tests/rule_cases/, one file per content file, like the CDC's
computable guideline rules with their positive and negative test cases. Each case records the
level it expects (`level:`), so that changing a rule's level is a deliberate edit of its case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from spineedu.engine import recommend
from spineedu.knowledge_base import default_knowledge_base

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"


def _load_cases() -> dict[str, dict[str, Any]]:
    cases: dict[str, dict[str, Any]] = {}
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for rule_id, case in (yaml.safe_load(path.read_text()) or {}).items():
            assert rule_id not in cases, f"{path.name}: case for {rule_id} written twice"
            cases[rule_id] = case
    return cases


CASES = _load_cases()
RULE_IDS = [rule.id for rule in default_knowledge_base().rules]


def _deciding_rules(case: dict[str, Any], treatment_id: str) -> tuple[str | None, set[str]]:
    inputs = dict(case)
    result = recommend(inputs.pop("type"), str(inputs.pop("stage")), **inputs)
    assert result.suitable, result.message
    for decision in result.treatments:
        if decision.treatment.id == treatment_id:
            return decision.level, {reason.rule_id for reason in decision.reasons}
    return None, set()  # a cap whose treatment is not in the plan did nothing


def test_every_rule_has_cases():
    missing = sorted(set(RULE_IDS) - set(CASES))
    assert not missing, f"rules without test cases: {missing}"


def test_no_case_for_a_rule_that_does_not_exist():
    assert sorted(set(CASES) - set(RULE_IDS)) == []


def _rule_and_case(rule_id: str):
    if rule_id not in CASES:
        pytest.fail(f"no case for {rule_id}")
    rule = next(r for r in default_knowledge_base().rules if r.id == rule_id)
    return rule, CASES[rule_id]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fires_in_its_positive_case(rule_id):
    rule, case = _rule_and_case(rule_id)
    level, deciding = _deciding_rules(case["fires"], rule.treatment)
    assert rule_id in deciding, f"{rule_id} did not decide {rule.treatment} (level {level})"
    # the level the case's author expects: a level change in content needs this edit too
    assert level == case["level"], (
        f"{rule_id} now gives {rule.treatment} '{level}'; its case in tests/rule_cases/ "
        f"expects '{case['level']}': if the change is meant, edit the case's level")


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_does_not_fire_in_its_negative_case(rule_id):
    rule, case = _rule_and_case(rule_id)
    _, deciding = _deciding_rules(case["does_not_fire"], rule.treatment)
    assert rule_id not in deciding

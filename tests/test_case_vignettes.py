"""Every vignette in content/cases.yaml has exactly one right answer, and it is the engine's."""

from __future__ import annotations

import pytest

from spineedu.cases import case_plan, check_answer
from spineedu.knowledge_base import default_knowledge_base

CASES = list(default_knowledge_base().cases.values())


def test_there_are_at_least_eight_cases():
    assert len(CASES) >= 8


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_answer_is_first_line_and_no_other_option_is(case, kb):
    plan = case_plan(case, kb)
    assert plan.suitable, plan.message
    assert plan.level_of(case.answer) == "first-line"
    others = [o for o in case.options if o != case.answer]
    assert all(plan.level_of(o) != "first-line" for o in others)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_feedback_explains_with_the_engine_reasons(case, kb):
    wrong = next(o for o in case.options if o != case.answer)
    right = check_answer(case, case.answer, kb)
    missed = check_answer(case, wrong, kb)
    assert right.correct and not missed.correct
    assert right.answer.reasons and missed.answer == right.answer

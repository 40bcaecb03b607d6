"""The API lesson's checks: the right answer comes from the engine, a wrong or unset one gets
friendly feedback, and no answer a learner can type makes a check raise."""

from __future__ import annotations

import pytest

from spineedu import recommend
from spineedu.scores import sins_score
from spineedu.views import exercises
from spineedu.views.exercises import (
    check_exercise_1,
    check_exercise_2,
    check_exercise_3,
    check_exercise_4,
)

CHECKS = [check_exercise_1, check_exercise_2, check_exercise_3, check_exercise_4]


def _engine_answers() -> list[object]:
    type_id, stage, factors = exercises.EXERCISE_1
    first = recommend(type_id, stage, **factors).at_level("first-line")[0].treatment.id
    type_id, stage, factors = exercises.EXERCISE_2
    plan = recommend(type_id, stage, **factors)
    step_1 = next(d.treatment.id for d in plan.at_level("first-line") if d.step == 1)
    ecog = next(e for e in range(5) if recommend(type_id, stage, **{**factors, "ecog": e})
                .level_of(exercises.EXERCISE_3_TREATMENT) == "not-indicated")
    type_id, stage, factors = exercises.EXERCISE_4
    sins = sins_score(**exercises.EXERCISE_4_LESION).total
    level = recommend(type_id, stage, sins=sins).level_of(exercises.EXERCISE_4_TREATMENT)
    return [first, step_1, ecog, level]


@pytest.mark.parametrize(("check", "answer"), list(zip(CHECKS, _engine_answers(), strict=True)))
def test_the_engines_answer_is_correct_and_explained(check, answer):
    feedback = check(answer)
    assert feedback.text.startswith("Correct")
    assert "Why: " in feedback.text and "[" in feedback.text  # a reason and its references


@pytest.mark.parametrize("check", CHECKS)
def test_an_unset_answer_is_not_yet(check):
    assert check(None).text.startswith("Not yet answered.")


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("answer", ["", "Chordoma", 3.5, -1, True, [], {"a": 1}, "first line"])
def test_no_answer_raises(check, answer):
    feedback = check(answer)
    assert not feedback.text.startswith("Correct")
    assert feedback.html.startswith('<div class="spineedu-feedback"')


def test_a_typo_gets_the_closest_id():
    assert "Did you mean 'en-bloc-resection'?" in check_exercise_1("en-bloc").text
    assert "Did you mean 'first-line'?" in check_exercise_4("firstline").text


def test_a_wrong_treatment_is_placed_by_the_engine():
    type_id, stage, factors = exercises.EXERCISE_2
    plan = recommend(type_id, stage, **factors)
    other = next(d for d in plan.at_level("first-line") if d.step != 1)
    feedback = check_exercise_2(other.treatment.id)
    assert feedback.text.startswith("Not quite")
    assert other.reasons[0].text in feedback.text

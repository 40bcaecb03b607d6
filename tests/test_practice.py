"""Practice mode: generated questions are reproducible, drawn only from what the content covers,
answered by the engine (not by a stored key) and never without the rule's reason."""

from __future__ import annotations

import pytest

from spineedu.engine import recommend
from spineedu.knowledge_base import default_knowledge_base
from spineedu.practice import OPTIONS, check_practice, practice_question
from spineedu.views.practice_quiz import PracticeQuiz

KB = default_knowledge_base()
SEEDS = range(60)


def test_the_same_seed_gives_the_same_question():
    assert practice_question(7, KB) == practice_question(7, KB)
    assert len({practice_question(seed, KB).prompt + str(practice_question(seed, KB).patient)
                for seed in range(10)}) > 5


@pytest.mark.parametrize("seed", SEEDS)
def test_a_generated_question_has_exactly_the_engines_right_answers(seed):
    question = practice_question(seed, KB)
    patient = question.patient
    plan = recommend(patient.type_id, patient.stage, **vars(patient.factors))  # covered: no raise
    assert plan.suitable and len(question.options) == OPTIONS
    right = []
    for option in question.options:
        if question.kind == "not-indicated":
            is_right = plan.level_of(option.treatment) == "not-indicated"
        else:
            changed = patient.with_value(option.factor, option.value)
            after = recommend(changed.type_id, changed.stage, **vars(changed.factors))
            is_right = after.level_of(question.target) == "first-line"
            assert plan.level_of(question.target) != "first-line"  # a real question
        feedback = check_practice(question, option, KB)
        assert feedback.correct == is_right
        assert feedback.explanation.reasons  # never an answer without its reason
        right.append(is_right)
    assert any(right) and not all(right)


@pytest.mark.parametrize("seed", SEEDS)
def test_options_are_changes_of_a_finding_in_plausible_patients(seed):
    question = practice_question(seed, KB)
    patient, cancer_type = question.patient, KB.cancer_types[question.patient.type_id]
    if cancer_type.compartment != "extradural":  # the Bilsky grade is for epidural disease
        assert patient.factors.escc is None and patient.factors.sins is None
    if question.kind == "make-first-line":
        for option in question.options:
            assert option.factor != "stage"  # a diagnosis, not a change
            assert option.value is not None  # not knowing a fact never helps a patient


def test_both_kinds_of_question_occur():
    assert {practice_question(seed, KB).kind for seed in SEEDS} == {
        "make-first-line", "not-indicated"}


def test_quiz_counts_each_question_once_and_moves_on():
    quiz = PracticeQuiz(first_seed=3)
    question = quiz.question
    right = next(i for i, o in enumerate(question.options)
                 if check_practice(question, o, KB).correct)
    quiz.choice.value = right
    assert (quiz.right, quiz.answered) == (1, 1)
    assert 'data-correct="true"' in quiz.feedback.value and "(rule " in quiz.feedback.value
    assert quiz.choice.disabled
    quiz.next.click()
    assert quiz.question == practice_question(4, KB) and quiz.feedback.value == ""
    wrong = next(i for i, o in enumerate(quiz.question.options)
                 if not check_practice(quiz.question, o, KB).correct)
    quiz.choice.value = wrong
    assert (quiz.right, quiz.answered) == (1, 2)
    assert "Practice score: 1 of 2" in quiz.score.value
    assert "Not quite." in quiz.feedback.value


def test_a_forged_answer_gets_a_message_not_a_traceback():
    quiz = PracticeQuiz(first_seed=1)
    quiz.choice.options = [*quiz.choice.options, ("forged", 99)]
    quiz.choice.value = 99
    assert "something went wrong" in quiz.feedback.value

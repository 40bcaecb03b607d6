"""The cases lesson: immediate feedback from the engine's reasons, and a running score."""

from __future__ import annotations

from spineedu.views.cases_quiz import CaseQuiz


def test_right_and_wrong_answers_are_explained_and_scored(kb):
    quiz = CaseQuiz()
    first, second = list(kb.cases.values())[:2]
    assert "Score: 0 of 0" in quiz.score.value
    quiz.choices[first.id].value = first.answer
    assert 'data-correct="true"' in quiz.feedback[first.id].value
    assert "Score: 1 of 1" in quiz.score.value
    wrong = next(option for option in second.options if option != second.answer)
    quiz.choices[second.id].value = wrong
    feedback = quiz.feedback[second.id].value
    assert 'data-correct="false"' in feedback
    assert kb.treatments[second.answer].name in feedback
    assert second.teaching_point in feedback
    quiz.choices[second.id].value = second.answer  # a second try does not change the score
    assert "Score: 1 of 2" in quiz.score.value


def test_a_forged_choice_does_not_crash(kb):
    quiz = CaseQuiz()
    case = next(iter(kb.cases.values()))
    quiz.choices[case.id].index = None
    assert quiz.feedback[case.id].value == ""
    assert quiz.error.value == ""


def test_a_case_shows_its_subtype_and_resectability(kb):
    quiz = CaseQuiz()
    text = " ".join(card.children[0].value for card in quiz.widget.children[2:])
    assert "subtype HR-positive, HER2-negative" in text
    assert "not resectable at an acceptable cost in function" in text
    assert any(case.subtype for case in kb.cases.values())
    assert any(case.resectable is False for case in kb.cases.values())

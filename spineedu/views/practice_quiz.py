"""Practice mode of lesson 6: one generated question at a time, checked by the engine, with the
rule's reason and references as feedback, and a running score kept in the page only."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.practice import Question, check_practice, practice_question
from spineedu.views.guard import guarded
from spineedu.views.plan_html import not_suitable_html, reference_link
from spineedu.views.plan_text import patient_text
from spineedu.views.widget_bundle import widget_bundle


def question_html(number: int, question: Question, kb: KnowledgeBase) -> str:
    patient = patient_text(question.patient.recommend(kb), kb)
    return (f"<h3>Practice question {number} <small>(seed {question.seed})</small></h3>"
            f"<p><em>{escape(patient)}.</em></p><p><strong>{escape(question.prompt)}</strong></p>")


def feedback_html(correct: bool, right: tuple[str, ...], decision, kb: KnowledgeBase) -> str:
    verdict = ("<strong>Correct.</strong>" if correct else
               f"<strong>Not quite.</strong> The answer: {escape(' or '.join(right))}.")
    reasons = "".join(f"<li>{escape(reason.text)} <small>(rule {escape(reason.rule_id)})"
                      "</small></li>" for reason in decision.reasons)
    references = "".join(f"<li>{reference_link(r)}</li>" for r in decision.references)
    colour = "#009E73" if correct else "#D55E00"
    return (f'<div class="spineedu-practice-feedback" data-correct="{str(correct).lower()}" '
            f'style="border-left:6px solid {colour};padding:6px 12px;margin:6px 0">'
            f"<p>{verdict}</p><p>Why ({escape(decision.treatment.name)}: "
            f"{escape(decision.level.replace('-', ' '))}):</p><ul>{reasons}</ul>"
            f'<ol style="font-size:90%">{references}</ol></div>')


class PracticeQuiz:
    """Questions for seeds first_seed, first_seed + 1, ...: the same sequence every time."""

    def __init__(self, first_seed: int = 1, knowledge_base: KnowledgeBase | None = None) -> None:
        self.kb = knowledge_base or default_knowledge_base()
        self.seed = first_seed
        self.number = 0
        self.right = self.answered = 0
        self.question: Question | None = None
        self._asking = False  # new options reset the radio buttons: that is not an answer
        self.prompt = widgets.HTML()
        self.choice = widgets.RadioButtons(options=[], value=None,
                                           layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML()
        self.score = widgets.HTML()
        self.next = widgets.Button(description="Next question",
                                   layout=widgets.Layout(width="auto"))
        self.choice.observe(guarded(self._show_error)(self._on_choice), names="value")
        self.next.on_click(guarded(self._show_error)(self._on_next))
        self.widget = widgets.VBox([self.score, self.prompt, self.choice, self.feedback,
                                    self.next])
        self.widget.add_class("spineedu-practice")
        self._ask()
        self._update_score()

    def _ask(self) -> None:
        self.question = practice_question(self.seed, self.kb)
        self.number += 1
        self.prompt.value = question_html(self.number, self.question, self.kb)
        self._asking = True
        try:
            self.choice.options = [(o.label, index)
                                   for index, o in enumerate(self.question.options)]
            self.choice.value = None
        finally:
            self._asking = False
        self.choice.disabled = False
        self.feedback.value = ""

    def answer(self, index: int):
        """Check the option at `index` (what the radio buttons call); the first answer counts."""
        if not 0 <= index < len(self.question.options):
            raise ValueError(f"option {index} of {len(self.question.options)}")
        result = check_practice(self.question, self.question.options[index], self.kb)
        self.answered += 1
        self.right += result.correct
        self.choice.disabled = True  # one answer per question: the score stays honest
        self.feedback.value = feedback_html(result.correct, result.right_labels,
                                            result.explanation, self.kb)
        self._update_score()
        return result

    def _on_choice(self, change: dict) -> None:
        if change["new"] is not None and not self._asking:
            self.answer(change["new"])

    def _on_next(self, button: object = None) -> None:
        self.seed += 1
        self._ask()

    def _update_score(self) -> None:
        self.score.value = (f'<div class="spineedu-practice-score"><strong>Practice score: '
                            f"{self.right} of {self.answered}</strong> (kept in this page only; "
                            "nothing is stored)</div>")

    def _show_error(self, message: str) -> None:
        self.feedback.value = not_suitable_html(message)

    def _repr_mimebundle_(self, **kwargs):
        return widget_bundle(self.widget, "the practice quiz", **kwargs)

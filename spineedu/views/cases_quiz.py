"""The cases lesson: one vignette after another, immediate feedback, a running score."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets

from spineedu.cases import CaseFeedback, check_answer
from spineedu.content_model import Case
from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.views.guard import guarded
from spineedu.views.plan_html import LEVEL_HEADINGS, not_suitable_html, reference_link
from spineedu.views.widget_bundle import widget_bundle


def _factors_text(case: Case, kb: KnowledgeBase) -> str:
    parts = [f"stage {case.stage}"]
    if case.subtype is not None:
        subtype = next(s for s in kb.cancer_types[case.type].subtypes if s.id == case.subtype)
        parts.append(f"subtype {subtype.name}")
    if case.escc is not None:
        parts.append(f"ESCC grade {case.escc}")
    if case.sins is not None:
        parts.append(f"SINS {case.sins}")
    if case.ecog is not None:
        parts.append(f"ECOG {case.ecog}")
    if case.neuro_deficit is not None:
        parts.append("neurological deficit" if case.neuro_deficit else "no neurological deficit")
    if case.resectable is not None:
        parts.append("resectable with wide margins" if case.resectable else
                     "not resectable at an acceptable cost in function")
    return ", ".join(parts)


def feedback_html(feedback: CaseFeedback, kb: KnowledgeBase) -> str:
    answer = feedback.answer
    verdict = ("<strong>Correct.</strong>" if feedback.correct else
               f"<strong>Not quite.</strong> The first-line choice is "
               f"<strong>{escape(answer.treatment.name)}</strong>.")
    why = "".join(f"<li>{escape(reason.text)}</li>" for reason in answer.reasons)
    chosen = ""
    if not feedback.correct:
        choice_name = escape(kb.treatments[feedback.choice].name)
        if feedback.chosen is None:
            chosen = f"<p>{choice_name} is not part of the plan for this case.</p>"
        else:
            level = LEVEL_HEADINGS[feedback.chosen.level].lower()
            reasons = "".join(f"<li>{escape(r.text)}</li>" for r in feedback.chosen.reasons)
            chosen = f"<p>{choice_name} is <em>{level}</em> here:</p><ul>{reasons}</ul>"
    references = "".join(f"<li>{reference_link(kb.references[ref])}</li>"
                         for ref in feedback.case.references)
    colour = "#009E73" if feedback.correct else "#D55E00"
    return (
        f'<div class="spineedu-feedback" data-correct="{str(feedback.correct).lower()}" '
        f'style="border-left:6px solid {colour};padding:6px 12px;margin:6px 0">'
        f"<p>{verdict}</p><p>Why:</p><ul>{why}</ul>{chosen}"
        f"<p><strong>Teaching point:</strong> {escape(feedback.case.teaching_point)}</p>"
        f'<ol style="font-size:90%">{references}</ol></div>'
    )


class CaseQuiz:
    """All the vignettes with their choices; the score counts each case's first answer."""

    def __init__(self, knowledge_base: KnowledgeBase | None = None) -> None:
        self.kb = knowledge_base or default_knowledge_base()
        self.first_answers: dict[str, bool] = {}
        self.score = widgets.HTML()
        self.error = widgets.HTML()
        self.choices: dict[str, widgets.RadioButtons] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        cards = []
        for number, case in enumerate(self.kb.cases.values(), start=1):
            choice = widgets.RadioButtons(
                description="Your choice",
                # alphabetical, so the right answer is not always where the author wrote it
                options=sorted((self.kb.treatments[t].name, t) for t in case.options),
                value=None,
                layout=widgets.Layout(width="auto"),
            )
            feedback = widgets.HTML()
            choice.observe(guarded(self._show_error)(self._answer_callback(case)), names="value")
            self.choices[case.id], self.feedback[case.id] = choice, feedback
            cards.append(widgets.VBox([
                widgets.HTML(
                    f"<h3>Case {number}: {escape(case.title)}</h3><p>{escape(case.vignette)}</p>"
                    f"<p><em>{escape(self.kb.cancer_types[case.type].name)}, "
                    f"{escape(_factors_text(case, self.kb))}.</em></p>"
                    f"<p><strong>{escape(case.question)}</strong></p>"),
                choice, feedback,
            ], layout=widgets.Layout(border="1px solid #ddd", padding="6px", margin="8px 0")))
        self.widget = widgets.VBox([self.score, self.error, *cards])
        self._update_score()

    def _answer_callback(self, case: Case):
        def on_choice(change: dict) -> None:
            self.answer(case.id, change["new"])

        return on_choice

    def answer(self, case_id: str, choice: str | None) -> CaseFeedback | None:
        """Record and explain a choice (also what the radio buttons call)."""
        if choice is None:
            return None
        case = self.kb.cases[case_id]
        if choice not in case.options:
            raise ValueError(f"{choice!r} is not an option of {case_id}")
        result = check_answer(case, choice, self.kb)
        self.first_answers.setdefault(case_id, result.correct)
        self.feedback[case_id].value = feedback_html(result, self.kb)
        self._update_score()
        return result

    def _update_score(self) -> None:
        right = sum(self.first_answers.values())
        self.score.value = (
            f'<div class="spineedu-score" style="font-size:110%"><strong>Score: {right} of '
            f"{len(self.first_answers)} answered correctly first time</strong> "
            f"({len(self.kb.cases)} cases in all)</div>"
        )

    def _show_error(self, message: str) -> None:
        self.error.value = not_suitable_html(message)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return widget_bundle(self.widget, "the case quiz", **kwargs)

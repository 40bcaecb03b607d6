"""Clinical vignettes: run a case through the engine and explain the learner's choice with the
engine's own reasons, so a case can never teach something the rules do not say."""

from __future__ import annotations

from dataclasses import dataclass

from spineedu.content_model import Case
from spineedu.engine import Recommendation, TreatmentDecision, recommend
from spineedu.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class CaseFeedback:
    case: Case
    choice: str
    correct: bool
    answer: TreatmentDecision
    chosen: TreatmentDecision | None  # None: the engine does not name the chosen treatment


def case_plan(case: Case, kb: KnowledgeBase) -> Recommendation:
    return recommend(case.type, case.stage, escc=case.escc, sins=case.sins, ecog=case.ecog,
                     neuro_deficit=case.neuro_deficit, subtype=case.subtype,
                     resectable=case.resectable, knowledge_base=kb, on_invalid="not-suitable")


def _decision(plan: Recommendation, treatment_id: str) -> TreatmentDecision | None:
    return next((d for d in plan.treatments if d.treatment.id == treatment_id), None)


def check_answer(case: Case, choice: str, kb: KnowledgeBase) -> CaseFeedback:
    plan = case_plan(case, kb)
    answer = _decision(plan, case.answer)
    if answer is None:  # validated content makes this impossible; say so loudly if it happens
        raise ValueError(f"case {case.id}: the engine does not name its answer {case.answer}")
    return CaseFeedback(case=case, choice=choice, correct=choice == case.answer, answer=answer,
                        chosen=_decision(plan, choice))

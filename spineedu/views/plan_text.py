"""A recommendation as plain text: for the terminal and for notebook cells that nbval compares."""

from __future__ import annotations

from spineedu.content_model import LEVELS
from spineedu.engine import Recommendation
from spineedu.knowledge_base import KnowledgeBase
from spineedu.rules import PatientFactors
from spineedu.views.plan_html import LEVEL_HEADINGS, lowered_text


def describe_factors(factors: PatientFactors) -> list[str]:
    """The patient factors that were given, in words ("ESCC 3", "resectable no")."""
    yes_no = {True: "yes", False: "no"}
    return [
        f"{label} {value}"
        for label, value in (
            ("ESCC", factors.escc), ("SINS", factors.sins), ("ECOG", factors.ecog),
            ("neurological deficit", yes_no.get(factors.neuro_deficit)),
            ("subtype", factors.subtype), ("resectable", yes_no.get(factors.resectable)),
        )
        if value is not None
    ]


def patient_text(result: Recommendation, kb: KnowledgeBase) -> str:
    """'Chordoma, stage IB (resectable no)': the patient a plan is for, in one line."""
    factors = describe_factors(result.factors)
    return (f"{kb.cancer_types[result.type_id].name}, stage {result.stage}"
            + (f" ({', '.join(factors)})" if factors else ""))


def format_recommendation(result: Recommendation, kb: KnowledgeBase) -> str:
    """The plan as text a learner can read in a terminal."""
    if not result.suitable:
        return result.message
    lines = [patient_text(result, kb)]
    for pathway in result.pathways:
        lines += ["", f"URGENT: {pathway.title} [{', '.join(pathway.references)}]"]
        lines += [f"  {number}. {step}" for number, step in enumerate(pathway.steps, 1)]
    for level in LEVELS:
        decisions = result.at_level(level)
        if not decisions:
            continue
        lines.append("")
        lines.append(f"{LEVEL_HEADINGS[level]}:")
        for decision in decisions:
            step = f"step {decision.step}: " if decision.step else ""
            lines.append(f"  - {step}{decision.treatment.name}")
            for reason in decision.reasons:
                lines.append(f"      why: {lowered_text(reason)}{reason.text} "
                             f"[{', '.join(reason.references)}]")
    lines += ["", result.message]
    return "\n".join(lines)


def plan_summary(result: Recommendation, kb: KnowledgeBase) -> str:
    """One line for a screen reader's live region: what the new plan is, not all of it."""
    if not result.suitable:
        return f"Not suitable: {result.message}"
    patient = patient_text(result, kb)
    first = [f"step {d.step} {d.treatment.name}" if d.step else d.treatment.name
             for d in result.at_level("first-line")]
    others = [f"{len(result.at_level(level))} {LEVEL_HEADINGS[level].lower()}"
              for level in LEVELS[1:] if result.at_level(level)]
    urgent = "".join(f"Urgent: {pathway.title}. " for pathway in result.pathways)
    return (f"{urgent}Plan for {patient}. First-line: {'; '.join(first) or 'none'}."
            + (f" Also {', '.join(others)}." if others else ""))

"""`recommend`: which treatments apply to a cancer type, stage and patient, and why.

Pure and deterministic: the same inputs and content always give the same, immutable answer.
Input the tool does not cover gives `suitable=False` and a referral message, never an exception
or a guess.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from spineedu.content_model import ESCC_GRADES, Level, Reference, Rule, Treatment
from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.messages import DISCLAIMER, NOT_SUITABLE
from spineedu.rules import (
    LEVEL_RANK,
    PatientFactors,
    deciding_rules,
    matches_factors,
    matches_stage,
    matches_type,
)


@dataclass(frozen=True)
class Reason:
    rule_id: str
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class TreatmentDecision:
    """One treatment's place in the plan, with the rules that put it there."""

    treatment: Treatment
    level: Level
    step: int | None
    reasons: tuple[Reason, ...]
    references: tuple[Reference, ...]
    overridden: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.treatment.id,
            "name": self.treatment.name,
            "family": self.treatment.family,
            "level": self.level,
            "step": self.step,
            "reasons": [
                {"rule": r.rule_id, "text": r.text, "references": list(r.references)}
                for r in self.reasons
            ],
            "references": [
                {"id": ref.id, "citation": ref.citation, "doi": ref.doi, "pmid": ref.pmid,
                 "url": ref.url}
                for ref in self.references
            ],
            "overridden": list(self.overridden),
        }


@dataclass(frozen=True)
class Recommendation:
    """The whole answer: inputs echoed, whether the tool applies, and the ordered treatments."""

    type_id: str
    stage: str
    factors: PatientFactors
    suitable: bool
    message: str
    treatments: tuple[TreatmentDecision, ...] = ()

    def at_level(self, level: Level) -> tuple[TreatmentDecision, ...]:
        return tuple(decision for decision in self.treatments if decision.level == level)

    def level_of(self, treatment_id: str) -> Level | None:
        for decision in self.treatments:
            if decision.treatment.id == treatment_id:
                return decision.level
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type_id,
            "stage": self.stage,
            "escc": self.factors.escc,
            "sins": self.factors.sins,
            "ecog": self.factors.ecog,
            "neuro_deficit": self.factors.neuro_deficit,
            "suitable": self.suitable,
            "message": self.message,
            "treatments": [decision.to_dict() for decision in self.treatments],
        }


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _factor_problem(escc: object, sins: object, ecog: object, neuro: object) -> str | None:
    if escc is not None and escc not in ESCC_GRADES:
        return f"ESCC grade {escc!r} is not one of {', '.join(ESCC_GRADES)}."
    if sins is not None and not (_is_int(sins) and 0 <= sins <= 18):
        return f"SINS {sins!r} is not a whole number from 0 to 18."
    if ecog is not None and not (_is_int(ecog) and 0 <= ecog <= 4):
        return f"ECOG {ecog!r} is not a whole number from 0 to 4."
    if neuro is not None and not isinstance(neuro, bool):
        return f"neurological deficit {neuro!r} is not yes or no."
    return None


def _unsuitable(type_id: object, stage: object, problem: str) -> Recommendation:
    return Recommendation(
        type_id=str(type_id), stage=str(stage), factors=PatientFactors(), suitable=False,
        message=f"{problem} {NOT_SUITABLE}",
    )


@functools.lru_cache(maxsize=4096)
def _candidate_rules(kb: KnowledgeBase, type_id: str, stage: str) -> tuple[Rule, ...]:
    """Rules whose type and stage conditions hold: computed once per type and stage."""
    cancer_type = kb.cancer_types[type_id]
    return tuple(
        rule for rule in kb.rules
        if matches_type(rule.when, cancer_type) and matches_stage(rule.when, stage)
    )


@functools.lru_cache(maxsize=1)
def _treatment_order(kb: KnowledgeBase) -> dict[str, int]:
    return {treatment_id: index for index, treatment_id in enumerate(kb.treatments)}


def recommend(
    type_id: str,
    stage: str,
    *,
    escc: str | None = None,
    sins: int | None = None,
    ecog: int | None = None,
    neuro_deficit: bool | None = None,
    knowledge_base: KnowledgeBase | None = None,
) -> Recommendation:
    """The treatments that apply, ordered first-line to not-indicated, each with its reasons."""
    kb = knowledge_base or default_knowledge_base()
    if _is_int(escc):
        escc = str(escc)  # the grades 0, 2 and 3 are easily given as numbers
    if _is_int(stage):
        stage = str(stage)  # benign Enneking stages 1-3
    cancer_type = kb.cancer_types.get(type_id) if isinstance(type_id, str) else None
    if cancer_type is None:
        return _unsuitable(type_id, stage, f"SpineEdu does not cover the cancer type {type_id!r}.")
    if not isinstance(stage, str) or stage not in cancer_type.stage_ids():
        stages = ", ".join(cancer_type.stage_ids())
        return _unsuitable(
            type_id, stage,
            f"{cancer_type.name} has no stage {stage!r} in SpineEdu (its stages: {stages}).",
        )
    problem = _factor_problem(escc, sins, ecog, neuro_deficit)
    if problem:
        return _unsuitable(type_id, stage, problem)
    factors = PatientFactors(escc=escc, sins=sins, ecog=ecog, neuro_deficit=neuro_deficit)

    fired: dict[str, list[Rule]] = {}
    for rule in _candidate_rules(kb, type_id, stage):
        if matches_factors(rule.when, factors):
            fired.setdefault(rule.treatment, []).append(rule)
    decisions = [_decide(kb, treatment_id, rules) for treatment_id, rules in fired.items()]
    order = _treatment_order(kb)
    decisions.sort(key=lambda d: (
        LEVEL_RANK[d.level], d.step or 99, order[d.treatment.id],
    ))
    return Recommendation(
        type_id=type_id, stage=stage, factors=factors, suitable=True, message=DISCLAIMER,
        treatments=tuple(decisions),
    )


def _decide(kb: KnowledgeBase, treatment_id: str, fired: list[Rule]) -> TreatmentDecision:
    level, deciding, overridden = deciding_rules(fired)
    reference_ids = dict.fromkeys(ref for rule in deciding for ref in rule.references)
    steps = [rule.step for rule in deciding if rule.step is not None]
    return TreatmentDecision(
        treatment=kb.treatments[treatment_id],
        level=level,
        step=min(steps) if steps else None,
        reasons=tuple(Reason(rule.id, rule.reason, rule.references) for rule in deciding),
        references=tuple(kb.references[ref] for ref in reference_ids),
        overridden=tuple(rule.id for rule in overridden),
    )

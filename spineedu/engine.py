"""`recommend`: which treatments apply to a cancer type, stage and patient, and why.

Pure and deterministic: the same inputs and content always give the same, immutable answer.
Input the tool cannot use never gives a guess. For a programmer (the default) it raises: an
unknown cancer type, stage or subtype raises `UnknownIdError` with the closest valid id, and a
patient factor out of range (SINS 25) raises `FactorValueError`, because in code both are a
mistake to fix, not a patient to refer. The public explorer and the CLI pass
`on_invalid="not-suitable"` and get `suitable=False` with a referral message instead.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from spineedu.content_model import (
    ESCC_GRADES,
    CancerType,
    FactorName,
    Level,
    Pathway,
    Reference,
    Rule,
    Treatment,
)
from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.messages import DISCLAIMER, NOT_SUITABLE
from spineedu.nearest import closest_id
from spineedu.rules import (
    LEVEL_RANK,
    Decided,
    PatientFactors,
    decide_plan,
    matches,
    matches_factors,
    matches_stage,
    matches_type,
)

OnInvalid = Literal["raise", "not-suitable"]


class InvalidInputError(ValueError):
    """Input `recommend` cannot use. `referral` is the plain sentence the not-suitable answer
    gives the public, which names the problem without programmer's detail."""

    def __init__(self, message: str, referral: str) -> None:
        super().__init__(message)
        self.referral = referral


class UnknownIdError(InvalidInputError):
    """A cancer type, stage or subtype id the knowledge base does not have.

    The message names the closest valid id (ids are lower-case and hyphenated, stages as
    published, so a capital or a typo is the usual cause) and every valid id.
    """

    def __init__(self, kind: str, value: object, valid: Sequence[str], referral: str,
                 where: str = "") -> None:
        self.kind, self.value, self.valid = kind, value, tuple(valid)
        self.suggestion = closest_id(value, valid)
        hint = f"; did you mean {self.suggestion!r}?" if self.suggestion else "."
        ids = ", ".join(valid) or "none"
        super().__init__(f"unknown {kind} {value!r}{where}{hint} Valid ids: {ids}", referral)


class FactorValueError(InvalidInputError):
    """A patient factor outside its published range (ESCC 4, SINS 25, ECOG 5)."""


@dataclass(frozen=True)
class Reason:
    """Why a treatment is where it is. `lowered_from` is set on the reason of a cap or an
    exclusive set (`rule_id` is then the cap's or the set's id): the level it lowered."""

    rule_id: str
    text: str
    references: tuple[str, ...]
    lowered_from: Level | None = None


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
                {"rule": r.rule_id, "text": r.text, "references": list(r.references),
                 "lowered_from": r.lowered_from}
                for r in self.reasons
            ],
            "references": [
                {"id": ref.id, "citation": ref.citation, "doi": ref.doi, "pmid": ref.pmid,
                 "url": ref.url}
                for ref in self.references
            ],
            "overridden": list(self.overridden),
        }

    def __repr__(self) -> str:
        step = f", step {self.step}" if self.step else ""
        return f"TreatmentDecision({self.treatment.id}: {self.level}{step})"


@dataclass(frozen=True)
class Recommendation:
    """The whole answer: inputs echoed, whether the tool applies, and the ordered treatments.

    In a notebook it shows as the explorer's plan (`_repr_html_`), `print` gives it as text and
    its repr is one line. The views are imported when asked for, never by the engine's import,
    so data still flows content -> engine -> views.
    """

    type_id: str
    stage: str
    factors: PatientFactors
    suitable: bool
    message: str
    treatments: tuple[TreatmentDecision, ...] = ()
    pathways: tuple[Pathway, ...] = ()
    # the content the plan came from, so that it names types and cites references from the
    # same knowledge base; not part of the answer's value
    knowledge_base: KnowledgeBase | None = field(default=None, compare=False, repr=False)

    def _kb(self) -> KnowledgeBase:
        return self.knowledge_base or default_knowledge_base()

    def __repr__(self) -> str:
        given = [f"{name} {value!r}" for name, value in vars(self.factors).items()
                 if value is not None]
        inputs = ", ".join([self.type_id, self.stage, *given])
        if not self.suitable:
            return f"Recommendation({inputs}: not suitable)"
        return (f"Recommendation({inputs}: {len(self.at_level('first-line'))} first-line, "
                f"{len(self.treatments)} treatments)")

    def __str__(self) -> str:
        from spineedu.views.plan_text import format_recommendation

        return format_recommendation(self, self._kb())

    def _repr_html_(self) -> str:
        from spineedu.views.plan_html import plan_html

        return plan_html(self, self._kb())

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
            "subtype": self.factors.subtype,
            "resectable": self.factors.resectable,
            "suitable": self.suitable,
            "message": self.message,
            "pathways": [
                {"id": p.id, "title": p.title, "steps": list(p.steps),
                 "references": list(p.references)}
                for p in self.pathways
            ],
            "treatments": [decision.to_dict() for decision in self.treatments],
        }


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _factor_problem(escc: object, sins: object, ecog: object, neuro: object,
                    resectable: object) -> str | None:
    if escc is not None and escc not in ESCC_GRADES:
        return f"ESCC grade {escc!r} is not one of {', '.join(ESCC_GRADES)}."
    if sins is not None and not (_is_int(sins) and 0 <= sins <= 18):
        return f"SINS {sins!r} is not a whole number from 0 to 18."
    if ecog is not None and not (_is_int(ecog) and 0 <= ecog <= 4):
        return f"ECOG {ecog!r} is not a whole number from 0 to 4."
    if neuro is not None and not isinstance(neuro, bool):
        return f"neurological deficit {neuro!r} is not yes or no."
    if resectable is not None and not isinstance(resectable, bool):
        return f"resectable {resectable!r} is not yes or no."
    return None


def _subtype_problem(cancer_type: CancerType, stage: str, subtype: object) -> str | None:
    if subtype is None:
        return None
    known = next((s for s in cancer_type.subtypes if s.id == subtype), None)
    if known is not None:
        if known.stages is None or stage in known.stages:
            return None
        return (f"{known.name} does not occur at stage {stage} (its stages: "
                f"{', '.join(known.stages)}).")
    if not cancer_type.subtypes:
        return f"{cancer_type.name} has no subtypes in SpineEdu (subtype {subtype!r} given)."
    known = ", ".join(cancer_type.subtype_ids())
    return f"{cancer_type.name} has no subtype {subtype!r} in SpineEdu (its subtypes: {known})."


def _unsuitable(type_id: object, stage: object, problem: str,
                kb: KnowledgeBase) -> Recommendation:
    return Recommendation(
        type_id=str(type_id), stage=str(stage), factors=PatientFactors(), suitable=False,
        message=f"{problem} {NOT_SUITABLE}", knowledge_base=kb,
    )


def _checked(kb: KnowledgeBase, type_id: object, stage: object, escc: object, sins: object,
             ecog: object, neuro: object, subtype: object,
             resectable: object) -> tuple[CancerType, PatientFactors]:
    """The cancer type and factors, or InvalidInputError naming the first problem."""
    cancer_type = kb.cancer_types.get(type_id) if isinstance(type_id, str) else None
    if cancer_type is None:
        raise UnknownIdError(
            "cancer type", type_id, list(kb.cancer_types),
            f"SpineEdu does not cover the cancer type {type_id!r}.")
    if not isinstance(stage, str) or stage not in cancer_type.stage_ids():
        stages = cancer_type.stage_ids()
        raise UnknownIdError(
            "stage", stage, stages,
            f"{cancer_type.name} has no stage {stage!r} in SpineEdu (its stages: "
            f"{', '.join(stages)}).", where=f" for {type_id}")
    problem = _factor_problem(escc, sins, ecog, neuro, resectable)
    if problem:
        raise FactorValueError(problem, problem)
    if escc is not None and cancer_type.compartment != "extradural":
        problem = (f"The Bilsky ESCC grade describes compression from outside the dura; it does "
                   f"not apply to {cancer_type.name} ({cancer_type.compartment.replace('-', ' ')})."
                   " Leave it out.")
        raise FactorValueError(problem, problem)
    if sins is not None and cancer_type.compartment != "extradural":
        problem = (f"SINS scores the stability of a spine whose bone a tumour has weakened; it "
                   f"does not apply to {cancer_type.name} "
                   f"({cancer_type.compartment.replace('-', ' ')}). Leave it out.")
        raise FactorValueError(problem, problem)
    if resectable is not None and "resectable" not in factors_used(kb, cancer_type.id):
        problem = (f"Resectability does not change the plan for {cancer_type.name} in SpineEdu "
                   "(it is asked for primary bone tumours); leave it out.")
        raise FactorValueError(problem, problem)
    problem = _subtype_problem(cancer_type, stage, subtype)
    if problem and subtype in cancer_type.subtype_ids():  # a real subtype, at another stage
        raise InvalidInputError(problem, problem)
    if problem:
        raise UnknownIdError("subtype", subtype, cancer_type.subtype_ids(), problem,
                             where=f" for {type_id}")
    factors = PatientFactors(escc=escc, sins=sins, ecog=ecog, neuro_deficit=neuro,  # type: ignore[arg-type]
                             subtype=subtype, resectable=resectable)  # type: ignore[arg-type]
    return cancer_type, factors


@functools.lru_cache(maxsize=4096)
def _candidate_rules(kb: KnowledgeBase, type_id: str, stage: str) -> tuple[Rule, ...]:
    """Rules whose type and stage conditions hold: computed once per type and stage."""
    cancer_type = kb.cancer_types[type_id]
    return tuple(
        rule for rule in kb.rules
        if matches_type(rule.when, cancer_type) and matches_stage(rule.when, cancer_type, stage)
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
    subtype: str | None = None,
    resectable: bool | None = None,
    knowledge_base: KnowledgeBase | None = None,
    on_invalid: OnInvalid = "raise",
) -> Recommendation:
    """The treatments that apply, ordered first-line to not-indicated, each with its reasons.

    `ecog` is performance status before the cord compression began; `subtype` one of the type's
    `subtypes` ids; `resectable` whether the sarcoma team judges a wide resection feasible.
    Every factor is optional: None means not given, and no rule fires on a guess about it.

    Input the tool cannot use raises (`UnknownIdError` for a type, stage or subtype id,
    `FactorValueError` for a factor out of range, both ValueErrors), so a typo in code is found
    at once; `on_invalid="not-suitable"` returns `suitable=False` and a referral instead, for
    front ends that answer the public (the explorer, the CLI).

    >>> plan = recommend("chordoma", "IB")
    >>> plan.suitable
    True
    >>> [d.treatment.id for d in plan.at_level("first-line")]
    ['en-bloc-resection']
    >>> plan.level_of("conventional-radiotherapy")
    'not-indicated'
    >>> recommend("renal-cell-metastasis", "oligometastatic", escc="3", ecog=1)
    Recommendation(renal-cell-metastasis, oligometastatic, escc '3', ecog 1: 4 first-line, ...)
    >>> recommend("Chordoma", "IB")
    Traceback (most recent call last):
    spineedu.engine.UnknownIdError: unknown cancer type 'Chordoma'; did you mean 'chordoma'? ...
    >>> recommend("chordoma", "IB", sins=25, on_invalid="not-suitable").suitable
    False
    """
    kb = knowledge_base or default_knowledge_base()
    if on_invalid not in ("raise", "not-suitable"):
        raise ValueError(f"on_invalid must be 'raise' or 'not-suitable', not {on_invalid!r}")
    if _is_int(escc):
        escc = str(escc)  # the grades 0, 2 and 3 are easily given as numbers
    if _is_int(stage):
        stage = str(stage)  # benign Enneking stages 1-3
    try:
        cancer_type, factors = _checked(kb, type_id, stage, escc, sins, ecog, neuro_deficit,
                                        subtype, resectable)
    except InvalidInputError as error:
        if on_invalid == "raise":
            raise
        return _unsuitable(type_id, stage, error.referral, kb)

    fired: dict[str, list[Rule]] = {}
    for rule in _candidate_rules(kb, type_id, stage):
        if matches_factors(rule.when, factors):
            fired.setdefault(rule.treatment, []).append(rule)
    plan = decide_plan(fired, cancer_type, stage, factors, kb.exclusive_sets)
    decisions = [_decision(kb, treatment_id, decided) for treatment_id, decided in plan.items()]
    order = _treatment_order(kb)
    decisions.sort(key=lambda d: (
        LEVEL_RANK[d.level], d.step or 99, order[d.treatment.id],
    ))
    return Recommendation(
        type_id=type_id, stage=stage, factors=factors, suitable=True, message=DISCLAIMER,
        treatments=tuple(decisions),
        pathways=tuple(
            pathway for pathway in kb.pathways.values()
            if any(matches(when, cancer_type, stage, factors) for when in pathway.when_any)
        ),
        knowledge_base=kb,
    )


@functools.lru_cache(maxsize=256)
def factors_used(kb: KnowledgeBase, type_id: str) -> frozenset[FactorName]:
    """The patient factors some rule for this type conditions on: the ones worth asking for.

    Views use it to show, say, `Resectable` only for the types whose plan it can change.
    """
    cancer_type = kb.cancer_types[type_id]
    used: set[FactorName] = set()
    for rule in kb.rules:
        when = rule.when
        if not matches_type(when, cancer_type):
            continue
        conditions: dict[FactorName, tuple[object, ...]] = {
            "escc": (when.escc,), "sins": (when.sins_min, when.sins_max),
            "ecog": (when.ecog_min, when.ecog_max), "neuro_deficit": (when.neuro_deficit,),
            "subtype": (when.subtypes,), "resectable": (when.resectable,),
        }
        used.update(name for name, values in conditions.items()
                    if any(value is not None for value in values))
        used.update(when.not_given or ())
    if cancer_type.compartment != "extradural":
        used.difference_update(("escc", "sins"))  # both score the bony spine and its canal
    return frozenset(used)


def _decision(kb: KnowledgeBase, treatment_id: str, decided: Decided) -> TreatmentDecision:
    """The decision as shown: what lowered it first (the latest lowering leading), then the
    level rules it lowered, each reason once (two rules sharing a YAML anchor say it once)."""
    reasons: dict[str, Reason] = {}
    for lowering in reversed(decided.lowerings):
        reasons.setdefault(lowering.text, Reason(lowering.by, lowering.text,
                                                 lowering.references, lowering.was))
    for rule in decided.deciding:
        reasons.setdefault(rule.reason, Reason(rule.id, rule.reason, rule.references))
    reference_ids = dict.fromkeys(ref for reason in reasons.values() for ref in reason.references)
    # a step orders what is done; an option to weigh or a treatment not indicated has none
    steps = [rule.step for rule in decided.deciding if rule.step is not None
             and decided.level in ("first-line", "adjunct")]
    return TreatmentDecision(
        treatment=kb.treatments[treatment_id],
        level=decided.level,
        step=min(steps) if steps else None,
        reasons=tuple(reasons.values()),
        references=tuple(kb.references[ref] for ref in reference_ids),
        overridden=tuple(rule.id for rule in decided.overridden),
    )

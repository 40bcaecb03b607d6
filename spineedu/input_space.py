"""The input space: every patient the resource answers for, and every value a factor can take.

One walker serves the safety properties (`spineedu validate --walk`), what-if, practice and the
benchmarks, so that what is proven is what is shown and taught. A factor is offered only where
the content can use it: the Bilsky ESCC grade only for extradural tumours (it is an epidural
grade), resectability only where a rule asks for it, a subtype only at the stages it occurs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from spineedu.content_model import ESCC_GRADES, CancerType
from spineedu.engine import Recommendation, factors_used, recommend
from spineedu.knowledge_base import KnowledgeBase
from spineedu.rules import PatientFactors

Factor = Literal["stage", "escc", "sins", "ecog", "neuro_deficit", "subtype", "resectable"]
FACTORS: tuple[Factor, ...] = ("stage", "escc", "sins", "ecog", "neuro_deficit", "subtype",
                               "resectable")
WALK_ORDER: tuple[Factor, ...] = ("subtype", "resectable", "escc", "sins", "neuro_deficit",
                                  "ecog")  # ECOG innermost: a patient's fitness neighbours adjoin
SINS_LIMITS = (0, 18)
ECOG_VALUES = tuple(range(5))


@dataclass(frozen=True)
class Patient:
    """The inputs of one `recommend` call."""

    type_id: str
    stage: str
    factors: PatientFactors = field(default_factory=PatientFactors)

    def value_of(self, factor: Factor) -> object:
        return self.stage if factor == "stage" else getattr(self.factors, factor)

    def with_value(self, factor: Factor, value: object) -> Patient:
        if factor == "stage":
            return replace(self, stage=value)
        return replace(self, factors=replace(self.factors, **{factor: value}))

    def recommend(self, kb: KnowledgeBase) -> Recommendation:
        return recommend(self.type_id, self.stage, **vars(self.factors), knowledge_base=kb,
                         on_invalid="not-suitable")

    def inputs(self) -> dict[str, object]:
        """The `recommend` keyword arguments, for messages and the CLI."""
        return {"type_id": self.type_id, "stage": self.stage, **vars(self.factors)}

    def __str__(self) -> str:
        given = [f"{name}={value}" for name, value in vars(self.factors).items()
                 if value is not None]
        return " ".join([self.type_id, self.stage, *given])


def sins_edges(kb: KnowledgeBase) -> tuple[int, ...]:
    """The SINS values at which some rule's band starts or ends, and the ends of the scale: a
    plan can change only at these edges, so walking them walks every SINS plan."""
    edges = set(SINS_LIMITS)
    for rule in kb.rules:
        if rule.when.sins_min is not None:
            edges.update((rule.when.sins_min - 1, rule.when.sins_min))
        if rule.when.sins_max is not None:
            edges.update((rule.when.sins_max, rule.when.sins_max + 1))
    low, high = SINS_LIMITS
    return tuple(sorted(value for value in edges if low <= value <= high))


def subtypes_at(cancer_type: CancerType, stage: str) -> tuple[str, ...]:
    """The subtypes the content allows at this stage (a high-grade subtype has no stage I)."""
    return tuple(s.id for s in cancer_type.subtypes if s.stages is None or stage in s.stages)


def factor_values(kb: KnowledgeBase, cancer_type: CancerType, stage: str, factor: Factor, *,
                  every_sins: bool = True) -> tuple[object, ...]:
    """Every value the factor can take for this type and stage, None ("not given") first.

    `every_sins=False` gives the SINS band edges only (the walk); what-if offers every score.
    """
    if factor == "stage":
        return cancer_type.stage_ids()
    if factor == "escc":
        return (None, *ESCC_GRADES) if cancer_type.compartment == "extradural" else (None,)
    if factor == "sins":
        if cancer_type.compartment != "extradural":
            return (None,)  # SINS scores bone a tumour has weakened: not inside the dura
        return (None, *(range(SINS_LIMITS[0], SINS_LIMITS[1] + 1) if every_sins
                        else sins_edges(kb)))
    if factor == "ecog":
        return (None, *ECOG_VALUES)
    if factor == "neuro_deficit":
        return (None, True, False)
    if factor == "subtype":
        return (None, *subtypes_at(cancer_type, stage))
    return (None, True, False) if "resectable" in factors_used(kb, cancer_type.id) else (None,)


def asked(kb: KnowledgeBase, cancer_type: CancerType, stage: str, factor: Factor) -> bool:
    """Whether a front end asks for this factor for this type and stage: the decision the
    explorer, what-if and the walk share (the Bilsky grade only outside the dura, resectability
    only where a rule uses it)."""
    return len(factor_values(kb, cancer_type, stage, factor, every_sins=False)) > 1


def patients(kb: KnowledgeBase, *, every_sins: bool = False,
             type_ids: tuple[str, ...] | None = None) -> Iterator[Patient]:
    """Every type x stage x subtype x resectable, with ESCC, SINS (band edges unless
    `every_sins`), ECOG and deficit at each of their values, "not given" included."""
    for cancer_type in kb.cancer_types.values():
        if type_ids is not None and cancer_type.id not in type_ids:
            continue
        for stage in cancer_type.stage_ids():
            values = [factor_values(kb, cancer_type, stage, factor, every_sins=every_sins)
                      for factor in WALK_ORDER]
            for subtype, resectable, escc, sins, neuro, ecog in itertools.product(*values):
                yield Patient(cancer_type.id, stage, PatientFactors(
                    escc=escc, sins=sins, ecog=ecog, neuro_deficit=neuro,  # type: ignore[arg-type]
                    subtype=subtype, resectable=resectable))  # type: ignore[arg-type]


def walk(kb: KnowledgeBase, **options: object) -> Iterator[tuple[Patient, Recommendation]]:
    """Each patient of `patients` with its plan."""
    for patient in patients(kb, **options):  # type: ignore[arg-type]
        yield patient, patient.recommend(kb)

"""How rules are matched and combined: the one place that defines what a rule means."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spineedu.content_model import LEVELS, CancerType, Conditions, EsccGrade, Level, Rule

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class PatientFactors:
    """The optional patient factors; None means "not given".

    `ecog` is fitness before the cord compression began: a fit person made paraplegic by
    compression yesterday is not "ECOG 4". `resectable` is whether a wide (en bloc) resection is
    feasible at an acceptable cost in function, as the sarcoma team judges it.
    """

    escc: EsccGrade | None = None
    sins: int | None = None
    ecog: int | None = None
    neuro_deficit: bool | None = None
    subtype: str | None = None
    resectable: bool | None = None


def matches_type(when: Conditions, cancer_type: CancerType) -> bool:
    """Whether the rule's conditions on the cancer type (not the stage) hold."""
    return (
        (when.types is None or cancer_type.id in when.types)
        and (when.groups is None or cancer_type.group in when.groups)
        and (when.origin is None or cancer_type.origin == when.origin)
        and (when.compartments is None or cancer_type.compartment in when.compartments)
        and (
            when.radiosensitivity is None
            or cancer_type.radiosensitivity in when.radiosensitivity
        )
    )


def matches_stage(when: Conditions, cancer_type: CancerType, stage: str) -> bool:
    """The stage conditions, and `behaviour`, which can differ by stage (WHO grade)."""
    return (when.stages is None or stage in when.stages) and (
        when.behaviour is None or cancer_type.behaviour_of(stage) == when.behaviour)


def _within(value: int | None, low: int | None, high: int | None) -> bool:
    if low is None and high is None:
        return True
    if value is None:
        return False
    return (low is None or value >= low) and (high is None or value <= high)


def matches_factors(when: Conditions, factors: PatientFactors) -> bool:
    """Patient-factor conditions; one on a factor that was not given never holds."""
    if when.escc is not None and factors.escc not in when.escc:
        return False
    if when.neuro_deficit is not None and factors.neuro_deficit is not when.neuro_deficit:
        return False
    if when.subtypes is not None and factors.subtype not in when.subtypes:
        return False
    if when.resectable is not None and factors.resectable is not when.resectable:
        return False
    if when.not_given is not None and any(
        getattr(factors, name) is not None for name in when.not_given
    ):
        return False
    return _within(factors.sins, when.sins_min, when.sins_max) and _within(
        factors.ecog, when.ecog_min, when.ecog_max
    )


def matches(when: Conditions, cancer_type: CancerType, stage: str,
            factors: PatientFactors) -> bool:
    """Every condition of `when` holds for this type, stage and patient."""
    return (matches_type(when, cancer_type) and matches_stage(when, cancer_type, stage)
            and matches_factors(when, factors))


def deciding_rules(fired: Iterable[Rule]) -> tuple[Level, tuple[Rule, ...], tuple[Rule, ...]]:
    """Combine the rules that fired for one treatment.

    The highest priority decides; among equals, `not-indicated` wins (safety first), otherwise the
    strongest level. Returns the level, the deciding rules and the overridden ones.
    """
    fired = tuple(fired)
    top = max(rule.priority for rule in fired)
    candidates = [rule for rule in fired if rule.priority == top]
    if any(rule.level == "not-indicated" for rule in candidates):
        level: Level = "not-indicated"
    else:
        level = min((rule.level for rule in candidates), key=LEVEL_RANK.__getitem__)
    deciding = tuple(rule for rule in candidates if rule.level == level)
    overridden = tuple(rule for rule in fired if rule not in deciding)
    return level, deciding, overridden

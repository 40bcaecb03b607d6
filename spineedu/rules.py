"""The rule language's meaning, in one place: how a rule is matched, how the rules that fired
for one treatment are combined, how caps lower and how exclusive strategies are resolved.

A plan is decided in three passes, each only able to lower what the one before gave:
1. level rules (`level:`): for each treatment, the highest priority decides, `not-indicated`
   winning ties; a treatment no level rule names is not in the plan;
2. caps (`at_most:`): every cap that holds lowers its treatment to at most its level (the lowest
   cap wins); a cap on a treatment not in the plan does nothing;
3. exclusive sets: where two strategies of a set are first-line, the set's leader for this
   patient keeps first-line and the others drop to the set's `others_at`.
The content guide (docs/content-guide.md) says the same for an educator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spineedu.content_model import (
    LEVELS,
    CancerType,
    Conditions,
    EsccGrade,
    ExclusiveSet,
    Level,
    Rule,
)

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
        and (when.except_types is None or cancer_type.id not in when.except_types)
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
    fired = tuple(rule for rule in fired if not rule.is_cap)
    top = max(rule.priority for rule in fired)
    candidates = [rule for rule in fired if rule.priority == top]
    if any(rule.level == "not-indicated" for rule in candidates):
        level: Level = "not-indicated"
    else:
        level = min((rule.level for rule in candidates),  # type: ignore[misc]
                    key=LEVEL_RANK.__getitem__)
    deciding = tuple(rule for rule in candidates if rule.level == level)
    overridden = tuple(rule for rule in fired if rule.level != level or rule.priority != top)
    return level, deciding, overridden


def _strength(level: Level | None) -> int:
    """first-line 3 ... consider 1; not-indicated and absent 0 (neither is a treatment given)."""
    return 0 if level is None else len(LEVELS) - 1 - LEVEL_RANK[level]


def stronger(first: Level | None, second: Level | None) -> bool:
    """Whether `first` is a stronger place in the plan than `second`."""
    return _strength(first) > _strength(second)


@dataclass(frozen=True)
class Lowering:
    """A cap or an exclusive set that lowered a treatment from `was`, with its reason."""

    by: str  # the cap rule's id or the exclusive set's id
    was: Level
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Decided:
    """One treatment's level, the level rules behind it and what lowered it."""

    level: Level
    deciding: tuple[Rule, ...]
    overridden: tuple[Rule, ...]
    lowerings: tuple[Lowering, ...] = ()


def _capped(decided: Decided, caps: list[Rule]) -> Decided:
    lowering = [cap for cap in caps if stronger(decided.level, cap.at_most)]
    if not lowering:
        return decided
    cap = max(lowering, key=lambda rule: LEVEL_RANK[rule.at_most])  # type: ignore[index]
    return Decided(cap.at_most, decided.deciding, decided.overridden,  # type: ignore[arg-type]
                   (*decided.lowerings,
                    Lowering(cap.id, decided.level, cap.reason, cap.references)))


def exclusive_set_holds(exclusive: ExclusiveSet, cancer_type: CancerType, stage: str,
                        factors: PatientFactors) -> bool:
    return exclusive.when_any is None or any(
        matches(when, cancer_type, stage, factors) for when in exclusive.when_any)


def _resolve_exclusive(plan: dict[str, Decided], exclusive: ExclusiveSet,
                       cancer_type: CancerType, stage: str, factors: PatientFactors) -> None:
    first_line = {name for name, members in exclusive.strategies.items()
                  if any(plan.get(t) and plan[t].level == "first-line" for t in members)}
    if len(first_line) < 2 or not exclusive_set_holds(exclusive, cancer_type, stage, factors):
        return
    leader = next(
        (leader for leader in exclusive.leaders if leader.leads in first_line
         and matches(leader.when, cancer_type, stage, factors)), None)
    if leader is None:  # every leader that holds names a strategy not at first-line here
        leader = next((leader for leader in exclusive.leaders if leader.leads in first_line),
                      exclusive.leaders[-1])
    keep = leader.leads if leader.leads in first_line else next(  # declaration order decides
        name for name in exclusive.strategies if name in first_line)
    for name in first_line - {keep}:
        for treatment in exclusive.strategies[name]:
            decided = plan.get(treatment)
            if decided and decided.level == "first-line":
                plan[treatment] = Decided(
                    exclusive.others_at, decided.deciding, decided.overridden,
                    (*decided.lowerings,
                     Lowering(exclusive.id, "first-line", leader.reason, leader.references)))


def decide_plan(fired: dict[str, list[Rule]], cancer_type: CancerType, stage: str,
                factors: PatientFactors,
                exclusive_sets: Iterable[ExclusiveSet] = ()) -> dict[str, Decided]:
    """Every treatment's level for one patient from the rules that fired, in the three passes
    of the module docstring."""
    plan: dict[str, Decided] = {}
    for treatment, rules in fired.items():
        setters = [rule for rule in rules if not rule.is_cap]
        if not setters:
            continue  # caps never add a treatment
        level, deciding, overridden = deciding_rules(setters)
        plan[treatment] = _capped(Decided(level, deciding, overridden),
                                  [rule for rule in rules if rule.is_cap])
    for exclusive in exclusive_sets:
        _resolve_exclusive(plan, exclusive, cancer_type, stage, factors)
    return plan

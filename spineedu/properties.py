"""The safety properties of `content/invariants.yaml`, checked over the whole input space.

An invariant is content a clinician edits; its meaning is here: `when` selects patients (the rule
language's conditions), `then` says what their plan must show, `never_raised_by` relates a
patient to the same patient one step frailer, `same_as_not_given` relates a patient with a
normal finding entered to the same patient without it, and `check: subtype-dependence` compares
a type's subtypes. Exclusive sets are properties too: no plan has two of a set's strategies
first-line. A violation names the property, the patient and the rules that decided the treatments in
question, so an educator can go straight to the rule to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spineedu.content_model import (
    CancerType,
    Conditions,
    ExclusiveSet,
    Expectation,
    Invariant,
    Level,
    LevelBound,
)
from spineedu.engine import Recommendation, recommend
from spineedu.input_space import Patient, patients, subtypes_at
from spineedu.knowledge_base import KnowledgeBase
from spineedu.rules import (
    LEVEL_RANK,
    exclusive_set_holds,
    matches_factors,
    matches_stage,
    matches_type,
    stronger,
)


@dataclass(frozen=True)
class Violation:
    property_id: str
    statement: str
    patient: str
    problem: str
    rules: tuple[str, ...]  # the rules (caps, sets) behind the treatments in question

    def __str__(self) -> str:
        rules = f" [rules: {', '.join(self.rules)}]" if self.rules else ""
        return f"{self.property_id}: {self.patient}: {self.problem}{rules}"


def _levels(plan: Recommendation) -> dict[str, Level]:
    return {d.treatment.id: d.level for d in plan.treatments}


def _steps(plan: Recommendation) -> dict[str, int | None]:
    return {d.treatment.id: d.step for d in plan.treatments}


def _at_least(level: Level | None, bound: Level) -> bool:
    return level is not None and LEVEL_RANK[level] <= LEVEL_RANK[bound]


def _bound_problem(bound: LevelBound, levels: dict[str, Level], lower: bool,
                   steps: dict[str, int | None]) -> str | None:
    """None when the bound holds; otherwise what the plan has instead."""
    def in_time(treatment: str) -> bool:
        step = steps.get(treatment)
        # a treatment with no step is not "done by step N": the plan must say when
        return bound.step_max is None or (step is not None and step <= bound.step_max)

    def ok(treatment: str) -> bool:
        level = levels.get(treatment)
        if lower:
            return _at_least(level, bound.level) and in_time(treatment)
        return not stronger(level, bound.level)

    results = [ok(t) for t in bound.treatments]
    if (all if bound.of == "each" else any)(results):
        return None
    word = "at least" if lower else "at most"
    found = ", ".join(f"{t} {levels.get(t, 'absent')}"
                      + (f" (step {steps[t]})" if steps.get(t) else "") for t in bound.treatments)
    quantifier = "" if bound.of == "each" or len(bound.treatments) == 1 else "one of "
    by_step = f" by step {bound.step_max}" if lower and bound.step_max else ""
    return (f"wanted {quantifier}{'/'.join(bound.treatments)} {word} {bound.level}{by_step}; "
            f"has {found}")


def expectation_problem(expectation: Expectation, plan: Recommendation) -> str | None:
    """None when the plan shows what the expectation asks, else the first thing missing."""
    levels, steps = _levels(plan), _steps(plan)
    for bound in expectation.at_least:
        if problem := _bound_problem(bound, levels, lower=True, steps=steps):
            return problem
    for bound in expectation.at_most:
        if problem := _bound_problem(bound, levels, lower=False, steps=steps):
            return problem
    shown = {p.id for p in plan.pathways}
    for pathway in expectation.pathways:
        if pathway not in shown:
            return f"pathway {pathway} not shown"
    first = plan.at_level("first-line")
    if expectation.first_line_not_only and first and all(
            d.treatment.family == expectation.first_line_not_only for d in first):
        return f"first-line is {expectation.first_line_not_only} treatment alone"
    if expectation.any_of:
        problems = [expectation_problem(option, plan) for option in expectation.any_of]
        if all(problems):
            return " / ".join(p for p in problems if p)
    return None


def _treatments_in(expectation: Expectation) -> set[str]:
    found = {t for bound in (*expectation.at_least, *expectation.at_most) for t in bound.treatments}
    for option in expectation.any_of:
        found |= _treatments_in(option)
    return found


def _rules_behind(plan: Recommendation, treatments: Iterable[str]) -> tuple[str, ...]:
    wanted = set(treatments)
    return tuple(reason.rule_id for d in plan.treatments if d.treatment.id in wanted
                 for reason in d.reasons)


def applies(invariant: Invariant, cancer_type: CancerType, patient: Patient) -> bool:
    return any(matches_factors(when, patient.factors)
               for when in _conditions_at(invariant, cancer_type, patient.stage))


_CONDITIONS_AT: dict[tuple[int, int, str], tuple[Invariant, tuple[Conditions, ...]]] = {}


def _conditions_at(invariant: Invariant, cancer_type: CancerType,
                   stage: str) -> tuple[Conditions, ...]:
    """The invariant's alternatives whose type and stage parts hold: once per type and stage
    (keyed by identity: hashing a content model on every call would cost more than matching)."""
    key = (id(invariant), id(cancer_type), stage)
    cached = _CONDITIONS_AT.get(key)
    if cached is None or cached[0] is not invariant:
        cached = (invariant, tuple(
            when for when in invariant.conditions()
            if matches_type(when, cancer_type) and matches_stage(when, cancer_type, stage)))
        _CONDITIONS_AT[key] = cached
    return cached[1]


def _plan_problem(kb: KnowledgeBase, patient: Patient, plan: Recommendation) -> str | None:
    """What every plan must be: suitable, with a first-line item, every item with reasons."""
    if not plan.suitable:
        return f"not suitable: {plan.message}"
    if not plan.at_level("first-line"):
        return "no first-line treatment"
    if any(not d.reasons or not d.references for d in plan.treatments):
        return "a treatment without its reasons"
    return None


def _exclusive_problem(exclusive: ExclusiveSet, plan: Recommendation) -> str | None:
    first = {d.treatment.id for d in plan.at_level("first-line")}
    leading = [name for name, members in exclusive.strategies.items() if first & set(members)]
    if len(leading) > 1:
        return f"strategies {' and '.join(leading)} both first-line"
    return None


EVERY_PLAN = "every-plan-answers"


def plan_violations(kb: KnowledgeBase, patient: Patient,
                    plan: Recommendation) -> Iterator[Violation]:
    """The per-patient properties this plan breaks."""
    cancer_type = kb.cancer_types[patient.type_id]
    if problem := _plan_problem(kb, patient, plan):
        yield Violation(EVERY_PLAN, "Every patient in the input space gets a plan with a "
                        "first-line treatment, each treatment with its reasons.", str(patient),
                        problem, ())
        return
    for exclusive in kb.exclusive_sets:
        if exclusive_set_holds(exclusive, cancer_type, patient.stage, patient.factors) and (
                problem := _exclusive_problem(exclusive, plan)):
            members = [t for m in exclusive.strategies.values() for t in m]
            yield Violation(exclusive.id, exclusive.statement, str(patient), problem,
                            _rules_behind(plan, members))
    for invariant in kb.invariants.values():
        if invariant.then is None or not applies(invariant, cancer_type, patient):
            continue
        if problem := expectation_problem(invariant.then, plan):
            yield Violation(invariant.id, invariant.statement, str(patient), problem,
                            _rules_behind(plan, _treatments_in(invariant.then)))


def _fitness_violations(kb: KnowledgeBase, invariant: Invariant,
                        plans: dict[Patient, dict[str, tuple[Level, tuple[str, ...]]]]
                        ) -> Iterator[Violation]:
    """`never_raised_by: ecog`: one step frailer never raises any of the treatments."""
    for patient, levels in plans.items():
        ecog = patient.factors.ecog
        if ecog is None or ecog == 0:
            continue
        if not applies(invariant, kb.cancer_types[patient.type_id], patient):
            continue
        fitter = plans.get(patient.with_value("ecog", ecog - 1))
        if fitter is None:
            continue
        for treatment in invariant.treatments:
            now, before = levels.get(treatment), fitter.get(treatment)
            if stronger(now and now[0], before and before[0]):
                yield Violation(
                    invariant.id, invariant.statement, str(patient),
                    f"{treatment} {before[0] if before else 'absent'} at ECOG {ecog - 1} but "
                    f"{now[0]} at ECOG {ecog}",  # type: ignore[index]
                    now[1])  # type: ignore[index]


def _not_given_violations(kb: KnowledgeBase, invariant: Invariant,
                          plans: dict[Patient, dict[str, tuple[Level, tuple[str, ...]]]]
                          ) -> Iterator[Violation]:
    """`same_as_not_given`: entering a normal value never changes what is first-line."""
    factor = invariant.same_as_not_given
    assert factor is not None
    for patient, levels in plans.items():
        value = getattr(patient.factors, factor)
        if value not in invariant.values:
            continue
        if not applies(invariant, kb.cancer_types[patient.type_id], patient):
            continue
        unknown = plans.get(patient.with_value(factor, None))
        if unknown is None:
            continue
        for treatment in invariant.treatments:
            now, before = levels.get(treatment), unknown.get(treatment)
            first_now = now is not None and now[0] == "first-line"
            first_before = before is not None and before[0] == "first-line"
            if first_now != first_before:
                yield Violation(
                    invariant.id, invariant.statement, str(patient),
                    f"{treatment} {now[0] if now else 'absent'} with {factor}={value} but "
                    f"{before[0] if before else 'absent'} with {factor} not given",
                    (now or before)[1])  # type: ignore[index]


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower())


def _subtype_violations(kb: KnowledgeBase, invariant: Invariant) -> Iterator[Violation]:
    """A systemic treatment whose level varies by subtype is `consider`, its reason naming a
    subtype, while the subtype is not given (at ECOG 1, where fitness does not limit)."""
    for cancer_type in kb.cancer_types.values():
        names = [_words(s.name) for s in cancer_type.subtypes]
        for stage in cancer_type.stage_ids():
            subtypes = subtypes_at(cancer_type, stage)
            if not subtypes:
                continue
            patient = Patient(cancer_type.id, stage)
            if not applies(invariant, cancer_type, patient):
                continue
            by_subtype = [_levels(recommend(cancer_type.id, stage, subtype=s, ecog=1,
                                            knowledge_base=kb)) for s in subtypes]
            unknown = recommend(cancer_type.id, stage, ecog=1, knowledge_base=kb)
            for decision in unknown.treatments:
                treatment = decision.treatment.id
                if decision.treatment.family != "systemic" or len(
                        {plan.get(treatment) for plan in by_subtype}) < 2:
                    continue
                said = " ".join(_words(r.text) for r in decision.reasons)
                if decision.level != "consider" or not any(n in said for n in names):
                    yield Violation(invariant.id, invariant.statement,
                                    f"{cancer_type.id} {stage} ecog=1",
                                    f"{treatment} {decision.level}, its reason names no subtype"
                                    if decision.level == "consider" else
                                    f"{treatment} {decision.level} without the subtype",
                                    tuple(r.rule_id for r in decision.reasons))


@dataclass(frozen=True)
class WalkResult:
    plans: int
    violations: tuple[Violation, ...]


def check_all(kb: KnowledgeBase, *,
              progress: Callable[[int], None] | None = None) -> WalkResult:
    """Walk every patient once and check every property."""
    monotone = [i for i in kb.invariants.values() if i.never_raised_by]
    not_given = [i for i in kb.invariants.values() if i.same_as_not_given]
    watched = {t for invariant in (*monotone, *not_given) for t in invariant.treatments}
    found: list[Violation] = []
    remembered: dict[Patient, dict[str, tuple[Level, tuple[str, ...]]]] = {}
    count = 0
    for count, patient in enumerate(patients(kb), start=1):
        plan = patient.recommend(kb)
        found.extend(plan_violations(kb, patient, plan))
        if watched:
            remembered[patient] = {
                d.treatment.id: (d.level, tuple(r.rule_id for r in d.reasons))
                for d in plan.treatments if d.treatment.id in watched}
        if progress and count % 10000 == 0:
            progress(count)
    for invariant in monotone:
        found.extend(_fitness_violations(kb, invariant, remembered))
    for invariant in not_given:
        found.extend(_not_given_violations(kb, invariant, remembered))
    for invariant in kb.invariants.values():
        if invariant.check == "subtype-dependence":
            found.extend(_subtype_violations(kb, invariant))
    return WalkResult(count, tuple(found))

"""What would change this plan? Every single-factor change to a patient that moves a treatment
between levels, with the rule that causes it.

Spine oncology is taught as a way of thinking (NOMS: which fact moves the plan, and where). One
`recommend` call costs a fraction of a millisecond, so every neighbouring patient can be tried:
each other stage, ESCC grade, SINS, ECOG, neurological deficit, subtype and resectability,
including "not given". A change is the difference between two `recommend` calls, nothing more.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spineedu.content_model import Level
from spineedu.engine import Recommendation
from spineedu.input_space import FACTORS, Factor, Patient, factor_values
from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.rules import PatientFactors

FACTOR_LABELS = {"stage": "stage", "escc": "ESCC", "sins": "SINS", "ecog": "ECOG",
                 "neuro_deficit": "neurological deficit", "subtype": "subtype",
                 "resectable": "resectable"}
ABSENT = "absent"


@dataclass(frozen=True)
class PlanChange:
    """With `factor` set to `value`, `treatment` moves from level `before` to `after`."""

    factor: Factor
    value: object  # None: "not given"
    treatment: str
    before: Level | None  # None: not in the plan
    after: Level | None
    rule: str  # the rule that puts the treatment at `after` (or kept it at `before`)

    def to_dict(self) -> dict[str, Any]:
        return {"factor": self.factor, "value": value_text(self.value),
                "treatment": self.treatment, "from": self.before or ABSENT,
                "to": self.after or ABSENT, "rule": self.rule}


def value_text(value: object) -> str:
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def alternatives(patient: Patient, factor: Factor, kb: KnowledgeBase) -> list[object]:
    """Every other value the factor can take for this type (None is "not given"), from the
    input space the safety properties are proven over."""
    cancer_type = kb.cancer_types[patient.type_id]
    current = patient.value_of(factor)
    return [value for value in factor_values(kb, cancer_type, patient.stage, factor)
            if value != current]


def plan_differences(before: Recommendation, after: Recommendation, factor: Factor,
                     value: object) -> list[PlanChange]:
    """The treatments whose level differs between two plans, each with its deciding rule."""
    old = {d.treatment.id: d for d in before.treatments}
    new = {d.treatment.id: d for d in after.treatments}
    changes = []
    for treatment_id in [*old, *(t for t in new if t not in old)]:
        was, now = old.get(treatment_id), new.get(treatment_id)
        if (was and was.level) == (now and now.level):
            continue
        decision = now or was
        changes.append(PlanChange(factor, value, treatment_id, was and was.level,
                                  now and now.level, decision.reasons[0].rule_id))
    return changes


def what_if(type_id: str, stage: str, *, knowledge_base: KnowledgeBase | None = None,
            **factors: object) -> tuple[PlanChange, ...]:
    """Every single-factor change that moves a treatment between levels.

    >>> changes = what_if("renal-cell-metastasis", "oligometastatic", ecog=1)
    >>> any(c.factor == "escc" and c.value == "3" and c.treatment == "decompression-surgery"
    ...     and c.after == "first-line" for c in changes)
    True
    """
    kb = knowledge_base or default_knowledge_base()
    patient = Patient(type_id, stage, PatientFactors(**factors))
    current = patient.recommend(kb)
    if not current.suitable:
        return ()
    changes: list[PlanChange] = []
    for factor in FACTORS:
        for value in alternatives(patient, factor, kb):
            neighbour = patient.with_value(factor, value)
            if factor == "stage" and neighbour.factors.subtype is not None:
                subtypes = {s.id: s for s in kb.cancer_types[type_id].subtypes}
                allowed = subtypes[neighbour.factors.subtype].stages
                if allowed is not None and value not in allowed:
                    continue  # that subtype does not occur at that stage
            plan = neighbour.recommend(kb)
            if plan.suitable:
                changes.extend(plan_differences(current, plan, factor, value))
    return tuple(changes)


@dataclass(frozen=True)
class ChangeGroup:
    """Values of one factor with the very same effect on the plan, said once."""

    factor: Factor
    values: tuple[object, ...]
    effects: tuple[tuple[str, Level | None, Level | None, str], ...]

    def values_text(self) -> str:
        label = FACTOR_LABELS[self.factor]
        numbers = [v for v in self.values if isinstance(v, int) and not isinstance(v, bool)]
        if len(numbers) == len(self.values) and len(numbers) > 2 and (
                numbers == list(range(numbers[0], numbers[-1] + 1))):
            return f"any {label} from {numbers[0]} to {numbers[-1]}"
        words = [value_text(v) for v in self.values]
        joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
        return f"{label} {joined}" if self.factor != "stage" else f"stage {joined}"

    def condition_text(self) -> str:
        """How the change is said: 'With ESCC 2 or 3', 'If ECOG were not known' (not knowing a
        fact is not a change of the patient), 'If it were stage IIB'."""
        if self.values == (None,):
            return f"If {FACTOR_LABELS[self.factor]} were not known"
        if self.factor == "stage":
            return f"If it were {self.values_text()}"
        return f"With {self.values_text()}"

    def is_clinical_change(self) -> bool:
        """A finding of the patient changes (not the stage, a diagnosis; not 'not known')."""
        return self.factor != "stage" and None not in self.values

    def changes_first_line(self) -> bool:
        return any("first-line" in (before, after) for _, before, after, _ in self.effects)


def grouped(changes: Iterable[PlanChange]) -> tuple[ChangeGroup, ...]:
    """Changes by factor and identical effect, in the order first seen."""
    by_value: dict[tuple[Factor, object], list[PlanChange]] = {}
    for change in changes:
        by_value.setdefault((change.factor, change.value), []).append(change)
    groups: dict[tuple[Factor, tuple], list[object]] = {}
    for (factor, value), items in by_value.items():
        effects = tuple((c.treatment, c.before, c.after, c.rule) for c in items)
        groups.setdefault((factor, effects), []).append(value)
    return tuple(ChangeGroup(factor, tuple(values), effects)
                 for (factor, effects), values in groups.items())



@dataclass(frozen=True)
class PlanDifference:
    """One treatment at different levels for two patients, with the rule behind each."""

    treatment: str
    first: Level | None
    second: Level | None
    first_rule: str | None
    second_rule: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"treatment": self.treatment, "first": self.first or ABSENT,
                "second": self.second or ABSENT, "first_rule": self.first_rule,
                "second_rule": self.second_rule}


def compare(first: Recommendation, second: Recommendation) -> tuple[PlanDifference, ...]:
    """The treatments whose level differs between two plans (two patients side by side)."""
    one = {d.treatment.id: d for d in first.treatments}
    two = {d.treatment.id: d for d in second.treatments}
    differences = []
    for treatment_id in [*one, *(t for t in two if t not in one)]:
        a, b = one.get(treatment_id), two.get(treatment_id)
        if (a and a.level) != (b and b.level):
            differences.append(PlanDifference(
                treatment_id, a and a.level, b and b.level,
                a.reasons[0].rule_id if a else None, b.reasons[0].rule_id if b else None))
    return tuple(differences)

"""What an edit of the content does to the plans: every patient of the input space on the old
and the new content, and every treatment whose level, deciding rules or references changed.

A YAML diff shows what an educator typed; a second clinician needs what it does. One level
change can reach a few hundred of several thousand patients of a type, or leave a plan with no
local treatment first-line; a new rule of higher priority can hide another rule and its trial's
reference while the level stays. The walk is the one of `spineedu.input_space`, so the diff
covers exactly the patients the properties are proven over.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spineedu.engine import Recommendation, TreatmentDecision
from spineedu.input_space import Patient, patients
from spineedu.knowledge_base import KnowledgeBase, load_knowledge_base

NOT_IN_PLAN = None  # a treatment's "level" when the plan does not name it


@dataclass
class Change:
    """One treatment of one type and stage whose place in the plan changed for some patients.

    `kind` is "level" (from != to), "step" (same level, another step in the plan's order),
    "reasons" (same level and step, other deciding rules, wording or references) or "hidden" (a rule
    that decided it before is now overridden by `rules_after`)."""

    kind: str
    type_id: str
    stage: str
    treatment: str
    before: str | None
    after: str | None
    patients: int = 0
    example: Patient | None = None
    rules_before: dict[str, int] = field(default_factory=dict)
    rules_after: dict[str, int] = field(default_factory=dict)
    references_added: dict[str, int] = field(default_factory=dict)
    references_removed: dict[str, int] = field(default_factory=dict)
    reworded: dict[str, int] = field(default_factory=dict)
    hidden_rule: str | None = None
    step_before: int | None = None
    step_after: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind, "type": self.type_id, "stage": self.stage,
            "treatment": self.treatment, "from": self.before, "to": self.after,
            "patients": self.patients,
            "example": self.example.inputs() if self.example else None,
            "rules_before": list(self.rules_before), "rules_after": list(self.rules_after),
            "references_added": list(self.references_added),
            "references_removed": list(self.references_removed),
            "reworded": list(self.reworded),
        }
        if self.hidden_rule is not None:
            data["hidden_rule"] = self.hidden_rule
        if self.kind == "step":
            data["step_from"], data["step_to"] = self.step_before, self.step_after
        return data


@dataclass
class PlanDiff:
    walked: int
    changes: list[Change]
    patients_changed: int

    def level_changes(self) -> list[Change]:
        return [change for change in self.changes if change.kind == "level"]

    def to_dict(self) -> dict[str, Any]:
        return {"walked": self.walked, "patients_changed": self.patients_changed,
                "changes": [change.to_dict() for change in self.changes]}


def _given(patient: Patient) -> int:
    return sum(value is not None for value in vars(patient.factors).values())


def _rules(decision: TreatmentDecision | None) -> tuple[str, ...]:
    return tuple(reason.rule_id for reason in decision.reasons) if decision else ()


def _wording(decision: TreatmentDecision | None) -> tuple[str, ...]:
    return tuple(reason.text for reason in decision.reasons) if decision else ()


def _reworded(was: TreatmentDecision | None, now: TreatmentDecision | None) -> list[str]:
    """The rules that decide in both plans but give their reason in other words."""
    before = {reason.rule_id: reason.text for reason in was.reasons} if was else {}
    return [reason.rule_id for reason in (now.reasons if now else ())
            if reason.rule_id in before and before[reason.rule_id] != reason.text]


def _references(decision: TreatmentDecision | None) -> tuple[str, ...]:
    return tuple(reference.id for reference in decision.references) if decision else ()


def _decisions(plan: Recommendation) -> dict[str, TreatmentDecision]:
    return {decision.treatment.id: decision for decision in plan.treatments} if (
        plan.suitable) else {}


def _count(into: dict[str, int], names: Iterable[str]) -> None:
    for name in names:
        into[name] = into.get(name, 0) + 1


class _Collector:
    """The changes of one part of the walk, grouped, with the fewest-factors example each."""

    def __init__(self) -> None:
        self.groups: dict[tuple, Change] = {}
        self.walked = 0
        self.patients_changed = 0

    def add(self, patient: Patient, before: Recommendation, after: Recommendation) -> None:
        self.walked += 1
        old, new = _decisions(before), _decisions(after)
        changed = False
        for treatment in dict.fromkeys([*old, *new]):
            was, now = old.get(treatment), new.get(treatment)
            level_before = was.level if was else NOT_IN_PLAN
            level_after = now.level if now else NOT_IN_PLAN
            step_before, step_after = (was.step if was else None), (now.step if now else None)
            if level_before != level_after:
                kind = "level"
            elif step_before != step_after:
                kind = "step"
            elif (_rules(was), _references(was), _wording(was)) != (
                    _rules(now), _references(now), _wording(now)):
                kind = "reasons"
            else:
                continue
            changed = True
            steps = (step_before, step_after) if kind == "step" else (None, None)
            self._record((kind, patient.type_id, patient.stage, treatment, level_before,
                          level_after, None, *steps), patient, was, now)
            for rule in now.overridden if now else ():
                if rule in _rules(was):
                    self._record(("hidden", patient.type_id, patient.stage, treatment,
                                  level_before, level_after, rule, None, None), patient, was,
                                 now)
        self.patients_changed += changed

    def _record(self, key: tuple, patient: Patient, was: TreatmentDecision | None,
                now: TreatmentDecision | None) -> None:
        kind, type_id, stage, treatment, before, after, hidden, step_before, step_after = key
        change = self.groups.get(key)
        if change is None:
            change = self.groups[key] = Change(kind, type_id, stage, treatment, before, after,
                                               hidden_rule=hidden, step_before=step_before,
                                               step_after=step_after)
        change.patients += 1
        if change.example is None or _given(patient) < _given(change.example):
            change.example = patient
        _count(change.rules_before, _rules(was))
        _count(change.rules_after, _rules(now))
        _count(change.reworded, _reworded(was, now))
        old_refs, new_refs = set(_references(was)), set(_references(now))
        _count(change.references_added, sorted(new_refs - old_refs))
        _count(change.references_removed, sorted(old_refs - new_refs))


def _walk_part(old: KnowledgeBase, new: KnowledgeBase, type_ids: tuple[str, ...]) -> _Collector:
    collector = _Collector()
    seen: set[Patient] = set()
    for patient in patients(new, type_ids=type_ids):
        seen.add(patient)
        collector.add(patient, patient.recommend(old), patient.recommend(new))
    for patient in patients(old, type_ids=type_ids):  # a type, stage or subtype removed
        if patient not in seen:
            collector.add(patient, patient.recommend(old), patient.recommend(new))
    return collector


def _walk_part_from(old_dir: str, new_dir: str, type_ids: tuple[str, ...]) -> _Collector:
    return _walk_part(load_knowledge_base(old_dir), load_knowledge_base(new_dir), type_ids)


def _by_rule_count(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


def diff_plans(old: KnowledgeBase, new: KnowledgeBase, *, old_dir: Path | None = None,
               new_dir: Path | None = None, workers: int | None = None,
               type_ids: tuple[str, ...] | None = None) -> PlanDiff:
    """Every change the new content makes to the plans of the input space (of `type_ids`
    only, when given).

    Given the folders the two knowledge bases came from, the walk is shared out by type among
    `workers` processes (default: one per core); the result is the same either way.
    """
    every_type = tuple(dict.fromkeys([*new.cancer_types, *old.cancer_types]))
    type_ids = every_type if type_ids is None else tuple(t for t in every_type if t in type_ids)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    parts = [part for part in (type_ids[index::workers] for index in range(workers)) if part]
    if not (old_dir and new_dir) or len(parts) < 2:
        parts = [type_ids]
    if len(parts) > 1:
        with ProcessPoolExecutor(len(parts)) as pool:
            collectors = list(pool.map(_walk_part_from, [str(old_dir)] * len(parts),
                                       [str(new_dir)] * len(parts), parts))
    else:
        collectors = [_walk_part(old, new, type_ids)]
    order = {type_id: index for index, type_id in enumerate(every_type)}
    stage_order = {(t.id, stage): index for kb in (old, new) for t in kb.cancer_types.values()
                   for index, stage in enumerate(t.stage_ids())}
    treatment_order = {t: index for index, t in enumerate(dict.fromkeys([*new.treatments,
                                                                        *old.treatments]))}
    kind_order = {"level": 0, "step": 1, "hidden": 2, "reasons": 3}
    changes = [change for collector in collectors for change in collector.groups.values()]
    for change in changes:
        change.rules_before = _by_rule_count(change.rules_before)
        change.rules_after = _by_rule_count(change.rules_after)
    changes.sort(key=lambda c: (order[c.type_id], stage_order.get((c.type_id, c.stage), 99),
                                kind_order[c.kind], treatment_order.get(c.treatment, 999),
                                -c.patients))
    return PlanDiff(walked=sum(c.walked for c in collectors), changes=changes,
                    patients_changed=sum(c.patients_changed for c in collectors))

"""Practice without end: questions generated from the engine, seeded and reproducible, and
answered by the engine, so a generated question can never teach what the rules do not say.

Two kinds, both about how the plan is decided:
- "Which single change would make <treatment> first-line?": the options are single changes of
  the patient (from `what_if`); the right ones are those after which `recommend` puts the
  treatment first-line.
- "Which treatment is not indicated here, and why?": the options are treatments of the plan;
  the right one is the one `recommend` puts under not indicated, its reason the feedback.
Patients are drawn only from what the content covers (a type's own stages and subtypes, factor
values in range, resectability only where it is asked), and only when the engine answers.
Options are changes of a finding: never "not known" (not knowing a fact does not help a
patient) and never the stage (a diagnosis, not something to change).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from spineedu.content_model import CancerType
from spineedu.engine import Recommendation, TreatmentDecision
from spineedu.input_space import Factor, Patient, factor_values
from spineedu.knowledge_base import KnowledgeBase
from spineedu.rules import PatientFactors, matches_stage, matches_type
from spineedu.whatif import ChangeGroup, grouped, what_if

Kind = Literal["make-first-line", "not-indicated"]
OPTIONS = 4
ATTEMPTS = 200  # patients tried per question before giving up on a seed


@dataclass(frozen=True)
class Option:
    label: str
    factor: str | None = None  # make-first-line: the change to apply
    value: object = None
    treatment: str | None = None  # not-indicated: the treatment chosen


@dataclass(frozen=True)
class Question:
    seed: int
    kind: Kind
    patient: Patient
    prompt: str
    target: str | None  # make-first-line: the treatment asked about
    options: tuple[Option, ...]


@dataclass(frozen=True)
class PracticeFeedback:
    correct: bool
    explanation: TreatmentDecision  # the decision whose reasons and references explain it
    right_labels: tuple[str, ...]


def practice_values(kb: KnowledgeBase, cancer_type: CancerType, stage: str,
                    factor: Factor) -> tuple[object, ...]:
    """The given values of a factor a practice patient may have: the input space's values
    (the walker's), kept within every content/practice.yaml limit for this type and stage."""
    values = [v for v in factor_values(kb, cancer_type, stage, factor) if v is not None]
    for limit in kb.practice_limits:
        if not (matches_type(limit.when, cancer_type)
                and matches_stage(limit.when, cancer_type, stage)):
            continue
        if factor in limit.not_asked:
            return ()
        if factor == "escc" and limit.escc is not None:
            values = [v for v in values if v in limit.escc]
        if factor == "sins" and limit.sins_min is not None:
            values = [v for v in values if v >= limit.sins_min]  # type: ignore[operator]
        if factor == "ecog" and limit.ecog_max is not None:
            values = [v for v in values if v <= limit.ecog_max]  # type: ignore[operator]
    return tuple(values)


PRACTICE_FACTORS: tuple[Factor, ...] = ("escc", "sins", "ecog", "neuro_deficit", "subtype",
                                        "resectable")


def random_patient(rng: random.Random, kb: KnowledgeBase) -> Patient:
    cancer_type = rng.choice(list(kb.cancer_types.values()))
    stage = rng.choice(cancer_type.stage_ids())

    def maybe(values: tuple[object, ...]) -> object:
        # a factor is given about half the time, as in real referrals
        return rng.choice(values) if values and rng.random() < 0.5 else None

    factors = PatientFactors(**{  # type: ignore[arg-type]
        factor: maybe(practice_values(kb, cancer_type, stage, factor))
        for factor in PRACTICE_FACTORS})
    return Patient(cancer_type.id, stage, factors)


def plausible_change(group: ChangeGroup, patient: Patient, kb: KnowledgeBase) -> bool:
    """Within the same limits as the patients themselves."""
    cancer_type = kb.cancer_types[patient.type_id]
    if group.factor == "stage":
        return True
    return group.values[0] in practice_values(kb, cancer_type, patient.stage, group.factor)


def _change_option(group: ChangeGroup) -> Option:
    from spineedu.views.whatif_text import try_label

    return Option(try_label(group).removeprefix("Try "), factor=group.factor,
                  value=group.values[0])


def _make_first_line(seed: int, rng: random.Random, patient: Patient, plan: Recommendation,
                     kb: KnowledgeBase) -> Question | None:
    groups = [g for g in grouped(what_if(patient.type_id, patient.stage, knowledge_base=kb,
                                         **vars(patient.factors)))
              if g.is_clinical_change() and plausible_change(g, patient, kb)]
    promoted = sorted({t for g in groups for t, _, after, _ in g.effects
                       if after == "first-line"})
    if not promoted:
        return None
    target = rng.choice(promoted)
    right = [g for g in groups if any(t == target and after == "first-line"
                                      for t, _, after, _ in g.effects)]
    wrong = [g for g in groups if g not in right]
    if len(wrong) < OPTIONS - 1:
        return None
    chosen = [rng.choice(right), *rng.sample(wrong, OPTIONS - 1)]
    rng.shuffle(chosen)
    name = kb.treatments[target].name
    return Question(seed, "make-first-line", patient,
                    f"Which single change would make {name} first-line?", target,
                    tuple(_change_option(g) for g in chosen))


def _not_indicated(seed: int, rng: random.Random, patient: Patient, plan: Recommendation,
                   kb: KnowledgeBase) -> Question | None:
    banned = plan.at_level("not-indicated")
    others = [d for d in plan.treatments if d.level != "not-indicated"
              and d.treatment.family != "supportive"]  # rehabilitation is always right
    if not banned or len(others) < OPTIONS - 1:
        return None
    chosen = [rng.choice(banned), *rng.sample(others, OPTIONS - 1)]
    rng.shuffle(chosen)
    return Question(seed, "not-indicated", patient,
                    "Which treatment is not indicated here, and why?", None,
                    tuple(Option(d.treatment.name, treatment=d.treatment.id) for d in chosen))


def practice_question(seed: int, kb: KnowledgeBase) -> Question:
    """The question for a seed: the same seed always gives the same question."""
    rng = random.Random(seed)
    makers = [_make_first_line, _not_indicated]
    for _ in range(ATTEMPTS):
        patient = random_patient(rng, kb)
        plan = patient.recommend(kb)
        if not plan.suitable:
            continue
        question = rng.choice(makers)(seed, rng, patient, plan, kb)
        if question is not None:
            return question
    raise RuntimeError(f"no practice question found for seed {seed}")


def check_practice(question: Question, option: Option, kb: KnowledgeBase) -> PracticeFeedback:
    """Answered by the engine: the chosen change is applied, or the chosen treatment looked up."""
    plan = question.patient.recommend(kb)
    if question.kind == "not-indicated":
        right = tuple(o.label for o in question.options
                      if plan.level_of(o.treatment) == "not-indicated")
        decision = next(d for d in plan.treatments if d.treatment.id == option.treatment)
        if decision.level != "not-indicated":
            decision = next(d for d in plan.at_level("not-indicated")
                            if d.treatment.name in right)
        return PracticeFeedback(option.label in right, decision, right)

    def after(o: Option) -> Recommendation:
        return question.patient.with_value(o.factor, o.value).recommend(kb)

    right = tuple(o.label for o in question.options
                  if after(o).level_of(question.target) == "first-line")
    chosen_plan = after(option)
    correct = chosen_plan.level_of(question.target) == "first-line"
    explaining = chosen_plan if correct else after(
        next(o for o in question.options if o.label in right))
    decision = next(d for d in explaining.treatments if d.treatment.id == question.target)
    return PracticeFeedback(correct, decision, right)

"""Checks for the exercises of the Python API lesson (09_python_api).

The learner sets `answer` and runs `check_exercise_N(answer)`. Each exercise here names only its
inputs (a cancer type, a stage, patient factors, a lesion's SINS items); the expected answer and
the feedback are computed from the engine and the score tables, so an exercise can never teach
something the content does not say. A check never raises: an unset or mistyped answer gets a
friendly "not yet", so the lesson runs top to bottom under nbval as stored.
"""

from __future__ import annotations

from html import escape
from typing import Any

from spineedu.content_model import LEVELS
from spineedu.engine import Recommendation, TreatmentDecision, closest_id, recommend
from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.scores.calculate import sins_score
from spineedu.views.cards import Panel
from spineedu.views.plan_html import LEVEL_HEADINGS

# The inputs of each exercise, as the lesson states them.
EXERCISE_1 = ("osteoid-osteoma", "2", {})
EXERCISE_2 = ("renal-cell-metastasis", "oligometastatic", {"escc": "3", "ecog": 1})
EXERCISE_3_TREATMENT = "decompression-surgery"  # for the patient of exercise 2
ECOG_VALUES = range(5)  # the ECOG grades recommend accepts
EXERCISE_4 = ("breast-metastasis", "polymetastatic", {})
EXERCISE_4_TREATMENT = "spinal-stabilization"
EXERCISE_4_LESION = {"location": "junctional", "pain": "mechanical", "lesion": "lytic",
                     "alignment": "subluxation", "collapse": "under-50",
                     "posterolateral": "unilateral"}
COLOURS = {True: "#009E73", False: "#D55E00", None: "#0072B2"}


def _plan(exercise: tuple[str, str, dict[str, Any]], kb: KnowledgeBase,
          **extra: Any) -> Recommendation:
    type_id, stage, factors = exercise
    return recommend(type_id, stage, knowledge_base=kb, **{**factors, **extra})


def _panel(correct: bool | None, verdict: str, lines: list[str]) -> Panel:
    """Feedback as text (what nbval compares) and as HTML: green correct, red not quite,
    blue not yet."""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    html = (f'<div class="spineedu-feedback" style="border-left:6px solid {COLOURS[correct]};'
            f'padding:6px 12px;margin:6px 0"><p><strong>{escape(verdict)}</strong></p>'
            f"<ul>{items}</ul></div>")
    return Panel(html, "\n".join([verdict, *(f"  - {line}" for line in lines)]))


def _why(decision: TreatmentDecision) -> list[str]:
    return [f"Why: {reason.text} [{', '.join(reason.references)}]"
            for reason in decision.reasons]


def _placed(decision: TreatmentDecision | None, name: str) -> str:
    if decision is None:
        return f"The engine does not name {name} for this case at all."
    step = f" (step {decision.step})" if decision.step else ""
    return f"The engine puts {name} under {LEVEL_HEADINGS[decision.level]}{step}."


def _decision(plan: Recommendation, treatment_id: str) -> TreatmentDecision | None:
    return next((d for d in plan.treatments if d.treatment.id == treatment_id), None)


def _not_yet(what: str) -> Panel:
    return _panel(None, "Not yet answered.",
                  [f"Set `answer` in the cell above to {what}, run that cell, then this check."])


def _treatment_check(answer: object, plan: Recommendation, expected: tuple[str, ...],
                     kb: KnowledgeBase, hint: str) -> Panel:
    if answer is None:
        return _not_yet("a treatment id (a string, e.g. 'vertebroplasty')")
    if not isinstance(answer, str) or answer not in kb.treatments:
        near = closest_id(answer, list(kb.treatments))
        return _panel(False, f"{answer!r} is not a treatment id.",
                      [f"Did you mean {near!r}?" if near else
                       "Treatment ids are lower case with hyphens: see `kb.treatments`."])
    name = kb.treatments[answer].name
    decision = _decision(plan, answer)
    if answer in expected and decision is not None:
        return _panel(True, f"Correct: {name}.", [_placed(decision, name), *_why(decision)])
    return _panel(False, f"Not quite: {name} is not the answer.",
                  [_placed(decision, name), *(_why(decision) if decision else []), hint])


def check_exercise_1(answer: object, kb: KnowledgeBase | None = None) -> Panel:
    """Exercise 1: a first-line treatment of the plan of EXERCISE_1."""
    kb = kb or default_knowledge_base()
    plan = _plan(EXERCISE_1, kb)
    expected = tuple(d.treatment.id for d in plan.at_level("first-line"))
    return _treatment_check(answer, plan, expected, kb,
                            "Hint: `plan.at_level('first-line')` lists the first-line decisions.")


def check_exercise_2(answer: object, kb: KnowledgeBase | None = None) -> Panel:
    """Exercise 2: the first-line treatment that comes first (the lowest step) for EXERCISE_2."""
    kb = kb or default_knowledge_base()
    plan = _plan(EXERCISE_2, kb)
    stepped = sorted((d for d in plan.at_level("first-line") if d.step), key=lambda d: d.step)
    expected = (stepped[0].treatment.id,) if stepped else ()
    return _treatment_check(answer, plan, expected, kb,
                            "Hint: each decision has a `step`; step 1 comes first.")


def check_exercise_3(answer: object, kb: KnowledgeBase | None = None) -> Panel:
    """Exercise 3: the lowest ECOG at which the engine no longer indicates the treatment of
    EXERCISE_3_TREATMENT for the patient of exercise 2."""
    kb = kb or default_knowledge_base()
    name = kb.treatments[EXERCISE_3_TREATMENT].name
    if answer is None:
        return _not_yet("a whole number from 0 to 4")
    if not isinstance(answer, int) or isinstance(answer, bool) or answer not in ECOG_VALUES:
        return _panel(False, f"{answer!r} is not an ECOG grade.",
                      ["ECOG is a whole number from 0 (fully active) to 4."])
    plans = {ecog: _plan(EXERCISE_2, kb, ecog=ecog) for ecog in ECOG_VALUES}
    not_indicated = [ecog for ecog, plan in plans.items()
                     if plan.level_of(EXERCISE_3_TREATMENT) == "not-indicated"]
    decision = _decision(plans[answer], EXERCISE_3_TREATMENT)
    if not_indicated and answer == not_indicated[0] and decision is not None:
        return _panel(True, f"Correct: ECOG {answer}.",
                      [f"At ECOG {answer}: {_placed(decision, name)}", *_why(decision)])
    lines = [f"At ECOG {answer}: {_placed(decision, name)}"]
    if decision is not None and decision.level == "not-indicated":
        lines.append("It is already not indicated at a lower ECOG: try the grades below.")
    else:
        lines.append("Hint: loop `for ecog in range(5):` and print `plan.level_of(...)`.")
    return _panel(False, f"Not quite: ECOG {answer}.", lines)


def check_exercise_4(answer: object, kb: KnowledgeBase | None = None) -> Panel:
    """Exercise 4: the level of EXERCISE_4_TREATMENT for EXERCISE_4 with the SINS of
    EXERCISE_4_LESION."""
    kb = kb or default_knowledge_base()
    if answer is None:
        return _not_yet("a level (" + ", ".join(repr(level) for level in LEVELS) + ")")
    if answer not in LEVELS:
        near = closest_id(answer, list(LEVELS))
        return _panel(False, f"{answer!r} is not a level.",
                      ["Levels are " + ", ".join(repr(level) for level in LEVELS) + "."
                       + (f" Did you mean {near!r}?" if near else "")])
    score = sins_score(**EXERCISE_4_LESION)
    plan = _plan(EXERCISE_4, kb, sins=score.total)
    decision = _decision(plan, EXERCISE_4_TREATMENT)
    name = kb.treatments[EXERCISE_4_TREATMENT].name
    if decision is not None and answer == decision.level:
        return _panel(True, f"Correct: {LEVEL_HEADINGS[decision.level]}.",
                      [f"The SINS is {score.total}: {score.band_label}.",
                       _placed(decision, name), *_why(decision)])
    return _panel(False, f"Not quite: not {answer!r}.",
                  ["Hint: compute the score with `sins_score(...)` and pass its `total` to "
                   "`recommend(..., sins=...)`, then ask the plan `level_of(...)`."])

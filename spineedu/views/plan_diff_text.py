"""A plan diff as text for a terminal, and the words the HTML report shares with it."""

from __future__ import annotations

from itertools import groupby

from spineedu.input_space import Patient
from spineedu.plan_diff import Change, PlanDiff
from spineedu.views.plan_html import LEVEL_HEADINGS
from spineedu.views.plan_text import describe_factors

SHOWN_RULES = 4  # the deciding rules shown per change, most frequent first


def level_name(level: str | None) -> str:
    return LEVEL_HEADINGS[level].lower() if level else "not in the plan"


def change_text(change: Change) -> str:
    """'first-line -> consider', or what a same-level change did."""
    if change.kind == "level":
        return f"{level_name(change.before)} -> {level_name(change.after)}"
    if change.kind == "hidden":
        return (f"rule {change.hidden_rule} is now hidden by "
                f"{', '.join(change.rules_after) or 'another rule'}")
    if change.kind == "step":
        return (f"still {level_name(change.after)}, {step_name(change.step_before)} -> "
                f"{step_name(change.step_after)}")
    if list(change.rules_before) == list(change.rules_after) and not (
            change.references_added or change.references_removed):
        return (f"still {level_name(change.after)}: the same rules, reworded "
                f"({rules_text(change.reworded)})")
    reworded = f" (reworded: {rules_text(change.reworded)})" if change.reworded else ""
    return f"still {level_name(change.after)}, other reasons or references{reworded}"


def step_name(step: int | None) -> str:
    return f"step {step}" if step else "no step"


def example_command(patient: Patient) -> str:
    """The `spineedu recommend` call that shows the example patient's plan."""
    flags = [f"--type {patient.type_id}", f"--stage {patient.stage}"]
    for name, value in vars(patient.factors).items():
        if value is None:
            continue
        flag = name.replace("_", "-")
        if isinstance(value, bool):
            flags.append(f"--{flag}" if value else f"--no-{flag}")
        else:
            flags.append(f"--{flag} {value}")
    return "spineedu recommend " + " ".join(flags)


def example_text(patient: Patient) -> str:
    return ", ".join(describe_factors(patient.factors)) or "no factor given"


def rules_text(rules: dict[str, int]) -> str:
    shown = list(rules)[:SHOWN_RULES]
    more = f" and {len(rules) - SHOWN_RULES} more" if len(rules) > SHOWN_RULES else ""
    return ", ".join(shown) + more if shown else "none"


def summary_text(diff: PlanDiff) -> str:
    if not diff.changes:
        return f"walked {diff.walked} patients on both contents: no plan changed"
    kinds = [change.kind for change in diff.changes]
    return (f"walked {diff.walked} patients on both contents: {diff.patients_changed} plans "
            f"changed: {kinds.count('level')} level changes, {kinds.count('step')} step "
            f"changes, {kinds.count('hidden')} hidden rules and {kinds.count('reasons')} "
            "changes of reasons, wording or references")


def format_plan_diff(diff: PlanDiff, names: dict[str, str]) -> str:
    """Grouped by type and stage; `names` gives a type's or treatment's name by id."""
    lines = [summary_text(diff)]
    for (type_id, stage), changes in groupby(diff.changes, lambda c: (c.type_id, c.stage)):
        lines += ["", f"{names.get(type_id, type_id)}, stage {stage}"]
        for change in changes:
            lines.append(f"  {names.get(change.treatment, change.treatment)}: "
                         f"{change_text(change)} ({change.patients} patients)")
            if change.example is not None:
                lines.append(f"      e.g. {example_text(change.example)}: "
                             f"{example_command(change.example)}")
            lines.append(f"      rules before: {rules_text(change.rules_before)}; after: "
                         f"{rules_text(change.rules_after)}")
            if change.references_added or change.references_removed:
                lines.append(f"      references added: "
                             f"{', '.join(change.references_added) or 'none'}; removed: "
                             f"{', '.join(change.references_removed) or 'none'}")
    return "\n".join(lines)

"""What-if changes and plan comparisons in words, for the terminal and the explorer."""

from __future__ import annotations

from spineedu.content_model import Level
from spineedu.knowledge_base import KnowledgeBase
from spineedu.views.plan_html import LEVEL_HEADINGS
from spineedu.whatif import FACTOR_LABELS, ChangeGroup, PlanDifference, value_text


def level_words(level: Level | None) -> str:
    return "not in the plan" if level is None else LEVEL_HEADINGS[level].lower()


def effect_text(treatment: str, before: Level | None, after: Level | None,
                kb: KnowledgeBase) -> str:
    name = kb.treatments[treatment].name
    if after == "first-line":
        return f"{name} becomes first-line (was {level_words(before)})"
    if before == "first-line":
        return f"{name} is no longer first-line (now {level_words(after)})"
    return f"{name}: {level_words(before)} -> {level_words(after)}"


def ordered(groups: tuple[ChangeGroup, ...]) -> list[ChangeGroup]:
    """Changes of the first line first: they are the ones a learner should see."""
    return sorted(groups, key=lambda group: not group.changes_first_line())


def format_what_if(title: str, groups: tuple[ChangeGroup, ...], kb: KnowledgeBase) -> str:
    if not groups:
        return f"{title}\n\nNo single change of stage or patient factor changes this plan."
    lines = [title]
    for group in ordered(groups):
        lines += ["", f"{group.condition_text()}:"]
        lines += [f"  - {effect_text(t, before, after, kb)}  [rule {rule}]"
                  for t, before, after, rule in group.effects]
    return "\n".join(lines)


def format_comparison(first: str, second: str, differences: tuple[PlanDifference, ...],
                      kb: KnowledgeBase) -> str:
    lines = [f"1: {first}", f"2: {second}", ""]
    if not differences:
        return "\n".join([*lines, "The two plans are the same."])
    for d in differences:
        lines.append(f"{kb.treatments[d.treatment].name}: {level_words(d.first)} (1) vs "
                     f"{level_words(d.second)} (2)")
        rules = [f"1: {d.first_rule}" if d.first_rule else "",
                 f"2: {d.second_rule}" if d.second_rule else ""]
        lines.append("    rule " + "; ".join(r for r in rules if r))
    return "\n".join(lines)


def first_line_sentence(group: ChangeGroup, kb: KnowledgeBase) -> str:
    """'With ESCC 2 or 3: Decompression surgery becomes first-line (was not in the plan)
    (rule ...)': the first-line effects of one change, in one sentence."""
    effects = [(t, before, after, rule) for t, before, after, rule in group.effects
               if "first-line" in (before, after)]
    said = "; ".join(f"{effect_text(t, before, after, kb)} (rule {rule})"
                     for t, before, after, rule in effects)
    return f"{group.condition_text()}: {said}."


def try_label(group: ChangeGroup) -> str:
    """The button that applies the change: the first value of the group."""
    return f"Try {FACTOR_LABELS[group.factor]} {value_text(group.values[0])}"

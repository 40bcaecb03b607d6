"""A printable handout of one patient's plan: a single HTML file with nothing to fetch (no
font, script or image from anywhere), for a teacher to print or send as PDF."""

from __future__ import annotations

import datetime as dt
from html import escape

from spineedu.content_model import Case
from spineedu.engine import Recommendation
from spineedu.knowledge_base import KnowledgeBase
from spineedu.messages import DISCLAIMER
from spineedu.views.plan_html import plan_html
from spineedu.views.plan_text import patient_text
from spineedu.views.whatif_text import effect_text, ordered
from spineedu.whatif import ChangeGroup

STYLE = """
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
         color: #1a1a1a; max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
  h1 { font-size: 18pt; margin: 0 0 0.3rem 0; } h2 { font-size: 14pt; margin-top: 1.2rem; }
  h3 { font-size: 12pt; } a { color: #0b57d0; }
  .spineedu-meta { color: #444; font-size: 10pt; }
  @page { size: A4; margin: 15mm; }
  @media print { body { margin: 0; max-width: none; } a { color: inherit; }
                 section, .spineedu-treatment { break-inside: avoid; } }
"""


def last_reviewed(result: Recommendation, kb: KnowledgeBase) -> dt.date:
    """The oldest review date of what the plan rests on: the type, its rules, their sources."""
    rules = {rule.id: rule for rule in kb.rules}
    rules.update({exclusive.id: exclusive for exclusive in kb.exclusive_sets})  # type: ignore[misc]
    dates = [kb.cancer_types[result.type_id].last_reviewed]
    for decision in result.treatments:
        dates += [rules[reason.rule_id].last_reviewed for reason in decision.reasons]
        dates += [reference.last_reviewed for reference in decision.references]
    return min(dates)


def what_if_html(groups: tuple[ChangeGroup, ...], kb: KnowledgeBase) -> str:
    if not groups:
        return "<p>No single change of stage or patient factor changes this plan.</p>"
    items = []
    for group in ordered(groups):
        effects = "".join(f"<li>{escape(effect_text(t, before, after, kb))} "
                          f"<small>(rule {escape(rule)})</small></li>"
                          for t, before, after, rule in group.effects)
        items.append(f"<li><strong>{escape(group.condition_text())}</strong><ul>{effects}"
                     "</ul></li>")
    return f"<ul>{''.join(items)}</ul>"


def handout_html(result: Recommendation, groups: tuple[ChangeGroup, ...], kb: KnowledgeBase,
                 today: dt.date, case: Case | None = None) -> str:
    """The page: patient, plan with reasons and references, what would change it, the date."""
    title = patient_text(result, kb)
    vignette = ""
    if case is not None:
        vignette = (f"<h2>The case: {escape(case.title)}</h2><p>{escape(case.vignette)}</p>"
                    f"<p><strong>{escape(case.question)}</strong></p>"
                    f"<p><strong>Teaching point:</strong> {escape(case.teaching_point)}</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>SpineEdu handout: {escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<main><h1>SpineEdu handout: {escape(title)}</h1>"
        f'<p class="spineedu-meta">Printed {today.isoformat()} · content last reviewed '
        f"{last_reviewed(result, kb).isoformat()} · <strong>Educational use only.</strong> "
        f"{escape(DISCLAIMER)}</p>{vignette}"
        f"<h2>The plan</h2>{plan_html(result, kb, glossary=False)}"
        f"<h2>What would change this plan?</h2>{what_if_html(groups, kb)}"
        "</main></body></html>\n"
    )

"""Static lesson panels built from the knowledge base: treatment cards, facts, charts, references.

Each panel is a `Panel`: HTML for JupyterLab and Voilà, and a plain-text form that nbval compares,
so a change of content shows up as a changed notebook output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from spineedu.engine import recommend
from spineedu.figures.chart import Chart
from spineedu.figures.statistics_chart import statistic_chart
from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.messages import DISCLAIMER
from spineedu.scores.calculate import ScoreResult
from spineedu.scores.tables import default_tables
from spineedu.views.handout import what_if_html
from spineedu.views.plan_html import (
    LEVEL_HEADINGS,
    disclaimer_html,
    not_suitable_html,
    plan_html,
    red_flags_html,
    reference_link,
)
from spineedu.views.plan_text import format_recommendation, patient_text
from spineedu.views.score_html import breakdown_html
from spineedu.views.score_text import format_score
from spineedu.views.table_html import TD, TH
from spineedu.views.whatif_text import format_what_if
from spineedu.whatif import grouped, what_if


@dataclass(frozen=True)
class Panel:
    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def _kb(kb: KnowledgeBase | None) -> KnowledgeBase:
    return kb or default_knowledge_base()


def safety_banner(kb: KnowledgeBase | None = None) -> Panel:
    """The disclaimer, and what to do with symptoms, folded so it does not crowd the lesson."""
    kb = _kb(kb)
    html = (disclaimer_html() + '<details style="margin:4px 0 12px 0"><summary><strong>'
            "Do you have symptoms now? Read this first.</strong></summary>"
            + red_flags_html(kb) + "</details>")
    return Panel(html, f"{DISCLAIMER} If you have symptoms now, see your GP; red flags: "
                       f"{len(kb.red_flags)} listed, needing urgent care.")


def treatment_cards(treatment_ids: Iterable[str], kb: KnowledgeBase | None = None) -> Panel:
    """What each treatment is, how it is given, its benefits and its risks, one folded card
    each so that a lesson stays scannable."""
    kb = _kb(kb)
    cards, texts = [], []
    for treatment_id in treatment_ids:
        t = kb.treatments[treatment_id]
        benefits = "".join(f"<li>{escape(b)}</li>" for b in t.benefits)
        risks = "".join(f"<li>{escape(r)}</li>" for r in t.risks)
        references = "; ".join(reference_link(kb.references[r]) for r in t.references)
        cards.append(
            f'<details class="spineedu-card" style="border:1px solid #cfe0ec;border-radius:6px;'
            f'padding:6px 12px;margin:6px 0"><summary style="cursor:pointer"><strong>'
            f"{escape(t.name)}</strong> ({escape(t.family)})</summary>"
            f"<p>{escape(t.description)}</p><p><strong>How it is given:</strong> "
            f"{escape(t.delivery)}</p><p><strong>Benefits</strong></p><ul>{benefits}</ul>"
            f"<p><strong>Risks and side effects</strong></p><ul>{risks}</ul>"
            f'<p style="font-size:85%">Sources: {references}</p></details>'
        )
        texts.append(f"{t.name} ({t.family}): {len(t.benefits)} benefits, {len(t.risks)} risks")
    return Panel("".join(cards), "\n".join(texts))


def facts_panel(fact_ids: Iterable[str], kb: KnowledgeBase | None = None) -> Panel:
    kb = _kb(kb)
    facts = [kb.facts[f] for f in fact_ids]
    items = "".join(
        f"<li>{escape(f.text)} <span style='font-size:85%'>("
        + "; ".join(reference_link(kb.references[r]) for r in f.references) + ")</span></li>"
        for f in facts
    )
    return Panel(f"<ul>{items}</ul>", "\n".join(f"- {f.text}" for f in facts))


@dataclass(frozen=True)
class ChartWithCaption:
    """A chart and its caption as two outputs: the PNG (never compared by nbval) and text."""

    chart: Chart
    caption: Panel

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.chart, self.caption)


def statistic_panel(statistic_id: str, kb: KnowledgeBase | None = None) -> ChartWithCaption:
    """A chart with its one-line summary, the source note and the references under it."""
    kb = _kb(kb)
    statistic = kb.statistics[statistic_id]
    references = "; ".join(reference_link(kb.references[r]) for r in statistic.references)
    caption = Panel(
        f"<p><strong>{escape(statistic.summary)}</strong><br>"
        f'<span style="font-size:85%">{escape(statistic.source_note)} Sources: {references}'
        "</span></p>",
        f"{statistic.summary} ({statistic.source_note})",
    )
    return ChartWithCaption(statistic_chart(statistic), caption)


def worked_example(type_id: str, stage: str, kb: KnowledgeBase | None = None,
                   **factors: object) -> Panel:
    """The engine's plan for one fixed case, as the explorer shows it and as plain text."""
    kb = _kb(kb)
    result = recommend(type_id, stage, knowledge_base=kb, on_invalid="not-suitable", **factors)
    return Panel(plan_html(result, kb), format_recommendation(result, kb))


def what_if_panel(type_id: str, stage: str, kb: KnowledgeBase | None = None,
                  **factors: object) -> Panel:
    """Every single change that would move a treatment, grouped, for one fixed case."""
    kb = _kb(kb)
    plan = recommend(type_id, stage, knowledge_base=kb, on_invalid="not-suitable", **factors)
    if not plan.suitable:
        return Panel(not_suitable_html(plan.message), plan.message)
    groups = grouped(what_if(type_id, stage, knowledge_base=kb, **factors))
    title = f"What would change this plan? {patient_text(plan, kb)}"
    return Panel(f'<div class="spineedu-what-if-panel"><p><strong>{escape(title)}</strong></p>'
                 f"{what_if_html(groups, kb)}</div>", format_what_if(title, groups, kb))


def level_table(cases: Iterable[tuple[str, str, dict]], treatment_ids: Iterable[str],
                kb: KnowledgeBase | None = None) -> Panel:
    """The engine's level for each treatment in a few example situations, side by side."""
    kb = _kb(kb)
    cases, treatment_ids = list(cases), list(treatment_ids)
    plans = [recommend(type_id, stage, knowledge_base=kb, on_invalid="not-suitable", **factors)
             for type_id, stage, factors in cases]
    header = "".join(
        f"{TH}{escape(kb.cancer_types[t].name)}, {escape(s)}"
        + "".join(f", {escape(k)} {escape(str(v))}" for k, v in f.items()) + "</th>"
        for t, s, f in cases
    )
    rows, lines = [], []
    for treatment_id in treatment_ids:
        levels = [LEVEL_HEADINGS.get(p.level_of(treatment_id) or "", "-") for p in plans]
        name = kb.treatments[treatment_id].name
        rows.append(f"<tr>{TD}{escape(name)}</td>"
                    + "".join(f"{TD}{escape(level)}</td>" for level in levels) + "</tr>")
        lines.append(f"{name}: " + " | ".join(levels))
    html = (f'<table class="spineedu-table"><thead><tr>{TH}Treatment</th>{header}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")
    return Panel(html, "\n".join(lines))


def references_panel(reference_ids: Iterable[str], kb: KnowledgeBase | None = None) -> Panel:
    kb = _kb(kb)
    references = [kb.references[r] for r in dict.fromkeys(reference_ids)]
    items = "".join(f"<li>{reference_link(r)}</li>" for r in references)
    return Panel(f"<ol>{items}</ol>", "\n".join(r.citation for r in references))


def types_by_compartment(kb: KnowledgeBase | None = None) -> Panel:
    """Which of SpineEdu's cancer types live in which compartment."""
    kb = _kb(kb)
    by_compartment: dict[str, list[str]] = {}
    for cancer_type in kb.cancer_types.values():
        by_compartment.setdefault(cancer_type.compartment, []).append(cancer_type.name)
    order = ["extradural", "intradural-extramedullary", "intramedullary", "leptomeningeal"]
    rows = [(c, sorted(by_compartment[c])) for c in order if c in by_compartment]
    html = "".join(f"<p><strong>{escape(c)}</strong>: {escape(', '.join(names))}</p>"
                   for c, names in rows)
    return Panel(html, "\n".join(f"{c}: {', '.join(names)}" for c, names in rows))


def case_list(kb: KnowledgeBase | None = None) -> Panel:
    """The vignettes' titles and tumour types, without giving away the answers."""
    kb = _kb(kb)
    lines = [f"{number}. {case.title} ({kb.cancer_types[case.type].name})"
             for number, case in enumerate(kb.cases.values(), start=1)]
    return Panel("<ol>" + "".join(f"<li>{escape(line.split('. ', 1)[1])}</li>" for line in lines)
                 + "</ol>", "\n".join(lines))


def lesson_references(
    treatments: Iterable[str] = (), statistics: Iterable[str] = (), facts: Iterable[str] = (),
    physics: bool = False, kb: KnowledgeBase | None = None,
) -> Panel:
    """Every source behind what a lesson showed, in the order first cited."""
    kb = _kb(kb)
    ids = [r for t in treatments for r in kb.treatments[t].references]
    ids += [r for s in statistics for r in kb.statistics[s].references]
    ids += [r for f in facts for r in kb.facts[f].references]
    panel = references_panel(ids, kb)
    if not physics:
        return panel
    from spineedu.figures.depth_dose import load_parameters

    extra = load_parameters().references
    html = panel.html[:-5] + "".join(f"<li>{reference_link(r)}</li>" for r in extra) + "</ol>"
    return Panel(html, "\n".join([panel.text, *(r.citation for r in extra)]))


def score_breakdown(result: ScoreResult) -> Panel:
    """A computed score with its per-item breakdown."""
    return Panel(breakdown_html(result), format_score(result))


def classification_table(table_id: str) -> Panel:
    """Every grade of a classification (ECOG, Frankel, ASIA, Enneking) with its definition."""
    table = default_tables()[table_id]
    rows, lines = [], []
    # a third column only where the classification has one (no empty header for a screen reader)
    header = {"ecog": "Karnofsky equivalent", "enneking": "Surgical margin"}.get(table_id)
    for grade in table.grades:
        extra = (grade.karnofsky and f"Karnofsky {grade.karnofsky}") or grade.margin or ""
        third = f"{TD}{escape(extra)}</td>" if header else ""
        rows.append(f"<tr>{TD}<strong>{escape(grade.label)}</strong></td>"
                    f"{TD}{escape(grade.definition)}</td>{third}</tr>")
        lines.append(f"{grade.label}: {grade.definition}" + (f" ({extra})" if extra else ""))
    html = (f"<p><strong>{escape(table.name)}</strong>: {escape(table.description)}</p>"
            f'<table class="spineedu-table"><thead><tr>{TH}Grade</th>{TH}Definition</th>'
            + (f"{TH}{header}</th>" if header else "")
            + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return Panel(html, "\n".join(lines))


def score_references(table_ids: Iterable[str], kb: KnowledgeBase | None = None) -> Panel:
    tables = default_tables()
    return references_panel([r for t in table_ids for r in tables[t].references], kb)

"""The treatment x stage matrix of one cancer type: how the plan changes from stage to stage."""

from __future__ import annotations

import functools

from spineedu.content_model import LEVELS
from spineedu.engine import recommend
from spineedu.figures.chart import OKABE_ITO, Chart, new_figure
from spineedu.knowledge_base import KnowledgeBase
from spineedu.rules import PatientFactors

LEVEL_STYLE = {  # colour and a text mark, so the level never depends on colour alone
    "first-line": (OKABE_ITO["blue"], "1st"),
    "adjunct": (OKABE_ITO["green"], "adj"),
    "consider": (OKABE_ITO["orange"], "?"),
    "not-indicated": (OKABE_ITO["vermillion"], "no"),
}
NO_FACTORS = PatientFactors()
TEXT_ON = {"first-line": "white", "adjunct": "black", "consider": "black", "not-indicated": "white"}


@functools.lru_cache(maxsize=512)
def treatment_matrix(
    kb: KnowledgeBase, type_id: str, highlight_stage: str | None = None,
    factors: PatientFactors = NO_FACTORS,
) -> Chart:
    """Rows: treatments any stage names; columns: stages; cells: each treatment's level for the
    given patient factors, so the learner sees how the whole plan moves when a factor changes."""
    cancer_type = kb.cancer_types[type_id]
    stages = cancer_type.stage_ids()
    plans = {
        stage: recommend(type_id, stage, escc=factors.escc, sins=factors.sins, ecog=factors.ecog,
                         neuro_deficit=factors.neuro_deficit, knowledge_base=kb)
        for stage in stages
    }
    order = list(kb.treatments)
    treatment_ids = sorted(
        {d.treatment.id for plan in plans.values() for d in plan.treatments},
        key=lambda t: (min(LEVELS.index(p.level_of(t) or "not-indicated") for p in plans.values()
                           if p.level_of(t)), order.index(t)),
    )
    figure = new_figure(4.2 + 0.7 * len(stages), 1.2 + 0.3 * len(treatment_ids))
    axes = figure.add_subplot()
    for row, treatment_id in enumerate(treatment_ids):
        for column, stage in enumerate(stages):
            level = plans[stage].level_of(treatment_id)
            if level is None:
                continue
            colour, mark = LEVEL_STYLE[level]
            axes.add_patch(_cell(column, row, colour))
            axes.text(column, row, mark, ha="center", va="center", fontsize=8,
                      color=TEXT_ON[level], fontweight="bold")
    if highlight_stage in stages:
        column = stages.index(highlight_stage)
        axes.add_patch(_outline(column, len(treatment_ids)))
    axes.set_xlim(-0.5, len(stages) - 0.5)
    axes.set_ylim(len(treatment_ids) - 0.5, -0.5)
    axes.set_xticks(range(len(stages)), stages)
    axes.xaxis.tick_top()
    axes.set_yticks(range(len(treatment_ids)),
                    [kb.treatments[t].name.split(" (")[0] for t in treatment_ids], fontsize=8)
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_title(f"{cancer_type.name}: plan by stage ({cancer_type.staging.system})",
                   fontsize=9, loc="left")
    legend = "   ".join(f"{mark} = {level}" for level, (_, mark) in LEVEL_STYLE.items())
    axes.set_xlabel(f"{legend}\npatient factors: {_factors_text(factors)}", fontsize=8)
    description = _describe(cancer_type.name, stages, plans, highlight_stage, factors)
    return Chart.from_figure(figure, description)


def _cell(column: int, row: int, colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((column - 0.45, row - 0.42), 0.9, 0.84, color=colour)


def _outline(column: int, rows: int):
    from matplotlib.patches import Rectangle

    return Rectangle((column - 0.5, -0.5), 1, rows, fill=False, linewidth=2.5,
                     edgecolor="black")


def _factors_text(factors: PatientFactors) -> str:
    given = [
        f"{label} {value}"
        for label, value in (("ESCC", factors.escc), ("SINS", factors.sins),
                             ("ECOG", factors.ecog),
                             ("neurological deficit",
                              {True: "yes", False: "no"}.get(factors.neuro_deficit)))
        if value is not None
    ]
    return ", ".join(given) or "none given"


def _describe(name, stages, plans, highlight_stage, factors: PatientFactors) -> str:
    parts = []
    for stage in stages:
        first = [d.treatment.name.split(" (")[0] for d in plans[stage].at_level("first-line")]
        marker = " (selected)" if stage == highlight_stage else ""
        parts.append(f"{stage}{marker}: {', '.join(first)}")
    return (f"Chart: first-line treatment of {name} by stage (patient factors: "
            f"{_factors_text(factors)}). " + "; ".join(parts) + ".")

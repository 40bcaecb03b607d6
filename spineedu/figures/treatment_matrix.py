"""The treatment x stage matrix of one cancer type: how the whole plan moves with the stage and
the patient factors.

Drawn as SVG by hand rather than with matplotlib: it is redrawn on every change in the explorer,
and writing ~100 rectangles and labels as text takes about a millisecond where matplotlib takes
about a hundred. The text stays real text, readable by screen readers and searchable.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import re
from dataclasses import dataclass
from html import escape

from spineedu.content_model import LEVELS
from spineedu.engine import recommend
from spineedu.figures.chart import OKABE_ITO
from spineedu.knowledge_base import KnowledgeBase
from spineedu.rules import PatientFactors
from spineedu.views.plan_html import LEVEL_HEADINGS
from spineedu.views.plan_text import describe_factors

LEVEL_STYLE = {  # colour, a text mark and the mark's colour: the level never rests on colour alone
    "first-line": (OKABE_ITO["blue"], "1st", "white"),
    "adjunct": (OKABE_ITO["green"], "adj", "black"),
    "consider": (OKABE_ITO["orange"], "?", "black"),
    "not-indicated": (OKABE_ITO["vermillion"], "no", "black"),  # white on it is 3.4:1
}
LEVEL_WORDS = {level: heading.lower() for level, heading in LEVEL_HEADINGS.items()}
NO_FACTORS = PatientFactors()
CELL_W, CELL_H, GAP = 78, 24, 4
CHAR_W = 6.6  # average width of a 12 px sans-serif character
FONT = "font-family:DejaVu Sans,Arial,sans-serif"


@dataclass(frozen=True)
class SvgChart:
    svg: str
    description: str
    table: str = ""  # the same cells as an HTML table, for screen readers and small screens

    def _repr_svg_(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return self.description

    def img_tag(self, fit: bool = True) -> str:
        """fit=False keeps the natural size, so labels stay legible on a phone (put the image
        in a box that scrolls)."""
        data = base64.b64encode(self.svg.encode()).decode("ascii")
        alt = escape(self.description, quote=True)
        style = ' style="max-width:100%"' if fit else ""
        return f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}"{style}>'


def _short(name: str) -> str:
    """'Hormone (endocrine) therapy' -> 'Hormone therapy': the row labels must stay short."""
    return re.sub(r"\s*\([^)]*\)", "", name)


def _factors_text(factors: PatientFactors) -> str:
    return ", ".join(describe_factors(factors)) or "none given"


def _text(x: float, y: float, content: str, size: int = 12, anchor: str = "start",
          weight: str = "normal", fill: str = "black") -> str:
    return (f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}" style="{FONT}">{escape(content)}</text>')


@functools.lru_cache(maxsize=1024)
def treatment_matrix(
    kb: KnowledgeBase, type_id: str, highlight_stage: str | None = None,
    factors: PatientFactors = NO_FACTORS,
) -> SvgChart:
    """Rows: the treatments any stage names; columns: the stages; cells: each treatment's level
    for the given patient factors. The selected stage is outlined."""
    cancer_type = kb.cancer_types[type_id]
    stages = cancer_type.stage_ids()
    plans = {
        stage: recommend(type_id, stage, **dataclasses.asdict(factors), knowledge_base=kb,
                         on_invalid="not-suitable")
        for stage in stages
    }
    order = list(kb.treatments)
    treatment_ids = sorted(
        {d.treatment.id for plan in plans.values() for d in plan.treatments},
        key=lambda t: (min(LEVELS.index(level) for p in plans.values()
                           if (level := p.level_of(t))), order.index(t)),
    )
    labels = [_short(kb.treatments[t].name) for t in treatment_ids]
    left = 12 + CHAR_W * max(len(label) for label in labels)
    column_w = max(CELL_W, 12 + CHAR_W * max(len(stage) for stage in stages))
    top = 78
    width = left + column_w * len(stages) + 10
    height = top + CELL_H * len(treatment_ids) + 56
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img">',
        f"<title>{escape(cancer_type.name)}: plan by stage</title>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>',
        _text(8, 20, f"{cancer_type.name}: plan by stage", size=14, weight="bold"),
        _text(8, 38, cancer_type.staging.system, size=11),
    ]
    for column, stage in enumerate(stages):
        x = left + column * column_w + column_w / 2
        parts.append(_text(x, top - 8, stage, anchor="middle"))
    for row, (treatment_id, label) in enumerate(zip(treatment_ids, labels, strict=True)):
        y = top + row * CELL_H
        parts.append(_text(left - 8, y + CELL_H / 2 + 4, label, size=11, anchor="end"))
        for column, stage in enumerate(stages):
            level = plans[stage].level_of(treatment_id)
            if level is None:
                continue
            colour, mark, ink = LEVEL_STYLE[level]
            x = left + column * column_w
            parts.append(f'<rect x="{x + GAP / 2:.0f}" y="{y + GAP / 2:.0f}" '
                         f'width="{column_w - GAP:.0f}" height="{CELL_H - GAP:.0f}" '
                         f'fill="{colour}"><title>{escape(label)}, {escape(stage)}: '
                         f"{level}</title></rect>")
            parts.append(_text(x + column_w / 2, y + CELL_H / 2 + 4, mark, size=11,
                               anchor="middle", weight="bold", fill=ink))
    if highlight_stage in stages:
        x = left + stages.index(highlight_stage) * column_w
        parts.append(f'<rect x="{x:.0f}" y="{top - 24}" width="{column_w}" '
                     f'height="{CELL_H * len(treatment_ids) + 26}" fill="none" '
                     'stroke="black" stroke-width="3"/>')
    legend = " \u00b7 ".join(f"{mark} = {level}" for level, (_, mark, _) in LEVEL_STYLE.items())
    bottom = top + CELL_H * len(treatment_ids)
    parts.append(_text(8, bottom + 24, legend, size=11))
    parts.append(_text(8, bottom + 42, f"patient factors: {_factors_text(factors)}", size=11))
    parts.append("</svg>")
    return SvgChart(
        "".join(parts), _describe(cancer_type.name, stages, plans, highlight_stage, factors),
        _table(f"{cancer_type.name}: plan by stage ({cancer_type.staging.system}); patient "
               f"factors: {_factors_text(factors)}", stages, treatment_ids, labels, plans,
               highlight_stage),
    )


def _table(caption: str, stages, treatment_ids, labels, plans, highlight_stage) -> str:
    """Rows and columns of the figure, each cell the level in words (empty: not in the plan)."""
    left = ' style="text-align:left;padding:2px 8px"'
    head = "".join(
        f'<th scope="col"{left}>{escape(stage)}'
        + (" (selected)" if stage == highlight_stage else "") + "</th>"
        for stage in stages)
    rows = []
    for treatment_id, label in zip(treatment_ids, labels, strict=True):
        cells = "".join(
            f"<td{left}>{escape(LEVEL_WORDS.get(plans[stage].level_of(treatment_id), ''))}</td>"
            for stage in stages)
        rows.append(f'<tr><th scope="row"{left}>{escape(label)}</th>{cells}</tr>')
    return (f'<table class="spineedu-matrix-table" style="border-collapse:collapse">'
            f'<caption style="text-align:left">{escape(caption)}</caption>'
            f'<thead><tr><th scope="col"{left}>Treatment</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _describe(name, stages, plans, highlight_stage, factors: PatientFactors) -> str:
    parts = []
    for stage in stages:
        first = [_short(d.treatment.name) for d in plans[stage].at_level("first-line")]
        marker = " (selected)" if stage == highlight_stage else ""
        parts.append(f"{stage}{marker}: {', '.join(first)}")
    return (f"Chart: first-line treatment of {name} by stage (patient factors: "
            f"{_factors_text(factors)}). " + "; ".join(parts) + ".")

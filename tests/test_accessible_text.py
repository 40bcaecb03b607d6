"""What a screen reader gets instead of a picture or a whole page: the live region's one-line plan
summary and the treatment x stage matrix as a table. Both are derived from the engine, so they
are checked against it, not against fixed text."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from spineedu.engine import recommend
from spineedu.figures.chart import Chart
from spineedu.figures.treatment_matrix import LEVEL_WORDS, treatment_matrix
from spineedu.knowledge_base import default_knowledge_base
from spineedu.rules import PatientFactors
from spineedu.views.plan_text import plan_summary

KB = default_knowledge_base()


class TableCells(HTMLParser):
    """Rows of (tag, scope, text) from an HTML table."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str | None, str]]] = []
        self.caption = ""
        self._cell: list | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = [tag, dict(attrs).get("scope"), ""]
        elif tag == "caption":
            self._in_caption = True

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append(tuple(self._cell))
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data
        elif self._in_caption:
            self.caption += data


def test_summary_names_the_patient_and_the_first_line_steps():
    plan = recommend("renal-cell-metastasis", "oligometastatic", escc="3", ecog=1)
    summary = plan_summary(plan, KB)
    assert summary.startswith("Urgent: ")  # the cord compression pathway is said first
    assert "Spinal metastasis from renal cell carcinoma, stage oligometastatic (ESCC 3, ECOG 1)"\
        in summary
    first = plan.at_level("first-line")
    assert all(d.treatment.name in summary for d in first)
    assert f"step 1 {first[0].treatment.name}" in summary
    assert f"{len(plan.at_level('not-indicated'))} not indicated" in summary


def test_summary_without_urgency_or_steps():
    summary = plan_summary(recommend("meningioma", "grade-1"), KB)
    assert not summary.startswith("Urgent") and "First-line: " in summary


def test_summary_of_a_case_outside_the_resource_says_not_suitable():
    plan = recommend("chordoma", "IB", sins=25, on_invalid="not-suitable")
    assert plan_summary(plan, KB) == f"Not suitable: {plan.message}"


def test_matrix_table_holds_every_level_the_engine_gives():
    factors = PatientFactors(escc="2", ecog=1)
    chart = treatment_matrix(KB, "breast-metastasis", "polymetastatic", factors)
    table = TableCells()
    table.feed(chart.table)
    stages = KB.cancer_types["breast-metastasis"].stage_ids()
    header, *rows = table.rows
    assert [cell[1] for cell in header] == ["col"] * (len(stages) + 1)
    assert "polymetastatic (selected)" in [cell[2] for cell in header]
    assert "ESCC 2" in table.caption and "ECOG 1" in table.caption
    plans = {s: recommend("breast-metastasis", s, escc="2", ecog=1) for s in stages}
    names = {re.sub(r"\s*\([^)]*\)", "", t.name): t.id for t in KB.treatments.values()}
    assert rows
    for row in rows:
        (tag, scope, label), *cells = row
        assert (tag, scope) == ("th", "row")
        expected = [LEVEL_WORDS.get(plans[s].level_of(names[label]), "") for s in stages]
        assert [cell[2] for cell in cells] == expected


def test_a_chart_shows_as_an_image_with_its_description_as_alt_text():
    from spineedu.figures.depth_dose import depth_dose_chart

    chart = depth_dose_chart(150.0)
    assert isinstance(chart, Chart)
    html = chart._repr_html_()
    assert html.startswith('<img src="data:image/png;base64,')
    assert f'alt="{escape(chart.description, quote=True)}"' in html

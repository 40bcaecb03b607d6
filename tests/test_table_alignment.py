"""JupyterLab right-aligns table cells; the lessons' tables read left-aligned there, with the
score breakdown's points column right-aligned like any column of numbers."""

from __future__ import annotations

import re

import pytest

from spineedu.scores.calculate import additive_score
from spineedu.views import cards
from spineedu.views.score_html import breakdown_html

CELL = re.compile(r"<(t[hd])( [^>]*)?>")


def alignments(html: str) -> list[str]:
    found = []
    for _, attributes in CELL.findall(html):
        match = re.search(r"text-align:(\w+)", attributes or "")
        found.append(match.group(1) if match else "unset")
    return found


@pytest.mark.parametrize("panel", [
    lambda: cards.level_table([("chordoma", "IB", {}), ("breast-metastasis", "oligometastatic",
                                                        {"escc": "2"})],
                              ["en-bloc-resection", "chemotherapy"]).html,
    lambda: cards.classification_table("ecog").html,
    lambda: cards.classification_table("frankel").html,
], ids=["level-table", "ecog", "frankel"])
def test_lesson_tables_are_left_aligned(panel):
    found = alignments(panel())
    assert found and set(found) == {"left"}


def test_score_breakdown_left_aligned_but_points_right_aligned():
    result = additive_score("tomita", growth="slow", visceral_mets="none", bone_mets="solitary")
    found = alignments(breakdown_html(result))
    header, rows = found[:4], found[4:]
    assert header == ["left", "left", "right", "left"]
    assert rows == ["left", "left", "right", "left"] * len(result.items)

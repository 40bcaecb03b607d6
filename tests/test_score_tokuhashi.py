"""Revised Tokuhashi (2005): hand-computed totals, the 8/9 and 11/12 edges, invalid inputs."""

from __future__ import annotations

import pytest

from spineedu.scores import ScoreInputError, tokuhashi_score

BEST = dict(kps=90, extraspinal_bone_mets=0, vertebral_mets=1, visceral_mets="none",
            primary="breast", palsy="none")  # 2 + 2 + 2 + 2 + 5 + 2 = 15


def test_best_case_is_15_and_one_year_or_more():
    result = tokuhashi_score(**BEST)
    assert (result.total, result.band) == (15, "1-year-or-more")
    assert [i.points for i in result.items] == [2, 2, 2, 2, 5, 2]


def test_lung_primary_with_widespread_disease():
    # KPS 40 -> 0; 3 extraspinal -> 0; 3 vertebral -> 0; unremovable -> 0; lung 0; complete 0
    result = tokuhashi_score(kps=40, extraspinal_bone_mets=3, vertebral_mets=3,
                             visceral_mets="unremovable", primary="lung", palsy="complete")
    assert (result.total, result.band) == (0, "under-6-months")


@pytest.mark.parametrize(("changes", "total", "band"), [
    # kidney 3 instead of breast 5, moderate KPS 1: 1 + 2 + 2 + 2 + 3 + 2 = 12
    (dict(kps=60, primary="kidney"), 12, "1-year-or-more"),
    # ... and 2 vertebral metastases (1): 11
    (dict(kps=60, primary="kidney", vertebral_mets=2), 11, "6-months-or-more"),
    # unidentified primary 1, KPS 70 -> 1, 1-2 extraspinal -> 1: 1 + 1 + 2 + 2 + 1 + 2 = 9
    (dict(kps=70, primary="unidentified", extraspinal_bone_mets=2), 9, "6-months-or-more"),
    # ... with removable visceral metastases (1): 8
    (dict(kps=70, primary="unidentified", extraspinal_bone_mets=2, visceral_mets="removable"),
     8, "under-6-months"),
])
def test_band_edges(changes, total, band):
    result = tokuhashi_score(**{**BEST, **changes})
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(("item", "value"), [
    ("kps", 0), ("kps", 45), ("kps", 110), ("kps", "good"), ("extraspinal_bone_mets", -1),
    ("vertebral_mets", 0), ("visceral_mets", "some"), ("primary", "colon"),
    ("palsy", "partial"), ("kps", True),
])
def test_impossible_values(item, value):
    with pytest.raises(ScoreInputError) as raised:
        tokuhashi_score(**{**BEST, item: value})
    assert raised.value.name == item.replace("_", "-")

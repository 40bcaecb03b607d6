"""SINS (Fisher 2010): hand-computed totals, every band edge, every invalid input."""

from __future__ import annotations

import pytest

from spineedu.scores import ScoreInputError, sins_score

STABLE_BASE = dict(location="rigid", pain="none", lesion="blastic", alignment="normal",
                   collapse="none", posterolateral="none")  # 0 + 0 + 0 + 0 + 0 + 0 = 0


ALLOWED = {
    "location": "junctional, mobile, semi-rigid, rigid",
    "pain": "mechanical, occasional, none",
    "lesion": "lytic, mixed, blastic",
    "alignment": "subluxation, deformity, normal",
    "collapse": "over-50, under-50, no-collapse-over-50-involved, none",
    "posterolateral": "bilateral, unilateral, none",
}


def test_lytic_junctional_painful_lesion_is_potentially_unstable():
    # 3 (junctional) + 3 (mechanical) + 2 (lytic) + 0 (normal) + 2 (<50%) + 1 (unilateral) = 11
    result = sins_score(location="junctional", pain="mechanical", lesion="lytic",
                        alignment="normal", collapse="under-50", posterolateral="unilateral")
    assert (result.total, result.band) == (11, "potentially-unstable")
    assert [i.points for i in result.items] == [3, 3, 2, 0, 2, 1]
    assert "mechanical" in result.items[1].why.lower()


def test_maximum_is_18_unstable_and_minimum_0_stable():
    worst = sins_score(location="junctional", pain="mechanical", lesion="lytic",
                       alignment="subluxation", collapse="over-50", posterolateral="bilateral")
    assert (worst.total, worst.band) == (18, "unstable")  # 3+3+2+4+3+3
    best = sins_score(**STABLE_BASE)
    assert (best.total, best.band) == (0, "stable")


@pytest.mark.parametrize(("changes", "total", "band"), [
    # semi-rigid 1 + occasional 1 + mixed 1 + deformity 2 + no collapse, >50% involved 1 = 6
    (dict(location="semi-rigid", pain="occasional", lesion="mixed", alignment="deformity",
          collapse="no-collapse-over-50-involved"), 6, "stable"),
    # the same with a unilateral posterolateral lesion: 7
    (dict(location="semi-rigid", pain="occasional", lesion="mixed", alignment="deformity",
          collapse="no-collapse-over-50-involved", posterolateral="unilateral"),
     7, "potentially-unstable"),
    # mobile 2 + mechanical 3 + lytic 2 + deformity 2 + <50% 2 + unilateral 1 = 12
    (dict(location="mobile", pain="mechanical", lesion="lytic", alignment="deformity",
          collapse="under-50", posterolateral="unilateral"), 12, "potentially-unstable"),
    # the same with bilateral involvement (3): 14; with <50% -> none (0) and bilateral: 13
    (dict(location="mobile", pain="mechanical", lesion="lytic", alignment="deformity",
          collapse="none", posterolateral="bilateral"), 12, "potentially-unstable"),
    (dict(location="mobile", pain="mechanical", lesion="lytic", alignment="deformity",
          collapse="no-collapse-over-50-involved", posterolateral="bilateral"), 13, "unstable"),
])
def test_band_edges(changes, total, band):
    result = sins_score(**{**STABLE_BASE, **changes})
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(("item", "value"), [
    ("location", "lumbar"), ("pain", "severe"), ("lesion", "sclerotic"),
    ("alignment", "kyphosis"), ("collapse", "75"), ("posterolateral", "both"),
    ("location", None), ("pain", 3),
])
def test_impossible_values_name_the_item_and_its_allowed_values(item, value):
    with pytest.raises(ScoreInputError) as raised:
        sins_score(**{**STABLE_BASE, item: value})
    assert raised.value.name == item
    assert raised.value.allowed == ALLOWED[item]

"""Tomita (2001): totals 2-10 and every band with its treatment goal."""

from __future__ import annotations

import pytest

from spineedu.scores import ScoreInputError, tomita_score


@pytest.mark.parametrize(("growth", "visceral", "bone", "total", "band"), [
    ("slow", "none", "solitary", 2, "wide-or-marginal-excision"),          # 1 + 0 + 1
    ("moderate", "none", "solitary", 3, "wide-or-marginal-excision"),      # 2 + 0 + 1
    ("moderate", "none", "multiple", 4, "marginal-or-intralesional-excision"),  # 2 + 0 + 2
    ("slow", "treatable", "multiple", 5, "marginal-or-intralesional-excision"),  # 1 + 2 + 2
    ("rapid", "none", "solitary", 5, "marginal-or-intralesional-excision"),  # 4 + 0 + 1
    ("rapid", "none", "multiple", 6, "palliative-surgery"),                # 4 + 0 + 2
    ("moderate", "untreatable", "solitary", 7, "palliative-surgery"),      # 2 + 4 + 1
    ("rapid", "treatable", "multiple", 8, "supportive-care"),              # 4 + 2 + 2
    ("rapid", "untreatable", "multiple", 10, "supportive-care"),           # 4 + 4 + 2
])
def test_totals_and_bands(growth, visceral, bone, total, band):
    result = tomita_score(growth=growth, visceral_mets=visceral, bone_mets=bone)
    assert (result.total, result.band) == (total, band)
    assert len(result.items) == 3


@pytest.mark.parametrize(("item", "value"), [
    ("growth", "fast"), ("visceral_mets", "yes"), ("bone_mets", "two"), ("growth", 4),
])
def test_impossible_values(item, value):
    inputs = dict(growth="slow", visceral_mets="none", bone_mets="solitary")
    with pytest.raises(ScoreInputError) as raised:
        tomita_score(**{**inputs, item: value})
    assert raised.value.name == item.replace("_", "-")

"""Input the tool does not cover gets a referral, never an exception and never a guess."""

from __future__ import annotations

import dataclasses

import pytest

from spineedu.engine import recommend
from spineedu.messages import NOT_SUITABLE


@pytest.mark.parametrize(
    ("type_id", "stage", "factors"),
    [
        ("glioblastoma-of-the-brain", "IA", {}),
        ("chordoma", "IV", {}),
        ("chordoma", "oligometastatic", {}),
        ("breast-metastasis", "polymetastatic", {"escc": "4"}),
        ("breast-metastasis", "polymetastatic", {"sins": 19}),
        ("breast-metastasis", "polymetastatic", {"sins": -1}),
        ("breast-metastasis", "polymetastatic", {"sins": 7.5}),
        ("breast-metastasis", "polymetastatic", {"ecog": 5}),
        ("breast-metastasis", "polymetastatic", {"ecog": True}),
        ("breast-metastasis", "polymetastatic", {"neuro_deficit": "yes"}),
        (None, None, {}),
        (["chordoma"], {"IA"}, {}),
    ],
)
def test_out_of_scope_input_is_referred(type_id, stage, factors):
    result = recommend(type_id, stage, **factors)
    assert result.suitable is False
    assert result.treatments == ()
    assert NOT_SUITABLE in result.message
    assert "GP" in result.message


def test_suitable_answer_carries_the_educational_disclaimer():
    result = recommend("chordoma", "IB")
    assert result.suitable
    assert "not medical advice" in result.message


def test_numbers_for_escc_grade_and_benign_stage_are_understood():
    assert recommend("breast-metastasis", "polymetastatic", escc=3).factors.escc == "3"
    assert recommend("osteoid-osteoma", 1).suitable


def test_result_is_immutable_and_deterministic():
    first = recommend("renal-cell-metastasis", "oligometastatic", escc="3", ecog=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.suitable = False  # type: ignore[misc]
    assert isinstance(first.treatments, tuple)
    assert first == recommend("renal-cell-metastasis", "oligometastatic", escc="3", ecog=1)

"""Input the tool cannot use is never answered with a guess.

In code (the default) it raises a ValueError that says what to fix; for the public front ends
(`on_invalid="not-suitable"`) it gets a referral instead.
"""

from __future__ import annotations

import dataclasses

import pytest

from spineedu.engine import FactorValueError, InvalidInputError, UnknownIdError, recommend
from spineedu.messages import NOT_SUITABLE

OUT_OF_SCOPE = [
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
    ("breast-metastasis", "polymetastatic", {"subtype": "her3"}),
    (None, None, {}),
    (["chordoma"], {"IA"}, {}),
]


@pytest.mark.parametrize(("type_id", "stage", "factors"), OUT_OF_SCOPE)
def test_out_of_scope_input_is_referred_when_asked(type_id, stage, factors):
    result = recommend(type_id, stage, on_invalid="not-suitable", **factors)
    assert result.suitable is False
    assert result.treatments == ()
    assert NOT_SUITABLE in result.message
    assert "GP" in result.message


@pytest.mark.parametrize(("type_id", "stage", "factors"), OUT_OF_SCOPE)
def test_out_of_scope_input_raises_a_value_error_by_default(type_id, stage, factors):
    with pytest.raises(InvalidInputError) as caught:
        recommend(type_id, stage, **factors)
    assert isinstance(caught.value, ValueError)
    assert "GP" not in str(caught.value)  # a programmer is told what to fix, not referred


@pytest.mark.parametrize(("type_id", "stage", "factors", "message"), [
    ("Chordoma", "IB", {},
     "unknown cancer type 'Chordoma'; did you mean 'chordoma'? Valid ids: aneurysmal-bone-cyst,"),
    ("renal-cell-metastasis", "oligo", {},
     "unknown stage 'oligo' for renal-cell-metastasis; did you mean 'oligometastatic'? "
     "Valid ids: "),
    ("chordoma", "ib", {}, "unknown stage 'ib' for chordoma; did you mean 'IB'?"),
    ("breast-metastasis", "polymetastatic", {"subtype": "triple negative"},
     "unknown subtype 'triple negative' for breast-metastasis; did you mean 'triple-negative'? "
     "Valid ids: hr-positive-her2-negative, her2-positive, triple-negative"),
])
def test_unknown_id_names_the_closest_match_and_every_valid_id(type_id, stage, factors, message):
    with pytest.raises(UnknownIdError) as caught:
        recommend(type_id, stage, **factors)
    assert str(caught.value).startswith(message)
    assert caught.value.suggestion in caught.value.valid


def test_unknown_id_with_nothing_close_lists_the_valid_ids_without_a_guess():
    with pytest.raises(UnknownIdError) as caught:
        recommend("glioblastoma-of-the-brain", "IA")
    assert caught.value.suggestion is None
    assert "did you mean" not in str(caught.value)
    assert "chordoma" in caught.value.valid and "chordoma" in str(caught.value)


def test_subtype_of_a_type_without_subtypes_says_it_has_none():
    with pytest.raises(UnknownIdError, match="Valid ids: none"):
        recommend("osteoid-osteoma", "1", subtype="fast")


def test_out_of_range_factor_raises_naming_the_range():
    with pytest.raises(FactorValueError, match="SINS 25 is not a whole number from 0 to 18"):
        recommend("chordoma", "IB", sins=25)


def test_on_invalid_itself_is_checked():
    with pytest.raises(ValueError, match="on_invalid"):
        recommend("chordoma", "IB", on_invalid="ignore")  # type: ignore[arg-type]


def test_referral_keeps_the_public_wording():
    result = recommend("chordoma", "IV", on_invalid="not-suitable")
    assert result.message.startswith("Chordoma has no stage 'IV' in SpineEdu (its stages: ")


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

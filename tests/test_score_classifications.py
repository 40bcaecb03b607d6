"""ESCC, Enneking, ECOG, Frankel and ASIA: each grade's definition and band."""

from __future__ import annotations

import pytest

from spineedu.scores import (
    ScoreInputError,
    asia_grade,
    ecog_grade,
    enneking_stage,
    escc_grade,
    frankel_grade,
)


@pytest.mark.parametrize(("grade", "band"), [
    ("0", "low-grade"), ("1a", "low-grade"), ("1b", "low-grade"), ("1c", "low-grade"),
    ("2", "high-grade"), ("3", "high-grade"), (3, "high-grade"),
])
def test_escc_high_grade_is_2_and_3(grade, band):
    assert escc_grade(grade).band == band


def test_escc_grade_3_means_no_csf_around_the_cord():
    assert "no cerebrospinal fluid" in escc_grade("3").items[0].why


@pytest.mark.parametrize(("stage", "band", "margin"), [
    ("1", "benign", "Observation"), ("3", "benign", "en bloc"), ("IA", "malignant", "Wide"),
    ("IIB", "malignant", "Radical"), ("III", "malignant", "Palliative"),
])
def test_enneking_stage_gives_its_margin(stage, band, margin):
    result = enneking_stage(stage)
    assert result.band == band
    assert margin in result.items[0].why


@pytest.mark.parametrize(("grade", "kps", "band"), [
    (0, "90-100", "ambulatory"), (2, "50-60", "ambulatory"), (3, "30-40", "limited"),
    (4, "10-20", "limited"), (5, "0", "dead"),
])
def test_ecog_with_karnofsky_equivalent(grade, kps, band):
    result = ecog_grade(grade)
    assert result.band == band
    assert f"Karnofsky equivalent: {kps}" in result.items[0].why


@pytest.mark.parametrize(("grade", "band"), [
    ("A", "complete"), ("B", "complete"), ("C", "incomplete"), ("D", "incomplete"),
    ("E", "normal"),
])
def test_frankel_bands_match_tokuhashi_palsy(grade, band):
    assert frankel_grade(grade).band == band


def test_asia_a_is_complete_and_d_is_motor_incomplete():
    assert asia_grade("A").band == "complete"
    assert "at least half" in asia_grade("D").items[0].why


@pytest.mark.parametrize(("function", "value"), [
    (escc_grade, "4"), (escc_grade, "1d"), (enneking_stage, "IV"), (enneking_stage, "4"),
    (ecog_grade, 6), (ecog_grade, -1), (frankel_grade, "F"), (asia_grade, "a"),
])
def test_impossible_grades_list_the_allowed_ones(function, value):
    with pytest.raises(ScoreInputError) as raised:
        function(value)
    assert raised.value.name == "grade" and raised.value.allowed

"""The NOMS decision path (Laufer 2013), with the histology taken from the cancer type."""

from __future__ import annotations

import pytest

from spineedu.scores import ScoreInputError, noms_decision


@pytest.mark.parametrize(("escc", "histology", "fit", "path"), [
    ("1a", "radiosensitive", True, "conventional-ebrt"),
    ("3", "radiosensitive", True, "conventional-ebrt"),
    ("1c", "radioresistant", True, "stereotactic-radiotherapy"),
    ("2", "radioresistant", True, "separation-surgery-then-srs"),
    ("3", "radioresistant", False, "conventional-ebrt-palliative"),
])
def test_radiation_path(escc, histology, fit, path):
    assert noms_decision(escc=escc, histology=histology, fit=fit).band == path


def test_histology_from_the_cancer_type():
    renal = noms_decision(escc="3", type_id="renal-cell-metastasis", fit=True)
    breast = noms_decision(escc="3", type_id="breast-metastasis", fit=True)
    assert renal.band == "separation-surgery-then-srs"
    assert breast.band == "conventional-ebrt"
    assert "resistant" in renal.items[1].why


@pytest.mark.parametrize(("sins", "fit", "mechanical"), [
    (6, True, "stable"), (7, True, "surgical-opinion"), (12, True, "surgical-opinion"),
    (13, True, "stabilization"), (18, False, "stabilization-not-tolerated"),
])
def test_mechanical_path_from_sins(sins, fit, mechanical):
    result = noms_decision(escc="1a", histology="radiosensitive", fit=fit, sins=sins)
    assert result.paths["mechanical"] == mechanical


@pytest.mark.parametrize("inputs", [
    dict(escc="4", histology="radiosensitive", fit=True),
    dict(escc="3", histology="sensitive", fit=True),
    dict(escc="3", type_id="chordoma", fit=True),
    dict(escc="3", histology="radiosensitive", fit="yes"),
    dict(escc="3", histology="radiosensitive", fit=True, sins=19),
    dict(escc="3", fit=True),
])
def test_impossible_inputs(inputs):
    with pytest.raises(ScoreInputError):
        noms_decision(**inputs)

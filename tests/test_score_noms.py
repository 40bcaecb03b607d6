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


@pytest.mark.parametrize("escc", ["2", "3"])
@pytest.mark.parametrize("fit", [True, False])
@pytest.mark.parametrize("sins", [0, 6, 7, 12, 13, 18])
def test_no_cement_suggested_with_high_grade_compression(escc, fit, sins):
    # Cement augmentation is contraindicated with ESCC 2-3 (CIRSE); the unfit, unstable patient
    # with ESCC 3 used to be offered it.
    result = noms_decision(escc=escc, histology="radioresistant", fit=fit, sins=sins)
    mechanical = result.items[2]
    text = f"{mechanical.label} {mechanical.why} {result.band_label} {result.meaning}".lower()
    for word in ("cement", "vertebroplasty", "kyphoplasty"):
        assert word not in text, (escc, fit, sins)


def test_unfit_unstable_patient_gets_the_least_invasive_fixation():
    result = noms_decision(escc="3", histology="radioresistant", fit=False, sins=15)
    assert result.paths == {"radiation": "conventional-ebrt-palliative",
                            "mechanical": "stabilization-not-tolerated"}
    assert "percutaneous" in result.items[2].label.lower()


@pytest.mark.parametrize(("type_id", "path"), [
    # haematological tumours are radiosensitive: conventional radiotherapy even at ESCC 3
    ("multiple-myeloma", "conventional-ebrt"),
    ("solitary-plasmacytoma", "conventional-ebrt"),
    ("spinal-lymphoma", "conventional-ebrt"),
    ("prostate-metastasis", "conventional-ebrt"),
    ("sclc-metastasis", "conventional-ebrt"),
    # radioresistant metastases in a fit patient: separation surgery, then SRS
    ("thyroid-metastasis", "separation-surgery-then-srs"),
    ("hepatocellular-metastasis", "separation-surgery-then-srs"),
    ("colorectal-metastasis", "separation-surgery-then-srs"),
    ("lung-metastasis", "separation-surgery-then-srs"),
])
def test_every_metastatic_and_haematological_type_is_accepted(type_id, path):
    assert noms_decision(escc="3", type_id=type_id, fit=True).band == path


def test_accepted_types_cover_every_extradural_metastasis(kb):
    from spineedu.scores.calculate import noms_type_ids

    accepted = set(noms_type_ids(kb))
    metastases = {t.id for t in kb.cancer_types.values()
                  if t.group == "metastatic" and t.compartment == "extradural"}
    assert metastases <= accepted
    assert {"multiple-myeloma", "solitary-plasmacytoma", "spinal-lymphoma"} <= accepted
    # NOMS is not the framework for primary bone sarcomas, benign or intradural tumours
    assert not accepted & {"chordoma", "ewing-sarcoma", "osteoblastoma", "meningioma",
                           "leptomeningeal-metastasis"}


@pytest.mark.parametrize("type_id", ["ewing-sarcoma", "osteosarcoma", "leptomeningeal-metastasis",
                                     "schwannoma", "no-such-type"])
def test_types_outside_noms_are_refused(type_id):
    with pytest.raises(ScoreInputError) as error:
        noms_decision(escc="3", type_id=type_id, fit=True)
    assert "spinal-lymphoma" in error.value.allowed

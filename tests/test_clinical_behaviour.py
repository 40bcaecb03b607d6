"""Clinical behaviour written from the guidelines and trials, checked through the public engine.

Each test names the source of the expectation; the content must reproduce it.
"""

from __future__ import annotations

from spineedu.engine import recommend

SURGERY = ("en-bloc-resection", "intralesional-resection", "decompression-surgery")


def levels(result):
    return {d.treatment.id: d.level for d in result.treatments}


def test_chordoma_en_bloc_and_particle_therapy_not_chemotherapy():
    # Stacchiotti 2015 global consensus: wide en bloc resection, high-dose (particle) RT.
    plan = levels(recommend("chordoma", "IB", subtype="conventional"))
    assert plan["en-bloc-resection"] == "first-line"
    assert plan["proton-therapy"] in ("first-line", "adjunct")
    assert plan["chemotherapy"] == "not-indicated"
    assert levels(recommend("chordoma", "IB"))["chemotherapy"] == "consider"  # subtype unknown
    assert plan.get("intralesional-resection", "not-indicated") == "not-indicated"


def test_radioresistant_high_grade_compression_separation_surgery_then_sbrt():
    # NOMS (Laufer 2013): high-grade ESCC + radioresistant histology + fit -> separation surgery,
    # then stereotactic radiotherapy.
    result = recommend("renal-cell-metastasis", "oligometastatic", escc="3", ecog=1)
    first_line = result.at_level("first-line")
    ids = [d.treatment.id for d in first_line]
    assert "decompression-surgery" in ids and "stereotactic-radiotherapy" in ids
    assert ids.index("decompression-surgery") < ids.index("stereotactic-radiotherapy")
    surgery = first_line[ids.index("decompression-surgery")]
    assert any("noms" in r.rule_id for r in surgery.reasons)
    assert any(ref.id == "laufer-2013-noms" for ref in surgery.references)


def test_radiosensitive_high_grade_compression_gets_radiotherapy_not_surgery():
    # NOMS: radiosensitive histology (breast) -> conventional EBRT even with high-grade ESCC.
    plan = levels(recommend("breast-metastasis", "polymetastatic", escc="3", ecog=1))
    assert plan["conventional-radiotherapy"] == "first-line"
    assert plan.get("decompression-surgery") != "first-line"


def test_radioresistant_low_grade_compression_gets_sbrt():
    plan = levels(recommend("melanoma-metastasis", "polymetastatic", escc="1a", ecog=1))
    assert plan["stereotactic-radiotherapy"] == "first-line"
    assert plan.get("decompression-surgery") != "first-line"


def test_mechanical_instability_means_stabilization_whatever_the_histology():
    # NOMS M / SINS (Fisher 2010): SINS 13-18 unstable -> surgical stabilization.
    for type_id in ("breast-metastasis", "renal-cell-metastasis", "prostate-metastasis"):
        result = recommend(type_id, "polymetastatic", sins=14, escc="1b", ecog=1)
        assert result.level_of("spinal-stabilization") == "first-line", type_id
    stable = recommend("breast-metastasis", "polymetastatic", sins=4, escc="1b", ecog=1)
    assert stable.level_of("spinal-stabilization") != "first-line"


def test_unfit_patient_is_not_offered_open_surgery():
    # NOMS S: a patient who cannot tolerate surgery gets the least invasive option.
    result = recommend("renal-cell-metastasis", "polymetastatic", escc="3", ecog=4)
    assert result.level_of("decompression-surgery") == "not-indicated"
    first_line = {d.treatment.id for d in result.at_level("first-line")}
    assert first_line & {"conventional-radiotherapy", "palliative-care"}


def test_high_grade_compression_gets_corticosteroids():
    # NICE NG234: dexamethasone for MSCC with neurological symptoms or signs.
    result = recommend("lung-metastasis", "polymetastatic", escc="3", neuro_deficit=True, ecog=1)
    assert result.level_of("corticosteroids") in ("first-line", "adjunct")


def test_myeloma_is_treated_systemically_with_bone_protection():
    plan = levels(recommend("multiple-myeloma", "II"))
    systemic = {"chemotherapy", "monoclonal-antibody", "targeted-therapy"}
    assert any(plan.get(t) == "first-line" for t in systemic)
    assert plan["bone-modifying-agents"] in ("first-line", "adjunct")


def test_solitary_plasmacytoma_definitive_radiotherapy():
    assert recommend("solitary-plasmacytoma", "localized").level_of(
        "conventional-radiotherapy") == "first-line"


def test_osteoid_osteoma_radiofrequency_ablation():
    assert recommend("osteoid-osteoma", "2").level_of("thermal-ablation") == "first-line"


def test_asymptomatic_latent_hemangioma_is_observed():
    assert recommend("vertebral-hemangioma", "1").level_of("observation") == "first-line"


def test_giant_cell_tumour_denosumab_available():
    assert recommend("giant-cell-tumor", "3").level_of("monoclonal-antibody") in (
        "first-line", "adjunct", "consider")


def test_ependymoma_gross_total_resection():
    assert recommend("ependymoma", "grade-2").level_of("intradural-resection") == "first-line"


def test_leptomeningeal_linear_disease_intrathecal_chemotherapy_offered():
    level = recommend("leptomeningeal-metastasis", "IA").level_of("intrathecal-chemotherapy")
    assert level in ("first-line", "adjunct", "consider")


def test_ewing_sarcoma_starts_with_chemotherapy():
    assert recommend("ewing-sarcoma", "localized").level_of("chemotherapy") == "first-line"


def test_prostate_metastasis_hormone_therapy_first_line():
    assert recommend("prostate-metastasis", "polymetastatic").level_of(
        "hormone-therapy") == "first-line"


def test_renal_cell_metastasis_no_cytotoxic_chemotherapy():
    assert recommend("renal-cell-metastasis", "polymetastatic").level_of(
        "chemotherapy") == "not-indicated"


def test_every_answer_offers_life_after_treatment_and_second_opinion():
    for type_id, stage in (("chordoma", "IA"), ("breast-metastasis", "oligometastatic"),
                           ("schwannoma", "grade-1")):
        plan = levels(recommend(type_id, stage))
        assert plan.get("rehabilitation") in ("adjunct", "first-line"), type_id
        assert plan.get("second-opinion") is not None, type_id

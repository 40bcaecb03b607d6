"""The shipped content covers exactly the types, stages and treatments SpineEdu promises."""

from __future__ import annotations

import datetime as dt

TYPES = [
    "chordoma",
    "chondrosarcoma",
    "osteosarcoma",
    "ewing-sarcoma",
    "multiple-myeloma",
    "solitary-plasmacytoma",
    "spinal-lymphoma",
    "giant-cell-tumor",
    "aneurysmal-bone-cyst",
    "osteoid-osteoma",
    "osteoblastoma",
    "vertebral-hemangioma",
    "meningioma",
    "schwannoma",
    "neurofibroma",
    "ependymoma",
    "astrocytoma",
    "hemangioblastoma",
    "breast-metastasis",
    "prostate-metastasis",
    "lung-metastasis",
    "sclc-metastasis",
    "renal-cell-metastasis",
    "thyroid-metastasis",
    "melanoma-metastasis",
    "colorectal-metastasis",
    "hepatocellular-metastasis",
    "leptomeningeal-metastasis",
]

TREATMENTS = [
    "en-bloc-resection",
    "intralesional-resection",
    "decompression-surgery",
    "spinal-stabilization",
    "minimally-invasive-surgery",
    "intradural-resection",
    "conventional-radiotherapy",
    "stereotactic-radiotherapy",
    "cyberknife",
    "brachytherapy",
    "proton-therapy",
    "ig-imrt",
    "chemotherapy",
    "intrathecal-chemotherapy",
    "targeted-therapy",
    "monoclonal-antibody",
    "immunotherapy",
    "hormone-therapy",
    "bone-modifying-agents",
    "corticosteroids",
    "vertebroplasty",
    "kyphoplasty",
    "thermal-ablation",
    "embolization",
    "observation",
    "rehabilitation",
    "counselling-support",
    "integrative-medicine",
    "second-opinion",
]

STAGES_BY_SYSTEM = {
    ("IA", "IB", "IIA", "IIB", "III"): [
        "chordoma",
        "chondrosarcoma",
        "osteosarcoma",
    ],
    ("localized", "metastatic"): ["ewing-sarcoma"],
    ("1", "2", "3"): [
        "giant-cell-tumor",
        "aneurysmal-bone-cyst",
        "osteoid-osteoma",
        "osteoblastoma",
        "vertebral-hemangioma",
    ],
    ("I", "II", "III"): ["multiple-myeloma"],
    ("localized", "disseminated"): ["solitary-plasmacytoma", "spinal-lymphoma"],
    ("oligometastatic", "polymetastatic"): [
        t for t in TYPES if t.endswith("-metastasis") and t != "leptomeningeal-metastasis"
    ],
}
WHO_GRADES = {f"grade-{n}" for n in range(1, 5)}
INTRADURAL = ["meningioma", "schwannoma", "neurofibroma",
              "ependymoma", "astrocytoma", "hemangioblastoma"]


def test_every_promised_type_is_present(kb):
    assert sorted(kb.cancer_types) == sorted(TYPES)


def test_every_promised_treatment_is_present(kb):
    assert set(TREATMENTS) <= set(kb.treatments)


def test_stages_follow_the_staging_system(kb):
    for stages, type_ids in STAGES_BY_SYSTEM.items():
        for type_id in type_ids:
            assert kb.cancer_types[type_id].stage_ids() == stages, type_id


def test_intradural_types_use_who_grades(kb):
    for type_id in INTRADURAL:
        stages = set(kb.cancer_types[type_id].stage_ids())
        assert stages and stages <= WHO_GRADES, type_id
        assert kb.cancer_types[type_id].group == "intradural"


def test_leptomeningeal_uses_eano_esmo_types(kb):
    lepto = kb.cancer_types["leptomeningeal-metastasis"]
    assert lepto.compartment == "leptomeningeal"
    assert "EANO" in lepto.staging.system
    assert {stage[:1] for stage in lepto.stage_ids()} == {"I"}  # type I and type II


def test_every_entry_has_a_review_date_not_in_the_future(kb):
    today = dt.date.today()
    entries = [
        *kb.cancer_types.values(),
        *kb.treatments.values(),
        *kb.rules,
        *kb.references.values(),
        *kb.facts.values(),
    ]
    assert all(entry.last_reviewed <= today for entry in entries)


def test_every_treatment_is_used_by_some_rule(kb):
    used = {rule.treatment for rule in kb.rules}
    assert set(kb.treatments) - used == set()


def test_primary_tumours_under_ten_percent_is_taught(kb):
    assert any("10%" in fact.text and "primary" in fact.text.lower() for fact in kb.facts.values())


def test_metastases_radiosensitivity_follows_noms(kb):
    sensitive = {"breast-metastasis", "prostate-metastasis", "sclc-metastasis"}
    resistant = {
        "lung-metastasis",
        "renal-cell-metastasis",
        "thyroid-metastasis",
        "melanoma-metastasis",
        "colorectal-metastasis",
        "hepatocellular-metastasis",
    }
    for type_id in sensitive:
        assert kb.cancer_types[type_id].radiosensitivity == "sensitive", type_id
    for type_id in resistant:
        assert kb.cancer_types[type_id].radiosensitivity == "resistant", type_id

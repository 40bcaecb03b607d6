"""The explorer's widgets, driven from Python: what a learner sees after each change."""

from __future__ import annotations

import pytest

from spineedu.knowledge_base import default_knowledge_base
from spineedu.views import explorer_state as explorer_module
from spineedu.views.explorer import TreatmentExplorer
from spineedu.views.guard import FRIENDLY_ERROR


@pytest.fixture
def explorer() -> TreatmentExplorer:
    view = TreatmentExplorer()
    view.audience.value = "learning"
    return view


def headings(view: TreatmentExplorer) -> list[str]:
    return [level for level in ("First-line", "Adjunct", "Consider", "Not indicated")
            if f">{level}</h3>" in view.results.value]


def test_nothing_shows_until_the_visitor_says_who_they_are():
    view = TreatmentExplorer()
    assert view.explorer.layout.display == "none"
    assert view.results.value == ""  # nothing drawn for nobody
    assert view.symptoms.layout.display == "none"
    view.audience.value = "symptoms"
    assert view.symptoms.layout.display == ""
    assert view.explorer.layout.display == "none"
    assert "not suitable to assess symptoms" in view.symptoms.value


def test_labels_are_exact_and_every_dropdown_has_a_description(explorer):
    assert explorer.cancer_type.description == "Cancer type"
    assert explorer.stage.description == "Stage"
    assert [explorer.escc.description, explorer.sins.description, explorer.ecog.description] == [
        "ESCC grade", "SINS", "ECOG"]


def test_types_are_grouped_primary_metastatic_intradural(explorer):
    groups = [label.split(":")[0] for label, _ in explorer.cancer_type.options]
    assert groups == sorted(groups, key=["Primary", "Metastatic", "Intradural"].index)
    assert len(groups) == 28


def test_stage_options_follow_the_type(explorer):
    explorer.cancer_type.value = "multiple-myeloma"
    assert [value for _, value in explorer.stage.options] == ["I", "II", "III"]
    explorer.cancer_type.value = "breast-metastasis"
    assert [value for _, value in explorer.stage.options] == ["oligometastatic",
                                                               "polymetastatic"]
    assert explorer.stage.value == "oligometastatic"


def test_chordoma_plan_with_reasons_and_figure(explorer):
    explorer.cancer_type.value = "chordoma"
    explorer.stage.value = "IB"
    assert headings(explorer) == ["First-line", "Adjunct", "Consider", "Not indicated"]
    first_line = explorer.results.value.split(">Adjunct</h3>")[0]
    assert "En bloc resection" in first_line
    assert "doi.org" in explorer.results.value
    assert 'alt="Chart: first-line treatment of Chordoma by stage' in explorer.results.value
    assert "<strong>Stage IB</strong>" in explorer.results.value


def test_patient_factors_change_the_plan(explorer):
    explorer.cancer_type.value = "renal-cell-metastasis"
    explorer.stage.value = "oligometastatic"
    before = explorer.result.level_of("decompression-surgery")
    explorer.set_factors(escc="3", ecog=1)
    assert before != "first-line"
    assert explorer.result.level_of("decompression-surgery") == "first-line"
    assert "Step 1: Decompression surgery" in explorer.results.value
    explorer.set_factors(ecog=4)
    assert explorer.result.level_of("decompression-surgery") == "not-indicated"
    explorer.set_factors(escc=None, ecog=None, sins=14)
    assert explorer.result.level_of("spinal-stabilization") == "first-line"


def test_forged_values_never_raise_and_refer_the_visitor(explorer):
    explorer.stage.index = None
    assert explorer.result.suitable is False
    assert "not suitable" in explorer.results.value.lower()
    explorer.cancer_type.index = None
    assert explorer.result.suitable is False
    explorer.sins.index = None
    assert FRIENDLY_ERROR not in explorer.results.value


def test_a_failing_callback_shows_a_friendly_message(explorer, monkeypatch, capfd):
    def broken(*args, **kwargs):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(explorer_module, "recommend", broken)
    explorer.stage.value = explorer.stage.options[-1][1]
    assert FRIENDLY_ERROR in explorer.results.value
    assert "RuntimeError" not in explorer.results.value
    assert "Traceback" not in explorer.results.value
    assert "engine exploded" in capfd.readouterr().err  # logged for the maintainer


def test_subtype_and_resectable_show_only_where_they_change_the_plan(explorer):
    explorer.cancer_type.value = "multiple-myeloma"
    assert explorer.subtype.layout.display == "none"
    assert explorer.resectable.layout.display == "none"
    assert explorer.cancer_type.layout.display != "none"  # hiding one never hides the others
    explorer.cancer_type.value = "breast-metastasis"
    assert explorer.subtype.layout.display == ""
    assert [value for _, value in explorer.subtype.options][1:] == [
        s.id for s in explorer.kb.cancer_types["breast-metastasis"].subtypes]
    explorer.subtype.value = "triple-negative"
    assert explorer.result.factors.subtype == "triple-negative"
    explorer.cancer_type.value = "chordoma"
    assert explorer.resectable.layout.display == ""
    assert explorer.result.factors.subtype is None  # the breast subtype does not follow
    explorer.resectable.value = "no"
    assert explorer.result.factors.resectable is False
    assert "patient factors: resectable no" in explorer.results.value  # the matrix follows


def test_ecog_help_says_fitness_before_the_compression(explorer):
    assert "before the cord compression" in explorer.ecog.tooltip
    assert "before the cord compression" in explorer.explorer.children[3].value


def test_forged_subtype_is_not_suitable_not_a_crash(explorer):
    explorer.cancer_type.value = "breast-metastasis"
    explorer.subtype.options = [*explorer.subtype.options, ("forged", "her9")]
    explorer.subtype.value = "her9"
    assert explorer.result is not None and not explorer.result.suitable
    assert "not suitable" in explorer.results.value


def test_the_bilsky_grade_is_not_asked_for_a_tumour_inside_the_dura(explorer):
    explorer.cancer_type.value = "renal-cell-metastasis"
    explorer.escc.value = "3"
    assert explorer.escc.layout.display == ""
    explorer.cancer_type.value = "meningioma"
    assert explorer.escc.layout.display == "none"
    assert explorer.result.suitable and explorer.result.factors.escc is None  # not carried over
    assert explorer.sins.layout.display == "none"  # SINS scores bone: not inside the dura
    still_asked = [explorer.cancer_type, explorer.stage, explorer.ecog, explorer.neuro_deficit]
    assert [w.description for w in still_asked if w.layout.display == "none"] == []
    explorer.cancer_type.value = "chordoma"
    assert explorer.escc.layout.display == ""


def test_unicode_digits_are_no_score_and_get_a_referral():
    from spineedu.views.explorer_state import engine_inputs, explorer_answer

    arabic_one = "\u0661"
    inputs = engine_inputs({"sins": "²", "ecog": arabic_one})
    assert (inputs["sins"], inputs["ecog"]) == ("²", arabic_one)  # passed on, not read
    answer = explorer_answer(default_knowledge_base(), {
        "type_id": "breast-metastasis", "stage": "polymetastatic", "sins": "²"})
    assert answer.result.suitable is False
    assert "not suitable" in answer.results_html.lower()

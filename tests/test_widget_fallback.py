"""Where JupyterLab cannot render a widget (an untrusted notebook, a viewer) a student reads one
friendly sentence naming it, never `VBox(children=(HTML(value=...`."""

from __future__ import annotations

import pytest

from spineedu.views.cases_quiz import CaseQuiz
from spineedu.views.depth_dose_slider import DepthDoseExplorer
from spineedu.views.explorer import TreatmentExplorer
from spineedu.views.score_calculators import (
    AdditiveCalculator,
    ClassificationPicker,
    NomsCalculator,
)
from spineedu.views.widget_bundle import WIDGET_VIEW

FRONT_ENDS = [
    (TreatmentExplorer, "treatment explorer"),
    (CaseQuiz, "case quiz"),
    (DepthDoseExplorer, "depth-dose explorer"),
    (lambda: AdditiveCalculator("sins"), "Spinal Instability Neoplastic Score (SINS) calculator"),
    (lambda: AdditiveCalculator("tokuhashi"), "Revised Tokuhashi score calculator"),
    (lambda: ClassificationPicker("escc", "ESCC grade"), "(ESCC) grade picker"),
    (NomsCalculator, "NOMS decision framework calculator"),
]


@pytest.mark.parametrize(("make", "name"), FRONT_ENDS, ids=[n for _, n in FRONT_ENDS])
def test_bundle_renders_the_widget_or_says_what_it_is(make, name):
    bundle = make()._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"]  # JupyterLab and Voilà still render the widget
    text = bundle["text/plain"]
    assert "VBox(" not in text and "children=" not in text
    assert name in text
    assert "Run All Cells" in text and text[0].isupper()

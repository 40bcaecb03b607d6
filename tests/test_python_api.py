"""What a student meets calling the API in a notebook: a one-line repr, the plan as text for
`print` and as the explorer's HTML, and the engine still free of the views at import."""

from __future__ import annotations

import doctest
import subprocess
import sys

import pytest

import spineedu.engine
import spineedu.scores.calculate
from spineedu import recommend
from spineedu.knowledge_base import load_knowledge_base
from spineedu.scores import noms_decision, sins_score
from spineedu.views.plan_html import plan_html
from spineedu.views.plan_text import format_recommendation
from spineedu.views.score_html import breakdown_html
from spineedu.views.score_text import format_score

SINS = {"location": "junctional", "pain": "mechanical", "lesion": "lytic", "alignment": "normal",
        "collapse": "under-50", "posterolateral": "unilateral"}


def test_recommendation_repr_is_one_short_line(kb):
    plan = recommend("chordoma", "IB")
    first_line = len(plan.at_level("first-line"))
    assert repr(plan) == (f"Recommendation(chordoma, IB: {first_line} first-line, "
                          f"{len(plan.treatments)} treatments)")
    given = recommend("renal-cell-metastasis", "oligometastatic", escc="3", ecog=1)
    assert repr(given).startswith("Recommendation(renal-cell-metastasis, oligometastatic, "
                                  "escc '3', ecog 1: ")
    referred = recommend("chordoma", "IV", on_invalid="not-suitable")
    assert repr(referred) == "Recommendation(chordoma, IV: not suitable)"
    first = plan.treatments[0]
    assert repr(first).startswith(f"TreatmentDecision({first.treatment.id}: {first.level}")


def test_recommendation_prints_as_the_cli_text_and_shows_as_the_explorer_plan(kb):
    plan = recommend("renal-cell-metastasis", "oligometastatic", escc="3", ecog=1)
    assert str(plan) == format_recommendation(plan, kb)
    assert plan._repr_html_() == plan_html(plan, kb)
    referred = recommend("chordoma", "IV", on_invalid="not-suitable")
    assert str(referred) == referred.message
    assert "spineedu-not-suitable" in referred._repr_html_()


def test_a_plan_from_other_content_is_shown_from_that_content(write_content):
    other = load_knowledge_base(write_content())
    plan = recommend("tumour-x", "IA", knowledge_base=other)
    assert str(plan).startswith("Tumour X, stage IA")
    assert "Author A. A study of things." in plan._repr_html_()
    assert plan == recommend("tumour-x", "IA", knowledge_base=other)  # the kb is not compared


def test_score_result_repr_str_and_html():
    result = sins_score(**SINS)
    assert repr(result) == f"ScoreResult(sins: {result.total}, {result.band})"
    assert str(result) == format_score(result)
    assert result._repr_html_() == breakdown_html(result)
    noms = noms_decision(escc="3", type_id="renal-cell-metastasis", fit=True)
    assert repr(noms) == f"ScoreResult(noms: {noms.band})"


def test_the_engine_and_scores_import_no_view():
    code = ("import sys, spineedu.engine, spineedu.scores; "
            "print([m for m in sys.modules if m.startswith('spineedu.views')])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("module", [spineedu.engine, spineedu.scores.calculate])
def test_docstring_examples_hold(module, capsys):
    """The examples in the docstrings run against the real content, so they cannot rot."""
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, capsys.readouterr().out
    assert result.attempted > 0


@pytest.mark.parametrize("function", [
    spineedu.engine.recommend, *(getattr(spineedu.scores.calculate, name) for name in (
        "sins_score", "tokuhashi_score", "tomita_score", "escc_grade", "enneking_stage",
        "ecog_grade", "frankel_grade", "asia_grade", "noms_decision")),
])
def test_public_functions_have_examples(function):
    assert doctest.DocTestFinder().find(function)[0].examples, function.__name__

"""The explorer's plan in plain words: the same plan, each treatment said in plain words
without invented reasons, the levels in plain words, and urgent care first where the plan has an
urgent pathway (the clinical steps folded, with a warning not to act on them)."""

from __future__ import annotations

import re
from html import escape

from page_text import read_text

from spineedu.engine import recommend
from spineedu.input_space import patients
from spineedu.messages import PLAIN_PATHWAY_WARNING
from spineedu.views.explorer_state import explorer_answer
from spineedu.views.plan_html import plan_html


def escape_text(text: str) -> str:
    return re.sub(r"\s+", " ", escape(text, quote=False))


def _plan(kb):
    return recommend("breast-metastasis", "polymetastatic", escc="2", sins=8, ecog=1,
                     neuro_deficit=False, knowledge_base=kb)


def test_the_plain_plan_explains_each_treatment_in_plain_words_without_made_up_reasons(kb):
    result = _plan(kb)
    plain, clinical = plan_html(result, kb, plain=True), plan_html(result, kb)
    first = result.at_level("first-line")[0]
    what = kb.plain_treatments[first.treatment.id].what
    assert "What it is." in plain and "What it is." not in clinical
    assert first.reasons[0].text.split()[0] in clinical
    text = read_text(plain)
    assert re.sub(r"\s+", " ", what)[:40] in text
    assert not any(reason.text[:60] in text for reason in first.reasons)
    assert "clinical version" in text and "References" in text
    assert "Usually the first choice (first-line)" in text


def test_a_plain_plan_never_gives_a_reason_to_use_a_treatment_it_does_not_indicate(kb):
    """Across every type and stage (the input space's patients, fit and unfit, with and
    without a compressed cord): under 'not indicated' the plain plan says what the treatment
    is and that it is usually not used here, never the general 'why it is used' (which would
    read as the opposite)."""
    checked = 0
    for patient in patients(kb):
        factors = patient.factors
        if (factors.sins, factors.subtype, factors.neuro_deficit, factors.resectable) != (
                None, None, None, None) or factors.escc not in (None, "3") or (
                factors.ecog not in (None, 4)):
            continue
        result = patient.recommend(kb)
        if not result.suitable:
            continue
        html = plan_html(result, kb, plain=True)
        section = re.search(r'data-level="not-indicated".*?</section>', html, re.S)
        for decision in result.at_level("not-indicated"):
            why = kb.plain_treatments[decision.treatment.id].why
            assert escape_text(why)[:50] not in read_text(section.group(0)), (
                str(patient), decision.treatment.id)
            checked += 1
        assert "Why it is used." not in html
    assert checked > 100


def test_the_explorer_explains_in_plain_words_when_asked(kb):
    values = {"type_id": "breast-metastasis", "stage": "polymetastatic", "escc": "2"}
    assert "What it is." in explorer_answer(kb, {**values, "wording": "plain"}).results_html
    assert "What it is." not in explorer_answer(kb, values).results_html
    forged = explorer_answer(kb, {**values, "wording": ["plain"]}).results_html
    assert "What it is." not in forged  # anything but 'plain' is the clinical version


def test_a_plain_plan_with_a_compressed_cord_says_what_to_do_first_in_plain_words(kb):
    result = recommend("renal-cell-metastasis", "oligometastatic", escc="3", ecog=1,
                       knowledge_base=kb)
    assert result.pathways
    plain = plan_html(result, kb, plain=True)
    pathway = re.search(r'<div class="spineedu-pathway".*?</div>', plain, re.S).group(0)
    urgent = kb.plain_topics["urgent-care"]
    before_fold = read_text(pathway.split("<details>")[0])
    assert escape_text(urgent.text)[:80] in before_fold and "999" in before_fold
    steps = pathway.split("<details>")[1]
    assert all(escape_text(step)[:40] in read_text(steps) for step in result.pathways[0].steps)
    assert escape(PLAIN_PATHWAY_WARNING) in steps
    clinical = plan_html(result, kb)
    assert "<details>" not in re.search(r'<div class="spineedu-pathway".*?</div>', clinical,
                                        re.S).group(0)  # the clinical version: never folded

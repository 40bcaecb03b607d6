"""The glossary one tap or focus away: which words a page marks, and how (server side; the
browser tests check what a visitor sees, hears and taps)."""

from __future__ import annotations

import re
from html import escape

from spineedu.engine import recommend
from spineedu.input_space import patients
from spineedu.views.explorer_state import explorer_answer
from spineedu.views.glossary_marks import GlossaryMarker, mark_lesson_html
from spineedu.views.plan_html import plan_html

BUTTON = re.compile(r'<button type="button" class="spineedu-term-word" '
                    r'aria-describedby="([^"]+)">([^<]+)</button>')


def marked_words(html: str) -> list[str]:
    return [word for _, word in BUTTON.findall(html)]


def test_a_glossary_word_becomes_a_button_described_by_its_definition(kb):
    html = GlossaryMarker(kb, "t").text("The scan showed high-grade compression.")
    (described_by, word), = BUTTON.findall(html)
    assert word == "high-grade compression"  # the longest form, not 'compression' alone
    definition = re.search(rf'<span class="spineedu-term-def" id="{described_by}">(.*?)</span>',
                           html).group(1)
    assert kb.glossary["escc"].plain in definition


def test_a_word_is_marked_where_it_first_appears_only(kb):
    html = GlossaryMarker(kb, "t").text("SINS 8. A SINS of 13 or more means unstable.")
    assert marked_words(html).count("SINS") == 1


def test_abbreviations_match_as_written_and_words_in_any_case(kb):
    marker = GlossaryMarker(kb, "t")
    assert marked_words(marker.text("Seven deadly sins.")) == []
    assert marked_words(marker.text("Metastases to the spine.")) == ["Metastases"]


def test_everyday_senses_of_a_glossary_word_are_not_marked(kb):
    words = marked_words(GlossaryMarker(kb, "t").text(
        "The primary aim at this stage is to protect the cord; the outlook is good."))
    assert words == []
    assert "primary" in kb.glossary["primary-tumour"].unmarked


def test_links_code_headings_and_buttons_keep_their_text(kb):
    html = ('<h2>ESCC</h2><p><a href="https://doi.org/x">SINS</a> and <code>ECOG</code>; '
            "then ESCC &amp; ECOG.</p>")
    marked = GlossaryMarker(kb, "t").html(html)
    assert marked.startswith('<h2>ESCC</h2><p><a href="https://doi.org/x">SINS</a> and '
                             "<code>ECOG</code>; then ")
    assert marked_words(marked) == ["ESCC", "ECOG"]
    assert "&amp;" in marked


def test_two_regions_of_a_page_never_share_an_id(kb):
    ids = [described for scope in ("a", "b")
           for described, _ in BUTTON.findall(GlossaryMarker(kb, scope).text("ESCC and SINS"))]
    assert len(ids) == len(set(ids)) == 4


def test_a_lesson_cell_is_marked_and_its_style_and_scripts_are_left_alone(kb):
    html = "<style>p > b {color:red}</style><p>Separation surgery, then SBRT.</p>"
    marked = mark_lesson_html(html)
    assert marked.startswith("<style>p > b {color:red}</style>")
    assert marked_words(marked) == ["Separation surgery", "SBRT"]


def escape_text(text: str) -> str:
    return re.sub(r"\s+", " ", escape(text, quote=False))


def _read(html: str) -> str:
    """The page's text without the glossary's (hidden) definitions."""
    html = re.sub(r'<span class="spineedu-term-def".*?</span></span>', "", html)
    return re.sub(r"\s+", " ", re.sub(r"<style>.*?</style>|<[^>]+>", "", html, flags=re.S))


def _plan(kb):
    return recommend("breast-metastasis", "polymetastatic", escc="2", sins=8, ecog=1,
                     neuro_deficit=False, knowledge_base=kb)


def test_a_plan_marks_its_glossary_words_with_their_style(kb):
    html = plan_html(_plan(kb), kb)
    assert "ESCC" in " ".join(marked_words(html)) or "high-grade compression" in marked_words(
        html)
    assert "<style>" in html and ".spineedu-term-def{display:none}" in html


def test_the_plain_plan_explains_each_treatment_in_plain_words_without_made_up_reasons(kb):
    result = _plan(kb)
    plain, clinical = plan_html(result, kb, plain=True), plan_html(result, kb)
    first = result.at_level("first-line")[0]
    what = kb.plain_treatments[first.treatment.id].what
    assert "What it is." in plain and "What it is." not in clinical
    assert first.reasons[0].text.split()[0] in clinical
    text = _read(plain)
    assert re.sub(r"\s+", " ", what)[:40] in text
    assert not any(reason.text[:60] in text for reason in first.reasons)
    assert "clinical version" in text and "References" in text
    assert "Usually the first choice (first-line)" in text


def test_the_explorer_explains_in_plain_words_when_asked(kb):
    values = {"type_id": "breast-metastasis", "stage": "polymetastatic", "escc": "2"}
    assert "What it is." in explorer_answer(kb, {**values, "wording": "plain"}).results_html
    assert "What it is." not in explorer_answer(kb, values).results_html
    forged = explorer_answer(kb, {**values, "wording": ["plain"]}).results_html
    assert "What it is." not in forged  # anything but 'plain' is the clinical version


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
            assert escape_text(why)[:50] not in _read(section.group(0)), (
                str(patient), decision.treatment.id)
            checked += 1
        assert "Why it is used." not in html
    assert checked > 100

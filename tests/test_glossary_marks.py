"""The glossary one tap or focus away: which words a page marks, and how (server side; the
browser tests check what a visitor sees, hears and taps)."""

from __future__ import annotations

import re

from spineedu.engine import recommend
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


def test_a_plan_marks_its_glossary_words_with_their_style(kb):
    html = plan_html(recommend("breast-metastasis", "polymetastatic", escc="2", sins=8,
                               knowledge_base=kb), kb)
    assert {"SINS", "high-grade compression"} <= set(marked_words(html))
    assert "<style>" in html and ".spineedu-term-def{display:none}" in html

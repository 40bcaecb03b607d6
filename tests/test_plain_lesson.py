"""The public's way in on the dashboard, read from the stored lessons: the landing page offers
"In plain words" and the glossary beside the lessons for students; lesson 10 puts urgent care
first, then every tumour and every treatment in plain words, with its pictures; page 11 lists
every glossary term from A to Z."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from page_text import unmarked

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def shown(name: str) -> str:
    """What a visitor of the lesson reads: its markdown and its stored HTML outputs, in order."""
    parts = []
    for cell in json.loads((NOTEBOOKS / name).read_text())["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("data", {}).get("text/html", "")))
    return "\n".join(parts)


def test_the_landing_page_offers_plain_words_beside_the_lessons_for_students():
    landing = shown("00_start_here.ipynb")
    plain = landing.index("In plain words: for patients, families and the curious")
    assert plain < landing.index("The lessons: for students")
    assert "(10_in_plain_words.ipynb)" in landing and "(11_glossary.ipynb)" in landing
    assert landing.index("999") < plain  # the symptoms box stays first


def test_lesson_10_puts_urgent_care_first_and_unfolded(kb):
    lesson = shown("10_in_plain_words.ipynb")
    urgent = lesson.index('id="topic-urgent-care"')
    assert urgent < lesson.index("<img") and urgent < lesson.index("<details")
    assert "999" in lesson[:lesson.index("<details")]
    assert "spineedu-disclaimer" in lesson


def test_lesson_10_explains_every_tumour_and_treatment_and_shows_its_pictures(kb):
    lesson = shown("10_in_plain_words.ipynb")
    for type_id in kb.plain_types:
        assert f'id="type-{type_id}"' in lesson, type_id
        assert escape(kb.plain_types[type_id].how_treated, quote=False) in unmarked(lesson)
    for treatment_id in kb.plain_treatments:
        assert f'id="treatment-{treatment_id}"' in lesson, treatment_id
        assert escape(kb.plain_treatments[treatment_id].questions, quote=False) in unmarked(
            lesson), treatment_id
    for topic_id in kb.plain_topics:
        assert f'id="topic-{topic_id}"' in lesson, topic_id
    for picture in kb.plain_pictures.values():
        assert f'alt="{escape(picture.alt)}"' in lesson and escape(picture.text) in lesson


def test_page_11_lists_every_glossary_term_from_a_to_z(kb):
    page = shown("11_glossary.ipynb")
    order = sorted(kb.glossary.values(), key=lambda term: term.term.lower())
    places = [page.index(f'id="term-{term.id}"') for term in order]
    assert places == sorted(places)
    assert "spineedu-disclaimer" in page and "(10_in_plain_words.ipynb)" in page

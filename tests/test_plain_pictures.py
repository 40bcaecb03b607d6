"""The pictures of the plain-words lesson: every word a drawing shows comes from
content/plain/pictures.yaml (change the content and the drawing changes), every picture has alt
text and a text equivalent with every label in it, and a label missing from the content is a
load error that names the file, the entry and the field."""

from __future__ import annotations

import copy

import pytest

from spineedu.content_model import PICTURE_LABELS
from spineedu.figures.spine_compartments import spine_compartments_figure
from spineedu.figures.what_treatments_do import what_treatments_do_figure
from spineedu.knowledge_base import ContentError, load_knowledge_base
from spineedu.views import plain_panels

FIGURES = {"spine-compartments": spine_compartments_figure,
           "what-treatments-do": what_treatments_do_figure}


def drawn_texts(draw, picture) -> list[str]:
    """Every text the figure draws, read from matplotlib's artists (legend included)."""
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    drawn: list[str] = []
    original = Figure.savefig

    def spy(figure, *args, **kwargs):
        drawn.extend(t.get_text() for t in figure.findobj(Text) if t.get_text())
        return original(figure, *args, **kwargs)

    Figure.savefig = spy
    try:
        draw(picture)
    finally:
        Figure.savefig = original
    return [" ".join(text.split()) for text in drawn]


def test_every_picture_in_content_is_drawn_and_every_drawing_has_its_content(kb):
    assert set(kb.plain_pictures) == set(PICTURE_LABELS) == set(FIGURES)


@pytest.mark.parametrize("picture_id", sorted(FIGURES))
def test_every_word_of_a_drawing_comes_from_content(kb, picture_id):
    picture = kb.plain_pictures[picture_id]
    drawn = drawn_texts(FIGURES[picture_id], picture)
    from_content = [" ".join(text.split()) for text in (picture.title, *picture.labels.values())]
    for label in from_content:
        assert any(label in text for text in drawn), f"not drawn: {label}"
    for text in drawn:  # nothing on the drawing that content does not say (panel numbers aside)
        bare = text.split(". ", 1)[1] if text[:1].isdigit() else text
        assert any(bare == label or bare in label for label in from_content), text


def test_a_changed_label_changes_the_drawing(kb):
    picture = kb.plain_pictures["spine-compartments"]
    edited = picture.model_copy(update={"labels": {**picture.labels, "dura": "Dura: test word."}})
    assert any("test word" in text for text in drawn_texts(spine_compartments_figure, edited))


@pytest.mark.parametrize("picture_id", sorted(FIGURES))
def test_a_picture_has_alt_text_and_a_text_equivalent_with_every_label(kb, picture_id):
    picture = kb.plain_pictures[picture_id]
    shown = plain_panels.picture(picture_id)
    assert shown.chart.png.startswith(b"\x89PNG")
    assert f'alt="{picture.alt}"' in shown.chart.img_tag().replace("&#x27;", "'")
    assert repr(shown.chart) == picture.alt  # what nbval compares and an untrusted page shows
    words = shown.caption.html.replace("&#x27;", "'")
    assert "The picture in words" in words and picture.text in words
    for label in picture.labels.values():
        assert " ".join(label.split()) in " ".join(words.split()), label
        assert " ".join(label.split()) in repr(shown.caption)


def test_a_picture_cites_its_sources(kb):
    shown = plain_panels.picture("what-treatments-do")
    for reference in kb.plain_pictures["what-treatments-do"].references:
        assert kb.references[reference].citation.split(".")[0] in shown.caption.html


PICTURE = {"id": "spine-compartments", "title": "Where tumours grow",
           "alt": "A drawing of one bone of the spine from above.",
           "caption": "One bone of the spine, seen from above.",
           "text": "The drawing shows one bone of the spine, seen from above, with the cord.",
           "labels": {name: f"Label {name}." for name in PICTURE_LABELS["spine-compartments"]},
           "references": ["ref-a"], "last_reviewed": "2026-01-01"}


def with_picture(write_content, picture):
    def edit(files):
        files["plain/pictures.yaml"] = {"plain_pictures": [picture]}

    return write_content(edit)


def test_the_minimal_picture_loads(write_content):
    kb = load_knowledge_base(with_picture(write_content, PICTURE))
    assert list(kb.plain_pictures) == ["spine-compartments"]


def test_a_missing_label_names_the_file_entry_field_and_label(write_content):
    picture = copy.deepcopy(PICTURE)
    del picture["labels"]["spinal-cord"]
    with pytest.raises(ContentError) as raised:
        load_knowledge_base(with_picture(write_content, picture))
    message = str(raised.value)
    assert ("content/plain/pictures.yaml: plain_pictures[0] (id 'spine-compartments'), "
            "field 'labels'") in message
    assert "missing label(s) 'spinal-cord'" in message


def test_a_label_no_picture_draws_and_a_picture_no_figure_draws_are_errors(write_content):
    picture = copy.deepcopy(PICTURE)
    picture["labels"]["spinal-cord-x"] = "A typo."
    with pytest.raises(ContentError) as raised:
        load_knowledge_base(with_picture(write_content, picture))
    assert "label(s) the picture does not draw: 'spinal-cord-x'" in str(raised.value)
    with pytest.raises(ContentError) as raised:
        load_knowledge_base(with_picture(write_content, {**PICTURE, "id": "spine-x"}))
    assert "field 'id': no picture is drawn for 'spine-x'" in str(raised.value)

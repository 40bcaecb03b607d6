"""Every technical word a page uses is in the glossary, or listed in
content/plain/not_in_glossary.yaml with the reason it is left out: a reader never meets an
abbreviation or a medical word that nothing explains. The pages are the lessons (their
markdown) and every text a plan, a card or a plain page shows (the content's texts)."""

from __future__ import annotations

from collections.abc import Iterator

import nbformat
import pytest

from spineedu.dashboard import NOTEBOOKS
from spineedu.glossary_words import technical_words, unexplained_words

NOT_TEXT = {"id", "references", "also", "unmarked", "types", "except_types", "treatment",
            "treatments", "type", "pathway", "url", "doi", "pmid", "citation", "last_reviewed",
            "reviewed_by", "review_due", "level", "family", "group", "origin",
            "compartments", "options", "answer"}
SHOWN = ("treatments", "cancer_types", "rules", "facts", "red_flags", "statistics", "pathways",
         "cases", "plain_treatments", "plain_types", "plain_topics", "glossary",
         "plain_pictures")


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_TEXT:
                yield from _strings(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _strings(value)


def page_texts(kb) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a visitor can read."""
    for kind in SHOWN:
        held = getattr(kb, kind)
        for entry in (held.values() if hasattr(held, "values") else held):
            where = f"{kb.origins[(kind, entry.id)].file}: {entry.id}"
            for text in _strings(entry.model_dump(mode="json")):
                yield where, text
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        for index, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
            if cell.cell_type == "markdown":
                yield f"notebooks/{notebook.name}: cell {index}", cell.source


@pytest.fixture(scope="module")
def texts(kb) -> list[tuple[str, str]]:
    return list(page_texts(kb))


def test_every_technical_word_of_a_page_is_explained_or_left_out_on_purpose(kb, texts):
    missing: dict[str, str] = {}
    for where, text in texts:
        for word in sorted(unexplained_words(kb, text)):
            missing.setdefault(word, where)
    assert not missing, (
        "define these in content/plain/glossary.yaml (or list them, with why, in "
        "content/plain/not_in_glossary.yaml):\n"
        + "\n".join(f"{word} (first in {where})" for word, where in sorted(missing.items())))


def test_every_word_left_out_is_still_used_by_a_page(kb, texts):
    used = {word.lower() for _, text in texts for word in technical_words(text)}
    stale = [f"{entry.id}: {word}" for entry in kb.not_in_glossary.values()
             for word in entry.words if word.lower() not in used
             and f"{word.lower()}s" not in used]
    assert not stale, "no page uses these any more: remove them from not_in_glossary.yaml\n" + (
        "\n".join(stale))


def test_technical_words_are_abbreviations_and_medical_words_not_stages_or_plain_english():
    found = technical_words("SBRT after separation surgery for ESCC 2, stage IIB, PD-L1 high; "
                            "a radiosensitive myeloma, a laminectomy and the team's plan.")
    assert found == {"SBRT", "ESCC", "PD-L1", "radiosensitive", "myeloma", "laminectomy"}


def test_an_unexplained_abbreviation_is_found(kb):
    assert unexplained_words(kb, "The XQZT score and the ESCC grade.") == {"XQZT"}

"""The content as JSON documents (what the static site ships) loads to the same knowledge base."""

import json

import pytest

from spineedu.engine import recommend
from spineedu.knowledge_base import (
    ContentError,
    content_directory,
    content_documents,
    default_knowledge_base,
    knowledge_base_from_documents,
)

SECTIONS = ("references", "treatments", "cancer_types", "facts", "red_flags", "statistics",
            "cases", "pathways", "invariants", "plain_treatments", "plain_types", "plain_topics",
            "glossary", "plain_pictures")


@pytest.fixture(scope="module")
def documents():
    return json.loads(json.dumps(content_documents(content_directory())))


def test_the_documents_give_the_same_knowledge_base(documents):
    kb, shipped = default_knowledge_base(), knowledge_base_from_documents(documents)
    for section in SECTIONS:
        assert dict(getattr(shipped, section)) == dict(getattr(kb, section)), section
    assert shipped.rules == kb.rules
    assert shipped.exclusive_sets == kb.exclusive_sets
    assert dict(shipped.origins) == dict(kb.origins)  # errors still name the file


def test_the_same_patient_gets_the_same_plan(documents):
    shipped = knowledge_base_from_documents(documents)
    for kb in (default_knowledge_base(), shipped):
        plan = recommend("renal-cell-metastasis", "oligometastatic", escc="3", ecog=1,
                         knowledge_base=kb)
        assert plan.suitable
    first = recommend("chordoma", "IB", knowledge_base=default_knowledge_base())
    again = recommend("chordoma", "IB", knowledge_base=shipped)
    assert [(d.treatment.id, d.level) for d in first.treatments] == [
        (d.treatment.id, d.level) for d in again.treatments]


def test_a_broken_document_names_its_file_and_entry(documents):
    broken = dict(documents)
    label = "content/treatments.yaml"
    entries = [dict(entry) for entry in broken[label]["treatments"]]
    entries[0].pop("name")
    broken[label] = {"treatments": entries}
    with pytest.raises(ContentError) as raised:
        knowledge_base_from_documents(broken)
    assert label in str(raised.value) and "name" in str(raised.value)

"""Plain words for the public: every treatment and cancer type has its plain texts, every text
reads at Flesch-Kincaid grade 8 or below with the median at 6.5 or below (below WebMD's 7.6),
and the command line gives them. The readability library is pinned in pyproject.toml (textstat
0.7.3 counts syllables with pyphen's bundled dictionaries: no download at first use)."""

from __future__ import annotations

import json
import statistics

import pytest
import textstat

from spineedu.cli import main
from spineedu.plain_words import every_plain_text, plain_texts

HARDEST = 8.0
MEDIAN = 6.5


@pytest.fixture(scope="module")
def grades(kb) -> dict[str, float]:
    return {where: textstat.flesch_kincaid_grade(text) for where, text in every_plain_text(kb)}


def test_every_plain_text_reads_at_grade_8_or_below(grades):
    too_hard = [f"{where}: grade {grade}" for where, grade in grades.items() if grade > HARDEST]
    assert not too_hard, "shorten the sentences or use commoner words:\n" + "\n".join(too_hard)


def test_the_median_plain_text_reads_at_grade_6_5_or_below(grades):
    assert statistics.median(grades.values()) <= MEDIAN


def test_the_measure_tells_hard_text_from_plain(kb):
    clinical = [t.description for t in kb.treatments.values()]
    assert statistics.median(map(textstat.flesch_kincaid_grade, clinical)) > HARDEST
    assert textstat.flesch_kincaid_grade("The team looks at your scan. Then they talk "
                                         "with you about what could help.") < 4


def test_every_treatment_and_cancer_type_has_its_plain_texts(kb):
    assert sorted(set(kb.treatments) - set(kb.plain_treatments)) == []
    assert sorted(set(kb.cancer_types) - set(kb.plain_types)) == []
    for topic in ("primary-and-secondary", "life-after-treatment", "second-opinions",
                  "when-to-see-a-gp", "urgent-care"):
        assert topic in kb.plain_topics


def test_the_urgent_care_text_sends_the_reader_to_999_or_a_and_e(kb):
    text = kb.plain_topics["urgent-care"].text
    assert "999" in text and "A&E" in text


def test_the_command_line_gives_each_entry_its_plain_texts(kb, capsys):
    assert main(["treatments", "--json"]) == 0
    treatments = json.loads(capsys.readouterr().out)
    assert all(set(t["plain"]) == {"what", "why", "expect", "side_effects", "questions"}
               and all(isinstance(v, str) and v for v in t["plain"].values())
               for t in treatments)
    assert main(["types", "--json"]) == 0
    types = json.loads(capsys.readouterr().out)
    assert {t["id"]: t["plain"] for t in types}["chordoma"] == plain_texts(
        kb.plain_types["chordoma"])


def test_the_glossary_lists_every_term_with_its_plain_definition(kb, capsys):
    assert main(["glossary", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == len(kb.glossary) and {"term", "plain"} == set(listed[0])
    terms = [entry["term"] for entry in listed]
    assert terms == sorted(terms, key=str.lower)
    for word in ("ESCC", "SINS", "ECOG"):
        assert word in terms
    assert main(["glossary"]) == 0
    assert "SINS" in capsys.readouterr().out


def plain_entry(**fields):
    return {"id": "surgery-x", "what": "An operation that takes the tumour out.",
            "why": "It is used when the tumour can be taken out whole.",
            "expect": "You sleep through it and stay in hospital for some days.",
            "side_effects": "Pain and tiredness are common. Bleeding is rare.",
            "questions": "You may want to ask how long you will be in hospital.",
            "references": ["ref-a"], "last_reviewed": "2026-01-01", **fields}


def test_a_plain_text_of_no_treatment_names_its_file_entry_and_field(write_content):
    from spineedu.knowledge_base import ContentError, load_knowledge_base

    def edit(files):
        files["plain/treatments.yaml"] = {"plain_treatments": [plain_entry(id="surgery-y")]}

    with pytest.raises(ContentError) as raised:
        load_knowledge_base(write_content(edit))
    assert "content/plain/treatments.yaml: plain_treatments[0] (id 'surgery-y'), field 'id'" in (
        str(raised.value))
    assert "surgery-x" in str(raised.value)  # the one it probably meant


def test_a_glossary_word_is_defined_once(write_content):
    from spineedu.knowledge_base import ContentError, load_knowledge_base

    def edit(files):
        files["plain/treatments.yaml"] = {"plain_treatments": [plain_entry()], "glossary": [
            {"id": "escc", "term": "ESCC", "plain": "How much a tumour presses on the cord.",
             "last_reviewed": "2026-01-01"},
            {"id": "bilsky", "term": "Bilsky grade", "also": ["escc"],
             "plain": "Another name for the same grade.", "last_reviewed": "2026-01-01"}]}

    with pytest.raises(ContentError) as raised:
        load_knowledge_base(write_content(edit))
    assert "glossary[1] (id 'bilsky'), field 'also.0': 'escc' is defined already" in str(
        raised.value)

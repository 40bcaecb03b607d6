"""Broken content gives errors that name the file, the entry and the field, all at once."""

from __future__ import annotations

import subprocess
import sys

import pytest

from spineedu.knowledge_base import ContentError, collect_issues, load_knowledge_base


def messages(directory) -> list[str]:
    _, issues = collect_issues(directory)
    return [str(issue) for issue in issues]


def test_minimal_content_is_valid(write_content):
    kb = load_knowledge_base(write_content())
    assert list(kb.cancer_types) == ["tumour-x"]


def test_unknown_field_names_file_entry_and_field(write_content):
    def edit(files):
        files["treatments.yaml"]["treatments"][0]["benefit"] = ["typo"]

    (message,) = messages(write_content(edit))
    assert message.startswith("content/treatments.yaml: treatments[0] (id 'surgery-x')")
    assert "field 'benefit'" in message and "unknown field" in message


def test_missing_reference(write_content):
    def edit(files):
        files["types/tumour-x.yaml"]["rules"][0]["references"] = ["ref-a", "nowhere-2020"]

    (message,) = messages(write_content(edit))
    assert "content/types/tumour-x.yaml: rules[0] (id 'tumour-x-surgery')" in message
    assert "field 'references.1'" in message and "unknown reference 'nowhere-2020'" in message


def test_duplicate_id_across_files(write_content):
    def edit(files):
        files["more.yaml"] = {"references": files["references.yaml"]["references"]}

    (message,) = messages(write_content(edit))  # files are read in name order
    assert message.startswith("content/references.yaml: references[0] (id 'ref-a'), field 'id'")
    assert "duplicate id: already defined in content/more.yaml references[0]" in message


def test_rule_naming_unknown_stage(write_content):
    def edit(files):
        files["types/tumour-x.yaml"]["rules"][0]["when"]["stages"] = ["IA", "IV"]

    found = messages(write_content(edit))
    assert any(
        "rules[0] (id 'tumour-x-surgery'), field 'when.stages.1': unknown stage 'IV'" in m
        for m in found
    ), found


def test_stage_without_first_line_treatment(write_content):
    def edit(files):
        files["types/tumour-x.yaml"]["rules"][0]["when"]["stages"] = ["IA"]

    (message,) = messages(write_content(edit))
    assert "content/types/tumour-x.yaml: cancer_types[0] (id 'tumour-x')" in message
    assert "field 'staging.stages.1'" in message
    assert "stage 'IB' has no first-line treatment" in message


def test_rule_naming_unknown_treatment_and_type(write_content):
    def edit(files):
        rule = files["types/tumour-x.yaml"]["rules"][0]
        rule["treatment"] = "magic"
        rule["when"]["types"] = ["tumour-y"]

    found = messages(write_content(edit))
    assert any("field 'treatment': unknown treatment 'magic'" in m for m in found)
    assert any("field 'when.types.0': unknown cancer type 'tumour-y'" in m for m in found)


def test_bad_value_names_field(write_content):
    def edit(files):
        files["types/tumour-x.yaml"]["rules"][0]["level"] = "first line"

    (message,) = messages(write_content(edit))
    assert "rules[0] (id 'tumour-x-surgery'), field 'level'" in message
    assert "first-line" in message  # the allowed values are listed


def test_yaml_syntax_error_gives_line(write_content):
    found = messages(write_content(raw={"broken.yaml": "rules:\n  - id: [unclosed\n"}))
    assert any(m.startswith("content/broken.yaml: not valid YAML: line ") for m in found), found


def test_reference_needs_a_locator(write_content):
    def edit(files):
        del files["references.yaml"]["references"][0]["pmid"]

    (message,) = messages(write_content(edit))
    assert "references[0] (id 'ref-a')" in message and "doi, a pmid or a url" in message


def test_all_errors_reported_not_the_first(write_content):
    def edit(files):
        files["treatments.yaml"]["treatments"][0]["colour"] = "red"
        files["types/tumour-x.yaml"]["cancer_types"][0]["references"] = ["ghost"]
        files["types/tumour-x.yaml"]["rules"][0]["when"]["stages"] = ["IZ"]

    found = messages(write_content(edit))
    assert len(found) >= 3
    with pytest.raises(ContentError) as raised:
        load_knowledge_base(write_content(edit))
    assert len(raised.value.issues) == len(found)


def test_cli_validate_lists_every_problem_and_fails(write_content):
    def edit(files):
        files["treatments.yaml"]["treatments"][0]["colour"] = "red"
        files["types/tumour-x.yaml"]["cancer_types"][0]["references"] = ["ghost"]

    directory = write_content(edit)
    done = subprocess.run([sys.executable, "-m", "spineedu", "validate", str(directory)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "2 problem(s)" in done.stderr
    assert "field 'colour'" in done.stderr and "unknown reference 'ghost'" in done.stderr

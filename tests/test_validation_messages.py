"""The message an educator sees for each usual mistake, made in a copy of the real content.

Each test makes one mistake the way it is made in a text editor (by editing the YAML text, not
the parsed data) and checks what `spineedu validate` says: the file, the entry and the field,
what is wrong in plain words, and the fix; never a regular expression or a Python class name.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spineedu.knowledge_base import DEFAULT_CONTENT_DIR, ContentIssue, collect_issues

JARGON = re.compile(
    r"\\[dSswb.]|\^|\$'|\[a-z|\{\d+,\d*\}|\w+(?:Error|Exception)\b|instance of|Value error"
    r"|pydantic|Traceback|Literal\[|errno", re.I)
"""What a content problem must never show: regex syntax, exception or class names."""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the real content, to break on purpose."""
    directory = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, directory)
    return directory


def replace_text(directory: Path, name: str, old: str, new: str) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}: the test no longer matches the content"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_first_review_date(directory: Path, new: str) -> None:
    """The first rule of noms.yaml gets this `last_reviewed`, whatever its date today."""
    path = directory / "rules/noms.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"last_reviewed: \d{4}-\d\d-\d\d", f"last_reviewed: {new}", text,
                           count=1), encoding="utf-8")


def problems(directory: Path) -> list[ContentIssue]:
    kb, issues = collect_issues(directory)
    assert kb is None and issues
    for issue in issues:
        for line in issue.lines(shown=len(issue.follow_ons)):
            assert not JARGON.search(line), line
    return issues


def only(directory: Path) -> str:
    (issue,) = problems(directory)
    return str(issue)


NOMS = "content/rules/noms.yaml"
FIRST_NOMS_RULE = "rules[0] (id 'noms-cebrt-radiosensitive-low-grade-escc')"


def test_the_real_content_is_valid():
    kb, issues = collect_issues(DEFAULT_CONTENT_DIR)
    assert issues == [] and kb is not None


def test_the_jargon_check_catches_regex_and_class_names():
    for leaked in ("String should match pattern '^10\\.\\d{4,9}/\\S+$'", "UnicodeDecodeError",
                   "Input should be a valid dictionary or instance of Conditions",
                   "Value error, a reference needs a doi"):
        assert JARGON.search(leaked), leaked


# --- unknown ids: did you mean ----------------------------------------------------------------

def test_unknown_treatment_says_which_one_was_meant(content):
    replace_text(content, "rules/noms.yaml", "treatment: conventional-radiotherapy",
                 "treatment: conventional-radiotherapie")
    assert only(content) == (
        f"{NOMS}: {FIRST_NOMS_RULE}, field 'treatment': unknown treatment "
        "'conventional-radiotherapie': did you mean 'conventional-radiotherapy'?")


def test_unknown_reference_says_which_one_was_meant(content):
    replace_text(content, "rules/noms.yaml", "references: [laufer-2013-noms, bilsky",
                 "references: [laufer-2013-nom, bilsky")
    assert only(content) == (
        f"{NOMS}: {FIRST_NOMS_RULE}, field 'references.0': unknown reference 'laufer-2013-nom': "
        "did you mean 'laufer-2013-noms'?")


def test_unknown_cancer_type_says_which_one_was_meant(content):
    replace_text(content, "cases.yaml", "type: renal-cell-metastasis",
                 "type: renal-cell-metastases")
    message = only(content)
    assert message.startswith("content/cases.yaml: cases[")
    assert message.endswith("field 'type': unknown cancer type 'renal-cell-metastases': did you "
                            "mean 'renal-cell-metastasis'?")


def test_unknown_stage_says_which_one_was_meant(content):
    replace_text(content, "cases.yaml", "stage: oligometastatic", "stage: oligometastatc")
    message = only(content)
    assert "field 'stage': unknown stage 'oligometastatc' for renal-cell-metastasis: did you " \
           "mean 'oligometastatic'?" in message


def test_unknown_subtype_says_which_one_was_meant(content):
    replace_text(content, "cases.yaml", "subtype: hr-positive-her2-negative",
                 "subtype: hr-positive-her2-negativ")
    message = only(content)
    assert "(id 'case-breast-hr-positive-endocrine'), field 'subtype': unknown subtype " \
           "'hr-positive-her2-negativ' for breast-metastasis: did you mean " \
           "'hr-positive-her2-negative'?" in message


def test_unknown_field_is_named_with_the_fields_allowed_there(content):
    replace_text(content, "rules/noms.yaml", "    priority: 1\n", "    priorty: 1\n")
    assert only(content) == (
        f"{NOMS}: {FIRST_NOMS_RULE}, field 'priorty': unknown field 'priorty': did you mean "
        "'priority'? The fields allowed here are id, treatment, level, at_most, when, priority, "
        "step, reason, references, last_reviewed, reviewed_by, review_due")


def test_unknown_field_inside_when_lists_the_conditions(content):
    replace_text(content, "rules/noms.yaml", "      groups: [metastatic]\n",
                 "      group: [metastatic]\n")
    message = only(content)
    assert f"{FIRST_NOMS_RULE}, field 'when.group': unknown field 'group': did you mean " \
           "'groups'?" in message
    assert "types, except_types, groups, origin" in message


# --- values written the wrong way --------------------------------------------------------------

def test_doi_pasted_as_a_url(content):
    replace_text(content, "references.yaml", "doi: 10.1634/theoncologist.2012-0293",
                 "doi: https://doi.org/10.1634/theoncologist.2012-0293")
    assert only(content) == (
        "content/references.yaml: references[0] (id 'laufer-2013-noms'), field 'doi': a DOI is "
        "written without 'https://doi.org/' in front: write doi: 10.1634/theoncologist.2012-0293")


def test_date_not_written_yyyy_mm_dd(content):
    set_first_review_date(content, "03/12/2026")
    assert only(content) == (
        f"{NOMS}: {FIRST_NOMS_RULE}, field 'last_reviewed': '03/12/2026' is not a date written "
        "YYYY-MM-DD: write 2026-12-03 (3 December 2026) or 2026-03-12 (12 March 2026)")


def test_date_that_can_only_mean_one_day(content):
    set_first_review_date(content, "26.11.2026")
    assert only(content).endswith("'26.11.2026' is not a date written YYYY-MM-DD: write "
                                  "2026-11-26")


def test_last_reviewed_after_today(content):
    set_first_review_date(content, "2099-01-02")
    message = only(content)
    assert message.startswith(f"{NOMS}: {FIRST_NOMS_RULE}, field 'last_reviewed': 2099-01-02 "
                              "is after today (")
    assert message.endswith("write the date a person last checked the entry against its "
                            "sources")


def test_unquoted_escc_grades(content):
    replace_text(content, "rules/noms.yaml", 'escc: ["0", 1a, 1b, 1c]', "escc: [0, 1a, 1b, 1c]")
    assert only(content) == (
        f"{NOMS}: {FIRST_NOMS_RULE}, field 'when.escc.0': ESCC grades are text: put them in "
        "quotes, for example escc: [\"2\", \"3\"] (YAML reads an unquoted 0 as a number)")


def test_unquoted_escc_grade_of_a_case(content):
    replace_text(content, "cases.yaml", 'escc: "3"', "escc: 3")
    assert only(content).endswith(
        "field 'escc': ESCC grades are text: put them in quotes, for example escc: \"3\" (YAML "
        "reads an unquoted 3 as a number)")


def test_children_de_indented_under_a_key(content):
    replace_text(content, "rules/noms.yaml",
                 "    when:\n      groups: [metastatic]\n      compartments: [extradural]\n"
                 "      radiosensitivity: [sensitive]\n      escc: [\"0\", 1a, 1b, 1c]\n",
                 "    when:\n    groups: [metastatic]\n    compartments: [extradural]\n"
                 "    radiosensitivity: [sensitive]\n    escc: [\"0\", 1a, 1b, 1c]\n")
    assert only(content) == (
        f"{NOMS}: {FIRST_NOMS_RULE}, field 'when': 'when:' is empty and 'groups', "
        "'compartments', 'radiosensitivity', 'escc' below it are not indented under it: indent "
        "them two spaces more than 'when:'")


def test_pmid_and_url_in_the_wrong_form(content):
    replace_text(content, "references.yaml", 'pmid: "23709750"', 'pmid: "PMID: 23709750"')
    replace_text(content, "references.yaml", "url: https://www.nice.org.uk/guidance/ng234",
                 "url: http://www.nice.org.uk/guidance/ng234")
    found = [str(issue) for issue in problems(content)]
    assert "field 'pmid': a PMID is only its digits: write pmid: \"23709750\"" in found[0]
    assert "field 'url': a URL here starts with https://: write url: " \
           "https://www.nice.org.uk/guidance/ng234" in found[1]


def test_a_value_not_allowed_says_which_one_was_meant(content):
    replace_text(content, "rules/noms.yaml", "level: first-line", "level: first line")
    assert only(content) == (
        f"{NOMS}: {FIRST_NOMS_RULE}, field 'level': 'first line' is not allowed here: did you "
        "mean 'first-line'? write one of 'first-line', 'adjunct', 'consider' or 'not-indicated'")


def test_an_id_in_the_wrong_form_gets_the_id_to_write(content):
    replace_text(content, "rules/noms.yaml", "id: noms-cebrt-radiosensitive-low-grade-escc",
                 "id: NOMS cEBRT radiosensitive")
    assert only(content) == (
        f"{NOMS}: rules[0] (id 'NOMS cEBRT radiosensitive'), field 'id': an id is lower-case "
        "letters and digits joined by single hyphens: write 'noms-cebrt-radiosensitive'")


def test_a_misspelt_section_is_one_problem(content):
    replace_text(content, "rules/noms.yaml", "\nrules:\n", "\nrule:\n")
    assert only(content) == (  # not also the stages its rules leave without a first line
        f"{NOMS}, field 'rule': unknown section: did you mean 'rules'? Sections allowed: "
        "references, treatments, cancer_types, rules, facts, red_flags, statistics, cases, "
        "pathways, exclusive_sets, invariants, practice_limits, plain_treatments, plain_types, "
        "plain_topics, glossary, not_in_glossary, plain_pictures")


def test_a_section_with_no_entries(content):
    (content / "rules" / "new-topic.yaml").write_text("rules:\n", encoding="utf-8")
    assert only(content) == (
        "content/rules/new-topic.yaml, field 'rules': 'rules:' has no entries: list them below "
        "it, each starting with '- ' (indented), or delete the line")


# --- a file that cannot be read -----------------------------------------------------------------

def test_a_tab_is_named_with_its_line(content):
    replace_text(content, "rules/noms.yaml", "    priority: 1\n", "\tpriority: 1\n")
    assert only(content) == (
        f"{NOMS}: not valid YAML: line 16: a tab character; YAML indents with spaces only: "
        "replace the tab with spaces (set your editor to insert spaces)")


def test_a_non_utf8_byte_is_named_with_its_line(content):
    path = content / "rules" / "noms.yaml"
    path.write_bytes(path.read_bytes().replace(b"A radiosensitive tumour",
                                               b"A radiosensitive tumour caf\xe9", 1))
    assert only(content) == (
        f"{NOMS}: line 19, column 34: byte 0xe9 is not UTF-8 text (probably 'é' saved as "
        "Windows-1252 or Latin-1): save the file as UTF-8 in your editor")


def test_a_yaml_error_is_one_problem_with_its_follow_ons_folded_under_it(content):
    replace_text(content, "treatments.yaml", "    name: En bloc resection\n",
                 "    name: [En bloc resection\n")
    (issue,) = problems(content)
    assert str(issue).startswith(
        "content/treatments.yaml: not valid YAML: line 8, column 11: a list opened with '[' is "
        "not closed with ']', or two of its items lack a ',' between them (")
    assert "problem(s) elsewhere follow from it" in str(issue)
    assert len(issue.follow_ons) > 100  # every rule that names a treatment
    assert all(f.file != "content/treatments.yaml" for f in issue.follow_ons)
    assert any("unknown treatment 'en-bloc-resection'" in str(f) for f in issue.follow_ons)
    lines = issue.lines()
    assert lines[1].startswith("    follows from it: content/")
    assert lines[-1] == (f"    ... and {len(issue.follow_ons) - 5} more like these, which go "
                         "away when this problem is fixed")


def test_an_empty_new_file_is_named(content):
    (content / "rules" / "new-topic.yaml").write_text("# rules to come\n", encoding="utf-8")
    assert only(content) == (
        "content/rules/new-topic.yaml: is empty: it defines nothing; write its entries (for "
        "example 'rules:' and a list below it) or delete the file")


def test_an_emptied_file_is_named_with_what_it_defined_and_its_follow_ons(content):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(content)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "content"], check=True)
    (content / "types" / "chordoma.yaml").write_text("", encoding="utf-8")
    (issue,) = problems(content)
    assert str(issue).startswith("content/types/chordoma.yaml: is empty, but at the last "
                                 "commit it defined ")
    assert "restore it (git restore content/types/chordoma.yaml)" in str(issue)
    assert any("unknown cancer type 'chordoma'" in str(f) for f in issue.follow_ons)
    assert any("unknown reference 'boriani-2006-chordoma-mobile-spine'" in str(f)
               for f in issue.follow_ons)


def test_an_emptied_type_file_outside_git_still_takes_its_type_errors(content):
    (content / "types" / "chordoma.yaml").write_text("", encoding="utf-8")
    found = problems(content)
    (empty,) = [issue for issue in found if issue.file == "content/types/chordoma.yaml"]
    assert str(empty).startswith("content/types/chordoma.yaml: is empty")
    assert any("unknown cancer type 'chordoma'" in str(f) for f in empty.follow_ons)
    assert not any("unknown cancer type 'chordoma'" in str(issue) for issue in found
                   if issue is not empty)


# --- references ---------------------------------------------------------------------------------

def test_same_doi_under_two_ids(content):
    replace_text(content, "references.yaml", "    doi: 10.1001/jama.2019.17913\n",
                 "    doi: 10.1634/theoncologist.2012-0293\n")
    assert only(content) == (
        "content/references.yaml: references[2] (id 'hoskin-2019-scorad'), field 'doi': the "
        "same DOI as 'laufer-2013-noms' (content/references.yaml): one source has one id; keep "
        "'laufer-2013-noms', delete this entry and cite 'laufer-2013-noms' where "
        "'hoskin-2019-scorad' is cited")


def test_same_url_under_two_ids(content):
    replace_text(content, "references.yaml", "    pmid: \"23709750\"\n",
                 "    pmid: \"23709750\"\n    url: https://www.nice.org.uk/guidance/ng234/\n")
    message = only(content)
    assert "(id 'nice-2023-ng234'), field 'url': the same URL as 'laufer-2013-noms'" in message


def test_same_pmid_under_two_ids(content):
    replace_text(content, "references.yaml", 'pmid: "16112300"', 'pmid: "23709750"')
    assert "(id 'patchell-2005-surgery-mscc'), field 'pmid': the same PMID as " \
           "'laufer-2013-noms'" in only(content)


def test_unused_reference(content):
    replace_text(content, "references.yaml", "references:\n", (
        "references:\n  - id: smith-2020-unused\n"
        "    citation: \"Smith A. A study cited nowhere. J Things. 2020;1:1-2.\"\n"
        "    year: 2020\n    pmid: \"999999\"\n    last_reviewed: 2026-11-26\n"))
    assert only(content) == (
        "content/references.yaml: references[0] (id 'smith-2020-unused'), field 'id': cited by "
        "no entry or score table: cite it where it supports a claim, or delete it")


def test_a_reference_cited_only_by_a_score_table_is_used(content):
    # frankel-1969-paraplegia, once the glossary does not cite it, is cited by the Frankel
    # table alone: valid as it is ...
    replace_text(content, "plain/glossary.yaml", "references: [frankel-1969-paraplegia]",
                 "references: []")
    assert collect_issues(content)[1] == []
    # ... and unused once the table cites another source instead
    replace_text(content, "scores/frankel.yaml", "references: [frankel-1969-paraplegia]",
                 "references: [kirshblum-2011-isncsci]")
    assert "(id 'frankel-1969-paraplegia'), field 'id': cited by no entry or score table" in (
        only(content))


# --- score tables, in the same pass --------------------------------------------------------------

def test_score_table_problems_in_plain_words(content):
    replace_text(content, "scores/escc.yaml", "last_reviewed:", "colour: red\nlast_reviewed:")
    replace_text(content, "scores/sins.yaml", "fisher-2010-sins", "fisher-2010-sin")
    found = [str(issue) for issue in problems(content)]
    assert found[0] == (
        "content/scores/escc.yaml: classification 'escc', field 'colour': unknown field "
        "'colour'; the fields allowed here are kind, id, name, description, grades, bands, "
        "references, last_reviewed, reviewed_by, review_due")
    assert found[1].startswith("content/scores/sins.yaml: additive 'sins', field 'references.")
    assert found[1].endswith("unknown reference 'fisher-2010-sin': did you mean "
                             "'fisher-2010-sins'?")


def test_one_run_reports_two_files_and_a_score_table(content):
    replace_text(content, "rules/noms.yaml", "treatment: conventional-radiotherapy",
                 "treatment: conventional-radiotherapie")
    replace_text(content, "cases.yaml", "stage: oligometastatic", "stage: oligometastatc")
    replace_text(content, "scores/escc.yaml", "last_reviewed:", "colour: red\nlast_reviewed:")
    done = subprocess.run([sys.executable, "-m", "spineedu", "validate", str(content)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == f"3 problem(s) in {content}:"
    assert lines[1].startswith("  - content/cases.yaml: ")
    assert "unknown stage 'oligometastatc'" in lines[1]
    assert lines[2].startswith(f"  - {NOMS}: ") and "unknown treatment" in lines[2]
    assert lines[3].startswith("  - content/scores/escc.yaml: ") and "'colour'" in lines[3]
    assert not JARGON.search(done.stderr)


def test_cli_folds_follow_ons_under_the_unreadable_file(content):
    replace_text(content, "treatments.yaml", "    name: En bloc resection\n",
                 "    name: [En bloc resection\n")
    done = subprocess.run([sys.executable, "-m", "spineedu", "validate", str(content)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == f"1 problem(s) in {content}:"
    assert lines[1].startswith("  - content/treatments.yaml: not valid YAML: line 8, column 11")
    assert all(line.startswith("      ") for line in lines[2:]) and len(lines) == 8

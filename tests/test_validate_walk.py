"""`spineedu validate --walk`: the safety walk an educator runs, on small made-up content (the
real content's walk is tests/test_properties.py)."""

from __future__ import annotations

import subprocess
import sys

from spineedu.cli import main

DATE = "2026-01-01"
FRAIL_NO_SURGERY = {
    "id": "frail-no-surgery", "statement": "A frail patient is not offered Surgery X first-line.",
    "when": {"ecog_min": 3},
    "then": {"at_most": [{"level": "consider", "treatments": ["surgery-x"]}]},
    "references": ["ref-a"], "last_reviewed": DATE,
}


def _content(write_content, *rules):
    def edit(files):
        files["invariants.yaml"] = {"invariants": [FRAIL_NO_SURGERY]}
        files["types/tumour-x.yaml"]["rules"] += list(rules)
    return write_content(edit)


def test_a_broken_property_is_printed_with_patient_and_rule_and_exits_1(write_content, capsys):
    directory = _content(write_content)
    assert main(["validate", str(directory), "--walk"]) == 1
    out = capsys.readouterr().out
    assert "frail-no-surgery:" in out and "A frail patient is not offered Surgery X" in out
    assert "tumour-x IA ecog=3" in out and "rules: tumour-x-surgery" in out
    assert "surgery-x first-line" in out


def test_a_cap_makes_the_walk_pass(write_content, capsys):
    cap = {"id": "surgery-x-frail", "treatment": "surgery-x", "at_most": "consider",
           "when": {"ecog_min": 3}, "reason": "Too frail for Surgery X first-line.",
           "references": ["ref-a"], "last_reviewed": DATE}
    care = {**cap, "id": "care-z-frail", "treatment": "care-z", "at_most": None,
            "level": "first-line", "priority": 2, "reason": "Comfort first for the frail."}
    care.pop("at_most")

    def edit(files):
        files["invariants.yaml"] = {"invariants": [FRAIL_NO_SURGERY]}
        files["types/tumour-x.yaml"]["rules"] += [cap, care]
        files["treatments.yaml"]["treatments"].append({
            **files["treatments.yaml"]["treatments"][0], "id": "care-z", "name": "Care Z",
            "family": "supportive"})
    assert main(["validate", str(write_content(edit)), "--walk"]) == 0
    assert "every property holds" in capsys.readouterr().out


def test_without_walk_validate_does_not_walk(write_content, capsys):
    assert main(["validate", str(_content(write_content))]) == 0
    assert "walked" not in capsys.readouterr().out


def test_a_bilsky_grade_inside_the_dura_is_not_suitable_in_the_cli():
    done = subprocess.run([sys.executable, "-m", "spineedu", "recommend", "--type",
                           "meningioma", "--stage", "grade-1", "--escc", "2"],
                          capture_output=True, text=True)
    assert done.returncode == 3
    assert "epidural" in done.stdout + done.stderr or "outside the dura" in done.stdout


def test_a_sins_inside_the_dura_is_not_suitable_in_the_cli():
    done = subprocess.run([sys.executable, "-m", "spineedu", "recommend", "--type",
                           "meningioma", "--stage", "grade-1", "--sins", "15"],
                          capture_output=True, text=True)
    assert done.returncode == 3
    assert "does not apply to Meningioma" in done.stdout + done.stderr

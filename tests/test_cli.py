"""The `spineedu` command as a user runs it: output, JSON shape and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spineedu", *args],
                          capture_output=True, text=True, timeout=60)


def test_types_json_lists_every_type_with_its_stages(kb):
    done = run("types", "--json")
    assert done.returncode == 0
    types = {t["id"]: t for t in json.loads(done.stdout)}
    assert set(types) == set(kb.cancer_types)
    assert types["chordoma"]["stages"] == ["IA", "IB", "IIA", "IIB", "III"]


def test_stages_json():
    done = run("stages", "--type", "multiple-myeloma", "--json")
    assert done.returncode == 0
    assert [s["id"] for s in json.loads(done.stdout)["stages"]] == ["I", "II", "III"]


def test_stages_of_unknown_type_is_a_usage_error():
    done = run("stages", "--type", "nope")
    assert done.returncode == 2
    assert "--type" in done.stderr and "nope" in done.stderr


def test_treatments_json(kb):
    done = run("treatments", "--json")
    assert done.returncode == 0
    assert {t["id"] for t in json.loads(done.stdout)} == set(kb.treatments)


def test_recommend_json_contract():
    done = run("recommend", "--type", "renal-cell-metastasis", "--stage", "oligometastatic",
               "--escc", "3", "--ecog", "1", "--json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert {"type", "stage", "suitable", "message", "treatments"} <= set(data)
    assert data["suitable"] is True
    first = data["treatments"][0]
    assert {"id", "name", "family", "level", "reasons", "references"} <= set(first)
    surgery = next(t for t in data["treatments"] if t["id"] == "decompression-surgery")
    assert surgery["level"] == "first-line"
    assert surgery["reasons"] and surgery["references"]


def test_recommend_text_groups_levels_and_shows_reasons():
    done = run("recommend", "--type", "chordoma", "--stage", "IB")
    assert done.returncode == 0
    assert "First-line:" in done.stdout and "Not indicated:" in done.stdout
    assert "why:" in done.stdout
    assert "not medical advice" in done.stdout


@pytest.mark.parametrize("args", [
    ("--type", "unknown-tumour", "--stage", "IA"),
    ("--type", "chordoma", "--stage", "IV"),
    ("--type", "chordoma", "--stage", "IB", "--sins", "25"),
    ("--type", "chordoma", "--stage", "IB", "--escc", "4"),
])
def test_recommend_not_suitable_exits_3_with_referral(args):
    done = run("recommend", *args)
    assert done.returncode == 3
    assert "not suitable" in done.stdout and "GP" in done.stdout


def test_recommend_not_suitable_json():
    done = run("recommend", "--type", "chordoma", "--stage", "IV", "--json")
    assert done.returncode == 3
    data = json.loads(done.stdout)
    assert data["suitable"] is False and data["treatments"] == []


@pytest.mark.parametrize("args", [
    ("recommend", "--type", "chordoma"),
    ("recommend", "--type", "chordoma", "--stage", "IB", "--sins", "high"),
    ("frobnicate",),
    (),
])
def test_usage_errors_exit_2(args):
    done = run(*args)
    assert done.returncode == 2
    assert done.stderr.strip()


def test_validate_shipped_content():
    done = run("validate")
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout


def test_demo_runs():
    done = run("demo")
    assert done.returncode == 0
    assert "First-line:" in done.stdout

"""`spineedu score ...`: the JSON contract and the one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spineedu", "score", *args],
                          capture_output=True, text=True, timeout=60)


SINS = ["sins", "--location", "junctional", "--pain", "mechanical", "--lesion", "lytic",
        "--alignment", "subluxation", "--collapse", "over-50", "--posterolateral", "bilateral"]
TOKUHASHI = ["tokuhashi", "--kps", "70", "--extraspinal-bone-mets", "1", "--vertebral-mets", "2",
             "--visceral-mets", "removable", "--primary", "kidney", "--palsy", "incomplete"]
TOMITA = ["tomita", "--growth", "moderate", "--visceral-mets", "treatable", "--bone-mets",
          "multiple"]


@pytest.mark.parametrize(("args", "total", "band"), [
    (SINS, 18, "unstable"),
    (TOKUHASHI, 8, "under-6-months"),  # 1 + 1 + 1 + 1 + 3 + 1
    (TOMITA, 6, "palliative-surgery"),  # 2 + 2 + 2
    (["escc", "--grade", "1c"], "1c", "low-grade"),
])
def test_json_has_total_band_and_items(args, total, band):
    done = run(*args, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["total"], data["band"]) == (total, band)
    assert data["items"] and all({"item", "points", "why"} <= set(i) for i in data["items"])


def test_noms_from_a_cancer_type():
    done = run("noms", "--escc", "3", "--type", "melanoma-metastasis", "--sins", "14", "--fit",
               "--json")
    data = json.loads(done.stdout)
    assert data["band"] == "separation-surgery-then-srs"
    assert data["paths"]["mechanical"] == "stabilization"


def test_text_output_explains_each_item():
    done = run(*SINS)
    assert "Unstable (13-18)" in done.stdout
    alignment = "Radiographic spinal alignment: Subluxation/translation present (4 points)"
    assert alignment in done.stdout


@pytest.mark.parametrize(("args", "option", "allowed"), [
    (["sins", *SINS[1:6], "twisted", *SINS[7:]], "--lesion", "lytic, mixed, blastic"),
    ([*TOKUHASHI[:2], "75", *TOKUHASHI[3:]], "--kps", "10-40, 50-70, 80-100"),
    ([*TOKUHASHI[:10], "mars", *TOKUHASHI[11:]], "--primary", "lung, osteosarcoma"),
    ([*TOMITA[:2], "fast", *TOMITA[3:]], "--growth", "slow, moderate, rapid"),
    (["escc", "--grade", "4"], "--grade", "0, 1a, 1b, 1c, 2, 3"),
    (["enneking", "--stage", "IV"], "--stage", "IA, IB, IIA, IIB, III"),
    (["noms", "--escc", "3", "--type", "chordoma", "--fit"], "--type", "breast-metastasis"),
])
def test_impossible_value_exits_2_with_one_line(args, option, allowed):
    done = run(*args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f": {option}: " in lines[0] and allowed in lines[0]


def test_tokuhashi_help_lists_the_primary_sites():
    done = run("tokuhashi", "--help")
    for site in ("lung", "liver", "unidentified", "other", "kidney", "rectum", "thyroid",
                 "breast", "prostate"):
        assert site in done.stdout.replace("\n", "").replace(" ", "")

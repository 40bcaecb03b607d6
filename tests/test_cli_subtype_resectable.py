"""`--subtype` and `--resectable` on the command line: listed, applied, and refused when wrong."""

from __future__ import annotations

import json

import pytest
from test_cli import run

REQUIRED_SUBTYPES = {
    "breast-metastasis": ["hr-positive-her2-negative", "her2-positive", "triple-negative"],
    "lung-metastasis": ["driver-positive", "no-driver"],
    "prostate-metastasis": ["hormone-sensitive", "castration-resistant"],
    "thyroid-metastasis": ["iodine-avid", "iodine-refractory"],
    "chondrosarcoma": ["conventional", "dedifferentiated", "mesenchymal"],
    "chordoma": ["conventional", "poorly-differentiated", "dedifferentiated"],
}


def test_types_json_carries_the_subtypes():
    types = {t["id"]: t for t in json.loads(run("types", "--json").stdout)}
    for type_id, subtypes in REQUIRED_SUBTYPES.items():
        assert [s["id"] for s in types[type_id]["subtypes"]] == subtypes
        assert all(s["name"] for s in types[type_id]["subtypes"])
    assert types["osteoid-osteoma"]["subtypes"] == []


def test_stages_lists_the_subtypes():
    done = run("stages", "--type", "breast-metastasis")
    assert done.returncode == 0
    assert "Subtypes" in done.stdout and "triple-negative" in done.stdout
    data = json.loads(run("stages", "--type", "chordoma", "--json").stdout)
    assert [s["id"] for s in data["subtypes"]] == REQUIRED_SUBTYPES["chordoma"]


def test_recommend_with_a_subtype_echoes_it():
    done = run("recommend", "--type", "breast-metastasis", "--stage", "polymetastatic",
               "--subtype", "triple-negative", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["subtype"] == "triple-negative" and data["suitable"]


@pytest.mark.parametrize("args", [
    ("--type", "breast-metastasis", "--stage", "polymetastatic", "--subtype", "her3-positive"),
    ("--type", "breast-metastasis", "--stage", "oligometastatic", "--subtype", "no-driver"),
    ("--type", "osteoid-osteoma", "--stage", "2", "--subtype", "conventional"),
])
def test_unknown_subtype_is_not_suitable(args):
    done = run("recommend", *args)
    assert done.returncode == 3
    assert "not suitable" in done.stdout and "subtype" in done.stdout


def test_resectable_flags_change_a_giant_cell_tumour_plan():
    def first_line(*flags):
        done = run("recommend", "--type", "giant-cell-tumor", "--stage", "3", "--json", *flags)
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        return data["resectable"], {t["id"] for t in data["treatments"]
                                    if t["level"] == "first-line"}

    unresectable, plan = first_line("--no-resectable")
    assert unresectable is False and "monoclonal-antibody" in plan
    assert first_line("--resectable")[0] is True
    assert first_line()[0] is None


def test_help_says_ecog_is_fitness_before_the_compression():
    done = run("recommend", "--help")
    assert "before the cord compression" in " ".join(done.stdout.split())
    assert "--resectable" in done.stdout and "--subtype" in done.stdout


def test_resectable_for_a_type_it_does_not_change_is_not_suitable_not_ignored():
    done = run("recommend", "--type", "renal-cell-metastasis", "--stage", "oligometastatic",
               "--no-resectable")
    assert done.returncode == 3
    assert "Resectability does not change the plan" in done.stdout and "GP" in done.stdout

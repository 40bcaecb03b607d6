"""Broken score tables give errors that name the file and the field."""

from __future__ import annotations

import shutil

import pytest
import yaml

from spineedu.knowledge_base import ContentError, content_directory
from spineedu.scores.tables import load_tables


@pytest.fixture
def scores_dir(tmp_path):
    directory = tmp_path / "scores"
    shutil.copytree(content_directory() / "scores", directory)
    return directory


def edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def messages(directory) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_tables(directory)
    return [str(issue) for issue in raised.value.issues]


def test_shipped_tables_load():
    assert {"sins", "tokuhashi", "tomita", "escc", "enneking", "ecog", "frankel", "asia",
            "noms"} <= set(load_tables())


def test_band_gap_is_an_error(scores_dir):
    edit(scores_dir / "sins.yaml", lambda d: d["bands"][1].update(max=11))
    (message,) = messages(scores_dir)
    assert message.startswith("content/scores/sins.yaml: additive 'sins'")
    assert "bands must cover every total from 0 to 18" in message


def test_unknown_field_and_reference(scores_dir):
    edit(scores_dir / "tomita.yaml", lambda d: d["items"][0]["options"][0].update(score=1))
    edit(scores_dir / "escc.yaml", lambda d: d.update(references=["bilsky-2099-nowhere"]))
    found = messages(scores_dir)
    assert any("tomita.yaml" in m and "items.0.options.0.score" in m for m in found)
    assert any("escc.yaml" in m and "unknown reference 'bilsky-2099-nowhere'" in m
               for m in found)


def test_grade_in_unknown_band(scores_dir):
    edit(scores_dir / "frankel.yaml", lambda d: d["grades"][0].update(band="total"))
    (message,) = messages(scores_dir)
    assert "frankel.yaml" in message and "unknown band(s) ['total']" in message


def test_noms_naming_an_unknown_type_is_an_error(scores_dir):
    edit(scores_dir / "noms.yaml", lambda d: d.update(also_applies_to=["multiple-myelomaa"]))
    (message,) = messages(scores_dir)
    assert message.startswith(
        "content/scores/noms.yaml: decision 'noms', field 'also_applies_to.0'")
    assert "unknown cancer type 'multiple-myelomaa'" in message

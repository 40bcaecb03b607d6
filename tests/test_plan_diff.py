"""`spineedu diff`: what an edit of the content does to every plan (issue 17 point 1). Each
test edits a copy of the real content the way an educator would and reads the report."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spineedu.cli import main
from spineedu.content_source import base_revision
from spineedu.knowledge_base import DEFAULT_CONTENT_DIR, load_knowledge_base
from spineedu.plan_diff import diff_plans
from spineedu.views.plan_diff_text import format_plan_diff

REPO = DEFAULT_CONTENT_DIR.parent
BREAST = ("breast-metastasis",)
LOWERED = "noms-cebrt-radiosensitive-high-grade-escc"
NEW_RULE = """
  - id: educator-new-cebrt-breast
    treatment: conventional-radiotherapy
    level: first-line
    when:
      types: [breast-metastasis]
      escc: ["2", "3"]
    priority: 2
    reason: >-
      A new rule of a higher priority, as an educator might add it for a new guideline, which
      hides the reasons of the rule it outranks.
    references: [hoskin-2019-scorad]
    last_reviewed: 2026-12-01
"""


@pytest.fixture
def edited(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, copy)
    return copy


def rule_block(content: Path, rule_id: str) -> tuple[Path, str, str]:
    path = content / "rules" / "noms.yaml"
    text = path.read_text()
    start = text.index(f"  - id: {rule_id}\n")
    end = text.find("\n  - id: ", start + 1)
    return path, text, text[start:end]


def edit_rule(content: Path, rule_id: str, old: str, new: str) -> None:
    path, text, block = rule_block(content, rule_id)
    assert old in block
    path.write_text(text.replace(block, block.replace(old, new, 1)))


def diff(edited: Path, types=BREAST):
    return diff_plans(load_knowledge_base(DEFAULT_CONTENT_DIR), load_knowledge_base(edited),
                      type_ids=types, workers=1)


def test_identical_content_changes_no_plan(edited, capsys):
    assert main(["diff", str(DEFAULT_CONTENT_DIR), str(edited), "--json", "--type",
                 "chordoma"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["changes"] == [] and report["walked"] > 0


def test_a_level_change_names_the_patients_an_example_and_the_rule(edited):
    edit_rule(edited, LOWERED, "level: first-line", "level: consider")
    found = [c for c in diff(edited).level_changes() if c.stage == "oligometastatic"]
    assert [(c.treatment, c.before, c.after) for c in found] == [
        ("conventional-radiotherapy", "first-line", "consider")]
    change = found[0]
    assert change.example.factors.escc in ("2", "3")
    assert sum(value is not None for value in vars(change.example.factors).values()) == 1
    assert LOWERED in change.rules_before and LOWERED in change.rules_after
    plan = change.example.recommend(load_knowledge_base(edited))
    assert plan.level_of("conventional-radiotherapy") == "consider"
    assert change.patients > 100


def test_a_new_rule_that_hides_another_is_listed_as_hiding_it(edited):
    path = edited / "rules" / "noms.yaml"
    path.write_text(path.read_text() + NEW_RULE)
    changes = diff(edited).changes
    hidden = [c for c in changes if c.kind == "hidden"]
    assert LOWERED in {c.hidden_rule for c in hidden}
    assert all("educator-new-cebrt-breast" in c.rules_after for c in hidden)
    assert all("bilsky-2010-escc" in c.references_removed for c in hidden
               if c.hidden_rule == LOWERED)
    assert all("hoskin-2019-scorad" in c.references_added for c in hidden)
    assert not [c for c in changes if c.kind == "level" and c.treatment ==
                "conventional-radiotherapy"]  # the level stays: only the reasons changed


def test_a_step_change_is_reported_with_the_level_unchanged(edited):
    edit_rule(edited, LOWERED, "    step: 1\n", "    step: 3\n")
    changes = [c for c in diff(edited).changes if c.kind == "step"]
    assert changes and all((c.step_before, c.step_after) == (1, 3) and c.before == c.after
                           for c in changes)


def test_a_reworded_reason_is_reported(edited):
    edit_rule(edited, LOWERED, "Radiosensitive tumours shrink quickly", "Radiosensitive tumours "
              "shrink fast")
    changes = diff(edited).changes
    assert changes and {c.kind for c in changes} == {"reasons"}
    assert all(LOWERED in c.rules_after for c in changes)
    assert all(c.reworded == {LOWERED: c.patients} for c in changes)
    assert f"the same rules, reworded ({LOWERED}" in format_plan_diff(diff(edited), {})


def test_a_vanished_reference_is_reported_with_the_level_unchanged(edited):
    edit_rule(edited, LOWERED, "references: [laufer-2013-noms, bilsky-2010-escc]",
              "references: [laufer-2013-noms]")
    changes = diff(edited).changes
    assert changes and {c.kind for c in changes} == {"reasons"}
    assert all(c.references_removed == {"bilsky-2010-escc": c.patients} for c in changes)


def test_the_html_report_is_one_page_with_nothing_to_fetch(edited, tmp_path, capsys):
    edit_rule(edited, LOWERED, "level: first-line", "level: consider")
    report = tmp_path / "diff.html"
    assert main(["diff", str(DEFAULT_CONTENT_DIR), str(edited), "--type", BREAST[0],
                 "--html", str(report)]) == 0
    text = capsys.readouterr().out
    assert "first-line -> consider" in text and "spineedu recommend --type breast" in text
    page = report.read_text()
    assert '<html lang="en">' in page and "<caption>" in page
    assert "first-line -&gt; consider" in page
    assert "<script" not in page and "http" not in page.split("<body>")[1]


@pytest.mark.parametrize("argv, message", [
    (["diff", "no-such-revision-or-folder"], "neither a content folder nor a git revision"),
    (["diff", "HEAD", "--type", "no-such-type"], "unknown cancer type"),
])
def test_what_cannot_be_compared_is_one_line_exit_2(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_invalid_content_on_either_side_says_which(edited, capsys):
    (edited / "treatments.yaml").write_text("treatments: [\n")
    assert main(["diff", str(DEFAULT_CONTENT_DIR), str(edited)]) == 1
    assert "the new content" in capsys.readouterr().err


def test_spineedu_diff_main_in_a_checkout_walks_everything(tmp_path):
    """The README's command, in a checkout whose working tree has an uncommitted edit."""
    checkout = tmp_path / "checkout"
    shutil.copytree(DEFAULT_CONTENT_DIR, checkout / "content")
    git = ["git", "-c", "user.name=Educator", "-c", "user.email=e@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=checkout, check=True)
    subprocess.run([*git, "add", "content"], cwd=checkout, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "content"], cwd=checkout, check=True)
    edit_rule(checkout / "content", LOWERED, "level: first-line", "level: consider")
    done = subprocess.run([sys.executable, "-m", "spineedu", "diff", "main", "--json"],
                          cwd=checkout, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO)})  # this checkout's code
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    levels = {(c["type"], c["treatment"], c["from"], c["to"]) for c in report["changes"]
              if c["kind"] == "level"}
    assert ("breast-metastasis", "conventional-radiotherapy", "first-line", "consider") in levels
    assert report["walked"] > 100_000
    assert {c["type"] for c in report["changes"]} <= {
        t.id for t in load_knowledge_base(DEFAULT_CONTENT_DIR).cancer_types.values()
        if t.radiosensitivity == "sensitive" and t.group == "metastatic"}


ARTIFACT = REPO / "tests" / "artifacts" / "plan-diff.html"


def test_the_plan_diff_of_this_change_is_written_for_its_reviewers(capsys):
    """What this checkout's change does to every plan, against its base revision: the report a
    second clinician reads beside the pull request (CI keeps tests/artifacts/)."""
    base = base_revision(REPO)
    if base is None:
        pytest.skip("not a git checkout with history: nothing to compare")
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    assert main(["diff", base, "--html", str(ARTIFACT)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("walked ") and "patients on each content" in err
    page = ARTIFACT.read_text()
    assert f"{base} compared with the working tree" in page and "<main>" in page

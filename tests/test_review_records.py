"""Review records (issue 17 point 4): who reviewed an entry and when it is due, `spineedu stale`,
and edits that kept an old `last_reviewed` date, in a copy of the content and in this checkout."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest

from spineedu.cli import main
from spineedu.content_source import base_revision, content_folder, written_on
from spineedu.knowledge_base import DEFAULT_CONTENT_DIR, collect_issues, load_knowledge_base
from spineedu.review_records import edited_without_review, stale

REPO = DEFAULT_CONTENT_DIR.parent
RULE = "noms-cebrt-radiosensitive-high-grade-escc"


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, copy)
    return copy


def edit(content, change):
    path = content / "rules" / "noms.yaml"
    text = path.read_text()
    start = text.index(f"  - id: {RULE}\n")
    end = text.index("\n  - id: ", start + 1)
    path.write_text(text[:start] + change(text[start:end]) + text[end:])


def test_a_reviewer_and_a_due_date_are_recorded(content, capsys):
    edit(content, lambda block: block.replace(
        "    last_reviewed: 2026-12-04",
        "    last_reviewed: 2026-12-04\n    reviewed_by: radiation oncologist\n"
        "    review_due: 2026-12-05"))
    kb = load_knowledge_base(content)
    long_ago = dt.date(2000, 1, 1)
    assert not stale(kb, long_ago, today=dt.date(2026, 12, 4))
    [due] = stale(kb, long_ago, today=dt.date(2026, 12, 5))
    assert (due.id, due.entry.reviewed_by) == (RULE, "radiation oncologist")
    assert main(["stale", "--json", "--content", str(content), "--before", "2026-11-27"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and {"kind", "id", "file", "last_reviewed", "reviewed_by",
                       "review_due"} <= set(listed[0])


def test_stale_lists_entries_reviewed_before_a_date(capsys):
    assert main(["stale", "--before", "2026-11-27"]) == 0
    entries = capsys.readouterr().out.splitlines()[1:]
    assert entries and all(re.search(r"\(reviewed 2026-11-(0\d|1\d|2[0-6])", line)
                           for line in entries)


def test_a_due_date_before_the_review_is_named(content):
    edit(content, lambda block: block.replace(
        "    last_reviewed: 2026-12-04",
        "    last_reviewed: 2026-12-04\n    review_due: 2026-01-01"))
    _, issues = collect_issues(content)
    assert any(RULE in issue.entry and "review_due" in issue.message for issue in issues)


def test_an_edit_that_keeps_an_old_date_is_listed(content):
    edit(content, lambda block: re.sub(r"last_reviewed: .*", "last_reviewed: 2026-11-01", block))
    old = load_knowledge_base(content)  # the rule as last reviewed on 1 November
    edit(content, lambda block: block.replace("priority: 1", "priority: 0"))
    old_day = dt.date(2026, 11, 2)
    assert [(f.kind, f.id) for f in edited_without_review(old, load_knowledge_base(content),
                                                          old_day)] == [("rules", RULE)]
    edit(content, lambda block: re.sub(r"last_reviewed: .*", "last_reviewed: 2026-11-20", block))
    assert not edited_without_review(old, load_knowledge_base(content), old_day)


def test_every_entry_changed_since_the_base_has_a_new_review_date():
    base = base_revision(REPO)
    if base is None:
        pytest.skip("not a git checkout with history: nothing to compare")
    with content_folder(base, REPO) as old_dir:
        old = load_knowledge_base(old_dir)
    unreviewed = edited_without_review(old, load_knowledge_base(DEFAULT_CONTENT_DIR),
                                       written_on(base, REPO))
    assert not unreviewed, "edited without a new last_reviewed: " + ", ".join(
        f"{found.file} {found.kind} {found.id}" for found in unreviewed)

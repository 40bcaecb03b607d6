"""Review records: which entries are due for a clinician's review, and which were edited without
a new review date.

Every entry carries `last_reviewed` (and optionally `reviewed_by` and `review_due`). A date is
only worth something if it changes when the entry does: an edit that keeps the old date claims a
review that did not happen, so the plan diff and a test list such edits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from spineedu.content_model import Reviewed
from spineedu.knowledge_base import KINDS, KnowledgeBase

REVIEW_FIELDS = {"last_reviewed", "reviewed_by", "review_due"}
REVIEW_INTERVAL = dt.timedelta(days=365)  # `spineedu stale` without --before: a year


@dataclass(frozen=True)
class ReviewedEntry:
    kind: str
    id: str
    file: str
    entry: Reviewed

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "file": self.file,
                "last_reviewed": self.entry.last_reviewed.isoformat(),
                "reviewed_by": self.entry.reviewed_by,
                "review_due": self.entry.review_due.isoformat() if self.entry.review_due
                else None}


def _entries_of(kb: KnowledgeBase, kind: str) -> dict[str, Reviewed]:
    found = getattr(kb, kind)
    items = found.values() if hasattr(found, "values") else found
    return {item.id: item for item in items if isinstance(item, Reviewed)}


def reviewed_entries(kb: KnowledgeBase) -> Iterator[ReviewedEntry]:
    """Every entry with a review record, in file order."""
    by_kind = {kind: _entries_of(kb, kind) for kind in KINDS}
    for (kind, entry_id), origin in kb.origins.items():
        entry = by_kind[kind].get(entry_id)
        if entry is not None:
            yield ReviewedEntry(kind, entry_id, origin.file, entry)


def stale(kb: KnowledgeBase, before: dt.date, today: dt.date) -> list[ReviewedEntry]:
    """Entries last reviewed before `before`, or whose `review_due` has come by `today`."""
    return [found for found in reviewed_entries(kb)
            if found.entry.last_reviewed < before
            or (found.entry.review_due is not None and found.entry.review_due <= today)]


def _content(entry: Reviewed) -> dict[str, object]:
    return entry.model_dump(exclude=REVIEW_FIELDS)


def edited_without_review(old: KnowledgeBase, new: KnowledgeBase,
                          old_day: dt.date) -> list[ReviewedEntry]:
    """Entries present in both whose content changed while `last_reviewed` did not move on.

    `old_day` is when the old content was written (a revision's commit date): an entry
    reviewed that day and edited again the same day keeps its date honestly.
    """
    before = {(found.kind, found.id): found.entry for found in reviewed_entries(old)}
    return [found for found in reviewed_entries(new)
            if (was := before.get((found.kind, found.id))) is not None
            and _content(was) != _content(found.entry)
            and found.entry.last_reviewed <= was.last_reviewed
            and not found.entry.last_reviewed == was.last_reviewed == old_day]

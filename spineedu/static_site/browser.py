"""The Python the static explorer's page calls, on Pyodide in the visitor's browser.

Every method takes and returns JSON text, the simplest thing to pass between the page's script
and Python; the answers are `explorer_state`'s, the Voilà explorer's own. Nothing a visitor
sends can raise out of here: a value the controls cannot hold gets the engine's referral.
"""

from __future__ import annotations

import json
from typing import Any

from spineedu.engine import Recommendation
from spineedu.knowledge_base import knowledge_base_from_documents
from spineedu.scores.calculate import ScoreInputError, score_from_choices
from spineedu.scores.tables import tables_from_documents
from spineedu.static_site.explorer_page import SINS_TABLE
from spineedu.views.explorer_state import (
    comparison_for,
    controls_for,
    explorer_answer,
)
from spineedu.views.plan_html import not_suitable_html
from spineedu.views.score_html import breakdown_html


def _values(values_json: str) -> dict[str, Any]:
    try:
        values = json.loads(values_json)
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


class PageExplorer:
    """One visitor's explorer: the knowledge base, and the pinned plan if any."""

    def __init__(self, documents_json: str) -> None:
        documents = json.loads(documents_json)
        self.kb = knowledge_base_from_documents(documents)
        self.tables = tables_from_documents(documents)
        self.result: Recommendation | None = None
        self.pinned: Recommendation | None = None

    def controls(self, values_json: str) -> str:
        """After a change of type: its stages, subtypes and which controls it shows."""
        values = _values(values_json)
        found = controls_for(self.kb, values.get("type_id"), values.get("stage"))
        return json.dumps({"stages": found.stages, "stage": found.stage,
                           "subtypes": found.subtypes, "shown": dict(found.shown)})

    def answer(self, values_json: str) -> str:
        """The plan and everything around it for the controls' values."""
        answer = explorer_answer(self.kb, _values(values_json), self.pinned)
        self.result = answer.result
        return json.dumps({**answer.to_dict(), "pinned": self.pinned is not None})

    def sins(self, choices_json: str) -> str:
        """Lesson 08's SINS calculator: the breakdown once every item is chosen, and the
        total the page may put into the SINS control."""
        try:
            result = score_from_choices(SINS_TABLE, _values(choices_json), self.tables)
        except ScoreInputError as error:  # a forged choice
            return json.dumps({"html": not_suitable_html(str(error)), "total": None})
        if result is None:
            return json.dumps({"html": "", "total": None})
        return json.dumps({"html": breakdown_html(result), "total": str(result.total)})

    def pin(self) -> str:
        if self.result is not None and self.result.suitable:
            self.pinned = self.result
        return self._comparison()

    def unpin(self) -> str:
        self.pinned = None
        return self._comparison()

    def _comparison(self) -> str:
        return json.dumps({"comparison_html": comparison_for(self.kb, self.pinned, self.result),
                           "pinned": self.pinned is not None})

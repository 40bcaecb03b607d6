"""Calculators for the published scores, each item labelled with its published name, with the
breakdown and a gauge; the SINS and ESCC results can feed the treatment explorer."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as widgets

from spineedu.figures.gauge import score_gauge
from spineedu.knowledge_base import default_knowledge_base
from spineedu.scores.calculate import (
    ScoreResult,
    classify,
    item_choices,
    noms_decision,
    noms_type_ids,
    score_from_choices,
)
from spineedu.scores.tables import AdditiveScore, Classification, default_tables
from spineedu.views.guard import guarded
from spineedu.views.plan_html import not_suitable_html
from spineedu.views.score_html import breakdown_html
from spineedu.views.widget_bundle import widget_bundle

STYLE = {"description_width": "260px"}
LAYOUT = widgets.Layout(width="min(100%, 720px)")


class _Calculator:
    """What every calculator shares: an output, listeners for its result, guarded errors."""

    output: widgets.HTML
    widget: widgets.Widget
    what: str  # names the calculator where the widget cannot be shown

    def __init__(self) -> None:
        self.result: ScoreResult | None = None
        self._listeners: list[Callable[[ScoreResult], None]] = []

    def on_result(self, listener: Callable[[ScoreResult], None]) -> None:
        self._listeners.append(listener)

    def _publish(self, result: ScoreResult, html: str) -> None:
        self.result = result
        self.output.value = html
        for listener in self._listeners:
            listener(result)

    def _watch(self, controls) -> None:
        for control in controls:
            control.observe(guarded(self._show_error)(self._update), names="value")

    def _update(self, change: object = None) -> None:
        raise NotImplementedError

    def _show_error(self, message: str) -> None:
        self.output.value = not_suitable_html(message)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return widget_bundle(self.widget, self.what, **kwargs)


class AdditiveCalculator(_Calculator):
    """One dropdown per published item; the result appears once every item is chosen."""

    def __init__(self, score_id: str) -> None:
        super().__init__()
        table = default_tables()[score_id]
        assert isinstance(table, AdditiveScore)
        self.table = table
        self.what = f"the {table.name} calculator"
        self.items = {
            item_id: widgets.Dropdown(description=name, value=None, style=STYLE, layout=LAYOUT,
                                      options=options)
            for item_id, name, options in item_choices(table)
        }
        self.output = widgets.HTML(f"<p><em>Choose all {len(self.items)} items to see the "
                                   f"{escape(table.name)}.</em></p>")
        self.output.add_class(f"spineedu-{score_id}-result")
        self._watch(self.items.values())
        self.widget = widgets.VBox([widgets.HTML(f"<h3>{escape(table.name)}</h3>"),
                                    *self.items.values(), self.output])

    def _update(self, change: object = None) -> None:
        result = score_from_choices(self.table.id, {
            item_id: dropdown.value for item_id, dropdown in self.items.items()})
        if result is None:
            return
        gauge = score_gauge(self.table, result.total)
        self._publish(result, gauge.img_tag() + breakdown_html(result))


class ClassificationPicker(_Calculator):
    """Pick a grade (ESCC, Enneking, ECOG, Frankel, ASIA) and read what it means."""

    def __init__(self, table_id: str, description: str = "Grade") -> None:
        super().__init__()
        table = default_tables()[table_id]
        assert isinstance(table, Classification)
        self.table = table
        self.what = f"the {table.name} picker"
        self.grade = widgets.Dropdown(
            description=description, value=None, style=STYLE, layout=LAYOUT,
            options=[(g.label, g.id) for g in table.grades])
        self.output = widgets.HTML()
        self.output.add_class(f"spineedu-{table_id}-result")
        self._watch([self.grade])
        self.widget = widgets.VBox([widgets.HTML(f"<h3>{escape(table.name)}</h3>"
                                                 f"<p>{escape(table.description)}</p>"),
                                    self.grade, self.output])

    def _update(self, change: object = None) -> None:
        if self.grade.value is not None:
            result = classify(self.table.id, self.grade.value)
            self._publish(result, breakdown_html(result))


class NomsCalculator(_Calculator):
    """The four NOMS questions and the path they lead to."""

    def __init__(self) -> None:
        super().__init__()
        kb = default_knowledge_base()
        self.what = "the NOMS decision framework calculator"
        self.escc = widgets.Dropdown(description="Neurologic: ESCC grade", value=None,
                                     options=["0", "1a", "1b", "1c", "2", "3"], style=STYLE,
                                     layout=LAYOUT)
        self.cancer_type = widgets.Dropdown(
            description="Oncologic: cancer type", value=None, style=STYLE, layout=LAYOUT,
            options=sorted((kb.cancer_types[t].name, t) for t in noms_type_ids(kb)))
        self.sins = widgets.Dropdown(description="Mechanical: SINS", value=None,
                                     options=list(range(19)), style=STYLE, layout=LAYOUT)
        self.fit = widgets.Dropdown(description="Systemic: fit for surgery?", value=None,
                                    options=[("yes", True), ("no", False)], style=STYLE,
                                    layout=LAYOUT)
        self.output = widgets.HTML()
        self.output.add_class("spineedu-noms-result")
        self._watch([self.escc, self.cancer_type, self.sins, self.fit])
        self.widget = widgets.VBox([widgets.HTML("<h3>NOMS decision framework</h3>"),
                                    self.escc, self.cancer_type, self.sins, self.fit,
                                    self.output])

    def _update(self, change: object = None) -> None:
        if None in (self.escc.value, self.cancer_type.value, self.fit.value):
            return
        result = noms_decision(escc=self.escc.value, type_id=self.cancer_type.value,
                               fit=self.fit.value, sins=self.sins.value)
        self._publish(result, breakdown_html(result))


def feed_explorer(calculator: AdditiveCalculator | ClassificationPicker, explorer,
                  factor: str) -> None:
    """Send each new result to the explorer as a patient factor (sins or escc)."""
    calculator.on_result(lambda result: explorer.set_factors(**{factor: result.total}))

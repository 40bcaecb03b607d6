"""The treatment explorer: pick a cancer type and stage (and patient factors), see the plan.

A thin ipywidgets front end over `spineedu.views.explorer_state`, which decides what the controls
offer, what their values mean and what the page shows (the static site's explorer asks it the
same questions). Every callback is guarded, so nothing a visitor does (or forges) can put a
traceback on the page.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from spineedu.engine import Recommendation
from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.views.explorer_state import (
    AUDIENCE_OPTIONS,
    FACTOR_CONTROLS,
    FACTORS_HEADER,
    NOT_GIVEN,
    PIN_HELP,
    PIN_LABEL,
    UNPIN_LABEL,
    WHAT_IF_HEADING,
    WHAT_IF_SHOWN,
    WORDING_LABEL,
    WORDING_OPTIONS,
    WhatIfOffer,
    comparison_for,
    control_value,
    controls_for,
    engine_inputs,
    explorer_answer,
    type_options,
)
from spineedu.views.guard import guarded
from spineedu.views.plan_html import disclaimer_html, not_suitable_html, red_flags_html

__all__ = ["WHAT_IF_HEADING", "TreatmentExplorer", "type_options"]
# Shared style and layout models: every widget model costs the page a round trip to the kernel
# when it opens, so the explorer keeps them few (see bench/dashboard.py).
WIDE = DescriptionStyle(description_width="150px")
LAYOUT = widgets.Layout(width="min(100%, 560px)")
PLAIN = widgets.Layout()
HTML_STYLE = HTMLStyle()


def _show(widget: widgets.Widget, visible: bool) -> None:
    widget.layout.display = "" if visible else "none"


class TreatmentExplorer:
    """Widgets and their wiring; display it in a notebook, or read `result` in tests."""

    def __init__(self, knowledge_base: KnowledgeBase | None = None) -> None:
        self.kb = knowledge_base or default_knowledge_base()
        self.result: Recommendation | None = None
        self.audience = widgets.RadioButtons(
            description="Who are you?", options=list(AUDIENCE_OPTIONS), value=None,
            style=WIDE, layout=widgets.Layout(width="auto"),
        )
        self.symptoms = widgets.HTML(red_flags_html(self.kb), style=HTML_STYLE)
        self.cancer_type = widgets.Dropdown(
            description="Cancer type", options=type_options(self.kb), style=WIDE, layout=LAYOUT,
        )
        self.stage = widgets.Dropdown(description="Stage", style=WIDE, layout=LAYOUT)
        # own layouts: ESCC, SINS, subtype and resectable are hidden for some types; LAYOUT is
        # shared (hiding through it would hide every control that shares it)
        self.subtype = widgets.Dropdown(description="Subtype", style=WIDE,
                                        layout=widgets.Layout(width=LAYOUT.width))
        for control in FACTOR_CONTROLS:
            hideable = control.name != "ecog" and control.name != "neuro_deficit"
            setattr(self, control.name, widgets.Dropdown(
                description=control.label, options=list(control.options), value=NOT_GIVEN,
                style=WIDE, tooltip=control.help or None,
                layout=widgets.Layout(width=LAYOUT.width) if hideable else LAYOUT))
        # plain words or the clinical version: kept while the visitor changes the patient
        self.wording = widgets.RadioButtons(
            description=WORDING_LABEL, options=list(WORDING_OPTIONS), value="clinical",
            style=WIDE, layout=widgets.Layout(width="auto"))
        self.results = widgets.HTML(style=HTML_STYLE, layout=PLAIN)
        # one line a screen reader announces for each new plan (the page's script makes it a
        # role="status" live region)
        self.status = widgets.HTML(style=HTML_STYLE, layout=PLAIN)
        self.status.add_class("spineedu-live")
        header = widgets.HTML(FACTORS_HEADER, style=HTML_STYLE, layout=PLAIN)
        self.what_if_intro = widgets.HTML(style=HTML_STYLE, layout=PLAIN)
        self.what_if_rows = [  # own layouts: rows are hidden one by one, PLAIN is shared
            (widgets.HTML(style=HTML_STYLE, layout=widgets.Layout()),
             widgets.Button(layout=widgets.Layout(width="auto")))
            for _ in range(WHAT_IF_SHOWN)]
        self.what_if_offers: tuple[WhatIfOffer, ...] = ()
        what_if_box = widgets.VBox([self.what_if_intro,
                                    *(part for row in self.what_if_rows for part in row)],
                                   layout=PLAIN)
        what_if_box.add_class("spineedu-what-if")
        self.pinned: Recommendation | None = None
        self.pin = widgets.Button(description=PIN_LABEL, layout=widgets.Layout(width="auto"),
                                  tooltip=PIN_HELP)
        self.unpin = widgets.Button(description=UNPIN_LABEL, layout=widgets.Layout(width="auto"))
        self.comparison = widgets.HTML(style=HTML_STYLE, layout=widgets.Layout())
        self.explorer = widgets.VBox([
            self.cancer_type, self.stage, self.subtype, header, self.escc, self.sins, self.ecog,
            self.neuro_deficit, self.resectable, self.wording, self.status, self.comparison,
            self.results,
            widgets.HBox([self.pin, self.unpin], layout=widgets.Layout(flex_flow="row wrap")),
            what_if_box,
        ])
        self.widget = widgets.VBox([
            widgets.HTML(disclaimer_html(), style=HTML_STYLE, layout=PLAIN), self.audience,
            self.symptoms, self.explorer,
        ], layout=PLAIN)
        self._updating = False
        show_error = self._show_error
        self.audience.observe(guarded(show_error)(self._on_audience), names="value")
        self.cancer_type.observe(guarded(show_error)(self._on_type), names="value")
        for control in (self.stage, self.subtype, self.escc, self.sins, self.ecog,
                        self.neuro_deficit, self.resectable, self.wording):
            control.observe(guarded(show_error)(self._on_change), names="value")
        for index, (_, button) in enumerate(self.what_if_rows):
            button.on_click(guarded(show_error)(self._apply_callback(index)))
        self.pin.on_click(guarded(show_error)(self._on_pin))
        self.unpin.on_click(guarded(show_error)(self._on_unpin))
        self._fill_stages()
        self._on_audience()

    # --- reading the widgets --------------------------------------------------------------
    def values(self) -> dict[str, object]:
        """The controls' values by name (the names `recommend` takes, and the wording)."""
        return {"type_id": self.cancer_type.value, "stage": self.stage.value,
                **{name: getattr(self, name).value for name in (
                    "subtype", "escc", "sins", "ecog", "neuro_deficit", "resectable",
                    "wording")}}

    def engine_inputs(self) -> dict[str, Any]:
        return engine_inputs(self.values())

    def set_factors(self, **factors: object) -> None:
        """Fill the patient factors from elsewhere (e.g. the score calculators)."""
        for name, value in factors.items():
            getattr(self, name).value = control_value(name, value)

    # --- callbacks --------------------------------------------------------------------------
    def _show_error(self, message: str) -> None:
        self.results.value = not_suitable_html(message) + self.results.value

    def _on_audience(self, change: object = None) -> None:
        _show(self.symptoms, self.audience.value == "symptoms")
        _show(self.explorer, self.audience.value == "learning")
        self._render()

    def _fill_stages(self) -> None:
        controls = controls_for(self.kb, self.cancer_type.value, self.stage.value)
        self._updating = True
        try:
            self.stage.options = list(controls.stages)
            if controls.stage is not None:
                self.stage.value = controls.stage
            self.subtype.options = list(controls.subtypes)
            self.subtype.value = NOT_GIVEN
            for name, shown in controls.shown.items():
                control = getattr(self, name)
                _show(control, shown)
                if not shown:
                    control.value = NOT_GIVEN
        finally:
            self._updating = False

    def _on_type(self, change: object = None) -> None:
        self._fill_stages()
        self._render()

    def _on_change(self, change: object = None) -> None:
        if not self._updating:
            self._render()

    def _render(self) -> None:
        """Show the plan; skipped while the explorer is hidden, so that a page opens (and a
        visitor with symptoms is answered) without first drawing a figure nobody sees."""
        if self.audience.value != "learning":
            return
        answer = explorer_answer(self.kb, self.values(), self.pinned)
        self.result = answer.result
        self.results.value = answer.results_html
        self.status.value = answer.status_html
        self.what_if_offers = answer.offers
        self.what_if_intro.value = answer.what_if_intro_html
        for index, (text, button) in enumerate(self.what_if_rows):
            shown = index < len(answer.offers)
            if shown:
                text.value = answer.offers[index].sentence_html
                button.description = answer.offers[index].button
            _show(text, shown)
            _show(button, shown)
        self._show_comparison(answer.comparison_html)

    def _on_pin(self, button: object = None) -> None:
        if self.result is not None and self.result.suitable:
            self.pinned = self.result
            self._show_comparison(comparison_for(self.kb, self.pinned, self.result))

    def _on_unpin(self, button: object = None) -> None:
        self.pinned = None
        self._show_comparison("")

    def _show_comparison(self, comparison: str) -> None:
        """The pinned patient beside the current one, the differences and their rules."""
        self.comparison.value = comparison
        _show(self.unpin, self.pinned is not None)
        _show(self.pin, self.result is not None and self.result.suitable)

    def _apply_callback(self, index: int):
        def apply(button: widgets.Button) -> None:
            self.apply_change(self.what_if_offers[index])

        return apply

    def apply_change(self, offer: WhatIfOffer) -> None:
        """Set the factor to the offered value, as a learner clicking 'Try ...' does."""
        getattr(self, offer.factor).value = offer.value

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        from spineedu.views.widget_bundle import widget_bundle

        return widget_bundle(self.widget, "the treatment explorer", **kwargs)

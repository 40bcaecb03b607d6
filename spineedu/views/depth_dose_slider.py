"""A slider for the proton energy beside the depth-dose figure."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets

from spineedu.figures.depth_dose import depth_dose_chart, load_parameters
from spineedu.views.guard import guarded
from spineedu.views.plan_html import not_suitable_html
from spineedu.views.widget_bundle import widget_bundle


class DepthDoseExplorer:
    def __init__(self, energy_mev: int = 150) -> None:
        proton = load_parameters().proton
        self.energy = widgets.IntSlider(
            description="Proton energy (MeV)", value=energy_mev, step=10,
            min=int(proton.energy_min_mev), max=int(proton.energy_max_mev),
            style={"description_width": "150px"}, layout=widgets.Layout(width="min(100%, 520px)"),
            continuous_update=False,
        )
        self.figure = widgets.HTML()
        self.caption = widgets.HTML()
        self.energy.observe(guarded(self._show_error)(self._render), names="value")
        self.widget = widgets.VBox([self.energy, self.figure, self.caption])
        self._render()

    def _render(self, change: object = None) -> None:
        chart = depth_dose_chart(float(self.energy.value))
        self.figure.value = chart.img_tag()
        self.caption.value = f"<p>{escape(chart.description)}</p>"

    def _show_error(self, message: str) -> None:
        self.caption.value = not_suitable_html(message)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return widget_bundle(self.widget, "the depth-dose explorer", **kwargs)

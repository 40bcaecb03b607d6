"""A widget's display bundle with a sentence instead of its repr as the plain-text form.

A front end that cannot render the widget (an untrusted notebook in JupyterLab, a notebook viewer,
nbconvert) falls back to "text/plain"; ipywidgets puts `VBox(children=(HTML(value=...` there,
which tells a student nothing. This says what the widget is and how to use it.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def fallback_text(what: str) -> str:
    """The sentence a student reads where the widget cannot be shown; `what` names it."""
    return (f"{what[:1].upper()}{what[1:]} is an interactive widget: run this cell "
            "(Run > Run All Cells) to use it, or open the lesson in the SpineEdu dashboard.")


def widget_bundle(widget: widgets.Widget, what: str, **kwargs: Any) -> dict[str, Any]:
    """The widget's own bundle (the view a front end renders), its text/plain replaced."""
    bundle = dict(widget._repr_mimebundle_(**kwargs) or {})
    bundle["text/plain"] = fallback_text(what)
    return bundle

"""The treatment explorer: pick a cancer type and stage (and patient factors), see the plan.

A thin ipywidgets front end over `recommend`: it turns widget values into engine inputs and the
engine's answer into HTML. Every callback is guarded, so nothing a visitor does (or forges) can
put a traceback on the page.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from spineedu.content_model import ESCC_GRADES
from spineedu.engine import Recommendation, recommend
from spineedu.figures.treatment_matrix import treatment_matrix
from spineedu.input_space import asked
from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.views.compare_html import comparison_html
from spineedu.views.guard import guarded
from spineedu.views.plan_html import (
    SCROLL_BOX,
    disclaimer_html,
    not_suitable_html,
    plan_html,
    red_flags_html,
    type_summary_html,
)
from spineedu.views.plan_text import plan_summary
from spineedu.views.whatif_text import first_line_sentence, try_label
from spineedu.whatif import ChangeGroup, compare, grouped, what_if

GROUP_LABELS = {"primary": "Primary", "metastatic": "Metastatic", "intradural": "Intradural"}
NOT_GIVEN = ""
AUDIENCE_OPTIONS = [
    ("I am learning about spinal tumours (student, educator or curious)", "learning"),
    ("I have symptoms now, or I am worried about my own health", "symptoms"),
]
# Shared style and layout models: every widget model costs the page a round trip to the kernel
# when it opens, so the explorer keeps them few (see bench/dashboard.py).
WIDE = DescriptionStyle(description_width="150px")
LAYOUT = widgets.Layout(width="min(100%, 560px)")
PLAIN = widgets.Layout()
HTML_STYLE = HTMLStyle()
YES_NO = {"yes": True, "no": False, NOT_GIVEN: None}
ECOG_HELP = (
    "ECOG is fitness before the cord compression began: a fit person made paraplegic by "
    "compression yesterday is not 'ECOG 4'."
)
RESECTABLE_HELP = (
    "Resectable: whether the sarcoma team judges a wide (en bloc) resection feasible at an "
    "acceptable cost in function."
)


WHAT_IF_HEADING = "What would change this plan?"
WHAT_IF_SHOWN = 5  # the few changes of the first line; the CLI lists them all
MATRIX_LABEL = "Treatment by stage matrix (scrolls sideways on a small screen)"
MATRIX_AS_TABLE = "The matrix as a table"


def type_options(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Cancer types grouped primary / metastatic / intradural, alphabetical within a group."""
    groups = list(GROUP_LABELS)
    ordered = sorted(kb.cancer_types.values(), key=lambda t: (groups.index(t.group), t.name))
    return [(f"{GROUP_LABELS[t.group]}: {t.name}", t.id) for t in ordered]


def _optional(label: str, values: list[str], layout: widgets.Layout = LAYOUT,
              **extra: Any) -> widgets.Dropdown:
    return widgets.Dropdown(
        description=label, options=[("not given", NOT_GIVEN), *[(v, v) for v in values]],
        value=NOT_GIVEN, style=WIDE, layout=layout, **extra,
    )


def results_html(result: Recommendation, kb: KnowledgeBase) -> str:
    """The type's summary, the plan and the matrix side by side: one widget, one update."""
    if not result.suitable:
        return f'<div class="spineedu-explorer-plan">{plan_html(result, kb)}</div>'
    cancer_type = kb.cancer_types[result.type_id]
    chart = treatment_matrix(kb, cancer_type.id, result.stage, result.factors)
    return (
        type_summary_html(cancer_type, result.stage, result.factors.subtype)
        + '<div style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">'
        + '<div class="spineedu-explorer-plan" style="flex:1 1 420px;min-width:min(300px,100%)">'
        + plan_html(result, kb) + "</div>"
        + '<div class="spineedu-explorer-figure" '
        + 'style="flex:1 1 380px;min-width:min(300px,100%)">'
        + SCROLL_BOX.format(label=MATRIX_LABEL) + chart.img_tag(fit=False) + "</div>"
        + f"<details><summary>{MATRIX_AS_TABLE}</summary>"
        + SCROLL_BOX.format(label=MATRIX_AS_TABLE) + f"{chart.table}</div></details></div></div>"
    )


def _show(widget: widgets.Widget, visible: bool) -> None:
    widget.layout.display = "" if visible else "none"


class TreatmentExplorer:
    """Widgets and their wiring; display it in a notebook, or read `result` in tests."""

    def __init__(self, knowledge_base: KnowledgeBase | None = None) -> None:
        self.kb = knowledge_base or default_knowledge_base()
        self.result: Recommendation | None = None
        self.audience = widgets.RadioButtons(
            description="Who are you?", options=AUDIENCE_OPTIONS, value=None,
            style=WIDE, layout=widgets.Layout(width="auto"),
        )
        self.symptoms = widgets.HTML(red_flags_html(self.kb), style=HTML_STYLE)
        self.cancer_type = widgets.Dropdown(
            description="Cancer type", options=type_options(self.kb), style=WIDE, layout=LAYOUT,
        )
        self.stage = widgets.Dropdown(description="Stage", style=WIDE, layout=LAYOUT)
        # own layouts: ESCC, SINS, subtype and resectable are hidden for some types; LAYOUT is
        # shared (hiding through it would hide every control that shares it)
        self.escc = _optional("ESCC grade", list(ESCC_GRADES),
                              layout=widgets.Layout(width=LAYOUT.width))
        self.sins = _optional("SINS", [str(n) for n in range(19)],
                              layout=widgets.Layout(width=LAYOUT.width))
        self.subtype = widgets.Dropdown(description="Subtype", style=WIDE,
                                        layout=widgets.Layout(width=LAYOUT.width))
        self.ecog = _optional("ECOG", [str(n) for n in range(5)])
        self.ecog.tooltip = ECOG_HELP
        self.neuro_deficit = _optional("Neurological deficit", ["yes", "no"])
        self.resectable = _optional("Resectable", ["yes", "no"],
                                    layout=widgets.Layout(width=LAYOUT.width),
                                    tooltip=RESECTABLE_HELP)
        self.results = widgets.HTML(style=HTML_STYLE, layout=PLAIN)
        # one line a screen reader announces for each new plan (the page's script makes it a
        # role="status" live region)
        self.status = widgets.HTML(style=HTML_STYLE, layout=PLAIN)
        self.status.add_class("spineedu-live")
        header = widgets.HTML(
            "<strong>Patient factors</strong> (optional: leave 'not given' if unknown; the plan "
            f"then follows the type and stage alone). {ECOG_HELP}", style=HTML_STYLE,
            layout=PLAIN)
        self.what_if_intro = widgets.HTML(style=HTML_STYLE, layout=PLAIN)
        self.what_if_rows = [  # own layouts: rows are hidden one by one, PLAIN is shared
            (widgets.HTML(style=HTML_STYLE, layout=widgets.Layout()),
             widgets.Button(layout=widgets.Layout(width="auto")))
            for _ in range(WHAT_IF_SHOWN)]
        self.what_if_groups: list[ChangeGroup] = []
        what_if_box = widgets.VBox([self.what_if_intro,
                                    *(part for row in self.what_if_rows for part in row)],
                                   layout=PLAIN)
        what_if_box.add_class("spineedu-what-if")
        self.pinned: Recommendation | None = None
        self.pin = widgets.Button(description="Pin this plan", layout=widgets.Layout(width="auto"),
                                  tooltip="keep this patient and compare the next one with it")
        self.unpin = widgets.Button(description="Unpin", layout=widgets.Layout(width="auto"))
        self.comparison = widgets.HTML(style=HTML_STYLE, layout=widgets.Layout())
        self.explorer = widgets.VBox([
            self.cancer_type, self.stage, self.subtype, header, self.escc, self.sins, self.ecog,
            self.neuro_deficit, self.resectable, self.status, self.comparison, self.results,
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
                        self.neuro_deficit, self.resectable):
            control.observe(guarded(show_error)(self._on_change), names="value")
        for index, (_, button) in enumerate(self.what_if_rows):
            button.on_click(guarded(show_error)(self._apply_callback(index)))
        self.pin.on_click(guarded(show_error)(self._on_pin))
        self.unpin.on_click(guarded(show_error)(self._on_unpin))
        self._fill_stages()
        self._on_audience()

    # --- reading the widgets --------------------------------------------------------------
    def engine_inputs(self) -> dict[str, Any]:
        """Widget values as `recommend` arguments; anything unreadable is passed on as is, so
        the engine (not the view) decides that it is out of range."""

        def number(value: object) -> object:
            if value in (NOT_GIVEN, None):
                return None
            return int(value) if isinstance(value, str) and value.isdigit() else value

        return {
            "type_id": self.cancer_type.value,
            "stage": self.stage.value,
            "escc": self.escc.value or None,
            "sins": number(self.sins.value),
            "ecog": number(self.ecog.value),
            "neuro_deficit": YES_NO.get(self.neuro_deficit.value, self.neuro_deficit.value),
            "subtype": self.subtype.value or None,
            "resectable": YES_NO.get(self.resectable.value, self.resectable.value),
        }

    def set_factors(self, **factors: object) -> None:
        """Fill the patient factors from elsewhere (e.g. the score calculators)."""
        for name, value in factors.items():
            control = getattr(self, name)
            if name in ("neuro_deficit", "resectable") and isinstance(value, bool):
                value = "yes" if value else "no"
            control.value = NOT_GIVEN if value is None else str(value)

    # --- callbacks --------------------------------------------------------------------------
    def _show_error(self, message: str) -> None:
        self.results.value = not_suitable_html(message) + self.results.value

    def _on_audience(self, change: object = None) -> None:
        _show(self.symptoms, self.audience.value == "symptoms")
        _show(self.explorer, self.audience.value == "learning")
        self._render()

    def _fill_stages(self) -> None:
        cancer_type = self.kb.cancer_types.get(self.cancer_type.value)
        previous = self.stage.value
        self._updating = True
        try:
            if cancer_type is None:
                self.stage.options = []
                self.subtype.options = [("not given", NOT_GIVEN)]
            else:
                self.stage.options = [(s.name, s.id) for s in cancer_type.staging.stages]
                stages = cancer_type.stage_ids()
                self.stage.value = previous if previous in stages else stages[0]
                self.subtype.options = [("not given", NOT_GIVEN),
                                        *[(s.name, s.id) for s in cancer_type.subtypes]]
                self.subtype.value = NOT_GIVEN
            has_subtypes = cancer_type is not None and bool(cancer_type.subtypes)
            stage = self.stage.value
            asks_resectable = cancer_type is not None and asked(
                self.kb, cancer_type, stage, "resectable")
            _show(self.subtype, has_subtypes)
            _show(self.resectable, asks_resectable)
            if not asks_resectable:
                self.resectable.value = NOT_GIVEN
            for name in ("escc", "sins"):  # both score the bony spine: not inside the dura
                control = getattr(self, name)
                shown = cancer_type is None or asked(self.kb, cancer_type, stage, name)
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
        self.result = recommend(**self.engine_inputs(), knowledge_base=self.kb,
                                on_invalid="not-suitable")  # forged values get a referral
        self.results.value = results_html(self.result, self.kb)
        summary = escape(plan_summary(self.result, self.kb))
        self.status.value = f'<p class="spineedu-plan-summary">{summary}</p>'
        self._render_what_if()
        self._render_comparison()

    def _on_pin(self, button: object = None) -> None:
        if self.result is not None and self.result.suitable:
            self.pinned = self.result
            self._render_comparison()

    def _on_unpin(self, button: object = None) -> None:
        self.pinned = None
        self._render_comparison()

    def _render_comparison(self) -> None:
        """The pinned patient beside the current one, the differences and their rules."""
        comparing = (self.pinned is not None and self.result is not None
                     and self.result.suitable)
        self.comparison.value = comparison_html(
            self.pinned, self.result, compare(self.pinned, self.result), self.kb,
        ) if comparing else ""
        _show(self.unpin, self.pinned is not None)
        _show(self.pin, self.result is not None and self.result.suitable)

    def _render_what_if(self) -> None:
        """The single changes that would alter the first line, each with a button to try it."""
        groups: list[ChangeGroup] = []
        if self.result is not None and self.result.suitable:
            inputs = self.engine_inputs()
            groups = [g for g in grouped(what_if(
                inputs.pop("type_id"), inputs.pop("stage"), knowledge_base=self.kb, **inputs))
                if g.changes_first_line() and g.is_clinical_change()]
        self.what_if_groups = groups[:WHAT_IF_SHOWN]
        if self.result is None or not self.result.suitable:
            self.what_if_intro.value = ""
        else:
            more = (f" ({len(groups) - WHAT_IF_SHOWN} more: <code>spineedu whatif</code>)"
                    if len(groups) > WHAT_IF_SHOWN else "")
            self.what_if_intro.value = (
                f"<h3>{WHAT_IF_HEADING}</h3><p>" + (
                    "The single changes of a patient factor that alter the first line, each "
                    f"with the rule that does it{more}." if groups else
                    "No single change of a patient factor alters the first line.")
                + "</p>")
        for index, (text, button) in enumerate(self.what_if_rows):
            shown = index < len(self.what_if_groups)
            if shown:
                group = self.what_if_groups[index]
                text.value = f"<p>{escape(first_line_sentence(group, self.kb))}</p>"
                button.description = try_label(group)
            _show(text, shown)
            _show(button, shown)

    def _apply_callback(self, index: int):
        def apply(button: widgets.Button) -> None:
            self.apply_change(self.what_if_groups[index])

        return apply

    def apply_change(self, group: ChangeGroup) -> None:
        """Set the factor to the group's first value, as a learner clicking 'Try ...' does."""
        value = group.values[0]
        if group.factor == "stage":
            self.stage.value = value
        else:
            self.set_factors(**{group.factor: value})

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        from spineedu.views.widget_bundle import widget_bundle

        return widget_bundle(self.widget, "the treatment explorer", **kwargs)

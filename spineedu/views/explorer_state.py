"""What the treatment explorer shows for the visitor's choices: one answer for both front ends.

The Voilà explorer (ipywidgets, `views/explorer.py`) and the static site's explorer (a page
whose script runs this module on Pyodide, `static_site/`) both build their controls from
`CONTROLS`, read the visitor's choices with `engine_inputs` and show `explorer_answer`: neither
decides for itself which controls a type shows, what a value means, or which changes to offer.
Nothing here imports a widget library, numpy or matplotlib.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from spineedu.content_model import ESCC_GRADES, CancerType
from spineedu.engine import Recommendation, recommend
from spineedu.figures.treatment_matrix import treatment_matrix
from spineedu.input_space import asked
from spineedu.knowledge_base import KnowledgeBase
from spineedu.views.compare_html import comparison_html
from spineedu.views.plan_html import SCROLL_BOX, plan_html, type_summary_html
from spineedu.views.plan_text import plan_summary
from spineedu.views.whatif_text import first_line_sentence, try_label
from spineedu.whatif import ChangeGroup, compare, grouped, what_if

GROUP_LABELS = {"primary": "Primary", "metastatic": "Metastatic", "intradural": "Intradural"}
NOT_GIVEN = ""
AUDIENCE_OPTIONS = (
    ("I am learning about spinal tumours (student, educator or curious)", "learning"),
    ("I have symptoms now, or I am worried about my own health", "symptoms"),
)
# how the plan is explained; the choice stays while the visitor explores (both explorers)
WORDING_LABEL = "Explain the plan"
WORDING_OPTIONS = (("Clinical version (for students)", "clinical"), ("In plain words", "plain"))
YES_NO = {"yes": True, "no": False, NOT_GIVEN: None}
ECOG_HELP = (
    "ECOG is fitness before the cord compression began: a fit person made paraplegic by "
    "compression yesterday is not 'ECOG 4'."
)
RESECTABLE_HELP = (
    "Resectable: whether the sarcoma team judges a wide (en bloc) resection feasible at an "
    "acceptable cost in function."
)
FACTORS_HEADER = (
    "<strong>Patient factors</strong> (optional: leave 'not given' if unknown; the plan "
    f"then follows the type and stage alone). {ECOG_HELP}")
WHAT_IF_HEADING = "What would change this plan?"
WHAT_IF_SHOWN = 5  # the few changes of the first line; the CLI lists them all
MATRIX_LABEL = "Treatment by stage matrix (scrolls sideways on a small screen)"
MATRIX_AS_TABLE = "The matrix as a table"
PIN_LABEL, PIN_HELP = "Pin this plan", "keep this patient and compare the next one with it"
UNPIN_LABEL = "Unpin"


@dataclass(frozen=True)
class Control:
    """One choice of the explorer: its name (an argument of `recommend`), label and options
    as (label, value) pairs; a type's own options (stage, subtype) come from `controls_for`."""

    name: str
    label: str
    options: tuple[tuple[str, str], ...] = ()
    help: str = ""


def _optional(name: str, label: str, values: list[str], help: str = "") -> Control:
    return Control(name, label, (("not given", NOT_GIVEN), *((v, v) for v in values)), help)


FACTOR_CONTROLS = (  # in the order shown, under FACTORS_HEADER
    _optional("escc", "ESCC grade", list(ESCC_GRADES)),
    _optional("sins", "SINS", [str(n) for n in range(19)]),
    _optional("ecog", "ECOG", [str(n) for n in range(5)], ECOG_HELP),
    _optional("neuro_deficit", "Neurological deficit", ["yes", "no"]),
    _optional("resectable", "Resectable", ["yes", "no"], RESECTABLE_HELP),
)
CONTROLS = (Control("type_id", "Cancer type"), Control("stage", "Stage"),
            Control("subtype", "Subtype"), *FACTOR_CONTROLS)
HIDEABLE = ("subtype", "escc", "sins", "resectable")


def type_options(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Cancer types grouped primary / metastatic / intradural, alphabetical within a group."""
    groups = list(GROUP_LABELS)
    ordered = sorted(kb.cancer_types.values(), key=lambda t: (groups.index(t.group), t.name))
    return [(f"{GROUP_LABELS[t.group]}: {t.name}", t.id) for t in ordered]


@dataclass(frozen=True)
class TypeControls:
    """The controls of one cancer type: its stages and subtypes, the stage kept or chosen, and
    which of the hideable controls it shows (a hidden control's value is 'not given')."""

    stages: tuple[tuple[str, str], ...]
    stage: str | None
    subtypes: tuple[tuple[str, str], ...]
    shown: Mapping[str, bool] = field(default_factory=dict)


def controls_for(kb: KnowledgeBase, type_id: object, previous_stage: object = None
                 ) -> TypeControls:
    """After a change of type: the previous stage is kept when the new type has it."""
    cancer_type = kb.cancer_types.get(type_id) if isinstance(type_id, str) else None
    if cancer_type is None:
        return TypeControls((), None, (("not given", NOT_GIVEN),),
                            {"subtype": False, "escc": True, "sins": True, "resectable": False})
    stages = cancer_type.stage_ids()
    stage = previous_stage if previous_stage in stages else stages[0]
    return TypeControls(
        tuple((s.name, s.id) for s in cancer_type.staging.stages), stage,
        (("not given", NOT_GIVEN), *((s.name, s.id) for s in cancer_type.subtypes)),
        {"subtype": bool(cancer_type.subtypes),
         **{name: asked(kb, cancer_type, stage, name) for name in ("escc", "sins", "resectable")}})


def _number(value: object) -> object:
    if value in (NOT_GIVEN, None):
        return None
    # ASCII digits only: '²' and other Unicode digits pass isdigit() but are no score
    readable = isinstance(value, str) and value.isascii() and value.isdigit()
    return int(value) if readable else value


def engine_inputs(values: Mapping[str, object]) -> dict[str, Any]:
    """The controls' values as `recommend` arguments; anything unreadable is passed on as is,
    so the engine (not a view) decides that it is out of range."""

    def yes_no(value: object) -> object:
        return YES_NO.get(value, value) if isinstance(value, str) or value is None else value

    return {
        "type_id": values.get("type_id"),
        "stage": values.get("stage"),
        "escc": values.get("escc") or None,
        "sins": _number(values.get("sins")),
        "ecog": _number(values.get("ecog")),
        "neuro_deficit": yes_no(values.get("neuro_deficit")),
        "subtype": values.get("subtype") or None,
        "resectable": yes_no(values.get("resectable")),
    }


def control_value(name: str, value: object) -> str:
    """A factor's value as its control holds it (True -> 'yes', None -> 'not given')."""
    if name in ("neuro_deficit", "resectable") and isinstance(value, bool):
        return "yes" if value else "no"
    return NOT_GIVEN if value is None else str(value)


def results_html(result: Recommendation, kb: KnowledgeBase, plain: bool = False) -> str:
    """The type's summary, the plan and the matrix side by side: one widget, one update."""
    if not result.suitable:
        return f'<div class="spineedu-explorer-plan">{plan_html(result, kb)}</div>'
    cancer_type: CancerType = kb.cancer_types[result.type_id]
    chart = treatment_matrix(kb, cancer_type.id, result.stage, result.factors)
    return (
        type_summary_html(cancer_type, result.stage, result.factors.subtype)
        + '<div style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">'
        + '<div class="spineedu-explorer-plan" style="flex:1 1 420px;min-width:min(300px,100%)">'
        + plan_html(result, kb, plain) + "</div>"
        + '<div class="spineedu-explorer-figure" '
        + 'style="flex:1 1 380px;min-width:min(300px,100%)">'
        + SCROLL_BOX.format(label=MATRIX_LABEL) + chart.img_tag(fit=False) + "</div>"
        + f"<details><summary>{MATRIX_AS_TABLE}</summary>"
        + SCROLL_BOX.format(label=MATRIX_AS_TABLE) + f"{chart.table}</div></details></div></div>"
    )


@dataclass(frozen=True)
class WhatIfOffer:
    """One change of the first line the explorer offers, with the Try button that applies it."""

    sentence_html: str
    button: str
    factor: str
    value: str  # as its control holds it


@dataclass(frozen=True)
class ExplorerAnswer:
    """Everything the explorer shows below its controls for one patient."""

    result: Recommendation
    results_html: str
    status_html: str  # one line a screen reader announces for each new plan
    what_if_intro_html: str
    offers: tuple[WhatIfOffer, ...]
    comparison_html: str
    can_pin: bool

    def to_dict(self) -> dict[str, Any]:
        """For a page's script: plain strings and booleans only."""
        return {"results_html": self.results_html, "status_html": self.status_html,
                "what_if_intro_html": self.what_if_intro_html,
                "offers": [offer.__dict__ for offer in self.offers],
                "comparison_html": self.comparison_html, "can_pin": self.can_pin}


def _offers(kb: KnowledgeBase, result: Recommendation, inputs: dict[str, Any]
            ) -> tuple[tuple[WhatIfOffer, ...], int]:
    """The single clinical changes that alter the first line (the first few), and how many."""
    if not result.suitable:
        return (), 0
    inputs = dict(inputs)
    groups: list[ChangeGroup] = [g for g in grouped(what_if(
        inputs.pop("type_id"), inputs.pop("stage"), knowledge_base=kb, **inputs))
        if g.changes_first_line() and g.is_clinical_change()]
    return tuple(WhatIfOffer(f"<p>{escape(first_line_sentence(group, kb))}</p>",
                             try_label(group), group.factor,
                             control_value(group.factor, group.values[0]))
                 for group in groups[:WHAT_IF_SHOWN]), len(groups)


def _what_if_intro(result: Recommendation, count: int) -> str:
    if not result.suitable:
        return ""
    more = (f" ({count - WHAT_IF_SHOWN} more: <code>spineedu whatif</code>)"
            if count > WHAT_IF_SHOWN else "")
    return (f"<h3>{WHAT_IF_HEADING}</h3><p>" + (
        "The single changes of a patient factor that alter the first line, each "
        f"with the rule that does it{more}." if count else
        "No single change of a patient factor alters the first line.") + "</p>")


def comparison_for(kb: KnowledgeBase, pinned: Recommendation | None,
                   current: Recommendation | None) -> str:
    """The pinned patient beside the current one, the differences and their rules ('' unless
    both are there and the current one has a plan)."""
    if pinned is None or current is None or not current.suitable:
        return ""
    return comparison_html(pinned, current, compare(pinned, current), kb)


def explorer_answer(kb: KnowledgeBase, values: Mapping[str, object],
                    pinned: Recommendation | None = None) -> ExplorerAnswer:
    """The plan for the controls' values (`wording`: 'plain' or the clinical version); forged
    or impossible values get a referral, never an error (the engine's on_invalid='not-suitable')."""
    plain = values.get("wording") == "plain"
    inputs = engine_inputs(values)
    result = recommend(**inputs, knowledge_base=kb, on_invalid="not-suitable")
    offers, count = _offers(kb, result, inputs)
    return ExplorerAnswer(
        result=result,
        results_html=results_html(result, kb, plain),
        status_html=f'<p class="spineedu-plan-summary">{escape(plan_summary(result, kb))}</p>',
        what_if_intro_html=_what_if_intro(result, count),
        offers=offers,
        comparison_html=comparison_for(kb, pinned, result),
        can_pin=result.suitable,
    )

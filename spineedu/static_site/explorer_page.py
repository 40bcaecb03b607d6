"""The static explorer's page: the controls, the safety gate and the answer to a visitor with
symptoms, written at build time from the same `explorer_state` the Voilà explorer uses.

The gate and the red flags are plain HTML, so a visitor with symptoms is answered before Python
has loaded (or if it never loads); the plan's controls wait, disabled, until it has.
"""

from __future__ import annotations

from html import escape

from spineedu.knowledge_base import KnowledgeBase
from spineedu.scores.calculate import item_choices
from spineedu.scores.tables import AdditiveScore, Table
from spineedu.static_site.pages import page
from spineedu.views.explorer_state import (
    AUDIENCE_OPTIONS,
    CONTROLS,
    FACTOR_CONTROLS,
    FACTORS_HEADER,
    PIN_HELP,
    PIN_LABEL,
    UNPIN_LABEL,
    WHAT_IF_HEADING,
    WORDING_LABEL,
    WORDING_OPTIONS,
    Control,
    type_options,
)
from spineedu.views.plan_html import disclaimer_html, red_flags_html

TITLE = "Treatment explorer · SpineEdu"
PRIVACY = ("Private by design: the explorer runs in your own browser. Nothing you choose here "
           "is sent anywhere; this page asks the site only for its own files.")
LOADING = "Loading Python in your browser (first visit only: later visits start faster)."


def _select(control: Control, options: list[tuple[str, str]] | tuple = ()) -> str:
    options = options or control.options
    said = control.help and control.help in FACTORS_HEADER  # the ECOG note: once is enough
    control = Control(control.name, control.label, control.options, "" if said else control.help)
    items = "".join(f'<option value="{escape(value, quote=True)}">{escape(label)}</option>'
                    for label, value in options)
    hint = (f'<span class="hint" id="{control.name}-hint">{escape(control.help)}</span>'
            if control.help else "")
    described = f' aria-describedby="{control.name}-hint"' if control.help else ""
    return (f'<div class="control" id="{control.name}-row">'
            f'<label for="{control.name}">{escape(control.label)}</label>'
            f'<select id="{control.name}" name="{control.name}" disabled{described}>'
            f"{items}</select>{hint}</div>")


SINS_TABLE = "sins"


def sins_calculator(table: AdditiveScore) -> str:
    """Lesson 08's SINS calculator, folded under the SINS control it fills."""
    rows = "".join(
        f'<div class="control"><label for="sins-{item_id}">{escape(name)}</label>'
        f'<select id="sins-{item_id}" name="{item_id}" disabled>'
        '<option value="">choose</option>'
        + "".join(f'<option value="{escape(str(value), quote=True)}">{escape(label)}</option>'
                  for label, value in options) + "</select></div>"
        for item_id, name, options in item_choices(table))
    return (f'<details id="sins-calculator" class="calculator"><summary>Work out the SINS: '
            f"{escape(table.name)}</summary><p>{escape(table.description)}</p>{rows}"
            '<div id="sins-result" role="status" aria-live="polite"></div>'
            '<button type="button" id="use-sins" hidden>Use this SINS in the plan</button>'
            "</details>")


def explorer_body(kb: KnowledgeBase, tables: dict[str, Table]) -> str:
    answers = "".join(
        f'<label class="answer"><input type="radio" name="audience" value="{value}"> '
        f"{escape(label)}</label>" for label, value in AUDIENCE_OPTIONS)
    selects = {control.name: control for control in CONTROLS}
    first = [_select(selects["type_id"], type_options(kb)), _select(selects["stage"]),
             _select(selects["subtype"])]
    factors = [_select(c) for c in CONTROLS if c.name not in ("type_id", "stage", "subtype")]
    sins = next(index for index, c in enumerate(FACTOR_CONTROLS) if c.name == "sins")
    table = tables[SINS_TABLE]
    assert isinstance(table, AdditiveScore)
    factors[sins] = factors[sins].removesuffix("</div>") + sins_calculator(table) + "</div>"
    wording = "".join(
        f'<label class="answer"><input type="radio" name="wording" value="{value}" disabled'
        f'{" checked" if index == 0 else ""}> {escape(label)}</label>'
        for index, (label, value) in enumerate(WORDING_OPTIONS))
    return f"""<h1>Treatment explorer</h1>
{disclaimer_html()}
<p class="privacy">{escape(PRIVACY)}</p>
<div id="loading" class="loading" role="status" aria-live="polite">
<p><strong>{escape(LOADING)}</strong></p>
<progress id="loading-bar" aria-label="Loading Python"></progress>
<p id="loading-step">Starting…</p>
</div>
<fieldset class="gate"><legend>Who are you?</legend>{answers}</fieldset>
<div id="symptoms" hidden>{red_flags_html(kb)}</div>
<form id="explorer" hidden aria-label="Choose a patient">
{"".join(first)}
<p class="factors-header">{FACTORS_HEADER}</p>
{"".join(factors)}
<fieldset class="wording" id="wording"><legend>{escape(WORDING_LABEL)}</legend>{wording}</fieldset>
</form>
<div id="status" class="spineedu-live" role="status" aria-live="polite"></div>
<div id="answer" hidden>
<div id="comparison"></div>
<div id="results"></div>
<div class="pin-buttons">
<button type="button" id="pin" title="{escape(PIN_HELP, quote=True)}">{escape(PIN_LABEL)}</button>
<button type="button" id="unpin" hidden>{escape(UNPIN_LABEL)}</button>
</div>
<section class="spineedu-what-if" aria-label="{WHAT_IF_HEADING}">
<div id="what-if-intro"></div>
<ul id="offers" class="offers"></ul>
</section>
</div>"""


def explorer_page(kb: KnowledgeBase, tables: dict[str, Table]) -> str:
    return page(TITLE, explorer_body(kb, tables), "../",
                '<script type="module" src="explorer.js"></script>')

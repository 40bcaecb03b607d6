"""Two patients side by side: the treatments whose level differs, with the rule behind each."""

from __future__ import annotations

from html import escape

from spineedu.engine import Recommendation
from spineedu.knowledge_base import KnowledgeBase
from spineedu.views.plan_html import BOX, SCROLL_BOX
from spineedu.views.plan_text import patient_text
from spineedu.views.whatif_text import level_words
from spineedu.whatif import PlanDifference

CELL = ' style="text-align:left;padding:2px 8px;vertical-align:top"'


def comparison_html(pinned: Recommendation, current: Recommendation,
                    differences: tuple[PlanDifference, ...], kb: KnowledgeBase) -> str:
    first, second = escape(patient_text(pinned, kb)), escape(patient_text(current, kb))
    head = (f'<div class="spineedu-compare" style="{BOX}border:2px solid #0072B2">'
            f"<h3>Compared with the pinned plan</h3>"
            f"<p><strong>Pinned:</strong> {first}<br><strong>Now:</strong> {second}</p>")
    if not differences:
        return head + "<p>The two plans are the same.</p></div>"
    rows = "".join(
        f'<tr><th scope="row"{CELL}>{escape(kb.treatments[d.treatment].name)}</th>'
        f"<td{CELL}>{escape(level_words(d.first))}</td>"
        f'<td{CELL}><mark style="background:#fff1b8">{escape(level_words(d.second))}</mark></td>'
        f"<td{CELL}><small>{escape(d.second_rule or d.first_rule or '')}</small></td></tr>"
        for d in differences)
    return (head + SCROLL_BOX.format(label="The differences (scrolls sideways on a small screen)")
            + '<table class="spineedu-compare-table" style="border-collapse:collapse">'
            f'<caption style="text-align:left">{len(differences)} treatment(s) at a different '
            f'level</caption><thead><tr><th scope="col"{CELL}>Treatment</th>'
            f'<th scope="col"{CELL}>Pinned</th><th scope="col"{CELL}>Now</th>'
            f'<th scope="col"{CELL}>Rule behind it now</th></tr></thead><tbody>{rows}</tbody>'
            "</table></div></div>")

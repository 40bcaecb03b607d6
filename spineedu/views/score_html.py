"""A score result as HTML: the total, the band and every item's points and reason.

Kept apart from the calculators so that showing a result needs no ipywidgets.
"""

from __future__ import annotations

from html import escape

from spineedu.scores.calculate import ScoreResult
from spineedu.views.table_html import TD, TD_NUMBER, TH, TH_NUMBER


def breakdown_html(result: ScoreResult) -> str:
    rows = "".join(
        f"<tr>{TD}{escape(i.name)}</td>{TD}{escape(i.label or i.choice)}</td>"
        f"{TD_NUMBER}{'' if i.points is None else i.points}</td>"
        f'<td style="text-align:left;font-size:90%">{escape(i.why)}</td></tr>'
        for i in result.items
    )
    total = "" if result.total is None else f"{escape(str(result.total))}: "
    return (
        f'<div class="spineedu-score-result" data-band="{escape(result.band)}">'
        f"<p style='font-size:115%'><strong>{total}{escape(result.band_label)}</strong><br>"
        f"{escape(result.meaning)}</p><table class='spineedu-table'><thead><tr>{TH}Item</th>"
        f"{TH}Finding</th>{TH_NUMBER}Points</th>{TH}Why</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        "</div>"
    )

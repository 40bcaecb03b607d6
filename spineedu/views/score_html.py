"""A score result as HTML: the total, the band and every item's points and reason.

Kept apart from the calculators so that showing a result needs no ipywidgets.
"""

from __future__ import annotations

from html import escape

from spineedu.scores.calculate import ScoreResult


def breakdown_html(result: ScoreResult) -> str:
    rows = "".join(
        f"<tr><td>{escape(i.name)}</td><td>{escape(i.label or i.choice)}</td>"
        f"<td style='text-align:right'>{'' if i.points is None else i.points}</td>"
        f"<td style='font-size:90%'>{escape(i.why)}</td></tr>"
        for i in result.items
    )
    total = "" if result.total is None else f"{escape(str(result.total))}: "
    return (
        f'<div class="spineedu-score-result" data-band="{escape(result.band)}">'
        f"<p style='font-size:115%'><strong>{total}{escape(result.band_label)}</strong><br>"
        f"{escape(result.meaning)}</p><table class='spineedu-table'><thead><tr><th>Item</th>"
        f"<th>Finding</th><th>Points</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table>"
        "</div>"
    )

"""Where a total falls among a score's bands, as a small SVG gauge (text labels, not colour
alone)."""

from __future__ import annotations

from html import escape

from spineedu.figures.chart import OKABE_ITO
from spineedu.figures.treatment_matrix import FONT, SvgChart
from spineedu.scores.tables import AdditiveScore

BAND_COLOURS = [OKABE_ITO["sky"], OKABE_ITO["orange"], OKABE_ITO["purple"],
                OKABE_ITO["vermillion"]]
WIDTH, LEFT, RIGHT, BAR_Y, BAR_H = 560, 20, 20, 40, 26


def score_gauge(table: AdditiveScore, total: int) -> SvgChart:
    low, high = table.total_range()
    span = WIDTH - LEFT - RIGHT

    def x(value: float) -> float:
        return LEFT + span * (value - low) / (high - low + 1)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="110" '
             f'viewBox="0 0 {WIDTH} 110" role="img"><title>{escape(table.name)}: {total}'
             "</title>"]
    for index, band in enumerate(table.bands):
        start, end = x(band.min), x(band.max + 1)
        colour = BAND_COLOURS[index % len(BAND_COLOURS)]
        parts.append(f'<rect x="{start:.1f}" y="{BAR_Y}" width="{end - start:.1f}" '
                     f'height="{BAR_H}" fill="{colour}" stroke="white"/>')
        parts.append(f'<text x="{(start + end) / 2:.1f}" y="{BAR_Y + BAR_H + 18}" '
                     f'font-size="11" text-anchor="middle" style="{FONT}">'
                     f"{escape(band.label.split(':')[0].split(' (')[0])}</text>")
    marker = x(total + 0.5)
    parts.append(f'<polygon points="{marker - 8:.1f},{BAR_Y - 14} {marker + 8:.1f},{BAR_Y - 14} '
                 f'{marker:.1f},{BAR_Y - 2}" fill="black"/>')
    parts.append(f'<text x="{marker:.1f}" y="{BAR_Y - 18}" font-size="13" font-weight="bold" '
                 f'text-anchor="middle" style="{FONT}">{total}</text>')
    parts.append(f'<text x="{LEFT}" y="{BAR_Y + BAR_H + 36}" font-size="10" style="{FONT}">'
                 f"{low}</text><text x=\"{WIDTH - RIGHT}\" y=\"{BAR_Y + BAR_H + 36}\" "
                 f'font-size="10" text-anchor="end" style="{FONT}">{high}</text></svg>')
    band = next(b for b in table.bands if b.min <= total <= b.max)
    return SvgChart("".join(parts),
                    f"Gauge: {table.name} {total} of {low}-{high}, in the band {band.label}.")

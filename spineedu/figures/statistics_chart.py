"""Bar charts of content/statistics.yaml, drawing a range where the sources differ."""

from __future__ import annotations

from spineedu.content_model import Statistic
from spineedu.figures.chart import OKABE_ITO, Chart, new_figure


def _number(value: float) -> str:
    return f"{value:g}"


def _span(low: float, high: float) -> str:
    return _number(low) if low == high else f"{_number(low)}-{_number(high)}"


def statistic_chart(statistic: Statistic) -> Chart:
    """Solid bar to the lowest figure, hatched bar across the range the sources disagree on."""
    items = statistic.items
    figure = new_figure(7.5, 1.5 + 0.45 * len(items))
    axes = figure.add_subplot()
    rows = range(len(items))
    lows = [item.low for item in items]
    spans = [item.high - item.low for item in items]
    axes.barh(rows, lows, color=OKABE_ITO["blue"], label="lowest reported figure")
    axes.barh(rows, spans, left=lows, color="white", edgecolor=OKABE_ITO["blue"], hatch="///",
              label="range across sources")
    for row, item in enumerate(items):
        axes.text(item.high + 1, row, _span(item.low, item.high), va="center", fontsize=9)
    axes.set_yticks(list(rows), [item.label for item in items])
    axes.invert_yaxis()
    axes.set_xlim(0, max(item.high for item in items) * 1.18 + 1)
    axes.set_xlabel(statistic.unit)
    figure.suptitle(statistic.title, x=0.01, ha="left", fontsize=11, fontweight="bold")
    if any(spans):
        figure.legend(fontsize=8, loc="outside lower center", ncols=2, frameon=False)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    parts = "; ".join(f"{item.label} {_span(item.low, item.high)}" for item in items)
    description = f"Chart: {statistic.title} ({statistic.unit}): {parts}. {statistic.summary}"
    return Chart.from_figure(figure, description)

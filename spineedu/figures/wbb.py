"""The WBB map of a vertebra: 12 clock-face zones and the layers, with one case shaded."""

from __future__ import annotations

import math

from spineedu.figures.chart import OKABE_ITO, Chart, new_figure
from spineedu.scores.tables import Zones


def wbb_figure(table: Zones, tumour_zones: tuple[int, ...] = (4, 5, 6, 7, 8)) -> Chart:
    """An axial diagram: zones numbered clockwise from the spinous process, layers as rings."""
    from matplotlib.patches import Wedge

    figure = new_figure(7.5, 4.2)
    axes = figure.add_subplot()
    axes.set_aspect("equal")
    axes.axis("off")
    rings = len(table.layers)
    step = 360 / table.zones
    for zone in range(1, table.zones + 1):
        # zone 1 starts at 12 o'clock (the spinous process, at the top here) going clockwise
        start = 90 - zone * step
        shaded = zone in tumour_zones
        for ring in range(rings):
            outer = rings - ring
            colour = OKABE_ITO["vermillion"] if shaded and ring in (1, 2) else (
                "#dbe9f4" if zone in table.body_zones else "#f2f2f2")
            axes.add_patch(Wedge((0, 0), outer, start, start + step, width=1, facecolor=colour,
                                 edgecolor="white", linewidth=1.2))
        angle = math.radians(start + step / 2)
        axes.text(1.12 * rings * math.cos(angle), 1.12 * rings * math.sin(angle), str(zone),
                  ha="center", va="center", fontsize=10, fontweight="bold")
    for ring, layer in enumerate(table.layers):
        axes.text(rings - ring - 0.5, 0.15, layer.id, ha="center", va="center", fontsize=9)
    axes.set_xlim(-rings * 1.25, rings * 3.6)
    axes.set_ylim(-rings * 1.25, rings * 1.25)
    legend = "\n".join(layer.label for layer in table.layers)
    axes.text(rings * 1.35, rings * 0.95, f"Layers (outside in):\n{legend}", va="top",
              fontsize=9)
    axes.text(rings * 1.35, -rings * 0.55,
              "Zones 1-12 clockwise from the spinous process\n(top); blue: vertebral body.\n"
              f"Red: a tumour in zones {tumour_zones[0]}-{tumour_zones[-1]},\nlayers B-C.",
              va="top", fontsize=9)
    figure.suptitle(table.name, x=0.01, ha="left", fontsize=11, fontweight="bold")
    layer_ids = ", ".join(layer.id for layer in table.layers)
    description = (f"Chart: {table.name}: {table.zones} zones numbered clockwise and "
                   f"{len(table.layers)} layers ({layer_ids}); the example tumour fills zones "
                   f"{tumour_zones[0]}-{tumour_zones[-1]}.")
    return Chart.from_figure(figure, description)

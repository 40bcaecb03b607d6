"""Where the spine's compartments are: one vertebra seen from above (the front of the body at the
top, as on a scan), the cord in its canal, and what lies outside and inside the dura. A simple,
labelled drawing for the public; every word on it comes from content/plain/pictures.yaml."""

from __future__ import annotations

import textwrap

from spineedu.content_model import PlainPicture
from spineedu.figures.chart import OKABE_ITO, Chart, new_figure

PICTURE = "spine-compartments"
BONE = "#e6eef5"  # outside the dura: bone and the epidural space, hatched
SAC = "#fde7c4"  # inside the dura: the fluid, hatched the other way
CORD = "#f3b95f"
ROOT = OKABE_ITO["yellow"]
CANAL = (0.0, -0.5)
# (label, where it points, where its text sits, which side): geometry only, no facts
POINTERS = (
    ("vertebral-body", (-1.2, 2.4), (-4.6, 3.0), "right"),
    ("nerve-root", (-2.5, 0.55), (-4.6, 1.1), "right"),
    ("epidural-space", (-1.12, -0.95), (-4.6, -0.7), "right"),
    ("spinal-fluid", (-0.6, -0.95), (-4.6, -2.3), "right"),
    ("spinal-canal", (0.45, 0.64), (4.6, 2.3), "left"),
    ("spinal-cord", (0.3, -0.45), (4.6, 0.6), "left"),
    ("dura", (0.93, -1.08), (4.6, -1.0), "left"),
    ("bony-arch", (1.5, -2.25), (4.6, -2.7), "left"),
)
ARCH = ((-1.6, 1.2), (-2.0, 0.2), (-3.7, -0.3), (-3.8, -1.0), (-2.0, -1.3), (-1.3, -2.3),
        (-0.4, -2.6), (0.0, -4.2), (0.4, -2.6), (1.3, -2.3), (2.0, -1.3), (3.8, -1.0),
        (3.7, -0.3), (2.0, 0.2), (1.6, 1.2))


def _wrapped(text: str, width: int = 30) -> str:
    return "\n".join(textwrap.wrap(text, width))


def spine_compartments_figure(picture: PlainPicture) -> Chart:
    """The drawing, labelled from `picture` (content/plain/pictures.yaml), its alt text the
    picture's `alt`."""
    from matplotlib.patches import Circle, Ellipse, Patch, Polygon

    if picture.id != PICTURE:
        raise ValueError(f"this figure draws '{PICTURE}', not '{picture.id}'")
    labels = picture.labels
    figure = new_figure(10, 7.6)
    axes = figure.add_subplot()
    axes.set_aspect("equal")
    axes.axis("off")
    outside = {"facecolor": BONE, "edgecolor": "#4d6a80", "hatch": "///", "linewidth": 1.2}
    inside = {"facecolor": SAC, "edgecolor": "#9c6b1f", "hatch": "...", "linewidth": 1.5}
    axes.add_patch(Polygon(ARCH, closed=True, zorder=2, **outside))
    axes.add_patch(Ellipse((0.0, 2.1), 5.2, 3.1, zorder=3, **outside))
    axes.add_patch(Circle(CANAL, 1.4, zorder=4, facecolor="white", edgecolor="#4d6a80",
                          linewidth=1.2))
    axes.add_patch(Circle(CANAL, 1.4, zorder=4, facecolor="none", edgecolor="#4d6a80",
                          hatch="///", linewidth=0, alpha=0.5))  # the epidural space
    for side in (-1, 1):  # a nerve root leaves the dura on each side
        xs, ys = (side * 0.9, side * 3.3), (-0.1, 0.95)
        axes.plot(xs, ys, color=ROOT, linewidth=7, solid_capstyle="round", zorder=4.5)
        axes.plot(xs, ys, color="#8a7a00", linewidth=1, zorder=4.5)
    axes.add_patch(Circle(CANAL, 1.05, zorder=5, **inside))
    axes.add_patch(Ellipse((0.0, -0.45), 1.3, 0.95, zorder=6, facecolor=CORD,
                           edgecolor="#7a4f10", hatch="...", linewidth=1.2))  # inside the dura
    for name, point, place, align in POINTERS:
        axes.annotate(_wrapped(labels[name]), xy=point, xytext=place, ha=align, va="center",
                      fontsize=9, zorder=7,
                      arrowprops={"arrowstyle": "-", "color": "#333333", "linewidth": 0.8,
                                  "shrinkA": 2, "shrinkB": 0})
        axes.plot(*point, marker="o", markersize=3, color="#333333", zorder=7)
    axes.annotate(labels["front"], xy=(0, 3.75), xytext=(0, 4.5), ha="center", va="center",
                  fontsize=10, fontweight="bold",
                  arrowprops={"arrowstyle": "<-", "color": "#333333"})
    axes.text(0, -4.7, labels["back"], ha="center", va="center", fontsize=10,
              fontweight="bold")
    axes.set_xlim(-8.6, 8.6)
    axes.set_ylim(-5.1, 4.9)
    handles = [Patch(label=_wrapped(labels["outside-the-dura"], 48), **outside),
               Patch(label=_wrapped(labels["inside-the-dura"], 48), **inside)]
    figure.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=9,
                  frameon=False, handleheight=2.2, handlelength=2.6)
    figure.suptitle(picture.title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    figure.text(0.99, 0.995, labels["not-to-scale"], ha="right", va="top", fontsize=8,
                style="italic")
    return Chart.from_drawing(figure, picture.alt)

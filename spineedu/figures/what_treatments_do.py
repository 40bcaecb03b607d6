"""What each main kind of treatment does: four small drawings of the same three bones of the
spine from the side (the front of the body on the left), a tumour in the middle bone, and
radiotherapy, surgery, bone cement and medicines at work. A simple drawing for the public; every
word on it comes from content/plain/pictures.yaml."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from spineedu.content_model import PlainPicture
from spineedu.figures.chart import OKABE_ITO, Chart, new_figure

PICTURE = "what-treatments-do"
BONE = "#e6eef5"
CORD = "#f3b95f"
TUMOUR = "#f4b6a0"
CEMENT = "#b9b9b9"
INK = "#333333"
BODIES = (0.0, 1.45, 2.9)  # the lower edge of each vertebral body; the tumour is in the middle
HEIGHT = 1.1
PANELS = ("radiotherapy", "surgery", "cement", "medicines")


def _spine(axes, labels: dict[str, str], middle_height: float = HEIGHT,
           tumour_label: bool = False, cord_label: bool = False) -> None:
    """Three vertebrae (bodies in front, arches behind the canal), the cord, the tumour."""
    from matplotlib.patches import Ellipse, FancyBboxPatch, Rectangle

    for index, bottom in enumerate(BODIES):
        height = middle_height if index == 1 else HEIGHT
        axes.add_patch(FancyBboxPatch((0, bottom), 2.0, height, boxstyle="round,pad=0.02,"
                                      "rounding_size=0.15", facecolor=BONE, edgecolor="#4d6a80",
                                      linewidth=1.2, zorder=2))
        axes.add_patch(Rectangle((3.25, bottom + 0.2), 0.9, 0.75, facecolor=BONE,
                                 edgecolor="#4d6a80", linewidth=1.2, zorder=2))
    axes.add_patch(Rectangle((2.3, -0.5), 0.55, 5.1, facecolor=CORD, edgecolor="#7a4f10",
                             linewidth=1, zorder=3))
    axes.add_patch(Ellipse((1.2, 2.0), 1.2, 0.75, facecolor=TUMOUR, edgecolor=OKABE_ITO[
        "vermillion"], hatch="xx", linewidth=1.2, zorder=4))
    if tumour_label:
        axes.annotate(labels["tumour"], xy=(0.8, 2.0), xytext=(-1.6, 4.4), fontsize=8.5,
                      ha="center", arrowprops={"arrowstyle": "-", "color": INK, "lw": 0.8})
    if cord_label:
        axes.annotate(labels["spinal-cord"], xy=(2.6, 4.2), xytext=(4.6, 4.7), fontsize=8.5,
                      ha="left", va="center",
                      arrowprops={"arrowstyle": "-", "color": INK, "lw": 0.8})
    axes.text(-0.2, -0.9, labels["front"], ha="left", fontsize=8.5, style="italic")
    axes.text(4.2, -0.9, labels["back"], ha="right", fontsize=8.5, style="italic")


def _radiotherapy(axes, labels: dict[str, str]) -> None:
    from matplotlib.patches import Polygon

    _spine(axes, labels, tumour_label=True, cord_label=True)
    for start in ((-2.9, 3.8), (-3.1, 2.0), (-2.9, 0.2)):  # beams meet at the tumour
        dx, dy = 0.9 - start[0], 2.0 - start[1]
        length = (dx * dx + dy * dy) ** 0.5
        nx, ny = -dy / length * 0.22, dx / length * 0.22
        axes.add_patch(Polygon([(start[0] + nx, start[1] + ny), (start[0] - nx, start[1] - ny),
                                (0.9, 2.0)], closed=True, facecolor=OKABE_ITO["sky"],
                               alpha=0.55, edgecolor=OKABE_ITO["blue"], zorder=5))


def _surgery(axes, labels: dict[str, str]) -> None:
    from matplotlib.patches import Ellipse

    _spine(axes, labels)
    axes.add_patch(Ellipse((2.25, 2.0), 0.7, 0.8, facecolor="none", edgecolor=OKABE_ITO[
        "vermillion"], linestyle="--", linewidth=1.5, zorder=6))  # where it pressed
    axes.annotate(labels["removed"], xy=(2.2, 2.35), xytext=(4.6, 4.7), fontsize=8.5,
                  ha="left", va="center", arrowprops={"arrowstyle": "-", "color": INK,
                                                      "lw": 0.8})
    for height in (BODIES[0] + 0.55, BODIES[2] + 0.55):  # screws into the bones around it
        # beside the cord, not through it: drawn behind it, as a side view shows them
        axes.plot((4.45, 0.7), (height, height), color="#555555", linewidth=3.5, zorder=2.5,
                  solid_capstyle="butt")
    axes.plot((4.45, 4.45), (BODIES[0] + 0.35, BODIES[2] + 0.75), color="#333333",
              linewidth=5, zorder=8, solid_capstyle="round")  # the rod


def _cement(axes, labels: dict[str, str]) -> None:
    from matplotlib.patches import Rectangle

    _spine(axes, labels, middle_height=0.9)
    axes.add_patch(Rectangle((0.15, BODIES[1] + 0.1), 1.7, 0.7, facecolor=CEMENT,
                             edgecolor="#666666", alpha=0.85, zorder=5))
    axes.plot((6.0, 1.0), (2.9, BODIES[1] + 0.45), color="#222222", linewidth=2,
              zorder=2.5)  # beside the cord, behind it in a side view
    axes.plot((6.0, 6.6), (2.9, 3.03), color="#222222", linewidth=6, zorder=6)  # its handle


def _medicines(axes, labels: dict[str, str]) -> None:
    from matplotlib.patches import Rectangle

    _spine(axes, labels)
    axes.add_patch(Rectangle((-1.35, -0.5), 0.55, 5.1, facecolor="#f2c4c4",
                             edgecolor="#b03a2e", linewidth=1, zorder=2))
    axes.annotate(labels["blood-vessel"], xy=(-1.1, 4.3), xytext=(-1.6, 4.9), fontsize=8.5,
                  ha="center", va="center",
                  arrowprops={"arrowstyle": "-", "color": INK, "lw": 0.8})
    axes.plot((-0.8, 0.6), (2.0, 2.0), color="#b03a2e", linewidth=2, zorder=3)  # a branch
    dots = [(-1.07, y / 2) for y in range(0, 9)] + [(-0.4, 2.0), (0.2, 2.0), (0.9, 2.15),
                                                    (1.3, 1.85), (1.55, 2.1)]
    axes.scatter(*zip(*dots, strict=True), s=14, color=OKABE_ITO["green"], zorder=6,
                 edgecolors="white", linewidths=0.5)


DRAW: dict[str, Callable] = {"radiotherapy": _radiotherapy, "surgery": _surgery,
                             "cement": _cement, "medicines": _medicines}


def what_treatments_do_figure(picture: PlainPicture) -> Chart:
    """The four drawings, labelled from `picture` (content/plain/pictures.yaml), its alt text
    the picture's `alt`."""
    if picture.id != PICTURE:
        raise ValueError(f"this figure draws '{PICTURE}', not '{picture.id}'")
    labels = picture.labels
    figure = new_figure(10, 9.2)
    for number, panel in enumerate(PANELS, start=1):
        axes = figure.add_subplot(2, 2, number)
        axes.set_aspect("equal")
        axes.axis("off")
        DRAW[panel](axes, labels)
        axes.set_title(f"{number}. {labels[panel]}", loc="left", fontsize=11,
                       fontweight="bold")
        axes.text(-3.2, -1.5, "\n".join(textwrap.wrap(labels[f"{panel}-does"], 50)),
                  va="top", fontsize=9)
        axes.set_xlim(-3.3, 7.2)
        axes.set_ylim(-4.0, 5.2)
    figure.suptitle(picture.title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    figure.text(0.99, 0.995, labels["not-to-scale"], ha="right", va="top", fontsize=8,
                style="italic")
    return Chart.from_drawing(figure, picture.alt)

"""A rendered figure that carries its own text description.

Notebooks display a `Chart`: Voilà and a trusted JupyterLab show it as HTML, an <img> whose alt
text is the chart's description (a bare PNG output has no text alternative); an untrusted notebook
falls back to the PNG; the plain-text form is the description too, so stored notebook outputs
compare meaningful text rather than `<Figure size ...>`.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe & Ito (2008) colour-blind-safe palette; every colour is paired with a text label or marker.
OKABE_ITO = {
    "blue": "#0072B2",
    "green": "#009E73",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
}


@dataclass(frozen=True)
class Chart:
    png: bytes
    description: str

    @classmethod
    def from_figure(cls, figure: Figure, description: str, dpi: int = 100) -> Chart:
        buffer = io.BytesIO()
        # constrained layout already fits the labels; fast zlib level, as these are redrawn live
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None},
                       pil_kwargs={"compress_level": 1})
        return cls(buffer.getvalue(), description)

    @classmethod
    def from_drawing(cls, figure: Figure, description: str, dpi: int = 100) -> Chart:
        """A drawing that is drawn once and stored in a lesson (no photo-like shading): in
        64 colours at the highest zlib level, a third of the bytes of `from_figure`."""
        from PIL import Image

        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        buffer.seek(0)
        image = Image.open(buffer).convert("RGB").quantize(64)
        out = io.BytesIO()
        image.save(out, format="png", optimize=True)
        return cls(out.getvalue(), description)

    def _repr_png_(self) -> bytes:
        return self.png

    def _repr_html_(self) -> str:
        return self.img_tag()

    def __repr__(self) -> str:
        return self.description

    def img_tag(self) -> str:
        """An <img> with the description as alt text, for HTML widgets."""
        data = base64.b64encode(self.png).decode("ascii")
        alt = html.escape(self.description, quote=True)
        return f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width:100%">'


def new_figure(width: float, height: float, layout: str | None = "constrained") -> Figure:
    """A figure not registered with pyplot, so widget callbacks leave no global state behind.
    Live-redrawn figures pass layout=None and set margins themselves: constrained layout costs
    an extra draw."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout=layout)

"""Matplotlib figures, each returned as a `Chart`: a PNG plus the text a reader without the image
needs (and that nbval compares)."""

from spineedu.figures.chart import Chart

__all__ = ["Chart"]

"""Table cells aligned as text reads: JupyterLab right-aligns every cell of rendered HTML, which
leaves a column of words ragged on the left, so each cell says text-align:left itself (a style on
the table would lose to JupyterLab's rule for td and th)."""

from __future__ import annotations

TH = '<th style="text-align:left">'
TD = '<td style="text-align:left">'
TH_NUMBER = '<th style="text-align:right">'
TD_NUMBER = '<td style="text-align:right">'

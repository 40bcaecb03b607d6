"""A score result as plain text: for the terminal and for notebook cells nbval compares."""

from __future__ import annotations

from spineedu.scores.calculate import ScoreResult


def format_score(result: ScoreResult) -> str:
    lines = [f"{result.name}: {result.total if result.total is not None else ''}"
             f" {result.band_label}".replace(":  ", ": "), result.meaning, ""]
    for item in result.items:
        points = ("" if item.points is None else
                  f" ({item.points} point{'' if item.points == 1 else 's'})")
        lines.append(f"  - {item.name}: {item.label or item.choice}{points}")
        lines.append(f"      {item.why}")
    return "\n".join(lines)

"""A plan diff as one self-contained HTML page (no script, font or image fetched) that a second
clinician reads beside the pull request."""

from __future__ import annotations

from html import escape
from itertools import groupby

from spineedu.plan_diff import PlanDiff
from spineedu.views.plan_diff_text import (
    change_text,
    example_command,
    example_text,
    rules_text,
    summary_text,
)

STYLE = """
  body { font-family: "DejaVu Sans", Arial, sans-serif; line-height: 1.45; color: #1a1a1a;
         max-width: 70rem; margin: 1rem auto; padding: 0 1rem; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.2rem; }
  th, td { border: 1px solid #767676; padding: 0.35rem 0.5rem; text-align: left;
           vertical-align: top; }
  th { background: #f0f0f0; }
  code { font-size: 0.9em; overflow-wrap: anywhere; }
  .scroll { overflow-x: auto; }
"""


def _cell(text: str) -> str:
    return f"<td>{escape(text)}</td>"


def plan_diff_html(diff: PlanDiff, names: dict[str, str], title: str,
                   unreviewed: list[str] | None = None) -> str:
    """`names` gives a type's or treatment's name by id; `title` says what was compared;
    `unreviewed` the entries edited without a new review date."""
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>SpineEdu plan diff: {escape(title)}</title>", f"<style>{STYLE}</style>",
        "</head>", "<body>", "<main>", "<h1>What the edit does to the plans</h1>",
        f"<p>{escape(title)}. {escape(summary_text(diff))}.</p>",
        "<p>Each row is a treatment whose place in the plan changed for some patients of the "
        "walked input space, with the patient with the fewest factors given as an example.</p>",
    ]
    for type_id, by_type in groupby(diff.changes, lambda c: c.type_id):
        parts.append(f"<h2>{escape(names.get(type_id, type_id))}</h2>")
        for stage, changes in groupby(by_type, lambda c: c.stage):
            parts += [f"<h3>Stage {escape(stage)}</h3>", '<div class="scroll"><table>',
                      f"<caption>{escape(names.get(type_id, type_id))}, stage "
                      f"{escape(stage)}</caption>", "<tr>", *(
                          f'<th scope="col">{heading}</th>' for heading in (
                              "Treatment", "Change", "Patients", "Example",
                              "Rules before", "Rules after", "References")), "</tr>"]
            for change in changes:
                example = change.example
                references = "; ".join(filter(None, [
                    "added " + ", ".join(change.references_added)
                    if change.references_added else "",
                    "removed " + ", ".join(change.references_removed)
                    if change.references_removed else ""])) or "unchanged"
                parts += [
                    "<tr>",
                    f'<th scope="row">{escape(names.get(change.treatment, change.treatment))}'
                    "</th>",
                    _cell(change_text(change)), _cell(str(change.patients)),
                    f"<td>{escape(example_text(example))}<br><code>"
                    f"{escape(example_command(example))}</code></td>" if example else _cell(""),
                    _cell(rules_text(change.rules_before)),
                    _cell(rules_text(change.rules_after)), _cell(references), "</tr>"]
            parts.append("</table></div>")
    if unreviewed:
        parts += ["<h2>Edited without a new review date</h2>",
                  "<p>These entries changed but kept their <code>last_reviewed</code> date:</p>",
                  "<ul>", *(f"<li>{escape(entry)}</li>" for entry in unreviewed), "</ul>"]
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"

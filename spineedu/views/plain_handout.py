"""A handout for a family (`spineedu handout --plain`): the plan's treatments and the tumour in
plain words, what to ask the care team, and when to get help at once. It explains; it does not
tell a reader what their own treatment should be, and it says so first."""

from __future__ import annotations

import datetime as dt
from html import escape

from spineedu.content_model import Reference
from spineedu.engine import Recommendation
from spineedu.knowledge_base import KnowledgeBase
from spineedu.messages import DISCLAIMER
from spineedu.views.handout import STYLE
from spineedu.views.plain_html import plain_treatment_html, plain_type_html
from spineedu.views.plan_html import reference_link
from spineedu.views.plan_text import patient_text

PLAIN_LEVELS = {  # the plan's levels as a family reads them
    "first-line": "What the team usually does first",
    "adjunct": "Often added to the main treatment",
    "consider": "Sometimes used, for some people",
}
NOT_USUALLY = "Not usually used for this tumour at this stage"
NOT_YOURS = ("This page explains treatments in general. It is not a plan for anyone: the care "
             "team knows the person and decides with them.")


def plain_handout_html(result: Recommendation, kb: KnowledgeBase, today: dt.date) -> str:
    """The page, in plain words, from the plain texts of the type and of each treatment."""
    cancer_type = kb.cancer_types[result.type_id]
    about = kb.plain_types[cancer_type.id]
    sections, shown, references = [], [], list(about.references)
    for level, heading in PLAIN_LEVELS.items():
        ids = [d.treatment.id for d in result.treatments if d.level == level]
        if ids:
            sections.append(f"<h2>{heading}</h2>" + "".join(
                plain_treatment_html(kb, treatment_id) for treatment_id in ids))
            shown += ids
    not_usually = [d.treatment.name for d in result.treatments if d.level == "not-indicated"]
    if not_usually:
        sections.append(f"<h2>{NOT_USUALLY}</h2><ul>"
                        + "".join(f"<li>{escape(name)}</li>" for name in not_usually) + "</ul>")
    questions = "".join(f"<li><strong>{escape(kb.treatments[t].name)}:</strong> "
                        f"{escape(kb.plain_treatments[t].questions)}</li>" for t in shown)
    urgent = kb.plain_topics["urgent-care"]
    for treatment_id in shown:
        references += kb.plain_treatments[treatment_id].references
    references += urgent.references
    cited: list[Reference] = [kb.references[r] for r in dict.fromkeys(references)]
    title = f"{cancer_type.name}: a guide for families"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>SpineEdu: {escape(title)}</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{escape(title)}</h1>"
        f"<p><strong>Educational use only.</strong> {escape(DISCLAIMER)} {escape(NOT_YOURS)}</p>"
        f'<p class="spineedu-meta">Printed {today.isoformat()} · for: '
        f"{escape(patient_text(result, kb))}</p>"
        "<h2>About this tumour</h2>" + plain_type_html(kb, cancer_type.id) + "".join(sections)
        + (f"<h2>Questions you may want to ask the care team</h2><ul>{questions}</ul>"
           if questions else "")
        + f"<h2>{escape(urgent.title)}</h2><p>{escape(urgent.text)}</p>"
        "<h2>Where this comes from</h2><ol>"
        + "".join(f"<li>{reference_link(reference)}</li>" for reference in cited)
        + "</ol></main></body></html>\n"
    )

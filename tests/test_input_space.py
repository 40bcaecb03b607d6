"""Walk every type, stage and combination of patient factors: nothing raises, nothing is empty."""

from __future__ import annotations

import itertools

from spineedu.content_model import ESCC_GRADES
from spineedu.engine import recommend

ESCC = (None, *ESCC_GRADES)
SINS = (None, *range(19))
ECOG = (None, *range(5))
NEURO = (None, True, False)


def test_every_combination_answers_with_a_first_line_treatment(kb):
    checked = 0
    for cancer_type in kb.cancer_types.values():
        for stage in cancer_type.stage_ids():
            for escc, sins, ecog, neuro in itertools.product(ESCC, SINS, ECOG, NEURO):
                result = recommend(cancer_type.id, stage, escc=escc, sins=sins, ecog=ecog,
                                   neuro_deficit=neuro)
                assert result.suitable, (cancer_type.id, stage, escc, sins, ecog, neuro)
                assert result.at_level("first-line"), (cancer_type.id, stage, escc, sins, ecog,
                                                        neuro)
                for decision in result.treatments:
                    assert decision.reasons and decision.references
                checked += 1
    assert checked == sum(len(t.stage_ids()) for t in kb.cancer_types.values()) * (
        len(ESCC) * len(SINS) * len(ECOG) * len(NEURO))

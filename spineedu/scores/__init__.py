"""The published scores and classifications of spine oncology, computed from tables kept as data
in content/scores/. Every function is pure, validates its inputs and explains each item."""

from spineedu.scores.calculate import (
    ScoreInputError,
    ScoreResult,
    asia_grade,
    ecog_grade,
    enneking_stage,
    escc_grade,
    frankel_grade,
    noms_decision,
    sins_score,
    tokuhashi_score,
    tomita_score,
)

__all__ = [
    "ScoreInputError",
    "ScoreResult",
    "asia_grade",
    "ecog_grade",
    "enneking_stage",
    "escc_grade",
    "frankel_grade",
    "noms_decision",
    "sins_score",
    "tokuhashi_score",
    "tomita_score",
]

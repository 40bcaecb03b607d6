"""SpineEdu: an open teaching resource on the treatment of spinal cancer."""

from spineedu.engine import (
    FactorValueError,
    InvalidInputError,
    Recommendation,
    TreatmentDecision,
    UnknownIdError,
    recommend,
)
from spineedu.knowledge_base import ContentError, KnowledgeBase, load_knowledge_base

__all__ = [
    "ContentError",
    "FactorValueError",
    "InvalidInputError",
    "KnowledgeBase",
    "Recommendation",
    "TreatmentDecision",
    "UnknownIdError",
    "load_knowledge_base",
    "recommend",
]

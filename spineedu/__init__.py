"""SpineEdu: an open teaching resource on the treatment of spinal cancer."""

from spineedu.engine import Recommendation, TreatmentDecision, recommend
from spineedu.knowledge_base import ContentError, KnowledgeBase, load_knowledge_base

__all__ = [
    "ContentError",
    "KnowledgeBase",
    "Recommendation",
    "TreatmentDecision",
    "load_knowledge_base",
    "recommend",
]

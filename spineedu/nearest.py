"""The valid id a mistyped one probably meant: one answer for every "did you mean" the project
gives, to a learner in the CLI and the exercises and to an educator in validation."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest_id(value: object, valid: Iterable[str]) -> str | None:
    """The valid id nearest to `value`, ignoring case, or None when nothing is close: the one
    id it begins (an abbreviation), else difflib's closest.

    >>> closest_id("Chordoma", ["chordoma", "chondrosarcoma"])
    'chordoma'
    >>> closest_id("ib", ["IA", "IB", "IIA"])
    'IB'
    >>> closest_id("oligo", ["oligometastatic", "polymetastatic"])
    'oligometastatic'
    """
    if not isinstance(value, str) or not value:
        return None
    by_lower = {v.lower(): v for v in valid}
    if not by_lower:
        return None
    extensions = [v for lower, v in by_lower.items() if lower.startswith(value.lower())]
    if len(extensions) == 1:
        return extensions[0]
    found = difflib.get_close_matches(value.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[found[0]] if found else None

"""Whole numbers typed on a command line: ASCII digits only, and never thousands of them.

`str.isdigit()` is true for '²', which `int()` rejects, and `int()` reads other scripts' digits,
and `int()` of 4,301 digits raises: both were tracebacks. No SpineEdu score needs more than a
few digits, so anything longer is refused with the same one-line message as any other typo.
"""

from __future__ import annotations

import re

MAX_DIGITS = 6
_WHOLE = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
SHOWN_CHARACTERS = 24


def whole_number(text: str) -> int:
    """The number `text` spells in ASCII digits; ValueError for anything else."""
    if not _WHOLE.fullmatch(text):
        raise ValueError(f"{shown(text)}: a whole number (0-9, at most {MAX_DIGITS} digits) "
                         "is needed")
    return int(text)


def shown(value: object) -> str:
    """repr() of a value, cut short: an error message stays one readable line."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS - 1] + "…"

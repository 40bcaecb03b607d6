"""Widget callbacks that can never show a traceback to a visitor.

Voilà prints an exception raised in a widget callback, with its full traceback, into the page
whatever `show_tracebacks` says. Every callback is therefore wrapped: the visitor sees a short
message, the detail goes to the server's log (the kernel's real stderr, not the notebook's).
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

FRIENDLY_ERROR = (
    "Sorry, something went wrong while updating this view. Please change a value or reload "
    "the page. The problem has been logged."
)
F = TypeVar("F", bound=Callable[..., Any])


def server_logger() -> logging.Logger:
    logger = logging.getLogger("spineedu.views")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.__stderr__)
        handler.setFormatter(logging.Formatter("[spineedu %(levelname)s] %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.INFO)
    return logger


def guarded(show_error: Callable[[str], None]) -> Callable[[F], F]:
    """Run the callback; on any exception log it and call `show_error` with a friendly message."""

    def decorate(callback: F) -> F:
        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception:
                server_logger().exception("widget callback %s failed", callback.__qualname__)
                try:
                    show_error(FRIENDLY_ERROR)
                except Exception:
                    server_logger().exception("could not show the error message")
                return None

        return wrapper  # type: ignore[return-value]

    return decorate

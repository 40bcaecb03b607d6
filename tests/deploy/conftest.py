"""The deploy tests reuse the dashboard tests' Chromium fixture (skip loudly, FAIL when CI=true).

tests/dashboard/conftest.py is loaded by path under its own name: `from conftest import …` would
pick whichever conftest pytest imported last.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "dashboard" / "conftest.py"
_SPEC = importlib.util.spec_from_file_location("spineedu_dashboard_conftest", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
dashboard_conftest = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = dashboard_conftest  # dataclasses look their module up there
_SPEC.loader.exec_module(dashboard_conftest)

browser = dashboard_conftest.browser

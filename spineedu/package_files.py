"""Where SpineEdu's files are: the one place that knows.

In a source checkout (and an editable install) they are the repository's folders, where
educators edit them and git keeps their history. A wheel cannot hold files outside the package,
so it ships copies inside it (pyproject.toml and setup.py map them): spineedu/content,
spineedu/lessons, spineedu/jupyter_share and spineedu/voila.json.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

PACKAGE = Path(str(files("spineedu")))  # a regular install: a real folder


def _checkout(package: Path) -> Path | None:
    """The repository the package sits in, or None when it was installed from a wheel."""
    root = package.parent
    markers = (root / "pyproject.toml", root / "content" / "types", root / "notebooks")
    return root if all(marker.exists() for marker in markers) else None


CHECKOUT = _checkout(PACKAGE)
ROOT = CHECKOUT or PACKAGE  # holds content/ and voila.json, in a checkout and in a wheel
CONTENT = ROOT / "content"
LESSONS = CHECKOUT / "notebooks" if CHECKOUT else PACKAGE / "lessons"
JUPYTER_SHARE = CHECKOUT / "share" / "jupyter" if CHECKOUT else PACKAGE / "jupyter_share"
VOILA_CONFIG_DIR = ROOT  # voila.json, the dashboard's lock-down
# students' lesson copies: git-ignored in a checkout, in their home folder otherwise
WORKSPACE = CHECKOUT / "workspace" if CHECKOUT else Path(
    os.path.expanduser("~/spineedu-workspace"))  # never raises without a home folder

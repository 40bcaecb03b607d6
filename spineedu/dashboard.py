"""`spineedu serve`: the lessons as a public Voilà dashboard on 127.0.0.1.

The lock-down lives in voila.json at the repository root, which Voilà reads from its working
directory: sources stripped, tracebacks hidden, only images served as files, the classic tree as
the landing page, preheated kernels for the explorer alone, and idle kernels culled (a closed
tab's kernel is otherwise never shut down) by a culler that spares freshly handed-out kernels.
Voilà itself lets a page send its kernel widget messages only, never code.

Pages use the project's own Voilà template, `spineedu` (share/jupyter/voila/templates/ in the
repository, found through JUPYTER_PATH): Voilà's lab template without its links to a public CDN,
with lang, the notebook's "title" metadata as <title>, and a <main> landmark.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
TEMPLATES_ROOT = REPO / "share" / "jupyter"  # holds voila/templates/spineedu
EXPLORER = "02_treatment_explorer.ipynb"


def voila_command(port: int, open_browser: bool, extra: Sequence[str] = ()) -> list[str]:
    command = [sys.executable, "-m", "voila", str(NOTEBOOKS), f"--port={port}"]
    if not open_browser:
        command.append("--no-browser")
    return [*command, *extra]


def server_environment() -> dict[str, str]:
    """Kernels must run in this interpreter's environment, where spineedu is installed, and
    Voilà must find the project's template (voila.json names it) before any other."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["JUPYTER_PATH"] = os.pathsep.join(
        path for path in (str(TEMPLATES_ROOT), env.get("JUPYTER_PATH", "")) if path)
    return env


def serve(port: int = 8866, open_browser: bool = True, extra: Sequence[str] = ()) -> int:
    print(f"SpineEdu: lessons at http://127.0.0.1:{port}/ and the treatment explorer at "
          f"http://127.0.0.1:{port}/voila/render/{EXPLORER} (Ctrl-C stops the server)",
          flush=True)
    try:
        return subprocess.call(voila_command(port, open_browser, extra), cwd=REPO,
                               env=server_environment())
    except KeyboardInterrupt:
        return 0

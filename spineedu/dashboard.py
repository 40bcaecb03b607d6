"""`spineedu serve`: the lessons as a public Voilà dashboard on 127.0.0.1.

The lock-down lives in voila.json (the repository's, or spineedu/voila.json in a wheel), which
spineedu.voila_app reads ahead of any other, whatever the working directory: sources stripped,
tracebacks hidden, only images served as files, the classic tree as the landing page, preheated
kernels for the explorer alone, and idle kernels culled (a closed tab's kernel is otherwise never
shut down) by a culler that spares freshly handed-out kernels. Voilà itself lets a page send its
kernel widget messages only, never code.

Pages use the project's own Voilà template, `spineedu` (share/jupyter/voila/templates/ in the
repository, spineedu/jupyter_share in a wheel; found through JUPYTER_PATH): Voilà's lab template
without its links to a public CDN, with lang, the notebook's "title" metadata as <title>, and a
<main> landmark.

The server is Voilà itself run through `spineedu.voila_app` (fair admission, a kernel cap),
exec'd in place of this process: SIGTERM from systemd, Docker or Kubernetes, and Ctrl-C, reach
Voilà, which shuts every kernel down. Broken content stops it before it starts: a dashboard must
never serve half a knowledge base. The content validated is a snapshot copied at start, and every
kernel reads that snapshot (SPINEEDU_CONTENT): editing or breaking content/ under a running
server changes nothing until it is restarted, and no two visitors see different versions.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from spineedu.package_files import JUPYTER_SHARE, LESSONS, ROOT
from spineedu.public_kernel import LIMIT_VARIABLE

REPO = ROOT  # the repository (or, installed from a wheel, the package)
NOTEBOOKS = LESSONS
TEMPLATES_ROOT = JUPYTER_SHARE  # holds voila/templates/spineedu and the kernel spec
EXPLORER = "02_treatment_explorer.ipynb"
KERNEL_MEMORY_MB = 512  # a lesson kernel holds about 150 MB of data; one visitor gets this much
SNAPSHOT_VARIABLE = "SPINEEDU_CONTENT_SNAPSHOT"  # the copy the server deletes when it stops


def voila_command(port: int, open_browser: bool, extra: Sequence[str] = ()) -> list[str]:
    command = [sys.executable, "-m", "spineedu.voila_app", str(NOTEBOOKS), f"--port={port}"]
    if not open_browser:
        command.append("--no-browser")
    return [*command, *extra]


def server_environment(public: bool = False) -> dict[str, str]:
    """Kernels must run in this interpreter's environment, where spineedu is installed, and
    Voilà must find the project's template (voila.json names it) before any other. A public
    server's kernels get a memory limit (spineedu.public_kernel); JupyterLab's do not."""
    env = dict(os.environ)
    if public:
        env.setdefault(LIMIT_VARIABLE, str(KERNEL_MEMORY_MB))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["JUPYTER_PATH"] = os.pathsep.join(
        path for path in (str(TEMPLATES_ROOT), env.get("JUPYTER_PATH", "")) if path)
    return env


def content_problems(directory: Path | None = None) -> str | None:
    """The validation report of the content the kernels will load, or None when it is valid."""
    from spineedu.knowledge_base import ContentError, content_directory, load_knowledge_base
    from spineedu.scores.tables import load_tables

    directory = directory or content_directory()
    try:
        kb = load_knowledge_base(directory)
        load_tables(directory / "scores", known_references=set(kb.references),
                    known_types=set(kb.cancer_types))
    except ContentError as error:
        return f"{directory}: {error}"
    return None


def server_options(preheat: int | None = None, max_kernels: int | None = None,
                   max_rendering: int | None = None,
                   max_kernels_per_visitor: int | None = None) -> list[str]:
    options = []
    if max_kernels_per_visitor is not None:
        options.append(f"--SpineEduVoila.max_kernels_per_visitor={max_kernels_per_visitor}")
    if preheat is not None:
        options.append(f"--SpineEduVoila.preheat={preheat}")
    if max_kernels is not None:
        options.append(f"--SpineEduVoila.max_kernels={max_kernels}")
    if max_rendering is not None:
        options.append(f"--SpineEduVoila.max_rendering={max_rendering}")
    return options


def content_snapshot() -> Path:
    """A copy of the content (SPINEEDU_CONTENT or content/), for the server's lifetime."""
    from spineedu.knowledge_base import content_directory

    snapshot = Path(tempfile.mkdtemp(prefix="spineedu-content-")) / "content"
    shutil.copytree(content_directory(), snapshot)
    return snapshot


def serve(port: int = 8866, open_browser: bool = True, extra: Sequence[str] = ()) -> int:
    """Snapshot and check the content, then become the Voilà server (never returns unless it
    cannot start)."""
    from spineedu.knowledge_base import content_directory

    source = content_directory()
    snapshot = content_snapshot()
    problems = content_problems(snapshot)
    if problems:
        shutil.rmtree(snapshot.parent, ignore_errors=True)
        print(f"spineedu serve: the content is not valid, the dashboard is not started.\n"
              f"{problems.replace(str(snapshot), str(source))}", file=sys.stderr)
        return 1
    print(f"SpineEdu: lessons at http://127.0.0.1:{port}/ and the treatment explorer at "
          f"http://127.0.0.1:{port}/voila/render/{EXPLORER} (Ctrl-C stops the server)",
          flush=True)
    command = voila_command(port, open_browser, extra)
    env = server_environment(public=True)
    env.update({"SPINEEDU_CONTENT": str(snapshot), SNAPSHOT_VARIABLE: str(snapshot.parent)})
    os.execve(command[0], command, env)

"""SpineEdu installed from its wheel, not from the checkout, works: the wheel holds the
subpackages, pages, content, lessons and the Voilà template and lock-down, and a fresh venv runs
`spineedu recommend` and `spineedu serve` from a folder outside the repository.

The fresh venv installs the dependencies through pip (with pip's cache warm, as after `make`,
the module takes about a minute). The engine's import pulling in no numpy, matplotlib or PyYAML
is checked on this interpreter too, in a second.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import answers, free_port, stop, wait_until_ready

REPO = Path(__file__).resolve().parent.parent
# the modules of the engine and the explorer that must import without the drawing libraries
LIGHT_MODULES = ["spineedu.engine", "spineedu.knowledge_base", "spineedu.views.plan_html",
                 "spineedu.whatif", "spineedu.input_space", "spineedu.views.compare_html",
                 "spineedu.views.plan_text", "spineedu.views.whatif_text",
                 "spineedu.figures", "spineedu.figures.treatment_matrix"]
HEAVY = ("numpy", "matplotlib", "yaml")
LIGHT_CHECK = (f"import sys; import {', '.join(LIGHT_MODULES)}; "
               f"loaded = [m for m in {HEAVY!r} if m in sys.modules]; "
               "assert not loaded, loaded")


@dataclass
class Installed:
    venv: Path
    elsewhere: Path  # a working directory outside the repository
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(args, cwd=self.elsewhere, env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    @property
    def python(self) -> str:
        return str(self.venv / "bin" / "python")


def outside_env() -> dict[str, str]:
    """This environment without anything that would point back at the checkout."""
    return {key: value for key, value in os.environ.items()
            if not key.startswith(("PYTHON", "SPINEEDU", "JUPYTER", "VIRTUAL_ENV"))}


def source_copy(target: Path) -> Path:
    """The working tree as git sees it (no build/ leftovers, nothing written into the repo)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """`pip wheel` of the working tree, as a user builds it from a clone."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = source_copy(tmp / "source")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp / "dist"), str(source)], check=True, capture_output=True, timeout=300)
    [built] = (tmp / "dist").glob("spineedu-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Installed:
    """The wheel in a fresh venv (not editable), its dependencies from pip's cache or index."""
    tmp = tmp_path_factory.mktemp("installed")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                           "--disable-pip-version-check", str(wheel)],
                          capture_output=True, text=True, timeout=600, env=outside_env())
    assert done.returncode == 0, done.stderr[-3000:]
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    env = {**outside_env(), "HOME": str(tmp / "home"),
           "PATH": os.pathsep.join([str(venv / "bin"), os.environ.get("PATH", "")])}
    return Installed(venv, elsewhere, env)


def test_the_wheel_holds_everything_spineedu_needs(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        lockdown = archive.read("spineedu/voila.json") if (
            "spineedu/voila.json" in names) else None
    packages = sorted(path.parent.relative_to(REPO).as_posix()
                      for path in (REPO / "spineedu").rglob("__init__.py"))
    assert {"spineedu/views", "spineedu/figures", "spineedu/scores", "spineedu/deploy"} <= set(
        packages)
    expected = {
        **{f"{package}/__init__.py": "subpackage" for package in packages},
        **{path.relative_to(REPO).as_posix(): "server page"
           for path in (REPO / "spineedu" / "server_pages").glob("*.html")},
        **{"spineedu/" + path.relative_to(REPO).as_posix(): "content"
           for path in (REPO / "content").rglob("*.yaml")},
        **{f"spineedu/lessons/{path.name}": "lesson"
           for path in (REPO / "notebooks").glob("*.ipynb")},
        **{"spineedu/jupyter_share/" + path.relative_to(REPO / "share" / "jupyter").as_posix():
           "Voilà template or kernel spec"
           for path in (REPO / "share" / "jupyter").rglob("*") if path.is_file()},
        "spineedu/voila.json": "the dashboard's lock-down",
    }
    missing = {name: what for name, what in expected.items() if name not in names}
    assert not missing, missing
    assert "spineedu/jupyter_share/voila/templates/spineedu/index.html.j2" in names
    assert lockdown == (REPO / "voila.json").read_bytes()
    print(f"wheel: {wheel.stat().st_size / 1e6:.2f} MB, {len(names)} files")


def test_recommend_from_outside_the_repository(installed):
    done = installed.run("spineedu", "recommend", "--type", "chordoma", "--stage", "IA")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Chordoma, stage IA")
    assert "First-line:" in done.stdout and "En bloc resection" in done.stdout
    where = installed.run(installed.python, "-c", "import spineedu.package_files as p; "
                          "print(p.CHECKOUT, p.CONTENT)")
    checkout, content = where.stdout.split()
    assert checkout == "None" and Path(content).is_relative_to(installed.venv)


def test_the_dashboard_serves_the_explorer_from_the_wheel(installed, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            ["spineedu", "serve", f"--port={port}", "--no-browser"], cwd=installed.elsewhere,
            env=installed.env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(answers(f"{url}/voila/static/voila.js"), process, log, "spineedu serve")
        with urllib.request.urlopen(f"{url}/", timeout=30) as landing:
            assert landing.status == 200
            assert "02_treatment_explorer.ipynb" in landing.read().decode()
        with urllib.request.urlopen(f"{url}/voila/render/02_treatment_explorer.ipynb",
                                    timeout=120) as response:
            assert response.status == 200
            page = response.read().decode()
        assert "<title>Treatment explorer · SpineEdu" in page  # the project's template
        assert "application/vnd.jupyter.widget-view+json" in page, page[-2000:]  # the explorer
        assert "Traceback" not in page and "ModuleNotFoundError" not in page
        # voila.json was read: the explorer's preheated pool is the lock-down's, not Voilà's
        assert "Kernel pool of 02_treatment_explorer.ipynb is filled" in log.read_text()
    finally:
        stop(process)


def test_the_explorer_and_lessons_work_from_the_wheel(installed):
    done = installed.run(installed.python, "-c", "import spineedu.views.explorer")
    assert done.returncode == 0, done.stderr
    workspace = installed.elsewhere / "workspace"
    done = installed.run(installed.python, "-c", (
        "import sys; from pathlib import Path; from spineedu.lab import prepare_workspace; "
        "print(len(prepare_workspace(Path(sys.argv[1]), data_dir=Path(sys.argv[2])).copied))"),
        str(workspace), str(installed.elsewhere / "jupyter-data"))
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(list((REPO / "notebooks").glob("*.ipynb")))


def test_the_engine_imports_without_the_drawing_libraries_in_the_fresh_venv(installed):
    done = installed.run(installed.python, "-c", LIGHT_CHECK)
    assert done.returncode == 0, done.stderr


def test_the_engine_imports_without_numpy_matplotlib_or_yaml():
    """Here, on this interpreter: a second, in every run."""
    done = subprocess.run([sys.executable, "-c", LIGHT_CHECK], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": os.pathsep.join(
                              filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))})
    assert done.returncode == 0, done.stderr

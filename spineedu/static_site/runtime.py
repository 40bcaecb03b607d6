"""The Python runtime of the static site: Pyodide's core, the wheels, our lock file, the manifest.

Why each piece is the way it is:

- Only the four core files the browser needs are copied from ``node_modules/pyodide`` (the npm
  package, pinned in ``package.json``): no type declarations, source maps, node-only loader or
  demo consoles.
- Pyodide's own ``pyodide-lock.json`` names some 357 packages whose wheels are not in the npm
  package; with it, ``loadPackage`` would go to a CDN. We write our own lock file in its place,
  naming only the wheels we ship (in ``site/wheels/``) with their sha256 and dependencies, so the
  browser resolves dependencies from the lock and checks each wheel's integrity, and never asks
  another host. The lock's ``depends`` are the browser's, not the wheels' metadata: the spineedu
  wheel's metadata asks for numpy, matplotlib and Jupyter, none of which the engine imports.
- The third-party wheels are exact pins with sha256 in ``static/pyodide-requirements.txt``,
  downloaded by pip in hash mode into a cache folder (``.cache/site-wheels/``), so a rebuild or
  a CI run with a warm cache needs no network at all. Each is PyPI's file, unmodified (no
  PyYAML: the content goes as JSON, and the engine imports yaml only to read a file).
- ``manifest.json`` lists every shipped file (path, version, sha256, size, source) so a reviewer
  or a test can check what a visitor downloads; the page builder adds its files with the same
  `ShippedFile` type.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from email.parser import Parser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = REPO / "node_modules" / "pyodide"
REQUIREMENTS = REPO / "static" / "pyodide-requirements.txt"
DEFAULT_CACHE = REPO / ".cache" / "site-wheels"

# what the page loads of the core: the ES module loader, the Emscripten module it imports, the
# interpreter and the standard library. Left out: pyodide.js (the classic-script loader),
# *.d.ts, *.map, console*.html, package.json, README.md and Pyodide's own lock file (replaced).
PYODIDE_CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")

# the interpreter the wheels are for: Pyodide 314 is CPython 3.14 on this Emscripten ABI
PYODIDE_PLATFORM = "pyemscripten_2026_0_wasm32"
PIP_TARGET = (
    f"--platform={PYODIDE_PLATFORM}",
    "--python-version=3.14",
    "--implementation=cp",
    "--abi=cp314",
)
# what each shipped package needs in the browser (names as PEP 503 normalises them); spineedu's
# wheel metadata also asks for numpy, matplotlib and Jupyter, which the engine does not import
BROWSER_DEPENDS: Mapping[str, tuple[str, ...]] = {
    "spineedu": ("pydantic",),
    "pydantic": ("annotated-types", "pydantic-core", "typing-extensions", "typing-inspection"),
    "pydantic-core": ("typing-extensions",),
    "typing-inspection": ("typing-extensions",),
    "annotated-types": (),
    "typing-extensions": (),
}


@dataclass(frozen=True)
class ShippedFile:
    """One file of the site as a visitor downloads it, for ``manifest.json``."""

    path: str  # relative to the site folder, with "/"
    version: str
    sha256: str
    size: int
    source: str  # where it came from, e.g. "npm pyodide 314.0.8", "PyPI pydantic 2.14.4"

    @classmethod
    def of(cls, site: Path, file: Path, version: str, source: str) -> ShippedFile:
        """Describe `file`, which is already in `site`, by its bytes."""
        data = file.read_bytes()
        return cls(
            path=file.relative_to(site).as_posix(),
            version=version,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            source=source,
        )


@dataclass(frozen=True)
class Pin:
    """One line of the requirements file: an exact version and the sha256 pip checks."""

    name: str  # normalised
    version: str
    sha256: str


def normalise(name: str) -> str:
    """PEP 503 name, the key of a Pyodide lock file."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(requirements: Path = REQUIREMENTS) -> list[Pin]:
    """The pins of `requirements` (``name==version --hash=sha256:...``, one hash each)."""
    text = re.sub(r"\\\n", " ", requirements.read_text(encoding="utf-8"))
    pins = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        found = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})", line)
        if found is None:
            raise ValueError(f"{requirements}: not an exact pin with one sha256: {line!r}")
        pins.append(Pin(normalise(found[1]), found[2], found[3]))
    return pins


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cached_file(cache: Path, pin: Pin) -> Path | None:
    """The file of `pin` in `cache` if it is there with the pinned sha256."""
    for file in cache.iterdir():
        if not file.is_file():
            continue
        name = file.name.lower().replace("_", "-")
        if name.startswith(f"{pin.name}-{pin.version}") and sha256_of(file) == pin.sha256:
            return file
    return None


def download_pinned(cache: Path, requirements: Path = REQUIREMENTS) -> dict[str, Path]:
    """Every pinned file in `cache`, by name: pip (hash mode) runs only if one is missing."""
    cache.mkdir(parents=True, exist_ok=True)
    pins = read_pins(requirements)
    if any(cached_file(cache, pin) is None for pin in pins):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--require-hashes", "--only-binary=:all:", *PIP_TARGET,
             "-r", str(requirements), "-d", str(cache)],
            check=True,
        )  # fmt: skip
    files = {}
    for pin in pins:
        file = cached_file(cache, pin)
        if file is None:
            raise RuntimeError(f"pip did not bring {pin.name}=={pin.version} with its sha256")
        files[pin.name] = file
    return files


def _run_quietly(command: list[str], env: Mapping[str, str]) -> None:
    """Run a build and show its output only if it fails (setuptools warns at length)."""
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise subprocess.CalledProcessError(done.returncode, command)


def pyodide_version(package: Path = PYODIDE_PACKAGE) -> str:
    return json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]


def copy_pyodide_core(site: Path, package: Path = PYODIDE_PACKAGE) -> list[ShippedFile]:
    """The core files the page needs, from the npm package into ``site/pyodide/``."""
    if not (package / "package.json").is_file():
        raise FileNotFoundError(f"{package} is missing: run `npm ci` first")
    version = pyodide_version(package)
    target = site / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    shipped = []
    for name in PYODIDE_CORE_FILES:
        copied = Path(shutil.copy2(package / name, target / name))
        shipped.append(ShippedFile.of(site, copied, version, f"npm pyodide {version}"))
    return shipped


def wheel_imports(wheel: Path) -> list[str]:
    """The top-level modules of `wheel` (the lock's ``imports``), from its file list."""
    names = set()
    with zipfile.ZipFile(wheel) as zf:
        for entry in zf.namelist():
            top, _, rest = entry.partition("/")
            if top.endswith((".dist-info", ".data")):
                continue
            if rest:
                names.add(top)
            elif top.endswith(".py"):
                names.add(top[:-3])
    return sorted(names)


def wheel_name_version(wheel: Path) -> tuple[str, str]:
    """Name and version from the wheel's own METADATA."""
    with zipfile.ZipFile(wheel) as zf:
        metadata = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        headers = Parser().parsestr(zf.read(metadata).decode("utf-8"), headersonly=True)
    return normalise(headers["Name"]), headers["Version"]


def write_lock(site: Path, wheels: Iterable[ShippedFile],
               package: Path = PYODIDE_PACKAGE) -> ShippedFile:  # fmt: skip
    """Our ``site/pyodide/pyodide-lock.json``: only the shipped wheels, so nothing goes to a CDN.

    ``info`` is Pyodide's own (the ABI version must match the core's); ``file_name`` is relative
    to the lock's folder, and ``sha256`` makes the browser check each wheel (subresource
    integrity) before installing it.
    """
    upstream = json.loads((package / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = {}
    for shipped in wheels:
        wheel = site / shipped.path
        name, version = wheel_name_version(wheel)
        depends = BROWSER_DEPENDS.get(name)
        if depends is None:
            raise KeyError(f"{name}: say in BROWSER_DEPENDS what it needs in the browser")
        packages[name] = {
            "name": name,
            "version": version,
            "file_name": f"../{shipped.path}",
            "install_dir": "site",
            "sha256": shipped.sha256,
            "package_type": "package",
            "imports": wheel_imports(wheel),
            "depends": list(depends),
            "unvendored_tests": False,
        }
    missing = {d for p in packages.values() for d in p["depends"]} - packages.keys()
    if missing:
        raise ValueError(f"the lock names dependencies that are not shipped: {sorted(missing)}")
    lock = site / "pyodide" / "pyodide-lock.json"
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text(
        json.dumps({"info": upstream["info"], "packages": dict(sorted(packages.items()))},
                   indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    version = pyodide_version(package)
    return ShippedFile.of(site, lock, version, f"written for npm pyodide {version}")


def copy_runtime(site: Path, cache: Path = DEFAULT_CACHE,
                 requirements: Path = REQUIREMENTS) -> list[ShippedFile]:  # fmt: skip
    """Pyodide's core into ``site/pyodide/`` and the pinned wheels into ``site/wheels/``.

    The lock file is not written here: it needs the spineedu wheel too, so call `write_lock`
    with every wheel once `build_project_wheel` has run (`ship_python` does all of it).
    """
    shipped = copy_pyodide_core(site)
    wheels = site / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    pins = {pin.name: pin for pin in read_pins(requirements)}
    for name, file in download_pinned(cache, requirements).items():
        pin = pins[name]
        copied = Path(shutil.copy2(file, wheels / file.name))
        shipped.append(ShippedFile.of(site, copied, pin.version, f"PyPI {name} {pin.version}"))
    return shipped


def build_project_wheel(dest: Path, project: Path = REPO) -> ShippedFile:
    """The spineedu wheel, built from the repository into `dest` (``site/wheels/``).

    With pip's build isolation, which brings setuptools>=68 (pyproject.toml) from PyPI or pip's
    cache: the project venv has an older setuptools and no ``wheel``, so
    ``--no-build-isolation`` fails there (``invalid command 'bdist_wheel'``).
    SOURCE_DATE_EPOCH (the last commit's time) keeps the zip's timestamps stable.
    """
    dest.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    commit_time = subprocess.run(
        ["git", "-C", str(project), "log", "-1", "--format=%ct"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    if commit_time:
        env.setdefault("SOURCE_DATE_EPOCH", commit_time)
    with tempfile.TemporaryDirectory() as tmp:
        _run_quietly(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
             "--no-deps", str(project), "-w", tmp],
            env=env,
        )  # fmt: skip
        (built,) = Path(tmp).glob("spineedu-*.whl")
        for old in dest.glob("spineedu-*.whl"):
            old.unlink()
        wheel = code_only(built, dest / built.name)
    _, version = wheel_name_version(wheel)
    site = dest.parent
    return ShippedFile.of(site, wheel, version, f"built from this repository, spineedu {version}"
                          " (its Python code only: the site ships the content as JSON)")


BROWSER_LEAVES_OUT = ("spineedu/content/", "spineedu/lessons/", "spineedu/jupyter_share/",
                      "spineedu/server_pages/", "spineedu/voila.json")


def code_only(wheel: Path, target: Path) -> Path:
    """The wheel without its data (content YAML, lessons, Voilà templates: a megabyte the
    browser never reads), its RECORD rewritten to match; entries keep their zip timestamps."""
    import base64

    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(
            target, "w", zipfile.ZIP_DEFLATED) as out:
        record_name = next(n for n in source.namelist() if n.endswith(".dist-info/RECORD"))
        lines = []
        for info in source.infolist():
            if info.filename == record_name or info.filename.startswith(BROWSER_LEAVES_OUT):
                continue
            data = source.read(info)
            out.writestr(info, data, zipfile.ZIP_DEFLATED)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            lines.append(f"{info.filename},sha256={digest.decode()},{len(data)}")
        record = source.getinfo(record_name)
        out.writestr(record, "\n".join([*lines, f"{record_name},,"]) + "\n",
                     zipfile.ZIP_DEFLATED)
    return target


def write_manifest(site: Path, files: Iterable[ShippedFile]) -> Path:
    """``site/manifest.json``: every shipped file, sorted by path, and their total size."""
    entries = sorted((asdict(f) for f in files), key=lambda e: e["path"])
    paths = [e["path"] for e in entries]
    if len(set(paths)) != len(paths):
        raise ValueError("a path is in the manifest twice")
    manifest = site / "manifest.json"
    manifest.write_text(
        json.dumps({"files": entries, "total_bytes": sum(e["size"] for e in entries)}, indent=1)
        + "\n",
        encoding="utf-8",
    )
    return manifest


def ship_python(site: Path, cache: Path = DEFAULT_CACHE) -> list[ShippedFile]:
    """All of the Python side of the site: core, wheels, the spineedu wheel and our lock file."""
    shipped = copy_runtime(site, cache)
    shipped.append(build_project_wheel(site / "wheels"))
    wheels = [f for f in shipped if f.path.endswith(".whl")]
    shipped.append(write_lock(site, wheels))
    return shipped

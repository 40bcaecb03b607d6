"""What goes into the wheel: every subpackage, the page templates, and copies of content/,
notebooks/, share/jupyter and voila.json inside the package.

Those folders stay where educators, docs, tests and git revisions (spineedu/content_source.py)
expect them; the wheel maps them to spineedu/content, spineedu/lessons, spineedu/jupyter_share
and spineedu/voila.json, and spineedu/package_files.py finds either layout. voila.json stays at
the root too, where Voilà run from a checkout (Binder) reads it.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

MAPPED = {"spineedu.content": "content", "spineedu.lessons": "notebooks",
          "spineedu.jupyter_share": "share/jupyter"}
SKIP = ["*__pycache__*"]  # folders with a dot (.ipynb_checkpoints) are never packages


def packages() -> list[str]:
    """Every folder, data folders included (setuptools warns about a data folder left out)."""
    found = find_namespace_packages(include=["spineedu", "spineedu.*"], exclude=SKIP)
    for name, folder in MAPPED.items():
        found += [name, *(f"{name}.{sub}" for sub in find_namespace_packages(folder, exclude=SKIP))]
    return found


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "spineedu"
        target.mkdir(parents=True, exist_ok=True)
        self.copy_file("voila.json", str(target / "voila.json"))


setup(
    packages=packages(),
    package_dir=MAPPED,
    package_data={
        "spineedu": ["server_pages/*.html"],
        "spineedu.content": ["**/*.yaml"],
        "spineedu.lessons": ["*.ipynb"],  # the lessons need nothing else
        "spineedu.jupyter_share": ["**/*"],
    },
    cmdclass={"build_py": BuildPy},
)

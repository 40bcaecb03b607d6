"""environment.yml (conda, Binder) and pyproject.toml (pip) declare the same packages."""

from __future__ import annotations

import re
import sys

import yaml
from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

NOT_PACKAGES = {"python", "pip"}


def normalise(requirement: str) -> str:
    """'PyYAML >= 6.0 ; python_version < "3.11"' -> 'pyyaml>=6.0': conda has no markers."""
    requirement = requirement.split(";")[0].replace(" ", "").lower()
    return re.sub(r"[-_.]+(?=[a-z])", "-", requirement)


def pyproject_requirements() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return {normalise(r) for r in requirements}


def conda_requirements() -> set[str]:
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    requirements = set()
    for item in environment["dependencies"]:
        if isinstance(item, dict):  # the pip: section installs the project itself
            requirements |= {normalise(r) for r in item["pip"] if not r.startswith("-")}
        elif re.split(r"[<>=!]", item)[0] not in NOT_PACKAGES:
            requirements.add(normalise(item))
    return requirements


def test_environment_and_pyproject_declare_the_same_packages():
    assert conda_requirements() == pyproject_requirements()


def test_environment_pins_a_python_the_project_supports():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    assert f"python{project['requires-python']}" in environment["dependencies"]

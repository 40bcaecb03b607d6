"""A pytest plugin: what a failing lesson tells the person who ran the tests.

nbval reports a stored output that differs from a fresh run as "Notebook cell execution failed
... Cell outputs differ", which reads like a crash and does not say what to do. After a content
change that is the usual failure, and the fix is to regenerate the lessons. So each failing cell
of a lesson gets a first line in plain words naming the lesson and the command
(`spineedu.notebook_outputs.regenerate_hint`; it is also what the short summary shows), and the
end of the run lists the lessons once, with their failing cells.

pyproject.toml loads it for every run (`-p spineedu.pytest_lessons` in addopts). A plugin rather
than a conftest.py: tests/conftest.py is not read for notebooks/, one in notebooks/ would sit
among the students' lessons, and one at the repository root would be a second module named
`conftest` beside the one the tests import.
"""

from __future__ import annotations

import pytest

from spineedu.notebook_outputs import regenerate_hint

FAILED_LESSONS = pytest.StashKey[dict]()


def _lesson(item: pytest.Item) -> str | None:
    """The lesson an nbval item is a cell of (notebooks/06_cases.ipynb), else None."""
    path = item.nodeid.split("::")[0]
    return path if path.endswith(".ipynb") else None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    lesson = _lesson(item)
    if lesson is None or not report.failed or call.when != "call":
        return
    hint = regenerate_hint(lesson, str(call.excinfo.value) if call.excinfo else "")
    if isinstance(report.longrepr, str):  # nbval's report is text
        report.longrepr = f"{hint}\n\n{report.longrepr}"
    else:
        report.sections.append(("What to do", hint))
    cells = item.config.stash.setdefault(FAILED_LESSONS, {}).setdefault((lesson, hint), [])
    cells.append(item.nodeid.split("::")[-1])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    failed = config.stash.get(FAILED_LESSONS, {})
    if not failed:
        return
    terminalreporter.section("Lessons that did not run as stored")
    for (_lesson, hint), cells in failed.items():
        terminalreporter.write_line(f"{hint} ({', '.join(cells)})")

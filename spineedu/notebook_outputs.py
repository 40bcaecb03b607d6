"""The lessons' stored outputs in a stable form: regenerating a lesson changes only what changed.

`make notebooks` re-runs every lesson with nbconvert and then runs this module on them
(`python -m spineedu.notebook_outputs notebooks/*.ipynb`). A fresh run differs from the last one
in three ways that have nothing to do with the content, and without this step a one-line change
in one plan became a diff of thousands of lines over all ten lessons:

- **widget model ids**: ipywidgets names every model with a random `uuid4().hex`, and the saved
  widget state is a mapping keyed by those ids (nbformat writes it sorted, so every new set of
  ids also reorders the whole state). Each model is renamed here after *where it sits*: the id of
  the cell that displays it, the output's index, and the path of attributes from that output's
  widget down to the model (`children/2/layout`), hashed into the same 32 hex digits ipywidgets
  uses (uuid5), so every widget manager and tool that expects a uuid-shaped id still gets one.
  The new id replaces the old one everywhere in the notebook at once: the state's keys, every
  `IPY_MODEL_...` reference inside the state, the outputs' `model_id` (also inside the outputs an
  Output widget keeps), so JupyterLab still draws the stored widgets from the saved state. Naming
  by place rather than by order means a widget added to one panel renames nothing outside it;
  naming by content would give two identical models (two empty layouts) one id.
- **execution timestamps** (`metadata.execution` of every cell, written by nbclient): dropped.
- **machine details**: the Python patch version in `language_info` (an educator on another
  Python would otherwise rewrite every lesson's metadata); and an Output widget's `msg_id`,
  the id of a kernel message that no longer exists once the notebook is saved.

What students and the tests need is kept as it was: every output, figure and widget state, the
cells' tags and the execution counts (nbval compares only cells that have an execution count, so
clearing them would silently turn the comparison off). Execution counts, PNG bytes and the
rest of the outputs are already the same from run to run on one machine. The transform is
idempotent, and `--check` says which lessons are not in this form without changing them.

Voilà re-executes a lesson and ignores what is stored, and nbval never compares widget views
(`application/vnd.jupyter.widget-view+json`, whose ids are random in its fresh run too) nor
metadata, so neither needs anything here, nor a rule in tests/nbval-sanitize.cfg.

`regenerate_hint` is the plain line a failing nbval cell of a lesson adds to its report
(spineedu/pytest_lessons.py): which lesson, and what to run.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
REFERENCE = "IPY_MODEL_"
# the namespace of SpineEdu's stored widget ids (uuid5 of the model's place in the notebook)
NAMESPACE = uuid.UUID("5b1f0e6c-2d8a-4c1e-9a57-3e0d6f1c2b7a")

Notebook = dict[str, Any]


def _widget_state(notebook: Notebook) -> dict[str, Any]:
    return notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


def _displayed(outputs: list[Any]) -> Iterator[tuple[str, str]]:
    """(place, model id) of every widget view in a list of outputs."""
    for index, output in enumerate(outputs):
        if isinstance(output, dict):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and isinstance(view.get("model_id"), str):
                yield str(index), view["model_id"]


def _references(value: Any, place: str) -> Iterator[tuple[str, str]]:
    """(place, model id) of every model a widget's state refers to, in a stable order: the
    state's keys sorted, lists in order, an Output widget's outputs by their widget views."""
    if isinstance(value, str):
        if value.startswith(REFERENCE):
            yield place, value[len(REFERENCE):]
    elif isinstance(value, dict):
        view = value.get("data", {}).get(WIDGET_VIEW) if "output_type" in value else None
        if isinstance(view, dict) and isinstance(view.get("model_id"), str):
            yield place, view["model_id"]
        for key in sorted(value):
            yield from _references(value[key], f"{place}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _references(item, f"{place}/{index}")


def stable_ids(notebook: Notebook) -> dict[str, str]:
    """Every stored widget model's id -> its id after its place in the notebook (see above)."""
    state = _widget_state(notebook)
    places: dict[str, str] = {}  # model id -> the first place it was met

    def visit(model_id: str, place: str) -> None:
        pending = [(model_id, place)]
        while pending:
            current, where = pending.pop()
            if current in places:
                continue
            places[current] = where
            model = state.get(current)
            if isinstance(model, dict):
                found = [(child, place) for place, child
                         in _references(model.get("state", {}), where)]
                pending.extend(reversed(found))  # depth first, in the state's order

    for position, cell in enumerate(notebook.get("cells", [])):
        cell_name = cell.get("id") or f"cell-{position}"
        for index, model_id in _displayed(cell.get("outputs", [])):
            visit(model_id, f"{cell_name}/{index}")
    # a model no displayed widget leads to (a link, a widget built and never shown): named after
    # its kind and its state with its references left out, numbered when several are alike
    unplaced = [model_id for model_id in state if model_id not in places]
    seen: dict[str, int] = {}
    for model_id in sorted(unplaced, key=lambda m: (_unplaced_key(state[m]), m)):
        if model_id in places:
            continue
        key = _unplaced_key(state[model_id])
        seen[key] = seen.get(key, 0) + 1
        visit(model_id, f"unplaced/{key}/{seen[key]}")
    return {model_id: uuid.uuid5(NAMESPACE, place).hex for model_id, place in places.items()}


def _unplaced_key(model: Any) -> str:
    text = json.dumps(model, sort_keys=True)
    return re.sub(REFERENCE + r"[^\"]*", REFERENCE, text)


def _renamed(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        if value.startswith(REFERENCE) and value[len(REFERENCE):] in ids:
            return REFERENCE + ids[value[len(REFERENCE):]]
        return value
    if isinstance(value, dict):
        renamed = {key: _renamed(item, ids) for key, item in value.items()}
        if isinstance(renamed.get("model_id"), str) and renamed["model_id"] in ids:
            renamed["model_id"] = ids[renamed["model_id"]]
        return renamed
    if isinstance(value, list):
        return [_renamed(item, ids) for item in value]
    return value


def normalise(notebook: Notebook) -> Notebook:
    """The notebook in the stable form described above (a new dict; the argument is kept)."""
    result = copy.deepcopy(notebook)
    ids = stable_ids(result)
    for cell in result.get("cells", []):
        cell.get("metadata", {}).pop("execution", None)
        if "outputs" in cell:
            cell["outputs"] = _renamed(cell["outputs"], ids)
    metadata = result.get("metadata", {})
    metadata.get("language_info", {}).pop("version", None)
    holder = metadata.get("widgets", {}).get(WIDGET_STATE)
    if isinstance(holder, dict) and isinstance(holder.get("state"), dict):
        state = {}
        for model_id, model in holder["state"].items():
            model = _renamed(model, ids)
            if model.get("model_name") == "OutputModel" and model.get("state", {}).get("msg_id"):
                model["state"]["msg_id"] = ""
            state[ids.get(model_id, model_id)] = model
        holder["state"] = dict(sorted(state.items()))
    return result


def _text(notebook: Notebook) -> str:
    """The notebook as nbformat writes it (and so as nbconvert and JupyterLab save it)."""
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def normalise_file(path: Path, check: bool = False) -> bool:
    """Put one notebook file in the stable form; True when it was not (and, unless `check`,
    is now)."""
    before = path.read_text(encoding="utf-8")
    after = _text(normalise(json.loads(before)))
    if after == before:
        return False
    if not check:
        path.write_text(after, encoding="utf-8")
    return True


def regenerate_hint(lesson: str, message: str) -> str:
    """The plain line a failing nbval cell of `lesson` (a path such as notebooks/06_cases.ipynb)
    adds to its report; `message` is nbval's own reason for the failure."""
    if "outputs differ" in message:
        return (f"Lesson {lesson}: its stored outputs differ from a fresh run. If you changed "
                "content/, run `make notebooks` and commit the lessons (check the diff shows "
                "only what your change should change). If you did not, read the difference "
                "below: the code or an installed package changed what the lesson shows.")
    if "exception" in message or "Timeout" in message:
        return (f"Lesson {lesson}: a cell failed when the lesson was run fresh (its error is "
                "below). If you changed content/, the change removed or broke something the "
                "lesson uses: fix the content or the lesson, then run `make notebooks` and "
                "commit the lessons. `make notebooks` alone does not fix this.")
    return (f"Lesson {lesson}: it did not run as stored ({message.strip() or 'see below'}). "
            "If you changed content/, run `make notebooks` and commit the lessons.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m spineedu.notebook_outputs",
        description="Put lessons in the stable form `make notebooks` stores: widget ids after "
                    "their place, no execution timestamps.")
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 naming the notebooks not in that form")
    options = parser.parse_args(argv)
    changed = [path for path in options.notebooks if normalise_file(path, check=options.check)]
    for path in changed:
        print(f"{path}: {'not in the stable form' if options.check else 'normalised'}")
    if options.check and changed:
        print("Run `make notebooks` (or python -m spineedu.notebook_outputs on them) and commit.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

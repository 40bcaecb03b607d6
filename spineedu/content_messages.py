"""What a content problem says, in the words of the person who made it.

The educator who edits `content/` is a clinician at home in a text editor, not a programmer: a
message says what is wrong and how to fix it, and never shows a regular expression, a Python
class or an exception name. This module turns what the YAML reader and pydantic report into
such sentences, and reads a YAML file so that whatever stops it is one located problem.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from spineedu.nearest import closest_id

if typing.TYPE_CHECKING:
    import yaml

DEFINED_ID = re.compile(r"""^[ \t]*(?:-[ \t]+)?id:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9_-]*)""",
                        re.M)
"""An `id:` line: the ids a file defines, recovered from a file that cannot be parsed."""


def unknown_id(what: str, value: str, known: Iterable[str], *, listed: bool = False,
               scope: str = "") -> str:
    """`unknown <what> '<value>' [for <scope>]`, with the id it probably meant; with `listed`,
    the few allowed values when none is close (the stages and subtypes of a type)."""
    known = list(known)
    message = f"unknown {what} '{value}'" + (f" for {scope}" if scope else "")
    guess = closest_id(str(value), known)
    if guess is not None:
        return f"{message}: did you mean '{guess}'?"
    if listed and known:
        return f"{message}; the {what}s there are {', '.join(known)}"
    return f"{message}: no {what} has this id or one like it (check the spelling)"


REVIEW_RECORD = ("last_reviewed", "reviewed_by", "review_due")


def _fields_in_writing_order(model: type) -> list[str]:
    """A model's fields as an entry is written: the review record (inherited, so first in
    pydantic's order) last."""
    fields = list(model.model_fields)  # type: ignore[attr-defined]
    return [f for f in fields if f not in REVIEW_RECORD] + [f for f in fields if f in REVIEW_RECORD]


def today_somewhere() -> dt.date:
    """Today where the calendar is furthest ahead (UTC+14): a date written today anywhere on
    Earth is never "after today" on a CI machine whose clock or time zone is behind."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()


def future_date(date: dt.date, today: dt.date) -> str:
    return (f"{date.isoformat()} is after today ({today.isoformat()}): write the date a person "
            "last checked the entry against its sources")


# --- reading a file ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadProblem:
    """Why a file could not be read, where, and the ids it seems to define (to fold the errors
    its absence causes elsewhere under this one)."""

    message: str
    defined_ids: frozenset[str]


def _tab_in_indent(lines: list[str], *numbers: int) -> int | None:
    for number in numbers:
        if 0 <= number < len(lines):
            line = lines[number]
            if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
                return number
    return None


YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "a ':' where YAML does not expect one: put text that "
     "contains ': ' in quotes (reason: \"...\"), or line the key up with the keys above it"),
    ("could not find expected ':'", "a line that is not 'key: value' where one was expected: "
     "add the missing ':' or put the text in quotes"),
    ("expected <block end>", "this line is indented differently from the lines beside it: "
     "line it up with the other keys of its entry"),
    ("did not find expected key", "this line is indented differently from the lines beside "
     "it: line it up with the other keys of its entry"),
    ("did not find expected '-' indicator", "this list item is indented differently from the "
     "items above it: line its '-' up with theirs"),
    ("expected ',' or ']'", "a list opened with '[' is not closed with ']', or two of its items "
     "lack a ',' between them"),
    ("expected ',' or '}'", "a '{' is not closed with '}', or two of its fields lack a ',' "
     "between them"),
    ("found unexpected end of stream", "a quote (\" or ') is opened and never closed"),
    ("found undefined alias", "'*name' refers to no '&name' written above it"),
    ("found unknown escape character", "a backslash inside double quotes: use single quotes, or "
     "write two backslashes"),
    ("cannot start any token", "a value cannot start with this character: put the text in "
     "quotes"),
    ("found duplicate anchor", "two '&name' anchors share a name: rename one"),
)


OPENED_HERE = ("expected ',' or ']'", "expected ',' or '}'", "found unexpected end of stream")


def _plain_yaml_problem(error: yaml.YAMLError, text: str) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = str(getattr(error, "problem", None) or "")
    lines = text.splitlines()
    if mark is not None:
        tab = _tab_in_indent(lines, mark.line, mark.line - 1)
        if tab is not None or "tab" in problem or "'\\t'" in problem:
            line = mark.line if tab is None else tab
            return (f"line {line + 1}: a tab character; YAML indents with spaces only: "
                    "replace the tab with spaces (set your editor to insert spaces)")
        opened = getattr(error, "context_mark", None)
        if opened is not None and any(k in problem for k in OPENED_HERE):
            mark = opened  # where the bracket or quote that is never closed was opened
        where = f"line {mark.line + 1}, column {mark.column + 1}"
    else:
        where = "somewhere"
    for known, plain in YAML_PROBLEMS:
        if known in problem:
            return f"{where}: {plain}"
    return f"{where}: {problem or 'the YAML cannot be read'}"


def read_yaml(path: Path) -> tuple[Any, ReadProblem | None]:
    """The parsed file, or why it cannot be read: one plain sentence with its line and column."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, ReadProblem(f"cannot be read: {error.strerror or 'no access'}", frozenset())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        meant = bytes([byte]).decode("cp1252", errors="replace")
        guess = f" (probably '{meant}' saved as Windows-1252 or Latin-1)" if meant.isalpha() else ""
        message = (f"line {line}, column {column}: byte 0x{byte:02x} is not UTF-8 text{guess}: "
                   "save the file as UTF-8 in your editor")
        recovered = data.decode("utf-8", errors="replace")
        return None, ReadProblem(message, frozenset(DEFINED_ID.findall(recovered)))
    import yaml  # here: the engine and views run on parsed data without PyYAML

    # the C loader is several times faster; fall back where libyaml is missing
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader), None
    except yaml.YAMLError as error:
        message = f"not valid YAML: {_plain_yaml_problem(error, text)}"
        return None, ReadProblem(message, frozenset(DEFINED_ID.findall(text)))


def committed_ids(path: Path) -> frozenset[str] | None:
    """The ids the last commit's version of an (emptied) file defined; None outside git."""
    try:
        done = subprocess.run(["git", "-C", str(path.parent), "show", f"HEAD:./{path.name}"],
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return frozenset(DEFINED_ID.findall(done.stdout))


# --- what pydantic reports, in plain words -----------------------------------------------------

def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (directly, in a tuple or dict, or optional), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def model_at(root: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model that holds the fields at `path` (a pydantic error location) under `root`."""
    model: type[BaseModel] | None = root
    for part in path:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _model_in(model.model_fields[part].annotation)
    return model


def _value_at(raw: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        if isinstance(raw, dict):
            raw = raw.get(part)
        elif isinstance(raw, list) and isinstance(part, int) and part < len(raw):
            raw = raw[part]
        else:
            return None
    return raw


DATE_FORMS = (
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
)


def _date_message(value: Any) -> str:
    text = str(value).strip()
    for pattern, order in DATE_FORMS:
        found = pattern.match(text)
        if not found:
            continue
        parts = dict(zip(order, (int(g) for g in found.groups()), strict=True))
        readings = []
        for day, month in ((parts["d"], parts["m"]), (parts["m"], parts["d"])):
            try:
                date = dt.date(parts["y"], month, day)
            except ValueError:
                continue
            if date.isoformat() not in [r[0] for r in readings]:
                readings.append((date.isoformat(), date.strftime("%-d %B %Y")))
            if order[0] == "y":
                break
        if len(readings) == 1:
            return (f"'{text}' is not a date written YYYY-MM-DD: write {readings[0][0]}")
        if readings:
            options = " or ".join(f"{iso} ({words})" for iso, words in readings)
            return f"'{text}' is not a date written YYYY-MM-DD: write {options}"
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return f"'{text}' is not a real date: write YYYY-MM-DD with a month 01-12 and a valid day"
    return f"'{text}' is not a date written YYYY-MM-DD (for example 2026-12-03)"


def _slug(value: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", value.lower()))


def _pattern_message(field: str, value: Any) -> str:
    text = str(value).strip()
    if field == "doi":
        found = re.search(r"10\.\d{4,9}/\S+", text)
        if found and found.start() > 0:
            return (f"a DOI is written without '{text[:found.start()]}' in front: write "
                    f"doi: {found.group(0)}")
        return ("not a DOI: a DOI starts with '10.', then the publisher's number and '/' "
                "(for example 10.1634/theoncologist.2012-0293)")
    if field == "pmid":
        digits = re.sub(r"\D", "", text)
        if digits and len(digits) <= 9:
            return f"a PMID is only its digits: write pmid: \"{digits}\""
        return "not a PMID: a PMID is up to nine digits (for example \"23709750\")"
    if field == "url":
        if text.startswith("http://"):
            return f"a URL here starts with https://: write url: https://{text[7:]}"
        if " " in text:
            return "a URL has no spaces: copy it again from the browser's address bar"
        return "a URL here starts with https:// (copy it from the browser's address bar)"
    if field == "id":
        suggestion = _slug(text)
        return ("an id is lower-case letters and digits joined by single hyphens"
                + (f": write '{suggestion}'" if suggestion and suggestion != text else ""))
    return "not in the form this field takes (see docs/content-guide.md)"


def _plain(detail: dict[str, Any], raw_value: Any) -> str:
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    value = detail.get("input", raw_value)
    loc = detail["loc"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return f"required field is missing: add '{field}:'" if field else (
            "required field is missing")
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        allowed = re.findall(r"'([^']*)'", expected)
        if isinstance(value, int | float) and not isinstance(value, bool) and (
                str(value) in allowed):
            if field == "escc":
                example = '["2", "3"]' if loc and isinstance(loc[-1], int) else f'"{value}"'
                return (f"ESCC grades are text: put them in quotes, for example escc: {example} "
                        f"(YAML reads an unquoted {value} as a number)")
            return f"write the value in quotes: \"{value}\" (YAML reads it as a number)"
        guess = closest_id(str(value), allowed) if value is not None else None
        hint = f" did you mean '{guess}'?" if guess else ""
        return f"'{value}' is not allowed here:{hint} write one of {expected}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return _date_message(value)
    if kind == "string_pattern_mismatch":
        return _pattern_message(field, value)
    if kind in ("model_type", "model_attributes_type", "dict_type", "mapping_type"):
        if value is None:
            return (f"'{field}:' has no value: write its fields on the lines below it, "
                    "indented two spaces more than it")
        if not loc or isinstance(loc[-1], int):
            return (f"an entry is a set of 'key: value' lines after a '- ', not '{value}'")
        return f"must be a set of 'key: value' lines indented under it, not '{value}'"
    if kind in ("tuple_type", "list_type", "sequence_type", "set_type"):
        if value is None:
            return "has no value: write a list, [a, b] or one '- item' a line below it"
        if isinstance(value, dict):
            return "must be a list, each item on a line starting with '- ', not 'key: value' lines"
        return f"must be a list: write [{value}] (or one '- item' a line below it)"
    if kind in ("too_short", "too_long"):
        least = ctx.get("min_length")
        most = ctx.get("max_length")
        if kind == "too_short":
            return f"needs at least {least} item{'s' if least != 1 else ''}"
        return f"has too many items: at most {most}"
    if kind == "string_too_short":
        least = ctx.get("min_length")
        return f"is too short: write at least {least} characters (it has {len(str(value))})"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind in ("string_type", "string_sub_type"):
        return f"must be text, not '{value}' (put it in quotes)"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"must be a whole number, not '{value}'"
    if kind in ("float_parsing", "float_type"):
        return f"must be a number, not '{value}'"
    if kind in ("bool_parsing", "bool_type"):
        return f"must be true or false, not '{value}'"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{value} is too low: at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{value} is too high: at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        error = ctx.get("error")
        return str(error) if error is not None else detail["msg"].removeprefix("Value error, ")
    message = str(detail["msg"])
    return re.sub(r"\binstance of \w+", "a set of 'key: value' lines", message)


def plain_errors(root: type[BaseModel], raw: Any, error: ValidationError
                 ) -> list[tuple[str, str]]:
    """(field, message) for every error of one entry, in plain words.

    Children de-indented under a key (`when:` on one line, `types: [...]` on the next at the
    same indentation) read as an empty `when` and unknown fields beside it: that is one mistake,
    said once, at the key.
    """
    details = error.errors(include_url=False)
    dedented: dict[tuple[Any, ...], list[str]] = {}
    for detail in details:
        if detail["type"] != "extra_forbidden":
            continue
        *prefix, name = detail["loc"]
        parent = _value_at(raw, tuple(prefix))
        if not isinstance(parent, dict):
            continue
        for key, value in parent.items():
            child = model_at(root, (*prefix, key)) if value is None else None
            if child is not None and name in child.model_fields:
                dedented.setdefault((*prefix, key), []).append(str(name))
                break
    skipped = {(*key[:-1], name) for key, names in dedented.items() for name in names}
    skipped |= set(dedented)
    found: list[tuple[str, str]] = []
    for key, names in dedented.items():
        listed = ", ".join(f"'{name}'" for name in names)
        found.append((".".join(str(p) for p in key),
                      f"'{key[-1]}:' is empty and {listed} below it are not indented under it: "
                      f"indent them two spaces more than '{key[-1]}:'"))
    for detail in details:
        loc = tuple(detail["loc"])
        if loc in skipped:
            continue
        field = ".".join(str(p) for p in loc)
        if detail["type"] == "extra_forbidden":
            model = model_at(root, loc[:-1])
            allowed = _fields_in_writing_order(model) if model is not None else []
            name = str(loc[-1]) if loc else ""
            guess = closest_id(name, allowed) if allowed else None
            message = f"unknown field '{name}'"
            if guess:
                message += f": did you mean '{guess}'?"
            if allowed:
                message += f"{' The' if guess else '; the'} fields allowed here are "
                message += ", ".join(allowed)
            else:
                message += " (check its spelling in docs/content-guide.md)"
            found.append((field, message))
            continue
        found.append((field, _plain(detail, _value_at(raw, loc))))
    return found

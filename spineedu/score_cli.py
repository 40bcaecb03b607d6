"""`spineedu score ...`: the calculators from a terminal, their options built from the tables.

An impossible value exits 2 with one line naming the option and its allowed values.
"""

from __future__ import annotations

import argparse
import json
import sys

from spineedu.knowledge_base import ContentError
from spineedu.scores.calculate import (
    ScoreInputError,
    ScoreResult,
    additive_score,
    classify,
    noms_decision,
)
from spineedu.scores.tables import AdditiveScore, Classification, Decision, default_tables
from spineedu.views.score_text import format_score
from spineedu.whole_number import shown, whole_number

EXIT_OK, EXIT_USAGE = 0, 2
CLASSIFICATION_OPTION = {"escc": "grade", "enneking": "stage", "ecog": "grade",
                         "frankel": "grade", "asia": "grade"}


def add_score_parsers(subcommands: argparse._SubParsersAction) -> None:
    score = subcommands.add_parser("score", help="compute a published score or classification")
    scores = score.add_subparsers(dest="score", required=True, metavar="SCORE")
    try:
        tables = default_tables()
    except ContentError:  # `spineedu validate` must still run and say what is wrong
        return
    for table in tables.values():
        if isinstance(table, AdditiveScore):
            parser = scores.add_parser(table.id, help=table.name,
                                       description=table.description.replace("%", "%%"))
            for item in table.items:
                allowed = (", ".join(f"{o.label}" for o in item.options) if item.counts
                           else "|".join(o.id for o in item.options))
                parser.add_argument(f"--{item.id}", required=True, metavar="N" if item.counts
                                    else "VALUE",
                                    help=f"{item.name}: {allowed}".replace("%", "%%"))
        elif isinstance(table, Classification):
            parser = scores.add_parser(table.id, help=table.name, description=table.description)
            option = CLASSIFICATION_OPTION.get(table.id, "grade")
            parser.add_argument(f"--{option}", dest="grade", required=True,
                                help="|".join(g.id for g in table.grades))
        elif isinstance(table, Decision):
            parser = scores.add_parser(table.id, help=table.name, description=table.description)
            parser.add_argument("--escc", required=True, help="Bilsky grade 0|1a|1b|1c|2|3")
            origin = parser.add_mutually_exclusive_group(required=True)
            origin.add_argument("--type", dest="type_id", metavar="ID",
                                help="a metastatic or haematological cancer type (its "
                                     "radiosensitivity is used)")
            origin.add_argument("--histology", help="radiosensitive|radioresistant")
            parser.add_argument("--sins", help="SINS 0-18 (mechanical stability)")
            parser.add_argument("--fit", action=argparse.BooleanOptionalAction, required=True,
                                help="fit for surgery (--fit) or not (--no-fit)")
            parser.add_argument("--myelopathy", action=argparse.BooleanOptionalAction,
                                default=None, help="myelopathy or radiculopathy present")
        else:
            continue  # a map to look at (WBB), not a score to compute
        parser.add_argument("--json", action="store_true")


def _number_or_text(value: str | None) -> int | str | None:
    """A whole number, or the text as typed for the calculator to refuse by name."""
    if value is None:
        return None
    try:
        return whole_number(value)
    except ValueError:
        return value


def compute(args: argparse.Namespace) -> ScoreResult:
    table = default_tables()[args.score]
    if isinstance(table, AdditiveScore):
        inputs = {item.id.replace("-", "_"):
                  _number_or_text(getattr(args, item.id.replace("-", "_")))
                  if item.counts else getattr(args, item.id.replace("-", "_"))
                  for item in table.items}
        return additive_score(table.id, **inputs)
    if isinstance(table, Classification):
        return classify(table.id, args.grade)
    return noms_decision(escc=args.escc, fit=args.fit, histology=args.histology,
                         type_id=args.type_id, sins=_number_or_text(args.sins),
                         myelopathy=args.myelopathy)


def run_score(args: argparse.Namespace) -> int:
    try:
        result = compute(args)
    except ScoreInputError as error:
        option = {"type": "--type", "grade": "--" + CLASSIFICATION_OPTION.get(args.score,
                                                                              "grade")}.get(
            error.name, f"--{error.name.replace('_', '-')}")
        print(f"spineedu score {args.score}: {option}: {shown(error.value)} is not allowed "
              f"(allowed: {error.allowed})", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_score(result))
    return EXIT_OK

"""The commands an educator runs on the content: `validate` (is it valid, do the safety
properties hold), `diff` (what an edit does to every plan) and `stale` (what is due for review).

Exit codes as `spineedu`'s: 0 done, 1 content invalid, 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from spineedu.knowledge_base import (
    ContentError,
    KnowledgeBase,
    collect_issues,
    content_directory,
    load_knowledge_base,
)

EXIT_OK, EXIT_INVALID_CONTENT, EXIT_USAGE = 0, 1, 2


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def add_content_parsers(sub: argparse._SubParsersAction) -> None:
    validate = sub.add_parser("validate", help="check the content and list every problem")
    validate.add_argument("directory", nargs="?", metavar="DIR")
    validate.add_argument("--walk", action="store_true",
                          help="also check every safety property (content/invariants.yaml) "
                               "over every patient of the input space")
    diff = sub.add_parser(
        "diff", help="what an edit of the content does to every plan of the input space",
        description="OLD and NEW are content folders (or checkouts) or git revisions, whose "
                    "content/ is compared: `spineedu diff main` compares main with the working "
                    "tree.")
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", nargs="?", metavar="NEW",
                      help="default: this checkout's content/ (or SPINEEDU_CONTENT)")
    diff.add_argument("--json", action="store_true")
    diff.add_argument("--html", type=Path, metavar="FILE",
                      help="also write the report as one self-contained HTML page")
    diff.add_argument("--type", action="append", metavar="ID",
                      help="walk only this cancer type (repeat for more; default: every type)")
    diff.add_argument("--workers", type=int, metavar="N",
                      help="processes sharing the walk (default: one per core)")
    stale = sub.add_parser("stale", help="entries due for a clinician's review")
    stale.add_argument("--before", type=iso_date_argument, metavar="YYYY-MM-DD",
                       help="list entries last reviewed before this date (default: a year ago)"
                            "; entries past their review_due are always listed")
    stale.add_argument("--json", action="store_true")


def run_validate(args: argparse.Namespace) -> int:
    directory = Path(args.directory) if args.directory else content_directory()
    kb, issues = collect_issues(directory)  # every file, the score tables included
    if issues:
        print(f"{len(issues)} problem(s) in {directory}:", file=sys.stderr)
        for issue in issues:
            first, *follow_ons = issue.lines()
            print(f"  - {first}", file=sys.stderr)
            for line in follow_ons:
                print(f"  {line}", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    assert kb is not None
    print(f"{directory}: valid ({len(kb.cancer_types)} cancer types, {len(kb.treatments)} "
          f"treatments, {len(kb.rules)} rules, {len(kb.references)} references)")
    return _walk(kb) if args.walk else EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    """What the new content does to every plan of the input space, against the old."""
    from spineedu.content_source import (
        ContentSourceError,
        content_folder,
        default_content,
        written_on,
    )
    from spineedu.plan_diff import diff_plans
    from spineedu.review_records import edited_without_review
    from spineedu.views.plan_diff_html import plan_diff_html
    from spineedu.views.plan_diff_text import format_plan_diff

    new_spec = args.new or str(default_content())
    try:
        with content_folder(args.old) as old_dir, content_folder(new_spec) as new_dir:
            bases = []
            for side, spec, directory in (("old", args.old, old_dir), ("new", new_spec, new_dir)):
                try:
                    bases.append(load_knowledge_base(directory))
                except ContentError as error:
                    print(f"spineedu diff: the {side} content ({spec}) is not valid; run "
                          f"`spineedu validate` on it.\n{error}", file=sys.stderr)
                    return EXIT_INVALID_CONTENT
            started = time.perf_counter()
            unknown = [t for t in args.type or () if not any(t in kb.cancer_types
                                                              for kb in bases)]
            if unknown:
                raise ContentSourceError(f"unknown cancer type {unknown[0]!r} (see "
                                         "`spineedu types`)")
            diff = diff_plans(*bases, old_dir=old_dir, new_dir=new_dir, workers=args.workers,
                              type_ids=tuple(args.type) if args.type else None)
            elapsed = time.perf_counter() - started
    except ContentSourceError as error:
        print(f"spineedu diff: {error}", file=sys.stderr)
        return EXIT_USAGE
    old, new = bases
    unreviewed = [f"{found.file}: {found.kind} '{found.id}'"
                  for found in edited_without_review(old, new, written_on(args.old))]
    names = {**{t.id: t.name for kb in (old, new) for t in kb.cancer_types.values()},
             **{t.id: t.name for kb in (old, new) for t in kb.treatments.values()}}
    title = f"{args.old} compared with {args.new or 'the working tree'}"
    if args.html:
        try:
            args.html.write_text(plan_diff_html(diff, names, title, unreviewed),
                                 encoding="utf-8")
        except OSError as error:
            print(f"spineedu diff: cannot write {args.html}: {error.strerror or error}",
                  file=sys.stderr)
            return EXIT_USAGE
    print(f"spineedu diff: walked {diff.walked} patients on each content in {elapsed:.0f} s",
          file=sys.stderr)
    if args.json:
        _print_json({**diff.to_dict(), "edited_without_review": unreviewed})
    else:
        print(format_plan_diff(diff, names))
        if unreviewed:
            print(f"\n{len(unreviewed)} entries edited without a new last_reviewed date:")
            print("\n".join(f"  - {entry}" for entry in unreviewed))
    return EXIT_OK


def run_stale(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Entries due for review: last reviewed before a date (default a year ago) or past due."""
    from spineedu.review_records import REVIEW_INTERVAL, stale

    today = dt.date.today()
    before = args.before or today - REVIEW_INTERVAL
    found = stale(kb, before, today)
    if args.json:
        _print_json([entry.to_dict() for entry in found])
        return EXIT_OK
    print(f"{len(found)} entries last reviewed before {before.isoformat()} or due by "
          f"{today.isoformat()}")
    for entry in found:
        by = f", by {entry.entry.reviewed_by}" if entry.entry.reviewed_by else ""
        due = f", due {entry.entry.review_due.isoformat()}" if entry.entry.review_due else ""
        print(f"  {entry.file}: {entry.kind} '{entry.id}' (reviewed "
              f"{entry.entry.last_reviewed.isoformat()}{by}{due})")
    return EXIT_OK


def iso_date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD "
                                         "(for example 2026-12-31)") from None


WALK_SHOWN = 5  # violations shown per property; the count says how many more


def _walk(kb: KnowledgeBase) -> int:
    """Every plan of the input space against every safety property; exit 1 on a violation."""
    from spineedu.properties import check_all

    started = time.perf_counter()
    result = check_all(kb, progress=lambda n: print(f"  ... {n} plans", file=sys.stderr))
    elapsed = time.perf_counter() - started
    by_property: dict[str, list] = {}
    for violation in result.violations:
        by_property.setdefault(violation.property_id, []).append(violation)
    properties = len(kb.invariants) + len(kb.exclusive_sets) + 1
    print(f"walked {result.plans} plans against {properties} safety properties in "
          f"{elapsed:.0f} s")
    if not by_property:
        print("every property holds")
        return EXIT_OK
    for property_id, found in by_property.items():
        print(f"\n{property_id}: {len(found)} plan(s) break it\n  {found[0].statement}")
        for violation in found[:WALK_SHOWN]:
            rules = f"\n      rules: {', '.join(dict.fromkeys(violation.rules))}" if (
                violation.rules) else ""
            print(f"    - {violation.patient}: {violation.problem}{rules}")
        if len(found) > WALK_SHOWN:
            print(f"    ... and {len(found) - WALK_SHOWN} more")
    return EXIT_INVALID_CONTENT  # a broken property is a content problem

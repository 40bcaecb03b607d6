"""The `spineedu` command: the knowledge base and the engine from a terminal.

Exit codes: 0 done, 1 content invalid, 2 usage error, 3 the tool is not suitable for the case.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from spineedu.content_cli import add_content_parsers, run_diff, run_stale, run_validate
from spineedu.engine import recommend
from spineedu.knowledge_base import (
    ContentError,
    KnowledgeBase,
    default_knowledge_base,
)
from spineedu.messages import DISCLAIMER
from spineedu.pdf import PdfError, print_to_pdf
from spineedu.plain_words import glossary, plain_texts
from spineedu.score_cli import add_score_parsers, run_score
from spineedu.scores.tables import default_tables
from spineedu.views.handout import handout_html
from spineedu.views.plain_handout import plain_handout_html
from spineedu.views.plan_text import format_recommendation, patient_text
from spineedu.views.whatif_text import format_comparison, format_what_if
from spineedu.whatif import ABSENT, compare, grouped, value_text, what_if
from spineedu.whole_number import shown, whole_number

EXIT_OK, EXIT_INVALID_CONTENT, EXIT_USAGE, EXIT_NOT_SUITABLE = 0, 1, 2, 3
DEMO_CASES = (
    ("chordoma", "IB", {}),
    ("renal-cell-metastasis", "oligometastatic", {"escc": "3", "ecog": 1}),
    ("breast-metastasis", "polymetastatic", {"escc": "2", "sins": 14, "ecog": 1}),
)


class UsageError(Exception):
    """A command-line value that cannot be used; reported on one line, exit 2."""


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _cmd_types(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    if args.json:
        _print_json([
            {"id": t.id, "name": t.name, "origin": t.origin, "group": t.group,
             "behaviour": t.behaviour, "compartment": t.compartment,
             "radiosensitivity": t.radiosensitivity, "staging_system": t.staging.system,
             "stages": list(t.stage_ids()),
             "subtypes": [{"id": s.id, "name": s.name} for s in t.subtypes],
             "plain": plain_texts(kb.plain_types.get(t.id))}
            for t in kb.cancer_types.values()
        ])
        return EXIT_OK
    for t in kb.cancer_types.values():
        print(f"{t.id:28} {t.name} ({t.group}; stages: {', '.join(t.stage_ids())})")
    return EXIT_OK


def _cmd_stages(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    cancer_type = kb.cancer_types.get(args.type)
    if cancer_type is None:
        raise UsageError(f"--type: unknown cancer type {args.type!r}; see `spineedu types`")
    if args.json:
        _print_json({
            "type": cancer_type.id, "system": cancer_type.staging.system,
            "stages": [{**s.model_dump(exclude_none=True),
                        "behaviour": cancer_type.behaviour_of(s.id)}
                       for s in cancer_type.staging.stages],
            "subtypes": [s.model_dump() for s in cancer_type.subtypes],
        })
        return EXIT_OK
    print(f"{cancer_type.name}: {cancer_type.staging.system}")
    for stage in cancer_type.staging.stages:
        print(f"  {stage.id:10} {stage.name}: {stage.description}")
    if cancer_type.subtypes:
        print("Subtypes (--subtype ID):")
        for subtype in cancer_type.subtypes:
            print(f"  {subtype.id:26} {subtype.name}: {subtype.description}")
    return EXIT_OK


def _cmd_treatments(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    if args.json:
        _print_json([{**t.model_dump(mode="json"),
                      "plain": plain_texts(kb.plain_treatments.get(t.id))}
                     for t in kb.treatments.values()])
        return EXIT_OK
    for t in kb.treatments.values():
        print(f"{t.id:28} {t.name} ({t.family})")
    return EXIT_OK


def _cmd_glossary(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    terms = glossary(kb)
    if args.json:
        _print_json([{"term": t["term"], "plain": t["plain"]} for t in terms])
        return EXIT_OK
    for term in terms:
        also = f" ({', '.join(term['also'])})" if term["also"] else ""
        print(f"{term['term']}{also}: {term['plain']}")
    return EXIT_OK


def _factors(args: argparse.Namespace) -> dict[str, object]:
    return {"escc": args.escc, "sins": args.sins, "ecog": args.ecog,
            "neuro_deficit": args.neuro_deficit, "subtype": args.subtype,
            "resectable": args.resectable}


def _cmd_whatif(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    result = recommend(args.type, args.stage, **_factors(args), knowledge_base=kb,
                       on_invalid="not-suitable")
    if not result.suitable:
        print(result.message, file=sys.stderr)
        return EXIT_NOT_SUITABLE
    changes = what_if(args.type, args.stage, knowledge_base=kb, **_factors(args))
    groups = grouped(changes)
    if args.json:
        _print_json({
            "type": args.type, "stage": args.stage, "changes": [c.to_dict() for c in changes],
            "groups": [{"when": g.values_text(), "factor": g.factor,
                        "values": [value_text(v) for v in g.values],
                        "changes_first_line": g.changes_first_line(),
                        "effects": [{"treatment": t, "from": b or ABSENT, "to": a or ABSENT,
                                     "rule": r} for t, b, a, r in g.effects]}
                       for g in groups],
        })
    else:
        title = f"What would change this plan? {patient_text(result, kb)}"
        print(format_what_if(title, groups, kb))
        print(f"\n{DISCLAIMER}")
    return EXIT_OK


PATIENT_KEYS = {"type", "stage", "escc", "sins", "ecog", "neuro_deficit", "subtype",
                "resectable"}


def parse_patient(spec: str) -> dict[str, object]:
    """'type=chordoma,stage=IB,resectable=no' as `recommend` arguments."""
    patient: dict[str, object] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        key, sep, value = part.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or key not in PATIENT_KEYS:
            raise UsageError(f"{part!r} is not KEY=VALUE with KEY one of "
                             f"{', '.join(sorted(PATIENT_KEYS))}")
        value = value.strip()
        if key in ("sins", "ecog"):
            try:
                patient[key] = whole_number(value)
            except ValueError as error:
                raise UsageError(f"{key}={error}") from None
        elif key in ("neuro_deficit", "resectable"):
            if value not in ("yes", "no"):
                raise UsageError(f"{key}={shown(value)}: yes or no")
            patient[key] = value == "yes"
        else:
            patient[key] = value
    missing = {"type", "stage"} - set(patient)
    if missing:
        raise UsageError(f"{spec!r} needs {' and '.join(sorted(missing))}")
    return patient


def _cmd_compare(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    plans = []
    for spec in (args.first, args.second):
        patient = parse_patient(spec)
        plan = recommend(patient.pop("type"), patient.pop("stage"), **patient,
                         knowledge_base=kb, on_invalid="not-suitable")
        if not plan.suitable:
            print(f"{spec}: {plan.message}", file=sys.stderr)
            return EXIT_NOT_SUITABLE
        plans.append(plan)
    differences = compare(*plans)
    if args.json:
        _print_json({"first": plans[0].to_dict(), "second": plans[1].to_dict(),
                     "differences": [d.to_dict() for d in differences]})
    else:
        print(format_comparison(patient_text(plans[0], kb), patient_text(plans[1], kb),
                                differences, kb))
        print(f"\n{DISCLAIMER}")
    return EXIT_OK


def _write_handout(path: Path, html: str) -> None:
    """The handout at `path`, and nothing else touched: a PDF's intermediate HTML lives in a
    temporary directory, never beside it (a notes.html there is the user's)."""
    if path.suffix.lower() not in (".html", ".pdf"):
        raise UsageError(f"-o {path}: the handout is written as .html or .pdf")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".html":
            path.write_text(html, encoding="utf-8")
        else:
            with tempfile.TemporaryDirectory(prefix="spineedu-handout-") as scratch:
                html_path = Path(scratch) / "handout.html"
                html_path.write_text(html, encoding="utf-8")
                print_to_pdf(html_path, path)
    except PdfError as error:
        raise UsageError(str(error)) from error
    except OSError as error:  # a directory, a path through a file, a name too long, no space
        raise UsageError(f"-o {shown(str(error.filename or path))}: "
                         f"{error.strerror or error}") from None
    print(f"wrote {path}")


def _cmd_handout(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    today = dt.date.today()
    if args.cases:
        if args.type or args.stage:
            raise UsageError("--cases writes every case; leave out --type and --stage")
        if args.output.exists() and not args.output.is_dir():
            raise UsageError(f"--cases -o {shown(str(args.output))}: a file; give a directory "
                             "(one handout per case goes in it)")
        for number, case in enumerate(kb.cases.values(), start=1):
            factors = {name: getattr(case, name) for name in
                       ("escc", "sins", "ecog", "neuro_deficit", "subtype", "resectable")}
            plan = recommend(case.type, case.stage, **factors, knowledge_base=kb)
            groups = grouped(what_if(case.type, case.stage, knowledge_base=kb, **factors))
            _write_handout(args.output / f"case-{number:02d}-{case.id}.html",
                           plain_handout_html(plan, kb, today) if args.plain
                           else handout_html(plan, groups, kb, today, case))
        return EXIT_OK
    if not (args.type and args.stage):
        raise UsageError("give --type and --stage (or --cases)")
    plan = recommend(args.type, args.stage, **_factors(args), knowledge_base=kb,
                     on_invalid="not-suitable")
    if not plan.suitable:
        print(plan.message, file=sys.stderr)
        return EXIT_NOT_SUITABLE
    if args.plain:
        _write_handout(args.output, plain_handout_html(plan, kb, today))
        return EXIT_OK
    groups = grouped(what_if(args.type, args.stage, knowledge_base=kb, **_factors(args)))
    _write_handout(args.output, handout_html(plan, groups, kb, today))
    return EXIT_OK


def _cmd_recommend(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    result = recommend(
        args.type, args.stage, escc=args.escc, sins=args.sins, ecog=args.ecog,
        neuro_deficit=args.neuro_deficit, subtype=args.subtype, resectable=args.resectable,
        knowledge_base=kb, on_invalid="not-suitable",  # exit 3 with a referral, not a traceback
    )
    if args.json:
        _print_json(result.to_dict())
    else:
        print(format_recommendation(result, kb))
    return EXIT_OK if result.suitable else EXIT_NOT_SUITABLE


def _cmd_demo(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    print("SpineEdu demo: three cases from the knowledge base\n")
    for type_id, stage, factors in DEMO_CASES:
        plan = recommend(type_id, stage, knowledge_base=kb, on_invalid="not-suitable", **factors)
        print(format_recommendation(plan, kb))
        print("\n" + "-" * 72 + "\n")
    print("Try: spineedu types | spineedu recommend --type chordoma --stage IB")
    print(DISCLAIMER)
    return EXIT_OK


def add_patient_arguments(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """--type, --stage and the optional patient factors, as `recommend` takes them."""
    add = parser.add_argument
    add("--type", required=required, metavar="ID")
    add("--stage", required=required, metavar="S")
    add("--escc", metavar="0|1a|1b|1c|2|3", help="Bilsky ESCC grade")
    add("--sins", type=whole_number_argument, metavar="0-18",
        help="Spinal Instability Neoplastic Score")
    add("--ecog", type=whole_number_argument, metavar="0-4",
        help="ECOG performance status before the cord compression began (fitness, not the "
             "deficit the compression caused: a fit person made paraplegic by compression "
             "yesterday is not ECOG 4)")
    add("--neuro-deficit", action=argparse.BooleanOptionalAction, default=None,
        help="a neurological deficit (myelopathy or radiculopathy) is present, or with "
             "--no-neuro-deficit, absent; leave out if unknown")
    add("--subtype", metavar="ID",
        help="histological or molecular subtype (see `spineedu stages --type T`)")
    add("--resectable", action=argparse.BooleanOptionalAction, default=None,
        help="a wide (en bloc) resection is feasible at an acceptable cost in function, as the "
             "sarcoma team judges it, or with --no-resectable, not feasible; leave out if not "
             "assessed (primary bone tumours)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spineedu",
        description="SpineEdu: which treatments apply to a spinal tumour, why, and on what "
                    "evidence. " + DISCLAIMER,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    types = sub.add_parser("types", help="list the cancer types")
    types.add_argument("--json", action="store_true")
    stages = sub.add_parser("stages", help="list the stages of a cancer type")
    stages.add_argument("--type", required=True, metavar="ID")
    stages.add_argument("--json", action="store_true")
    treatments = sub.add_parser("treatments", help="list the treatments")
    treatments.add_argument("--json", action="store_true")
    words = sub.add_parser("glossary", help="every technical term with its plain definition")
    words.add_argument("--json", action="store_true")

    rec = sub.add_parser("recommend", help="the treatments for a type, stage and patient")
    add_patient_arguments(rec)
    rec.add_argument("--json", action="store_true")
    whatif = sub.add_parser("whatif", help="every single change of stage or patient factor "
                                           "that would change the plan, with its rule")
    add_patient_arguments(whatif)
    whatif.add_argument("--json", action="store_true")
    comparison = sub.add_parser(
        "compare", help="two patients side by side: the treatments whose level differs",
        description="Each patient is KEY=VALUE pairs separated by commas, e.g. "
                    "type=renal-cell-metastasis,stage=oligometastatic,escc=3,ecog=1")
    comparison.add_argument("first", metavar="PATIENT")
    comparison.add_argument("second", metavar="PATIENT")
    comparison.add_argument("--json", action="store_true")
    handout = sub.add_parser(
        "handout", help="a printable handout (HTML, or PDF through Chromium) of one plan, or "
                        "with --cases one per vignette")
    add_patient_arguments(handout, required=False)
    handout.add_argument("--plain", action="store_true",
                         help="a version for a family: the tumour and each treatment in plain "
                              "words, questions to ask, when to get help at once")
    handout.add_argument("--cases", action="store_true",
                         help="one handout per case of lesson 6 (then -o is a directory)")
    handout.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                         help="FILE.html or FILE.pdf (with --cases: a directory)")

    add_content_parsers(sub)
    sub.add_parser("demo", help="print a few worked cases")
    add_score_parsers(sub)
    serve = sub.add_parser("serve", help="start the lessons and the explorer as a Voilà dashboard")
    serve.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default 8866)")
    serve.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    serve.add_argument("--preheat", type=int, metavar="N",
                       help="explorer kernels kept ready for a class (about 46 MB each; "
                            "default 1)")
    serve.add_argument("--max-kernels", type=int, metavar="N",
                       help="live visitor kernels at most; past it visitors get a 'busy, try "
                            "again in a minute' page (HTTP 503; default: from free memory)")
    serve.add_argument("--max-kernels-per-visitor", type=int, metavar="N",
                       help="live kernels one client address may hold (behind HAProxy: the "
                            "forwarded address), then the busy page (default 20; 0: no cap)")
    serve.add_argument("--max-rendering", type=int, metavar="N",
                       help="pages rendered at once, later visitors queue first come, first "
                            "served (default: two per core)")
    lab = sub.add_parser("lab", help="open your own copies of the lessons in JupyterLab")
    lab.add_argument("--port", type=int, default=8888, help="port on 127.0.0.1 (default 8888)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    lab.add_argument("--workspace", metavar="DIR", type=Path,
                     help="where your copies live (default: workspace/ in the repository, "
                          "~/spineedu-workspace for an installed package)")
    lab.add_argument("--allow-root", action="store_true",
                     help="run JupyterLab although you are root (containers); without it "
                          "root is refused with this hint")
    return parser


COMMANDS = {
    "types": _cmd_types,
    "stages": _cmd_stages,
    "treatments": _cmd_treatments,
    "glossary": _cmd_glossary,
    "recommend": _cmd_recommend,
    "whatif": _cmd_whatif,
    "compare": _cmd_compare,
    "handout": _cmd_handout,
    "demo": _cmd_demo,
    "stale": run_stale,
}


def main(argv: Sequence[str] | None = None) -> int:
    """The command, its output flushed here: a reader that stops early (`| head -1`) ends it
    quietly, and output that cannot be written (a full disk) is one line, exit 2."""
    chosen_before = os.environ.get("SPINEEDU_CONTENT")
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_OK
    except OSError as error:  # only output is left unguarded by the commands themselves
        _discard_stdout()
        print(f"spineedu: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    finally:  # a caller in the same process (a test, a notebook) keeps its own content
        if chosen_before is None:
            os.environ.pop("SPINEEDU_CONTENT", None)
        else:
            os.environ["SPINEEDU_CONTENT"] = chosen_before
        _forget_loaded_content()
    return code


def _forget_loaded_content() -> None:
    default_knowledge_base.cache_clear()
    default_tables.cache_clear()


def _discard_stdout() -> None:
    """What is still buffered cannot be written: without this, Python's exit flush would
    print its own traceback-like 'Exception ignored' message."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def whole_number_argument(text: str) -> int:
    try:
        return whole_number(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


CONTENT_HELP = ("the content folder to read (default: this checkout's content/, or "
                "SPINEEDU_CONTENT when set)")


def _choose_content(argv: Sequence[str] | None) -> str | None:
    """Read `--content DIR` before the parser is built (the score commands are built from the
    content's score tables), and make it the content of everything this process loads. Returns
    a note for the user when the folder is not this installed package's own content/."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--content", metavar="DIR")
    known, _ = early.parse_known_args(argv)
    from spineedu.content_source import default_content
    from spineedu.knowledge_base import DEFAULT_CONTENT_DIR

    directory = Path(known.content).expanduser() if known.content else default_content()
    os.environ["SPINEEDU_CONTENT"] = str(directory)
    _forget_loaded_content()
    if directory.resolve() == DEFAULT_CONTENT_DIR.resolve():
        return None
    return f"spineedu: content from {directory}"


def _add_content_option(parser: argparse.ArgumentParser) -> None:
    """--content on every command that reads content, nested ones (score) included."""
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for name, command in action.choices.items():
            if name == "lab":
                continue
            if command._subparsers:
                _add_content_option(command)
            else:
                command.add_argument("--content", metavar="DIR", help=CONTENT_HELP)


def _run(argv: Sequence[str] | None = None) -> int:
    note = _choose_content(argv)
    parser = build_parser()
    _add_content_option(parser)
    args = parser.parse_args(argv)
    if note:
        print(note, file=sys.stderr)
    if args.command == "validate":
        return run_validate(args)
    if args.command == "diff":
        return run_diff(args)
    if args.command == "score":
        try:
            return run_score(args)
        except ContentError as error:
            print(f"spineedu: {error}", file=sys.stderr)
            return EXIT_INVALID_CONTENT
    if args.command == "serve":
        from spineedu.dashboard import serve, server_options

        if not 0 < args.port < 65536:
            print("spineedu serve: --port must be from 1 to 65535", file=sys.stderr)
            return EXIT_USAGE
        for option, least in (("preheat", 0), ("max_kernels", 1), ("max_rendering", 1),
                              ("max_kernels_per_visitor", 0)):
            value = getattr(args, option)
            if value is not None and value < least:
                print(f"spineedu serve: --{option.replace('_', '-')} must be {least} or more",
                      file=sys.stderr)
                return EXIT_USAGE
        return serve(args.port, open_browser=not args.no_browser, extra=server_options(
            args.preheat, args.max_kernels, args.max_rendering, args.max_kernels_per_visitor))
    if args.command == "lab":
        from spineedu.lab import WORKSPACE, lab

        if not 0 < args.port < 65536:
            print("spineedu lab: --port must be from 1 to 65535", file=sys.stderr)
            return EXIT_USAGE
        return lab(args.port, open_browser=not args.no_browser,
                   workspace=(args.workspace or WORKSPACE).resolve(),
                   allow_root=args.allow_root)
    try:
        kb = default_knowledge_base()
    except ContentError as error:
        print(f"spineedu: {error}\nRun `spineedu validate` for details.", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    try:
        return COMMANDS[args.command](kb, args)
    except UsageError as error:
        print(f"spineedu {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE

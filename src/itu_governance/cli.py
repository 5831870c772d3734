"""The ``itu-governance`` command (also ``python -m itu_governance``).

Each subcommand prints a readable table by default and JSON with ``--json``. Exit codes:
0 all is well, 1 findings (validate), 2 usage or data errors. Errors go to stderr as
``file:line:col: message`` or one line, never a traceback.

>>> from itu_governance.cli import main
>>> main(["status", "Council Resolution 1344", "--on", "2016-03-01"])
council/res/1344 on 2016-03-01: in-force (council/res/1344@2015)
0
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any, NoReturn

import attrs

from itu_governance.citations import extract_citations, format_citation, parse_citation
from itu_governance.errors import DataError, ItuGovernanceError
from itu_governance.loader import load
from itu_governance.models import Lang
from itu_governance.registry import Registry

__all__ = ["get_parser", "main"]


def __dir__() -> list[str]:
    return __all__


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors with exit code 2 and no traceback."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"expected a date like 2021-01-27, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def get_parser() -> argparse.ArgumentParser:
    """The command-line parser, with one subparser per subcommand."""
    parser = _Parser(
        prog="itu-governance",
        description="Query ITU resolutions, their lineage and the Council's groups.",
    )
    with contextlib.suppress(PackageNotFoundError):  # a checkout that was never installed has no version
        parser.add_argument("--version", action="version", version=f"%(prog)s {version('itu-governance')}")
    parser.add_argument("--data", metavar="DIR", help="a data folder to use instead of the bundled dataset")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, help_text: str, *, dated: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        if dated:
            p.add_argument(
                "--on",
                type=_date,
                metavar="DATE",
                help="answer as of this date (default: the dataset's known-up-to date)",
            )
        return p

    command(
        "show",
        "show one record: an instrument, revision, body, conference, meeting or consultation",
    ).add_argument("ref", help='a key, name or citation, e.g. "Council Resolution 1344" or "CWG-Internet"')
    command("lineage", "an instrument's timeline: adoption, revisions, absorptions, ending").add_argument(
        "ref", help="an instrument key or citation"
    )
    command("status", "where an instrument stands on a date", dated=True).add_argument("ref")
    command("in-force", "every revision in force on a date", dated=True)
    related = command("related", "the shortest explained chain of relations between two records")
    related.add_argument("a")
    related.add_argument("b")
    cite = command("cite", "rewrite a citation in another official language")
    cite.add_argument("text")
    cite.add_argument("--to", default="en", choices=[lang.value for lang in Lang], help="target language")
    command("extract", "list the citations found in files or standard input").add_argument(
        "files", nargs="*", default=["-"], help="files to read (UTF-8); - or nothing reads stdin"
    )
    command("validate", "load a data folder and report every problem").add_argument(
        "data_dir", nargs="?", help="the folder to check (default: the bundled dataset)"
    )
    return parser


def _to_json(value: Any) -> Any:  # noqa: ANN401 (JSON is untyped)
    if attrs.has(type(value)):
        return {k: _to_json(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_json(v) for k, v in value.items()}
    if isinstance(value, (dt.date, Lang)) or hasattr(value, "value"):
        return str(value)
    return value


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:  # noqa: ANN401
    print(json.dumps(_to_json(data), ensure_ascii=False, indent=2) if args.json else text)


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    with open(name, encoding="utf-8") as handle:  # noqa: PTH123 (a plain path from the command line)
        return handle.read()


def _run(args: argparse.Namespace, registry: Registry) -> int:
    command = args.command
    if command == "show":
        record = (
            registry.get(registry.key(args.ref)) if registry.key(args.ref) in registry else registry.revision(args.ref)
        )
        _emit(args, record, repr(record))
    elif command == "lineage":
        events = registry.lineage(args.ref)
        _emit(args, events, "\n".join(str(e) for e in events))
    elif command == "status":
        found = registry.status(args.ref, on=args.on)
        _emit(args, found, str(found))
    elif command == "in-force":
        revisions = registry.in_force(on=args.on)
        _emit(args, [r.key for r in revisions], "\n".join(r.key for r in revisions))
    elif command == "related":
        steps = registry.related(args.a, args.b)
        _emit(args, steps, "\n".join(" ".join(step) for step in steps))
    elif command == "cite":
        citation = parse_citation(args.text)
        text = format_citation(citation, args.to)
        _emit(args, {"citation": citation, "text": text}, text)
    elif command == "extract":
        rows = [(name, c) for name in args.files for c in extract_citations(_read(name))]
        _emit(
            args,
            [{"file": name, "citation": c} for name, c in rows],
            "\n".join(f"{name}:{c.span[0]}-{c.span[1]}: {c}  [{c.text}]" for name, c in rows),
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 fine, 1 findings, 2 usage or data error)."""
    parser = get_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            load(args.data_dir or args.data)
            print("ok: the data loads with no problems")
            return 0
        return _run(args, load(args.data))
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1 if args.command == "validate" else 2
    except (ItuGovernanceError, ValueError, KeyError, OSError) as error:
        print(f"itu-governance: error: {error}", file=sys.stderr)
        return 2

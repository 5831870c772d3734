"""The ``itu-governance`` command (also ``python -m itu_governance``).

Every subcommand prints readable text by default and JSON with ``--json``; dated ones take
``--on DATE``. Exit codes: 0 all is well, 1 findings (``lint``, ``audit``, ``validate``) or a
denied verdict (``check``), 2 a usage or data error, 3 no rule decides (``check``; ``--exit-zero``
keeps 0 for every verdict). Errors go to stderr as ``file:line:col: message`` or one line, never a
traceback.

>>> from itu_governance.cli import main
>>> main(["status", "Council Resolution 1344", "--on", "2016-03-01"])
council/res/1344 on 2016-03-01: in-force (council/res/1344@2015)
0
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import enum
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import attrs

from itu_governance import _kinds
from itu_governance.errors import DataError, ItuGovernanceError
from itu_governance.loader import load
from itu_governance.models import Lang, Resolution

if TYPE_CHECKING:  # each command imports what it needs, so that ``status`` starts fast
    from itu_governance.citations import Citation
    from itu_governance.findings import Finding
    from itu_governance.lint import Position
    from itu_governance.registry import Registry

__all__ = ["get_parser", "main"]


def __dir__() -> list[str]:
    return __all__


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors with exit code 2 and no traceback."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _jobs(text: str) -> int:
    """A number of worker processes: 0 for all cores; more than the cores is capped to them."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        msg = f"expected a number of worker processes like 2 (0 for all cores), got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return jobs


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"expected a date like 2021-01-27, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


_LANGS = [lang.value for lang in Lang]


class _Formats:
    """The ``export --format`` choices: ``export.FORMATS``, imported only when a choice is checked or shown."""

    def _all(self) -> tuple[str, ...]:
        from itu_governance.export import FORMATS  # noqa: PLC0415 (only the export command needs it)

        return FORMATS

    def __contains__(self, value: object) -> bool:
        return value in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())


class _Version(argparse.Action):
    """``--version``: the installed distribution's version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 (slow to import)

        try:
            number = version("itu-governance")
        except PackageNotFoundError:  # a checkout that was never installed: the version in its code
            from itu_governance._version import __version__ as number  # noqa: PLC0415
        print(f"{parser.prog} {number}")
        parser.exit()


def get_parser() -> argparse.ArgumentParser:
    """The command-line parser, with one subparser per subcommand."""
    parser = _Parser(
        prog="itu-governance", description="Query ITU resolutions, their lineage and the Council's groups."
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    parser.add_argument("--data", metavar="DIR", help="a data folder to use instead of the bundled dataset")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    def command(name: str, help_text: str, *, dated: bool = False, lang: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        if dated:
            p.add_argument(
                "--on",
                type=_date,
                metavar="DATE",
                help="answer as of this date (default: the dataset's known-up-to date)",
            )
        if lang:
            p.add_argument("--lang", choices=_LANGS, default="en", help="language of titles and citations")
        return p

    command(
        "show", "show one record: an instrument, revision, body, conference, meeting or consultation", lang=True
    ).add_argument("ref", help='a key, name or citation: "Council Resolution 1344", "CWG-Internet"')
    command("lineage", "an instrument's timeline: adoption, revisions, absorptions, ending").add_argument("ref")
    command("status", "where an instrument stands on a date", dated=True).add_argument("ref")
    _query_commands(command)
    cite = command("cite", "rewrite a citation in another official language")
    cite.add_argument("text", help="a citation in any of the six languages")
    cite.add_argument("--to", choices=_LANGS, default="en", help="the language to write it in")
    for name, help_text in (
        ("extract", "list the citations in files, folders or standard input"),
        ("lint", "flag stale, abrogated or unknown citations in documents"),
    ):
        p = command(name, help_text, dated=name == "lint")
        p.add_argument(
            "paths",
            nargs="*",
            default=["-"],
            metavar="FILE",
            help="UTF-8 files or folders (read recursively); - or nothing reads standard input",
        )
        p.add_argument(
            "--jobs", "-j", type=_jobs, default=0, help="worker processes, at most the cores (default: all cores)"
        )
        if name == "lint":
            p.add_argument(
                "--ignore",
                action="append",
                default=[],
                metavar="CODE[,CODE]",
                help="finding codes to suppress (also: an 'itu: noqa[code]' comment on the line)",
            )
    check = command("check", "may an actor do an action in a body? The verdict cites its basis", dated=True)
    check.add_argument("actor", help="member-state:SAU, sector-member:ITU-T:<name>, civil-society, ...")
    check.add_argument("action", help="attend-meeting, submit-contribution, respond-to-consultation, ...")
    check.add_argument("body", help="CWG-Internet, body/cwg-cop, ...")
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 whatever the verdict (the behaviour before exit codes told the verdict)",
    )
    command("mandate", "a body's mandate clauses in force on a date", dated=True).add_argument("body")
    _search_arguments(command("search", "find instruments, bodies, conferences, meetings and consultations by words"))
    command("audit", "run every procedural rule over the dataset", dated=True)
    command("validate", "load a data folder and report every problem").add_argument(
        "data_dir", nargs="?", help="the folder to check (default: the bundled dataset)"
    )
    export = command("export", "write the lineage graph for Gephi, Graphviz, Mermaid or a table of events", lang=True)
    export.add_argument(
        "--format", "-f", choices=_Formats(), required=True, dest="format", metavar="FORMAT", help="one of %(choices)s"
    )
    export.add_argument("--output", "-o", metavar="FILE", help="where to write (default: standard output)")
    imports = command("import-akn", "import an Akoma Ntoso (AKN4UN) file of ITU deliberations into a data folder")
    imports.add_argument("file", help="the AKN4UN XML file, e.g. the PP-18 Final Acts")
    imports.add_argument("--out", required=True, metavar="DATA_DIR", help="the data folder to write into")
    imports.add_argument("--source", help="the reference facts are sourced to (default: the file's FRBR IRI)")
    imports.add_argument("--via", help="how the text was read (added to the source notes), e.g. the converter")
    imports.add_argument(
        "--enriched", metavar="OUT", help="also write the file with <ref> around each citation it resolves"
    )
    timeline = command("timeline", "draw an instrument's timeline as SVG or PNG (needs the 'plot' extra)", lang=True)
    timeline.add_argument("ref")
    timeline.add_argument("--output", "-o", metavar="FILE", required=True, help="an .svg or .png file")
    return parser


def _query_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """The researchers' queries: ``in-force``, ``related`` and ``changes``."""
    in_force = command("in-force", "every revision in force on a date", dated=True, lang=True)
    in_force.add_argument("--issuer", help="only this issuer's instruments: council, pp, wtsa, wtdc, ...")
    in_force.add_argument("--body", help="only the instruments this body rests on (CWG-Internet, body/cwg-cop, ...)")
    related = command("related", "how two records are linked: direct relations, then the best-explained chains")
    related.add_argument("a")
    related.add_argument("b")
    related.add_argument("--limit", type=int, default=20, help="at most this many chains (default: 20)")
    changes = command("changes", "every dated event between two dates, or what one conference or session did")
    changes.add_argument("start", nargs="?", type=_date, help="the first day (included)")
    changes.add_argument("end", nargs="?", type=_date, help="the last day (included; default: known-up-to)")
    changes.add_argument("--by", metavar="SESSION", help='only what this conference or session did: "PP-22", "C19"')


def _search_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", help='words of a title, name or topic, in any of the six languages: "child online"')
    p.add_argument("--lang", choices=_LANGS, help="only fields in this language (and names written alike in all)")
    p.add_argument("--kind", choices=("instrument", "body", "conference", "meeting", "consultation"))
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N hits (default: 10; 0: all)")


def _to_json(value: Any) -> Any:  # noqa: ANN401, PLR0911 (JSON is untyped; one branch per kind)
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "items_"):  # Texts: a mapping of language to text, not its internal field
        return dict(value)
    if attrs.has(type(value)):
        return {k.lstrip("_"): _to_json(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple such as Status
        return {k: _to_json(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {str(k): _to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        items = [_to_json(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (frozenset, set)) else items
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:  # noqa: ANN401
    if not args.json:
        print(text)
        return
    import json  # noqa: PLC0415 (only --json needs it)

    print(json.dumps(_to_json(data), ensure_ascii=False, indent=2))


# --- reading many documents ---------------------------------------------------------------


def _documents(paths: Iterable[str]) -> Iterator[str]:
    """Every file named, or found in the folders named; ``-`` for standard input."""
    for name in paths:
        path = Path(name)
        if name == "-":
            yield name
        elif path.is_dir():
            yield from sorted(str(p) for p in path.rglob("*") if p.is_file())
        else:
            yield name


class _Unreadable(NamedTuple):
    """A document that could not be read as UTF-8 text: named, skipped, and counted in the exit code."""

    reason: str


def _read(name: str) -> str | _Unreadable:
    """A document's text, or why it cannot be read (one bad file must not stop a whole run)."""
    try:
        if name == "-":
            if sys.stdin is None:
                return _Unreadable("standard input is closed")
            return sys.stdin.read()
        raw = Path(name).read_bytes()
    except OSError as exc:
        return _Unreadable(f"cannot be read ({exc.strerror or exc})")
    except UnicodeDecodeError as exc:
        return _Unreadable(f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _Unreadable(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})")


def _extract_file(name: str) -> tuple[str, list[Citation] | _Unreadable]:
    from itu_governance.citations import extract_citations  # noqa: PLC0415 (each command imports its own)

    text = _read(name)
    return name, text if isinstance(text, _Unreadable) else extract_citations(text)


def _lint_file(
    job: tuple[str, str | None, dt.date | None, tuple[str, ...]],
) -> tuple[str, list[tuple[Finding, Position | None]] | _Unreadable]:
    name, data, on, ignore = job
    text = _read(name)
    if isinstance(text, _Unreadable):
        return name, text
    report = load(data).lint(text, on=on, ignore=ignore)
    return name, [(f, report.where(f)) for f in report.findings]


def _skip(name: str, unreadable: _Unreadable) -> None:
    print(f"{name}: skipped: {unreadable.reason}", file=sys.stderr)


def _json_line(data: Any) -> None:  # noqa: ANN401 (any JSON value)
    """One JSON Lines record, written and flushed at once so a reader can follow along."""
    import json  # noqa: PLC0415

    print(json.dumps(_to_json(data), ensure_ascii=False), flush=True)


def _map(work: Callable[[Any], Any], jobs: list[Any], workers: int) -> Iterator[Any]:
    """Run ``work`` over ``jobs`` on several processes; yield each result, in order, as it is ready.

    Results are not kept, so memory follows one document, not the corpus. There are never
    more processes than cores, nor than documents; a progress bar shows when it takes long.
    """
    import concurrent.futures  # noqa: PLC0415 (only the file commands need it)

    from tqdm import tqdm  # noqa: PLC0415

    cores = os.cpu_count() or 1
    workers = min(workers or cores, cores, max(1, len(jobs)))
    bar: Any = tqdm(total=len(jobs), file=sys.stderr, unit="file", delay=1.0, disable=None)
    try:
        if workers == 1 or len(jobs) < 2 or "-" in (j if isinstance(j, str) else j[0] for j in jobs):
            for job in jobs:
                yield work(job)
                bar.update()
        else:
            with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
                for result in pool.map(work, jobs, chunksize=max(1, len(jobs) // (workers * 8))):
                    yield result
                    bar.update()
    finally:
        bar.close()


# --- subcommands ----------------------------------------------------------------------------


def _show(args: argparse.Namespace, registry: Registry) -> int:
    key = registry.key(args.ref)
    record = registry.get(key) if key in registry else registry.revision(args.ref)
    kind = (
        record.type.value.capitalize() if isinstance(record, Resolution) else type(record).__name__
    )  # a Decision says so
    lines = [f"{key}  {kind}", *_kinds.of(record).describe(record, args.lang)]
    if getattr(record, "attested", False):
        lines.insert(1, "  attested by citation only: known from the texts that cite it")
    disputes = len(getattr(record, "disputes", ()))
    lines.append(f"  sources: {len(record.sources)}" + (f", disputed: {disputes}" if disputes else ""))
    data = _to_json(record)
    if isinstance(data, dict):
        data = {"key": record.key, **data}
    _emit(args, data, "\n".join(lines))
    return 0


def _lint(args: argparse.Namespace, registry: Registry) -> int:
    """Findings document by document; with ``--json``, one JSON Lines record per document."""
    del registry  # each worker loads its own (the bundled one is cached per process)
    from itu_governance.findings import Severity  # noqa: PLC0415 (each command imports its own)

    ignore = tuple(code for codes in args.ignore for code in codes.split(",") if code)
    jobs = [(n, args.data, args.on, ignore) for n in _documents(args.paths)]
    skipped, found, serious = 0, 0, False
    for name, findings in _map(_lint_file, jobs, args.jobs):
        if isinstance(findings, _Unreadable):
            _skip(name, findings)
            skipped += 1
            continue
        if args.json:
            _json_line({"file": name, "findings": [_located(f, where) for f, where in findings]})
        else:
            for f, where in findings:
                print(f"{name}:{where.line}:{where.column}: {f}" if where else f"{name}: {f}")
        found += len(findings)
        serious = serious or any(f.severity is not Severity.INFO for f, _ in findings)
    if not found and not args.json:
        print("no findings")
    return 1 if skipped or serious else 0


def _located(finding: Finding, where: Position | None) -> dict[str, Any]:
    """A finding with its 1-based line and column (start and end) and its span, for JSON."""
    return {
        "line": where.line if where else None,
        "column": where.column if where else None,
        "end_line": where.end_line if where else None,
        "end_column": where.end_column if where else None,
        "span": list(finding.span) if finding.span else None,
        "finding": finding,
    }


def _extract(args: argparse.Namespace, registry: Registry) -> int:
    """Citations document by document; with ``--json``, one JSON Lines record per document."""
    del registry
    skipped = 0
    for name, citations in _map(_extract_file, list(_documents(args.paths)), args.jobs):
        if isinstance(citations, _Unreadable):
            _skip(name, citations)
            skipped += 1
        elif args.json:
            _json_line({"file": name, "citations": [{"citation": c, "canonical": str(c)} for c in citations]})
        else:
            for c in citations:
                print(f"{name}:{c.span[0]}-{c.span[1]}: {c}   [{c.text}]")
    return 1 if skipped else 0


def _findings(args: argparse.Namespace, findings: list[Finding]) -> int:
    from itu_governance.findings import Severity  # noqa: PLC0415 (each command imports its own)

    _emit(args, findings, "\n".join(str(f) for f in findings) or "no findings")
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


_VERDICT_EXIT = {True: 0, False: 1, None: 3}


def _check(args: argparse.Namespace, registry: Registry) -> int:
    """Exit 0 allowed, 1 denied, 3 no rule says (2 stays a usage or data error); 0 always with --exit-zero."""
    verdict = registry.check(args.actor, args.action, args.body, on=args.on)
    _emit(args, verdict, str(verdict))
    return 0 if args.exit_zero else _VERDICT_EXIT[verdict.allowed]


def _changes(args: argparse.Namespace, registry: Registry) -> int:
    """Every dated event between two dates, or what one conference or session did (``--by``)."""
    if args.start is None and args.by is None:
        msg = "changes needs a START date (and END), or --by a conference or session"
        raise ValueError(msg)
    occurrences = registry.changes(args.start, args.end, by=args.by)
    _emit(args, occurrences, "\n".join(str(o) for o in occurrences) or "nothing in the data in that period")
    return 0


def _export(args: argparse.Namespace, registry: Registry) -> int:
    if args.output:
        registry.export(args.format, args.output, lang=args.lang)
    else:
        registry.export(args.format, sys.stdout, lang=args.lang)
    return 0


def _timeline(args: argparse.Namespace, registry: Registry) -> int:
    from itu_governance._timeline import draw  # noqa: PLC0415 (needs the optional plotting extra)

    draw(registry, registry.resolution(args.ref).key, args.output, lang=args.lang)
    print(f"wrote {args.output}")
    return 0


def _answer(args: argparse.Namespace, registry: Registry) -> tuple[Any, str]:
    """The data and the text of the commands that print one answer."""
    command = args.command
    if command == "lineage":
        events = registry.lineage(args.ref)
        return events, "\n".join(str(e) for e in events)
    if command == "status":
        found = registry.status(args.ref, on=args.on)
        return found, str(found)
    if command in {"in-force", "cite"}:
        from itu_governance import citations  # noqa: PLC0415 (a lookup by key needs no citation grammar)
    if command == "in-force":
        revisions = registry.in_force(on=args.on, issuer=args.issuer, body=args.body)
        doubt = {r.key: registry.status(r.instrument, on=args.on).unchecked for r in revisions}
        rows = [{"key": r.key, "uncertain": bool(doubt[r.key]), "unchecked": doubt[r.key]} for r in revisions]
        text = "\n".join(
            f"{r.key:<26} {citations.format_citation(r, args.lang)}"
            + (f"  (uncertain: {', '.join(doubt[r.key])} may have revised it)" if doubt[r.key] else "")
            for r in revisions
        )
        return rows, text
    if command == "related":
        explained = registry.related(args.a, args.b, limit=args.limit)
        return explained.as_dict(), str(explained)
    if command == "cite":
        citation = citations.parse_citation(args.text)
        text = citations.format_citation(citation, args.to)
        return {"citation": citation, "text": text}, text
    clauses = registry.mandate(args.body, on=args.on)
    return clauses, "\n".join(f"{c.clause}. {c.text}  [{c.basis}]" for c in clauses) or "no clauses in force"


def _simple(args: argparse.Namespace, registry: Registry) -> int:
    data, text = _answer(args, registry)
    _emit(args, data, text)
    return 0


def _search(args: argparse.Namespace, registry: Registry) -> int:
    hits = registry.search(args.text, lang=args.lang, kind=args.kind, limit=args.limit or None)
    _emit(args, hits, "\n".join(str(h) for h in hits) or f"nothing found for {args.text!r}")
    return 0


def _import_akn(args: argparse.Namespace) -> int:
    from itu_governance.akn import import_akn  # noqa: PLC0415 (loaded on first use)

    imported, merged = import_akn(args.file, args.out, source=args.source, via=args.via)
    if args.enriched:
        from itu_governance.akn import enrich  # noqa: PLC0415

        xml = Path(args.file).read_text(encoding="utf-8")
        Path(args.enriched).write_text(enrich(xml, load(args.out), context=imported.conference), encoding="utf-8")
    resolved = len(imported.citations) - len(imported.unresolved)
    attested = sum(r.attested for r in imported.records)
    lines = [
        (
            f"{len(imported.statements)} statements of {imported.conference}; {len(merged.files)} files written "
            f"({attested} instruments known only from citations)"
        ),
        f"{resolved} of {len(imported.citations)} ITU citations resolve to a revision or instrument",
        *(f"unresolved: {c.site}: {c.citation.text or c.citation}: {c.reason}" for c in imported.unresolved),
        *(f"conflict: {c}" for c in merged.conflicts),
        *(f"note: {p}" for p in imported.notes),
    ]
    data = {
        "conference": imported.conference,
        "statements": imported.statements,
        "files": sorted(merged.files),
        "unresolved": [
            {"site": str(c.site), "citation": c.citation.text, "reason": c.reason} for c in imported.unresolved
        ],
        "conflicts": merged.conflicts,
    }
    _emit(args, data, "\n".join(lines))
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace, Registry], int]] = {
    "show": _show,
    "check": _check,
    "lint": _lint,
    "extract": _extract,
    "audit": lambda args, registry: _findings(args, registry.audit(on=args.on)),
    "export": _export,
    "changes": _changes,
    "timeline": _timeline,
    "search": _search,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 fine, 1 findings, 2 usage or data error).

    A reader that stops early (``| head -1``) ends the run quietly with the shell's code for
    a closed pipe, 141.
    """
    args = get_parser().parse_args(argv)
    if sys.stdout is None:
        print("itu-governance: error: standard output is closed", file=sys.stderr)
        return 2
    try:
        return _run(args)
    except BrokenPipeError:
        # Python's advice for pipes: send what is still buffered to nowhere, then stop.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "import-akn":
            return _import_akn(args)
        if args.command == "validate":
            load(args.data_dir or args.data)
            print("ok: the data loads with no problems")
            return 0
        registry = load(args.data)
        return _COMMANDS.get(args.command, _simple)(args, registry)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1 if args.command == "validate" else 2
    except BrokenPipeError:
        raise
    except (ItuGovernanceError, ImportError, ValueError, KeyError, OSError) as error:
        print(f"itu-governance: error: {error}", file=sys.stderr)
        return 2

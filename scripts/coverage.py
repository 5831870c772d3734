"""Generate ``docs/coverage.md``: what the dataset holds, and what is known to exist but missing.

The page is built from the checkout's ``data/`` folder (never from an installed copy) and from
``scripts/coverage-targets.yaml``, the curated list of records the dataset should hold. It depends
on nothing else (no clock, no file order), so the same data always gives the same page.

``python scripts/coverage.py`` rewrites the page; ``python scripts/coverage.py --check`` exits 1,
showing the difference, if the checked-in page is not the one the data gives. Both exit 2,
listing the problems, when the data does not load.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import yaml

import itu_governance as itu
from itu_governance import _keys, _kinds
from itu_governance.models import BodyType, Conference, Issuer, Lang, Meeting, OpenConsultation, Resolution, Revision

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TARGETS = Path(__file__).resolve().parent / "coverage-targets.yaml"
PAGE = ROOT / "docs" / "coverage.md"

ISSUER_NAMES = {
    Issuer.PP: "Plenipotentiary Conference",
    Issuer.COUNCIL: "Council",
    Issuer.WTSA: "WTSA",
    Issuer.WTDC: "WTDC",
    Issuer.RA: "Radiocommunication Assembly",
    Issuer.WRC: "WRC",
    Issuer.WCIT: "WCIT",
    Issuer.WATTC: "WATTC",
}
TYPE_NAMES = {code: name for name, code in _keys.TYPE_CODES.items()}
NONE = "—"
LANGS = tuple(sorted(lang.value for lang in Lang))
R = TypeVar("R", Meeting, OpenConsultation)


@attrs.frozen
class Target:
    """A record known to exist: the name the page shows and the key it is expected to have."""

    name: str
    key: str


@attrs.frozen
class Targets:
    """The curated targets: instruments, bodies, and conferences by conference type."""

    instruments: tuple[Target, ...]
    bodies: tuple[Target, ...]
    conferences: Mapping[Issuer, tuple[Target, ...]]

    @classmethod
    def read(cls, path: Path) -> Targets:
        """Read and check a targets file; ``ValueError`` names what is wrong."""
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(raw, dict) or not set(raw) <= {"instruments", "bodies", "conferences"}:
            msg = f"{path}: expected a mapping with instruments, bodies and conferences"
            raise TypeError(msg)
        conferences = raw.get("conferences") or {}
        if not isinstance(conferences, dict):
            msg = f"{path}: conferences: expected a mapping of conference type to targets"
            raise TypeError(msg)
        unknown = sorted(str(kind) for kind in conferences if kind not in {i.value for i in Issuer})
        if unknown:
            msg = f"{path}: conferences: not conference types: {', '.join(unknown)}"
            raise ValueError(msg)
        return cls(
            instruments=_targets(path, "instruments", raw.get("instruments"), "instrument"),
            bodies=_targets(path, "bodies", raw.get("bodies"), "body"),
            conferences={
                Issuer(kind): _targets(path, f"conferences.{kind}", entries, "conference")
                for kind, entries in conferences.items()
            },
        )


def _targets(path: Path, where: str, entries: object, kind: str) -> tuple[Target, ...]:
    if entries is None:
        return ()
    if not isinstance(entries, dict):
        msg = f"{path}: {where}: expected a mapping of name to {kind} key"
        raise TypeError(msg)
    bad = [f"{name}: {key!r}" for name, key in entries.items() if not isinstance(key, str) or not _is(key, kind)]
    if bad:
        msg = f"{path}: {where}: not {kind} keys: {'; '.join(bad)}"
        raise ValueError(msg)
    return tuple(Target(name=str(name), key=key) for name, key in entries.items())


def _is(key: str, kind: str) -> bool:
    return _keys.key_kind(key) == kind


def _found(reg: itu.Registry, target: Target) -> str | None:
    """The key under which the dataset holds a target, or ``None`` if it does not."""
    if target.key in reg:
        return target.key
    try:
        key = reg.key(target.name)
    except itu.NotFound:
        return None
    return key if _is(key, _keys.key_kind(target.key) or "") else None


# --- Markdown --------------------------------------------------------------------------------


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = [f"| {' | '.join(header)} |", f"| {' | '.join('---' for _ in header)} |"]
    lines += [f"| {' | '.join(_cell(v) for v in row)} |" for row in rows]
    return [*lines, ""]


def _code(key: str | None) -> str:
    return f"`{key}`" if key else NONE


def _ranges(numbers: Iterable[int]) -> str:
    """``[2, 3, 4, 7]`` -> ``2–4, 7``."""
    parts = []
    for _, run in itertools.groupby(enumerate(sorted(numbers)), key=lambda p: p[1] - p[0]):
        values = [n for _, n in run]
        parts.append(str(values[0]) if len(values) == 1 else f"{values[0]}–{values[-1]}")
    return ", ".join(parts) or NONE


def _missing(reg: itu.Registry, targets: Iterable[Target]) -> list[str]:
    """The paragraph listing the targets the dataset does not hold, if any."""
    missing = [f"{t.name} (`{t.key}`)" for t in targets if _found(reg, t) is None]
    return [f"Known to exist but missing: {', '.join(missing)}.", ""] if missing else []


def _count(found: int, total: int) -> str:
    return f"{found} of {total}" if total else NONE


def _share(found: int, total: int) -> str:
    """``3 of 4 (75%)``; the percentage is rounded down, so 95% means at least 95%."""
    return f"{found} of {total} ({found * 100 // total}%)" if total else NONE


def _titled(rev: Revision, lang: str = "en") -> bool:
    """Whether a source gives this revision's title in ``lang`` (the revision's own ``titles``)."""
    return lang in rev.titles


def _attested(record: object) -> bool:
    """Whether a record is known only from a citation (*attested*) rather than curated.

    A record is attested when its model marks it so (a true ``attested`` attribute, the
    marker of instruments imported from the citations of a text); every other record is
    curated. The page counts both, so that a citation-only record is never mistaken for
    a curated one.
    """
    return bool(getattr(record, "attested", False))


# --- sections --------------------------------------------------------------------------------


def _summary(reg: itu.Registry, targets: Targets) -> list[str]:
    def met(group: Sequence[Target]) -> tuple[str, int]:
        found = sum(_found(reg, t) is not None for t in group)
        return _count(found, len(group)), len(group) - found

    conference_targets = [t for group in targets.conferences.values() for t in group]
    gaps = sum(len(gaps) for _, gaps in _meeting_numbers(reg).values())
    revisions = reg.revisions()
    titled = sum(_titled(rev) for rev in revisions)
    attested = sum(res.attested for res in reg.resolutions())
    curated = len(reg.resolutions()) - attested
    rows = [
        (
            "instruments",
            (
                f"{len(reg.resolutions())} ({curated} curated or read from a text, {attested} attested by "
                f"citation only; {len(revisions)} revisions, {sum(r.attested for r in revisions)} attested)"
            ),
            *met(targets.instruments),
        ),
        ("revisions with an English title", _share(titled, len(revisions)), NONE, len(revisions) - titled),
        ("conferences and Council sessions", len(reg.conferences()), *met(conference_targets)),
        ("bodies", len(reg.bodies()), *met(targets.bodies)),
        ("meetings", len(reg.meetings()), NONE, gaps),
        ("open consultations", len(reg.consultations()), NONE, NONE),
    ]
    header = ("kind", "records", "targets in the dataset", "known to exist but missing")
    return ["## Summary", "", *_table(header, rows)]


def _revision_cell(res: Resolution) -> str:
    cells = []
    for rev in res.revisions:
        disputed = f" (disputed: {', '.join(d.field for d in rev.disputes)})" if rev.disputes else ""
        attested = " (attested)" if rev.attested else ""
        cells.append(f"{rev.year} {rev.designation.value}{attested}{disputed}")
    return "; ".join(cells)


def _end_cell(res: Resolution) -> str:
    end = res.end
    if end is None:
        return NONE
    text = f"{end.how.value} {end.year}"
    if end.absorbed_into:
        text += f", into `{end.absorbed_into}`"
    if end.superseded_by:
        text += f", by `{end.superseded_by}`"
    return text


def _instruments(reg: itu.Registry, targets: Targets) -> list[str]:
    lines = [
        "## Instruments",
        "",
        "Per issuing body and type: each instrument's revisions (with the fields on which sources",
        "disagree), whether its history is declared complete, and how it ended. A history not",
        "declared complete (no `complete: true`) may lack revisions: a later conference may have",
        "revised the instrument without the data knowing, and point-in-time answers say so.",
        "A revision marked *attested* is known only from a citation in another text (its session",
        "and designation as the citation states them, sourced to the citing clause).",
        "",
    ]

    def prefix(key: str) -> str:
        return key.rsplit("/", 1)[0]

    present: dict[str, list[Resolution]] = {}
    for res in reg.resolutions():
        present.setdefault(prefix(res.key), []).append(res)
    wanted: dict[str, list[Target]] = {}
    for target in targets.instruments:
        wanted.setdefault(prefix(target.key), []).append(target)
    order = [f"{issuer.value}/{code}" for issuer in Issuer for code in TYPE_NAMES]
    for group in sorted({*present, *wanted}, key=order.index):
        issuer, code = group.split("/")
        records = present.get(group, [])
        lines += [f"### {ISSUER_NAMES[Issuer(issuer)]} {TYPE_NAMES[code]}s (`{group}/…`)", ""]
        open_ = sum(not res.complete for res in records)
        disputed = sum(any(rev.disputes for rev in res.revisions) for res in records)
        only = sum(res.attested for res in records)
        counts = (
            f"{open_} with a history not declared complete; {disputed} with disputed revisions; "
            f"{only} attested by citation only"
        )
        lines += [f"{len(records)} in the dataset; {counts}.", ""]
        if records:
            rows = [
                (
                    _code(res.key),
                    res.title("en") or NONE,
                    _revision_cell(res),
                    "complete" if res.complete else "not declared complete",
                    _end_cell(res),
                )
                for res in records
            ]
            lines += _table(("instrument", "title", "revisions", "history", "ended"), rows)
        lines += _missing(reg, wanted.get(group, []))
    return lines


def _titles(reg: itu.Registry) -> list[str]:
    """Per issuer and kind: revisions with a title in each language, and curated vs attested."""
    groups: dict[str, list[Resolution]] = {}
    for res in reg.resolutions():
        groups.setdefault(res.key.rsplit("/", 1)[0], []).append(res)
    order = [f"{issuer.value}/{code}" for issuer in Issuer for code in TYPE_NAMES]
    header = ("issuer and kind", "instruments", "curated", "attested", "revisions", *LANGS)
    rows: list[tuple[object, ...]] = []
    missing: list[str] = []
    for group in sorted(groups, key=order.index):
        records = groups[group]
        revs = [rev for res in records for rev in res.revisions]
        issuer, code = group.split("/")
        attested = sum(_attested(res) for res in records)
        by_lang = [_count(sum(_titled(rev, lang) for rev in revs), len(revs)) for lang in LANGS]
        name = f"{ISSUER_NAMES[Issuer(issuer)]} {TYPE_NAMES[code]}s (`{group}/…`)"
        rows.append((name, len(records), len(records) - attested, attested, len(revs), *by_lang))
        missing += [f"`{rev.key}`" for rev in revs if not _titled(rev)]
    revisions = reg.revisions()
    total = [_count(sum(_titled(rev, lang) for rev in revisions), len(revisions)) for lang in LANGS]
    attested = sum(_attested(res) for res in reg.resolutions())
    rows.append(("all", len(reg.resolutions()), len(reg.resolutions()) - attested, attested, len(revisions), *total))
    lines = [
        "## Titles",
        "",
        "Per issuing body and kind of instrument: how many instruments are curated (every fact",
        "researched and sourced) or attested (known only from a citation in another text), and",
        "how many of their revisions carry a title in each of the six languages, as a source",
        "states it for that revision.",
        "",
        *(_table(header, rows) if groups else ["None.", ""]),
    ]
    if missing:
        lines += [f"Revisions without an English title ({len(missing)}): {', '.join(missing)}.", ""]
    return lines


def _disputes(reg: itu.Registry) -> list[str]:
    rows: list[tuple[str, str]] = []
    for key in reg:
        record: Any = reg.get(key)
        rows += [(_code(key), ", ".join(d.field for d in getattr(record, "disputes", ())))]
        rows += [
            (_code(part.key), ", ".join(d.field for d in part.disputes)) for part in _kinds.of(record).parts(record)
        ]
    rows = [row for row in rows if row[1]]
    lines = [
        "## Disputes",
        "",
        "Records and revisions on which sources disagree (each value is kept with its sources).",
        "",
    ]
    return lines + (_table(("record", "disputed fields"), rows) if rows else ["None.", ""])


def _dates(conf: Conference) -> str:
    if conf.start is None:
        return NONE
    return f"{conf.start} to {conf.end}" if conf.end and conf.end != conf.start else str(conf.start)


def _conferences(reg: itu.Registry, targets: Targets) -> list[str]:
    lines = ["## Conferences and Council sessions", ""]
    for issuer in Issuer:
        records = reg.conferences(issuer)
        wanted = targets.conferences.get(issuer, ())
        if not records and not wanted:
            continue
        title = "Council sessions" if issuer is Issuer.COUNCIL else f"{ISSUER_NAMES[issuer]} (`{issuer.value}`)"
        lines += [f"### {title}", "", f"{len(records)} in the dataset.", ""]
        rows = [(c.short_name, _code(c.key), _dates(c), c.city or NONE) for c in records]
        lines += _table(("conference", "key", "dates", "city"), rows) if rows else []
        lines += _missing(reg, wanted)
    return lines


def _bodies(reg: itu.Registry, targets: Targets) -> list[str]:
    meetings = _by_body(reg.meetings())
    consultations = _by_body(reg.consultations())
    rows = [
        (
            body.short_name,
            _code(body.key),
            body.type.value,
            _code(getattr(body, "established_by", None)),
            len(meetings.get(body.key, [])),
            len(consultations.get(body.key, [])),
        )
        for body in reg.bodies()
    ]
    header = ("body", "key", "type", "established by", "meetings", "open consultations")
    unestablished = [
        _code(body.key)
        for body in reg.bodies()
        if body.type is not BodyType.COUNCIL and getattr(body, "established_by", None) is None
    ]
    lead = f"Working and expert groups with no establishing instrument recorded ({len(unestablished)})"
    gaps = [f"{lead}; their sources say why: {', '.join(unestablished)}.", ""] if unestablished else []
    return [
        "## Bodies",
        "",
        f"{len(rows)} in the dataset.",
        "",
        *_table(header, rows),
        *gaps,
        *_missing(reg, targets.bodies),
    ]


def _by_body(records: Iterable[R]) -> dict[str, list[R]]:
    grouped: dict[str, list[R]] = {}
    for record in records:
        grouped.setdefault(record.body, []).append(record)
    return grouped


def _meeting_numbers(reg: itu.Registry) -> dict[str, tuple[set[int], set[int]]]:
    """Per body, the meeting numbers recorded and the lower ones that are not."""
    numbers: dict[str, tuple[set[int], set[int]]] = {}
    for body, meetings in sorted(_by_body(reg.meetings()).items()):
        ordinals = {m.ordinal for m in meetings}
        numbers[body] = (ordinals, set(range(1, max(ordinals))) - ordinals)
    return numbers


def _meetings(reg: itu.Registry) -> list[str]:
    rows = [
        (_code(body), len(ordinals), _ranges(ordinals), _ranges(gaps))
        for body, (ordinals, gaps) in _meeting_numbers(reg).items()
    ]
    lines = [
        "## Meetings",
        "",
        "Per body: the numbered meetings recorded, and the lower-numbered ones that must have been",
        "held but are not recorded.",
        "",
    ]
    header = ("body", "meetings", "numbers recorded", "known to exist but missing")
    return lines + (_table(header, rows) if rows else ["None.", ""])


def _consultations(reg: itu.Registry) -> list[str]:
    rows = []
    for body, found in sorted(_by_body(reg.consultations()).items()):
        counted = sum(1 for c in found if c.responses is not None and c.responses.total is not None)
        rows.append((_code(body), len(found), _count(counted, len(found))))
    lines = ["## Open consultations", ""]
    header = ("body", "open consultations", "with a total of responses")
    return lines + (_table(header, rows) if rows else ["None.", ""])


def render(data: Path = DATA, targets: Path = TARGETS) -> str:
    """The coverage page of the data folder ``data`` against the targets file ``targets``."""
    reg = itu.load(data)
    wanted = Targets.read(targets)
    lines = [
        "# Dataset coverage",
        "",
        "<!-- Generated by scripts/coverage.py from data/ and scripts/coverage-targets.yaml; do not edit.",
        "     Run `python scripts/coverage.py` to refresh it; `--check` tells whether it is current. -->",
        "",
        f"The dataset *{reg.dataset.name}* is curated up to **{reg.known_up_to.isoformat()}**",
        "(`known_up_to` in `data/dataset.yaml`): queries answer as of that date by default.",
        "",
        "*Known to exist but missing* lists the targets of `scripts/coverage-targets.yaml` (records the",
        "dataset should hold; targets, not facts) that the data does not have yet.",
        "",
        *_summary(reg, wanted),
        *_instruments(reg, wanted),
        *_titles(reg),
        *_disputes(reg),
        *_conferences(reg, wanted),
        *_bodies(reg, wanted),
        *_meetings(reg),
        *_consultations(reg),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is not current")
    parser.add_argument("--data", type=Path, default=DATA, help="the data folder (default: data/)")
    parser.add_argument("--targets", type=Path, default=TARGETS, help="the targets file")
    parser.add_argument("--output", type=Path, default=PAGE, help="the page (default: docs/coverage.md)")
    args = parser.parse_args(argv)
    try:
        page = render(args.data, args.targets)
    except itu.DataError as exc:
        print(f"{args.data} does not load, so the page cannot be made:\n{exc}", file=sys.stderr)
        return 2
    current = args.output.read_text(encoding="utf-8").replace("\r\n", "\n") if args.output.is_file() else ""
    if args.check:
        if current == page:
            return 0
        diff = difflib.unified_diff(current.splitlines(), page.splitlines(), "checked in", "from the data", lineterm="")
        print(*itertools.islice(diff, 60), sep="\n", file=sys.stderr)
        print(f"{args.output} is stale: run `python scripts/coverage.py`", file=sys.stderr)
        return 1
    if current != page:
        args.output.write_text(page, encoding="utf-8", newline="\n")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

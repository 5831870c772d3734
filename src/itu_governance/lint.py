"""Resolve citations to the revisions they mean, and lint whole documents, as of a date.

A document dated ``on`` that cites an instrument means the revision it names, or, without a
year, the revision in force that day. Resolving says which revision that is and flags what a
careful reader would: an instrument the data does not know, a revision that does not exist,
a citation that was already stale (a newer revision was in force), or an instrument already
abrogated or absorbed, with what replaced it.

>>> import datetime as dt, itu_governance as itu
>>> reg = itu.load()
>>> found = reg.resolve("第1344号决议", on=dt.date(2021, 1, 27))
>>> found.instrument, [f.code for f in found.findings]
('council/res/1344', ['absorbed'])
>>> found.current.key
'council/res/1336@2019'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from itu_governance import _patterns
from itu_governance.citations import Citation, extract_citations
from itu_governance.errors import NotFound
from itu_governance.findings import Finding, Severity
from itu_governance.graph import State
from itu_governance.models import Conference, Resolution, Revision

if TYPE_CHECKING:
    from itu_governance.registry import Registry

__all__ = ["CONTRADICTIONS", "LintReport", "Position", "Resolved", "lint", "position", "resolve"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(kw_only=True)
class Resolved:
    """What one citation means on a date.

    ``revision`` is the revision the citation names (or, without a year, the one in force on
    ``on``); ``current`` is the revision carrying the instrument's content on ``on`` (after an
    absorption, the absorbing one). Either is ``None`` where the data cannot say.
    """

    citation: Citation
    on: dt.date
    instrument: str | None
    revision: Revision | None
    current: Revision | None
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when nothing worse than a note was found."""
        return all(f.severity is Severity.INFO for f in self.findings)


_NOQA: Final = re.compile(r"itu:\s*noqa(?:\[(?P<codes>[a-z, -]*)\])?", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class Position:
    """Where a finding is in its document: 1-based line and column, in characters of the text."""

    line: int
    column: int
    end_line: int
    end_column: int


def position(text: str, offset: int) -> tuple[int, int]:
    r"""The 1-based ``(line, column)`` of a character offset of ``text``.

    >>> position("one\ntwo Resolution 1344", 8)
    (2, 5)
    """
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


@attrs.frozen(kw_only=True)
class LintReport:
    r"""Every citation of a document, resolved as of the document's date.

    ``text`` is the document, so that findings can be placed by line and column;
    ``suppressed`` holds the findings silenced on purpose (an ``itu: noqa`` marker on their
    line, or a code in ``ignore=``).

    >>> import datetime as dt, itu_governance as itu
    >>> text = "Intro.\nSee Resolution 1344 (Mod. 2015).\nNot Council Resolution 9999."
    >>> report = itu.load().lint(text, on=dt.date(2021, 1, 27))
    >>> report.ok, [f.code for f in report.findings]
    (False, ['absorbed', 'unknown-instrument'])
    >>> print(report)  # doctest: +ELLIPSIS
    2:5: warning[absorbed]: Resolution 1344 (Mod. 2015): council/res/1344 was abrogated ...
    3:5: warning[unknown-instrument]: Council Resolution 9999: no such instrument in the dataset ...
    >>> [f.code for f in report.select(code="absorbed")]
    ['absorbed']
    """

    on: dt.date
    resolved: tuple[Resolved, ...]
    text: str = ""
    suppressed: tuple[Finding, ...] = ()

    @property
    def findings(self) -> list[Finding]:
        """All findings not suppressed, in the order of the text."""
        silenced = {id(f) for f in self.suppressed}
        return [f for r in self.resolved for f in r.findings if id(f) not in silenced]

    @property
    def ok(self) -> bool:
        """True when no finding is worse than a note (``info``)."""
        return all(f.severity is Severity.INFO for f in self.findings)

    @property
    def instruments(self) -> frozenset[str]:
        """The keys of the instruments the document cites."""
        return frozenset(r.instrument for r in self.resolved if r.instrument is not None)

    def select(
        self,
        severity: Severity | str | Iterable[Severity | str] | None = None,
        code: str | Iterable[str] | None = None,
    ) -> list[Finding]:
        """The findings of some severities and/or codes (each a value or a collection of them)."""
        severities = None if severity is None else {Severity(s) for s in _many(severity)}
        codes = None if code is None else set(_many(code))
        return [
            f
            for f in self.findings
            if (severities is None or f.severity in severities) and (codes is None or f.code in codes)
        ]

    def where(self, finding: Finding) -> Position | None:
        """The finding's line and column (1-based, in characters), start and end; ``None`` without a span."""
        if finding.span is None:
            return None
        line, column = position(self.text, finding.span[0])
        end_line, end_column = position(self.text, finding.span[1])
        return Position(line=line, column=column, end_line=end_line, end_column=end_column)

    def rows(self) -> list[dict[str, object]]:
        """One plain dict per finding: severity, code, message, subject, basis, line, column, span."""
        rows: list[dict[str, object]] = []
        for f in self.findings:
            where = self.where(f)
            rows.append(
                {
                    "severity": f.severity.value,
                    "code": f.code,
                    "message": f.message,
                    "subject": f.subject,
                    "basis": list(f.basis),
                    "line": where.line if where else None,
                    "column": where.column if where else None,
                    "span": list(f.span) if f.span else None,
                }
            )
        return rows

    def to_dataframe(self) -> Any:  # noqa: ANN401 (a pandas DataFrame; pandas is optional)
        """The findings as a pandas DataFrame, one row per finding (needs the ``pandas`` extra)."""
        from itu_governance._frames import pandas  # noqa: PLC0415 (optional)

        pd = pandas()
        columns = ["severity", "code", "message", "subject", "basis", "line", "column", "span"]
        return pd.DataFrame(self.rows(), columns=columns)

    def __str__(self) -> str:
        lines = []
        for f in self.findings:
            where = self.where(f)
            lines.append(f"{where.line}:{where.column}: {f}" if where else str(f))
        return "\n".join(lines) if lines else "no findings"


def _many(value: str | Iterable[Any]) -> Iterable[Any]:
    return [value] if isinstance(value, str) else value


def _suppressed(text: str, findings: Iterable[Finding], ignore: Iterable[str]) -> tuple[Finding, ...]:
    """Findings silenced by a code in ``ignore`` or an ``itu: noqa`` / ``itu: noqa[code, ...]`` on their line."""
    ignored = set(ignore)
    silenced = []
    for f in findings:
        if f.code in ignored:
            silenced.append(f)
            continue
        if f.span is None:
            continue
        start = text.rfind("\n", 0, f.span[0]) + 1
        end = text.find("\n", f.span[1])
        marker = _NOQA.search(text[start : len(text) if end < 0 else end])
        if marker is not None and (
            marker["codes"] is None or f.code in {c.strip() for c in marker["codes"].split(",")}
        ):
            silenced.append(f)
    return tuple(silenced)


def _finding(citation: Citation, severity: Severity, code: str, message: str, *basis: str) -> Finding:
    return Finding(
        severity=severity,
        code=code,
        message=f"{citation.text or citation}: {message}",
        basis=basis,
        span=citation.span if citation.text else None,
    )


def resolve(
    registry: Registry, citation: Citation | str, on: dt.date | None = None, context: object = None
) -> Resolved:
    """Resolve one citation (a :class:`Citation` or text to parse) on a date (default: known_up_to).

    ``context`` is what is known of the citing document (see :class:`~itu_governance.citations.Context`).
    """
    if isinstance(citation, str):
        from itu_governance.citations import parse_citation  # noqa: PLC0415

        citation = parse_citation(citation, context=context, registry=registry)
    day = registry.as_of(on)
    notes = [
        _finding(citation, Severity.INFO, "irregular-form", f"{found!r} read as {meant!r}")
        for found, meant in citation.irregular
    ]
    try:
        instrument = registry.resolution(citation)
    except NotFound:
        notes += _contradictions(registry, citation, None)
        notes.append(
            _finding(
                citation,
                Severity.WARNING,
                "unknown-instrument",
                "no such instrument in the dataset (it may be outside what the data covers)",
            )
        )
        return Resolved(citation=citation, on=day, instrument=None, revision=None, current=None, findings=tuple(notes))
    status = registry.status(instrument.key, on=day)
    revision = _named_revision(instrument, citation, status.revision)
    notes += _contradictions(registry, citation, instrument.issuer.value)
    notes += _check(citation, instrument, revision, status, day)
    return Resolved(
        citation=citation,
        on=day,
        instrument=instrument.key,
        revision=revision,
        current=registry.current(instrument.key, on=day),
        findings=tuple(notes),
    )


CONTRADICTIONS: Final[Mapping[str, str]] = {
    "place-year": "the place hosted no session of that year (Busan, 2018: Busan was 2014)",
    "body-place": "the body's session of that year met elsewhere (a Council resolution of Dubai, 2019)",
    "session-year": "the session named is of another year than the revision cited (WTSA-16 ... Rev. 2012)",
    "body-session": "the session named is of another body than the one cited (Council ... Rev. PP-18)",
}
"""The lint codes of a citation that contradicts the conferences, each with what disagrees."""


def _named(conference: Conference) -> str:
    """A session as a reader knows it, with its record: ``PP-14 (conf/pp-14, Busan, 2014)``."""
    where = ", ".join(str(part) for part in (conference.city, conference.year) if part)
    return f"{conference.short_name} ({conference.key}{', ' + where if where else ''})"


def _sessions(registry: Registry, keys: Iterable[str]) -> str:
    return "; ".join(_named(registry.conference(key)) for key in sorted(set(keys))) or "none in the data"


def _contradictions(registry: Registry, citation: Citation, issuer: str | None) -> list[Finding]:
    """Where a citation's place, year, session or body disagree with the conferences of the data.

    ``issuer`` is the issuer of the instrument the citation resolved to, if any: it says which
    session of the year the citation should have named.
    """
    from itu_governance.citations import _gazetteer  # noqa: PLC0415 (the sessions the citations are read with)

    gazetteer = _gazetteer(registry)
    found: list[Finding] = []
    body = citation.body.value if citation.body is not None and citation.basis == "text" else None
    if citation.named_session is not None:
        named = registry.conference(citation.named_session)
        if body is not None and named.type.value != body:
            found.append(
                _finding(
                    citation,
                    Severity.ERROR,
                    "body-session",
                    f"the text names a {body} instrument, but {_named(named)} is a {named.type.value} session",
                    named.key,
                )
            )
        if (
            citation.year is not None
            and named.year is not None
            and named.year != citation.year
            # "WTSA-20" met in 2022: a year that is the designation's own is no contradiction
            and gazetteer.session(named.type.value, citation.year, "") != named.key
        ):
            same = [s.key for s in gazetteer.of(named.type.value, citation.year)]
            found.append(
                _finding(
                    citation,
                    Severity.ERROR,
                    "session-year",
                    f"{_named(named)} met in {named.year}, but the revision cited is of {citation.year} "
                    f"({named.type.value} sessions of {citation.year}: {_sessions(registry, same)})",
                    named.key,
                    *same,
                )
            )
    if citation.place is not None and citation.year is not None:
        found += _place_findings(registry, citation, citation.place, citation.year, body or issuer)
    return found


def _place_findings(registry: Registry, citation: Citation, place: str, year: int, body: str | None) -> list[Finding]:
    """A place and year that disagree with the sessions: none met there that year, or not the body's.

    ``body`` is the issuer the text names, else the one of the instrument cited, if known.
    """
    from itu_governance.citations import _gazetteer  # noqa: PLC0415

    gazetteer = _gazetteer(registry)
    here = gazetteer.at(place, year)
    if any(body is None or s.type == body for s in here):
        return []
    folded = _fold(place)
    hosted = sorted({s.key for (town, _), sessions in gazetteer.by_place.items() if town == folded for s in sessions})
    of_year = [t for (_, when), sessions in gazetteer.by_type.items() if when == year for t in sessions]
    if not hosted and any(folded in _fold(name) for t in of_year for name in (t.short_name, *t.names)):
        return []  # "(Radiocommunication Assembly, 2007)": not a city, a session's name where a place stands
    own = [s.key for s in gazetteer.of(body, year)] if body is not None else []
    hosted_own = [k for k in hosted if body is None or registry.conference(k).type.value == body]
    if hosted_own or not hosted or not own:
        # the place is right for the body but not the year, or the data never names the place
        what = f"no {body + ' ' if body else ''}session in the data met in {place} in {year}"
        if hosted_own:
            what += f"; {place} hosted {_sessions(registry, hosted_own)}"
        if own:
            what += f"; the {body} session of {year} is {_sessions(registry, own)}"
        # the data lists the place's sessions: firm; a place it never names may be a gap in the data
        severity = Severity.ERROR if hosted_own else Severity.WARNING
        return [_finding(citation, severity, "place-year", what, *own, *hosted_own)]
    what = f"the {body} session of {year} is {_sessions(registry, own)}, not in {place} " + (
        f"({place} hosted {_sessions(registry, (s.key for s in here))} that year)"
        if here
        else f"(no {body} session in the data met in {place})"
    )
    return [_finding(citation, Severity.ERROR, "body-place", what, *own)]


def _fold(place: str) -> str:
    """A place as the gazetteer indexes it."""
    return _patterns.fold(place).replace("-", " ")


def _named_revision(instrument: Resolution, citation: Citation, in_force: Revision | None) -> Revision | None:
    if citation.year is None:
        return in_force
    return next((r for r in instrument.revisions if r.year == citation.year), None)


def _check(
    citation: Citation, instrument: Resolution, revision: Revision | None, status: object, day: dt.date
) -> list[Finding]:
    from itu_governance.graph import Status  # noqa: PLC0415

    assert isinstance(status, Status)  # noqa: S101
    found = []
    if citation.year is not None and revision is None:
        known = ", ".join(str(r.year) for r in instrument.revisions)
        severity, why = (
            (Severity.ERROR, "the data lists every revision")
            if instrument.complete
            else (Severity.WARNING, "the data may not list every revision")
        )
        found.append(
            _finding(
                citation,
                severity,
                "unknown-revision",
                f"{instrument.key} has no revision of {citation.year} (known: {known}; {why})",
            )
        )
    elif revision is not None and status.revision is not None and revision.year > status.revision.year:
        found.append(
            _finding(
                citation,
                Severity.ERROR,
                "not-yet-adopted",
                f"{revision.key} was not yet adopted on {day}",
                revision.key,
            )
        )
    elif (
        revision is not None
        and status.revision is not None
        and revision.year < status.revision.year
        and status.state is State.IN_FORCE
    ):
        found.append(
            _finding(
                citation,
                Severity.WARNING,
                "stale",
                f"{status.revision.key} was in force on {day}, not {revision.key}",
                status.revision.key,
            )
        )
    if (
        status.state is State.IN_FORCE
        and not status.certain
        and status.revision is not None
        and (citation.year is None or revision == status.revision)
    ):
        found.append(
            _finding(
                citation,
                Severity.INFO,
                "uncertain",
                f"{', '.join(status.unchecked)} met after {status.revision.key} and may have revised "
                f"{instrument.key} (the data does not list every revision)",
                *status.unchecked,
            )
        )
    if status.state is State.NOT_YET_ADOPTED:
        found.append(
            _finding(citation, Severity.ERROR, "not-yet-adopted", f"{instrument.key} was not yet adopted on {day}")
        )
    elif status.state.ended:
        event = status.event
        assert event is not None  # noqa: S101 (an ended status names its ending)
        verb = "abrogated" if status.state is State.ABSORBED else status.state.value
        what = f"{verb} by {event.by} on {event.date}"
        if status.successor:
            what += (
                f"; its content is in {status.successor}"
                if status.state is State.ABSORBED
                else f"; replaced by {status.successor}"
            )
        found.append(
            _finding(
                citation,
                Severity.WARNING,
                status.state.value,
                f"{instrument.key} was {what}",
                *([status.successor] if status.successor else []),
            )
        )
    return found


def lint(
    registry: Registry, text: str, on: dt.date | None = None, context: object = None, *, ignore: Iterable[str] = ()
) -> LintReport:
    """Find, resolve and check every citation in a document dated ``on``.

    ``context`` is what is known of the document: its session ("PP-18") or issuer ("wtdc"),
    so that "this conference" and bare citations resolve (see
    :class:`~itu_governance.citations.Context`); without it nothing is guessed.
    A finding is suppressed on purpose by its code in ``ignore`` (a configuration list), or by
    a comment on its line: ``itu: noqa`` silences every finding there, ``itu: noqa[stale]``
    only those codes.

    >>> import datetime as dt, itu_governance as itu
    >>> report = itu.load().lint("Resolution 1344 (Mod. 2015) sets the modalities.", on=dt.date(2016, 3, 1))
    >>> report.instruments, report.findings
    (frozenset({'council/res/1344'}), [])
    """
    day = registry.as_of(on)
    found = extract_citations(text, context=context, registry=registry)
    resolved = tuple(resolve(registry, c, day) for c in found)
    findings = [f for r in resolved for f in r.findings]
    return LintReport(on=day, resolved=resolved, text=text, suppressed=_suppressed(text, findings, ignore))

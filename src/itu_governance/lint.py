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
from typing import TYPE_CHECKING

import attrs

from itu_governance.citations import Citation, extract_citations
from itu_governance.errors import NotFound
from itu_governance.findings import Finding, Severity
from itu_governance.graph import State
from itu_governance.models import Resolution, Revision

if TYPE_CHECKING:
    from itu_governance.registry import Registry

__all__ = ["LintReport", "Resolved", "lint", "resolve"]


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


@attrs.frozen(kw_only=True)
class LintReport:
    """Every citation of a document, resolved as of the document's date."""

    on: dt.date
    resolved: tuple[Resolved, ...]

    @property
    def findings(self) -> list[Finding]:
        """All findings, in the order of the text."""
        return [f for r in self.resolved for f in r.findings]

    @property
    def instruments(self) -> frozenset[str]:
        """The keys of the instruments the document cites."""
        return frozenset(r.instrument for r in self.resolved if r.instrument is not None)

    def __str__(self) -> str:
        lines = [f"{f.span[0]}-{f.span[1]}: {f}" if f.span else str(f) for f in self.findings]
        return "\n".join(lines) if lines else "no findings"


def _finding(citation: Citation, severity: Severity, code: str, message: str, *basis: str) -> Finding:
    return Finding(
        severity=severity,
        code=code,
        message=f"{citation.text or citation}: {message}",
        basis=basis,
        span=citation.span if citation.text else None,
    )


def resolve(registry: Registry, citation: Citation | str, on: dt.date | None = None) -> Resolved:
    """Resolve one citation (a :class:`Citation` or text to parse) on a date (default: known_up_to)."""
    if isinstance(citation, str):
        from itu_governance.citations import parse_citation  # noqa: PLC0415

        citation = parse_citation(citation)
    day = registry.as_of(on)
    notes = [
        _finding(citation, Severity.INFO, "irregular-form", f"{found!r} read as {meant!r}")
        for found, meant in citation.irregular
    ]
    try:
        instrument = registry.resolution(citation)
    except NotFound:
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
    notes += _check(citation, instrument, revision, status, day)
    return Resolved(
        citation=citation,
        on=day,
        instrument=instrument.key,
        revision=revision,
        current=registry.current(instrument.key, on=day),
        findings=tuple(notes),
    )


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


def lint(registry: Registry, text: str, on: dt.date | None = None) -> LintReport:
    """Find, resolve and check every citation in a document dated ``on``.

    >>> import datetime as dt, itu_governance as itu
    >>> report = itu.load().lint("Resolution 1344 (Mod. 2015) sets the modalities.", on=dt.date(2016, 3, 1))
    >>> report.instruments, report.findings
    (frozenset({'council/res/1344'}), [])
    """
    day = registry.as_of(on)
    return LintReport(on=day, resolved=tuple(resolve(registry, c, day) for c in extract_citations(text)))

"""Procedural rules stated by instruments: Decision 11 and how Council working groups are run.

A revision's ``procedures`` are data (see ``docs/data-format.md``): each says what the revision
requires of a kind of body and applies while that revision is the one in force, the same
mechanism as participation rules. This module finds the rules in force and runs each kind over
the records. The audit rows of :mod:`itu_governance._audit` and the term-of-office part of
:func:`~itu_governance.rules.check` are built on it.

Where the records cannot decide (a term with no end date, a start known only to the year), a
check says so with a ``cannot-tell`` finding and what data would settle it, never "fine".
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from itu_governance import _keys, _kinds
from itu_governance.findings import Finding, Severity
from itu_governance.models import (
    BodyType,
    Conference,
    Issuer,
    Officer,
    OfficerRole,
    ProcedureKind,
    ProcedureRule,
    Revision,
    WorkingGroup,
)

if TYPE_CHECKING:
    from itu_governance.registry import Registry


@attrs.frozen
class RuleInForce:
    """A procedural rule, the revision that states it, and the days that revision is in force.

    ``end`` is the first day it no longer is (``None``: still in force).
    """

    revision: Revision
    rule: ProcedureRule
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        """Whether the rule is in force on ``day``."""
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether the rule is in force on some day from ``first`` to ``last`` (inclusive)."""
        return self.start <= last and (self.end is None or first < self.end)

    @property
    def basis(self) -> str:
        """The revision key and clause, as findings cite them: ``pp/dec/11@2018, decides 8``."""
        return f"{self.revision.key}, {self.rule.clause}" if self.rule.clause else self.revision.key

    @property
    def cited(self) -> str:
        """The revision as a citation, with the clause: ``Decision 11 (Rev. Dubai, 2018), decides 8``."""
        from itu_governance.citations import format_citation  # noqa: PLC0415 (citations is a heavier module)

        text = format_citation(self.revision, "en")
        return f"{text}, {self.rule.clause}" if self.rule.clause else f"{text} (clause not seen)"


def rules(registry: Registry, kind: ProcedureKind, body_type: BodyType) -> list[RuleInForce]:
    """Every rule of ``kind`` for ``body_type`` in the data, with when each is in force, oldest first."""
    found: list[RuleInForce] = []
    for line in registry.timelines.values():
        revisions = line.instrument.revisions
        if not any(r.procedures for r in revisions):
            continue
        for i, revision in enumerate(revisions):
            end = line.dates[i + 1] if i + 1 < len(revisions) else (line.end.date if line.end else None)
            found.extend(
                RuleInForce(revision, rule, line.dates[i], end)
                for rule in revision.procedures
                if rule.rule is kind and body_type in rule.applies_to
            )
    return sorted(found, key=lambda r: (r.start, r.revision.key))


def in_force(registry: Registry, kind: ProcedureKind, body_type: BodyType, day: dt.date) -> list[RuleInForce]:
    """The rules of ``kind`` for ``body_type`` in force on ``day``."""
    return [r for r in rules(registry, kind, body_type) if r.covers(day)]


def instruments(registry: Registry, body_type: BodyType) -> set[str]:
    """The instruments whose revisions state procedural rules for ``body_type``."""
    return {r.revision.instrument for kind in ProcedureKind for r in rules(registry, kind, body_type)}


def _span(conference: Conference) -> tuple[dt.date, dt.date]:
    """The first and last possible day of a conference or session."""
    start = conference.start or conference.end
    end = conference.end or conference.start
    assert start is not None  # noqa: S101 (callers pass dated conferences only)
    assert end is not None  # noqa: S101
    return start.earliest, end.latest


def _conferences(registry: Registry, issuer: Issuer) -> list[Conference]:
    return [c for c in registry.conferences(issuer) if c.start is not None or c.end is not None]


def next_conference(registry: Registry, day: dt.date) -> Conference | None:
    """The first Plenipotentiary Conference in the data that starts after ``day``."""
    return next((c for c in _conferences(registry, Issuer.PP) if _span(c)[0] > day), None)


def _life(registry: Registry, group: WorkingGroup) -> tuple[dt.date | None, dt.date | None]:
    """When a group's establishing revision took effect, and when its instrument ended (if it did)."""
    if group.established_by is None:
        return None, None
    instrument, year = _keys.split_revision_key(group.established_by)
    line = registry.timelines[instrument]
    start = next(d for r, d in zip(line.instrument.revisions, line.dates, strict=True) if r.year == year)
    return start, line.end.date if line.end else None


def _period(registry: Registry, revision: str) -> tuple[dt.date, dt.date | None]:
    """The days a revision carries its instrument's content: from its adoption to the next revision or the end."""
    instrument, year = _keys.split_revision_key(revision)
    line = registry.timelines[instrument]
    years = [r.year for r in line.instrument.revisions]
    i = years.index(year)
    end = line.dates[i + 1] if i + 1 < len(years) else (line.end.date if line.end else None)
    return line.dates[i], end


def _groups(registry: Registry) -> Iterator[WorkingGroup]:
    return (g for b in registry.bodies() if (g := _kinds.as_group(b)) is not None)


def _issuer_of(key: str) -> Issuer:
    """The issuer of the instrument a revision key names (``wtsa/res/75@2016`` -> ``wtsa``)."""
    return Issuer(_keys.instrument_of(key).split("/", 1)[0])


def _fold(name: str) -> str:
    return re.sub(r"[\W_]+", " ", name).casefold().strip()


def _term(officer: Officer) -> str:
    return f"{officer.start or '?'} to {officer.end or '?'}"


_ROLE = {OfficerRole.CHAIR: "chairman", OfficerRole.VICE_CHAIR: "vice-chairman"}

# --- decides 1: who creates, continues or terminates a group ----------------------------------


def created_by(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """A group is created by an instrument of an issuer the rule in force names (PP or Council)."""
    for group in _groups(registry):
        start, end = _life(registry, group)
        for rule in rules(registry, ProcedureKind.CREATED_BY, group.type):
            if rule.start > on:
                continue
            if group.established_by is None:
                yield Finding(
                    severity=Severity.UNDECIDED,
                    code="created-by",
                    subject=group.key,
                    message=f"no establishing instrument in the data, so whether {group.short_name} was created by "
                    f"{_issuers(rule)} cannot be told ({rule.cited}); its establishing revision would settle it",
                    basis=(rule.basis,),
                )
                continue
            assert start is not None  # noqa: S101 (an established group has a start)
            if not rule.overlaps(start, min(on, end or on)):
                continue
            issuer = _issuer_of(group.established_by)
            if issuer not in rule.rule.issuers:
                yield Finding(
                    severity=Severity.ERROR,
                    code="created-by",
                    subject=group.key,
                    message=f"established by {group.established_by}, a {issuer.value} instrument: "
                    f"{rule.cited} has CWGs created by {_issuers(rule)}",
                    basis=(rule.basis, group.established_by),
                )


def _issuers(rule: RuleInForce) -> str:
    names = {Issuer.PP: "the Plenipotentiary Conference", Issuer.COUNCIL: "the Council"}
    return " or ".join(names.get(i, f"the {i.value.upper()}") for i in sorted(rule.rule.issuers))


# --- decides 3: who decides mandates and working procedures ----------------------------------


def mandate_by(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """A group's mandate and working procedures rest on instruments of the issuers the rule names.

    Only while the group exists. A mandate stated by the Plenipotentiary Conference itself (which
    adopts Decision 11 and may instruct the Council) is not a breach the records can show: the
    Council act that gave the group that mandate may simply be missing, so it cannot be told.
    """
    for group in _groups(registry):
        born, ended = _life(registry, group)
        bases = sorted({c.basis for c in group.mandate} | {r.basis for r in group.participation})
        for rule, basis in itertools.product(rules(registry, ProcedureKind.MANDATE_BY, group.type), bases):
            first, after = _period(registry, basis)
            last = min(on, after - dt.timedelta(days=1)) if after else on
            first, last = max(first, born or first), min(last, ended or last)
            if first > last or not rule.overlaps(first, last):
                continue
            issuer = _issuer_of(basis)
            if issuer in rule.rule.issuers:
                continue
            stated = f"its mandate or working procedures rest on {basis}, a {issuer.value} instrument"
            if issuer is Issuer.PP:
                yield Finding(
                    severity=Severity.UNDECIDED,
                    code="mandate-by",
                    subject=group.key,
                    message=f"{stated}: {rule.cited} has them decided by {_issuers(rule)}; the Council act that set "
                    "them on the Conference's instruction is not in the data and would settle it",
                    basis=(rule.basis, basis),
                )
            else:
                yield Finding(
                    severity=Severity.ERROR,
                    code="mandate-by",
                    subject=group.key,
                    message=f"{stated}: {rule.cited} has them decided by {_issuers(rule)}",
                    basis=(rule.basis, basis),
                )


# --- decides 8: the term of office -----------------------------------------------------------


def _spans(officer: Officer, conference: Conference) -> bool:
    """Whether the term certainly began before the conference and ended after it."""
    first, last = _span(conference)
    return (
        officer.start is not None
        and officer.end is not None
        and officer.start.latest < first
        and officer.end.earliest > last
    )


def _may_span(officer: Officer, conference: Conference, life: tuple[dt.date | None, dt.date | None]) -> bool:
    """Whether the term may have run across the conference, as far as the data says."""
    first, last = _span(conference)
    began = officer.start.earliest if officer.start else life[0]
    ended = officer.end.latest if officer.end is not None else (life[1] or dt.date.max)
    return (began is None or began < first) and ended > last


def term_limit(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """A term of office stays within the interval between two consecutive Plenipotentiary Conferences.

    A term certainly spanning two conferences is an error; spanning one, a warning (a
    re-appointment recorded as one term); one whose dates leave it open, ``cannot-tell``.
    """
    conferences = [c for c in _conferences(registry, Issuer.PP) if _span(c)[0] <= on]
    for group in _groups(registry):
        life = _life(registry, group)
        limits = [r for r in rules(registry, ProcedureKind.TERM_LIMIT, group.type) if r.start <= on]
        for officer in group.officers:
            yield from _one_term(group, officer, conferences, life, limits, code="term-limit")


def _one_term(  # noqa: PLR0913 (a term, where it sits, and what bounds it)
    group: WorkingGroup,
    officer: Officer,
    conferences: Sequence[Conference],
    life: tuple[dt.date | None, dt.date | None],
    limits: Sequence[RuleInForce],
    *,
    code: str,
) -> Iterator[Finding]:
    certain = [c for c in conferences if _spans(officer, c)]
    possible = [c for c in conferences if _may_span(officer, c, life)]
    who = f"{officer.name}'s term as {_ROLE[officer.role]} ({_term(officer)})"
    if len(certain) >= 2 and (rule := _first(limits, certain[1:])) is not None:
        yield _finding(
            Severity.ERROR,
            group,
            f"{who} spans {certain[0].short_name} and {certain[1].short_name}: it exceeds the interval "
            f"between consecutive Plenipotentiary Conferences ({rule.cited})",
            rule,
            code=code,
        )
    elif len(certain) == 1 and (rule := _first(limits, certain)) is not None:
        yield _finding(
            Severity.WARNING,
            group,
            f"{who} runs across {certain[0].short_name}: a term ends with the interval between conferences "
            f"({rule.cited}); record a re-appointment after it as a term of its own",
            rule,
            code=code,
        )
    elif applying := _distinct(r for c in possible for r in limits if r.covers(_span(c)[1])):
        if officer.start is None and officer.end is None:
            gap = f"{officer.name}'s term as {_ROLE[officer.role]} has no dates in the data"
        else:
            missing = "end" if officer.end is None else "start" if officer.start is None else "exact dates"
            gap = f"{who} has no {missing} in the data and may run across " + ", ".join(c.short_name for c in possible)
        yield Finding(
            severity=Severity.UNDECIDED,
            code=code,
            subject=group.key,
            message=f"{gap}: whether it stays within one interval between Plenipotentiary Conferences cannot be "
            f"told ({'; '.join(r.cited for r in applying)}); its start and end, or the Council session that "
            "appointed the officer, would settle it",
            basis=tuple(r.basis for r in applying),
        )


def _distinct(found: Iterable[RuleInForce]) -> list[RuleInForce]:
    return list(dict.fromkeys(found))


def _first(limits: Sequence[RuleInForce], conferences: Sequence[Conference]) -> RuleInForce | None:
    """The limit in force at the close of the first of ``conferences`` that has one."""
    return next((r for c in conferences for r in limits if r.covers(_span(c)[1])), None)


def _finding(severity: Severity, group: WorkingGroup, message: str, rule: RuleInForce, *, code: str) -> Finding:
    return Finding(severity=severity, code=code, subject=group.key, message=message, basis=(rule.basis,))


# --- decides 9: the chairman who cannot remain, and the "partial" term ----------------------------


def partial_term(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """A chairman appointed because the previous one could not remain comes from the current vice-chairmen."""
    for group in _groups(registry):
        for officer in group.officers:
            if officer.role is not OfficerRole.CHAIR or not officer.partial:
                continue
            if officer.start is None:
                candidates = [r for r in rules(registry, ProcedureKind.PARTIAL_TERM, group.type) if r.start <= on]
                if candidates:
                    yield _finding(
                        Severity.UNDECIDED,
                        group,
                        f"{officer.name} replaced {officer.replaces} as chairman, but the data gives no start: "
                        f"which revision applied cannot be told ({candidates[-1].cited}); the start would settle it",
                        candidates[-1],
                        code="partial-term",
                    )
                continue
            if officer.start.earliest > on:
                continue
            found = in_force(registry, ProcedureKind.PARTIAL_TERM, group.type, officer.start.latest)
            if found:
                yield from _successor(group, officer, found[0], code="partial-term")


def _successor(group: WorkingGroup, officer: Officer, rule: RuleInForce, *, code: str) -> Iterator[Finding]:
    assert officer.start is not None  # noqa: S101
    first, last = officer.start.earliest, officer.start.latest
    terms = [o for o in group.officers if o.role is OfficerRole.VICE_CHAIR and _fold(o.name) == _fold(officer.name)]
    certain = [
        o
        for o in terms
        if o.start is not None and o.start.latest <= first and o.end is not None and o.end.earliest >= last
    ]
    possible = [
        o for o in terms if (o.start is None or o.start.earliest <= last) and (o.end is None or o.end.latest >= first)
    ]
    who = f"{officer.name}, chairman from {officer.start} in place of {officer.replaces},"
    if certain:
        return
    if possible:
        yield _finding(
            Severity.UNDECIDED,
            group,
            f"{who} may have been a vice-chairman then, but the dates of that term cannot tell ({rule.cited}); "
            "the start and end of the vice-chairmanship would settle it",
            rule,
            code=code,
        )
    else:
        yield _finding(
            Severity.WARNING,
            group,
            f"{who} is not among the group's vice-chairmen in the data at that date: the new chairman is, as a "
            f"rule, appointed from among the current vice-chairmen ({rule.cited})",
            rule,
            code=code,
        )


# --- decides 13: the four-year reports ----------------------------------------------------------


def _last_trace(registry: Registry, group: WorkingGroup, start: dt.date) -> dt.date:
    """The latest day the data surely shows the group at work: set up, meeting, consulting, chaired or mandated."""
    days = [start, *(m.start.earliest for m in registry.meetings(group.key))]
    days += [c.online.start.earliest for c in registry.consultations(group.key) if c.online]
    days += [d.earliest for o in group.officers for d in (o.start, o.end) if d is not None]
    bases = [c.basis for c in group.mandate] + [r.basis for r in group.participation]
    days += [_period(registry, basis)[0] for basis in bases]
    return max(days)


def four_year_report(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """Each group reports to each Plenipotentiary Conference, through the Council session before it.

    A group whose ending is not in the data may have ended long before: a missing report is a
    warning only where the data shows the group at work since the previous conference opened.
    """
    sessions = _conferences(registry, Issuer.COUNCIL)
    previous: Conference | None = None
    for conference in _conferences(registry, Issuer.PP):
        opens = _span(conference)[0]
        before = [s for s in sessions if _span(s)[0] < opens]
        since, previous = previous, conference
        if not before or opens > on:  # only once the conference opens is the session before it known
            continue
        session = before[-1]
        day = _span(session)[0]
        for group in _groups(registry):
            start, end = _life(registry, group)
            found = in_force(registry, ProcedureKind.FOUR_YEAR_REPORT, group.type, day)
            if not found or start is None or start > day or (end is not None and end <= day):
                continue
            rule = found[0]
            reports = [r for r in group.four_year_reports if r.conference == conference.key]
            if not reports:  # the trace is looked up only where a report is missing
                considers = f"the Council session before it ({session.short_name}) considers each group's report"
                trace = _last_trace(registry, group, start)
                if since is None or trace >= _span(since)[0]:  # it was at work: it had to report
                    yield _finding(
                        Severity.WARNING,
                        group,
                        f"no four-year report to {conference.short_name} in the data: {considers} ({rule.cited})",
                        rule,
                        code="four-year-report",
                    )
                else:  # it may have ended before the conference
                    yield _finding(
                        Severity.UNDECIDED,
                        group,
                        f"no four-year report to {conference.short_name} in the data, but nothing in it shows the "
                        f"group at work after {since.short_name} opened (its latest trace is of {trace}, and its "
                        f"ending is not recorded), so whether it still had to report cannot be told: {considers} "
                        f"({rule.cited}); its ending or its report would settle it",
                        rule,
                        code="four-year-report",
                    )
            for report in reports:
                if report.considered_by is not None and report.considered_by != session.key:
                    yield _finding(
                        Severity.WARNING,
                        group,
                        f"its report to {conference.short_name} was considered by {report.considered_by}, not by "
                        f"the session before the conference ({session.key}; {rule.cited})",
                        rule,
                        code="four-year-report",
                    )


# --- for eligibility verdicts ---------------------------------------------------------------------


def tenure(registry: Registry, group: WorkingGroup, person: str | None, day: dt.date) -> list[tuple[RuleInForce, str]]:
    """What the term-of-office rules in force on ``day`` add to an answer about chairing ``group``.

    Each item is a rule and the condition it sets: the term ends by the next Plenipotentiary
    Conference; a named person's partial term as chairman is not taken into account.
    """
    added: list[tuple[RuleInForce, str]] = []
    for rule in in_force(registry, ProcedureKind.TERM_LIMIT, group.type, day):
        upcoming = next_conference(registry, day)
        until = f"{upcoming.short_name} ({_span(upcoming)[0]})" if upcoming else "the next Plenipotentiary Conference"
        added.append((rule, f"for a term ending no later than {until}"))
    if person is None:
        return added
    partial = [
        o
        for o in group.officers
        if o.role is OfficerRole.CHAIR
        and o.partial
        and _fold(o.name) == _fold(person)
        and o.start is not None
        and o.start.earliest <= day
    ]
    for rule in in_force(registry, ProcedureKind.PARTIAL_TERM, group.type, day):
        added.extend(
            (rule, f"{o.name}'s partial term as chairman from {o.start} is not taken into account") for o in partial
        )
    return added

"""Procedural rules: named checks over the records, each citing the source it rests on.

To add one, write a function ``(registry, on) -> Iterator[Finding]`` and a
:class:`ProceduralRule` row in :data:`RULES`. Re-exported by :mod:`itu_governance.rules`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Final

import attrs

from itu_governance import _keys, _kinds, _procedure
from itu_governance.findings import Finding, Severity
from itu_governance.models import OfficerRole

if TYPE_CHECKING:
    from itu_governance.registry import Registry


@attrs.frozen
class ProceduralRule:
    """A named check over the records, with the source it rests on."""

    code: str
    summary: str
    source: str
    run: Callable[[Registry, dt.date], Iterator[Finding]]

    def __call__(self, registry: Registry, on: dt.date) -> list[Finding]:
        """Run the check; findings dated after ``on`` are not reported."""
        return list(self.run(registry, on))


def _consultation_before_meeting(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """An open consultation's online phase opens before its physical meeting.

    And the group meets after the consultation opens: its inputs go to the group's next meeting.
    """
    for consultation in registry.consultations():
        online, physical = consultation.online, consultation.physical_meeting
        if online is None or online.start.earliest > on:
            continue
        if physical is not None and physical.date is not None and physical.date.latest < online.start.earliest:
            yield Finding(
                severity=Severity.ERROR,
                code="consultation-order",
                subject=consultation.key,
                message=f"the physical meeting ({physical.date}) precedes the online phase ({online.start})",
            )
        later = [m for m in registry.meetings(consultation.body) if m.start.earliest >= online.start.earliest]
        if not later and (online.end is None or online.end.latest < on):
            yield Finding(
                severity=Severity.INFO,
                code="consultation-inputs",
                subject=consultation.key,
                message="no later meeting of the group is in the data to receive the inputs",
            )


def _report_before_noting(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """A meeting's report is approved by the group before the Council notes it."""
    for meeting in registry.meetings():
        report = meeting.report
        if report is None or report.noted_by is None or meeting.start.earliest > on:
            continue
        session = registry.conference(report.noted_by)
        if report.approved_by_group is not True:
            yield Finding(
                severity=Severity.ERROR,
                code="report-not-approved",
                subject=meeting.key,
                message=f"the Council ({session.short_name}) noted a report the group did not approve",
            )
        elif session.end is not None and session.end.latest < meeting.start.earliest:
            yield Finding(
                severity=Severity.ERROR,
                code="report-order",
                subject=meeting.key,
                message=f"{session.short_name} noted the report before the meeting took place",
            )


def _responses_add_up(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """A consultation's responses by category add up to its stated total."""
    for consultation in registry.consultations():
        responses = consultation.responses
        if responses is None or responses.total is None or not responses.by_category:
            continue
        if consultation.online is not None and consultation.online.start.earliest > on:
            continue
        if responses.categorised != responses.total:
            parts = " + ".join(str(n) for _, n in responses.by_category)
            yield Finding(
                severity=Severity.WARNING,
                code="responses-total",
                subject=consultation.key,
                message=f"{responses.total} responses stated, but {parts} = {responses.categorised} "
                "by category (kept as published)",
            )


def _meeting_within_mandate_life(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """A working group's meeting falls within the life of the instrument that establishes it."""
    for meeting in registry.meetings():
        group = _kinds.as_group(registry.body(meeting.body))
        if meeting.start.earliest > on or group is None or group.established_by is None:
            continue
        instrument = _keys.instrument_of(group.established_by)
        start = meeting.start.earliest
        # A meeting before the establishing revision's session does not load: the loader refuses
        # it. One during that session, before the revision's assumed day of effect (the session's
        # end, when the data has no day), is the group's first meeting, not a meeting after an end.
        established = group.established_by
        if _keys.key_kind(established) == "revision" and start < registry.revision(established).effective:
            continue
        if registry.current(instrument, on=start) is None:
            yield Finding(
                severity=Severity.ERROR,
                code="meeting-after-mandate",
                subject=meeting.key,
                message=f"meets on {start}, after {instrument} ended",
                basis=(instrument,),
            )


def _chairs_do_not_overlap(registry: Registry, on: dt.date) -> Iterator[Finding]:
    """A body's chairs' terms do not overlap."""
    del on
    for group in filter(None, map(_kinds.as_group, registry.bodies())):
        chairs = [o for o in group.officers if o.role is OfficerRole.CHAIR and o.start is not None]
        for a, b in itertools.combinations(chairs, 2):
            assert a.start is not None  # noqa: S101 (filtered above)
            assert b.start is not None  # noqa: S101
            a_end = a.end.latest if a.end else dt.date.max
            b_end = b.end.latest if b.end else dt.date.max
            if a.start.latest < b_end and b.start.latest < a_end:
                yield Finding(
                    severity=Severity.ERROR,
                    code="chairs-overlap",
                    subject=group.key,
                    message=f"{a.name} ({a.start}-{a.end or ''}) and {b.name} "
                    f"({b.start}-{b.end or ''}) chair at the same time",
                )


RULES: Final = (
    ProceduralRule(
        "consultation-order",
        "An open consultation's online phase precedes its physical meeting, "
        "and its inputs go to the group's next meeting.",
        "Council Resolution 1344 (Mod. 2015); Council Resolution 1336 (Mod. 2019)",
        _consultation_before_meeting,
    ),
    ProceduralRule(
        "report-order",
        "A meeting's report is approved by the group before the Council notes it.",
        "the Council's Rules of Procedure, Rule 12.4 as amended in 2006 (Ref. C06/74, C06/86): working groups "
        "submit their conclusions to the bodies that established them",
        _report_before_noting,
    ),
    ProceduralRule(
        "responses-total",
        "A consultation's responses by category add up to its stated total.",
        "data quality: the published figures are kept as published",
        _responses_add_up,
    ),
    ProceduralRule(
        "meeting-within-mandate",
        "A working group meets within the life of the instrument that establishes it.",
        "the establishing resolution or decision of each group",
        _meeting_within_mandate_life,
    ),
    ProceduralRule(
        "chairs-overlap",
        "A body's chairs' terms do not overlap.",
        "one chairman at a time: Decision 11 (Rev. Dubai, 2018), decides 9, has a new chairman appointed "
        "when the chairman cannot remain in office",
        _chairs_do_not_overlap,
    ),
    ProceduralRule(
        "created-by",
        "A working group is created by an instrument of the bodies the rule in force names.",
        "the created-by procedures of instruments: Decision 11 (Rev. Dubai, 2018), decides 1",
        _procedure.created_by,
    ),
    ProceduralRule(
        "mandate-by",
        "A working group's mandate and working procedures rest on instruments of the bodies the rule names.",
        "the mandate-by procedures: Decision 11 (Guadalajara, 2010); Decision 11 (Rev. Dubai, 2018), decides 3",
        _procedure.mandate_by,
    ),
    ProceduralRule(
        "term-limit",
        "A term of office stays within the interval between consecutive Plenipotentiary Conferences.",
        "the term-limit procedures: Decision 11 (Rev. Dubai, 2018), decides 8; Decision 11 (Rev. Bucharest, 2022)",
        _procedure.term_limit,
    ),
    ProceduralRule(
        "partial-term",
        "A chairman who replaces one unable to remain in office comes from the current vice-chairmen.",
        "the partial-term procedures: Decision 11 (Rev. Dubai, 2018), decides 9",
        _procedure.partial_term,
    ),
    ProceduralRule(
        "four-year-report",
        "Each group's four-year report goes to the Council session before each Plenipotentiary Conference.",
        "the four-year-report procedures: Decision 11 (Rev. Dubai, 2018), decides 13",
        _procedure.four_year_report,
    ),
)


def audit(registry: Registry, on: dt.date | None = None) -> list[Finding]:
    """Run every procedural rule over the whole dataset, as of ``on`` (default: known_up_to)."""
    day = registry.as_of(on)
    return [finding for rule in RULES for finding in rule(registry, day)]

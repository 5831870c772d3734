"""Rules as code: who may do what in a body, what a body's mandate covers, and procedural checks.

Every answer is dated and cites its basis: the revision (and clause) that decides it. The
participation rules and mandate clauses are data (each body's YAML record); a rule applies
while its basis revision is the one carrying its instrument's content, so when Council 2019
folded Resolution 1344 into 1336, the consultation rules of 1336 (Mod. 2019) took over.

>>> import datetime as dt, itu_governance as itu
>>> reg = itu.load()
>>> verdict = reg.check("sector-member:ITU-T:Example Corp", "attend-meeting", "CWG-Internet",
...                     on=dt.date(2021, 1, 27))
>>> verdict.allowed, verdict.reason
(False, 'CWG-Internet: attend-meeting is open to member-state only')
>>> [b.revision for b in verdict.basis]
['council/res/1336@2019']
>>> reg.check("sector-member:ITU-T:Example Corp", "respond-to-consultation", "CWG-Internet",
...           on=dt.date(2021, 1, 27)).allowed
True
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final

import attrs
from attrs import validators as v

from itu_governance.findings import Finding, Severity
from itu_governance.models import (
    Action,
    Audience,
    MandateClause,
    OfficerRole,
    ParticipationRule,
    Provision,
    WorkingGroup,
    _Vocabulary,
)

if TYPE_CHECKING:
    from itu_governance.registry import Registry

__all__ = [
    "RULES",
    "Actor",
    "ActorCategory",
    "Basis",
    "Change",
    "MandateMatch",
    "ProceduralRule",
    "Sector",
    "Verdict",
    "audit",
    "check",
    "mandate",
    "parse_action",
    "why_changed",
    "within_mandate",
]


def __dir__() -> list[str]:
    return __all__


class ActorCategory(_Vocabulary):
    """Who an actor is: an ITU membership category, or a non-member as consultations count them."""

    MEMBER_STATE = "member-state"
    SECTOR_MEMBER = "sector-member"
    ASSOCIATE = "associate"
    ACADEMIA = "academia"
    GOVERNMENT = "government"
    PRIVATE_SECTOR = "private-sector"
    CIVIL_SOCIETY = "civil-society"
    INTERGOVERNMENTAL = "intergovernmental"
    INDIVIDUAL = "individual"
    OTHER = "other"


class Sector(_Vocabulary):
    """The three Sectors of the ITU."""

    ITU_R = "ITU-R"
    ITU_T = "ITU-T"
    ITU_D = "ITU-D"


# Which membership category each audience of a participation rule admits.
_ADMITS: Final = {
    Audience.MEMBER_STATE: ActorCategory.MEMBER_STATE,
    Audience.SECTOR_MEMBER: ActorCategory.SECTOR_MEMBER,
    Audience.ASSOCIATE: ActorCategory.ASSOCIATE,
    Audience.ACADEMIA: ActorCategory.ACADEMIA,
}
_COUNTRY: Final = re.compile(r"[A-Z]{3}")


@attrs.frozen(kw_only=True)
class Actor:
    """Someone who wants to take part: a Member State, a Sector Member, a non-member...

    Parses from and prints as a short string: ``member-state:SAU``,
    ``sector-member:ITU-T:<name>``, ``associate:<sector>:<name>``, ``academia:<name>``,
    ``civil-society``, ``private-sector``, ``intergovernmental``, ``individual``,
    ``government``, ``other``.

    >>> str(Actor.parse("sector-member:ITU-T:Example Corp"))
    'sector-member:ITU-T:Example Corp'
    """

    category: ActorCategory = attrs.field(converter=ActorCategory)
    country: str | None = attrs.field(default=None, validator=v.optional(v.matches_re(_COUNTRY)))
    sector: Sector | None = attrs.field(default=None, converter=attrs.converters.optional(Sector))
    name: str | None = attrs.field(default=None, validator=v.optional(v.min_len(1)))

    @category.validator
    def _check(self, _attribute: attrs.Attribute[ActorCategory], value: ActorCategory) -> None:
        if value is ActorCategory.MEMBER_STATE and self.country is None:
            msg = "a Member State is named by its ISO 3166 alpha-3 code: member-state:SAU"
            raise ValueError(msg)
        if value in {ActorCategory.SECTOR_MEMBER, ActorCategory.ASSOCIATE} and self.sector is None:
            msg = f"a {value.value} belongs to a Sector: {value.value}:ITU-T:<name>"
            raise ValueError(msg)

    @classmethod
    def parse(cls, text: str) -> Actor:
        """Read an actor from its short string; ``ValueError`` with an example otherwise."""
        head, _, rest = text.partition(":")
        try:
            category = ActorCategory(head)
        except ValueError:
            msg = f"expected an actor like 'member-state:SAU' or 'civil-society', got {text!r}"
            raise ValueError(msg) from None
        if category is ActorCategory.MEMBER_STATE:
            return cls(category=category, country=rest or None)
        if category in {ActorCategory.SECTOR_MEMBER, ActorCategory.ASSOCIATE}:
            sector, _, name = rest.partition(":")
            if not sector:
                msg = f"expected '{head}:ITU-T:<name>', got {text!r}"
                raise ValueError(msg)
            return cls(category=category, sector=sector, name=name or None)
        return cls(category=category, name=rest or None)

    def __str__(self) -> str:
        parts = [self.category.value, self.country or "", self.sector.value if self.sector else "", self.name or ""]
        return ":".join(p for p in parts if p)

    def admitted_by(self, audiences: Iterable[Audience]) -> bool:
        """Whether a rule open to ``audiences`` admits this actor."""
        return any(a is Audience.ALL_STAKEHOLDERS or _ADMITS.get(a) is self.category for a in audiences)


def parse_action(text: str | Action) -> Action:
    """An :class:`~itu_governance.Action` from its short string (``attend-meeting``...)."""
    return Action(text)


@attrs.frozen(kw_only=True)
class Basis:
    """What decides an answer: a revision, the clause in it, and any condition it sets."""

    revision: str
    clause: str | None = None
    condition: str | None = None

    def __str__(self) -> str:
        text = self.revision + (f", {self.clause}" if self.clause else "")
        return f"{text} ({self.condition})" if self.condition else text


@attrs.frozen(kw_only=True)
class Verdict:
    """May this actor do this action in this body on this date, and why.

    ``allowed`` is True, False, or None when the rules in force do not say. ``conditions``
    lists what an allowance depends on ("when addressing the draft Strategic Plan").
    """

    actor: Actor
    action: Action
    body: str
    on: dt.date
    allowed: bool | None
    reason: str
    basis: tuple[Basis, ...] = ()
    conditions: tuple[str, ...] = ()

    def __str__(self) -> str:
        answer = {True: "allowed", False: "denied", None: "not-said"}[self.allowed]
        basis = "; ".join(str(b) for b in self.basis) or "none"
        return f"{answer}: {self.reason} [basis: {basis}]"


def _in_force(registry: Registry, basis: str, on: dt.date) -> bool:
    """Whether ``basis`` is the revision carrying its instrument's content on ``on``."""
    current = registry.current(basis.partition("@")[0], on=on)
    return current is not None and current.key == basis


def _rule_basis(rule: ParticipationRule) -> Basis:
    return Basis(revision=rule.basis, clause=rule.clause, condition=rule.condition)


def check(
    registry: Registry, actor: Actor | str, action: Action | str, body: str, on: dt.date | None = None
) -> Verdict:
    """Decide whether ``actor`` may do ``action`` in ``body`` on ``on`` (default: known_up_to)."""
    who = actor if isinstance(actor, Actor) else Actor.parse(actor)
    what = parse_action(action)
    group = registry.body(body)
    day = registry._on(on)  # noqa: SLF001 (the registry's own default-date rule)
    name = group.short_name
    verdict = functools.partial(Verdict, actor=who, action=what, body=group.key, on=day)
    if not isinstance(group, WorkingGroup):
        return verdict(
            allowed=None,
            reason=f"{name}: the dataset holds no participation rules for it",
        )
    if group.established_by is not None and not _established(registry, group.established_by, day):
        return verdict(
            allowed=False,
            reason=f"{name} was not yet established on {day}",
            basis=(Basis(revision=group.established_by),),
        )
    rules = [r for r in group.participation if what in r.actions and _in_force(registry, r.basis, day)]
    if not rules:
        return verdict(
            allowed=None,
            reason=f"{name}: no rule in force on {day} says who may {what.value}",
        )
    admitting = [r for r in rules if who.admitted_by(r.open_to)]
    if not admitting:
        audiences = sorted({a.value for r in rules for a in r.open_to})
        return verdict(
            allowed=False,
            reason=f"{name}: {what.value} is open to {', '.join(audiences)} only",
            basis=tuple(_rule_basis(r) for r in rules),
        )
    unconditional = [r for r in admitting if r.condition is None]
    chosen = unconditional or admitting
    conditions = () if unconditional else tuple(sorted({r.condition for r in admitting if r.condition}))
    reason = f"{name}: {what.value} is open to {who.category.value}"
    if conditions:
        reason += f" ({'; '.join(conditions)})"
    return verdict(
        allowed=True,
        reason=reason,
        basis=tuple(_rule_basis(r) for r in chosen),
        conditions=conditions,
    )


def _established(registry: Registry, revision: str, on: dt.date) -> bool:
    line = registry.timelines[revision.partition("@")[0]]
    year = int(revision.rpartition("@")[2])
    day = next(d for r, d in zip(line.instrument.revisions, line.dates, strict=True) if r.year == year)
    return on >= day


@attrs.frozen(kw_only=True)
class Change:
    """An answer that changed between two dates, and the revision that changed it."""

    before: Verdict
    after: Verdict
    date: dt.date
    revision: str | None

    def __str__(self) -> str:
        return f"on {self.date}, {self.revision or 'an event'} changed the answer: {self.before} -> {self.after}"


def why_changed(  # noqa: PLR0913, PLR0917 (the question has six parts)
    registry: Registry, actor: Actor | str, action: Action | str, body: str, start: dt.date, end: dt.date
) -> Change | None:
    """The first revision between ``start`` and ``end`` that changed the answer, or None.

    Answers can only change on the days a revision behind one of the body's rules was adopted
    or its instrument ended, so only those days are checked.
    """
    group = registry.body(body)
    instruments = {r.basis.partition("@")[0] for r in group.participation} if isinstance(group, WorkingGroup) else set()
    days = sorted({e.date for key in instruments for e in registry.timelines[key].events if start < e.date <= end})
    previous = check(registry, actor, action, body, start)
    for day in days:
        now = check(registry, actor, action, body, day)
        if (now.allowed, now.basis) != (previous.allowed, previous.basis):
            cause = next((b.revision for b in now.basis if b not in previous.basis), None)
            if cause is None:  # a basis ended: name the event that ended it
                ended = [
                    e
                    for key in instruments
                    for e in registry.timelines[key].events
                    if e.date == day and e.kind.value in {"abrogated", "suppressed", "superseded"}
                ]
                cause = ended[0].other or ended[0].instrument if ended else None
            return Change(before=previous, after=now, date=day, revision=cause)
        previous = now
    return None


def mandate(registry: Registry, body: str, on: dt.date | None = None) -> list[MandateClause]:
    """The mandate clauses of ``body`` in force on ``on``, each with its basis revision."""
    group = registry.body(body)
    day = registry._on(on)  # noqa: SLF001
    if not isinstance(group, WorkingGroup):
        return []
    return [c for c in group.mandate if _in_force(registry, c.basis, day)]


@attrs.frozen(kw_only=True)
class MandateMatch:
    """A mandate clause or listed issue that a topic matches, and how well.

    ``basis`` is the revision that states the text; ``words`` the topic's words found in it.
    """

    clause: str
    text: str
    basis: str
    words: tuple[str, ...]
    score: float


_STOPWORDS: Final = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "its",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "their",
        "all",
        "any",
        "such",
        "other",
        "those",
    ]
)


def _stems(text: str) -> dict[str, str]:
    """The content words of a text by a crude stem: their first six letters.

    So "protecting" meets "protection". Each stem maps to the word it came from.
    """
    words = (w for w in re.findall(r"[^\W_]+", text.casefold()) if w not in _STOPWORDS and len(w) > 2)
    return {w[:6]: w for w in words}


def within_mandate(registry: Registry, body: str, topic: str, on: dt.date | None = None) -> list[MandateMatch]:
    """The mandate clauses, and issues incorporated by reference, that a topic matches.

    Best first; an empty list when nothing matches.

    The issues come from the provisions of the instruments the clauses cite (for CWG-Internet,
    the list in Annex 1 of Council Resolution 1305), as stated by the latest revision of each
    adopted by ``on`` whose text the data holds. Words are compared by a crude stem; words
    that occur in more than a quarter of the candidate texts ("internet", for CWG-Internet) do
    not discriminate and are not matched.

    >>> import datetime as dt, itu_governance as itu
    >>> [(m.clause, m.basis) for m in itu.load().within_mandate("CWG-Internet", "expanding Internet connectivity",
    ...                                                         on=dt.date(2021, 1, 27))][:2]
    [('Annex 1 (ii)', 'council/res/1305@2009'), ('instructs the Directors of the Bureaux 2', 'pp/res/102@2018')]
    """
    candidates: list[tuple[str, str, str]] = []
    for clause in mandate(registry, body, on):
        candidates.append((clause.clause, clause.text, clause.basis))
        for citation in _cited(clause.text):
            candidates.extend((p.clause, p.text, key) for key, p in _provisions(registry, citation, on))
    candidates = list(dict.fromkeys(candidates))  # two clauses citing one instrument give its issues once
    vocabulary = [set(_stems(text)) for _, text, _ in candidates]
    common = {w for w in set().union(*vocabulary) if sum(w in words for words in vocabulary) * 4 > len(vocabulary)}
    topic_words = _stems(topic)
    wanted = set(topic_words) - common
    matches = []
    for (label, text, basis), words in zip(candidates, vocabulary, strict=True):
        found = wanted & words
        if found:
            matches.append(
                MandateMatch(
                    clause=label,
                    text=text,
                    basis=basis,
                    words=tuple(sorted(topic_words[w] for w in found)),
                    score=len(found) / len(wanted),
                )
            )
    return sorted(matches, key=lambda m: (-m.score, m.basis, m.clause))


def _cited(text: str) -> list[str]:
    from itu_governance.citations import extract_citations  # noqa: PLC0415

    return [str(c) for c in extract_citations(text)]


def _provisions(registry: Registry, citation: str, on: dt.date | None) -> Iterator[tuple[str, Provision]]:
    instrument = registry.resolution(citation)
    day = registry._on(on)  # noqa: SLF001
    stated = [r for r in instrument.revisions if r.provisions and r.effective <= day]
    if stated:
        yield from ((stated[-1].key, p) for p in stated[-1].provisions)


# --- procedural rules over records ------------------------------------------------------------


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
        group = registry.body(meeting.body)
        if meeting.start.earliest > on or not isinstance(group, WorkingGroup) or group.established_by is None:
            continue
        instrument = group.established_by.partition("@")[0]
        start = meeting.start.earliest
        if not _established(registry, group.established_by, start):
            yield Finding(
                severity=Severity.ERROR,
                code="meeting-before-mandate",
                subject=meeting.key,
                message=f"meets on {start}, before {group.established_by} established {group.short_name}",
                basis=(group.established_by,),
            )
        elif registry.current(instrument, on=start) is None:
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
    for group in registry.bodies():
        if not isinstance(group, WorkingGroup):
            continue
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
        "Council working-group practice (reports are submitted to the Council for noting)",
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
        "chairs-overlap", "A body's chairs' terms do not overlap.", "one chair at a time", _chairs_do_not_overlap
    ),
)


def audit(registry: Registry, on: dt.date | None = None) -> list[Finding]:
    """Run every procedural rule over the whole dataset, as of ``on`` (default: known_up_to)."""
    day = registry._on(on)  # noqa: SLF001
    return [finding for rule in RULES for finding in rule(registry, day)]

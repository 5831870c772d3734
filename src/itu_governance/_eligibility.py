"""Eligibility: who may do what in a body on a date, and the revision that decides it.

The participation rules are data (each body's YAML record); a rule applies while its basis
revision is the one carrying its instrument's content. Re-exported by :mod:`itu_governance.rules`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

import attrs
from attrs import validators as v

from itu_governance import _keys, _kinds
from itu_governance.models import Action, Audience, ParticipationRule, _Vocabulary

if TYPE_CHECKING:
    from itu_governance.registry import Registry


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


def in_force_basis(registry: Registry, basis: str, on: dt.date) -> bool:
    """Whether ``basis`` is the revision carrying its instrument's content on ``on``."""
    current = registry.current(_keys.instrument_of(basis), on=on)
    return current is not None and current.key == basis


def _rule_basis(rule: ParticipationRule) -> Basis:
    return Basis(revision=rule.basis, clause=rule.clause, condition=rule.condition)


def check(
    registry: Registry, actor: Actor | str, action: Action | str, body: str, on: dt.date | None = None
) -> Verdict:
    """Decide whether ``actor`` may do ``action`` in ``body`` on ``on`` (default: known_up_to)."""
    who = actor if isinstance(actor, Actor) else Actor.parse(actor)
    what = parse_action(action)
    found = registry.body(body)
    day = registry.as_of(on)
    name = found.short_name
    verdict = functools.partial(Verdict, actor=who, action=what, body=found.key, on=day)
    group = _kinds.as_group(found)
    if group is None:
        return verdict(
            allowed=None,
            reason=f"{name}: the dataset holds no participation rules for it",
        )
    if group.established_by is not None and not established(registry, group.established_by, day):
        return verdict(
            allowed=False,
            reason=f"{name} was not yet established on {day}",
            basis=(Basis(revision=group.established_by),),
        )
    rules = [r for r in group.participation if what in r.actions and in_force_basis(registry, r.basis, day)]
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


def established(registry: Registry, revision: str, on: dt.date) -> bool:
    instrument, year = _keys.split_revision_key(revision)
    line = registry.timelines[instrument]
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
    group = _kinds.as_group(registry.body(body))
    instruments = {_keys.instrument_of(r.basis) for r in group.participation} if group is not None else set()
    days = sorted({e.date for key in instruments for e in registry.timelines[key].events if start < e.date <= end})
    previous = check(registry, actor, action, body, start)
    for day in days:
        now = check(registry, actor, action, body, day)
        if (now.allowed, now.basis) != (previous.allowed, previous.basis):
            cause = next((b.revision for b in now.basis if b not in previous.basis), None)
            if cause is None:  # a basis ended: name the event that ended it
                ended = [
                    ending
                    for key in sorted(instruments)
                    if (ending := registry.timelines[key].end) is not None and ending.date == day
                ]
                cause = ended[0].other or ended[0].instrument if ended else None
            return Change(before=previous, after=now, date=day, revision=cause)
        previous = now
    return None

"""Typed, immutable domain objects: instruments, revisions, conferences, bodies and records.

Every class is an attrs ``frozen``, slotted, keyword-only class whose validators reject an
invalid object at construction, so no invalid object can exist. Collections are tuples,
frozensets or :class:`Texts`. Objects are built from YAML by :mod:`itu_governance.loader`,
never by unpacking a mapping into ``__init__``.

>>> from itu_governance import PartialDate, Revision, Source
>>> rev = Revision(instrument="council/res/1344", year=2015, designation="revised",
...                adopted_by="conf/c15", sources=[Source(ref="C15/INF/1")])
>>> rev.key
'council/res/1344@2015'
>>> rev.designation
<Designation.REVISED: 'revised'>
>>> PartialDate.parse("2020-02").latest
datetime.date(2020, 2, 29)
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, TypeVar

import attrs
from attrs import validators as v

from itu_governance import _keys
from itu_governance._fields import spec

__all__ = [
    "Action",
    "Audience",
    "BodyType",
    "Conference",
    "Council",
    "Count",
    "Dataset",
    "Designation",
    "Dispute",
    "DisputedValue",
    "End",
    "EndHow",
    "FourYearReport",
    "InstrumentType",
    "Issuer",
    "Lang",
    "MandateClause",
    "Meeting",
    "MeetingMode",
    "Officer",
    "OfficerRole",
    "OpenConsultation",
    "PartialDate",
    "ParticipationRule",
    "PhysicalConsultationMeeting",
    "ProcedureKind",
    "ProcedureRule",
    "Provision",
    "Relation",
    "RelationType",
    "Report",
    "Resolution",
    "Responses",
    "Revision",
    "Source",
    "Texts",
    "Window",
    "WorkingGroup",
]


def __dir__() -> list[str]:
    return __all__


class _Vocabulary(str, enum.Enum):
    """A closed vocabulary whose values are the strings used in the data files.

    Calling the class with a wrong value names the valid ones:
    ``Designation("amended")`` raises ``ValueError: expected one of 'adopted', ...``.
    """

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> None:
        choices = ", ".join(repr(m.value) for m in cls)
        msg = f"expected one of {choices}, got {value!r}"
        raise ValueError(msg)


class Lang(_Vocabulary):
    """The six official languages of the ITU."""

    AR = "ar"
    EN = "en"
    ES = "es"
    FR = "fr"
    RU = "ru"
    ZH = "zh"


class Issuer(_Vocabulary):
    """A body that adopts numbered instruments; also the type of its conferences or sessions."""

    PP = "pp"
    COUNCIL = "council"
    WTSA = "wtsa"
    WTDC = "wtdc"
    RA = "ra"
    WRC = "wrc"
    WCIT = "wcit"
    WATTC = "wattc"


class InstrumentType(_Vocabulary):
    """What kind of numbered instrument a record is."""

    RESOLUTION = "resolution"
    DECISION = "decision"
    RECOMMENDATION = "recommendation"


class Designation(_Vocabulary):
    """How a revision is designated: its adoption, or a later revision or modification."""

    ADOPTED = "adopted"
    REVISED = "revised"
    MODIFIED = "modified"


class RelationType(_Vocabulary):
    """What one revision does to another record, as its text states."""

    CITES = "cites"
    INSTRUCTS = "instructs"
    ESTABLISHES = "establishes"
    AMENDS = "amends"


class EndHow(_Vocabulary):
    """How an instrument stopped being in force."""

    ABROGATED = "abrogated"
    SUPPRESSED = "suppressed"
    SUPERSEDED = "superseded"


class BodyType(_Vocabulary):
    """What kind of body a record describes."""

    COUNCIL = "council"
    COUNCIL_WORKING_GROUP = "council-working-group"
    EXPERT_GROUP = "expert-group"
    DEDICATED_GROUP = "dedicated-group"


class MeetingMode(_Vocabulary):
    """Where a meeting was held."""

    PHYSICAL = "physical"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"


class OfficerRole(_Vocabulary):
    """An office in a body."""

    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"


class ProcedureKind(_Vocabulary):
    """What a procedural rule of an instrument checks; :mod:`itu_governance.rules` runs each kind."""

    CREATED_BY = "created-by"
    MANDATE_BY = "mandate-by"
    TERM_LIMIT = "term-limit"
    PARTIAL_TERM = "partial-term"
    FOUR_YEAR_REPORT = "four-year-report"


class Action(_Vocabulary):
    """Something an actor may or may not do in a body's work."""

    ATTEND_MEETING = "attend-meeting"
    SUBMIT_CONTRIBUTION = "submit-contribution"
    ACCESS_DOCUMENTS = "access-documents"
    CHAIR = "chair"
    RESPOND_TO_CONSULTATION = "respond-to-consultation"
    ATTEND_CONSULTATION_MEETING = "attend-consultation-meeting"


class Audience(_Vocabulary):
    """Who a participation rule opens an action to."""

    MEMBER_STATE = "member-state"
    SECTOR_MEMBER = "sector-member"
    ASSOCIATE = "associate"
    ACADEMIA = "academia"
    ALL_STAKEHOLDERS = "all-stakeholders"


_T = TypeVar("_T")


def _tuple(values: Iterable[_T]) -> tuple[_T, ...]:
    """Store a collection as a tuple: ``@frozen`` is shallow, so fields must not be lists."""
    return tuple(_not_a_string(values))  # type: ignore[arg-type]


def _tuple_of_disputedvalue(values: Iterable[DisputedValue]) -> tuple[DisputedValue, ...]:
    return _tuple(values)


def _tuple_of_relation(values: Iterable[Relation]) -> tuple[Relation, ...]:
    return _tuple(values)


def _tuple_of_participationrule(values: Iterable[ParticipationRule]) -> tuple[ParticipationRule, ...]:
    return _tuple(values)


def _tuple_of_mandateclause(values: Iterable[MandateClause]) -> tuple[MandateClause, ...]:
    return _tuple(values)


def _tuple_of_officer(values: Iterable[Officer]) -> tuple[Officer, ...]:
    return _tuple(values)


def _tuple_of_conference(values: Iterable[Conference]) -> tuple[Conference, ...]:
    return _tuple(values)


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return _tuple(values)


def _actions(values: Iterable[Action | str]) -> frozenset[Action]:
    return frozenset(Action(x) for x in _not_a_string(values))


def _audiences(values: Iterable[Audience | str]) -> frozenset[Audience]:
    return frozenset(Audience(x) for x in _not_a_string(values))


def _body_types(values: Iterable[BodyType | str]) -> frozenset[BodyType]:
    return frozenset(BodyType(x) for x in _not_a_string(values))


def _issuers(values: Iterable[Issuer | str]) -> frozenset[Issuer]:
    return frozenset(Issuer(x) for x in _not_a_string(values))


def _tuple_of_procedurerule(values: Iterable[ProcedureRule]) -> tuple[ProcedureRule, ...]:
    return _tuple(values)


def _tuple_of_fouryearreport(values: Iterable[FourYearReport]) -> tuple[FourYearReport, ...]:
    return _tuple(values)


def _not_a_string(values: Iterable[object]) -> Iterable[object]:
    if isinstance(values, str):
        msg = f"expected a list, got the string {values!r}"
        raise TypeError(msg)
    return values


class _InvalidField(ValueError):  # noqa: N818 (a ValueError that knows which field is at fault)
    """A cross-field check failed; ``path`` names the field (and item) at fault."""

    def __init__(self, path: tuple[str | int, ...], expected: str, found: str) -> None:
        super().__init__(f"{'.'.join(map(str, path))}: expected {expected}, got {found}")
        self.path = path
        self.expected = expected
        self.found = found


def _is_country(code: object) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-3 code, by the maintained list of the iso3166 package."""
    from iso3166 import countries_by_alpha3  # noqa: PLC0415 (only a load or a check needs the table)

    return isinstance(code, str) and code in countries_by_alpha3


def _country(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _is_country(value):
        msg = f"{attribute.name} must be an ISO 3166-1 alpha-3 country code like 'SAU', got {value!r}"
        raise ValueError(msg)


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _nonblank(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"{attribute.name} must be a non-blank string, got {value!r}"
        raise ValueError(msg)


def _key_of(kind: str) -> Any:  # noqa: ANN401 (an attrs validator)
    pattern = _keys.PATTERNS[kind]

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            msg = f"{attribute.name} must be a {kind} key like {_keys.EXAMPLES[kind]!r}, got {value!r}"
            raise ValueError(msg)

    return check


def _any_key(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or _keys.key_kind(value) is None:
        msg = f"{attribute.name} must be a record key like 'pp/res/102', got {value!r}"
        raise ValueError(msg)


@attrs.frozen(order=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year.

    Sources often say "February 2020" or "2012"; a partial date keeps that precision instead of
    inventing a day. :attr:`earliest` and :attr:`latest` bound the days it may stand for.

    >>> d = PartialDate.parse("2021-01-27")
    >>> str(d), d.precision
    ('2021-01-27', 'day')
    >>> PartialDate.parse("2020").earliest
    datetime.date(2020, 1, 1)
    """

    year: int = attrs.field(validator=[v.instance_of(int), v.ge(_keys.FIRST_YEAR), v.le(_keys.LAST_YEAR)])
    month: int | None = attrs.field(default=None, validator=v.optional([v.instance_of(int), v.ge(1), v.le(12)]))
    day: int | None = attrs.field(default=None, validator=v.optional([v.instance_of(int), v.ge(1)]))

    @day.validator
    def _check_day(self, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is None:
            return
        if self.month is None:
            msg = "a day needs a month"
            raise ValueError(msg)
        last = calendar.monthrange(self.year, self.month)[1]
        if value > last:
            msg = f"{self.year}-{self.month:02d} has {last} days, got day {value}"
            raise ValueError(msg)

    _FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

    @classmethod
    def parse(cls, text: object) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
        match = cls._FORM.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            msg = f"expected a date like '2021-01-27', '2020-02' or '2012', got {text!r}"
            raise ValueError(msg)
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None  # noqa: S101 (the pattern requires it)
        return cls(year, month, day)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        """The partial date that is exactly ``day``."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    @property
    def earliest(self) -> dt.date:
        """The first day this date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date may stand for."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        return f"<PartialDate('{self}')>"


def _partial_date(value: object) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate.of(value)
    if isinstance(value, str):
        return PartialDate.parse(value)
    msg = f"expected a date like '2021-01-27', got {value!r}"
    raise TypeError(msg)


def _optional_partial_date(value: object) -> PartialDate | None:
    return None if value is None else _partial_date(value)


def _check_order(start: PartialDate | None, end: PartialDate | None) -> None:
    if start is not None and end is not None and end.latest < start.earliest:
        raise _InvalidField(("end",), f"a date on or after the start ({start})", str(end))


@attrs.frozen(init=False, eq=True)
class Texts(Mapping[str, str]):
    """An immutable mapping from language code to text (titles, names, topics).

    >>> t = Texts({"en": "Expanding Internet connectivity", "zh": "扩大互联网连接"})
    >>> t["zh"], sorted(t)
    ('扩大互联网连接', ['en', 'zh'])
    >>> t.get("fr") is None
    True
    """

    items_: tuple[tuple[Lang, str], ...]

    def __init__(self, texts: Mapping[str, object] | Iterable[tuple[str, object]] = ()) -> None:
        pairs = texts.items() if isinstance(texts, Mapping) else texts
        checked: dict[Lang, str] = {}
        for lang, text in pairs:
            code = Lang(lang)
            if not isinstance(text, str) or not text.strip():
                msg = f"the {code} text must be a non-blank string, got {text!r}"
                raise ValueError(msg)
            checked[code] = text
        self.__attrs_init__(tuple(sorted(checked.items())))

    def __getitem__(self, lang: str) -> str:
        for code, text in self.items_:
            if code == lang:
                return text
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return (str(code) for code, _ in self.items_)

    def __len__(self) -> int:
        return len(self.items_)

    def __hash__(self) -> int:
        return hash(self.items_)

    def __repr__(self) -> str:
        return f"Texts({ {str(k): t for k, t in self.items_}!r})"

    def best(self, lang: str = "en") -> str | None:
        """The text in ``lang``, else in English, else in any language, else ``None``."""
        code = self.best_language(lang)
        return None if code is None else self[code]

    def best_language(self, lang: str = "en") -> str | None:
        """The language :meth:`best` answers in, so that a text in another language can say so.

        >>> Texts({"zh": "扩大互联网连接"}).best_language("en")
        'zh'
        """
        for code in (lang, "en"):
            if code in self:
                return code
        return str(self.items_[0][0]) if self.items_ else None


_NO_TEXTS: Final = Texts()
"""The one empty :class:`Texts`, the default of every titles and names field: most records have
none, and an immutable value shared is built, pickled and unpickled once instead of per record."""


def _texts(value: object) -> Texts:
    if isinstance(value, Texts):
        return value
    if isinstance(value, Mapping):
        return Texts(value)
    msg = f"expected a mapping of language code to text, got {value!r}"
    raise TypeError(msg)


@attrs.frozen(kw_only=True)
class Source:
    """Where a fact comes from: a URL or an ITU document symbol, with an optional note.

    >>> str(Source(ref="C21/37", note="Chinese version"))
    'C21/37 (Chinese version)'
    """

    ref: str = attrs.field(validator=_nonblank)
    note: str | None = attrs.field(default=None, validator=v.optional(_nonblank))

    def __str__(self) -> str:
        return f"{self.ref} ({self.note})" if self.note else self.ref


_Sources = tuple[Source, ...]


def _sources(value: Iterable[Source]) -> _Sources:
    return tuple(value)


_SOURCE_LIST = v.deep_iterable(v.instance_of(Source), v.instance_of(tuple))
_SOURCES = v.and_(_SOURCE_LIST, v.min_len(1))


@attrs.frozen(kw_only=True)
class DisputedValue:
    """One value that some sources give for a disputed fact."""

    value: str = attrs.field(validator=_nonblank, metadata=spec(number_as_text=True))
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)


@attrs.frozen(kw_only=True)
class Dispute:
    """Sources disagree on ``field``: every value is kept with its own sources."""

    field: str = attrs.field(validator=_nonblank)
    values: tuple[DisputedValue, ...] = attrs.field(
        converter=_tuple_of_disputedvalue,
        validator=[v.deep_iterable(v.instance_of(DisputedValue)), v.min_len(2)],
        metadata=spec(min_len=2),
    )


def _disputes(value: Iterable[Dispute]) -> tuple[Dispute, ...]:
    return tuple(value)


_DISPUTE_LIST = v.deep_iterable(v.instance_of(Dispute))


@attrs.frozen(kw_only=True)
class Relation:
    """What a revision's text does to another record: cites, instructs, establishes, amends.

    ``target`` is an instrument, revision or body key; ``clause`` says where in the text, and
    ``eid`` names that place in an Akoma Ntoso text of the revision (its ``eId``), where one exists.
    """

    relation: RelationType = attrs.field(converter=RelationType)
    target: str = attrs.field(validator=_any_key, metadata=spec(key="record"))
    clause: str | None = attrs.field(default=None, validator=v.optional(_nonblank), metadata=spec(clause=True))
    eid: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    note: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    sources: _Sources = attrs.field(default=(), converter=_sources, validator=_SOURCE_LIST)


@attrs.frozen(kw_only=True)
class Provision:
    """A numbered piece of a revision's text (an operative paragraph, an annex item).

    ``eid`` is the piece's ``eId`` in an Akoma Ntoso text of the revision, where one exists.
    """

    clause: str = attrs.field(validator=_nonblank, metadata=spec(clause=True))
    text: str = attrs.field(validator=_nonblank)
    eid: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    sources: _Sources = attrs.field(default=(), converter=_sources, validator=_SOURCE_LIST)


def _tuple_of_provision(values: Iterable[Provision]) -> tuple[Provision, ...]:
    return _tuple(values)


_NEEDS_ISSUERS: Final = frozenset({ProcedureKind.CREATED_BY, ProcedureKind.MANDATE_BY})


@attrs.frozen(kw_only=True)
class ProcedureRule:
    """A procedural rule a revision states for a kind of body, applied while that revision is in force.

    ``rule`` says what is checked; ``issuers`` whose instruments may create a body
    (``created-by``) or set its mandate and working procedures (``mandate-by``); ``applies_to``
    the kinds of body the rule governs; ``text`` the clause in the source's words.
    """

    rule: ProcedureKind = attrs.field(converter=ProcedureKind)
    clause: str | None = attrs.field(default=None, validator=v.optional(_nonblank), metadata=spec(clause=True))
    applies_to: frozenset[BodyType] = attrs.field(
        default=frozenset({BodyType.COUNCIL_WORKING_GROUP}),
        converter=_body_types,
        validator=v.min_len(1),
        metadata=spec(min_len=1),
    )
    issuers: frozenset[Issuer] = attrs.field(default=frozenset(), converter=_issuers)
    text: str = attrs.field(validator=_nonblank)
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)

    @issuers.validator
    def _check_issuers(self, _attribute: attrs.Attribute[Any], value: frozenset[Issuer]) -> None:
        if (self.rule in _NEEDS_ISSUERS) != bool(value):
            expected = "the issuers it allows, e.g. [pp, council]" if value == frozenset() else "no issuers"
            raise _InvalidField(("issuers",), f"{expected} for a {self.rule.value} rule", str(sorted(value)))


@attrs.frozen(kw_only=True)
class Revision:
    """One state of an instrument's text: its adoption, or a later revision or modification.

    ``place`` is the city of the conference or session that adopted it, filled in from that
    record when the data is loaded, so that a revision can be cited on its own.

    ``attested`` marks a revision known only from a citation in another text (for instance
    "Resolution 37 (Rev. Buenos Aires, 2017)" of WTDC, cited by a PP-18 resolution): its number,
    issuer, session and designation are what the citation states, its sources are the citing
    provisions, and nothing else about it is known.
    """

    instrument: str = attrs.field(validator=_key_of("instrument"), metadata=spec(key="instrument", derived=True))
    year: int = attrs.field(
        validator=[v.instance_of(int), v.ge(_keys.FIRST_YEAR), v.le(_keys.LAST_YEAR)],
        metadata=spec(low=_keys.FIRST_YEAR, high=_keys.LAST_YEAR),
    )
    designation: Designation = attrs.field(converter=Designation)
    adopted_by: str = attrs.field(validator=_key_of("conference"), metadata=spec(key="conference"))
    place: str | None = attrs.field(default=None, validator=v.optional(_nonblank), metadata=spec(derived=True))
    date: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)
    titles: Texts = attrs.field(default=_NO_TEXTS, converter=_texts)
    relations: tuple[Relation, ...] = attrs.field(
        default=(), converter=_tuple_of_relation, validator=v.deep_iterable(v.instance_of(Relation))
    )
    provisions: tuple[Provision, ...] = attrs.field(
        default=(), converter=_tuple_of_provision, validator=v.deep_iterable(v.instance_of(Provision))
    )
    procedures: tuple[ProcedureRule, ...] = attrs.field(
        default=(), converter=_tuple_of_procedurerule, validator=v.deep_iterable(v.instance_of(ProcedureRule))
    )
    attested: bool = attrs.field(default=False, validator=v.instance_of(bool))
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)
    disputes: tuple[Dispute, ...] = attrs.field(default=(), converter=_disputes, validator=_DISPUTE_LIST)
    session_day: dt.date | None = attrs.field(
        default=None, eq=False, repr=False, validator=v.optional(v.instance_of(dt.date)), metadata=spec(derived=True)
    )
    """The day the adopting conference's or session's acts took effect, filled in when loading."""

    @date.validator
    def _check_date(self, _attribute: attrs.Attribute[Any], value: PartialDate | None) -> None:
        if value is not None and value.year != self.year:
            raise _InvalidField(("date",), f"a date in the revision's year {self.year}", str(value))

    @property
    def key(self) -> str:
        """``<instrument key>@<year>``, e.g. ``council/res/1344@2015``."""
        return _keys.revision_key(self.instrument, self.year)

    @property
    def issuer(self) -> Issuer:
        """The body whose instrument this is."""
        return Issuer(self.instrument.split("/", 1)[0])

    @property
    def number(self) -> int:
        """The instrument's number."""
        return int(self.instrument.rsplit("/", 1)[1])

    @property
    def effective(self) -> dt.date:
        """The day this revision took effect: the day its instrument's timeline gives it.

        Its date if known to the day, else the day its session's acts took effect (its last
        day; a loaded revision knows it), else the start of its date or year.
        """
        return _effective_day(self.year, self.date, self.session_day)

    @property
    def disputed(self) -> bool:
        """Whether sources disagree on some fact of this revision."""
        return bool(self.disputes)

    def __str__(self) -> str:
        return self.key

    def __repr__(self) -> str:
        return f"<Revision('{self.key}', {self.designation.value})>"


@attrs.frozen(kw_only=True)
class End:
    """How an instrument ended: abrogated, suppressed or superseded, by which session.

    ``absorbed_into`` names the revision that took over its content, ``superseded_by`` the
    instrument that replaced it.
    """

    how: EndHow = attrs.field(converter=EndHow)
    by: str = attrs.field(validator=_key_of("conference"), metadata=spec(key="conference"))
    year: int = attrs.field(
        validator=[v.instance_of(int), v.ge(_keys.FIRST_YEAR), v.le(_keys.LAST_YEAR)],
        metadata=spec(low=_keys.FIRST_YEAR, high=_keys.LAST_YEAR),
    )
    date: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)
    absorbed_into: str | None = attrs.field(
        default=None, validator=v.optional(_key_of("revision")), metadata=spec(key="revision")
    )
    superseded_by: str | None = attrs.field(
        default=None, validator=v.optional(_key_of("instrument")), metadata=spec(key="instrument")
    )
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)
    session_day: dt.date | None = attrs.field(
        default=None, eq=False, repr=False, validator=v.optional(v.instance_of(dt.date)), metadata=spec(derived=True)
    )
    """The day the ending session's acts took effect, filled in when loading."""

    @property
    def effective(self) -> dt.date:
        """The first day the instrument was no longer in force (the same rule as a revision's)."""
        return _effective_day(self.year, self.date, self.session_day)


def _effective_day(year: int, date: PartialDate | None, session_day: dt.date | None) -> dt.date:
    """The day an act (a revision, an ending) took effect: the one rule, used by every timeline.

    Its own date if known to the day, else the day its conference or session's acts took
    effect (``_session_day``), else the first day of its own partial date, else 1 January.

    >>> _effective_day(2019, None, dt.date(2019, 6, 20))
    datetime.date(2019, 6, 20)
    >>> _effective_day(2019, PartialDate(2019, 6), None)
    datetime.date(2019, 6, 1)
    """
    if date is not None and date.precision == "day":
        return date.earliest
    if session_day is not None:
        return session_day
    return date.earliest if date is not None else dt.date(year, 1, 1)


def _session_day(conference: Conference | None, year: int) -> dt.date | None:
    """The day the acts of ``year`` of a conference or session took effect, if the data says.

    Acts take effect when the session closes: its last day if known to the day, else its first.
    """
    for bound in (conference.end, conference.start) if conference else ():
        if bound is not None and bound.precision == "day" and bound.year == year:
            return bound.earliest
    return None


def _revisions(value: Iterable[Revision]) -> tuple[Revision, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Resolution:
    """One numbered instrument of one issuing body, with its whole history.

    Decisions and recommendations are the same kind of object with another ``type``. The
    first revision is the adoption; later ones are revisions or modifications, oldest first.
    ``complete`` says the curators checked that every revision is listed; where it is false,
    a later conference may have revised the instrument without the data knowing, and
    point-in-time answers say so (:attr:`itu_governance.graph.Status.certain`). An incomplete
    history may start with a later revision when the adoption itself is not documented.
    """

    issuer: Issuer = attrs.field(converter=Issuer)
    type: InstrumentType = attrs.field(converter=InstrumentType)
    number: int = attrs.field(validator=[v.instance_of(int), v.ge(1), v.le(99999)], metadata=spec(low=1, high=99999))
    titles: Texts = attrs.field(default=_NO_TEXTS, converter=_texts)
    revisions: tuple[Revision, ...] = attrs.field(
        converter=_revisions,
        validator=[v.deep_iterable(v.instance_of(Revision)), v.min_len(1)],
    )
    end: End | None = attrs.field(default=None, validator=v.optional(v.instance_of(End)))
    complete: bool = attrs.field(default=False, validator=v.instance_of(bool))
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)
    disputes: tuple[Dispute, ...] = attrs.field(default=(), converter=_disputes, validator=_DISPUTE_LIST)

    @revisions.validator
    def _check_revisions(self, _attribute: attrs.Attribute[Any], value: tuple[Revision, ...]) -> None:
        key = self.key
        for i, rev in enumerate(value):
            if rev.instrument != key:
                raise _InvalidField(("revisions", i), f"a revision of {key}", f"revision {rev.key}")
        if value and value[0].designation is not Designation.ADOPTED and self.complete:
            raise _InvalidField(
                ("revisions", 0, "designation"),
                f"'adopted' (a complete history of {key} starts with its adoption)",
                repr(value[0].designation.value),
            )
        for i, (before, after) in enumerate(itertools.pairwise(value), start=1):
            if after.designation is Designation.ADOPTED:
                raise _InvalidField(
                    ("revisions", i, "designation"),
                    f"'revised' or 'modified' ({key} was adopted in {value[0].year})",
                    "'adopted'",
                )
            if after.year <= before.year:
                raise _InvalidField(
                    ("revisions", i, "year"),
                    f"a year after the previous revision's ({before.year})",
                    str(after.year),
                )

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[Any], value: End | None) -> None:
        if value is not None and self.revisions and value.year < self.revisions[-1].year:
            raise _InvalidField(
                ("end", "year"),
                f"a year on or after the last revision ({self.revisions[-1].year})",
                str(value.year),
            )

    @property
    def key(self) -> str:
        """``<issuer>/<type>/<number>``, e.g. ``council/res/1344``."""
        return _keys.instrument_key(self.issuer.value, self.type.value, self.number)

    @property
    def adoption(self) -> Revision | None:
        """The revision that adopted the instrument, or ``None`` if the data does not know it."""
        first = self.revisions[0]
        return first if first.designation is Designation.ADOPTED else None

    @property
    def latest(self) -> Revision:
        """The most recent revision."""
        return self.revisions[-1]

    @property
    def attested(self) -> bool:
        """Whether the instrument is known only from citations (every revision is attested)."""
        return all(rev.attested for rev in self.revisions)

    @property
    def disputed(self) -> bool:
        """Whether sources disagree on some fact of the instrument or one of its revisions."""
        return bool(self.disputes) or any(r.disputed for r in self.revisions)

    def revision(self, year: int) -> Revision:
        """The revision adopted in ``year``; ``KeyError`` if there is none."""
        for rev in self.revisions:
            if rev.year == year:
                return rev
        raise KeyError(_keys.revision_key(self.key, year))

    def title(self, lang: str = "en") -> str | None:
        """The title in ``lang`` (falling back to English), from the instrument or its latest revision."""
        return self.titles.best(lang) or self.latest.titles.best(lang)

    def __str__(self) -> str:
        return self.key

    def __repr__(self) -> str:
        years = ", ".join(str(r.year) for r in self.revisions)
        ended = f", {self.end.how.value} {self.end.year}" if self.end else ""
        return f"<Resolution('{self.key}', revisions: {years}{ended})>"


@attrs.frozen(kw_only=True)
class Conference:
    """A conference (PP, WTSA, WTDC, RA, WRC, WCIT, WATTC) or a session of the Council.

    ``type`` is the :class:`Issuer` whose instruments it adopts; Council sessions have
    ``type=Issuer.COUNCIL``.
    """

    key: str = attrs.field(validator=_key_of("conference"), metadata=spec(key="conference"))
    type: Issuer = attrs.field(converter=Issuer)
    short_name: str = attrs.field(validator=_nonblank)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=v.deep_iterable(_nonblank))
    city: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    country: str | None = attrs.field(default=None, validator=_country, metadata=spec(country=True))
    start: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)
    end: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)
    ordinal: int | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(int), v.ge(1)]), metadata=spec(low=1)
    )
    extraordinary: bool = attrs.field(default=False, validator=v.instance_of(bool))
    mode: MeetingMode | None = attrs.field(default=None, converter=attrs.converters.optional(MeetingMode))
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)
    disputes: tuple[Dispute, ...] = attrs.field(default=(), converter=_disputes, validator=_DISPUTE_LIST)

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[Any], value: PartialDate | None) -> None:
        _check_order(self.start, value)

    @property
    def year(self) -> int | None:
        """The year the conference opened, if known."""
        return self.start.year if self.start else None

    def __str__(self) -> str:
        return self.short_name

    def __repr__(self) -> str:
        return f"<Conference('{self.key}', {self.short_name})>"


@attrs.frozen(kw_only=True)
class ParticipationRule:
    """Who may do which actions in a body, as a clause of one revision states it.

    A rule applies while its ``basis`` revision is the one in force for its instrument; when a
    later revision (or the revision that absorbs the instrument) takes over, so do its rules.
    ``condition`` qualifies the rule in the source's words (e.g. "when the draft Strategic
    Plan is discussed").
    """

    basis: str = attrs.field(validator=_key_of("revision"), metadata=spec(key="revision"))
    clause: str | None = attrs.field(default=None, validator=v.optional(_nonblank), metadata=spec(clause=True))
    actions: frozenset[Action] = attrs.field(converter=_actions, validator=v.min_len(1))
    open_to: frozenset[Audience] = attrs.field(converter=_audiences, validator=v.min_len(1))
    condition: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    sources: _Sources = attrs.field(default=(), converter=_sources, validator=_SOURCE_LIST)


@attrs.frozen(kw_only=True)
class MandateClause:
    """One numbered clause of a body's terms of reference, tied to the revision that states it."""

    basis: str = attrs.field(validator=_key_of("revision"), metadata=spec(key="revision"))
    clause: str = attrs.field(validator=_nonblank, metadata=spec(clause=True))
    text: str = attrs.field(validator=_nonblank)
    sources: _Sources = attrs.field(default=(), converter=_sources, validator=_SOURCE_LIST)


@attrs.frozen(kw_only=True)
class Officer:
    """A chair or vice-chair of a body, with the term the sources give."""

    role: OfficerRole = attrs.field(converter=OfficerRole)
    name: str = attrs.field(validator=_nonblank)
    country: str | None = attrs.field(default=None, validator=_country, metadata=spec(country=True))
    start: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)
    end: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)
    appointed_by: str | None = attrs.field(
        default=None, validator=v.optional(_key_of("conference")), metadata=spec(key="conference")
    )
    replaces: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[Any], value: PartialDate | None) -> None:
        _check_order(self.start, value)

    @property
    def partial(self) -> bool:
        """Whether this is a "partial" term: a chair appointed because the previous one could not remain."""
        return self.replaces is not None


@attrs.frozen(kw_only=True)
class FourYearReport:
    """A group's report on its work since the last Plenipotentiary Conference, for the next one.

    ``conference`` is that Plenipotentiary Conference; ``considered_by`` the Council session
    that considered the report before it; ``document`` and ``council_document`` the symbols.
    """

    conference: str = attrs.field(validator=_key_of("conference"), metadata=spec(key="conference"))
    document: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    council_document: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    considered_by: str | None = attrs.field(
        default=None, validator=v.optional(_key_of("conference")), metadata=spec(key="conference")
    )
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)


def _named_key(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    _key_of("body")(_inst, attribute, value)


@attrs.frozen(kw_only=True)
class WorkingGroup:
    """A Council working group, expert group or similar body.

    ``participation`` and ``mandate`` are data, each item tied to the revision and clause that
    state it; :mod:`itu_governance.rules` reads them as of a date.
    """

    key: str = attrs.field(validator=_named_key, metadata=spec(key="body"))
    type: BodyType = attrs.field(converter=BodyType)
    short_name: str = attrs.field(validator=_nonblank)
    names: Texts = attrs.field(default=_NO_TEXTS, converter=_texts)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=v.deep_iterable(_nonblank))
    parent: str | None = attrs.field(default=None, validator=v.optional(_key_of("body")), metadata=spec(key="body"))
    established_by: str | None = attrs.field(
        default=None, validator=v.optional(_key_of("revision")), metadata=spec(key="revision")
    )
    predecessor: str | None = attrs.field(
        default=None, validator=v.optional(_key_of("body")), metadata=spec(key="body")
    )
    participation: tuple[ParticipationRule, ...] = attrs.field(
        default=(), converter=_tuple_of_participationrule, validator=v.deep_iterable(v.instance_of(ParticipationRule))
    )
    mandate: tuple[MandateClause, ...] = attrs.field(
        default=(), converter=_tuple_of_mandateclause, validator=v.deep_iterable(v.instance_of(MandateClause))
    )
    officers: tuple[Officer, ...] = attrs.field(
        default=(), converter=_tuple_of_officer, validator=v.deep_iterable(v.instance_of(Officer))
    )
    four_year_reports: tuple[FourYearReport, ...] = attrs.field(
        default=(), converter=_tuple_of_fouryearreport, validator=v.deep_iterable(v.instance_of(FourYearReport))
    )
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)
    disputes: tuple[Dispute, ...] = attrs.field(default=(), converter=_disputes, validator=_DISPUTE_LIST)

    @type.validator  # noqa: A003 (the field is named "type", as in the data files)
    def _check_type(self, _attribute: attrs.Attribute[Any], value: BodyType) -> None:
        if value is BodyType.COUNCIL:
            msg = "the Council is a Council, not a WorkingGroup"
            raise ValueError(msg)

    @property
    def name(self) -> str:
        """The English name, or the short name."""
        return self.names.best("en") or self.short_name

    def __str__(self) -> str:
        return self.short_name

    def __repr__(self) -> str:
        return f"<WorkingGroup('{self.key}', {self.short_name})>"


@attrs.frozen(kw_only=True)
class Council:
    """The ITU Council, with its sessions in date order."""

    key: str = attrs.field(validator=_named_key, metadata=spec(key="body"))
    short_name: str = attrs.field(validator=_nonblank)
    names: Texts = attrs.field(default=_NO_TEXTS, converter=_texts)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=v.deep_iterable(_nonblank))
    sessions: tuple[Conference, ...] = attrs.field(
        default=(),
        converter=_tuple_of_conference,
        validator=v.deep_iterable(v.instance_of(Conference)),
        metadata=spec(derived=True),
    )
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)

    @sessions.validator
    def _check_sessions(self, _attribute: attrs.Attribute[Any], value: tuple[Conference, ...]) -> None:
        for session in value:
            if session.type is not Issuer.COUNCIL:
                msg = f"{session.key} is a {session.type} conference, not a Council session"
                raise ValueError(msg)

    @property
    def type(self) -> BodyType:
        """Always :attr:`BodyType.COUNCIL`."""
        return BodyType.COUNCIL

    @property
    def name(self) -> str:
        """The English name, or the short name."""
        return self.names.best("en") or self.short_name

    def __str__(self) -> str:
        return self.short_name

    def __repr__(self) -> str:
        return f"<Council('{self.key}', {len(self.sessions)} sessions)>"


@attrs.frozen(kw_only=True)
class Report:
    """A meeting's report: its approval, distribution, and what it asks of the Council."""

    document: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    approved_by_group: bool | None = attrs.field(default=None, validator=v.optional(v.instance_of(bool)))
    distribution: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=v.deep_iterable(_nonblank))
    actions_requested: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=v.deep_iterable(_nonblank)
    )
    actions_approved: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=v.deep_iterable(_nonblank)
    )
    noted_by: str | None = attrs.field(
        default=None, validator=v.optional(_key_of("conference")), metadata=spec(key="conference")
    )
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)


@attrs.frozen(kw_only=True)
class Meeting:
    """One numbered meeting of a body."""

    key: str = attrs.field(validator=_key_of("meeting"), metadata=spec(key="meeting"))
    body: str = attrs.field(validator=_key_of("body"), metadata=spec(key="body"))
    ordinal: int = attrs.field(validator=[v.instance_of(int), v.ge(1)], metadata=spec(low=1))
    start: PartialDate = attrs.field(converter=_partial_date)
    end: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)
    mode: MeetingMode | None = attrs.field(default=None, converter=attrs.converters.optional(MeetingMode))
    city: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    note: str | None = attrs.field(default=None, validator=v.optional(_nonblank))
    report: Report | None = attrs.field(default=None, validator=v.optional(v.instance_of(Report)))
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)
    disputes: tuple[Dispute, ...] = attrs.field(default=(), converter=_disputes, validator=_DISPUTE_LIST)

    @key.validator
    def _check_key(self, _attribute: attrs.Attribute[Any], value: str) -> None:
        expected = f"meeting/{_keys.body_slug(self.body)}/{self.ordinal}"
        if value != expected:
            raise _InvalidField(("key",), f"{expected!r} (from body and ordinal)", repr(value))

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[Any], value: PartialDate | None) -> None:
        _check_order(self.start, value)

    def __repr__(self) -> str:
        return f"<Meeting('{self.key}', {self.start})>"


@attrs.frozen(kw_only=True)
class Count:
    """A number as a source states it: exact, or "more than" a figure."""

    value: int = attrs.field(validator=[v.instance_of(int), v.ge(0)], metadata=spec(low=0))
    more_than: bool = attrs.field(default=False, validator=v.instance_of(bool))

    def __str__(self) -> str:
        return f"more than {self.value}" if self.more_than else str(self.value)


@attrs.frozen(kw_only=True)
class Window:
    """A period given by a start and an end, each possibly known only to the month."""

    start: PartialDate = attrs.field(converter=_partial_date)
    end: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[Any], value: PartialDate | None) -> None:
        _check_order(self.start, value)

    def __str__(self) -> str:
        return f"{self.start}/{self.end or ''}"


@attrs.frozen(kw_only=True)
class PhysicalConsultationMeeting:
    """The physical (or, in the pandemic, virtual) meeting of an open consultation."""

    ordinal: int | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(int), v.ge(1)]), metadata=spec(low=1)
    )
    date: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)
    mode: MeetingMode | None = attrs.field(default=None, converter=attrs.converters.optional(MeetingMode))
    registered: Count | None = attrs.field(default=None, validator=v.optional(v.instance_of(Count)))
    active: Count | None = attrs.field(default=None, validator=v.optional(v.instance_of(Count)))
    sources: _Sources = attrs.field(default=(), converter=_sources, validator=_SOURCE_LIST)


def _category_counts(value: Mapping[str, int] | Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple(value.items()) if isinstance(value, Mapping) else tuple(value)


def _check_counts(_inst: object, _attribute: attrs.Attribute[Any], value: tuple[tuple[object, object], ...]) -> None:
    for category, count in value:
        if not isinstance(category, str) or not _SLUG.fullmatch(category):
            msg = f"a stakeholder category must be a slug like 'civil-society', got {category!r}"
            raise ValueError(msg)
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            msg = f"the count for {category} must be a non-negative integer, got {count!r}"
            raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Responses:
    """An open consultation's responses, in total and by stakeholder category, as published.

    The figures are kept exactly as the source gives them, even when they do not add up:
    :attr:`categorised` and the audit make the gap visible instead of hiding it.
    """

    total: int | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(int), v.ge(0)]), metadata=spec(low=0)
    )
    by_category: tuple[tuple[str, int], ...] = attrs.field(
        default=(), converter=_category_counts, validator=_check_counts
    )

    @property
    def categorised(self) -> int:
        """The sum of the per-category counts."""
        return sum(count for _, count in self.by_category)


@attrs.frozen(kw_only=True)
class OpenConsultation:
    """An open consultation of a body: topic, online window, physical meeting, responses."""

    key: str = attrs.field(validator=_key_of("consultation"), metadata=spec(key="consultation"))
    body: str = attrs.field(validator=_key_of("body"), metadata=spec(key="body"))
    topics: Texts = attrs.field(converter=_texts, validator=v.min_len(1), metadata=spec(min_len=1))
    online: Window | None = attrs.field(default=None, validator=v.optional(v.instance_of(Window)))
    physical_meeting: PhysicalConsultationMeeting | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PhysicalConsultationMeeting))
    )
    responses: Responses | None = attrs.field(default=None, validator=v.optional(v.instance_of(Responses)))
    sources: _Sources = attrs.field(converter=_sources, validator=_SOURCES)
    disputes: tuple[Dispute, ...] = attrs.field(default=(), converter=_disputes, validator=_DISPUTE_LIST)

    @key.validator
    def _check_key(self, _attribute: attrs.Attribute[Any], value: str) -> None:
        prefix = f"consultation/{_keys.body_slug(self.body)}/"
        if not value.startswith(prefix):
            raise _InvalidField(("key",), f"a key starting with {prefix!r} (from the body)", repr(value))

    @property
    def topic(self) -> str:
        """The topic in English, or in any language given."""
        text = self.topics.best("en")
        assert text is not None  # noqa: S101 (topics is never empty)
        return text

    def __repr__(self) -> str:
        return f"<OpenConsultation('{self.key}')>"


@attrs.frozen(kw_only=True)
class Dataset:
    """What a data folder says about itself: its name and the date it is curated up to.

    Queries that take ``on=None`` answer as of :attr:`known_up_to`.
    """

    name: str
    known_up_to: dt.date
    description: str | None = None
    sources: tuple[Source, ...] = attrs.field(converter=_sources)

"""The lineage graph and point-in-time queries over it, as plain functions (networkx style).

Nodes are record keys: instruments (``council/res/1344``), revisions
(``council/res/1344@2015``), bodies and conferences; each node carries its object under
``obj`` and its kind under ``kind``. Every edge carries a ``relation`` and the ``date`` it took
effect:

================  =========================================  ==============================
relation          from -> to                                 example
================  =========================================  ==============================
version-of        revision -> its instrument                 1344@2015 -> 1344
revises           revision -> the revision it replaces       102@2018 -> 102@2014
modifies          (same, where the text says "modified")     1336@2019 -> 1336@2016
adopts            conference or session -> revision          C19 -> 1336@2019
abrogates         conference or session -> instrument        C19 -> 1344
absorbs           revision -> the instrument it took in      1336@2019 -> 1344
superseded-by     instrument -> its replacement
instructs         revision -> what it instructs about        102@2018 -> 1344
establishes       revision -> body                           1336@2011 -> CWG-Internet
cites, amends     revision -> instrument, revision or body
succeeds          body -> its predecessor                    CWG-Internet -> Dedicated Group
part-of           body -> its parent                         CWG-Internet -> Council
================  =========================================  ==============================

Point-in-time answers come from an index built once (:class:`Timeline` per instrument), so
``status`` and ``current`` cost a binary search, not a walk of the graph.

>>> import datetime as dt, itu_governance as itu
>>> from itu_governance import graph
>>> reg = itu.load()
>>> graph.current(reg.timelines, "council/res/1344", on=dt.date(2016, 1, 1)).key
'council/res/1344@2015'
>>> graph.current(reg.timelines, "council/res/1344", on=dt.date(2021, 1, 27)).key
'council/res/1336@2019'
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

if TYPE_CHECKING:  # pragma: no cover (networkx is imported when a graph is first needed)
    import networkx as nx

from itu_governance import _keys, _kinds
from itu_governance.errors import GraphError, NotFound
from itu_governance.models import (
    Conference,
    Designation,
    End,
    EndHow,
    PartialDate,
    Resolution,
    Revision,
    WorkingGroup,
    _effective_day,
    _session_day,
    _Vocabulary,
)

__all__ = [  # noqa: RUF022 (plain sort order, as tests/test_api.py checks)
    "Citing",
    "EdgeRelation",
    "Event",
    "EventKind",
    "Explanation",
    "Flow",
    "Occurrence",
    "OccurrenceKind",
    "RELATIONS",
    "RelationInfo",
    "Sessions",
    "State",
    "Status",
    "Step",
    "Timeline",
    "build_graph",
    "build_timelines",
    "changes",
    "cited_by",
    "cites",
    "current",
    "find_cycle",
    "in_force",
    "lineage",
    "related",
    "status",
    "what_changed",
]


def __dir__() -> list[str]:
    return __all__


class EventKind(_Vocabulary):
    """What happened to an instrument."""

    ADOPTED = "adopted"
    REVISED = "revised"
    MODIFIED = "modified"
    ABSORBED = "absorbed"  # this instrument took in another one
    ABROGATED = "abrogated"
    SUPPRESSED = "suppressed"
    SUPERSEDED = "superseded"


# Same-day events are ordered so a lineage reads as a story: the revision first, then what it
# absorbed, then endings.
_ORDER: Final = {kind: i for i, kind in enumerate(EventKind)}


@attrs.frozen(kw_only=True, order=False)
class Event:
    """One dated event in an instrument's life.

    ``revision`` is the revision the event created (or, for an ending, the last one in force);
    ``by`` the conference or session that acted; ``other`` the instrument absorbed (for
    ``ABSORBED``) or the revision or instrument that took over (for endings).
    """

    date: dt.date
    kind: EventKind
    instrument: str
    revision: str | None = None
    by: str | None = None
    other: str | None = None

    def sort_key(self) -> tuple[dt.date, int, str, str]:
        """Date, then the story order of same-day events, then keys: deterministic."""
        return (self.date, _ORDER[self.kind], self.instrument, self.other or "")

    def __str__(self) -> str:
        text = f"{self.date} {self.kind.value} {self.revision or self.instrument}"
        if self.kind is EventKind.ABSORBED:
            text += f" (absorbs {self.other})"
        elif self.other:
            text += f" (into {self.other})" if self.kind is EventKind.ABROGATED else f" (by {self.other})"
        if self.by:
            text += f" [{self.by}]"
        return text


class State(_Vocabulary):
    """Where an instrument stands on a date."""

    NOT_YET_ADOPTED = "not-yet-adopted"
    UNKNOWN = "unknown"  # before the first revision the data knows, when that is not the adoption
    IN_FORCE = "in-force"
    ABROGATED = "abrogated"
    ABSORBED = "absorbed"
    SUPPRESSED = "suppressed"
    SUPERSEDED = "superseded"

    @property
    def ended(self) -> bool:
        """Whether an instrument in this state is no longer in force (abrogated, absorbed...).

        >>> State.ABSORBED.ended, State.IN_FORCE.ended
        (True, False)
        """
        return self not in {State.NOT_YET_ADOPTED, State.UNKNOWN, State.IN_FORCE}


_ENDED: Final = {
    EventKind.ABROGATED: State.ABROGATED,
    EventKind.SUPPRESSED: State.SUPPRESSED,
    EventKind.SUPERSEDED: State.SUPERSEDED,
}


class Status(NamedTuple):
    """An instrument's state on a date, the revision concerned and the event that made it so.

    For ``IN_FORCE``, ``revision`` is the revision in force; for an ending, the last revision
    that was; ``successor`` names what took over (the absorbing revision or the replacement).
    ``certain`` is false when the instrument's history is not declared complete and a
    conference or session of its issuer (listed in ``unchecked``) met between that revision and
    the date: it may have revised the instrument without the data recording it.

    A named tuple, immutable and cheap to build: every point-in-time query makes one.
    """

    instrument: str
    on: dt.date
    state: State
    revision: Revision | None
    event: Event | None
    successor: str | None = None
    certain: bool = True
    unchecked: tuple[str, ...] = ()

    def __str__(self) -> str:
        what = f"{self.instrument} on {self.on}: {self.state.value}"
        if self.state is State.IN_FORCE and self.revision is not None:
            what += f" ({self.revision.key})"
        if self.successor:
            what += f", into {self.successor}"
        if not self.certain:
            what += f" (uncertain: {', '.join(self.unchecked)} may have revised it)"
        return what


@attrs.frozen
class Sessions:
    """The conferences or sessions of one issuer, sorted, for binary search by date."""

    earliest: tuple[dt.date, ...]
    latest: tuple[dt.date, ...]
    keys: tuple[str, ...]

    @classmethod
    def of(cls, spans: Iterable[tuple[dt.date, dt.date, str]]) -> Sessions:
        """From ``(earliest, latest, key)`` triples (sessions of one issuer never nest)."""
        ordered = sorted(spans, key=lambda s: (s[1], s[0], s[2]))
        return cls(tuple(s[0] for s in ordered), tuple(s[1] for s in ordered), tuple(s[2] for s in ordered))

    def between(self, since: dt.date, on: dt.date) -> tuple[str, ...]:
        """The sessions that may have met after ``since`` and by ``on``."""
        low = bisect.bisect_right(self.latest, since)
        high = bisect.bisect_right(self.earliest, on, lo=low)
        return self.keys[low:high]


_NO_SESSIONS: Final = Sessions((), (), ())


@attrs.frozen
class Timeline:
    """The dated revisions and ending of one instrument: the index behind point-in-time queries.

    ``created[i]`` is the event that created ``instrument.revisions[i]``, in force from
    ``dates[i]``; ``sessions`` are the issuer's, to say when an answer may be incomplete.
    """

    instrument: Resolution
    dates: tuple[dt.date, ...]
    events: tuple[Event, ...]
    end: Event | None
    successor: str | None
    sessions: Sessions = _NO_SESSIONS
    key: str = attrs.field(default=attrs.Factory(lambda self: self.instrument.key, takes_self=True))
    created: tuple[Event, ...] = attrs.field(
        default=attrs.Factory(lambda self: _created(self.instrument, self.events), takes_self=True)
    )

    def unchecked(self, since: dt.date, on: dt.date) -> tuple[str, ...]:
        """Sessions of the issuer that may have met after ``since`` and by ``on``.

        Empty when the history is declared complete.
        """
        return () if self.instrument.complete else self.sessions.between(since, on)

    def revision_on(self, on: dt.date) -> Revision | None:
        """The latest revision adopted on or before ``on`` (ignoring any ending)."""
        i = bisect.bisect_right(self.dates, on)
        return self.instrument.revisions[i - 1] if i else None


def _created(instrument: Resolution, events: tuple[Event, ...]) -> tuple[Event, ...]:
    made = {e.revision: e for e in events if e.kind in _CREATES}
    return tuple(made[rev.key] for rev in instrument.revisions)


def _day(conferences: Mapping[str, Conference], key: str, year: int, date: PartialDate | None) -> dt.date:
    """The day an act took effect: the one rule of ``models._effective_day``."""
    return _effective_day(year, date, _session_day(conferences.get(key), year))


_END_KIND: Final = {
    EndHow.ABROGATED: EventKind.ABROGATED,
    EndHow.SUPPRESSED: EventKind.SUPPRESSED,
    EndHow.SUPERSEDED: EventKind.SUPERSEDED,
}
_REVISION_KIND: Final = {
    Designation.ADOPTED: EventKind.ADOPTED,
    Designation.REVISED: EventKind.REVISED,
    Designation.MODIFIED: EventKind.MODIFIED,
}
_CREATES: Final = frozenset(_REVISION_KIND.values())


def build_timelines(records: Iterable[Any]) -> dict[str, Timeline]:
    """Index every instrument's dated revisions, absorptions and ending."""
    records = list(records)
    conferences: dict[str, Conference] = {r.key: r for r in records if _kinds.of(r).name == "conference"}
    instruments: list[Resolution] = [r for r in records if _kinds.of(r).name == "instrument"]
    absorbed: dict[str, list[tuple[Resolution, dt.date]]] = {}
    ends: dict[str, tuple[Event, str | None]] = {}
    for res in instruments:
        if res.end is None:
            continue
        end = res.end
        day = _day(conferences, end.by, end.year, end.date)
        successor = end.absorbed_into or end.superseded_by
        ends[res.key] = (
            Event(
                date=day,
                kind=_END_KIND[end.how],
                instrument=res.key,
                revision=res.latest.key,
                by=end.by,
                other=successor,
            ),
            successor,
        )
        if end.absorbed_into:
            absorbed.setdefault(end.absorbed_into, []).append((res, day))
    spans: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
    for conf in conferences.values():
        first, last = conf.start or conf.end, conf.end or conf.start
        if first is not None and last is not None:
            spans.setdefault(conf.type.value, []).append((first.earliest, last.latest, conf.key))
    sessions = {issuer: Sessions.of(found) for issuer, found in spans.items()}
    timelines = {}
    for res in instruments:
        events = []
        dates = []
        key = res.key  # a computed property: worked out once per instrument, and once per revision below
        for rev in res.revisions:
            day = _day(conferences, rev.adopted_by, rev.year, rev.date)
            revision = rev.key
            dates.append(day)
            events.append(
                Event(
                    date=day,
                    kind=_REVISION_KIND[rev.designation],
                    instrument=key,
                    revision=revision,
                    by=rev.adopted_by,
                )
            )
            events.extend(
                Event(
                    date=day,
                    kind=EventKind.ABSORBED,
                    instrument=key,
                    revision=revision,
                    by=rev.adopted_by,
                    other=other.key,
                )
                for other, _ in sorted(absorbed.get(revision, []), key=lambda x: x[0].key)
            )
        end_event, successor = ends.get(key, (None, None))
        if end_event is not None:
            events.append(end_event)
        timelines[key] = Timeline(
            res,
            tuple(dates),
            tuple(sorted(events, key=Event.sort_key)),
            end_event,
            successor,
            sessions.get(res.issuer.value, _NO_SESSIONS),
            key,
        )
    return timelines


def _timeline(timelines: Mapping[str, Timeline], ref: str) -> Timeline:
    line = timelines.get(ref)
    if line is None:
        line = timelines.get(_keys.instrument_of(ref))
        if line is None:
            raise NotFound(ref, "instrument")
    return line


def status(timelines: Mapping[str, Timeline], ref: str, on: dt.date) -> Status:
    """Where an instrument stands on ``on``: not yet adopted, in force (which revision), or ended.

    Raises:
        NotFound: no instrument has this key.
    """
    line = _timeline(timelines, ref)
    dates = line.dates
    i = bisect.bisect_right(dates, on) - 1
    if i < 0:
        if line.instrument.adoption is None:
            return Status(line.key, on, State.UNKNOWN, None, None, certain=False)
        return Status(line.key, on, State.NOT_YET_ADOPTED, None, None)
    revision = line.instrument.revisions[i]
    end = line.end
    if end is not None and on >= end.date:
        state = _ENDED[end.kind]
        if state is State.ABROGATED and line.instrument.end is not None and line.instrument.end.absorbed_into:
            state = State.ABSORBED
        return Status(line.key, on, state, revision, end, line.successor)
    unchecked = line.unchecked(dates[i], on)
    return Status(line.key, on, State.IN_FORCE, revision, line.created[i], None, not unchecked, unchecked)


def current(timelines: Mapping[str, Timeline], ref: str, on: dt.date) -> Revision | None:
    """The revision that carries an instrument's content on ``on``.

    Follows absorption and supersession: an absorbed instrument's content lives in the
    absorbing instrument's revision in force on that date. ``None`` before adoption or after
    an ending with no successor.

    Raises:
        NotFound: no instrument has this key.
        GraphError: absorptions or supersessions form a cycle (the loader rejects such data).
    """
    line = _timeline(timelines, ref)
    seen: set[str] = set()
    while True:  # the same decisions as status(), without building a Status at each step
        i = bisect.bisect_right(line.dates, on) - 1
        if i < 0:
            return None
        end = line.end
        if end is None or on < end.date:
            return line.instrument.revisions[i]
        if line.successor is None:
            return None
        if line.key in seen:
            msg = f"absorptions or supersessions form a cycle through {line.key}"
            raise GraphError(msg)
        seen.add(line.key)
        line = _timeline(timelines, line.successor)


def in_force(
    timelines: Mapping[str, Timeline],
    on: dt.date,
    issuer: str | None = None,
    instruments: Iterable[str] | None = None,
) -> list[Revision]:
    """Every revision in force on ``on``, by key; of one ``issuer`` and/or among some ``instruments``.

    ``issuer`` is an :class:`~itu_governance.Issuer` value (``"council"``, ``"pp"``...);
    ``instruments`` are instrument keys (those a body rests on, say): either narrows the list.
    """
    keys = sorted(timelines) if instruments is None else sorted(set(instruments) & timelines.keys())
    found = []
    for key in keys:
        if issuer is not None and timelines[key].instrument.issuer.value != issuer:
            continue
        result = status(timelines, key, on)
        if result.state is State.IN_FORCE and result.revision is not None:
            found.append(result.revision)
    return found


def lineage(timelines: Mapping[str, Timeline], ref: str) -> list[Event]:
    """An instrument's timeline, oldest first: adoption, revisions, absorptions, ending."""
    return list(_timeline(timelines, ref).events)


def what_changed(timelines: Mapping[str, Timeline], ref: str, start: dt.date, end: dt.date) -> list[Event]:
    """The events of an instrument after ``start`` and up to ``end`` (inclusive)."""
    if end < start:
        msg = f"the period ends ({end}) before it starts ({start})"
        raise ValueError(msg)
    return [e for e in _timeline(timelines, ref).events if start < e.date <= end]


class EdgeRelation(_Vocabulary):
    """Every relation an edge of the lineage graph can carry (the ``relation`` attribute).

    The relations a revision's text states (:class:`~itu_governance.RelationType`, the data's
    ``relation:``) are among them; :data:`RELATIONS` says how each is used.
    """

    ABSORBS = "absorbs"
    INSTRUCTS = "instructs"
    ESTABLISHES = "establishes"
    ABROGATES = "abrogates"
    SUPERSEDED_BY = "superseded-by"
    SUCCEEDS = "succeeds"
    REVISES = "revises"
    MODIFIES = "modifies"
    AMENDS = "amends"
    CITES = "cites"
    ADOPTS = "adopts"
    VERSION_OF = "version-of"
    PART_OF = "part-of"


class Flow(_Vocabulary):
    """Whether content (or a body's work) passes along an edge, and which way: for cycle checks."""

    NONE = "none"
    FORWARD = "forward"  # from the edge's source to its target
    BACKWARD = "backward"  # from the edge's target to the instrument of its source


@attrs.frozen
class RelationInfo:
    """How one relation is used: its rank and cost in explanations, drawing, content flow.

    Attributes:
        rank: order of preference when two records are linked by several relations (0 first).
        cost: what one step along it costs in :func:`related`: acts that change what is in
            force cost 1, a mention or a shared session 3, a parent body 5.
        dashed: drawn as a dashed line (a mere mention) in the DOT and Mermaid exports.
        stated: stated by a revision's text in the data (a :class:`~itu_governance.RelationType`).
        flow: whether content passes along it, for the cycle check of the loader.
    """

    rank: int
    cost: int = 1
    dashed: bool = False
    stated: bool = False
    flow: Flow = Flow.NONE


RELATIONS: Final[Mapping[EdgeRelation, RelationInfo]] = {
    EdgeRelation.ABSORBS: RelationInfo(0, flow=Flow.BACKWARD),
    EdgeRelation.INSTRUCTS: RelationInfo(1, stated=True),
    EdgeRelation.ESTABLISHES: RelationInfo(2, stated=True),
    EdgeRelation.ABROGATES: RelationInfo(3),
    EdgeRelation.SUPERSEDED_BY: RelationInfo(4, flow=Flow.FORWARD),
    EdgeRelation.SUCCEEDS: RelationInfo(5, flow=Flow.FORWARD),
    EdgeRelation.REVISES: RelationInfo(6),
    EdgeRelation.MODIFIES: RelationInfo(7),
    EdgeRelation.AMENDS: RelationInfo(8, stated=True),
    EdgeRelation.CITES: RelationInfo(9, cost=3, dashed=True, stated=True),
    EdgeRelation.ADOPTS: RelationInfo(10, cost=3),
    EdgeRelation.VERSION_OF: RelationInfo(11),
    EdgeRelation.PART_OF: RelationInfo(12, cost=5),
}
"""One row per :class:`EdgeRelation`: the one place that says how a relation is used."""


_Edge = tuple[str, str, dict[str, Any]]


def _edge(u: str, v: str, relation: EdgeRelation, day: dt.date | None = None, **extra: str | None) -> _Edge:
    """An edge with only the attributes that have values (GraphML has no null).

    The relation is stored as its plain string, which every graph format can write.
    """
    data: dict[str, Any] = {"relation": relation.value}
    if day is not None:
        data["date"] = day
    data.update((k, value) for k, value in extra.items() if value is not None)
    return u, v, data


def _instrument_edges(record: Resolution, line: Timeline) -> Iterator[_Edge]:
    previous: Revision | None = None
    for rev, day in zip(record.revisions, line.dates, strict=True):
        yield _edge(rev.key, record.key, EdgeRelation.VERSION_OF, day)
        yield _edge(rev.adopted_by, rev.key, EdgeRelation.ADOPTS, day)
        if previous is not None:
            relation = EdgeRelation.MODIFIES if rev.designation is Designation.MODIFIED else EdgeRelation.REVISES
            yield _edge(rev.key, previous.key, relation, day)
        for rel in rev.relations:
            yield _edge(
                rev.key,
                rel.target,
                EdgeRelation(rel.relation.value),
                day,
                clause=rel.clause,
                eid=rel.eid,
                note=rel.note,
            )
        previous = rev
    end = record.end
    if end is not None and line.end is not None:
        yield _edge(end.by, record.key, EdgeRelation.ABROGATES, line.end.date)
        if end.absorbed_into:
            yield _edge(end.absorbed_into, record.key, EdgeRelation.ABSORBS, line.end.date)
        if end.superseded_by:
            yield _edge(record.key, end.superseded_by, EdgeRelation.SUPERSEDED_BY, line.end.date)


def _body_edges(record: WorkingGroup) -> Iterator[_Edge]:
    if record.predecessor:
        yield _edge(record.key, record.predecessor, EdgeRelation.SUCCEEDS)
    if record.parent:
        yield _edge(record.key, record.parent, EdgeRelation.PART_OF)
    if record.established_by:
        yield _edge(record.established_by, record.key, EdgeRelation.ESTABLISHES)


class _Attributes(dict[str, Any]):
    """A node's or an edge's attribute dict that refuses changes once its graph is sealed.

    :func:`networkx.freeze` stops adding and removing nodes and edges, but leaves their
    attribute dicts writable: one ``nx.set_edge_attributes`` on the cached registry's graph
    would change every later answer. Sealed attributes raise ``TypeError`` like a
    ``MappingProxyType`` does.
    """

    sealed = False

    def _refuse(self, *_args: object, **_kwargs: object) -> Any:  # noqa: ANN401 (stands in for every mutator)
        if self.sealed:
            msg = "the lineage graph is read-only; copy it (nx.MultiDiGraph(G)) to change it"
            raise TypeError(msg)
        return None

    def __setitem__(self, key: str, value: Any) -> None:  # noqa: ANN401
        self._refuse()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._refuse()
        super().__delitem__(key)

    def update(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        self._refuse()
        super().update(*args, **kwargs)

    def setdefault(self, key: str, default: Any = None) -> Any:  # noqa: ANN401
        self._refuse()
        return super().setdefault(key, default)

    def pop(self, key: str, *default: Any) -> Any:  # noqa: ANN401
        self._refuse()
        return super().pop(key, *default)

    def popitem(self) -> tuple[str, Any]:
        self._refuse()
        return super().popitem()

    def clear(self) -> None:
        self._refuse()
        super().clear()

    def __ior__(self, other: Any) -> _Attributes:  # type: ignore[override,misc]  # noqa: ANN401, PYI034
        self._refuse()
        return super().__ior__(other)


@functools.cache
def _graph_class() -> type[nx.MultiDiGraph]:
    """A MultiDiGraph whose node and edge attribute dicts can be sealed.

    The class is made on first use, so that importing this module does not import networkx.
    """
    import networkx as nx  # noqa: PLC0415

    class _LineageGraph(nx.MultiDiGraph):  # type: ignore[misc]  # networkx has no type hints
        node_attr_dict_factory = _Attributes
        edge_attr_dict_factory = _Attributes

        def seal(self) -> nx.MultiDiGraph:
            """Freeze the structure and every attribute dict; return the graph."""
            for _, data in self.nodes(data=True):
                data.sealed = True
            for _, _, data in self.edges(data=True):
                data.sealed = True
            return nx.freeze(self)

    return _LineageGraph


def build_graph(records: Iterable[Any], timelines: Mapping[str, Timeline]) -> nx.MultiDiGraph:
    """The lineage graph of instruments, revisions, conferences and bodies, frozen.

    A fact stated twice (a body's ``established_by`` and its establishing revision's relation)
    gives one edge: the first, which carries the clause and note where the data has them.
    """
    graph = _graph_class()()
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for record in records:
        kind = _kinds.of(record)
        if not kind.node:
            continue
        graph.add_node(record.key, kind=kind.name, obj=record)
        graph.add_nodes_from((part.key, {"kind": _kinds.of(part).name, "obj": part}) for part in kind.parts(record))
        found: Iterable[_Edge] = ()
        if kind.name == "instrument":
            found = _instrument_edges(record, timelines[record.key])
        elif kind.name == "body" and (group := _kinds.as_group(record)) is not None:
            found = _body_edges(group)
        for u, v, data in found:
            # One edge per fact; a text citing the same record in several clauses states several.
            where = (data.get("clause"), data.get("eid")) if data["relation"] == "cites" else ()
            edges.setdefault((u, v, data["relation"], *where), data)
    graph.add_edges_from((u, v, data) for (u, v, *_), data in edges.items())
    return graph.seal()


class Step(tuple[str, str, str]):  # noqa: SLOT001 (instances carry the clause in their dict)
    """One step of an explanation: ``(from, relation, to)``, with the clause that states it.

    It is the plain triple (it unpacks and compares as one); ``clause`` and ``eid`` say where
    in the ``from`` revision's text the relation stands, where the data knows it, and ``date``
    when the relation took effect (the day of the act that states it).

    >>> step = Step("pp/res/64@2018", "cites", "wtdc/res/37@2014", clause="recalling c)", eid="rec_3")
    >>> step == ("pp/res/64@2018", "cites", "wtdc/res/37@2014"), str(step)
    (True, 'pp/res/64@2018 cites wtdc/res/37@2014 (recalling c), eId rec_3)')
    """

    clause: str | None
    eid: str | None
    date: dt.date | None

    def __new__(  # noqa: PYI034, PLR0913 (the triple, where it is stated and from when)
        cls,
        u: str,
        relation: str,
        v: str,
        clause: str | None = None,
        eid: str | None = None,
        *,
        date: dt.date | None = None,
    ) -> Step:
        """The step ``(u, relation, v)``, stated in ``clause`` (``eId`` ``eid``) of ``u``'s text, from ``date``."""
        step = super().__new__(cls, (u, relation, v))
        step.clause = clause
        step.eid = eid
        step.date = date
        return step

    def as_dict(self) -> dict[str, Any]:
        """The step as plain values: ``from``, ``relation``, ``to``, ``date``, ``clause``, ``eid``.

        >>> Step("a", "cites", "b", date=dt.date(2018, 11, 16)).as_dict()["date"]
        '2018-11-16'
        """
        return {
            "from": self[0],
            "relation": self[1],
            "to": self[2],
            "date": self.date.isoformat() if self.date else None,
            "clause": self.clause,
            "eid": self.eid,
        }

    def __str__(self) -> str:
        text = " ".join(self)
        where = ", ".join(filter(None, (self.clause, f"eId {self.eid}" if self.eid else None)))
        return f"{text} ({where})" if where else text


class Explanation(list[Step]):
    """How two records are linked: the relations between them, then every cheapest chain.

    ``direct`` holds each relation stated between the two records themselves (between a
    revision and either record, for an instrument: its revisions count as it), every clause
    that states one; ``chains`` every cheapest chain of relations linking them, at most
    ``limit`` of them (``truncated`` says when there were more), fewest steps first. Chains skip the
    ``version-of`` steps between a revision and its instrument: they explain nothing.

    The list itself is the first cheapest chain, as :func:`related` always returned, so
    ``for step in registry.related(a, b)`` keeps reading one chain.

    >>> import itu_governance as itu
    >>> found = itu.load().related("pp/res/102@2018", "council/res/1336@2019")
    >>> [tuple(step) for step in found.direct][:1]
    [('council/res/1336@2019', 'cites', 'pp/res/102@2018')]
    >>> [[step[1] for step in chain] for chain in found.chains]
    [['instructs', 'absorbs']]
    """

    a: str
    b: str
    direct: tuple[Step, ...]
    chains: tuple[tuple[Step, ...], ...]
    cost: int
    truncated: bool

    def __init__(  # noqa: PLR0913 (what an explanation is made of)
        self,
        a: str,
        b: str,
        direct: Iterable[Step],
        chains: Iterable[Iterable[Step]],
        cost: int = 0,
        *,
        truncated: bool = False,
    ) -> None:
        """The explanation of how ``a`` and ``b`` are linked."""
        self.a, self.b = a, b
        self.direct = tuple(direct)
        self.chains = tuple(tuple(chain) for chain in chains)
        self.cost = cost
        self.truncated = truncated
        super().__init__(self.chains[0] if self.chains else ())

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON: ``a``, ``b``, ``direct`` and ``chains`` (of :meth:`Step.as_dict`)."""
        return {
            "a": self.a,
            "b": self.b,
            "direct": [s.as_dict() for s in self.direct],
            "chains": [[s.as_dict() for s in chain] for chain in self.chains],
            "cost": self.cost,
            "truncated": self.truncated,
        }

    def __str__(self) -> str:
        lines = [f"directly: {_step_text(step)}" for step in self.direct]
        for i, chain in enumerate(self.chains, 1):
            lines.append(f"chain {i} of {len(self.chains)}{'+' if self.truncated else ''}:")
            lines.extend(f"  {_step_text(step)}" for step in chain)
        return "\n".join(lines) or f"{self.a} is {self.b}"


def _step_text(step: Step) -> str:
    return f"{step.date} {step}" if step.date else str(step)


_CHAINS: Final = 20


def related(graph: nx.MultiDiGraph, a: str, b: str, *, limit: int = _CHAINS) -> Explanation:
    """How two records are linked: the relations between them, then the best-explained chains.

    Edges are followed in either direction, but each step is reported the way it points, so
    a chain reads as facts ("pp/res/102@2018 instructs council/res/1344"). Among chains, the
    cheapest win: a citation or a shared session costs three steps and a parent body five,
    so that a chain of acts (instructs, absorbs) is preferred to a mere mention, which
    ``direct`` still lists when the two records state it about each other.

    Raises:
        NotFound: either key is not in the graph.
        GraphError: the two records are not connected.
    """
    import networkx as nx  # noqa: PLC0415 (imported on first use of a graph)

    for key in (a, b):
        if key not in graph:
            raise NotFound(key, "record in the graph")
    if a == b:
        return Explanation(a, b, (), ())
    view = _explanatory_view(graph)
    try:
        cost = nx.shortest_path_length(view, a, b, weight="weight")
        paths = nx.all_shortest_paths(view, a, b, weight="weight")
        found: dict[tuple[Step, ...], None] = {}
        for path in paths:
            chain = _chain(graph, path)
            found.setdefault(chain, None)
            if len(found) > limit:
                break
    except nx.NetworkXNoPath:
        msg = f"nothing links {a} and {b}"
        raise GraphError(msg) from None
    chains = sorted(found, key=lambda chain: (len(chain), chain))  # fewest steps first, then by keys: stable
    return Explanation(a, b, _direct(graph, a, b), chains[:limit], int(cost), truncated=len(chains) > limit)


def _chain(graph: nx.MultiDiGraph, path: list[str]) -> tuple[Step, ...]:
    """The steps along a path of the explanatory view, without version-of steps (unless only those)."""
    steps = []
    for u, v in itertools.pairwise(path):
        candidates = [(x, y, data) for x, y in ((u, v), (v, u)) for data in (graph.get_edge_data(x, y) or {}).values()]
        x, y, data = min(candidates, key=lambda c: RELATIONS[EdgeRelation(c[2]["relation"])].rank)
        steps.append(_step(x, y, data))
    explaining = tuple(s for s in steps if s[1] != EdgeRelation.VERSION_OF.value)
    return explaining or tuple(steps)


def _step(u: str, v: str, data: Mapping[str, Any]) -> Step:
    return Step(u, str(data["relation"]), v, clause=data.get("clause"), eid=data.get("eid"), date=data.get("date"))


def _direct(graph: nx.MultiDiGraph, a: str, b: str) -> list[Step]:
    """Every relation stated between ``a`` and ``b`` (an instrument standing for its revisions too)."""
    ours, theirs = set(_versions(graph, a)), set(_versions(graph, b))
    found = [
        _step(u, v, data)
        for u in ours | theirs
        for _, v, data in graph.out_edges(u, data=True)
        if data["relation"] != EdgeRelation.VERSION_OF.value
        and ((u in ours and v in theirs) or (u in theirs and v in ours))
    ]
    return sorted(
        found, key=lambda s: (RELATIONS[EdgeRelation(s[1])].rank, s.date or dt.date.min, tuple(s), s.clause or "")
    )


def _explanatory_view(graph: nx.MultiDiGraph) -> nx.Graph:
    """An undirected view weighted by each relation's cost in :data:`RELATIONS`."""
    import networkx as nx  # noqa: PLC0415 (imported on first use of a graph)

    view = nx.Graph()
    for u, v, data in graph.edges(data=True):
        weight = RELATIONS[EdgeRelation(data["relation"])].cost
        if not view.has_edge(u, v) or view[u][v]["weight"] > weight:
            view.add_edge(u, v, weight=weight)
    return view


def find_cycle(graph: nx.MultiDiGraph) -> list[tuple[str, str]] | None:
    """A cycle along which content flows (absorption, supersession) or bodies succeed each other.

    Each step is ``(from, to)``: an absorbed or superseded instrument to the instrument that
    took it over, or a body to its predecessor. ``None`` when there is no cycle.
    """
    import networkx as nx  # noqa: PLC0415 (imported on first use of a graph)

    flow = nx.DiGraph()
    for u, v, data in graph.edges(data=True):
        way = RELATIONS[EdgeRelation(data["relation"])].flow
        if way is Flow.BACKWARD:
            flow.add_edge(v, _keys.instrument_of(u))
        elif way is Flow.FORWARD:
            flow.add_edge(u, v)
    try:
        return [(u, v) for u, v, *_ in nx.find_cycle(flow)]
    except nx.NetworkXNoCycle:
        return None


class Citing(NamedTuple):
    """One ``cites`` relation: which revision cites what, in which clause (and ``eId``)."""

    source: str
    target: str
    clause: str | None
    eid: str | None
    note: str | None

    def __str__(self) -> str:
        where = ", ".join(filter(None, (self.clause, f"eId {self.eid}" if self.eid else None)))
        return f"{self.source} cites {self.target}" + (f" ({where})" if where else "")


def _citing(u: str, v: str, data: Mapping[str, Any]) -> Citing:
    return Citing(u, v, data.get("clause"), data.get("eid"), data.get("note"))


def _versions(graph: nx.MultiDiGraph, key: str) -> list[str]:
    """``key`` and, for an instrument, each of its revisions."""
    if graph.nodes[key].get("kind") != "instrument":
        return [key]
    return [key, *(u for u, _, d in graph.in_edges(key, data=True) if d["relation"] == "version-of")]


def cites(graph: nx.MultiDiGraph, key: str) -> list[Citing]:
    """What a revision (or every revision of an instrument) cites, clause by clause, in key order."""
    return _citations(graph, key, outgoing=True)


def cited_by(graph: nx.MultiDiGraph, key: str) -> list[Citing]:
    """Who cites a record (an instrument: it or any of its revisions), clause by clause."""
    return _citations(graph, key, outgoing=False)


def _citations(graph: nx.MultiDiGraph, key: str, *, outgoing: bool) -> list[Citing]:
    """The ``cites`` edges leaving (or reaching) ``key`` and its revisions, sorted."""
    if key not in graph:
        raise NotFound(key, "record in the graph")
    edges = graph.out_edges if outgoing else graph.in_edges
    found = [
        _citing(u, v, d)
        for node in _versions(graph, key)
        for u, v, d in edges(node, data=True)
        if d["relation"] == "cites"
    ]
    return sorted(found, key=lambda c: (c.source, c.target, c.clause or "", c.eid or ""))


# --- what happened between two dates --------------------------------------------------------------


class OccurrenceKind(_Vocabulary):
    """What happened on a day of the dataset: a session, an act on an instrument, a body's life."""

    SESSION = "session"  # a conference or Council session opened (``until``: its last day)
    ADOPTED = "adopted"
    REVISED = "revised"
    MODIFIED = "modified"
    ABSORBED = "absorbed"
    ABROGATED = "abrogated"
    SUPPRESSED = "suppressed"
    SUPERSEDED = "superseded"
    ESTABLISHED = "established"  # a body was established
    APPOINTED = "appointed"  # an officer of a body took office
    MEETING = "meeting"  # a meeting of a body opened
    CONSULTATION_OPENED = "consultation-opened"
    CONSULTATION_CLOSED = "consultation-closed"
    CONSULTATION_MEETING = "consultation-meeting"


_OCCURRENCE_ORDER: Final = {kind: i for i, kind in enumerate(OccurrenceKind)}
_DIGITS: Final = re.compile(r"(\d+)")


@attrs.frozen(kw_only=True)
class Occurrence:
    """One dated occurrence of the dataset, explained: what, which record, who acted, where stated.

    ``date`` is the day it took effect (an act: its revision's effective day, the one rule of
    :attr:`Revision.effective`); ``precision`` says whether the data knows the ``day``, only the
    ``month`` or the ``year`` (then ``date`` is the earliest day it can be). ``subject`` is the
    key of the record concerned (a revision for an adoption or revision, an instrument for an
    ending, a body, meeting or consultation); ``by`` the conference or session that acted;
    ``other`` the record on the other side (the instrument absorbed, the successor, the body
    of a meeting, the establishing revision); ``clause`` the clause stating it where the data
    has it; ``sources`` the references of the record that states it.

    >>> import datetime as dt, itu_governance as itu
    >>> day = dt.date(2019, 6, 20)
    >>> print(next(o for o in itu.load().changes(day, day) if o.subject == "council/res/1344"))
    2019-06-20 abrogated council/res/1344 (into council/res/1336@2019) [conf/c19]
    """

    date: dt.date
    kind: OccurrenceKind
    subject: str
    by: str | None = None
    other: str | None = None
    until: dt.date | None = None
    precision: str = "day"
    clause: str | None = None
    detail: str | None = None
    sources: tuple[str, ...] = ()

    def sort_key(self) -> tuple[dt.date, int, tuple[str | int, ...], str]:
        """Date, then sessions before the acts of the day and acts before endings, then keys by number."""
        parts = tuple(int(p) if p.isdigit() else p for p in _DIGITS.split(self.subject))
        return (self.date, _OCCURRENCE_ORDER[self.kind], parts, self.other or "")

    def __str__(self) -> str:
        text = f"{self.date} {self.kind.value} {self.subject}"
        if self.until is not None and self.until != self.date:
            text = f"{self.date}..{self.until} {self.kind.value} {self.subject}"
        if self.detail:
            text += f" {self.detail}"
        if self.other:
            joint = {
                OccurrenceKind.ABSORBED: "absorbs",
                OccurrenceKind.ABROGATED: "into",
                OccurrenceKind.ESTABLISHED: "by",
            }.get(self.kind, "of" if self.kind in _OF_BODY else "by")
            text += f" ({joint} {self.other}{', ' + self.clause if self.clause else ''})"
        if self.by:
            text += f" [{self.by}]"
        if self.precision != "day":
            text += f" (known to the {self.precision})"
        return text


_OF_BODY: Final = frozenset(
    {
        OccurrenceKind.APPOINTED,
        OccurrenceKind.MEETING,
        OccurrenceKind.CONSULTATION_OPENED,
        OccurrenceKind.CONSULTATION_CLOSED,
        OccurrenceKind.CONSULTATION_MEETING,
    }
)


def _refs(record: Any) -> tuple[str, ...]:  # noqa: ANN401 (any record with sources)
    return tuple(source.ref for source in getattr(record, "sources", ()) or ())


def _act_precision(date: PartialDate | None, session_day: dt.date | None) -> str:
    """How exactly the day of an act is known: its own date, else its session's, else only its year."""
    if (date is not None and date.precision == "day") or session_day is not None:
        return "day"
    return date.precision if date is not None else "year"


def _instrument_occurrences(line: Timeline) -> Iterator[Occurrence]:
    record = line.instrument
    revisions = {rev.key: rev for rev in record.revisions}
    for event in line.events:
        if event.kind in _CREATES or event.kind is EventKind.ABSORBED:
            rev = revisions[event.revision or ""]
            act: Revision | End = rev
            subject = rev.key
        elif record.end is not None:
            act, subject = record.end, record.key
        else:
            continue
        yield Occurrence(
            date=event.date,
            kind=OccurrenceKind(event.kind.value),
            subject=subject,
            by=event.by,
            other=event.other,
            precision=_act_precision(act.date, act.session_day),
            sources=_refs(act),
        )


def _body_occurrences(body: WorkingGroup, revisions: Mapping[str, tuple[Revision, dt.date]]) -> Iterator[Occurrence]:
    if body.established_by and body.established_by in revisions:
        rev, day = revisions[body.established_by]
        clause = next(
            (r.clause for r in rev.relations if r.target == body.key and r.relation.value == "establishes"), None
        )
        yield Occurrence(
            date=day,
            kind=OccurrenceKind.ESTABLISHED,
            subject=body.key,
            by=rev.adopted_by,
            other=rev.key,
            precision=_act_precision(rev.date, rev.session_day),
            clause=clause,
            sources=_refs(body),
        )
    for officer in body.officers:
        if officer.start is not None:
            yield Occurrence(
                date=officer.start.earliest,
                kind=OccurrenceKind.APPOINTED,
                subject=body.key,
                by=officer.appointed_by,
                until=officer.end.latest if officer.end else None,
                precision=officer.start.precision,
                detail=f"{officer.role.value} {officer.name}",
                sources=_refs(officer),
            )


def _dated(  # noqa: PLR0913 (an occurrence from a partial date: what, which, when, stated where)
    kind: OccurrenceKind,
    subject: str,
    start: PartialDate,
    end: PartialDate | None = None,
    *,
    record: Any,  # noqa: ANN401 (any record with sources)
    other: str | None = None,
) -> Occurrence:
    return Occurrence(
        date=start.earliest,
        kind=kind,
        subject=subject,
        other=other,
        until=end.latest if end is not None else None,
        precision=start.precision,
        sources=_refs(record),
    )


def _occurrences(timelines: Mapping[str, Timeline], records: Iterable[Any]) -> Iterator[Occurrence]:
    """Every dated occurrence of the dataset, unordered."""
    revisions = {
        rev.key: (rev, day)
        for line in timelines.values()
        for rev, day in zip(line.instrument.revisions, line.dates, strict=True)
    }
    for line in timelines.values():
        yield from _instrument_occurrences(line)
    for record in records:
        kind = _kinds.of(record).name
        if kind == "conference" and record.start is not None:
            yield _dated(OccurrenceKind.SESSION, record.key, record.start, record.end, record=record)
        elif kind == "body" and (group := _kinds.as_group(record)) is not None:
            yield from _body_occurrences(group, revisions)
        elif kind == "meeting":
            yield _dated(OccurrenceKind.MEETING, record.key, record.start, record.end, record=record, other=record.body)
        elif kind == "consultation":
            yield from _consultation_occurrences(record)


def _consultation_occurrences(record: Any) -> Iterator[Occurrence]:  # noqa: ANN401 (an OpenConsultation)
    """An open consultation's online phase opening and closing, and its physical meeting."""
    if record.online is not None:
        yield _dated(
            OccurrenceKind.CONSULTATION_OPENED, record.key, record.online.start, record=record, other=record.body
        )
        if record.online.end is not None:
            yield _dated(
                OccurrenceKind.CONSULTATION_CLOSED, record.key, record.online.end, record=record, other=record.body
            )
    meeting = record.physical_meeting
    if meeting is not None and meeting.date is not None:
        yield _dated(OccurrenceKind.CONSULTATION_MEETING, record.key, meeting.date, record=meeting, other=record.body)


def changes(
    timelines: Mapping[str, Timeline],
    records: Iterable[Any],
    start: dt.date,
    end: dt.date,
    by: str | None = None,
) -> list[Occurrence]:
    """Every dated occurrence from ``start`` to ``end`` (both included), in date order.

    Sessions, adoptions, revisions, modifications, absorptions, endings, body establishments,
    officers taking office, meetings and open consultations. ``by`` keeps what one conference
    or session did (its acts, and the session itself).

    Raises:
        ValueError: the period ends before it starts.
    """
    if end < start:
        msg = f"the period ends ({end}) before it starts ({start})"
        raise ValueError(msg)
    found = [
        o
        for o in _occurrences(timelines, records)
        if start <= o.date <= end and (by is None or by in {o.by, o.subject})
    ]
    return sorted(found, key=Occurrence.sort_key)

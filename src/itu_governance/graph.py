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
import enum
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import networkx as nx

from itu_governance import _keys
from itu_governance.errors import GraphError, NotFound
from itu_governance.models import (
    Conference,
    Council,
    Designation,
    EndHow,
    Resolution,
    Revision,
    WorkingGroup,
    _Vocabulary,
)

__all__ = [
    "Event",
    "EventKind",
    "State",
    "Status",
    "Timeline",
    "build_graph",
    "build_timelines",
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


@attrs.frozen(kw_only=True)
class Status:
    """An instrument's state on a date, the revision concerned and the event that made it so.

    For ``IN_FORCE``, ``revision`` is the revision in force; for an ending, the last revision
    that was; ``successor`` names what took over (the absorbing revision or the replacement).
    ``certain`` is false when the instrument's history is not declared complete and a
    conference or session of its issuer (listed in ``unchecked``) met between that revision and
    the date: it may have revised the instrument without the data recording it.
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
class Timeline:
    """The dated revisions and ending of one instrument: the index behind point-in-time queries."""

    instrument: Resolution
    dates: tuple[dt.date, ...]
    events: tuple[Event, ...]
    end: Event | None
    successor: str | None
    sessions: tuple[tuple[dt.date, dt.date, str], ...] = ()

    def unchecked(self, since: dt.date, on: dt.date) -> tuple[str, ...]:
        """Sessions of the issuer that may have met after ``since`` and by ``on``, if the
        history is not declared complete (each session is ``(earliest, latest, key)``)."""
        if self.instrument.complete:
            return ()
        return tuple(key for earliest, latest, key in self.sessions if latest > since and earliest <= on)

    def revision_on(self, on: dt.date) -> Revision | None:
        """The latest revision adopted on or before ``on`` (ignoring any ending)."""
        i = bisect.bisect_right(self.dates, on)
        return self.instrument.revisions[i - 1] if i else None


def _day(conferences: Mapping[str, Conference], key: str, year: int, date: Any) -> dt.date:  # noqa: ANN401
    """The day an act took effect: its own date if known to the day, else the end of the
    conference or session that adopted it (acts take effect when it closes), else its start,
    else 1 January of the year."""
    if date is not None and date.precision == "day":
        return date.earliest  # type: ignore[no-any-return]
    conf = conferences.get(key)
    for bound in (conf.end, conf.start) if conf else ():
        if bound is not None and bound.precision == "day" and bound.year == year:
            return bound.earliest  # type: ignore[no-any-return]
    return date.earliest if date is not None else dt.date(year, 1, 1)  # type: ignore[no-any-return]


_END_KIND: Final = {EndHow.ABROGATED: EventKind.ABROGATED, EndHow.SUPPRESSED: EventKind.SUPPRESSED,
                    EndHow.SUPERSEDED: EventKind.SUPERSEDED}
_REVISION_KIND: Final = {Designation.ADOPTED: EventKind.ADOPTED, Designation.REVISED: EventKind.REVISED,
                         Designation.MODIFIED: EventKind.MODIFIED}


def build_timelines(records: Iterable[Any]) -> dict[str, Timeline]:
    """Index every instrument's dated revisions, absorptions and ending."""
    records = list(records)
    conferences = {r.key: r for r in records if isinstance(r, Conference)}
    instruments = [r for r in records if isinstance(r, Resolution)]
    absorbed: dict[str, list[tuple[Resolution, dt.date]]] = {}
    ends: dict[str, tuple[Event, str | None]] = {}
    for res in instruments:
        if res.end is None:
            continue
        end = res.end
        day = _day(conferences, end.by, end.year, end.date)
        successor = end.absorbed_into or end.superseded_by
        ends[res.key] = (Event(date=day, kind=_END_KIND[end.how], instrument=res.key, revision=res.latest.key,
                               by=end.by, other=successor), successor)
        if end.absorbed_into:
            absorbed.setdefault(end.absorbed_into, []).append((res, day))
    sessions: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
    for conf in conferences.values():
        first, last = conf.start or conf.end, conf.end or conf.start
        if first is not None and last is not None:
            sessions.setdefault(conf.type.value, []).append((first.earliest, last.latest, conf.key))
    timelines = {}
    for res in instruments:
        events = []
        dates = []
        for rev in res.revisions:
            day = _day(conferences, rev.adopted_by, rev.year, rev.date)
            dates.append(day)
            events.append(Event(date=day, kind=_REVISION_KIND[rev.designation], instrument=res.key,
                                revision=rev.key, by=rev.adopted_by))
            events.extend(Event(date=day, kind=EventKind.ABSORBED, instrument=res.key, revision=rev.key,
                                by=rev.adopted_by, other=other.key)
                          for other, _ in sorted(absorbed.get(rev.key, []), key=lambda x: x[0].key))
        end_event, successor = ends.get(res.key, (None, None))
        if end_event is not None:
            events.append(end_event)
        timelines[res.key] = Timeline(res, tuple(dates), tuple(sorted(events, key=Event.sort_key)),
                                      end_event, successor, tuple(sorted(sessions.get(res.issuer.value, []))))
    return timelines


def _timeline(timelines: Mapping[str, Timeline], ref: str) -> Timeline:
    key = ref.partition("@")[0]
    if key not in timelines:
        raise NotFound(ref, "instrument")
    return timelines[key]


def status(timelines: Mapping[str, Timeline], ref: str, on: dt.date) -> Status:
    """Where an instrument stands on ``on``: not yet adopted, in force (which revision), or ended.

    Raises:
        NotFound: no instrument has this key.
    """
    line = _timeline(timelines, ref)
    key = line.instrument.key
    if on < line.dates[0]:
        if line.instrument.adoption is None:
            return Status(instrument=key, on=on, state=State.UNKNOWN, revision=None, event=None, certain=False)
        return Status(instrument=key, on=on, state=State.NOT_YET_ADOPTED, revision=None, event=None)
    revision = line.revision_on(on)
    if line.end is not None and on >= line.end.date:
        end = line.end
        state = State(end.kind.value)
        if end.kind is EventKind.ABROGATED and line.instrument.end and line.instrument.end.absorbed_into:
            state = State.ABSORBED
        return Status(instrument=key, on=on, state=state, revision=revision, event=end, successor=line.successor)
    i = bisect.bisect_right(line.dates, on) - 1
    event = next(e for e in line.events if e.revision == line.instrument.revisions[i].key
                 and e.kind is not EventKind.ABSORBED)
    unchecked = line.unchecked(line.dates[i], on)
    return Status(instrument=key, on=on, state=State.IN_FORCE, revision=revision, event=event,
                  certain=not unchecked, unchecked=unchecked)


def current(timelines: Mapping[str, Timeline], ref: str, on: dt.date) -> Revision | None:
    """The revision that carries an instrument's content on ``on``.

    Follows absorption and supersession: an absorbed instrument's content lives in the
    absorbing instrument's revision in force on that date. ``None`` before adoption or after
    an ending with no successor.

    Raises:
        NotFound: no instrument has this key.
        GraphError: absorptions or supersessions form a cycle (the loader rejects such data).
    """
    seen: set[str] = set()
    while True:
        found = status(timelines, ref, on)
        if found.state is State.IN_FORCE:
            return found.revision
        if found.successor is None or found.state in {State.NOT_YET_ADOPTED, State.UNKNOWN}:
            return None
        if found.instrument in seen:
            msg = f"absorptions or supersessions form a cycle through {found.instrument}"
            raise GraphError(msg)
        seen.add(found.instrument)
        ref = found.successor


def in_force(timelines: Mapping[str, Timeline], on: dt.date) -> list[Revision]:
    """Every revision in force on ``on``, by key."""
    found = []
    for key in sorted(timelines):
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


def build_graph(records: Iterable[Any], timelines: Mapping[str, Timeline]) -> nx.MultiDiGraph:
    """The lineage graph of all records, frozen."""
    graph = nx.MultiDiGraph()
    edges: list[tuple[str, str, dict[str, Any]]] = []
    records = list(records)
    for record in records:
        if isinstance(record, Resolution):
            graph.add_node(record.key, kind="instrument", obj=record)
            line = timelines[record.key]
            previous: Revision | None = None
            for rev, day in zip(record.revisions, line.dates):
                graph.add_node(rev.key, kind="revision", obj=rev)
                edges.append((rev.key, record.key, {"relation": "version-of", "date": day}))
                edges.append((rev.adopted_by, rev.key, {"relation": "adopts", "date": day}))
                if previous is not None:
                    relation = "modifies" if rev.designation is Designation.MODIFIED else "revises"
                    edges.append((rev.key, previous.key, {"relation": relation, "date": day}))
                edges.extend((rev.key, rel.target, {"relation": rel.relation.value, "date": day, "clause": rel.clause,
                                                    "note": rel.note}) for rel in rev.relations)
                previous = rev
            if line.end is not None:
                end = record.end
                assert end is not None  # noqa: S101 (a timeline end comes from the record's end)
                edges.append((end.by, record.key, {"relation": "abrogates", "date": line.end.date}))
                if end.absorbed_into:
                    edges.append((end.absorbed_into, record.key, {"relation": "absorbs", "date": line.end.date}))
                if end.superseded_by:
                    edges.append((record.key, end.superseded_by, {"relation": "superseded-by", "date": line.end.date}))
        elif isinstance(record, Conference):
            graph.add_node(record.key, kind="conference", obj=record)
        elif isinstance(record, (WorkingGroup, Council)):
            graph.add_node(record.key, kind="body", obj=record)
            if isinstance(record, WorkingGroup):
                if record.predecessor:
                    edges.append((record.key, record.predecessor, {"relation": "succeeds", "date": None}))
                if record.parent:
                    edges.append((record.key, record.parent, {"relation": "part-of", "date": None}))
                if record.established_by:
                    edges.append((record.established_by, record.key, {"relation": "establishes", "date": None}))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for u, v, data in edges:
        if (u, v, data["relation"]) not in seen:
            seen.add((u, v, data["relation"]))
            unique.append((u, v, data))
    graph.add_edges_from(unique)
    return nx.freeze(graph)


def related(graph: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str, str]]:
    """The shortest chain of relations linking two records, each step as ``(from, relation, to)``.

    Edges are followed in either direction, but each step is reported the way it points, so
    the chain reads as facts ("pp/res/102@2018 instructs council/res/1344").

    Raises:
        NotFound: either key is not in the graph.
        GraphError: the two records are not connected.
    """
    for key in (a, b):
        if key not in graph:
            raise NotFound(key, "record in the graph")
    try:
        path = nx.shortest_path(_explanatory_view(graph), a, b, weight="weight")
    except nx.NetworkXNoPath:
        msg = f"nothing links {a} and {b}"
        raise GraphError(msg) from None
    steps = []
    for u, v in zip(path, path[1:]):
        if graph.has_edge(u, v):
            steps.append((u, _best_relation(graph, u, v), v))
        else:
            steps.append((v, _best_relation(graph, v, u), u))
    return steps


_PREFERRED: Final = ("absorbs", "instructs", "establishes", "abrogates", "superseded-by", "succeeds",
                     "revises", "modifies", "amends", "cites", "adopts", "version-of", "part-of")


def _best_relation(graph: nx.MultiDiGraph, u: str, v: str) -> str:
    relations = {data["relation"] for data in graph.get_edge_data(u, v).values()}
    return next(r for r in _PREFERRED if r in relations)


def _explanatory_view(graph: nx.MultiDiGraph) -> nx.Graph:
    """An undirected view in which structural hops (part-of, adopts) cost more than facts."""
    weights = {"part-of": 5, "adopts": 3}
    view = nx.Graph()
    for u, v, data in graph.edges(data=True):
        weight = weights.get(data["relation"], 1)
        if not view.has_edge(u, v) or view[u][v]["weight"] > weight:
            view.add_edge(u, v, weight=weight)
    return view


def find_cycle(graph: nx.MultiDiGraph) -> list[tuple[str, str]] | None:
    """A cycle along which content flows (absorption, supersession) or bodies succeed each other.

    Each step is ``(from, to)``: an absorbed or superseded instrument to the instrument that
    took it over, or a body to its predecessor. ``None`` when there is no cycle.
    """
    flow = nx.DiGraph()
    for u, v, data in graph.edges(data=True):
        if data["relation"] == "absorbs":
            flow.add_edge(v, _keys.split_revision_key(u)[0])
        elif data["relation"] in {"superseded-by", "succeeds"}:
            flow.add_edge(u, v)
    try:
        return [(u, v) for u, v, *_ in nx.find_cycle(flow)]
    except nx.NetworkXNoCycle:
        return None

"""The :class:`Registry`: the immutable facade over one loaded dataset.

Every lookup accepts a key (``council/res/1344``), a name (``CWG-Internet``, ``PP-18``,
``Dubai 2018``) or a citation (``Council Resolution 1344``,
``Resolution 102 (Rev. Dubai, 2018)``). Unknown references raise
:class:`~itu_governance.NotFound` with the closest keys.

>>> import itu_governance as itu
>>> reg = itu.load()
>>> reg.resolution("Council Resolution 1344").key
'council/res/1344'
>>> reg.revision("Resolution 102 (Rev. Dubai, 2018)").key
'pp/res/102@2018'
>>> reg.body("CWG-Internet").short_name
'CWG-Internet'
>>> reg.conference("PP-18").city
'Dubai'
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

from itu_governance import _keys, _resolve, graph
from itu_governance._reader import Origin
from itu_governance.errors import NotFound
from itu_governance.graph import Citing, Event, Explanation, Occurrence, Status, Timeline
from itu_governance.models import (
    Conference,
    Council,
    Dataset,
    InstrumentType,
    Issuer,
    Meeting,
    OpenConsultation,
    Resolution,
    Revision,
    WorkingGroup,
)

if TYPE_CHECKING:
    import networkx as nx

    from itu_governance._search import SearchHit
    from itu_governance.citations import Citation
    from itu_governance.findings import Finding
    from itu_governance.lint import LintReport, Resolved
    from itu_governance.models import Action, MandateClause
    from itu_governance.rules import Actor, Change, MandateMatch, Verdict

__all__ = ["Dataset", "Registry"]


def __dir__() -> list[str]:
    return __all__


Body = WorkingGroup | Council


class _GraphNodes(Collection[str]):
    """The keys of a registry's graph, asked for only when a lookup needs them (the graph is lazy)."""

    __slots__ = ("_registry",)

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def __contains__(self, key: object) -> bool:
        return key in self._registry.graph

    def __iter__(self) -> Iterator[str]:
        return iter(self._registry.graph)

    def __len__(self) -> int:
        return len(self._registry.graph)


class Registry:
    """All records of one dataset, indexed for lookup. Make one with :func:`itu_governance.load`.

    A registry never changes after it is made; every query answers from the same records.
    """

    __slots__ = (
        "__weakref__",  # values derived from a registry are kept as long as it lives (_memo)
        "_by_kind",
        "_dataset",
        "_graph",
        "_graph_lock",
        "_origins",
        "_records",
        "_resolver",
        "_timelines",
    )

    def __init__(
        self,
        *,
        dataset: Dataset,
        records: dict[str, Any],
        origins: dict[str, Origin],
        graph: nx.MultiDiGraph | None,
        timelines: dict[str, Timeline],
    ) -> None:
        self._dataset = dataset
        self._graph = graph
        self._graph_lock = threading.Lock()
        self._timelines = timelines
        self._records = dict(records)
        self._origins = dict(origins)
        self._by_kind: dict[str, list[Any]] = {}
        for key, record in sorted(self._records.items()):
            self._by_kind.setdefault(_keys.key_kind(key) or "", []).append(record)
        self._resolver = _resolve.Resolver(self._records, _GraphNodes(self))

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, "_resolver"):
            msg = "a Registry cannot be changed"
            raise AttributeError(msg)
        object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[Any, tuple[Dataset, dict[str, Any], dict[str, Origin]]]:
        """Pickle the records and provenance; the graph and timelines are rebuilt from them.

        The timelines are rebuilt at once and the graph on first use, so the copy is read-only
        and equal by construction, and a cached registry that is only queried for status never
        builds a graph.
        """
        return (_restore, (self._dataset, self._records, self._origins))

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(v)} {k}s" for k, v in sorted(self._by_kind.items()))
        return f"<Registry {self._dataset.name!r}: {counts}>"

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[str]:
        """The keys of every record, sorted."""
        return iter(sorted(self._records))

    def __contains__(self, key: object) -> bool:
        return key in self._records

    @property
    def dataset(self) -> Dataset:
        """The dataset's metadata."""
        return self._dataset

    @property
    def known_up_to(self) -> dt.date:
        """The date the data is curated up to; the default ``on=`` of every dated query."""
        return self._dataset.known_up_to

    def get(self, key: str) -> Any:  # noqa: ANN401 (any record)
        """The record with exactly this key: an instrument, revision, conference, body, meeting or consultation.

        >>> import itu_governance as itu
        >>> itu.load().get("council/res/1344@2015").designation.value
        'modified'
        """
        record = self._records.get(key)
        if record is not None:
            return record
        instrument, at, year = key.partition("@")
        parent = self._records.get(instrument)
        if at and year.isascii() and year.isdigit() and parent is not None:
            for revision in getattr(parent, "revisions", ()):
                if revision.year == int(year):
                    return revision
            raise NotFound(key, "revision", [r.key for r in getattr(parent, "revisions", ())])
        raise NotFound(key, "record", self._resolver.suggest(key))

    def origin(self, key: str) -> Origin:
        """The file a record was loaded from."""
        return self._origins[_keys.instrument_of(key)]

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The lineage graph (frozen): see :mod:`itu_governance.graph` for nodes and relations."""
        if self._graph is None:  # a registry from the cache builds its graph on first use
            with self._graph_lock:
                if self._graph is None:
                    object.__setattr__(self, "_graph", graph.build_graph(self._records.values(), self._timelines))
        return self._graph

    @property
    def timelines(self) -> Mapping[str, Timeline]:
        """The per-instrument index behind point-in-time queries, as a read-only view."""
        return MappingProxyType(self._timelines)

    # --- lineage and point-in-time queries --------------------------------------------------

    def lineage(self, ref: str | Citation) -> list[Event]:
        """An instrument's timeline, oldest first: adoption, revisions, absorptions, ending.

        >>> import itu_governance as itu
        >>> for event in itu.load().lineage("Council Resolution 1344"):
        ...     print(event)
        2012-07-12 adopted council/res/1344@2012 [conf/c12]
        2015-05-21 modified council/res/1344@2015 [conf/c15]
        2019-06-20 abrogated council/res/1344@2015 (into council/res/1336@2019) [conf/c19]
        """
        return graph.lineage(self._timelines, self.resolution(ref).key)

    def status(self, ref: str | Citation, on: dt.date | None = None) -> Status:
        """Where an instrument stands on a date (default: :attr:`known_up_to`).

        >>> import datetime as dt, itu_governance as itu
        >>> print(itu.load().status("Council Resolution 1344", on=dt.date(2021, 1, 27)))
        council/res/1344 on 2021-01-27: absorbed, into council/res/1336@2019
        """
        return graph.status(self._timelines, self.resolution(ref).key, self.as_of(on))

    def current(self, ref: str | Citation, on: dt.date | None = None) -> Revision | None:
        """The revision that carries an instrument's content on a date, following absorption.

        >>> import datetime as dt, itu_governance as itu
        >>> reg = itu.load()
        >>> reg.current("Council Resolution 1344").key
        'council/res/1336@2019'
        >>> reg.current("Council Resolution 1344", on=dt.date(2016, 1, 1)).key
        'council/res/1344@2015'
        """
        return graph.current(self._timelines, self.resolution(ref).key, self.as_of(on))

    def in_force(
        self, on: dt.date | None = None, issuer: Issuer | str | None = None, body: str | None = None
    ) -> list[Revision]:
        """Every revision in force on a date, by key; of one issuer, or that a body rests on.

        ``issuer`` is ``"council"``, ``"pp"``, ``"wtsa"``...; ``body`` (a key or name) keeps the
        instruments the body rests on: the one establishing it and the bases of its mandate
        and participation rules. Where one was absorbed, the absorbing instrument is among
        those bases too, so the list follows the content.

        >>> import datetime as dt, itu_governance as itu
        >>> reg = itu.load()
        >>> [r.key for r in reg.in_force(on=dt.date(2016, 3, 1), body="CWG-Internet")]
        ['council/res/1336@2015', 'council/res/1344@2015']
        >>> [r.key for r in reg.in_force(on=dt.date(2021, 1, 27), body="CWG-Internet")]
        ['council/res/1336@2019']
        >>> all(r.issuer.value == "pp" for r in reg.in_force(issuer="pp"))
        True
        """
        who = None if issuer is None else Issuer(issuer).value
        return graph.in_force(self._timelines, self.as_of(on), who, None if body is None else self.bases(body))

    def bases(self, body: str) -> list[str]:
        """The instruments a body rests on: its establishing instrument and its rules' bases, by key.

        >>> import itu_governance as itu
        >>> itu.load().bases("CWG-Internet")
        ['council/res/1336', 'council/res/1344']
        """
        record = self.body(body)
        revisions = [
            getattr(record, "established_by", None),
            *(rule.basis for rule in getattr(record, "participation", ())),
            *(clause.basis for clause in getattr(record, "mandate", ())),
        ]
        return sorted({_keys.instrument_of(key) for key in revisions if key})

    def changes(self, start: object = None, end: object = None, *, by: str | None = None) -> list[Occurrence]:
        """Every dated occurrence of the dataset between two dates (both included), in date order.

        Sessions, adoptions, revisions, modifications, absorptions, abrogations and other
        endings, body establishments, officers taking office, meetings and open consultations,
        each with the session that acted, the records concerned, the clause and the sources.
        ``by`` (a conference or session: "PP-22", "C19") keeps what it did; the dates then
        default to the whole dataset. Dates take what ``on=`` takes.

        >>> import itu_governance as itu
        >>> reg = itu.load()
        >>> for o in reg.changes(by="C19"):
        ...     if o.subject.startswith(("conf/", "council/res/13")):
        ...         print(o)
        2019-06-10..2019-06-20 session conf/c19
        2019-06-20 modified council/res/1305@2019 [conf/c19]
        2019-06-20 modified council/res/1336@2019 [conf/c19]
        2019-06-20 modified council/res/1379@2019 [conf/c19]
        2019-06-20 absorbed council/res/1336@2019 (absorbs council/res/1344) [conf/c19]
        2019-06-20 abrogated council/res/1344 (into council/res/1336@2019) [conf/c19]

        Raises:
            ValueError: no ``start`` and no ``by``, or the period ends before it starts.
        """
        session = None if by is None else self.conference(by).key
        if start is None and session is None:
            msg = "changes() needs a start date, or by= a conference or session"
            raise ValueError(msg)
        first = dt.date.min if start is None else self.as_of(start)
        last = (dt.date.max if session is not None else self.known_up_to) if end is None else self.as_of(end)
        return graph.changes(self._timelines, self._records.values(), first, last, session)

    def what_changed(self, ref: str | Citation, start: dt.date, end: dt.date | None = None) -> list[Event]:
        """The events of an instrument after ``start`` and up to ``end`` (default: known_up_to)."""
        return graph.what_changed(self._timelines, self.resolution(ref).key, start, self.as_of(end))

    def related(self, a: str | Citation, b: str | Citation, *, limit: int = 20) -> Explanation:
        """How two records are linked: the relations between them, then every cheapest chain.

        The result is a :class:`~itu_governance.graph.Explanation`: ``direct`` lists what the
        two records state about each other, ``chains`` every best-explained chain (at most
        ``limit``), each step with its date and clause; as a list it is the first chain.

        >>> import itu_governance as itu
        >>> found = itu.load().related("pp/res/102@2018", "council/res/1336@2019")
        >>> for step in found:
        ...     print(*step)
        pp/res/102@2018 instructs council/res/1344
        council/res/1336@2019 absorbs council/res/1344
        >>> print(found.direct[0])
        council/res/1336@2019 cites pp/res/102@2018
        """
        return graph.related(self.graph, self.key(a), self.key(b), limit=limit)

    def cites(self, ref: str | Citation) -> list[Citing]:
        """What a revision (or each revision of an instrument) cites, with the clause of each citation.

        >>> import itu_governance as itu
        >>> [str(c) for c in itu.load().cites("council/res/1336@2019") if c.target.startswith("pp/")]
        ['council/res/1336@2019 cites pp/res/102@2018', 'council/res/1336@2019 cites pp/res/140@2018']
        """
        return graph.cites(self.graph, self.key(ref))

    def cited_by(self, ref: str | Citation) -> list[Citing]:
        """Which revisions cite a record (an instrument: it or any of its revisions), clause by clause.

        >>> import itu_governance as itu
        >>> "council/res/1336@2019" in {c.source for c in itu.load().cited_by("pp/res/102")}
        True
        """
        return graph.cited_by(self.graph, self.key(ref))

    def resolve(self, citation: Citation | str, on: dt.date | None = None, context: object = None) -> Resolved:
        """Which revision a citation means on a date, with findings (stale, abrogated, unknown...).

        >>> import datetime as dt, itu_governance as itu
        >>> found = itu.load().resolve("Council Resolution 1344 (Mod. 2015)", on=dt.date(2016, 3, 1))
        >>> found.revision.key, found.findings
        ('council/res/1344@2015', ())
        """
        from itu_governance import lint  # noqa: PLC0415 (feature modules load on first use)

        return lint.resolve(self, citation, on, context)

    def lint(
        self, text: str, on: dt.date | None = None, context: object = None, *, ignore: Iterable[str] = ()
    ) -> LintReport:
        """Find, resolve and check every citation of a document dated ``on`` (any of six languages).

        ``context`` is the document's session or issuer ("PP-18", "wtdc"): bare citations and
        "this conference" then resolve. Codes in ``ignore``, and findings on a line marked
        ``itu: noqa`` (or ``itu: noqa[code]``), are suppressed (kept in ``report.suppressed``).
        """
        from itu_governance import lint  # noqa: PLC0415

        return lint.lint(self, text, on, context, ignore=ignore)

    # --- rules (eligibility, mandates, procedure) ------------------------------------------

    def check(self, actor: Actor | str, action: Action | str, body: str, on: dt.date | None = None) -> Verdict:
        """May ``actor`` do ``action`` in ``body`` on a date? The verdict cites its basis.

        >>> import datetime as dt, itu_governance as itu
        >>> print(itu.load().check("member-state:SAU", "attend-meeting", "CWG-Internet", on=dt.date(2021, 1, 27)))
        allowed: CWG-Internet: attend-meeting is open to member-state [basis: council/res/1336@2019]
        """
        from itu_governance import rules  # noqa: PLC0415

        return rules.check(self, actor, action, body, on)

    def why_changed(
        self, actor: Actor | str, action: Action | str, body: str, start: dt.date, end: dt.date
    ) -> Change | None:
        """The first revision between two dates that changed a verdict, or ``None``."""
        from itu_governance import rules  # noqa: PLC0415

        return rules.why_changed(self, actor, action, body, start, end)

    def mandate(self, body: str, on: dt.date | None = None) -> list[MandateClause]:
        """A body's mandate clauses in force on a date, each tied to the revision that states it."""
        from itu_governance import rules  # noqa: PLC0415

        return rules.mandate(self, body, on)

    def within_mandate(self, body: str, topic: str, on: dt.date | None = None) -> list[MandateMatch]:
        """The mandate clauses and referenced issues a topic matches, best first (empty: none)."""
        from itu_governance import rules  # noqa: PLC0415

        return rules.within_mandate(self, body, topic, on)

    def search(
        self, text: str, lang: str | None = None, kind: str | None = None, limit: int | None = 10
    ) -> list[SearchHit]:
        """Records whose titles, names or topics hold the words of ``text``, best first.

        Instrument and revision titles, body names, short names and aliases, conference names,
        consultation topics and meeting notes are searched, in the six languages: case and
        accents are folded, words stemmed (Snowball; Chinese by pairs of characters) and
        function words left out, and rarer words weigh more. ``lang`` keeps fields in one
        language (and names written alike in all); ``kind`` keeps one of ``instrument``,
        ``body``, ``conference``, ``meeting``, ``consultation``; ``limit=None`` returns every hit.

        >>> import itu_governance as itu
        >>> [(h.key, h.field) for h in itu.load().search("Internet exchange points", kind="consultation")][:1]
        [('consultation/cwg-internet/2015-ixps', 'topic')]
        >>> itu.load().search("互联网连接", lang="zh")[0].key
        'consultation/cwg-internet/2020-internet-connectivity'

        Raises:
            ValueError: a blank query, an unknown ``lang`` or ``kind``, or a negative ``limit``.
        """
        from itu_governance import _search  # noqa: PLC0415

        return _search.search(self, text, lang=lang, kind=kind, limit=limit)

    def audit(self, on: dt.date | None = None) -> list[Finding]:
        """Every procedural rule over the whole dataset (see ``docs/rules.md``)."""
        from itu_governance import rules  # noqa: PLC0415

        return rules.audit(self, on)

    def key(self, ref: str | Citation) -> str:
        """The key of whatever a reference names: a key, a name, or a citation.

        A citation with a year names a revision; without one, the instrument.

        >>> import itu_governance as itu
        >>> itu.load().key("Resolution 102 (Rev. Dubai, 2018)")
        'pp/res/102@2018'
        """
        return self._resolver.key(ref)

    def as_of(self, on: object) -> dt.date:
        """The date a query given ``on=`` answers for; :attr:`known_up_to` for ``None``.

        ``on`` may be a ``datetime.date``, a ``datetime.datetime`` (its date), an ISO 8601
        string (``"2021-01-27"``, or a date and time), or any object with a ``.date()`` method
        or an ``isoformat()`` (a pandas ``Timestamp``), or a numpy ``datetime64`` (read from its
        ISO text): neither pandas nor numpy is imported. Feature functions over
        a registry call it to treat ``on=`` as every method does.

        >>> import datetime as dt, itu_governance as itu
        >>> reg = itu.load()
        >>> reg.as_of(None) == reg.known_up_to, reg.as_of(dt.date(2016, 1, 1))
        (True, datetime.date(2016, 1, 1))
        >>> reg.as_of("2021-01-27"), reg.as_of(dt.datetime(2021, 1, 27, 9, 30))
        (datetime.date(2021, 1, 27), datetime.date(2021, 1, 27))

        Raises:
            TypeError: ``on`` is none of those.
            ValueError: ``on`` is a string that is not an ISO date.
        """
        return _as_date(on, self._dataset.known_up_to)

    # --- lookups ---------------------------------------------------------------------------

    def resolution(self, ref: str | Citation) -> Resolution:
        """The instrument (resolution, decision or recommendation) a key, name or citation names.

        >>> import itu_governance as itu
        >>> [r.year for r in itu.load().resolution("Council Resolution 1344").revisions]
        [2012, 2015]
        """
        return self._resolver.instrument(ref)[0]

    def revision(self, ref: str | Citation) -> Revision:
        """The revision a key or citation names; the citation must say which year.

        >>> import itu_governance as itu
        >>> itu.load().revision("council/res/1344@2015").designation.value
        'modified'
        """
        return self._resolver.revision(ref)

    def body(self, ref: str) -> WorkingGroup | Council:
        """The Council or a working group, by key, short name, name or alias."""
        return cast("WorkingGroup | Council", self._resolver.named(ref, "body"))

    def conference(self, ref: str) -> Conference:
        """A conference or Council session by key, short name or alias ("PP-18", "Dubai 2018", "C19")."""
        return cast("Conference", self._resolver.named(ref, "conference"))

    def meeting(self, ref: str) -> Meeting:
        """A meeting by key (``meeting/cwg-internet/15``)."""
        return cast("Meeting", self._resolver.named(ref, "meeting"))

    def consultation(self, ref: str) -> OpenConsultation:
        """An open consultation by key."""
        return cast("OpenConsultation", self._resolver.named(ref, "consultation"))

    # --- iteration ---------------------------------------------------------------------------

    def resolutions(
        self,
        issuer: Issuer | str | None = None,
        type: InstrumentType | str | None = None,  # noqa: A002 (the field's name in the model and data)
    ) -> list[Resolution]:
        """All instruments, optionally of one issuer and type, in key order by number.

        >>> import itu_governance as itu
        >>> numbers = [r.number for r in itu.load().resolutions("council", "resolution")]
        >>> {1305, 1336, 1344} <= set(numbers), numbers == sorted(numbers)
        (True, True)
        """
        found: list[Resolution] = self._by_kind.get("instrument", [])
        if issuer is not None:
            found = [r for r in found if r.issuer == Issuer(issuer)]
        if type is not None:
            found = [r for r in found if r.type == InstrumentType(type)]
        return sorted(found, key=lambda r: (r.issuer.value, r.type.value, r.number))

    def revisions(self, adopted_by: str | None = None) -> list[Revision]:
        """All revisions, or those adopted at one conference or session, by date then key.

        >>> import itu_governance as itu
        >>> keys = [r.key for r in itu.load().revisions(adopted_by="C19")]
        >>> {"council/res/1305@2019", "council/res/1336@2019"} <= set(keys), keys == sorted(keys)
        (True, True)
        """
        revisions = [rev for res in self._by_kind.get("instrument", []) for rev in res.revisions]
        if adopted_by is not None:
            conf = self.conference(adopted_by).key
            revisions = [r for r in revisions if r.adopted_by == conf]
        return sorted(revisions, key=lambda r: (r.effective, r.key))

    def conferences(self, type: Issuer | str | None = None) -> list[Conference]:  # noqa: A002
        """All conferences and Council sessions, or those of one type, in date order."""
        found: list[Conference] = self._by_kind.get("conference", [])
        if type is not None:
            found = [c for c in found if c.type == Issuer(type)]
        return sorted(found, key=lambda c: (c.start.earliest if c.start else dt.date.max, c.key))

    def bodies(self) -> list[WorkingGroup | Council]:
        """The Council and every working group, by key."""
        return list(self._by_kind.get("body", []))

    def meetings(self, body: str | None = None) -> list[Meeting]:
        """Meetings of one body (or all), in date order."""
        found: list[Meeting] = self._by_kind.get("meeting", [])
        if body is not None:
            key = self.body(body).key
            found = [m for m in found if m.body == key]
        return sorted(found, key=lambda m: (m.start.earliest, m.key))

    def consultations(self, body: str | None = None) -> list[OpenConsultation]:
        """Open consultations of one body (or all), by the start of their online phase."""
        found: list[OpenConsultation] = self._by_kind.get("consultation", [])
        if body is not None:
            key = self.body(body).key
            found = [c for c in found if c.body == key]
        return sorted(found, key=lambda c: (c.online.start.earliest if c.online else dt.date.max, c.key))

    # --- exports ---------------------------------------------------------------------------

    def export(self, fmt: str, dest: Any, lang: str = "en") -> None:  # noqa: ANN401 (a path, or a text or binary stream)
        """Write the lineage graph (or, for ``csv``, the events) to a path or an open stream.

        ``fmt`` is one of :data:`itu_governance.export.FORMATS` (``graphml``, ``csv``...);
        labels are in ``lang``, falling back to English. See :mod:`itu_governance.export`.

        >>> import io, itu_governance as itu
        >>> out = io.StringIO()
        >>> itu.load().export("csv", out)
        >>> out.getvalue().splitlines()[0]
        'date,instrument,event,revision,by,other'
        """
        from itu_governance.export import export  # noqa: PLC0415

        export(self, fmt, dest, lang)

    def to_dataframe(self, kind: str) -> Any:  # noqa: ANN401 (a pandas DataFrame; pandas is optional)
        """A table of the dataset as a pandas DataFrame (needs the ``pandas`` extra).

        ``kind`` is one of ``instruments``, ``revisions``, ``events``, ``conferences``,
        ``bodies``, ``meetings``, ``consultations`` or ``citations`` (the relations revisions
        state, with their clause). Keys are columns; dates are ``datetime64`` columns.

        >>> import itu_governance as itu
        >>> frame = itu.load().to_dataframe("revisions")  # doctest: +SKIP
        >>> frame[frame.instrument == "council/res/1344"][["key", "effective"]]  # doctest: +SKIP
                          key  effective
        ...
        """
        from itu_governance._frames import to_dataframe  # noqa: PLC0415 (loaded on first use)

        return to_dataframe(self, kind)

    def revision_from_iri(self, iri: str) -> Revision:
        """The revision an Akoma Ntoso (AKN4UN) IRI names; see :mod:`itu_governance.akn`.

        >>> import itu_governance as itu
        >>> itu.load().revision_from_iri("/akn/un/statement/deliberation/itu-council/2019-06-20/res-1336").key
        'council/res/1336@2019'
        """
        from itu_governance.akn import revision_from_iri  # noqa: PLC0415

        return revision_from_iri(self._timelines, iri)


def _as_date(on: object, default: dt.date) -> dt.date:  # noqa: C901, PLR0911 (one return per accepted form)
    """``on`` as a date, by duck typing (no pandas or numpy import)."""
    if on is None:
        return default
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    if isinstance(on, str):
        try:
            return dt.datetime.fromisoformat(on.strip()).date()
        except ValueError:
            msg = f"on= takes an ISO date like '2021-01-27', got {on!r}"
            raise ValueError(msg) from None
    as_date = getattr(on, "date", None)
    if callable(as_date):  # a pandas Timestamp, or any datetime-like
        day = as_date()
        if isinstance(day, dt.date):
            return day
    if type(on).__name__ == "datetime64":  # numpy: str() is ISO 8601 ('2021-01-27' or '2021-01-27T00:00')
        return _as_date(str(on)[:10], default)
    isoformat = getattr(on, "isoformat", None)
    if callable(isoformat):
        text = isoformat()
        if isinstance(text, str):
            return _as_date(text[:10], default)
    msg = (
        f"on= takes a datetime.date, a datetime, an ISO string like '2021-01-27', or an object with "
        f".date() or .isoformat() (a pandas Timestamp), got {on!r} of type {type(on).__name__}"
    )
    raise TypeError(msg)


def _restore(dataset: Dataset, records: dict[str, Any], origins: dict[str, Origin]) -> Registry:
    """A registry from pickled records: the derived graph and timelines built anew."""
    timelines = graph.build_timelines(records.values())
    origins = {key: Origin(file=o.file, doc=o.doc.positions()) for key, o in origins.items()}
    return Registry(dataset=dataset, records=records, origins=origins, graph=None, timelines=timelines)

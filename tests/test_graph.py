"""The lineage graph and point-in-time queries: pinned on the bundled data, and as properties of generated lineages.

The generated lineages follow the loader's rules: revisions in increasing years, each adopted
by a session of the issuer held that year; an ending on or after the last revision; an
absorption into another instrument's revision adopted by the session that ended the absorbed
one; absorptions and supersessions only towards instruments later in the list (so no cycles).
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import itu_governance as itu
from itu_governance import graph
from itu_governance import strategies as its
from itu_governance.graph import EventKind, State, Timeline
from itu_governance.models import Conference, Designation, End, EndHow, PartialDate, Resolution, Revision, Source

SOURCES = [Source(ref="https://www.itu.int/")]


# --- generated lineages --------------------------------------------------------------------


@st.composite
def sessions(draw: st.DrawFn, year: int) -> Conference:
    """A Council session in ``year``: dated to the day, to the month, or not at all."""
    precision = draw(st.sampled_from(["day", "month", "none"]))
    start: PartialDate | None = None
    end: PartialDate | None = None
    if precision != "none":
        month = draw(st.integers(1, 12))
        first = draw(st.integers(1, 14)) if precision == "day" else None
        last = draw(st.integers(first, 28)) if first is not None else None
        start, end = PartialDate(year, month, first), PartialDate(year, month, last)
    return Conference(key=f"conf/c{year}", type="council", short_name=f"C{year}", start=start, end=end, sources=SOURCES)


@st.composite
def lineages(draw: st.DrawFn, max_instruments: int = 6) -> list[Any]:
    """Conferences and instruments of one issuer whose lineages the loader would accept."""
    years = sorted(draw(st.sets(st.integers(2000, 2030), min_size=1, max_size=8)))
    conferences = {year: draw(sessions(year)) for year in years}
    count = draw(st.integers(1, max_instruments))
    revised: list[list[int]] = [
        sorted(draw(st.sets(st.sampled_from(years), min_size=1, max_size=len(years)))) for _ in range(count)
    ]
    instruments: list[Resolution] = []
    for i, revision_years in enumerate(revised):
        key = f"council/res/{i + 1}"
        revisions = []
        for j, year in enumerate(revision_years):
            conf = conferences[year]
            day = None
            if conf.start is not None and conf.start.precision == "day" and draw(st.booleans()):
                assert conf.end is not None
                day = draw(st.dates(conf.start.earliest, conf.end.latest))
            first = Designation.ADOPTED if draw(st.integers(0, 4)) else Designation.REVISED  # some histories start late
            designation = first if j == 0 else draw(st.sampled_from([Designation.REVISED, Designation.MODIFIED]))
            revisions.append(
                Revision(
                    instrument=key,
                    year=year,
                    designation=designation,
                    adopted_by=conf.key,
                    date=day,
                    sources=SOURCES,
                )
            )
        end = None
        if draw(st.booleans()):
            end_year = draw(st.sampled_from([y for y in years if y >= revision_years[-1]]))
            how = draw(st.sampled_from(list(EndHow)))
            hosts = [f"council/res/{j + 1}@{end_year}" for j in range(i + 1, count) if end_year in revised[j]]
            later = [f"council/res/{j + 1}" for j in range(i + 1, count)]
            absorbed_into = draw(st.none() | st.sampled_from(hosts)) if how is EndHow.ABROGATED and hosts else None
            superseded_by = draw(st.sampled_from(later)) if how is EndHow.SUPERSEDED and later else None
            end = End(
                how=how,
                by=conferences[end_year].key,
                year=end_year,
                absorbed_into=absorbed_into,
                superseded_by=superseded_by,
                sources=SOURCES,
            )
        instruments.append(
            Resolution(
                issuer="council",
                type="resolution",
                number=i + 1,
                revisions=revisions,
                end=end,
                complete=revisions[0].designation is Designation.ADOPTED and draw(st.booleans()),
                sources=SOURCES,
            )
        )
    return [*conferences.values(), *instruments]


DATES = st.dates(dt.date(1998, 1, 1), dt.date(2033, 12, 31))


def adoption(number: int, year: int, by: str) -> Revision:
    return Revision(
        instrument=f"council/res/{number}", year=year, designation="adopted", adopted_by=by, sources=SOURCES
    )


def timelines_of(records: list[Any]) -> dict[str, Timeline]:
    return graph.build_timelines(records)


def ended_by(line: Timeline, on: dt.date) -> bool:
    return line.end is not None and on >= line.end.date


# --- one class per graph function ----------------------------------------------------------


class TestLineage:
    def test_1344_oldest_first(self, registry: itu.Registry) -> None:
        events = registry.lineage("Council Resolution 1344")
        assert [(e.kind, e.date.year, e.revision) for e in events] == [
            (EventKind.ADOPTED, 2012, "council/res/1344@2012"),
            (EventKind.MODIFIED, 2015, "council/res/1344@2015"),
            (EventKind.ABROGATED, 2019, "council/res/1344@2015"),
        ]
        assert events[-1].other == "council/res/1336@2019"
        assert events[-1].by == "conf/c19"
        assert [e.date for e in events] == sorted(e.date for e in events)

    def test_the_absorbing_instrument_records_the_absorption(self, registry: itu.Registry) -> None:
        absorbed = [e for e in registry.lineage("council/res/1336") if e.kind is EventKind.ABSORBED]
        assert [(e.revision, e.other) for e in absorbed] == [("council/res/1336@2019", "council/res/1344")]

    def test_the_function_and_the_method_agree(self, registry: itu.Registry) -> None:
        assert graph.lineage(registry.timelines, "council/res/1344@2015") == registry.lineage("council/res/1344")

    def test_unknown_instrument(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound):
            graph.lineage(registry.timelines, "council/res/99999")

    @given(lineages())
    def test_events_are_in_story_order(self, records: list[Any]) -> None:
        for key, line in timelines_of(records).items():
            events = graph.lineage(timelines_of(records), key)
            assert events == sorted(events, key=graph.Event.sort_key)
            assert list(line.dates) == sorted(set(line.dates))  # one day per revision, strictly increasing

    @given(lineages())
    def test_chronological_order_respects_every_revises_edge(self, records: list[Any]) -> None:
        timelines = timelines_of(records)
        lineage = graph.build_graph(records, timelines)
        day = {
            rev.key: date
            for line in timelines.values()
            for rev, date in zip(line.instrument.revisions, line.dates, strict=True)
        }
        order = {key: i for i, key in enumerate(sorted(day, key=lambda k: (day[k], k)))}
        revises = nx.DiGraph(
            (v, u) for u, v, d in lineage.edges(data=True) if d["relation"] in {"revises", "modifies"}
        )  # older -> newer
        assert nx.is_directed_acyclic_graph(revises)
        for older, newer in revises.edges:
            assert order[older] < order[newer]
            assert day[older] < day[newer]
        # the chronological order is a topological order of the revision chains
        topological = [k for k in sorted(order, key=order.__getitem__) if k in revises]
        position = {k: i for i, k in enumerate(topological)}
        assert all(position[u] < position[v] for u, v in revises.edges)


class TestStatus:
    def test_1344_in_force_in_2016(self, registry: itu.Registry) -> None:
        found = registry.status("Council Resolution 1344", on=dt.date(2016, 1, 1))
        assert found.state is State.IN_FORCE
        assert found.revision is not None
        assert found.revision.key == "council/res/1344@2015"

    def test_1344_absorbed_in_2021(self, registry: itu.Registry) -> None:
        found = registry.status("Council Resolution 1344", on=dt.date(2021, 1, 27))
        assert found.state is State.ABSORBED
        assert found.successor == "council/res/1336@2019"
        assert found.revision is not None
        assert found.revision.key == "council/res/1344@2015"  # the last revision that was in force
        assert found.event is not None
        assert found.event.kind is EventKind.ABROGATED

    def test_before_adoption(self, registry: itu.Registry) -> None:
        assert registry.status("council/res/1344", on=dt.date(2000, 1, 1)).state is State.NOT_YET_ADOPTED

    def test_on_the_day_of_the_ending(self, registry: itu.Registry) -> None:
        end = registry.timelines["council/res/1344"].end
        assert end is not None
        assert registry.status("council/res/1344", on=end.date).state is State.ABSORBED
        day_before = end.date - dt.timedelta(days=1)
        assert registry.status("council/res/1344", on=day_before).state is State.IN_FORCE

    @given(lineages(), DATES)
    def test_defined_for_every_date(self, records: list[Any], on: dt.date) -> None:
        timelines = timelines_of(records)
        for key, line in timelines.items():
            found = graph.status(timelines, key, on)
            assert found.instrument == key
            assert found.on == on
            if on < line.dates[0]:
                expected = State.NOT_YET_ADOPTED if line.instrument.adoption else State.UNKNOWN
                assert found.state is expected
                assert found.revision is None
            elif ended_by(line, on):
                assert found.state not in {State.IN_FORCE, State.NOT_YET_ADOPTED, State.UNKNOWN}
                assert found.revision == line.instrument.latest
                assert found.successor == line.successor
            else:
                assert found.state is State.IN_FORCE
                assert found.revision == line.revision_on(on)
            if found.certain:
                assert not found.unchecked


class TestCurrent:
    def test_1344_in_2016(self, registry: itu.Registry) -> None:
        found = registry.current("Council Resolution 1344", on=dt.date(2016, 1, 1))
        assert found is not None
        assert found.key == "council/res/1344@2015"

    def test_1344_in_2021_lives_in_1336(self, registry: itu.Registry) -> None:
        found = registry.current("Council Resolution 1344", on=dt.date(2021, 1, 27))
        assert found is not None
        assert found.key == "council/res/1336@2019"

    def test_none_before_adoption(self, registry: itu.Registry) -> None:
        assert registry.current("council/res/1344", on=dt.date(2000, 1, 1)) is None

    def test_cycle_is_an_error(self) -> None:
        # the loader rejects such data; the query still stops instead of looping
        def instrument(number: int, other: int) -> Resolution:
            return Resolution(
                issuer="council",
                type="resolution",
                number=number,
                revisions=[adoption(number, 2010, "conf/c10")],
                end=End(
                    how="superseded", by="conf/c11", year=2011, superseded_by=f"council/res/{other}", sources=SOURCES
                ),
                sources=SOURCES,
            )

        timelines = timelines_of([instrument(1, 2), instrument(2, 1)])
        with pytest.raises(itu.GraphError, match="cycle"):
            graph.current(timelines, "council/res/1", dt.date(2012, 1, 1))

    @given(lineages(), DATES)
    def test_exactly_one_current_revision_after_adoption(self, records: list[Any], on: dt.date) -> None:
        timelines = timelines_of(records)
        in_force = graph.in_force(timelines, on)
        for key, line in timelines.items():
            if line.end is not None or on < line.dates[0]:
                continue
            found = graph.current(timelines, key, on)
            assert found is not None
            assert found.instrument == key
            assert found == line.instrument.revisions[bisect.bisect_right(line.dates, on) - 1]
            assert [r for r in in_force if r.instrument == key] == [found]

    @given(lineages(), DATES)
    def test_never_a_revision_of_an_ended_instrument_except_by_absorption(
        self, records: list[Any], on: dt.date
    ) -> None:
        timelines = timelines_of(records)
        for key, line in timelines.items():
            found = graph.current(timelines, key, on)
            if found is not None:  # whatever current() returns is in force that day
                status = graph.status(timelines, found.instrument, on)
                assert status.state is State.IN_FORCE
                assert status.revision == found
            if not ended_by(line, on):
                continue
            if line.successor is None:
                assert found is None
                continue
            # ended and taken over: the content is found, if anywhere, along the chain of successors
            assert found is None or found.instrument != key
            chain, step = [], line
            while step.end is not None and on >= step.end.date and step.successor is not None:
                chain.append(step.successor.partition("@")[0])
                step = timelines[chain[-1]]
            assert found is None or found.instrument == chain[-1]


class TestInForce:
    def test_on_27_january_2021(self, registry: itu.Registry) -> None:
        found = registry.in_force(dt.date(2021, 1, 27))
        keys = [r.key for r in found]
        assert "council/res/1336@2019" in keys
        assert not [k for k in keys if k.startswith("council/res/1344@")]
        assert [r.instrument for r in found] == sorted(r.instrument for r in found)

    def test_everything_listed_is_in_force(self, registry: itu.Registry) -> None:
        on = dt.date(2021, 1, 27)
        for rev in registry.in_force(on):
            assert registry.status(rev.instrument, on=on).revision == rev

    def test_in_2016_1344_is_listed(self, registry: itu.Registry) -> None:
        assert "council/res/1344@2015" in [r.key for r in registry.in_force(dt.date(2016, 1, 1))]

    @given(lineages(), DATES)
    def test_at_most_one_revision_per_instrument(self, records: list[Any], on: dt.date) -> None:
        timelines = timelines_of(records)
        found = graph.in_force(timelines, on)
        assert len({r.instrument for r in found}) == len(found)
        expected = [key for key, line in sorted(timelines.items()) if on >= line.dates[0] and not ended_by(line, on)]
        assert [r.instrument for r in found] == expected


class TestRelated:
    def test_102_instructs_1344_absorbed_by_1336(self, registry: itu.Registry) -> None:
        assert registry.related("pp/res/102@2018", "council/res/1336@2019") == [
            ("pp/res/102@2018", "instructs", "council/res/1344"),
            ("council/res/1336@2019", "absorbs", "council/res/1344"),
        ]

    def test_a_record_is_related_to_itself_by_nothing(self, registry: itu.Registry) -> None:
        assert graph.related(registry.graph, "council/res/1344", "council/res/1344") == []

    def test_unknown_key(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound):
            graph.related(registry.graph, "council/res/1344", "council/res/99999")

    def test_unconnected_records(self) -> None:
        records = [
            Resolution(
                issuer="council",
                type="resolution",
                number=n,
                revisions=[adoption(n, 2010, f"conf/c{n}")],
                sources=SOURCES,
            )
            for n in (1, 2)
        ]
        lineage = graph.build_graph(records, timelines_of(records))
        with pytest.raises(itu.GraphError, match="nothing links"):
            graph.related(lineage, "council/res/1", "council/res/2")

    def test_every_cheapest_chain_is_listed(self) -> None:
        """Two instruments adopted at one session and revised at the next: two chains of equal cost."""
        records = [
            Resolution(
                issuer="council",
                type="resolution",
                number=n,
                revisions=[
                    adoption(n, 2010, "conf/c10"),
                    Revision(
                        instrument=f"council/res/{n}",
                        year=2011,
                        designation="revised",
                        adopted_by="conf/c11",
                        sources=SOURCES,
                    ),
                ],
                sources=SOURCES,
            )
            for n in (1, 2)
        ]
        lineage = graph.build_graph(records, timelines_of(records))
        found = graph.related(lineage, "council/res/1", "council/res/2")
        assert found.direct == ()
        assert found.chains == (  # fewest steps first, then by keys
            (("conf/c10", "adopts", "council/res/1@2010"), ("conf/c10", "adopts", "council/res/2@2010")),
            (("conf/c11", "adopts", "council/res/1@2011"), ("conf/c11", "adopts", "council/res/2@2011")),
        )
        assert found == list(found.chains[0])
        assert found.cost == 8  # version-of 1, adopts 3, adopts 3, version-of 1
        one = graph.related(lineage, "council/res/1", "council/res/2", limit=1)
        assert (len(one.chains), one.truncated) == (1, True)

    def test_direct_relations_of_a_revision_and_its_predecessor(self, registry: itu.Registry) -> None:
        found = graph.related(registry.graph, "council/res/1344@2015", "council/res/1344@2012")
        assert [tuple(s) for s in found.direct] == [("council/res/1344@2015", "modifies", "council/res/1344@2012")]
        assert found.direct[0].date == dt.date(2015, 5, 21)


class TestWhatChanged:
    def test_1344_between_2013_and_2020(self, registry: itu.Registry) -> None:
        events = registry.what_changed("council/res/1344", dt.date(2013, 1, 1), dt.date(2020, 1, 1))
        assert [(e.kind, e.date.year) for e in events] == [(EventKind.MODIFIED, 2015), (EventKind.ABROGATED, 2019)]

    def test_start_is_exclusive_and_end_inclusive(self, registry: itu.Registry) -> None:
        line = registry.timelines["council/res/1344"]
        adopted, modified = line.dates
        events = registry.what_changed("council/res/1344", adopted, modified)
        assert [e.kind for e in events] == [EventKind.MODIFIED]

    def test_nothing_changed(self, registry: itu.Registry) -> None:
        assert registry.what_changed("council/res/1344", dt.date(2016, 1, 1), dt.date(2018, 12, 31)) == []

    def test_backwards_period(self, registry: itu.Registry) -> None:
        with pytest.raises(ValueError, match="ends"):
            registry.what_changed("council/res/1344", dt.date(2020, 1, 1), dt.date(2019, 1, 1))

    @given(lineages(), DATES, DATES)
    def test_periods_add_up(self, records: list[Any], a: dt.date, b: dt.date) -> None:
        start, end = min(a, b), max(a, b)
        timelines = timelines_of(records)
        for key, line in timelines.items():
            middle = start + (end - start) / 2
            whole = graph.what_changed(timelines, key, start, end)
            assert whole == graph.what_changed(timelines, key, start, middle) + graph.what_changed(
                timelines, key, middle, end
            )
            assert whole == [e for e in line.events if start < e.date <= end]


class TestRelationsTable:
    def test_every_relation_has_a_row(self) -> None:
        assert set(graph.RELATIONS) == set(graph.EdgeRelation)

    def test_ranks_order_every_relation_once(self) -> None:
        assert sorted(info.rank for info in graph.RELATIONS.values()) == list(range(len(graph.EdgeRelation)))

    def test_the_stated_relations_are_the_data_vocabulary(self) -> None:
        """A revision's ``relation:`` in the data takes exactly the rows marked ``stated``."""
        stated = {rel.value for rel, info in graph.RELATIONS.items() if info.stated}
        assert stated == {rel.value for rel in itu.RelationType}

    def test_every_edge_of_the_bundled_graph_is_in_the_table(self, registry: itu.Registry) -> None:
        used = {data["relation"] for _, _, data in registry.graph.edges(data=True)}
        assert used <= {rel.value for rel in graph.EdgeRelation}
        assert all(type(relation) is str for relation in used)  # plain strings, for every graph format

    def test_a_relation_without_a_row_cannot_be_built(self) -> None:
        """The explanation of a link needs every relation's rank: there is no silent default."""
        for relation in graph.EdgeRelation:
            assert isinstance(graph.RELATIONS[relation], graph.RelationInfo)


class TestEffectiveDate:
    def test_a_revision_and_its_timeline_agree(self, registry: itu.Registry) -> None:
        """One effective date: a loaded revision's ``effective`` is the day its timeline gives it."""
        for line in registry.timelines.values():
            assert [rev.effective for rev in line.instrument.revisions] == list(line.dates)
            if line.end is not None:
                assert line.instrument.end is not None
                assert line.instrument.end.effective == line.end.date

    @given(its.registries())
    def test_generated_revisions_agree_with_their_timeline(self, registry: itu.Registry) -> None:
        for line in registry.timelines.values():
            assert [rev.effective for rev in line.instrument.revisions] == list(line.dates)

    def test_the_session_closing_day_is_used(self, registry: itu.Registry) -> None:
        """A revision known only by its year takes effect when its session closes."""
        rev = registry.revision("council/res/1344@2015")
        assert rev.date is None
        assert rev.effective == dt.date(2015, 5, 21)

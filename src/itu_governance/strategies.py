"""Hypothesis strategies for property tests of code that uses itu-governance.

Install the extra (``pip install itu-governance[strategies]``); once installed, the package
also registers these strategies with Hypothesis, so ``st.from_type(Resolution)`` works.
Every strategy shrinks toward the simplest value: a PP resolution numbered 1, adopted at
the earliest conference year, with no revisions.

>>> from hypothesis import given
>>> from itu_governance import strategies as its
>>> @given(its.resolutions())
... def test_latest_is_last(res):
...     assert res.latest is res.revisions[-1]
>>> test_latest_is_last()
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from itu_governance import _keys
from itu_governance.citations import Citation, Modifier, _forms, _languages
from itu_governance.loader import build
from itu_governance.models import (
    Action,
    Conference,
    Designation,
    End,
    EndHow,
    InstrumentType,
    Issuer,
    Lang,
    PartialDate,
    Resolution,
    Revision,
    Source,
)
from itu_governance.registry import Dataset, Registry
from itu_governance.rules import Actor, ActorCategory, Sector

__all__ = [
    "actions",
    "actors",
    "citations",
    "instrument_keys",
    "languages",
    "partial_dates",
    "registries",
    "resolutions",
    "revision_keys",
    "revisions",
]


def __dir__() -> list[str]:
    return __all__


def languages() -> st.SearchStrategy[Lang]:
    """One of the six official languages whose citation forms are shipped."""
    return st.sampled_from(_languages())


def instrument_keys() -> st.SearchStrategy[str]:
    """Well-formed instrument keys such as ``council/res/1344``."""
    return st.builds(
        _keys.instrument_key,
        st.sampled_from(_keys.ISSUERS),
        st.sampled_from(sorted(_keys.TYPE_CODES)),
        st.integers(1, 99999),
    )


def revision_keys() -> st.SearchStrategy[str]:
    """Well-formed revision keys such as ``council/res/1344@2015``."""
    return st.builds(_keys.revision_key, instrument_keys(), st.integers(_keys.FIRST_YEAR, _keys.LAST_YEAR))


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = _keys.FIRST_YEAR, max_year: int = _keys.LAST_YEAR) -> PartialDate:
    """Dates known to the year, the month or the day."""
    year = draw(st.integers(min_year, max_year))
    month = draw(st.none() | st.integers(1, 12))
    if month is None:
        return PartialDate(year)
    day = draw(st.none() | st.integers(1, 28))
    return PartialDate(year, month, day)


_SOURCES = st.lists(
    st.builds(Source, ref=st.sampled_from(["C19/INF/1", "https://www.itu.int/"])),
    min_size=1,
    max_size=2,
)


@st.composite
def revisions(
    draw: st.DrawFn,
    instrument: str | None = None,
    year: int | None = None,
    designation: Designation | None = None,
) -> Revision:
    """A single revision of an instrument (by default, an adoption)."""
    instrument = instrument or draw(instrument_keys())
    year = year if year is not None else draw(st.integers(_keys.FIRST_YEAR, _keys.LAST_YEAR))
    return Revision(
        instrument=instrument,
        year=year,
        designation=designation or Designation.ADOPTED,
        adopted_by=f"conf/{instrument.split('/')[0]}-{year}",
        sources=draw(_SOURCES),
    )


@st.composite
def resolutions(draw: st.DrawFn, max_revisions: int = 6) -> Resolution:
    """An instrument with a valid lineage: adoption, later revisions in increasing years, maybe an end."""
    issuer = draw(st.sampled_from(list(Issuer)))
    kind = draw(st.sampled_from(list(InstrumentType)))
    number = draw(st.integers(1, 99999))
    key = _keys.instrument_key(issuer.value, kind.value, number)
    room = st.integers(_keys.FIRST_YEAR, _keys.LAST_YEAR - 9)  # room for an ending after the last revision
    years = sorted(draw(st.sets(room, min_size=1, max_size=max_revisions)))
    revs = [draw(revisions(instrument=key, year=years[0]))]
    for year in years[1:]:
        designation = draw(st.sampled_from([Designation.REVISED, Designation.MODIFIED]))
        revs.append(draw(revisions(instrument=key, year=year, designation=designation)))
    end = None
    if draw(st.booleans()):
        end_year = draw(st.integers(years[-1], _keys.LAST_YEAR))
        end = End(
            how=draw(st.sampled_from(list(EndHow))),
            by=f"conf/{issuer.value}-{end_year}",
            year=end_year,
            sources=draw(_SOURCES),
        )
    return Resolution(issuer=issuer, type=kind, number=number, revisions=revs, end=end, sources=draw(_SOURCES))


@st.composite
def citations(draw: st.DrawFn, lang: Lang | None = None) -> Citation:
    """Citations that every shipped language can write (places from the shared place table)."""
    lang = lang or draw(languages())
    places = sorted(set.intersection(*(set(_forms(code).raw.get("places", {})) for code in _languages())))
    year = draw(st.none() | st.integers(_keys.FIRST_YEAR, _keys.LAST_YEAR))
    modifier = None if year is None else draw(st.none() | st.sampled_from([Modifier.REVISED, Modifier.MODIFIED]))
    place = None if year is None else draw(st.none() | st.sampled_from(places))
    body = draw(st.none() | st.sampled_from([Issuer.PP, Issuer.COUNCIL]))
    return Citation(
        kind=draw(st.sampled_from(list(InstrumentType))),
        number=draw(st.integers(1, 99999)),
        body=body,
        year=year,
        place=place,
        modifier=modifier,
        lang=lang,
    )


@st.composite
def registries(draw: st.DrawFn, max_instruments: int = 6, max_sessions: int = 8) -> Registry:
    """Whole registries of Council sessions and instruments with valid lineages.

    Instruments are revised at some of the sessions; some end, and an ending may fold the
    instrument into another one revised by the same session (never in a cycle). The result
    passes every check of :func:`itu_governance.build`.
    """
    years = sorted(draw(st.sets(st.integers(1990, 2025), min_size=1, max_size=max_sessions)))
    sessions = [
        Conference(
            key=f"conf/c{y}",
            type=Issuer.COUNCIL,
            short_name=f"C{y}",
            city="Geneva",
            start=f"{y}-06-01",
            end=f"{y}-06-10",
            sources=draw(_SOURCES),
        )
        for y in years
    ]
    count = draw(st.integers(1, max_instruments))
    numbers = draw(st.lists(st.integers(1000, 1999), min_size=count, max_size=count, unique=True))
    chosen = [sorted(draw(st.sets(st.sampled_from(years), min_size=1))) for _ in numbers]
    records: list[object] = list(sessions)
    for i, (number, revised) in enumerate(zip(numbers, chosen, strict=True)):
        key = _keys.instrument_key("council", "resolution", number)
        revs = [
            Revision(
                instrument=key,
                year=y,
                adopted_by=f"conf/c{y}",
                sources=draw(_SOURCES),
                designation=Designation.ADOPTED
                if j == 0
                else draw(st.sampled_from([Designation.REVISED, Designation.MODIFIED])),
            )
            for j, y in enumerate(revised)
        ]
        end = None
        later = [y for y in years if y >= revised[-1]]
        if draw(st.booleans()):
            year = draw(st.sampled_from(later))
            hosts = [
                f"{_keys.instrument_key('council', 'resolution', n)}@{year}"
                for n, ys in zip(numbers[i + 1 :], chosen[i + 1 :], strict=True)
                if year in ys
            ]
            into = draw(st.none() | st.sampled_from(hosts)) if hosts else None
            end = End(how=EndHow.ABROGATED, by=f"conf/c{year}", year=year, absorbed_into=into, sources=draw(_SOURCES))
        records.append(
            Resolution(
                issuer=Issuer.COUNCIL,
                type=InstrumentType.RESOLUTION,
                number=number,
                revisions=revs,
                end=end,
                sources=draw(_SOURCES),
            )
        )
    return build(records, Dataset(name="generated", known_up_to=dt.date(2026, 1, 1), sources=draw(_SOURCES)))


def actors() -> st.SearchStrategy[Actor]:
    """Actors of every category, Member States by real-looking ISO codes."""
    countries = st.sampled_from(["SAU", "CHN", "USA", "RWA", "BRA", "FRA", "RUS", "IND"])
    names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12).map(str.strip).filter(bool)
    return st.one_of(
        st.builds(Actor, category=st.just(ActorCategory.MEMBER_STATE), country=countries),
        st.builds(
            Actor,
            category=st.sampled_from([ActorCategory.SECTOR_MEMBER, ActorCategory.ASSOCIATE]),
            sector=st.sampled_from(list(Sector)),
            name=names,
        ),
        st.builds(
            Actor,
            category=st.sampled_from(
                [
                    c
                    for c in ActorCategory
                    if c not in {ActorCategory.MEMBER_STATE, ActorCategory.SECTOR_MEMBER, ActorCategory.ASSOCIATE}
                ]
            ),
        ),
    )


def actions() -> st.SearchStrategy[Action]:
    """The actions participation rules speak of."""
    return st.sampled_from(list(Action))


def _hypothesis_setup_hook() -> None:
    """Register the strategies for ``st.from_type`` (called by Hypothesis' entry point)."""
    st.register_type_strategy(Resolution, resolutions())
    st.register_type_strategy(Citation, citations())
    st.register_type_strategy(PartialDate, partial_dates())
    st.register_type_strategy(Actor, actors())
    st.register_type_strategy(Registry, registries())

"""A synthetic dataset for the graph benchmarks: many instruments with realistic lineages.

``generate(100_000)`` makes, in memory, the records the loader would make from a data folder
of that size, and the lineage index (timelines) built from them:

- conferences: a Council session every year, a PP, WTSA, WTDC and RA every four years and a
  WRC every three or four, from 1990 to 2026, each dated to the day;
- instruments of every issuer (the Council's resolutions numbered from 1000), mostly
  resolutions, each adopted at one session and revised or modified at later sessions of its
  issuer with the issuer's usual frequency (a PP resolution at about every other
  conference, a Council one rarely);
- about one instrument in eight ended: abrogated (half of those absorbed into another
  instrument's revision adopted by the ending session), suppressed, or superseded by a later
  instrument; absorptions and supersessions only point to later instruments, so there are no
  cycles;
- citations and instructions from revisions to earlier instruments (about one per revision).

The records obey the loader's rules: revisions adopted by a session of their issuer held that
year, endings on or after the last revision, absorptions adopted by the ending session. They
are built with attrs validators switched off, for speed (``validate=True`` switches them on);
``write_yaml`` writes a data folder that :func:`itu_governance.load` accepts, which is how
the rules are checked (``python benchmarks/synthetic.py 2000 --check``).

Run ``python benchmarks/synthetic.py 100000`` to see how long generation takes and what it made.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs
import yaml

import itu_governance as itu
from itu_governance import graph
from itu_governance.graph import Timeline
from itu_governance.models import (
    Conference,
    Designation,
    End,
    EndHow,
    InstrumentType,
    Issuer,
    PartialDate,
    Relation,
    RelationType,
    Resolution,
    Revision,
    Source,
    Texts,
)

FIRST_YEAR, LAST_YEAR = 1990, 2026
SOURCES = (Source(ref="https://www.itu.int/"),)
NO_TITLES = Texts()  # shared: one empty mapping instead of one per record


@dataclass(frozen=True)
class IssuerProfile:
    """How often an issuer meets and revises its instruments."""

    share: float  # of all instruments
    every: int  # years between its conferences (WRC: alternately 3 and 4)
    first: int  # the year of its first conference in the dataset
    month: int  # the month it meets in
    revises: float  # the chance that each later conference revises one of its instruments


ISSUERS = {
    Issuer.COUNCIL: IssuerProfile(0.40, 1, FIRST_YEAR, 6, 0.12),
    Issuer.PP: IssuerProfile(0.15, 4, 1994, 10, 0.45),
    Issuer.WTSA: IssuerProfile(0.18, 4, 1992, 10, 0.35),
    Issuer.WTDC: IssuerProfile(0.12, 4, 1994, 3, 0.35),
    Issuer.RA: IssuerProfile(0.10, 4, 1993, 10, 0.30),
    Issuer.WRC: IssuerProfile(0.05, 3, 1993, 11, 0.25),
}
TYPES = (InstrumentType.RESOLUTION,) * 17 + (InstrumentType.DECISION,) * 2 + (InstrumentType.RECOMMENDATION,)
CODES = {InstrumentType.RESOLUTION: "res", InstrumentType.DECISION: "dec", InstrumentType.RECOMMENDATION: "rec"}


@dataclass(frozen=True)
class Dataset:
    """The generated records and the lineage index built from them."""

    conferences: list[Conference]
    instruments: list[Resolution]
    timelines: dict[str, Timeline]

    @property
    def records(self) -> list[Any]:
        """Every record, as the loader hands them to :func:`itu_governance.graph.build_graph`."""
        return [*self.conferences, *self.instruments]

    def revision_count(self) -> int:
        """How many revisions the instruments have in all."""
        return sum(len(res.revisions) for res in self.instruments)


def _years(profile: IssuerProfile) -> list[int]:
    years, year = [], profile.first
    while year <= LAST_YEAR:
        years.append(year)
        year += profile.every if profile.every != 3 else (3 if len(years) % 2 else 4)
    return years


def _conferences() -> dict[Issuer, list[Conference]]:
    return {
        issuer: [
            Conference(
                key=f"conf/{issuer.value}-{year}",
                type=issuer,
                short_name=f"{issuer.value.upper()}-{year % 100:02d}",
                start=PartialDate(year, profile.month, 1),
                end=PartialDate(year, profile.month, 10 + year % 11),
                sources=SOURCES,
            )
            for year in _years(profile)
        ]
        for issuer, profile in ISSUERS.items()
    }


@dataclass(frozen=True)
class _Plan:
    issuer: Issuer
    kind: InstrumentType
    number: int
    sessions: list[int]  # indices of the issuer's conferences that adopted its revisions

    @property
    def key(self) -> str:
        return f"{self.issuer.value}/{CODES[self.kind]}/{self.number}"


class _Generator:
    def __init__(self, size: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.conferences = _conferences()
        self.plans: list[_Plan] = []
        self.adopted_at: dict[str, list[int]] = {}  # session -> instruments revised there, ascending
        issuers = list(ISSUERS)
        weights = [ISSUERS[i].share for i in issuers]
        counters: dict[tuple[Issuer, InstrumentType], int] = {}
        for i in range(size):
            issuer = self.rng.choices(issuers, weights)[0]
            kind = self.rng.choice(TYPES)
            start = 999 if issuer is Issuer.COUNCIL and kind is InstrumentType.RESOLUTION else 0
            number = counters[issuer, kind] = counters.get((issuer, kind), start) + 1
            count, chance = len(self.conferences[issuer]), ISSUERS[issuer].revises
            first = self.rng.randrange(count)
            sessions = [first, *(s for s in range(first + 1, count) if self.rng.random() < chance)]
            self.plans.append(_Plan(issuer, kind, number, sessions))
            for s in sessions:
                self.adopted_at.setdefault(self.conferences[issuer][s].key, []).append(i)
        self.keys = [plan.key for plan in self.plans]

    def instrument(self, i: int) -> Resolution:
        plan, rng = self.plans[i], self.rng
        revisions = []
        for j, s in enumerate(plan.sessions):
            conf = self.conferences[plan.issuer][s]
            relations = [
                Relation(
                    relation=RelationType.INSTRUCTS if rng.random() < 0.2 else RelationType.CITES,
                    target=self.keys[rng.randrange(i)],
                )
                for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 3)) if i else 0)
            ]
            designation = Designation.ADOPTED if j == 0 else rng.choice((Designation.REVISED, Designation.MODIFIED))
            revisions.append(
                Revision(
                    instrument=plan.key,
                    year=_year(conf),
                    designation=designation,
                    adopted_by=conf.key,
                    relations=relations,
                    titles=NO_TITLES,
                    sources=SOURCES,
                )
            )
        return Resolution(
            issuer=plan.issuer,
            type=plan.kind,
            number=plan.number,
            revisions=revisions,
            end=self.end(i) if rng.random() < 0.125 else None,
            complete=rng.random() < 0.5,
            titles=NO_TITLES,
            sources=SOURCES,
        )

    def end(self, i: int) -> End:
        plan, rng = self.plans[i], self.rng
        sessions = self.conferences[plan.issuer]
        conf = sessions[rng.randrange(plan.sessions[-1], len(sessions))]
        how = rng.choices((EndHow.ABROGATED, EndHow.SUPPRESSED, EndHow.SUPERSEDED), (0.6, 0.2, 0.2))[0]
        absorbed_into = superseded_by = None
        if how is EndHow.ABROGATED and rng.random() < 0.5:
            hosts = self.adopted_at.get(conf.key, [])
            later = hosts[bisect.bisect_right(hosts, i) :]
            if later:
                absorbed_into = f"{self.keys[rng.choice(later)]}@{_year(conf)}"
        elif how is EndHow.SUPERSEDED and i + 1 < len(self.keys):
            superseded_by = self.keys[rng.randrange(i + 1, len(self.keys))]
        return End(
            how=how,
            by=conf.key,
            year=_year(conf),
            absorbed_into=absorbed_into,
            superseded_by=superseded_by,
            sources=SOURCES,
        )


def _year(conf: Conference) -> int:
    assert conf.start is not None  # noqa: S101 (every generated conference is dated)
    return conf.start.year


def generate(instruments: int = 100_000, seed: int = 0, *, validate: bool = False) -> Dataset:
    """Make ``instruments`` instruments with lineages, the conferences that adopted them, and the index.

    The same ``instruments`` and ``seed`` always give the same dataset. ``validate`` runs the
    models' validators on every object (about twice as slow).
    """
    generator = _Generator(instruments, seed)
    conferences = [conf for found in generator.conferences.values() for conf in found]
    previous = attrs.validators.get_disabled()
    attrs.validators.set_disabled(not validate)
    try:
        made = [generator.instrument(i) for i in range(instruments)]
    finally:
        attrs.validators.set_disabled(previous)
    return Dataset(conferences, made, graph.build_timelines([*conferences, *made]))


# --- YAML ----------------------------------------------------------------------------------


def _sources() -> list[str]:
    return [SOURCES[0].ref]  # a new list each time: the loader rejects YAML aliases


def write_yaml(data: Dataset, folder: Path) -> None:
    """Write the dataset as a data folder (``docs/data-format.md``) that :func:`itu_governance.load` reads."""
    for sub in ("conferences", "instruments"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    _dump(
        folder / "dataset.yaml",
        {"name": "synthetic", "known_up_to": f"{LAST_YEAR}-12-31", "sources": _sources()},
    )
    for conf in data.conferences:
        record = {
            "key": conf.key,
            "type": conf.type.value,
            "short_name": conf.short_name,
            "start": str(conf.start),
            "end": str(conf.end),
            "sources": _sources(),
        }
        _dump(folder / "conferences" / f"{conf.key.removeprefix('conf/')}.yaml", record)
    for res in data.instruments:
        _dump(folder / "instruments" / f"{res.key.replace('/', '-')}.yaml", _instrument_record(res))


def _instrument_record(res: Resolution) -> dict[str, Any]:
    record: dict[str, Any] = {
        "key": res.key,
        "type": res.type.value,
        "issuer": res.issuer.value,
        "number": res.number,
        "complete": res.complete,
        "revisions": [
            {
                "year": rev.year,
                "designation": rev.designation.value,
                "adopted_by": rev.adopted_by,
                **(
                    {"relations": [{"relation": r.relation.value, "target": r.target} for r in rev.relations]}
                    if rev.relations
                    else {}
                ),
                "sources": _sources(),
            }
            for rev in res.revisions
        ],
        "sources": _sources(),
    }
    if res.end is not None:
        end = {"how": res.end.how.value, "by": res.end.by, "year": res.end.year}
        if res.end.absorbed_into:
            end["absorbed_into"] = res.end.absorbed_into
        if res.end.superseded_by:
            end["superseded_by"] = res.end.superseded_by
        record["end"] = {**end, "sources": _sources()}
    return record


def _dump(path: Path, record: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")


def main() -> None:
    """Generate a dataset of the size given on the command line, describe it, and optionally check it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("instruments", type=int, nargs="?", default=100_000)
    parser.add_argument("--check", action="store_true", help="write it as YAML and load it with the loader")
    args = parser.parse_args()
    started = time.perf_counter()
    data = generate(args.instruments)
    took = time.perf_counter() - started
    ended = sum(1 for res in data.instruments if res.end is not None)
    absorbed = sum(1 for res in data.instruments if res.end is not None and res.end.absorbed_into)
    relations = sum(len(rev.relations) for res in data.instruments for rev in res.revisions)
    print(
        f"{len(data.instruments)} instruments, {data.revision_count()} revisions, {len(data.conferences)} "
        f"conferences, {ended} ended ({absorbed} absorbed), {relations} citations and instructions; "
        f"generated with its index in {took:.1f} s"
    )
    on = dt.date(2021, 1, 27)
    print(f"in force on {on}: {len(graph.in_force(data.timelines, on))} revisions")
    if args.check:
        with tempfile.TemporaryDirectory() as folder:
            write_yaml(data, Path(folder))
            loaded = itu.load(folder)
            assert loaded.timelines == data.timelines  # noqa: S101 (the point of --check)
            print(f"the loader accepts it: {loaded!r}")


if __name__ == "__main__":
    main()

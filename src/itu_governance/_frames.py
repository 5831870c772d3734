"""Tables of the dataset as pandas DataFrames (the optional ``pandas`` extra).

One row per record (or revision, event, citation), keys as columns and dates as dates
(``datetime64`` columns; the earliest day of a partial date, with the date as written beside it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final

from itu_governance import _kinds, graph

if TYPE_CHECKING:
    from itu_governance.registry import Registry

Row = dict[str, Any]


def _day(value: Any) -> dt.date | None:  # noqa: ANN401 (a date, a partial date, or nothing)
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    earliest = getattr(value, "earliest", None)
    return earliest if isinstance(earliest, dt.date) else None


def _en(texts: Any) -> str | None:  # noqa: ANN401 (a Texts mapping)
    return None if texts is None else texts.get("en") or next(iter(texts.values()), None)


def _instruments(registry: Registry) -> Iterator[Row]:
    for r in registry.resolutions():
        yield {
            "key": r.key,
            "issuer": r.issuer.value,
            "type": r.type.value,
            "number": r.number,
            "title": _en(r.revisions[-1].titles) if r.revisions else None,
            "first_revision": r.revisions[0].key if r.revisions else None,
            "last_revision": r.revisions[-1].key if r.revisions else None,
            "ended": r.end.how.value if r.end else None,
            "complete": r.complete,
            "sources": len(r.sources),
        }


def _revisions(registry: Registry) -> Iterator[Row]:
    for rev in registry.revisions():
        yield {
            "key": rev.key,
            "instrument": rev.instrument,
            "year": rev.year,
            "designation": rev.designation.value,
            "adopted_by": rev.adopted_by,
            "effective": rev.effective,
            "title": _en(rev.titles),
            "relations": len(rev.relations),
        }


def _events(registry: Registry) -> Iterator[Row]:
    for r in registry.resolutions():
        for e in graph.lineage(registry.timelines, r.key):
            yield {
                "date": e.date,
                "instrument": e.instrument,
                "event": getattr(e.kind, "value", e.kind),
                "revision": e.revision,
                "by": e.by,
                "other": e.other,
            }


def _conferences(registry: Registry) -> Iterator[Row]:
    for c in registry.conferences():
        yield {
            "key": c.key,
            "type": c.type.value,
            "short_name": c.short_name,
            "city": c.city,
            "country": c.country,
            "start": _day(c.start),
            "end": _day(c.end),
            "start_as_written": None if c.start is None else str(c.start),
        }


def _bodies(registry: Registry) -> Iterator[Row]:
    for b in registry.bodies():
        group = _kinds.as_group(b)
        yield {
            "key": b.key,
            "type": getattr(b.type, "value", b.type),
            "short_name": b.short_name,
            "parent": None if group is None else group.parent,
            "established_by": None if group is None else group.established_by,
            "predecessor": None if group is None else group.predecessor,
        }


def _meetings(registry: Registry) -> Iterator[Row]:
    for m in registry.meetings():
        yield {
            "key": m.key,
            "body": m.body,
            "ordinal": m.ordinal,
            "start": _day(m.start),
            "end": _day(m.end),
            "mode": None if m.mode is None else getattr(m.mode, "value", m.mode),
            "city": m.city,
        }


def _consultations(registry: Registry) -> Iterator[Row]:
    for c in registry.consultations():
        yield {
            "key": c.key,
            "body": c.body,
            "topic": _en(c.topics),
            "online_start": _day(c.online.start) if c.online else None,
            "online_end": _day(c.online.end) if c.online else None,
            "responses": c.responses.total if c.responses else None,
        }


def _citations(registry: Registry) -> Iterator[Row]:
    """Every relation a revision states to another instrument or revision, with its clause."""
    for rev in registry.revisions():
        for rel in rev.relations:
            yield {
                "revision": rev.key,
                "relation": rel.relation.value,
                "target": rel.target,
                "clause": rel.clause,
                "sources": len(rel.sources),
            }


TABLES: Final[dict[str, Callable[[Registry], Iterator[Row]]]] = {
    "instruments": _instruments,
    "revisions": _revisions,
    "events": _events,
    "conferences": _conferences,
    "bodies": _bodies,
    "meetings": _meetings,
    "consultations": _consultations,
    "citations": _citations,
}
_DATES: Final = {"effective", "date", "start", "end", "online_start", "online_end"}


def pandas() -> Any:  # noqa: ANN401 (the pandas module)
    """The pandas module, or an ImportError that says how to install it."""
    try:
        import pandas as pd  # noqa: PLC0415 (optional)
    except ImportError as error:
        msg = "DataFrames need pandas: pip install 'itu-governance[pandas]'"
        raise ImportError(msg) from error
    return pd


def to_dataframe(registry: Registry, kind: str) -> Any:  # noqa: ANN401 (a pandas DataFrame)
    """One table of the dataset; ``kind`` is one of :data:`TABLES`."""
    if kind not in TABLES:
        msg = f"to_dataframe() takes one of {', '.join(TABLES)}, got {kind!r}"
        raise ValueError(msg)
    pd = pandas()
    frame = pd.DataFrame(list(TABLES[kind](registry)))
    for column in _DATES & set(frame.columns):
        frame[column] = pd.to_datetime(frame[column])
    return frame

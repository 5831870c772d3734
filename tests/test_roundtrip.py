"""Every field of every record class round-trips through a data file: written, read, equal.

The records below set every field the files have (a test checks it), so a field added to the
model and not read by the loader, or read wrongly, fails here.
"""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Any

import attrs
import yaml

import itu_governance as itu
from itu_governance import _kinds
from itu_governance import models as m
from itu_governance._fields import spec_of

SRC = (m.Source(ref="https://www.itu.int/", note="a note"),)


def _dispute(field: str) -> tuple[m.Dispute, ...]:
    values = (m.DisputedValue(value="one", sources=SRC), m.DisputedValue(value="2", sources=SRC))
    return (m.Dispute(field=field, values=values),)


def _session(key: str, name: str, year: int, *, start: str, end: str) -> m.Conference:
    return m.Conference(
        key=key,
        type="council",
        short_name=name,
        aliases=(f"Council {year}",),
        city="Geneva",
        country="CHE",
        start=m.PartialDate.parse(start),
        end=m.PartialDate.parse(end),
        ordinal=year - 1990,
        extraordinary=True,
        mode="hybrid",
        sources=SRC,
        disputes=_dispute("end"),
    )


C15 = _session("conf/c15", "C15", 2015, start="2015-05-12", end="2015-05-21")
C16 = _session("conf/c16", "C16", 2016, start="2016-05-25", end="2016-06-02")


def _revision(instrument: str, year: int, session: m.Conference, designation: str, day: str) -> m.Revision:
    return m.Revision(
        instrument=instrument,
        year=year,
        designation=designation,
        adopted_by=session.key,
        place=session.city,  # derived from the session when loading
        date=m.PartialDate.parse(day),
        titles=m.Texts({"en": "A title", "fr": "Un titre"}),
        relations=(m.Relation(relation="cites", target="body/grp", clause="1", note="a note", sources=SRC),),
        provisions=(m.Provision(clause="2 a)", text="Some text.", sources=SRC),),
        sources=SRC,
        disputes=_dispute("date"),
    )


def _instrument(number: int, title: str, revisions: tuple[m.Revision, ...], end: m.End | None = None) -> m.Resolution:
    return m.Resolution(
        issuer="council",
        type="resolution",
        number=number,
        titles=m.Texts({"en": title}),
        revisions=revisions,
        end=end,
        complete=True,
        sources=SRC,
        disputes=_dispute("titles"),
    )


HOST = _instrument(1402, "The host", (_revision("council/res/1402", 2016, C16, "adopted", "2016-06-01"),))
ENDED = _instrument(
    1401,
    "The ended one",
    (
        _revision("council/res/1401", 2015, C15, "adopted", "2015-05-20"),
        _revision("council/res/1401", 2016, C16, "modified", "2016-05-30"),
    ),
    m.End(
        how="abrogated",
        by=C16.key,
        year=2016,
        date=m.PartialDate.parse("2016-06-01"),
        absorbed_into="council/res/1402@2016",
        superseded_by="council/res/1402",
        sources=SRC,
    ),
)
COUNCIL = m.Council(
    key="body/council",
    short_name="Council",
    names=m.Texts({"en": "The Council", "es": "El Consejo"}),
    aliases=("ITU Council",),
    sessions=(C15, C16),  # derived from the Council sessions when loading
    sources=SRC,
)
OLD = m.WorkingGroup(key="body/old", type="expert-group", short_name="Old", sources=SRC)
GROUP = m.WorkingGroup(
    key="body/grp",
    type="council-working-group",
    short_name="GRP",
    names=m.Texts({"en": "A group", "ru": "Группа"}),
    aliases=("The group",),
    parent="body/council",
    established_by="council/res/1402@2016",
    predecessor="body/old",
    participation=(
        m.ParticipationRule(
            basis="council/res/1402@2016",
            clause="3",
            actions=("attend-meeting", "chair"),
            open_to=("member-state",),
            condition="when asked",
            sources=SRC,
        ),
    ),
    mandate=(m.MandateClause(basis="council/res/1402@2016", clause="4", text="To study.", sources=SRC),),
    officers=(
        m.Officer(
            role="chair",
            name="A. Person",
            country="CHE",
            start=m.PartialDate.parse("2016"),
            end=m.PartialDate.parse("2017-02"),
            sources=SRC,
        ),
    ),
    sources=SRC,
    disputes=_dispute("short_name"),
)
MEETING = m.Meeting(
    key="meeting/grp/1",
    body="body/grp",
    ordinal=1,
    start=m.PartialDate.parse("2016-09-01"),
    end=m.PartialDate.parse("2016-09-02"),
    mode="virtual",
    city="Geneva",
    note="a note",
    report=m.Report(
        document="C16/1",
        approved_by_group=True,
        distribution=("members",),
        actions_requested=("note",),
        actions_approved=("noted",),
        noted_by=C16.key,
        sources=SRC,
    ),
    sources=SRC,
    disputes=_dispute("end"),
)
CONSULTATION = m.OpenConsultation(
    key="consultation/grp/topic",
    body="body/grp",
    topics=m.Texts({"en": "A topic", "zh": "议题"}),
    online=m.Window(start=m.PartialDate.parse("2016-07"), end=m.PartialDate.parse("2016-08-31")),
    physical_meeting=m.PhysicalConsultationMeeting(
        ordinal=1,
        date=m.PartialDate.parse("2016-09-01"),
        mode="physical",
        registered=m.Count(value=40),
        active=m.Count(value=12, more_than=True),
        sources=SRC,
    ),
    responses=m.Responses(total=7, by_category={"government": 3, "civil-society": 4}),
    sources=SRC,
    disputes=_dispute("topics"),
)
DATASET = m.Dataset(name="round trip", known_up_to=dt.date(2020, 1, 1), description="Every field.", sources=SRC)
RECORDS = (C15, C16, HOST, ENDED, COUNCIL, OLD, GROUP, MEETING, CONSULTATION)


def _plain(value: object) -> Any:  # noqa: C901, PLR0911 (one branch per kind of value)
    """A value as a data file writes it: the inverse of the loader, from the same field metadata."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (m.PartialDate, dt.date)):
        return str(value)
    if isinstance(value, m.Texts):
        return dict(value)
    if isinstance(value, m.Count):
        return {"more_than": value.value} if value.more_than else value.value
    if isinstance(value, frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
        return {k: _plain(v) for k, v in value}  # counts by category
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    cls: Any = type(value)
    if attrs.has(cls):
        written = {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(cls) if not spec_of(f).derived}
        if isinstance(value, m.Resolution):
            written = {"key": value.key, **written}
        if isinstance(value, m.Council):
            written = {"type": "council", **written}
        return written
    return value


def _fields_set(value: object, seen: dict[str, set[str]]) -> None:
    """Record, for every class met inside ``value``, which of its file fields some instance sets."""
    if isinstance(value, (tuple, frozenset)):
        for item in value:
            _fields_set(item, seen)
        return
    if not attrs.has(type(value)) or isinstance(value, (m.PartialDate, m.Texts)):  # values written as text
        return
    cls: Any = type(value)
    found = seen.setdefault(cls.__name__, set())
    for field in attrs.fields(cls):
        inner = getattr(value, field.name)
        factory = getattr(field.default, "factory", None)
        default = factory() if factory is not None else field.default
        if field.default is attrs.NOTHING or inner != default:
            found.add(field.name)
        _fields_set(inner, seen)


def test_every_field_of_every_class_is_set() -> None:
    """Some record sets each field of each class (a new model field must be added here, and so is tested)."""
    classes = {type(v) for v in RECORDS} | {m.Dataset}
    assert classes == {cls for kind in _kinds.KINDS.values() for cls in kind.classes} - {m.Revision}
    seen: dict[str, set[str]] = {}
    for record in (*RECORDS, DATASET):
        _fields_set(record, seen)
    models: dict[str, Any] = {
        name: getattr(itu.models, name)
        for name in itu.models.__all__
        if attrs.has(getattr(itu.models, name)) and name not in {"PartialDate", "Texts"}
    }
    assert set(seen) == set(models)  # every record class of the model appears
    unset = {
        (name, field.name)
        for name, cls in models.items()
        for field in attrs.fields(cls)
        if not spec_of(field).derived and field.name not in seen[name]
    }
    assert unset == set()


def test_every_field_round_trips(tmp_path: Path) -> None:
    """Written to data files, read back by the loader: every record is equal to the original."""
    (tmp_path / "dataset.yaml").write_text(yaml.safe_dump(_plain(DATASET), allow_unicode=True), encoding="utf-8")
    for record in RECORDS:
        kind = _kinds.of(record)
        assert kind.folder is not None
        path = tmp_path / kind.folder / f"{kind.file_stem(record.key)}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(yaml.safe_dump(_plain(record), allow_unicode=True, sort_keys=False), encoding="utf-8")
    registry = itu.load(tmp_path)
    assert registry.dataset == DATASET
    for record in RECORDS:
        assert registry.get(record.key) == record

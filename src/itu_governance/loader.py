"""Load a data folder into a :class:`~itu_governance.Registry`, all or nothing.

Two passes both feed one list of problems: the first checks every file's structure and
builds objects; the second checks references between records (unknown keys, a revision
adopted by the wrong kind of conference or in another year, an absorption that does not match
its abrogation). If anything is wrong, one :class:`~itu_governance.DataError` lists it all and
no registry is made.

>>> import itu_governance as itu
>>> registry = itu.load()
>>> registry.resolution("council/res/1344").end.how
<EndHow.ABROGATED: 'abrogated'>
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib.resources
import itertools
import os
import sys
import threading
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs
import networkx as nx

from itu_governance import _keys, _kinds, graph
from itu_governance._discover import record_files
from itu_governance._fields import Spec, spec_of
from itu_governance._reader import BAD, Context, Cursor, Origin, _Bad
from itu_governance._schema import file_fields
from itu_governance._yaml import Document, read
from itu_governance.errors import DataError, Problem
from itu_governance.models import (
    BodyType,
    Conference,
    Council,
    Count,
    Dataset,
    InstrumentType,
    Issuer,
    Lang,
    Meeting,
    OpenConsultation,
    PartialDate,
    Resolution,
    Responses,
    Revision,
    Source,
    Texts,
    WorkingGroup,
    _InvalidField,
    _session_day,
)
from itu_governance.registry import Registry

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover (Python 3.10)
        from importlib.abc import Traversable

__all__ = ["build", "load"]

T = TypeVar("T")


def __dir__() -> list[str]:
    return __all__


FOLDERS = _kinds.FOLDERS


def load(path: str | os.PathLike[str] | None = None) -> Registry:
    """Load a data folder, or the bundled dataset when ``path`` is ``None``.

    The bundled dataset is read once and cached; nothing is read at import time.

    Args:
        path: a folder laid out like ``data/`` (see ``docs/data-format.md``).

    Returns:
        An immutable :class:`~itu_governance.Registry`.

    Raises:
        DataError: with every problem found, each located by file, line and column.

    >>> import itu_governance as itu
    >>> itu.load() is itu.load()
    True
    """
    if path is None:
        return _load_bundled()
    root = Path(path)
    if not root.is_dir():
        raise DataError([Problem(file=str(path), found="no such folder", expected="a data folder")])
    return _load(root)


_BUNDLED_LOCK = threading.Lock()


def _load_bundled() -> Registry:
    """The bundled dataset, built once even when many threads ask for it at the same time."""
    with _BUNDLED_LOCK:
        return _load_bundled_once()


@functools.cache
def _load_bundled_once() -> Registry:
    return _load(_bundled_root())


def _bundled_root() -> Traversable:
    """The dataset inside the installed package, or ``data/`` beside ``src/`` in a checkout."""
    packaged = importlib.resources.files("itu_governance") / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"  # pragma: no cover (checkout only)


def _stem(name: str) -> str:
    """A record file's name without its folder and extension."""
    return name.rsplit("/", 1)[1].rsplit(".", 1)[0]


def _decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(
            file=file,
            line=line,
            column=column,
            found=f"the byte 0x{raw[exc.start]:02x}",
            expected="UTF-8 text",
        )


def build(records: Iterable[Any], dataset: Dataset) -> Registry:
    """Make a registry from records already built in memory, with the loader's checks.

    For generated data (see :func:`itu_governance.strategies.registries`) and for other
    sources than YAML files: references between records and the lineage are checked exactly
    as for files; a problem is reported against ``<key>`` instead of a file position.

    >>> import datetime as dt, attrs, itu_governance as itu
    >>> bundled = itu.load()
    >>> meta = itu.Dataset(name="three records", known_up_to=dt.date(2016, 1, 1), sources=[])
    >>> sessions = [bundled.get("conf/c12"), bundled.get("conf/c15")]
    >>> res = bundled.resolution("council/res/1344")
    >>> itu.build([*sessions, attrs.evolve(res, end=None)], meta).current("council/res/1344").key
    'council/res/1344@2015'
    >>> itu.build([*sessions, res], meta)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    itu_governance.errors.DataError: 2 problems in the data:
    <council/res/1344>: end.absorbed_into: expected the key of an existing revision, got 'council/res/1336@2019' ...
    <council/res/1344>: end.by: expected the key of an existing conference, got 'conf/c19' (no record has this key)
    """
    ctx = Context()
    by_key: dict[str, Any] = {}
    origins: dict[str, Origin] = {}
    for record in records:
        key = record.key
        if key in by_key:
            ctx.problems.append(Problem(file=f"<{key}>", found="a second record with this key", expected="unique keys"))
        by_key[key] = record
        origins[key] = Origin(file=f"<{key}>", doc=Document(None, {}, {}))
    return _finish(ctx, dataset, by_key, origins, set())


def _load(root: Traversable) -> Registry:
    ctx = Context()
    dataset = _read_dataset_file(ctx, root)
    records, origins, broken = _read_records(ctx, root)
    return _finish(ctx, dataset, records, origins, broken)


def _finish(
    ctx: Context, dataset: Dataset | None, records: dict[str, Any], origins: dict[str, Origin], broken: set[str]
) -> Registry:
    """Passes 2 and 3 (references, lineage), then the registry: all or nothing."""
    records = _Linker(ctx, records, origins, broken).link()
    if ctx.problems:
        raise DataError(ctx.problems)
    timelines = graph.build_timelines(records.values())
    lineage_graph = graph.build_graph(records.values(), timelines)
    _check_lineage(ctx, origins, timelines, lineage_graph)
    if ctx.problems or dataset is None:
        raise DataError(ctx.problems)
    kept = {key: Origin(file=o.file, doc=o.doc.positions()) for key, o in origins.items()}
    return Registry(dataset=dataset, records=records, origins=kept, graph=lineage_graph, timelines=timelines)


def _read_dataset_file(ctx: Context, root: Traversable) -> Dataset | None:
    meta = root / "dataset.yaml"
    if not meta.is_file():
        ctx.problems.append(
            Problem(
                file="dataset.yaml",
                found="no such file",
                expected="the dataset's metadata (name, known_up_to, sources)",
            )
        )
        return None
    parsed = _parse(ctx, meta.read_bytes(), "dataset.yaml")
    result = None if parsed is None else _read(Cursor(ctx, "dataset.yaml", parsed), Dataset)
    return None if result is BAD else result


def _read_records(ctx: Context, root: Traversable) -> tuple[dict[str, Any], dict[str, Origin], set[str]]:
    """Pass 1 over every record file.

    ``broken`` holds the keys of records that failed, so that references to them are not
    reported a second time.
    """
    records: dict[str, Any] = {}
    origins: dict[str, Origin] = {}
    broken: set[str] = set()
    for folder, name, raw, problem in record_files(root, FOLDERS):
        if problem is not None:
            ctx.problems.append(problem)
        if raw is None:
            if folder in _kinds.BY_FOLDER and "/" in name:
                broken.add(_kinds.BY_FOLDER[folder].key_from_stem(_stem(name)))
            continue
        kind = _kinds.BY_FOLDER[folder]
        stem = _stem(name)
        doc = _parse(ctx, raw, name)
        record = BAD if doc is None else _READERS[kind.name](Cursor(ctx, name, doc))
        if doc is None or record is BAD:
            # references to a broken record are not reported again, by its file name or its key
            broken.add(kind.key_from_stem(stem))
            key = doc.data.get("key") if doc is not None and isinstance(doc.data, dict) else None
            if isinstance(key, str):
                broken.add(key)
            continue
        cursor = Cursor(ctx, name, doc)
        key = record.key
        if stem != kind.file_stem(key):
            cursor["key"].fail(
                f"the file to be named {kind.file_stem(key)}.yaml for this key",
                found=f"{name.rsplit('/', 1)[1]} holding {key!r}",
            )
        if key in records:
            cursor["key"].fail(f"a key not used elsewhere ({origins[key].file} has it)", found=repr(key))
            continue
        records[key] = record
        origins[key] = Origin(file=name, doc=doc)
    return records, origins, broken


def _parse(ctx: Context, raw: bytes, name: str) -> Document | None:
    text, problem = _decode(raw, name)
    if problem is not None:
        ctx.problems.append(problem)
        return None
    assert text is not None  # noqa: S101
    doc, problems = read(text, name)
    ctx.problems.extend(problems)
    return None if problems else doc


# --- pass 1: structure -------------------------------------------------------------------
#
# One generic reader: every field of a record class is read from its type hint and its
# ``_fields.Spec`` (the attrs metadata), so a field added to the model is read without
# touching this module. Hooks below handle what a file really writes otherwise.


def _any_bad(*values: object) -> bool:
    return any(v is BAD for v in values)


def _build(c: Cursor, cls: type[T], **fields: Any) -> T | _Bad:  # noqa: ANN401
    """Construct ``cls`` if every field read well; report cross-field failures at ``c``."""
    if _any_bad(*fields.values()):
        return BAD
    try:
        return cls(**fields)
    except _InvalidField as exc:
        at = c
        for part in exc.path:
            at = at[part]
        at.fail(exc.expected, found=exc.found)
    except (ValueError, TypeError) as exc:
        c.ctx.report(c.file, c.where, c.path, "", str(exc))
    return BAD


def _read(c: Cursor, cls: type[T], **given: Any) -> T | _Bad:  # noqa: ANN401
    """An object of ``cls`` from the mapping at ``c``: every field the files have, by its type.

    ``given`` supplies fields the enclosing record decides (a revision's instrument).
    """
    hook = _OBJECT_HOOKS.get(cls)
    if hook is not None:
        return hook(c, **given)  # type: ignore[no-any-return]
    return _build(c, cls, **_read_fields(c, cls), **given) if c.fields(*file_fields(cls)) else BAD


def _read_fields(c: Cursor, cls: type, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """The values of the fields of ``cls`` present at ``c`` (absent optional ones keep their default)."""
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        spec = spec_of(field)
        if spec.derived or field.name in skip:
            continue
        at = c[field.name]
        required = field.default is attrs.NOTHING
        if required or at.present:
            values[field.name] = _FIELD_HOOKS.get((cls, field.name), _value)(at, hints[field.name], spec, required)
    return values


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(c: Cursor, hint: Any, spec: Spec, required: bool) -> Any:  # noqa: ANN401, PLR0911, FBT001
    """One value of type ``hint`` read as ``spec`` says."""
    hint = _without_none(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in {tuple, frozenset} and args:
        return c.each(lambda item: _value(item, args[0], spec, True), required=required)  # noqa: FBT003
    if hint is str:
        return _text(c, spec)
    if hint is bool:
        return c.boolean()
    if hint is int:
        return c.integer(spec.low, spec.high)
    if hint is PartialDate:
        return c.date()
    if hint is dt.date:
        return _full_date(c)
    if hint is Texts:
        return _read_texts(c, required=required)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return c.choice(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return _read(c, hint)
    msg = f"no reader for the type {hint!r}; add one to itu_governance.loader"
    raise TypeError(msg)


def _text(c: Cursor, spec: Spec) -> str | _Bad:  # noqa: PLR0911 (one return per way of writing text)
    """A string field: a key, a clause label, a country code, or plain non-blank text."""
    if spec.key == "record":
        if isinstance(c.value, str) and _keys.key_kind(c.value):
            return c.value
        return c.fail("a record key like 'pp/res/102', 'council/res/1344@2015' or 'body/cwg-internet'")
    if spec.key is not None:
        return c.key(spec.key)
    if spec.country:
        found = c.country()
        return c.fail('a quoted ISO 3166-1 alpha-3 country code like "SAU"') if found is None else found
    number = isinstance(c.value, int) and not isinstance(c.value, bool)
    if (spec.clause or spec.number_as_text) and number:
        return str(c.value)
    if spec.clause and not c.present:
        return c.fail("a clause label")
    return c.string()


def _without_none(hint: Any) -> Any:  # noqa: ANN401
    """``X`` for ``X | None``; ``hint`` itself otherwise."""
    if typing.get_origin(hint) in {typing.Union, types.UnionType}:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _full_date(c: Cursor) -> dt.date | _Bad:
    day = c.date()
    if day is not BAD and len(day) != 10:
        day = c.fail('a full date like "2026-11-28"')
    return BAD if day is BAD else dt.date.fromisoformat(day)


def _read_texts(c: Cursor, *, required: bool = False) -> Texts | _Bad:
    value = c.mapping()
    if value is BAD:
        return BAD
    if value is None:
        return c.fail("a mapping of language code to text") if required else Texts()
    ok = True
    for lang in value:
        if lang not in {x.value for x in Lang}:
            c[lang].fail("a language code: " + ", ".join(x.value for x in Lang), found=f"{lang!r}")
            ok = False
        elif c[lang].string() is BAD:
            ok = False
    return Texts(value) if ok else BAD


# --- hooks: where a file writes an object otherwise than as its fields ---------------------


def _read_source(c: Cursor) -> Source | _Bad:
    """A source is a URL or document symbol, or a mapping with ``ref`` and ``note``."""
    if isinstance(c.value, str):
        ref = c.string()
        return BAD if ref is BAD else Source(ref=ref)
    if not isinstance(c.value, dict):
        return c.fail("a source: a URL or document symbol, or a mapping with 'ref' and 'note'")
    if not c.fields(*file_fields(Source)):
        return BAD
    return _build(c, Source, **_read_fields(c, Source))


def _read_count(c: Cursor) -> Count | _Bad:
    """A count is ``N``, or ``{more_than: N}`` when the source only gives a lower bound."""
    if isinstance(c.value, int) and not isinstance(c.value, bool):
        value = c.integer(0)
        return BAD if value is BAD else Count(value=value)
    if not c.fields(*file_fields(Count)) or not c["more_than"].present:
        return c.fail("a number, or {more_than: N}")
    value = c["more_than"].integer(0)
    return BAD if value is BAD else Count(value=value, more_than=True)


def _read_instrument(c: Cursor) -> Resolution | _Bad:
    """An instrument file: its ``key`` must be the one its issuer, type and number make."""
    if not c.fields(*file_fields(Resolution)):
        return BAD
    key = c["key"].key("instrument")
    fields = _read_fields(c, Resolution, skip=("revisions",))
    issuer, type_, number = fields["issuer"], fields["type"], fields["number"]
    if isinstance(issuer, Issuer) and isinstance(type_, InstrumentType) and isinstance(number, int):
        expected = _keys.instrument_key(issuer.value, type_.value, number)
        if key != expected:
            key = c["key"].fail(f"{expected!r} (from issuer, type and number)")
    revisions = c["revisions"].each(functools.partial(_read, cls=Revision, instrument=key), required=True)
    return _build(c, Resolution, **fields, revisions=revisions)


def _read_body(c: Cursor) -> WorkingGroup | Council | _Bad:
    """A body file: the Council's (``type: council``) or a group's, told apart by ``type``."""
    if not c.fields(*file_fields(WorkingGroup)):
        return BAD
    body_type = c["type"].choice(BodyType)
    if body_type is not BodyType.COUNCIL:
        return _build(c, WorkingGroup, type=body_type, **_read_fields(c, WorkingGroup, skip=("type",)))
    council_fields = set(itertools.chain(*file_fields(Council)))
    extra = [n for n in itertools.chain(*file_fields(WorkingGroup)) if n not in council_fields and c[n].present]
    for name in extra:
        c[name].fail("no such field on the Council's record", found=f"a {name!r} field")
    return BAD if extra else _build(c, Council, **_read_fields(c, Council))


def _read_categories(c: Cursor, *_: object) -> dict[str, Any] | _Bad:
    """Responses by category: a mapping of category to a count."""
    counts = c.mapping()
    if isinstance(counts, dict):
        bad = [c[k].integer(0) for k in counts]
        counts = BAD if BAD in bad else counts
    return counts or {}


_OBJECT_HOOKS: Final[dict[type, Callable[..., Any]]] = {
    Source: _read_source,
    Count: _read_count,
}
"""Classes a file writes otherwise than as a mapping of their fields."""

_FIELD_HOOKS: Final[dict[tuple[type, str], Callable[[Cursor, Any, Spec, bool], Any]]] = {
    (Responses, "by_category"): _read_categories,
}
"""Fields a file writes otherwise than their type says."""

_READERS: Final[dict[str, Callable[[Cursor], Any]]] = {
    "conference": functools.partial(_read, cls=Conference),
    "instrument": _read_instrument,
    "body": _read_body,
    "meeting": functools.partial(_read, cls=Meeting),
    "consultation": functools.partial(_read, cls=OpenConsultation),
}
"""The reader of each kind of record file (:data:`itu_governance._kinds.KINDS`)."""


# --- pass 2: references ------------------------------------------------------------------


class _Linker:
    """Pass 2: checks every reference between records and fills in derived fields."""

    def __init__(self, ctx: Context, records: dict[str, Any], origins: dict[str, Origin], broken: set[str]) -> None:
        self.ctx = ctx
        self.records = records
        self.origins = origins
        self.broken = broken

    def at(self, owner: str, *path: str | int) -> Cursor:
        """A cursor on a value of a record, to report a problem there."""
        origin = self.origins[owner]
        cursor = Cursor(self.ctx, origin.file, origin.doc)
        for part in path:
            cursor = cursor[part]
        return cursor

    def kind_of(self, key: str) -> str | None:
        """The kind of record a key names, or ``None`` if nothing has it."""
        if key in self.records:
            return _keys.key_kind(key)
        if _keys.key_kind(key) == "revision":
            instrument, year = _keys.split_revision_key(key)
            if instrument in self.records and any(r.year == year for r in self.records[instrument].revisions):
                return "revision"
        return None

    def need(self, owner: str, key: str | None, kinds: tuple[str, ...], *path: str | int) -> bool:
        """Check ``key`` names an existing record of one of ``kinds``; report it otherwise."""
        if key is None or self.kind_of(key) in kinds:
            return True
        if _keys.instrument_of(key) in self.broken:
            return False
        found = self.kind_of(key)
        known = "no record has this key" if found is None else f"it is a {found}"
        self.at(owner, *path).fail(f"the key of an existing {' or '.join(kinds)}", found=f"{key!r} ({known})")
        return False

    def link(self) -> dict[str, Any]:
        """Every record, checked, with places filled in and the Council's sessions attached."""
        linked = dict(self.records)
        for key, record in self.records.items():
            kind = _kinds.of(record).name
            if kind == "instrument":
                linked[key] = self.instrument(record)
            elif kind == "body" and (group := _kinds.as_group(record)) is not None:
                self.working_group(group)
            elif kind in {"meeting", "consultation"}:
                if self.need(key, record.body, ("body",), "body") and kind == "meeting":
                    self.meeting_after_establishment(record)
                report = getattr(record, "report", None)
                if report is not None:
                    self.need(key, report.noted_by, ("conference",), "report", "noted_by")
        sessions = sorted(
            (r for r in self.records.values() if _kinds.of(r).name == "conference" and r.type is Issuer.COUNCIL),
            key=lambda s: (s.start or s.end or PartialDate(_keys.LAST_YEAR), s.key),
        )
        for key, record in self.records.items():
            if _kinds.of(record).name == "body" and _kinds.as_group(record) is None:
                linked[key] = attrs.evolve(record, sessions=tuple(sessions))
        return linked

    def established(self, body: WorkingGroup) -> tuple[str, dt.date] | None:
        """The revision that established ``body`` and the first day it can have acted on, if known."""
        if body.established_by is None or self.kind_of(body.established_by) != "revision":
            return None
        instrument, year = _keys.split_revision_key(body.established_by)
        rev = self.records[instrument].revision(year)
        session = self.records.get(rev.adopted_by) if rev.adopted_by else None
        if rev.date is not None:
            return body.established_by, rev.date.earliest
        if isinstance(session, Conference) and session.start is not None:
            return body.established_by, session.start.earliest
        return body.established_by, rev.effective

    def meeting_after_establishment(self, meeting: Meeting) -> None:
        """A body cannot meet before the revision that established it was adopted."""
        body = self.records[meeting.body]
        since = self.established(body) if isinstance(body, WorkingGroup) else None
        if since is not None and meeting.start.latest < since[1]:
            self.at(meeting.key, "start").fail(
                f"a date on or after {body.short_name} was established ({since[0]}, {since[1]})",
                found=str(meeting.start),
            )

    def parent_cycle(self, record: WorkingGroup) -> None:
        """A chain of parents must end at the Council, never come back to where it started."""
        chain, current = [record.key], record.parent
        while isinstance(current, str) and current not in chain:
            chain.append(current)
            parent = self.records.get(current)
            current = parent.parent if isinstance(parent, WorkingGroup) else None
        if current == record.key and record.key == min(chain):  # reported once, at its first member
            self.at(record.key, "parent").fail(
                "a chain of parents that ends at the Council", found=" -> ".join([*chain, record.key])
            )

    def working_group(self, record: WorkingGroup) -> None:
        """Check a working group's parent, predecessor, establishing revision and rule bases."""
        key = record.key
        if self.need(key, record.parent, ("body",), "parent"):
            self.parent_cycle(record)
        self.need(key, record.predecessor, ("body",), "predecessor")
        self.need(key, record.established_by, ("revision",), "established_by")
        for i, rule in enumerate(record.participation):
            self.need(key, rule.basis, ("revision",), "participation", i, "basis")
        for i, clause in enumerate(record.mandate):
            self.need(key, clause.basis, ("revision",), "mandate", i, "basis")

    def revision(self, record: Resolution, i: int, rev: Revision) -> Revision:
        """Check one revision's conference and relations; fill in its place."""
        key, place, day = record.key, rev.place, rev.session_day
        if self.need(key, rev.adopted_by, ("conference",), "revisions", i, "adopted_by"):
            conf: Conference = self.records[rev.adopted_by]
            place, day = conf.city, _session_day(conf, rev.year)
            if conf.type is not record.issuer:
                self.at(key, "revisions", i, "adopted_by").fail(
                    f"a {record.issuer.value} conference or session (this is a {record.issuer.value} instrument)",
                    found=f"{rev.adopted_by!r}, a {conf.type.value} one",
                )
            elif conf.start is not None and not (conf.start.year <= rev.year <= (conf.end or conf.start).year):
                self.at(key, "revisions", i, "year").fail(
                    f"the year of {conf.short_name} ({conf.start.year})", found=str(rev.year)
                )
            elif conf.start is not None and rev.date is not None:
                last = (conf.end or conf.start).latest
                if rev.date.latest < conf.start.earliest or rev.date.earliest > last:
                    self.at(key, "revisions", i, "date").fail(
                        f"a date within {conf.short_name} ({conf.start} to {conf.end or conf.start})",
                        found=str(rev.date),
                    )
        for j, relation in enumerate(rev.relations):
            self.need(
                key,
                relation.target,
                ("instrument", "revision", "body", "conference"),
                "revisions",
                i,
                "relations",
                j,
                "target",
            )
        return attrs.evolve(rev, place=place, session_day=day) if (place, day) != (rev.place, rev.session_day) else rev

    def instrument(self, record: Resolution) -> Resolution:
        """Check an instrument's revisions and ending."""
        key, end = record.key, record.end
        revisions = [self.revision(record, i, rev) for i, rev in enumerate(record.revisions)]
        if end is not None:
            if self.need(key, end.by, ("conference",), "end", "by"):
                end = attrs.evolve(end, session_day=_session_day(self.records[end.by], end.year))
            self.need(key, end.superseded_by, ("instrument",), "end", "superseded_by")
            if end.absorbed_into is not None and self.need(
                key, end.absorbed_into, ("revision",), "end", "absorbed_into"
            ):
                self.absorption(record, end.by, end.absorbed_into)
        return attrs.evolve(record, revisions=revisions, end=end)

    def absorption(self, record: Resolution, by: str, into: str) -> None:
        """The absorbing revision must be another instrument's, adopted by the session that ended this one."""
        host_key, host_year = _keys.split_revision_key(into)
        host = self.records[host_key].revision(host_year)
        if host.adopted_by != by:
            self.at(record.key, "end", "absorbed_into").fail(
                f"a revision adopted by {by}, the session that ended {record.key}",
                found=f"{into!r}, adopted by {host.adopted_by}",
            )
        if host_key == record.key:
            self.at(record.key, "end", "absorbed_into").fail("another instrument", found=repr(into))


# --- pass 3: lineage integrity -----------------------------------------------------------


def _check_lineage(
    ctx: Context, origins: dict[str, Origin], timelines: dict[str, graph.Timeline], lineage_graph: nx.MultiDiGraph
) -> None:
    """Checks that need the whole lineage: nothing revised after its ending, no cycles."""

    def at(owner: str, *path: str | int) -> Cursor:
        origin = origins[owner]
        return Cursor(ctx, origin.file, origin.doc, path, None)

    for key, line in timelines.items():
        if line.end is not None and line.end.date < line.dates[-1]:
            at(key, "end").fail(
                f"an ending on or after the last revision ({line.dates[-1]})",
                found=f"an ending dated {line.end.date}",
            )
    cycle = graph.find_cycle(lineage_graph)
    if cycle is not None:
        first = cycle[0][0]
        owner = first if first in origins else _keys.instrument_of(first)
        field = ("end",) if _keys.key_kind(owner) == "instrument" else ("predecessor",)
        at(owner, *field).fail(
            "no cycle of absorptions, supersessions or successions",
            found="the cycle " + " -> ".join([u for u, _ in cycle] + [cycle[0][0]]),
        )

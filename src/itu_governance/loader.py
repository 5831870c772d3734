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
import gc
import itertools
import os
import sys
import threading
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn, TypeVar

import attrs

from itu_governance import _keys, _kinds, graph
from itu_governance._discover import Entry, record_files
from itu_governance._fields import Spec, spec_of
from itu_governance._reader import BAD, Context, Cursor, Document, FileSource, Origin, _Bad
from itu_governance.errors import DataError, Problem
from itu_governance.models import (
    BodyType,
    Conference,
    Council,
    Count,
    Dataset,
    End,
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
    _is_country,
    _session_day,
)
from itu_governance.registry import Registry

if TYPE_CHECKING:
    import networkx as nx

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover (Python 3.10)
        from importlib.abc import Traversable

__all__ = ["build", "load"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def __dir__() -> list[str]:
    return __all__


FOLDERS = _kinds.FOLDERS


def load(path: str | os.PathLike[str] | None = None, *, cache: bool = True) -> Registry:
    """Load a data folder, or the bundled dataset when ``path`` is ``None``.

    The bundled dataset is read once per process; nothing is read at import time. A registry
    built from the same bytes by the same library version is taken from the user's cache folder
    instead of being built again (see ``docs/architecture.md``); every file is still read and
    hashed, so an edited file is always seen.

    Args:
        path: a folder laid out like ``data/`` (see ``docs/data-format.md``).
        cache: use and fill the cache folder; ``False`` always builds from the YAML.

    Returns:
        An immutable :class:`~itu_governance.Registry`.

    Raises:
        DataError: with every problem found, each located by file, line and column.

    >>> import itu_governance as itu
    >>> itu.load() is itu.load()
    True
    """
    if path is None:
        return _load_bundled() if cache else _load(_bundled_root(), cache=False)
    root = Path(path)
    if not root.is_dir():
        raise DataError([Problem(file=str(path), found="no such folder", expected="a data folder")])
    return _load(root, cache=cache)


_BUNDLED_LOCK = threading.Lock()


def _load_bundled() -> Registry:
    """The bundled dataset, built once even when many threads ask for it at the same time."""
    with _BUNDLED_LOCK:
        return _load_bundled_once()


@functools.cache
def _load_bundled_once() -> Registry:
    return _load(_bundled_root(), cache=True)


def _bundled_root() -> Traversable:
    """The dataset inside the installed package, or ``data/`` beside ``src/`` in a checkout."""
    import importlib.resources  # noqa: PLC0415 (a folder given by path needs none of it)

    packaged = importlib.resources.files("itu_governance") / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"  # pragma: no cover (checkout only)


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


def _load(root: Traversable, *, cache: bool) -> Registry:
    paused = gc.isenabled()
    gc.disable()  # a load makes many objects and frees none: collecting meanwhile is wasted work
    try:
        return _load_paused(root, cache=cache)
    finally:
        if paused:
            gc.enable()


def _load_paused(root: Traversable, *, cache: bool) -> Registry:
    """A load with garbage collection paused: from the cache (unpickling is as much work) or the YAML."""
    entries = list(record_files(root, FOLDERS))
    meta = root / "dataset.yaml"
    try:
        metadata = meta.read_bytes() if meta.is_file() else None
    except OSError:
        metadata = None
    key = None
    if cache and metadata is not None and all(e.problem is None for e in entries):
        from itu_governance import _cache  # noqa: PLC0415 (a load with the cache off hashes nothing)

        key = _cache.fingerprint([("dataset.yaml", metadata), *((e.name, e.raw or b"") for e in entries)])
        cached = _cache.get(key)
        if cached is not None:
            return cached
    ctx = Context()
    dataset = _read_dataset_file(ctx, metadata)
    records, origins, broken = _read_records(ctx, entries, root)
    registry = _finish(ctx, dataset, records, origins, broken)
    if key is not None:
        _cache.put(key, registry)
    return registry


def _finish(
    ctx: Context, dataset: Dataset | None, records: dict[str, Any], origins: dict[str, Origin], broken: set[str]
) -> Registry:
    """Passes 2 and 3 (references, lineage), then the registry: all or nothing."""
    records = _Linker(ctx, records, origins, broken).link()
    if ctx.problems:
        raise DataError(ctx.problems)
    timelines = graph.build_timelines(records.values())
    lineage_graph = _check_lineage(ctx, origins, timelines, records)
    if ctx.problems or dataset is None:
        raise DataError(ctx.problems)
    # an origin that already holds no value tree (a file's, read from disk) is kept as it is
    kept = {key: o if o.doc.data is None else Origin(file=o.file, doc=o.doc.positions()) for key, o in origins.items()}
    return Registry(dataset=dataset, records=records, origins=kept, graph=lineage_graph, timelines=timelines)


def _read_dataset_file(ctx: Context, metadata: bytes | None) -> Dataset | None:
    if metadata is None:
        ctx.problems.append(
            Problem(
                file="dataset.yaml",
                found="no such file",
                expected="the dataset's metadata (name, known_up_to, sources)",
            )
        )
        return None
    parsed = _parse(ctx, metadata, "dataset.yaml")
    result = None if parsed is None else _read(Cursor(ctx, "dataset.yaml", parsed), Dataset)
    return None if result is BAD else result


def _read_records(  # noqa: C901 (one pass; a branch per kind of entry)
    ctx: Context, entries: Iterable[Entry], root: Traversable | None = None
) -> tuple[dict[str, Any], dict[str, Origin], set[str]]:
    """Pass 1 over every record file.

    ``broken`` holds the keys of records that failed, so that references to them are not
    reported a second time. A record read from a folder on disk keeps, for its positions, only
    where its file is and a checksum of its bytes (see :class:`~itu_governance._reader.FileSource`).
    """
    folder_path = str(root.absolute()) if isinstance(root, Path) else None
    records: dict[str, Any] = {}
    origins: dict[str, Origin] = {}
    broken: set[str] = set()
    supplements: list[tuple[Resolution, Cursor]] = []
    for folder, name, raw, problem in entries:
        if problem is not None:
            ctx.problems.append(problem)
        kind = _kinds.BY_FOLDER.get(folder)
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if raw is None or kind is None:
            if kind is not None and "/" in name:
                broken.add(kind.key_from_stem(stem))
            continue
        if kind.name == "instrument" and "." in stem:
            read_one = _read_supplement(ctx, raw, name, stem.split(".", 1)[0])
            if read_one is not None:
                supplements.append(read_one)
            continue
        doc = _parse(ctx, raw, name)
        record = BAD if doc is None else _lean_record(kind.name, doc.data, records)
        if record is None and doc is not None:  # the lean reader gave up: cursors read it, reporting any problem
            record = _READERS[kind.name](Cursor(ctx, name, doc))
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
        # the record holds the values now: the origin keeps how to find positions, not the value tree
        located = (
            doc.positions()
            if folder_path is None  # a path string: a Path object per file costs more than the join
            else Document(None, source=FileSource.of(os.path.join(folder_path, name), name, raw))  # noqa: PTH118
        )
        origins[key] = Origin(file=name, doc=located)
    for extra, cursor in supplements:
        _supplement(records, broken, extra, cursor)
    return records, origins, broken


def _stem(key: str) -> str:
    """The file stem of an instrument's record (``pp-res-102`` for ``pp/res/102``)."""
    return _kinds.BY_FOLDER["instruments"].file_stem(key)


def _read_supplement(ctx: Context, raw: bytes, name: str, base: str) -> tuple[Resolution, Cursor] | None:
    """A file ``<record>.<tag>.yaml`` beside ``<record>.yaml``: facts that a tool adds to a curated record."""
    doc = _parse(ctx, raw, name)
    if doc is None:
        return None
    cursor = Cursor(ctx, name, doc)
    record = _read_instrument(cursor)
    if record is BAD:
        return None
    if _stem(record.key) != base:
        cursor["key"].fail(f"the key of {base}.yaml, the record this file supplements", found=repr(record.key))
        return None
    return record, cursor


def _supplement(records: dict[str, Any], broken: set[str], extra: Resolution, c: Cursor) -> None:
    """Add a supplement's facts to the record it supplements; a differing fact is a located problem.

    Only what the record lacks is added: revisions it does not list, and, to the revisions it
    lists, provisions, relations, titles in other languages, sources and disputes. A main fact
    given differently in both (a designation, a session, a title, an ending) is never replaced.
    """
    base = records.get(extra.key)
    if not isinstance(base, Resolution):
        if extra.key not in broken:
            c["key"].fail("the key of a record in its own file (a supplement only adds to a record)")
        return
    name = f"{_stem(base.key)}.yaml"
    revisions = {rev.year: rev for rev in base.revisions}
    for i, rev in enumerate(extra.revisions):
        mine = revisions.get(rev.year)
        revisions[rev.year] = rev if mine is None else _add_to_revision(mine, rev, c["revisions"][i], name)
    if extra.end is not None and base.end is not None and extra.end != base.end:
        c["end"].fail(f"the ending {name} gives, or none", found="another ending")
    try:
        records[base.key] = attrs.evolve(
            base,
            revisions=[revisions[year] for year in sorted(revisions)],
            end=base.end or extra.end,
            titles=base.titles or extra.titles,
            sources=_new(base.sources, extra.sources, lambda s: s),
            disputes=(*base.disputes, *extra.disputes),
        )
    except _InvalidField as exc:
        c.fail(f"facts that fit {name} ({exc})", found="a supplement that does not fit")
    except ValueError as exc:
        c.fail(f"facts that fit {name}", found=str(exc))


def _add_to_revision(mine: Revision, extra: Revision, c: Cursor, name: str) -> Revision:
    """A curated revision with a supplement's provisions, relations, titles, sources and disputes."""
    for field in ("designation", "adopted_by", "date", "attested"):
        theirs, ours = getattr(extra, field), getattr(mine, field)
        if theirs is not None and theirs != ours:
            c[field].fail(
                f"{str(ours)!r}, as {name} has it (record another value as a dispute)", found=repr(str(theirs))
            )
    titles = dict(extra.titles.items())
    for lang, text in mine.titles.items():
        if titles.get(lang, text) != text:
            c["titles"][lang].fail(f"the title {name} gives, or none (record another as a dispute)")
        titles[lang] = text
    return attrs.evolve(
        mine,
        titles=titles,
        provisions=_new(mine.provisions, extra.provisions, lambda p: (p.clause, p.text)),
        relations=_new(mine.relations, extra.relations, lambda r: (r.relation, r.target, r.clause, r.eid)),
        sources=_new(mine.sources, extra.sources, lambda s: s),
        disputes=(*mine.disputes, *extra.disputes),
    )


def _new(mine: tuple[T, ...], extra: tuple[T, ...], identity: Callable[[T], object]) -> tuple[T, ...]:
    """``mine`` followed by the items of ``extra`` that it does not already hold."""
    seen = {identity(item) for item in mine}
    return (*mine, *(item for item in extra if identity(item) not in seen))


def _parse(ctx: Context, raw: bytes, name: str) -> Document | None:
    text, problem = _decode(raw, name)
    if problem is not None:
        ctx.problems.append(problem)
        return None
    assert text is not None  # noqa: S101
    from itu_governance._yaml import read  # noqa: PLC0415 (a load from the cache parses no YAML)

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
    return _build(c, cls, **_read_fields(c, cls), **given) if c.fields(*file_fields(cls)) else BAD  # type: ignore[arg-type]


def _read_fields(c: Cursor, cls: type, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """The values of the fields of ``cls`` present at ``c`` (absent optional ones keep their default)."""
    values: dict[str, Any] = {}
    given = c.value if isinstance(c.value, dict) else {}
    for name, required, read_value, _ in _plan(cls):
        if name in skip or not (required or given.get(name) is not None):
            continue  # an absent (or null) optional field keeps its default
        values[name] = read_value(c[name])
    return values


@functools.cache
def file_fields(cls: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:  # noqa: ANN401 (a record class)
    """The ``(required, optional)`` field names a file may give for ``cls`` (see :mod:`itu_governance._schema`)."""
    from itu_governance import _schema  # noqa: PLC0415 (a load from the cache reads no file's fields)

    return _schema.file_fields(cls)


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, bool, Callable[[Cursor], Any], Callable[[Any], Any]], ...]:
    """How to read each field of ``cls`` a file gives: its name, whether it is required, its readers.

    Each field has a cursor reader and a lean one (see :func:`_lean_of`). Worked out once per
    class from the type hints and specs, not once per value read.
    """
    hints = _hints(cls)
    plan = []
    for field in attrs.fields(cls):
        spec = spec_of(field)
        if spec.derived:
            continue
        required = field.default is attrs.NOTHING
        hook = _FIELD_HOOKS.get((cls, field.name))
        hint = hints[field.name]
        if hook is None:
            read_value, lean_value = _reader_of(hint, spec, required=required), _lean_of(hint, spec, required=required)
        else:  # a field written otherwise than its type says is read with cursors only
            read_value, lean_value = functools.partial(_hooked, hook, hint=hint, spec=spec, required=required), _unsure
        plan.append((field.name, required, read_value, lean_value))
    return tuple(plan)


def _hooked(
    hook: Callable[[Cursor, Any, Spec, bool], Any],
    c: Cursor,
    *,
    hint: Any,  # noqa: ANN401
    spec: Spec,
    required: bool,
) -> Any:  # noqa: ANN401
    return hook(c, hint, spec, required)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(c: Cursor, hint: Any, spec: Spec, required: bool) -> Any:  # noqa: ANN401, FBT001
    """One value of type ``hint`` read as ``spec`` says."""
    return _reader_of(hint, spec, required=required)(c)


@functools.cache
def _reader_of(hint: Any, spec: Spec, *, required: bool) -> Callable[[Cursor], Any]:  # noqa: ANN401, PLR0911
    """The reader of one value of type ``hint`` read as ``spec`` says (worked out once per field)."""
    hint = _without_none(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in {tuple, frozenset} and args:
        item = _reader_of(args[0], spec, required=True)
        return functools.partial(Cursor.each, read=item, required=required)
    if hint is str:
        return functools.partial(_text, spec=spec)
    if hint is bool:
        return Cursor.boolean
    if hint is int:
        return functools.partial(Cursor.integer, low=spec.low, high=spec.high)
    if hint is PartialDate:
        return Cursor.date
    if hint is dt.date:
        return _full_date
    if hint is Texts:
        return functools.partial(_read_texts, required=required)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return functools.partial(Cursor.choice, cls=hint)
    if isinstance(hint, type) and attrs.has(hint):
        return functools.partial(_read, cls=hint)
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
        return BAD if ref is BAD else _source(ref)
    if not isinstance(c.value, dict):
        return c.fail("a source: a URL or document symbol, or a mapping with 'ref' and 'note'")
    if not c.fields(*file_fields(Source)):
        return BAD
    return _build(c, Source, **_read_fields(c, Source))


@functools.lru_cache(maxsize=4096)
def _source(ref: str) -> Source:
    """The source written as its reference alone, one object per reference.

    Sources are immutable, and many records give the same one (an ITU page, the Final Acts):
    shared, each is built, kept in memory, pickled and unpickled once.
    """
    return Source(ref=ref)


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


# --- the lean reader: the same records, read without cursors ------------------------------
#
# Most files have nothing to report, and for them a cursor per value (its path, its context,
# a method call per check) was most of what reading cost. The lean reader reads a file's value
# tree directly with the very checks of the cursor readers above, and gives up (``_Unsure``)
# at the first value they would report, or at anything it does not read itself (a body file,
# a hooked field). The file is then read again with cursors, which report every problem
# located, exactly as before. The records it builds get the same values, so every attrs
# converter and validator still runs.


class _Unsure(Exception):  # noqa: N818 (a signal, not an error)
    """Raised by the lean reader where the cursor readers would report a problem, or might."""


def _unsure(_value: object) -> NoReturn:
    """The lean reader of what only the cursor readers read."""
    raise _Unsure


def _lean_record(kind: str, data: Any, sessions: dict[str, Any]) -> Any:  # noqa: ANN401 (YAML is untyped)
    """The record of a file's value tree, or ``None`` when it must be read with cursors.

    ``sessions`` holds the records read so far (the conferences are read first).
    """
    try:
        if kind == "instrument":
            return _lean_instrument(data, sessions)
        read = _LEAN_READERS.get(kind)
        return None if read is None else read(data)
    except _Unsure:
        return None


@functools.cache
def _lean_of(hint: Any, spec: Spec, *, required: bool) -> Callable[[Any], Any]:  # noqa: ANN401, PLR0911
    """The lean reader of a value of type ``hint``: what :func:`_reader_of`'s reader returns, or ``_Unsure``.

    It is given a value that is there (the caller handles an absent field), so each check is
    the cursor reader's for a present value.
    """
    hint = _without_none(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in {tuple, frozenset} and args:
        return functools.partial(_lean_each, item=_lean_of(args[0], spec, required=True), required=required)
    if hint is str:
        return _lean_text(spec)
    if hint is bool:
        return _lean_boolean
    if hint is int:
        return functools.partial(_lean_integer, low=spec.low, high=spec.high)
    if hint is PartialDate:
        return _lean_date
    if hint is dt.date:
        return _lean_full_date
    if hint is Texts:
        return _lean_texts
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return functools.partial(_lean_choice, cls=hint)
    if isinstance(hint, type) and attrs.has(hint):
        return functools.partial(_lean_read, cls=hint)
    return _unsure  # pragma: no cover (_reader_of refuses such a type first)


def _lean_each(value: Any, item: Callable[[Any], T], *, required: bool) -> list[T]:  # noqa: ANN401
    """:meth:`Cursor.each`: a list (not empty if required), every item read."""
    if not isinstance(value, list) or (required and not value):
        raise _Unsure
    return [item(x) for x in value]


def _lean_text(spec: Spec) -> Callable[[Any], str]:
    """:func:`_text`: a key, a clause label, a country code, or plain non-blank text."""
    if spec.key == "record":
        return _lean_record_key
    if spec.key is not None:
        return functools.partial(_lean_key, match=_keys.PATTERNS[spec.key].fullmatch)
    if spec.country:
        return _lean_country
    return functools.partial(_lean_string, numbers=spec.clause or spec.number_as_text)


def _lean_record_key(value: Any) -> str:  # noqa: ANN401
    if isinstance(value, str) and _keys.key_kind(value):
        return value
    raise _Unsure


def _lean_key(value: Any, match: Callable[[str], object]) -> str:  # noqa: ANN401
    if isinstance(value, str) and match(value):
        return value
    raise _Unsure


def _lean_country(value: Any) -> str:  # noqa: ANN401
    if isinstance(value, str) and _is_country(value):
        return value
    raise _Unsure


def _lean_string(value: Any, *, numbers: bool) -> str:  # noqa: ANN401
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    raise _Unsure


def _lean_boolean(value: Any) -> bool:  # noqa: ANN401
    if isinstance(value, bool):
        return value
    raise _Unsure


def _lean_integer(value: Any, low: int | None, high: int | None) -> int:  # noqa: ANN401
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (low is None or value >= low)
        and (high is None or value <= high)
    ):
        return value
    raise _Unsure


def _lean_date(value: Any) -> str:  # noqa: ANN401
    """:meth:`Cursor.date`: a quoted date string (the model parses it again)."""
    if not isinstance(value, str):
        raise _Unsure
    try:
        PartialDate.parse(value)
    except ValueError:
        raise _Unsure from None
    return value


def _lean_full_date(value: Any) -> dt.date:  # noqa: ANN401
    if len(_lean_date(value)) != 10:
        raise _Unsure
    return dt.date.fromisoformat(value)


_LANGS: Final = frozenset(lang.value for lang in Lang)


def _lean_texts(value: Any) -> Texts:  # noqa: ANN401
    """:func:`_read_texts`: a mapping of language codes to non-blank text."""
    if isinstance(value, dict) and all(
        lang in _LANGS and isinstance(text, str) and text.strip() for lang, text in value.items()
    ):
        return Texts(value)
    raise _Unsure


def _lean_choice(value: Any, cls: type[E]) -> E:  # noqa: ANN401
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            pass
    raise _Unsure


@functools.cache
def _shape(cls: type) -> tuple[frozenset[str], frozenset[str]]:
    """The field names a file must give for ``cls``, and those it may give."""
    required, optional = file_fields(cls)
    return frozenset(required), frozenset(required) | frozenset(optional)


@functools.cache
def _lean_plan(cls: type) -> dict[str, tuple[bool, Callable[[Any], Any]]]:
    """The lean reader of each field of ``cls`` a file gives, by name, and whether it is required."""
    return {name: (required, lean_value) for name, required, _, lean_value in _plan(cls)}


def _lean_fields(value: Any, cls: type, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:  # noqa: ANN401
    """:meth:`Cursor.fields` then :func:`_read_fields`: a mapping of known fields, each read.

    It goes through the fields the file gives, not every field the class has.
    """
    required, allowed = _shape(cls)
    if not isinstance(value, dict) or not value.keys() <= allowed or not required <= value.keys():
        raise _Unsure
    plan = _lean_plan(cls)
    values: dict[str, Any] = {}
    for name, given in value.items():
        read = plan.get(name)
        if read is None or name in skip:  # a field of the layout (an instrument's key), or read apart
            continue
        if given is None:
            if read[0]:  # every cursor reader refuses a null required value
                raise _Unsure
            continue
        values[name] = read[1](given)
    return values


def _lean_build(cls: type[T], fields: dict[str, Any]) -> T:
    """:func:`_build`: the object, or ``_Unsure`` where the model refuses it."""
    try:
        return cls(**fields)
    except (ValueError, TypeError):
        raise _Unsure from None


def _lean_read(value: Any, cls: type[T], **given: Any) -> T:  # noqa: ANN401
    """:func:`_read`: an object of ``cls`` from a mapping of its fields."""
    if cls in _OBJECT_HOOKS:
        return _LEAN_HOOKS.get(cls, _unsure)(value)  # type: ignore[no-any-return]
    return _lean_build(cls, {**_lean_fields(value, cls), **given})


def _lean_source(value: Any) -> Source:  # noqa: ANN401
    """:func:`_read_source`: a URL or document symbol, or a mapping with ``ref`` and ``note``."""
    if isinstance(value, str):
        if not value.strip():
            raise _Unsure
        return _source(value)
    return _lean_build(Source, _lean_fields(value, Source))


def _lean_instrument(value: Any, sessions: dict[str, Any]) -> Resolution:  # noqa: ANN401
    """:func:`_read_instrument`: the ``key`` must be the one its issuer, type and number make."""
    fields = _lean_fields(value, Resolution, skip=("revisions", "end"))
    key = _lean_key(value["key"], _keys.PATTERNS["instrument"].fullmatch)
    if key != _keys.instrument_key(fields["issuer"].value, fields["type"].value, fields["number"]):
        raise _Unsure
    revisions = _lean_each(
        value["revisions"], functools.partial(_lean_revision, instrument=key, sessions=sessions), required=True
    )
    if value.get("end") is not None:
        end = _lean_fields(value["end"], End)
        session = sessions.get(end["by"])
        if isinstance(session, Conference):  # as pass 2 fills it in (see _lean_revision)
            end["session_day"] = _session_day(session, end["year"])
        fields["end"] = _lean_build(End, end)
    return _lean_build(Resolution, {**fields, "revisions": revisions})


def _lean_revision(value: Any, *, instrument: str, sessions: dict[str, Any]) -> Revision:  # noqa: ANN401
    """A revision, given the place and session day of its session when that is already read.

    They are what pass 2 fills in (:meth:`_Linker.revision`, which still checks the session
    and then finds nothing to change), so the revision, and its instrument, are built once
    instead of twice.
    """
    fields = _lean_fields(value, Revision)
    session = sessions.get(fields["adopted_by"])
    if isinstance(session, Conference):
        fields["place"], fields["session_day"] = session.city, _session_day(session, fields["year"])
    return _lean_build(Revision, {**fields, "instrument": instrument})


_LEAN_HOOKS: Final[dict[type, Callable[[Any], Any]]] = {Source: _lean_source}
"""The lean readers of :data:`_OBJECT_HOOKS` (a class missing here is read with cursors)."""

_LEAN_READERS: Final[dict[str, Callable[[Any], Any]]] = {
    "conference": functools.partial(_lean_read, cls=Conference),
    "meeting": functools.partial(_lean_read, cls=Meeting),
    "consultation": functools.partial(_lean_read, cls=OpenConsultation),
}
"""The lean reader of each kind of record file but instruments (:func:`_lean_instrument`) and bodies
(the Council's or a group's, read with cursors)."""


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
        session = self.records.get(rev.adopted_by) if rev.adopted_by else None  # checked: a conference
        if rev.date is not None:
            return body.established_by, rev.date.earliest
        if session is not None and session.start is not None:
            return body.established_by, session.start.earliest
        return body.established_by, rev.effective

    def meeting_after_establishment(self, meeting: Meeting) -> None:
        """A body cannot meet before the revision that established it was adopted."""
        body = _kinds.as_group(self.records[meeting.body])
        since = self.established(body) if body is not None else None
        if body is not None and since is not None and meeting.start.latest < since[1]:
            self.at(meeting.key, "start").fail(
                f"a date on or after {body.short_name} was established ({since[0]}, {since[1]})",
                found=str(meeting.start),
            )

    def parent_cycle(self, record: WorkingGroup) -> None:
        """A chain of parents must end at the Council, never come back to where it started."""
        chain, current = [record.key], record.parent
        while current is not None and current not in chain:
            chain.append(current)
            parent = self.records.get(current)
            group = _kinds.as_group(parent) if parent is not None else None
            current = group.parent if group is not None else None
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
        for i, officer in enumerate(record.officers):
            self.conference_of(key, officer.appointed_by, Issuer.COUNCIL, "officers", i, "appointed_by")
        for i, report in enumerate(record.four_year_reports):
            self.conference_of(key, report.conference, Issuer.PP, "four_year_reports", i, "conference")
            self.conference_of(key, report.considered_by, Issuer.COUNCIL, "four_year_reports", i, "considered_by")

    def conference_of(self, owner: str, key: str | None, issuer: Issuer, *path: str | int) -> None:
        """Check ``key`` names a conference or session of ``issuer`` (a PP, a Council session)."""
        if key is None or not self.need(owner, key, ("conference",), *path):
            return
        conf: Conference = self.records[key]
        if conf.type is not issuer:
            self.at(owner, *path).fail(
                f"a {issuer.value} conference or session", found=f"{key!r}, a {conf.type.value} one"
            )

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
                day = _session_day(self.records[end.by], end.year)
                end = end if day == end.session_day else attrs.evolve(end, session_day=day)
            self.need(key, end.superseded_by, ("instrument",), "end", "superseded_by")
            if end.absorbed_into is not None and self.need(
                key, end.absorbed_into, ("revision",), "end", "absorbed_into"
            ):
                self.absorption(record, end.by, end.absorbed_into)
        if end is record.end and all(new is old for new, old in zip(revisions, record.revisions, strict=True)):
            return record
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
    ctx: Context, origins: dict[str, Origin], timelines: dict[str, graph.Timeline], records: dict[str, Any]
) -> nx.MultiDiGraph | None:
    """Checks that need the whole lineage: nothing revised after its ending, no cycles.

    The lineage graph is built only to report a cycle (its path through the graph's edges);
    otherwise the registry builds it on first use, and a load does not import networkx.
    """

    def at(owner: str, *path: str | int) -> Cursor:
        origin = origins[owner]
        return Cursor(ctx, origin.file, origin.doc, path, None)

    for key, line in timelines.items():
        if line.end is not None and line.end.date < line.dates[-1]:
            at(key, "end").fail(
                f"an ending on or after the last revision ({line.dates[-1]})",
                found=f"an ending dated {line.end.date}",
            )
    if not _may_cycle(records, timelines):
        return None
    lineage_graph = graph.build_graph(records.values(), timelines)
    cycle = graph.find_cycle(lineage_graph)
    if cycle is not None:
        first = cycle[0][0]
        owner = first if first in origins else _keys.instrument_of(first)
        field = ("end",) if _keys.key_kind(owner) == "instrument" else ("predecessor",)
        at(owner, *field).fail(
            "no cycle of absorptions, supersessions or successions",
            found="the cycle " + " -> ".join([u for u, _ in cycle] + [cycle[0][0]]),
        )
    return lineage_graph


def _flow_edges(records: dict[str, Any], timelines: dict[str, graph.Timeline]) -> Iterator[tuple[str, str]]:  # noqa: C901 (one branch per kind of step)
    """The steps :func:`~itu_governance.graph.find_cycle` follows, from the records, without a graph."""
    flows = {relation.value: info.flow for relation, info in graph.RELATIONS.items()}
    for key, record in records.items():
        kind = _kinds.of(record).name
        if kind == "instrument":
            for rev in record.revisions:
                for rel in rev.relations:
                    way = flows[rel.relation.value]
                    if way is graph.Flow.FORWARD:
                        yield rev.key, rel.target
                    elif way is graph.Flow.BACKWARD:
                        yield rel.target, key
            end, line = record.end, timelines[key]
            if end is not None and line.end is not None:
                if end.absorbed_into:
                    yield key, _keys.instrument_of(end.absorbed_into)
                if end.superseded_by:
                    yield key, end.superseded_by
        elif kind == "body" and (group := _kinds.as_group(record)) is not None and group.predecessor:
            yield key, group.predecessor


def _may_cycle(records: dict[str, Any], timelines: dict[str, graph.Timeline]) -> bool:
    """Whether the steps of content and succession go round (a depth-first search, no networkx)."""
    steps: dict[str, list[str]] = {}
    for u, v in _flow_edges(records, timelines):
        steps.setdefault(u, []).append(v)
    done: set[str] = set()
    for start, first in steps.items():
        if start in done:
            continue
        path, on_path = [(start, iter(first))], {start}
        while path:
            node, ahead = path[-1]
            step = next(ahead, None)
            if step is None:
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif step in on_path:
                return True
            elif step not in done:
                path.append((step, iter(steps.get(step, ()))))
                on_path.add(step)
    return False

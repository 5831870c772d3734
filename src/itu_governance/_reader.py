"""A cursor over one parsed YAML record that checks shapes and reports precise problems.

Each ``_Cursor`` method returns the checked value, or :data:`BAD` after recording a
:class:`~itu_governance.errors.Problem` located at the offending value (or, for a missing
field, at its parent). The loader builds objects only from records with no problems.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import zlib
from collections.abc import Callable, Collection, Mapping
from pathlib import Path as _FilePath
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from itu_governance import _keys
from itu_governance.errors import Problem
from itu_governance.models import _is_country

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

Path = tuple[str | int, ...]
_Table = dict[Path, tuple[int, int]]
_Locate = Callable[[], "tuple[_Table, _Table] | None"]


def format_path(path: Path) -> str:
    """``("revisions", 1, "year")`` -> ``revisions[1].year``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


LOST: Final[Mapping[Path, tuple[int, int]]] = MappingProxyType({})
"""The positions of a document whose file changed or went away after it was loaded: none."""


class Document:
    """A parsed YAML file: its plain value tree and the 1-based position of every path in it.

    ``keys`` holds the positions of mapping keys, used to point at an unknown or repeated field.
    The positions are given, or found on first use by ``source`` (which parses the file's text
    again): a file with no problem never needs them, so a load keeps no table per value. Both
    tables are read-only.
    """

    __slots__ = ("_key_table", "_source", "_value_table", "data")

    data: Any
    _source: _Locate | None
    _value_table: Mapping[Path, tuple[int, int]] | None
    _key_table: Mapping[Path, tuple[int, int]] | None

    def __init__(
        self,
        data: Any,  # noqa: ANN401 (YAML is untyped)
        values: Mapping[Path, tuple[int, int]] | None = None,
        keys: Mapping[Path, tuple[int, int]] | None = None,
        *,
        source: _Locate | None = None,
    ) -> None:
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "_source", source)
        object.__setattr__(self, "_value_table", None if values is None else MappingProxyType(values))
        object.__setattr__(self, "_key_table", None if keys is None else MappingProxyType(keys))

    def __setattr__(self, name: str, value: object) -> None:
        msg = "a Document cannot be changed"
        raise AttributeError(msg)

    def _locate(self) -> None:
        found = self._source() if self._source is not None else None
        object.__setattr__(self, "_value_table", LOST if found is None else MappingProxyType(found[0]))
        object.__setattr__(self, "_key_table", LOST if found is None else MappingProxyType(found[1]))

    @property
    def values(self) -> Mapping[Path, tuple[int, int]]:
        """The position of every value, by its path (``()`` is the whole record)."""
        if self._value_table is None:
            self._locate()
        return self._value_table  # type: ignore[return-value]  # _locate sets it

    @property
    def keys(self) -> Mapping[Path, tuple[int, int]]:
        """The position of every mapping key, by the path of its value."""
        if self._key_table is None:
            self._locate()
        return self._key_table  # type: ignore[return-value]  # _locate sets it

    def positions(self) -> Document:
        """A read-only copy that keeps only the positions: what a loaded registry needs to locate findings.

        The value tree is dropped (the records hold the values); positions not yet found are
        found by the same source when asked for.
        """
        if self._value_table is None and self._source is not None:
            return Document(None, source=self._source)
        return Document(None, self.values, self.keys)

    def __reduce__(self) -> tuple[Any, ...]:
        if self._value_table is None and self._source is not None:
            return (_lazy_document, (self.data, self._source))
        return (type(self), (self.data, dict(self.values), dict(self.keys)))

    def __repr__(self) -> str:
        return f"Document({self.data!r})"


def _lazy_document(data: Any, source: _Locate) -> Document:  # noqa: ANN401
    return Document(data, source=source)


@attrs.frozen
class FileSource:
    """Where a loaded record finds its positions again: its file, if it still holds the bytes loaded.

    Only the size and a CRC-32 of the bytes are kept, not the text. A file changed or removed
    since the load has no positions (its findings are given by file only).
    """

    path: str  # a string, not a Path: thousands of them unpickle faster
    file: str
    size: int
    crc: int

    @classmethod
    def of(cls, path: str, file: str, raw: bytes) -> FileSource:
        """The source of ``raw``, the bytes read from ``path`` (shown as ``file``)."""
        return cls(path, file, len(raw), zlib.crc32(raw))

    def __call__(self) -> tuple[_Table, _Table] | None:
        """The positions of the file's values and keys, or ``None`` if it has changed."""
        try:
            raw = _FilePath(self.path).read_bytes()
        except OSError:
            return None
        if len(raw) != self.size or zlib.crc32(raw) != self.crc:
            return None
        from itu_governance._yaml import positions  # noqa: PLC0415 (a load from the cache has no YAML to parse)

        return positions(raw.decode("utf-8"), self.file)


class _Bad(enum.Enum):
    BAD = "BAD"


BAD: Final = _Bad.BAD
_MISSING: Final = object()

_YAML11_BOOLS = "unquoted yes/no/on/off/true/false are read as booleans by YAML; quote it"


def describe(value: object) -> str:  # noqa: PLR0911 (one plain answer per kind of value)
    """Name a wrong value the way a curator would see it in the file."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()} ({_YAML11_BOOLS})"
    if isinstance(value, dt.date):
        return f"an unquoted date {value.isoformat()} (YAML reads it as a date; quote it)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, str):
        return repr(value)
    return f"{type(value).__name__} {value!r}"


class Context:
    """The problems of one load, and the positions of every value of every file read."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, file: str, where: tuple[int, int] | None, path: Path, found: str, expected: str) -> None:
        line, column = where or (None, None)
        self.problems.append(
            Problem(
                file=file,
                line=line,
                column=column,
                path=format_path(path),
                found=found,
                expected=expected,
            )
        )


@functools.cache
def _allowed(required: tuple[str, ...], optional: tuple[str, ...]) -> frozenset[str]:
    return frozenset(required) | frozenset(optional)


class Cursor:
    """A position in one record: the value there and how to report a problem about it."""

    def __init__(self, ctx: Context, file: str, doc: Document, path: Path = (), value: Any = _MISSING) -> None:  # noqa: ANN401
        self.ctx = ctx
        self.file = file
        self.doc = doc
        self.path = path
        self.value = doc.data if value is _MISSING and not path else value

    @property
    def where(self) -> tuple[int, int] | None:
        """The 1-based (line, column) of this value, or of its nearest located parent."""
        path, values = self.path, self.doc.values
        while path:
            if path in values:
                return values[path]
            path = path[:-1]
        return values.get(())

    @property
    def present(self) -> bool:
        """Whether the field exists (a missing optional field is not an error)."""
        return self.value is not _MISSING and self.value is not None

    def fail(self, expected: str, found: str | None = None) -> _Bad:
        """Record that this value is not what was expected."""
        if found is None:
            found = "nothing (the field is missing)" if self.value is _MISSING else describe(self.value)
        self.ctx.report(self.file, self.where, self.path, found, expected)
        return BAD

    def __getitem__(self, name: str | int) -> Cursor:
        """The cursor of a field (by name) or of a list item (by index)."""
        if isinstance(name, int):
            value = self.value[name] if isinstance(self.value, list) and name < len(self.value) else _MISSING
        else:
            value = self.value.get(name, _MISSING) if isinstance(self.value, dict) else _MISSING
        return Cursor(self.ctx, self.file, self.doc, (*self.path, name), value)

    def fields(self, required: Collection[str], optional: Collection[str] = ()) -> bool:
        """Check this is a mapping with every required field and no unknown one."""
        if not isinstance(self.value, dict):
            self.fail("a mapping of fields")
            return False
        ok = True
        tuples = isinstance(required, tuple) and isinstance(optional, tuple)
        allowed = _allowed(required, optional) if tuples else frozenset(required) | frozenset(optional)  # type: ignore[arg-type]
        for name in self.value:
            if name not in allowed:
                where = self.doc.keys.get((*self.path, name))
                self.ctx.report(
                    self.file,
                    where,
                    (*self.path, name),
                    f"unknown field {name!r}",
                    "one of " + ", ".join(sorted(allowed)),
                )
                ok = False
        for name in required:
            if name not in self.value:
                self[name].fail(f"a {name!r} field")
                ok = False
        return ok

    def string(self) -> str | _Bad:
        """A non-blank string."""
        if isinstance(self.value, str) and self.value.strip():
            return self.value
        return self.fail("a non-blank string")

    def optional_string(self) -> str | _Bad | None:
        """A non-blank string, or nothing."""
        return self.string() if self.present else None

    def integer(self, low: int | None = None, high: int | None = None) -> int | _Bad:
        """An integer within the given bounds."""
        if low is not None and high is not None:
            bounds = f" from {low} to {high}"
        else:
            bounds = f" >= {low}" if low is not None else (f" <= {high}" if high is not None else "")
        value = self.value
        in_range = isinstance(value, int) and (low is None or value >= low) and (high is None or value <= high)
        if in_range and not isinstance(value, bool):
            return value  # type: ignore[no-any-return]
        return self.fail(f"an integer{bounds}")

    def optional_integer(self, low: int | None = None, high: int | None = None) -> int | _Bad | None:
        """An integer, or nothing."""
        return self.integer(low, high) if self.present else None

    def boolean(self) -> bool | _Bad:
        """``true`` or ``false``."""
        return self.value if isinstance(self.value, bool) else self.fail("true or false")

    def date(self) -> str | _Bad:
        """A quoted date string; the model parses it."""
        from itu_governance.models import PartialDate  # noqa: PLC0415 (avoids an import cycle)

        if isinstance(self.value, str):
            try:
                PartialDate.parse(self.value)
            except ValueError:
                pass
            else:
                return self.value
        return self.fail('a quoted date like "2021-01-27", "2020-02" or "2012"')

    def optional_date(self) -> str | _Bad | None:
        """A quoted date, or nothing."""
        return self.date() if self.present else None

    def choice(self, cls: type[E]) -> E | _Bad:
        """One value of a closed vocabulary."""
        if isinstance(self.value, str):
            try:
                return cls(self.value)
            except ValueError:
                pass
        return self.fail("one of " + ", ".join(repr(m.value) for m in cls))

    def key(self, kind: str) -> str | _Bad:
        """A well-formed key of the given kind."""
        if isinstance(self.value, str) and _keys.PATTERNS[kind].fullmatch(self.value):
            return self.value
        return self.fail(f"a {kind} key like {_keys.EXAMPLES[kind]!r}")

    def optional_key(self, kind: str) -> str | _Bad | None:
        """A key of the given kind, or nothing."""
        return self.key(kind) if self.present else None

    def country(self) -> str | _Bad | None:
        """An ISO 3166-1 alpha-3 code, quoted."""
        if not self.present:
            return None
        if isinstance(self.value, str) and _is_country(self.value):
            return self.value
        return self.fail('a quoted ISO 3166-1 alpha-3 country code like "SAU"')

    def items(self, *, required: bool = False) -> list[Cursor] | _Bad:
        """The items of a list (an absent optional list is empty)."""
        if not self.present:
            return self.fail("a non-empty list") if required else []
        if not isinstance(self.value, list) or (required and not self.value):
            return self.fail("a non-empty list" if required else "a list")
        return [Cursor(self.ctx, self.file, self.doc, (*self.path, i), item) for i, item in enumerate(self.value)]

    def each(self, read: Callable[[Cursor], T | _Bad], *, required: bool = False) -> list[T] | _Bad:
        """Read every item of a list with ``read``; BAD if any item is bad."""
        cursors = self.items(required=required)
        if cursors is BAD:
            return BAD
        values = [read(c) for c in cursors]
        return BAD if any(x is BAD for x in values) else values  # type: ignore[return-value]

    def mapping(self) -> dict[str, Any] | _Bad | None:
        """A mapping, or nothing."""
        if not self.present:
            return None
        return self.value if isinstance(self.value, dict) else self.fail("a mapping")


@attrs.frozen
class Origin:
    """The file a record came from, with the positions of its values (for located findings)."""

    file: str
    doc: Document

    def where(self, *path: str | int) -> tuple[str, int | None, int | None]:
        """``(file, line, column)`` of a path inside the record, or of its nearest parent."""
        values = self.doc.values
        while path:
            if path in values:
                line, column = values[path]
                return self.file, line, column
            path = path[:-1]
        if values is LOST:  # the file changed or went away since the load
            return self.file, None, None
        line, column = values.get((), (1, 1))
        return self.file, line, column

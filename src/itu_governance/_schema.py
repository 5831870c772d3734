"""JSON Schemas (draft 2020-12) of the data files, generated from the model classes.

There is one source of truth: each schema is derived from the attrs classes of
:mod:`itu_governance.models` (attribute names, types, defaults and the field metadata of
:mod:`itu_governance._fields`, which the loader reads too) and from the vocabularies and key
patterns. :data:`LAYOUTS` records where a data file writes an object
otherwise than as its attributes, following :mod:`itu_governance.loader`: an instrument file
has a ``key``, a revision has no ``instrument`` (the loader fills it in), a count is ``N`` or
``{more_than: N}``, and so on. The rules that hold for every file come from the loader too:
a string is never blank, a required list is never empty, and an optional field may be left
empty (``null``), which means absent.

``scripts/schema.py`` writes the schemas to ``schemas/<kind>.schema.json``; see
``docs/schemas.md``.

>>> from itu_governance import _schema
>>> meeting = _schema.schemas()["meeting"]
>>> meeting["required"]
['key', 'body', 'ordinal', 'start', 'sources']
>>> meeting["properties"]["ordinal"]
{'type': 'integer', 'minimum': 1}
>>> _schema.file_fields(_schema.Source)
(('ref',), ('note',))
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import inspect
import itertools
import json
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from itu_governance import _keys, _kinds
from itu_governance._fields import Spec, spec_of
from itu_governance.models import (
    _ASCII_CODE,
    _SLUG,
    BodyType,
    Council,
    Count,
    Lang,
    PartialDate,
    Resolution,
    Responses,
    Source,
    Texts,
    WorkingGroup,
)

__all__ = ["KINDS", "LAYOUTS", "Layout", "file_fields", "render", "schemas"]

Schema = dict[str, Any]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"

_NONBLANK: Final[Schema] = {"type": "string", "pattern": r"\S"}
_MONTH: Final = "(?:0[1-9]|1[0-2])"
_DAY: Final = "(?:0[1-9]|[12][0-9]|3[01])"
# Text, where the loader reads a bare number such as ``1`` as its digits (clause labels, disputed values).
_TEXT_OR_NUMBER: Final[Schema] = {"type": ["string", "integer"], "pattern": r"\S"}


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(kw_only=True)
class Layout:
    """How the data files write one class's objects, where that differs from its attributes.

    Attributes:
        omit: attributes the files do not have (the loader fills them in, or ``form`` covers them).
        extra: fields the files have that are not attributes (derived properties such as an
            instrument's ``key``), each with a function making its schema; they are required.
        override: attributes the files write in another form than their type.
        shorthand: an attribute whose value may stand alone for the whole object.
        form: a schema for the whole object, where it is too unlike its attributes.
    """

    omit: tuple[str, ...] = ()
    extra: Mapping[str, Callable[[_Builder], Schema]] = attrs.field(factory=dict)
    override: Mapping[str, Schema] = attrs.field(factory=dict)
    shorthand: str | None = None
    form: Callable[[_Builder], Schema] | None = None


def _count_form(builder: _Builder) -> Schema:
    """A count is ``N``, or ``{more_than: N}`` when the source only gives a lower bound."""
    figure = builder.attribute(Count, "value")
    return {
        "description": _summary(Count),
        "anyOf": [
            figure,
            {
                "type": "object",
                "properties": {"more_than": figure},
                "required": ["more_than"],
                "additionalProperties": False,
            },
        ],
    }


LAYOUTS: Final[Mapping[type, Layout]] = {
    Resolution: Layout(extra={"key": lambda builder: builder.key("instrument")}),
    Council: Layout(extra={"type": lambda _: {"const": BodyType.COUNCIL.value}}),
    WorkingGroup: Layout(
        override={
            "type": {
                "type": "string",
                "enum": [t.value for t in BodyType if t is not BodyType.COUNCIL],
                "description": "What kind of body this is (the Council's own file says 'council').",
            }
        }
    ),
    Responses: Layout(
        override={
            "by_category": {
                "type": "object",
                "description": "Responses per stakeholder category, as the source counts them.",
                "propertyNames": {"pattern": f"^{_SLUG.pattern}$"},
                "additionalProperties": {"type": "integer", "minimum": 0},
            }
        }
    ),
    Source: Layout(shorthand="ref"),
    Count: Layout(omit=("value",), form=_count_form),
}
"""Where the files differ from the attributes; every other class is written as its attributes."""

KINDS: Final[Mapping[str, tuple[type, ...]]] = {
    kind.name: kind.classes for kind in _kinds.KINDS.values() if kind.folder or kind.name == "dataset"
}
"""The kinds of data file and the classes their records are; a body is the Council or a group."""


def file_fields(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ``(required, optional)`` field names a data file may give for an object of ``cls``.

    A field is required when its attribute has no default; the extra fields of its
    :class:`Layout` are required too. These are the fields the loader accepts (a test compares them).
    """
    layout = LAYOUTS.get(cls, Layout())
    required: list[str] = list(layout.extra)
    optional: list[str] = []
    for field in attrs.fields(cls):
        if field.name in layout.omit or spec_of(field).derived:
            continue
        (required if field.default is attrs.NOTHING else optional).append(field.name)
    return tuple(required), tuple(optional)


@attrs.frozen
class _Checks:
    """What a field's spec requires of its value (and, for a list, of each item)."""

    minimum: int | None = None
    maximum: int | None = None
    min_len: int | None = None
    pattern: str | None = None
    key: str | None = None

    @classmethod
    def of(cls, spec: Spec) -> _Checks:
        """The checks a field's :class:`~itu_governance._fields.Spec` states."""
        return cls(
            minimum=spec.low,
            maximum=spec.high,
            min_len=spec.min_len,
            pattern=f"^(?:{_ASCII_CODE.pattern})$" if spec.country else None,
            key=spec.key,
        )


def _ecma(pattern: str) -> str:
    """A Python key pattern made portable to ECMA-262 regexes: named groups become plain groups."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _summary(obj: object) -> str:
    """The first line of an object's docstring, its reStructuredText markup made plain."""
    line = (inspect.getdoc(obj) or "").split("\n", 1)[0]
    return re.sub(r"(?::\w+:)?``?([^`]+)``?", r"'\1'", line)


def _nullable(schema: Schema) -> Schema:
    """``schema``, or ``null`` (an optional field left empty is read as absent)."""
    types_ = schema.get("type")
    if types_ is None or "enum" in schema:  # a reference, a choice or a constant
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [*(types_ if isinstance(types_, list) else [types_]), "null"]}


def _without_none(hint: object) -> object:
    """``X`` for ``X | None``; ``hint`` itself otherwise."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


class _Builder:
    """Builds the schemas of one file kind, collecting the named pieces it refers to."""

    def __init__(self) -> None:
        self.defs: dict[str, Schema] = {}

    def named(self, name: str, make: Callable[[], Schema]) -> Schema:
        """A reference to ``#/$defs/<name>``, defined by ``make()`` the first time."""
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name: a class may refer back to itself
            self.defs[name] = make()
        return {"$ref": f"#/$defs/{name}"}

    def key(self, kind: str) -> Schema:
        """A reference to the schema of keys of ``kind`` (``"record"``: a key of any kind)."""
        if kind == "record":
            return self.named(
                "RecordKey",
                lambda: {
                    "description": "The key of a record or a revision.",
                    "anyOf": [self.key(k) for k in _keys.PATTERNS],
                },
            )
        return self.named(
            f"{kind.capitalize()}Key",
            lambda: {
                "type": "string",
                "description": f"A {kind} key.",
                "pattern": f"^(?:{_ecma(_keys.PATTERNS[kind].pattern)})$",
                "examples": [_keys.EXAMPLES[kind]],
            },
        )

    def record(self, cls: type) -> Schema:
        """The schema of an object of ``cls`` as the files write it."""
        layout = LAYOUTS.get(cls, Layout())
        if layout.form is not None:
            return layout.form(self)
        required, _ = file_fields(cls)
        written = set(itertools.chain(*file_fields(cls)))
        names = [
            *layout.extra,
            *(f.name for f in attrs.fields(cls) if f.name in written and f.name not in layout.extra),
        ]
        properties: Schema = {}
        for name in names:
            if name in layout.extra:
                schema = layout.extra[name](self)
            elif name in layout.override:
                schema = layout.override[name]
            else:
                schema = self.attribute(cls, name, required=name in required)
            properties[name] = schema if name in required else _nullable(schema)
        shape: Schema = {
            "type": "object",
            "properties": properties,
            "required": list(required),
            "additionalProperties": False,
        }
        if layout.shorthand is None:
            return {"description": _summary(cls), **shape}
        alone = self.attribute(cls, layout.shorthand, required=True)
        return {"description": _summary(cls), "anyOf": [alone, shape]}

    def ref(self, cls: type) -> Schema:
        """A reference to the schema of ``cls``."""
        return self.named(cls.__name__, lambda: self.record(cls))

    def attribute(self, cls: type, name: str, *, required: bool = False) -> Schema:
        """The schema of one attribute, from its type hint and its validators."""
        hint = _without_none(typing.get_type_hints(cls)[name])
        spec = spec_of(attrs.fields_dict(cls)[name])
        schema = self.type_schema(hint, _Checks.of(spec))
        if spec.clause or spec.number_as_text:
            schema = dict(_TEXT_OR_NUMBER)
        if required and schema.get("type") == "array":
            schema["minItems"] = max(1, schema.get("minItems", 1))  # the loader wants a required list non-empty
        return schema

    def type_schema(self, hint: object, checks: _Checks) -> Schema:
        """The schema of a value of type ``hint`` that passes ``checks``."""
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (tuple, frozenset) and args and args[-1] in (Ellipsis, args[0]):
            schema: Schema = {"type": "array", "items": self.type_schema(args[0], checks)}
            if checks.min_len:
                schema["minItems"] = checks.min_len
            return schema
        if hint in (str, int, bool):
            return self.scalar(hint, checks)
        if hint in _NAMED:
            name, make = _NAMED[hint]
            schema = self.named(name, make)
            return {**schema, "minProperties": checks.min_len} if checks.min_len else schema
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return self.named(hint.__name__, lambda: _vocabulary(hint))
        if isinstance(hint, type) and attrs.has(hint):
            return self.ref(hint)
        msg = f"no JSON Schema for the type {hint!r}; add it to itu_governance._schema"
        raise TypeError(msg)

    def scalar(self, hint: object, checks: _Checks) -> Schema:
        """The schema of a string (a key, a pattern's match, or any non-blank text), integer or boolean."""
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            bounds = {"minimum": checks.minimum, "maximum": checks.maximum}
            return {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}
        if checks.key is not None:
            return self.key(checks.key)
        return {"type": "string", "pattern": checks.pattern} if checks.pattern else dict(_NONBLANK)


def _partial_date() -> Schema:
    return {
        "type": "string",
        "description": _summary(PartialDate) + " Quote it: YAML reads a bare 2021-01-27 as a date.",
        "pattern": f"^[0-9]{{4}}(?:-{_MONTH}(?:-{_DAY})?)?$",
        "examples": ["2021-01-27", "2020-02", "2012"],
    }


def _full_date() -> Schema:
    return {
        "type": "string",
        "description": "A full date, quoted.",
        "pattern": f"^[0-9]{{4}}-{_MONTH}-{_DAY}$",
        "examples": ["2026-11-28"],
    }


def _texts() -> Schema:
    return {
        "type": "object",
        "description": _summary(Texts),
        "properties": {lang.value: dict(_NONBLANK) for lang in Lang},
        "additionalProperties": False,
    }


_NAMED: Final[Mapping[object, tuple[str, Callable[[], Schema]]]] = {
    PartialDate: ("PartialDate", _partial_date),
    dt.date: ("Date", _full_date),
    Texts: ("Texts", _texts),
}


def _vocabulary(cls: type[enum.Enum]) -> Schema:
    return {"type": "string", "description": _summary(cls), "enum": [m.value for m in cls]}


def _schema(kind: str) -> Schema:
    builder = _Builder()
    classes = KINDS[kind]
    head: Schema = {
        "$schema": DRAFT,
        "title": f"itu-governance {kind} file",
        "$comment": "Generated from itu_governance.models by scripts/schema.py; do not edit.",
    }
    if len(classes) == 1:
        root = builder.record(classes[0])
    else:  # the first class is told apart by its constant "type"
        first, other = classes
        root = {
            "description": f"{_summary(first)} Or: {_summary(other)}",
            "if": {"properties": {"type": LAYOUTS[first].extra["type"](builder)}, "required": ["type"]},
            "then": builder.ref(first),
            "else": builder.ref(other),
        }
    return {**head, **root, "$defs": dict(sorted(builder.defs.items()))}


def schemas() -> dict[str, Schema]:
    """The schema of every kind of data file, by kind (``"dataset"``, ``"conference"``, ...)."""
    return {kind: copy.deepcopy(_schema(kind)) for kind in KINDS}


def render() -> dict[str, str]:
    """The text of every schema file, by file name (``"conference.schema.json"``, ...)."""
    return {
        f"{kind}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for kind, schema in schemas().items()
    }

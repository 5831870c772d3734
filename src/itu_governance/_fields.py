"""How a model field is written in the data files: the metadata the reader and the schemas share.

attrs' documented extension point, ``attrs.field(metadata=...)``, carries one :class:`Spec`
per field that needs more than its type hint says: the kind of key it holds, the bounds of
an integer, a clause label that may be a bare number, a country code, or a field the files do
not have because the loader derives it. :mod:`itu_governance.loader` reads every field from
its type hint and this spec; :mod:`itu_governance._schema` writes the JSON Schemas from the
same two.

>>> import attrs
>>> from itu_governance import models
>>> spec_of(attrs.fields(models.Revision).adopted_by).key
'conference'
>>> spec_of(attrs.fields(models.Revision).place).derived
True
"""

from __future__ import annotations

from typing import Any, Final

import attrs

_KEY: Final = "itu_governance"


@attrs.frozen(kw_only=True)
class Spec:
    """How one field is read from a data file, beyond its type hint.

    Attributes:
        key: the field holds the key of a record of this kind (``"record"``: of any kind).
        low: the least integer allowed.
        high: the greatest integer allowed.
        clause: a clause label: text, where a bare number such as ``1`` is read as its digits.
        number_as_text: text, where a bare number is read as its digits (a disputed value).
        country: an ISO 3166-1 alpha-3 code.
        derived: not in the files: the loader fills it in (from the enclosing record or a
            referenced one).
        min_len: the least number of items (of a list) or entries (of a mapping).
    """

    key: str | None = None
    low: int | None = None
    high: int | None = None
    clause: bool = False
    number_as_text: bool = False
    country: bool = False
    derived: bool = False
    min_len: int | None = None


_PLAIN: Final = Spec()


def spec(**how: Any) -> dict[str, Spec]:  # noqa: ANN401 (the fields of Spec)
    """The ``metadata=`` of an attrs field read as ``how`` says (see :class:`Spec`)."""
    return {_KEY: Spec(**how)}


def spec_of(field: attrs.Attribute[Any]) -> Spec:
    """The spec of an attrs field (a plain one when the field has none)."""
    found = field.metadata.get(_KEY, _PLAIN)
    assert isinstance(found, Spec)  # noqa: S101 (only spec() writes this metadata key)
    return found

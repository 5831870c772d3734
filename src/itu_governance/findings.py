"""Findings: what a check says about a citation, a record or a rule, and on what basis.

Checks never raise on what they inspect; they return findings. Each finding has a severity,
a stable ``code`` other tools can filter on, a one-line message, and the ``basis`` that
decides it: the revision keys (and clauses) or records it rests on.

>>> f = Finding(severity="warning", code="absorbed", message="1344 was folded into 1336",
...             basis=("council/res/1336@2019",))
>>> str(f)
'warning[absorbed]: 1344 was folded into 1336 (basis: council/res/1336@2019)'
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from attrs import validators as v

from itu_governance.models import _Vocabulary

__all__ = ["Finding", "Severity"]


def __dir__() -> list[str]:
    return __all__


class Severity(_Vocabulary):
    """How much a finding matters: errors fail an audit, warnings and notes do not.

    ``cannot-tell`` says the records do not decide a rule (a term with no end date): not a
    breach, and not "fine" either; the message says what data would settle it.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    UNDECIDED = "cannot-tell"


def _basis(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Finding:
    """One result of a check.

    ``subject`` is the key of the record concerned (if any); ``span`` the ``(start, end)``
    of the text concerned, for findings about a document.
    """

    severity: Severity = attrs.field(converter=Severity)
    code: str = attrs.field(validator=v.matches_re(r"[a-z]+(?:-[a-z]+)*"))
    message: str = attrs.field(validator=v.instance_of(str))
    basis: tuple[str, ...] = attrs.field(default=(), converter=_basis)
    subject: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))
    span: tuple[int, int] | None = attrs.field(default=None)

    def __str__(self) -> str:
        about = f" {self.subject}" if self.subject else ""
        text = f"{self.severity.value}[{self.code}]{about}: {self.message}"
        return f"{text} (basis: {', '.join(self.basis)})" if self.basis else text

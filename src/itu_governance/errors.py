"""The package's exceptions: one hierarchy under :class:`ItuGovernanceError`.

Each error mixes in the built-in exception it refines (``ValueError`` for bad input,
``KeyError`` for unknown references), so callers that already catch those keep working.
Locations and inputs are attributes, not only text, and every error pickles.

>>> import itu_governance as itu
>>> issubclass(itu.NotFound, KeyError) and issubclass(itu.NotFound, itu.ItuGovernanceError)
True
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "CitationError",
    "DataError",
    "GraphError",
    "ItuGovernanceError",
    "NotFound",
    "Problem",
]


def __dir__() -> list[str]:
    return __all__


class ItuGovernanceError(Exception):
    """Base class of every error this package raises on purpose."""


_EXCERPT: int = 120
"""How many characters of a found value a message quotes; the rest is counted, not echoed."""


def _excerpt(text: str, limit: int = _EXCERPT) -> str:
    r"""A short, printable excerpt of ``text`` for a message: control characters escaped.

    A message must never echo a whole value (a 10 MB string, a file reached by a link):

    >>> _excerpt("a" * 200)  # doctest: +ELLIPSIS
    'aaaa...aaaa… (200 characters)'
    >>> print(_excerpt("nul\x00here"))
    nul\x00here
    """
    shown = text if len(text) <= limit else text[:limit]
    shown = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in shown)
    return shown if len(text) <= limit else f"{shown}… ({len(text)} characters)"


@attrs.frozen(kw_only=True)
class Problem:
    """One defect found in a data file: where it is, what was found and what was expected.

    ``line`` and ``column`` are 1-based; they are ``None`` only for problems about a whole
    file (for instance one that is not UTF-8 before any line can be read).

    >>> p = Problem(file="instruments/council-res-1344.yaml", line=12, column=5,
    ...             path="revisions[1].year", found="'19xx'", expected="an integer >= 1865")
    >>> str(p)
    "instruments/council-res-1344.yaml:12:5: revisions[1].year: expected an integer >= 1865, got '19xx'"
    """

    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    found: str = attrs.field(default="", converter=_excerpt)
    expected: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = f"expected {self.expected}, got {self.found}" if self.found else self.expected
        return f"{where}: {self.path}: {what}" if self.path else f"{where}: {what}"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position, so reports read top to bottom."""
        return (self.file, self.line or 0, self.column or 0, self.path)


class DataError(ItuGovernanceError, ValueError):
    """The data could not be loaded: every problem of one load, raised once.

    Loading is all-or-nothing, so when this is raised no registry exists. ``problems`` lists
    each defect with its location; ``file``, ``line`` and ``column`` repeat the first one's.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=Problem.sort_key))
        if not self.problems:
            msg = "DataError needs at least one problem"
            raise ValueError(msg)
        first = self.problems[0]
        self.file: str = first.file
        self.line: int | None = first.line
        self.column: int | None = first.column
        self.path: str = first.path
        super().__init__(self.problems)

    def __str__(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        return f"{head} in the data:\n" + "\n".join(str(p) for p in self.problems)

    def __reduce__(self) -> tuple[type[DataError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class NotFound(ItuGovernanceError, KeyError):  # noqa: N818 (the name is the public contract)
    """A reference names nothing in the registry; ``suggestions`` holds the closest keys."""

    def __init__(self, ref: str, kind: str, suggestions: Iterable[str] = ()) -> None:
        self.ref = ref
        self.kind = kind
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        super().__init__(ref)

    def __str__(self) -> str:
        msg = f"no {self.kind} matches {self.ref!r}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return msg

    def __reduce__(self) -> tuple[type[NotFound], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.ref, self.kind, self.suggestions))


class CitationError(ItuGovernanceError, ValueError):
    """Text is not a citation this package can read; the message points at the failure.

    ``text`` is the input, ``position`` the 0-based code point where reading failed and
    ``expected`` what would have been valid there.
    """

    def __init__(self, text: str, position: int, expected: str, lang: str | None = None) -> None:
        self.text = text
        self.position = position
        self.expected = expected
        self.lang = lang
        super().__init__(text, position, expected, lang)

    def __str__(self) -> str:
        caret = " " * self.position + "^"
        return f"expected {self.expected}\n    {self.text}\n    {caret}"

    def __reduce__(self) -> tuple[type[CitationError], tuple[str, int, str, str | None]]:
        return (type(self), (self.text, self.position, self.expected, self.lang))


class GraphError(ItuGovernanceError):
    """A graph query cannot be answered from the lineage graph as given."""

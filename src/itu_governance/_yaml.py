"""Safe YAML reading that keeps the position of every value.

The standard safe resolvers stay on, so that YAML 1.1 traps (unquoted ``no`` read as a
boolean, an unquoted ``2021-01-27`` read as a date) surface as values of the wrong type,
which the loader then reports with a hint to quote them. Anchors, aliases and explicit tags
are refused outright: the data needs none of them and aliases allow "billion laughs" bombs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Final, cast

import attrs
import yaml

from itu_governance._reader import Document, Path, format_path
from itu_governance.errors import Problem

try:  # the C parser when the PyYAML build has it
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover (pure-Python PyYAML builds)
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

__all__ = ["MAX_DEPTH", "Document", "Path", "format_path", "read"]


_SCALAR_NODE: Final = yaml.ScalarNode
_DEFAULT_TAG: Final = str(_BaseLoader.DEFAULT_SCALAR_TAG)
_RESOLVERS: Final[dict[str | None, tuple[tuple[str, Callable[[str], object]], ...]]] = {
    first: tuple((str(tag), regexp.match) for tag, regexp in rules)
    for first, rules in _BaseLoader.yaml_implicit_resolvers.items()
}
"""The safe loader's implicit rules by a scalar's first character, with their tags as strings."""
_RESOLVER: Final = yaml.resolver.Resolver()


@functools.lru_cache(maxsize=4096)
def _resolve(kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:  # noqa: ANN401
    """The tag of a node without a tag: PyYAML's own rules, with a shortcut for scalars.

    PyYAML's resolver concatenates two lists of rules for every scalar; this one looks up
    only the rules for the scalar's first character (the safe loader has no others). The
    answer depends on the arguments alone (the safe loader has no path resolvers), so the
    last few thousand answers are kept: the same field names, vocabulary words and keys recur
    in every file, and a remembered answer costs the composer no Python call at all.
    """
    if kind is _SCALAR_NODE:
        if implicit[0]:
            for tag, match in _RESOLVERS.get(value[:1], ()):
                if match(value):
                    return tag
        return _DEFAULT_TAG
    return str(_RESOLVER.resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


class _Loader(_BaseLoader):
    """A private SafeLoader subclass, so nothing is registered on PyYAML's global loaders.

    The composer calls three of its methods for every node, so each is made cheap: ``resolve``
    is :func:`_resolve`; the other two track each node's path for PyYAML's path resolvers,
    which the safe loader never has (the inherited methods return at once), and are bound here
    to built-in callables that ignore what they are given, at a fraction of a Python call's cost.
    """

    resolve = staticmethod(_resolve)
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]  # given (parent, index): a slice nobody keeps
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # given nothing: the empty tuple


def _mark(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _refuse_anchors(text: str, file: str) -> list[Problem]:
    problems = []
    for event in yaml.parse(text, Loader=_Loader):
        line, column = _mark(event)
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                Problem(
                    file=file,
                    line=line,
                    column=column,
                    found=f"alias *{event.anchor}",
                    expected="plain values (aliases are not allowed)",
                )
            )
        elif getattr(event, "anchor", None):
            problems.append(
                Problem(
                    file=file,
                    line=line,
                    column=column,
                    found=f"anchor &{getattr(event, 'anchor', '')}",
                    expected="plain values (anchors are not allowed)",
                )
            )
        elif getattr(event, "tag", None) and not _implicit(event):
            problems.append(
                Problem(
                    file=file,
                    line=line,
                    column=column,
                    found=f"tag {getattr(event, 'tag', '')}",
                    expected="plain values (explicit tags are not allowed)",
                )
            )
    return problems


def _implicit(event: yaml.Event) -> bool:
    implicit = getattr(event, "implicit", True)
    return bool(implicit[0] if isinstance(implicit, tuple) else implicit)


_INT: Final = "tag:yaml.org,2002:int"
_FLOAT: Final = "tag:yaml.org,2002:float"
_BOOL: Final = "tag:yaml.org,2002:bool"
_TIMESTAMP: Final = "tag:yaml.org,2002:timestamp"
_MERGE: Final = "tag:yaml.org,2002:merge"
_VALUE: Final = "tag:yaml.org,2002:value"

_DECIMAL: Final = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
"""The only unquoted integers read as numbers: YAML 1.1 would read ``023`` as octal 19,
``1:30`` as sexagesimal 90, ``0x1f`` and ``1_000`` as hexadecimal and grouped numbers."""

MAX_DEPTH: Final = 24
"""How deeply values may nest; the data needs six levels, and deeper trees exhaust the stack."""

_BRACKETS: Final = {"(": ")", "[": "]", "{": "}", "（": "）"}


def _balanced(text: str) -> bool:
    """Whether every bracket in ``text`` closes, in order (a flow list may have split it)."""
    stack: list[str] = []
    closing = set(_BRACKETS.values())
    for char in text:
        if char in _BRACKETS:
            stack.append(_BRACKETS[char])
        elif char in closing and (not stack or stack.pop() != char):
            return False
    return not stack


class _Builder:
    """Turns a node tree into plain values, recording positions and refusing YAML 1.1 traps.

    Each trap becomes a located problem with a hint to quote the value, so nothing loads
    silently changed (an unquoted ``023`` as 19, ``yes`` as ``True``, ``1.10`` as 1.1).
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._scalars = _Loader("")

    def _problem(self, node: yaml.Node, path: Path, found: str, expected: str) -> None:
        line, column = _mark(node)
        self.problems.append(
            Problem(file=self.file, line=line, column=column, path=format_path(path), found=found, expected=expected)
        )

    def build(self, node: yaml.Node, path: Path) -> Any:  # noqa: ANN401 (YAML is untyped)
        self.values[path] = _mark(node)
        if len(path) > MAX_DEPTH:
            self._problem(node, path, f"values nested more than {MAX_DEPTH} levels deep", "a shallower record")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.flow_style:
                self._check_flow_items(node, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(cast("yaml.ScalarNode", node), path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._problem(key_node, path, "a merge key <<", "plain fields (merge keys are not allowed)")
                continue
            key = self.build(key_node, (*path, "<key>"))
            if not isinstance(key, str):
                if key is not _TRAP:
                    self._problem(key_node, path, repr(key), "a field name (a string)")
                continue
            child = (*path, key)
            if key in result:
                first = self.keys[child][0]
                self._problem(key_node, child, f"a second {key!r}", f"each field once (first given at line {first})")
                continue
            self.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        self.values.pop((*path, "<key>"), None)
        return result

    def _check_flow_items(self, node: yaml.SequenceNode, path: Path) -> None:
        """Refuse an item of a ``[...]`` list that YAML cut at a comma inside brackets."""
        items = node.value
        for i, item in enumerate(items):
            if isinstance(item, yaml.ScalarNode) and not item.style and not _balanced(item.value):
                rest = items[i + 1] if i + 1 < len(items) else None
                tail = f" and {rest.value!r}" if isinstance(rest, yaml.ScalarNode) else ""
                self._problem(
                    item,
                    (*path, i),
                    f"{item.value!r}{tail}: YAML cut one string at its comma",
                    'a quoted item where text holds a comma or a bracket, like ["Conference (Dubai, 2018)"]',
                )
                return

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:  # noqa: ANN401, PLR0911 (YAML is untyped; a return per trap)
        text = node.value
        if node.style:  # quoted or block text (the C parser marks plain scalars "", Python None)
            return self._scalars.construct_object(node)
        if node.tag == _INT and not _DECIMAL.fullmatch(text):
            if len(text) > 18 and text.lstrip("-+").isdigit():
                return self._trap(node, path, f"a number of {len(text)} digits", "an integer of at most 18 digits")
            return self._trap(
                node,
                path,
                f"the unquoted {text}, {self._yaml11(node)}",
                f'a plain decimal integer, or a quoted string ("{text}")',
            )
        if node.tag == _FLOAT:
            return self._trap(
                node, path, f"the unquoted {text}, {self._yaml11(node)}", f'an integer, or a quoted string ("{text}")'
            )
        if node.tag == _BOOL and text not in ("true", "false") and path and path[-1] == "<key>":
            return self._trap(
                node, path[:-1], f"the unquoted field name {text}, which YAML 1.1 reads as a boolean", f'"{text}":'
            )
        if node.tag == _BOOL and text not in ("true", "false"):
            return self._trap(
                node,
                path,
                f"the unquoted {text} (YAML 1.1 reads yes/no/on/off as booleans)",
                f'true or false, or a quoted string such as "{text}"',
            )
        if node.tag in (_MERGE, _VALUE):
            return self._trap(node, path, f"the unquoted {text}", f'a quoted string ("{text}")')
        try:
            return self._scalars.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            if node.tag == _TIMESTAMP:  # e.g. an unquoted 2012-02-30
                found = f"the unquoted {text}, which is no day of the calendar"
                return self._trap(node, path, found, 'a quoted date like "2012-02-28"')
            return self._trap(node, path, f"the unquoted {text}", f'a quoted string ("{text}")')

    def _yaml11(self, node: yaml.ScalarNode) -> str:
        """What YAML 1.1 would have made of a number, to show why it is refused."""
        try:
            value = self._scalars.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            return "which YAML cannot read as a number"
        return f"which YAML 1.1 reads as {value!r}"

    def _trap(self, node: yaml.Node, path: Path, found: str, expected: str) -> object:
        self._problem(node, path, found, expected)
        return _TRAP


_TRAP: Final = object()
"""What a refused scalar builds to; its problem is already recorded, so it is never reported twice."""


def read(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document; return it with its positions, or the problems that stop it.

    The value tree is built at once; the positions are found again from ``text`` the first
    time a problem needs one (most files have none), so a load keeps no table per value.
    """
    node, problems = _compose(text, file, refuse=any(sign in text for sign in "&*!"))
    if node is None:
        return None, problems
    try:
        data = _lean(node, 0)
    except _Doubt:  # a trap or a refused construct: the full pass locates it
        builder = _Builder(file)
        data = builder.build(node, ())
        return Document(data, builder.values, builder.keys), builder.problems
    return Document(data, source=_Text(text, file)), []


def _compose(text: str, file: str, *, refuse: bool) -> tuple[yaml.Node | None, list[Problem]]:
    """The node tree of ``text``, or the problems that stop it (``refuse``: look for anchors and tags)."""
    try:
        if refuse:  # an anchor, alias or tag needs one of "&*!"
            problems = _refuse_anchors(text, file)
            if problems:
                return None, problems
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:  # a NUL or control character, located by its offset
        before = text[: exc.position]
        at_line = before.count("\n") + 1
        at_column = exc.position - (before.rfind("\n") + 1) + 1
        found = f"the control character U+{exc.character:04X}" if isinstance(exc.character, int) else str(exc)
        return None, [Problem(file=file, line=at_line, column=at_column, found=found, expected="printable text")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return None, [
            Problem(
                file=file,
                line=line,
                column=column,
                found=str(exc.problem or exc.context),
                expected="valid YAML",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(file=file, found=str(exc), expected="valid YAML")]
    if node is None:
        return None, [
            Problem(
                file=file,
                line=1,
                column=1,
                found="an empty file",
                expected="one record (a mapping)",
            )
        ]
    return node, []


def positions(text: str, file: str) -> tuple[dict[Path, tuple[int, int]], dict[Path, tuple[int, int]]]:
    """The positions of every value and of every mapping key of a text :func:`read` accepted."""
    node, _ = _compose(text, file, refuse=False)
    builder = _Builder(file)
    if node is not None:
        builder.build(node, ())
    return builder.values, builder.keys


@attrs.frozen
class _Text:
    """Where a document read from memory finds its positions again: its own text."""

    text: str
    file: str

    def __call__(self) -> tuple[dict[Path, tuple[int, int]], dict[Path, tuple[int, int]]] | None:
        return positions(self.text, self.file)


class _Doubt(Exception):  # noqa: N818 (a signal, not an error)
    """Raised by :func:`_lean` at anything the full pass reports or treats with care."""


_STR: Final = "tag:yaml.org,2002:str"
_NULL: Final = "tag:yaml.org,2002:null"
_SCALARS: Final = _Loader("")


def _lean(node: yaml.Node, depth: int) -> Any:  # noqa: ANN401, C901, PLR0911, PLR0912 (YAML is untyped; one branch per kind)
    """The value :meth:`_Builder.build` makes of ``node`` when it records no problem; no positions.

    Anything :class:`_Builder` would report (a YAML 1.1 trap, a merge key, a repeated or
    non-string key, a list cut at a comma, too deep a tree) raises :class:`_Doubt`, and the
    caller runs the full pass, which reports it exactly as before.
    """
    if depth > MAX_DEPTH:
        raise _Doubt
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag
        if node.style or tag == _STR:  # quoted or block text is a string (tags are refused)
            return node.value
        text = node.value
        if tag == _NULL:
            return None
        if tag == _INT and _DECIMAL.fullmatch(text):
            return int(text)
        if tag == _BOOL and text in ("true", "false"):
            return text == "true"
        if tag == _TIMESTAMP:
            try:
                return _SCALARS.construct_yaml_timestamp(node)
            except (ValueError, OverflowError, yaml.YAMLError):
                raise _Doubt from None
        raise _Doubt
    inline = depth < MAX_DEPTH  # a child passes the depth check: a string child is taken as it is, without a call
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Doubt
            key = key_node.value if inline and key_node.tag == _STR else _lean(key_node, depth + 1)
            if not isinstance(key, str) or key in result:
                raise _Doubt
            result[key] = value_node.value if inline and value_node.tag == _STR else _lean(value_node, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.flow_style:
            for item in node.value:
                if isinstance(item, yaml.ScalarNode) and not item.style and not _balanced(item.value):
                    raise _Doubt
        return [item.value if inline and item.tag == _STR else _lean(item, depth + 1) for item in node.value]
    raise _Doubt

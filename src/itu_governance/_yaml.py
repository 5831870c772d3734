"""Safe YAML reading that keeps the position of every value.

The standard safe resolvers stay on, so that YAML 1.1 traps (unquoted ``no`` read as a
boolean, an unquoted ``2021-01-27`` read as a date) surface as values of the wrong type,
which the loader then reports with a hint to quote them. Anchors, aliases and explicit tags
are refused outright: the data needs none of them and aliases allow "billion laughs" bombs.
"""

from __future__ import annotations

from typing import Any

import attrs
import yaml

from itu_governance.errors import Problem

try:  # the C parser when the PyYAML build has it
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover (pure-Python PyYAML builds)
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path = tuple[str | int, ...]


class _Loader(_BaseLoader):
    """A private SafeLoader subclass, so nothing is registered on PyYAML's global loaders."""


@attrs.frozen
class Document:
    """A parsed YAML file: its plain value tree and the 1-based position of every path in it.

    ``keys`` holds the positions of mapping keys, used to point at an unknown or repeated field.
    """

    data: Any
    values: dict[Path, tuple[int, int]]
    keys: dict[Path, tuple[int, int]]


def format_path(path: Path) -> str:
    """``("revisions", 1, "year")`` -> ``revisions[1].year``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


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


class _Builder:
    """Turns a node tree into plain values, recording positions and duplicate keys."""

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
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, (*path, "<key>"))
                if not isinstance(key, str):
                    self._problem(key_node, path, repr(key), "a field name (a string)")
                    continue
                child = (*path, key)
                if key in result:
                    first = self.keys[child][0]
                    self._problem(
                        key_node, child, f"a second {key!r}", f"each field once (first given at line {first})"
                    )
                    continue
                self.keys[child] = _mark(key_node)
                result[key] = self.build(value_node, child)
            self.values.pop((*path, "<key>"), None)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalars.construct_object(node)


def read(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document; return it with its positions, or the problems that stop it."""
    try:
        problems = _refuse_anchors(text, file)
        if problems:
            return None, problems
        node = yaml.compose(text, Loader=_Loader)
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
    builder = _Builder(file)
    data = builder.build(node, ())
    return Document(data, builder.values, builder.keys), builder.problems

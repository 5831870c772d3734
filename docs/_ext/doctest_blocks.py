"""A Griffe extension for the docs build: show docstring examples (``>>>`` blocks) as code.

Docstrings carry runnable examples in plain ``>>>`` form, which the test suite runs as
doctests; Markdown would otherwise read their output (``[(2012, 'adopted')]``) as links.
"""

from __future__ import annotations

from typing import Any

import griffe


def _fence(text: str) -> str:
    out: list[str] = []
    in_block = False
    for line in text.splitlines():
        starts = line.lstrip().startswith(">>>")
        if starts and not in_block:
            out.append("```pycon")
            in_block = True
        elif in_block and not line.strip():
            out.append("```")
            in_block = False
        out.append(line)
    if in_block:
        out.append("```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Wrap every run of doctest lines of every docstring in a ``pycon`` fence."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:  # noqa: ANN401, ARG002
        """Rewrite the docstrings of the whole package once it is loaded."""
        stack: list[Any] = [pkg]
        while stack:
            obj = stack.pop()
            if obj.is_alias:
                continue
            if obj.docstring is not None:
                obj.docstring.value = _fence(obj.docstring.value)
            stack.extend(obj.members.values())

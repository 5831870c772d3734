"""Export the lineage graph and the event table for other tools.

===========  ===============================================  =================================
format       what is written                                  read it with
===========  ===============================================  =================================
``graphml``  the graph, plain attributes (GraphML XML)        ``networkx.read_graphml``, Gephi,
                                                              yEd, igraph, Cytoscape
``gexf``     the same graph as GEXF 1.2 XML                   ``networkx.read_gexf``, Gephi
``json``     node-link JSON (``nodes`` and ``edges``)         ``networkx.node_link_graph``, D3
``dot``      Graphviz DOT                                     ``dot -Tsvg``, any DOT reader
``mermaid``  a Mermaid ``flowchart``                          GitHub and GitLab Markdown
``csv``      one row per event: date, instrument, event,      pandas, R, a spreadsheet
             revision, by, other
===========  ===============================================  =================================

The graph is written with plain attributes only (strings, integers, booleans; dates as ISO
strings; nothing ``None``), built by :func:`plain_graph`. Every node has a ``kind``
(``instrument``, ``revision``, ``conference`` or ``body``) and a ``label``: the title in the
chosen language, falling back to English, else the key (instruments and revisions); the name
(bodies) or short name (conferences). Revisions also carry their AKN4UN ``iri``
(:mod:`itu_governance.akn`). Edges carry their ``relation``, and their ``date``, ``clause``
and ``note`` where the data has them.

>>> import io, itu_governance as itu
>>> from itu_governance import export
>>> reg = itu.load()
>>> out = io.StringIO()
>>> export.export(reg, "csv", out)
>>> rows = out.getvalue().splitlines()
>>> rows[0]
'date,instrument,event,revision,by,other'
>>> [row for row in rows if row.startswith("2019-06-20,council/res/1344,")]
['2019-06-20,council/res/1344,abrogated,council/res/1344@2015,conf/c19,council/res/1336@2019']
>>> print(export.dumps(reg, "mermaid").splitlines()[0])
flowchart LR
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, cast

import networkx as nx

from itu_governance import _keys, akn
from itu_governance.graph import RELATIONS, EdgeRelation, Event, Timeline
from itu_governance.models import Conference, Council, Lang, Resolution, Revision, Texts, WorkingGroup

if TYPE_CHECKING:
    from itu_governance.registry import Registry

__all__ = ["CSV_COLUMNS", "FORMATS", "dumps", "export", "plain_graph"]


def __dir__() -> list[str]:
    return __all__


CSV_COLUMNS: Final = ("date", "instrument", "event", "revision", "by", "other")
"""The columns of the ``csv`` export, in order."""

_Destination = str | os.PathLike[str] | IO[str] | IO[bytes]  # a path, or an open text or binary stream


def export(registry: Registry, fmt: str, dest: _Destination, lang: str = "en") -> None:
    """Write the registry's lineage graph (or, for ``csv``, its events) to a file or stream.

    Args:
        registry: the loaded dataset.
        fmt: one of :data:`FORMATS`: ``graphml``, ``gexf``, ``json``, ``dot``, ``mermaid``
            or ``csv``.
        dest: a path (``str`` or ``os.PathLike``), written as UTF-8 and replaced if it
            exists; or an open stream, text or binary (binary streams get UTF-8 bytes).
        lang: the language of labels (``ar``, ``en``, ``es``, ``fr``, ``ru``, ``zh``);
            English is the fallback where a title is missing in that language.

    Raises:
        ValueError: an unknown format or language.

    >>> import io, itu_governance as itu, networkx as nx
    >>> buffer = io.BytesIO()
    >>> export(itu.load(), "graphml", buffer)
    >>> _ = buffer.seek(0)
    >>> nx.read_graphml(buffer).nodes["council/res/1344"]["kind"]
    'instrument'
    """
    _write(dest, dumps(registry, fmt, lang))


def dumps(registry: Registry, fmt: str, lang: str = "en") -> str:
    """The text :func:`export` would write, as a string.

    >>> import itu_governance as itu
    >>> print(dumps(itu.load(), "dot").splitlines()[0])
    digraph "itu-governance" {
    """
    name = cast("object", fmt)
    writer = _WRITERS.get(name.lower()) if isinstance(name, str) else None
    if writer is None:
        msg = f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    Lang(lang)  # reject an unknown language before doing any work
    return writer(registry, lang)


# --- the plain graph -----------------------------------------------------------------------


def plain_graph(registry: Registry, lang: str = "en") -> nx.MultiDiGraph:
    """The lineage graph with plain, serialisable attributes: what every graph export writes.

    The registry's own graph holds the record objects under ``obj``; this copy replaces them
    with strings and numbers any graph format can store (see the module documentation), and
    can be changed freely.

    >>> import itu_governance as itu
    >>> g = plain_graph(itu.load())
    >>> g.nodes["council/res/1344@2015"]["designation"], g.nodes["council/res/1344@2015"]["year"]
    ('modified', 2015)
    >>> [(v, d["date"]) for _, v, d in g.out_edges("council/res/1336@2019", data=True) if d["relation"] == "absorbs"]
    [('council/res/1344', '2019-06-20')]
    """
    Lang(lang)
    source = registry.graph
    timelines = registry.timelines
    plain = nx.MultiDiGraph(name=registry.dataset.name)
    for node, data in source.nodes(data=True):
        plain.add_node(node, **_node_attributes(node, data, timelines, lang))
    plain.add_edges_from(
        (u, v, {name: value.isoformat() if name == "date" else value for name, value in data.items()})
        for u, v, data in source.edges(data=True)
    )
    return plain


def _pick(candidates: Iterable[Mapping[str, str]], lang: str) -> str | None:
    """The first text in ``lang`` or, failing that, English, from the first set that has one."""
    for texts in candidates:
        text = texts.get(lang) or texts.get("en")
        if text:
            return text
    return None


def _node_attributes(key: str, data: Mapping[str, Any], timelines: Mapping[str, Timeline], lang: str) -> dict[str, Any]:
    """The plain attributes of one node, by the kind of record it is (see :mod:`itu_governance._kinds`)."""
    obj, attributes = data.get("obj"), _ATTRIBUTES.get(str(data.get("kind")))
    if obj is None or attributes is None:
        return {"kind": _keys.key_kind(key) or "record", "label": key}
    return attributes(obj, timelines, lang)


def _conference_attributes(obj: Conference, _timelines: Mapping[str, Timeline], _lang: str) -> dict[str, Any]:
    found: dict[str, Any] = {
        "kind": "conference",
        "label": obj.short_name,
        "type": obj.type.value,
        "short_name": obj.short_name,
    }
    found.update(
        (name, value)
        for name, value in (
            ("year", obj.year),
            ("start_date", str(obj.start) if obj.start else None),
            ("end_date", str(obj.end) if obj.end else None),
            ("city", obj.city),
            ("country", obj.country),
        )
        if value is not None
    )
    return found


def _body_attributes(obj: WorkingGroup | Council, _timelines: Mapping[str, Timeline], lang: str) -> dict[str, Any]:
    return {
        "kind": "body",
        "label": _pick([obj.names], lang) or obj.short_name,
        "type": obj.type.value,
        "short_name": obj.short_name,
    }


def _instrument_attributes(res: Resolution, timelines: Mapping[str, Timeline], lang: str) -> dict[str, Any]:
    line = timelines[res.key]
    titles: list[Texts] = [res.titles, *(rev.titles for rev in reversed(res.revisions))]
    found: dict[str, Any] = {
        "kind": "instrument",
        "label": _pick(titles, lang) or res.key,
        "issuer": res.issuer.value,
        "type": res.type.value,
        "number": res.number,
        "date": line.dates[0].isoformat(),
        "revisions": len(res.revisions),
        "complete": res.complete,
    }
    if line.end is not None:
        found["ended"] = line.end.kind.value
        found["end_date"] = line.end.date.isoformat()
    if line.successor is not None:
        found["successor"] = line.successor
    return found


def _revision_attributes(rev: Revision, timelines: Mapping[str, Timeline], lang: str) -> dict[str, Any]:
    line = timelines[rev.instrument]
    revisions = line.instrument.revisions
    i = revisions.index(rev)
    titles: list[Texts] = [r.titles for r in reversed(revisions[: i + 1])]
    return {
        "kind": "revision",
        "label": _pick([*titles, line.instrument.titles], lang) or rev.key,
        "instrument": rev.instrument,
        "year": rev.year,
        "designation": rev.designation.value,
        "adopted_by": rev.adopted_by,
        "date": line.dates[i].isoformat(),
        "iri": akn.work_iri(rev.issuer, line.instrument.type, rev.number, line.dates[i]),
    }


_ATTRIBUTES: Final[Mapping[str, Callable[[Any, Mapping[str, Timeline], str], dict[str, Any]]]] = {
    "instrument": _instrument_attributes,
    "revision": _revision_attributes,
    "conference": _conference_attributes,
    "body": _body_attributes,
}
"""The plain attributes of a node of each kind of record that is in the graph."""


# --- writers -------------------------------------------------------------------------------


def _graphml(registry: Registry, lang: str) -> str:
    return "\n".join(nx.generate_graphml(plain_graph(registry, lang))) + "\n"


def _gexf(registry: Registry, lang: str) -> str:
    return "\n".join(nx.generate_gexf(plain_graph(registry, lang))) + "\n"


def _json(registry: Registry, lang: str) -> str:
    graph = plain_graph(registry, lang)
    try:
        data = nx.node_link_data(graph, edges="edges")
    except TypeError:  # pragma: no cover (networkx < 3.4 names the argument "link")
        data = nx.node_link_data(graph, link="edges")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _display(key: str, label: str) -> str:
    """What a drawing shows for a node: its key, and its label on a second line if it differs."""
    return key if label == key else f"{key}\n{label}"


def _dot_quote(text: str) -> str:
    r"""A DOT double-quoted string: backslash and quote escaped, newlines as ``\n``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n").replace("\r", "\n")
    return '"' + escaped.replace("\n", "\\n") + '"'


_DOT_SHAPES: Final = {"instrument": "box", "revision": "ellipse", "conference": "hexagon", "body": "component"}


def _dot(registry: Registry, lang: str) -> str:
    graph = plain_graph(registry, lang)
    lines = [
        'digraph "itu-governance" {',
        "  graph [rankdir=LR];",
    ]
    for node, data in sorted(graph.nodes(data=True)):
        attributes = {
            "label": _display(node, data["label"]),
            "kind": data["kind"],
            "shape": _DOT_SHAPES.get(data["kind"], "plaintext"),
        }
        lines.append(f"  {_dot_quote(node)} [{_dot_attributes(attributes)}];")
    for u, v, data in sorted(graph.edges(data=True), key=_edge_order):
        attributes = {"label": data["relation"], "relation": data["relation"]}
        if "date" in data:
            attributes["date"] = data["date"]
        if RELATIONS[EdgeRelation(data["relation"])].dashed:
            attributes["style"] = "dashed"
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [{_dot_attributes(attributes)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_attributes(attributes: Mapping[str, str]) -> str:
    return ", ".join(f"{name}={_dot_quote(value)}" for name, value in attributes.items())


def _edge_order(edge: tuple[str, str, dict[str, Any]]) -> tuple[str, str, str, str]:
    u, v, data = edge
    return (u, v, data["relation"], data.get("date", ""))


# Mermaid reads "#...;" as an entity code, so the characters that would end a quoted label,
# start an entity or an HTML tag are written as numeric entity codes; newlines as <br>.
_MERMAID_ESCAPES: Final = {char: f"#{ord(char)};" for char in '#"&<>`'}
_MERMAID_SHAPES: Final = {
    "instrument": ("[", "]"),
    "revision": ("(", ")"),
    "conference": ("{{", "}}"),
    "body": ("[[", "]]"),
}


def _mermaid_text(text: str) -> str:
    escaped = "".join(_MERMAID_ESCAPES.get(char, char) for char in text)
    return '"' + "<br>".join(escaped.splitlines() or [""]) + '"'


def _mermaid(registry: Registry, lang: str) -> str:
    graph = plain_graph(registry, lang)
    ids = {node: f"n{i}" for i, node in enumerate(sorted(graph))}
    lines = ["flowchart LR"]
    for node, data in sorted(graph.nodes(data=True)):
        opening, closing = _MERMAID_SHAPES.get(data["kind"], ("[", "]"))
        lines.append(f"  {ids[node]}{opening}{_mermaid_text(_display(node, data['label']))}{closing}")
    for u, v, data in sorted(graph.edges(data=True), key=_edge_order):
        arrow = "-.->" if RELATIONS[EdgeRelation(data["relation"])].dashed else "-->"
        lines.append(f"  {ids[u]} {arrow}|{_mermaid_text(data['relation'])}| {ids[v]}")
    return "\n".join(lines) + "\n"


def _csv(registry: Registry, _lang: str) -> str:
    events: list[Event] = [event for line in registry.timelines.values() for event in line.events]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(
        (
            event.date.isoformat(),
            event.instrument,
            event.kind.value,
            event.revision or "",
            event.by or "",
            event.other or "",
        )
        for event in sorted(events, key=Event.sort_key)
    )
    return out.getvalue()


_WRITERS: Final[dict[str, Callable[[Registry, str], str]]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "json": _json,
    "dot": _dot,
    "mermaid": _mermaid,
    "csv": _csv,
}

FORMATS: Final = tuple(_WRITERS)
"""The formats :func:`export` and :func:`dumps` write, one per writer above."""


def _replace_atomically(path: Path, text: str) -> None:
    """Write a temporary file beside ``path``, then rename it over ``path``.

    A failed write leaves the previous file whole, and a link at ``path`` is replaced by the
    new file rather than followed (a link must not redirect the output elsewhere).
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with temporary.open("x", encoding="utf-8", newline="") as file:  # "x": never an existing file
            file.write(text)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write(dest: _Destination, text: str) -> None:
    """Write ``text`` to a path (UTF-8, no newline translation) or to a text or binary stream."""
    if isinstance(dest, (str, os.PathLike)):
        _replace_atomically(Path(dest), text)
    elif isinstance(dest, io.TextIOBase):
        dest.write(text)
    elif isinstance(dest, (io.RawIOBase, io.BufferedIOBase)) or "b" in str(getattr(dest, "mode", "")):
        cast("IO[bytes]", dest).write(text.encode("utf-8"))
    else:
        cast("IO[str]", dest).write(text)

"""Exports (GraphML, GEXF, node-link JSON, DOT, Mermaid, CSV) and AKN4UN IRIs.

Every export is read back with an independent reader (networkx for the XML and JSON formats,
the small parsers below for DOT and Mermaid, the csv module for CSV) and compared with the
graph or the timelines it came from.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import itu_governance as itu
from itu_governance import akn, export, graph
from itu_governance.models import Conference, End, InstrumentType, Issuer, Relation, Resolution, Revision, Source

# --- helpers -------------------------------------------------------------------------------

SOURCES = [Source(ref="https://www.itu.int/")]


def make_registry(records: Iterable[Any]) -> itu.Registry:
    """A registry over hand-made records, without the loader's checks."""
    records = list(records)
    timelines = graph.build_timelines(records)
    metadata: dict[str, Any] = {"name": "synthetic", "known_up_to": dt.date(2030, 1, 1), "sources": SOURCES}
    return itu.Registry(
        dataset=itu.Dataset(**metadata),
        records={r.key: r for r in records},
        origins={},
        graph=graph.build_graph(records, timelines),
        timelines=timelines,
    )


def session(year: int, month: int = 6) -> Conference:
    return Conference(
        key=f"conf/c{year % 100:02d}",
        type="council",
        short_name=f"C{year % 100:02d}",
        start=f"{year}-{month:02d}-01",
        end=f"{year}-{month:02d}-10",
        sources=SOURCES,
    )


def revision(number: int, year: int, designation: str = "adopted", **fields: Any) -> Revision:
    return Revision(
        instrument=f"council/res/{number}",
        year=year,
        designation=designation,
        adopted_by=f"conf/c{year % 100:02d}",
        sources=SOURCES,
        **fields,
    )


def titled_registry(title: str = "Title", **titles: str) -> itu.Registry:
    """Two instruments: 1 (titled per revision, then absorbed into 2) and 2 (titled, with citations)."""
    first = Resolution(
        issuer="council",
        type="resolution",
        number=1,
        revisions=[
            revision(1, 2011, titles={"en": title, **titles}),
            revision(1, 2012, "revised"),
            revision(1, 2013, "modified", titles={"fr": "Titre modifié"}),
        ],
        end=End(how="abrogated", by="conf/c14", year=2014, absorbed_into="council/res/2@2014", sources=SOURCES),
        sources=SOURCES,
    )
    second = Resolution(
        issuer="council",
        type="resolution",
        number=2,
        titles={"zh": "第二号"},
        revisions=[
            revision(2, 2011, relations=[Relation(relation="cites", target="council/res/1")]),
            revision(2, 2014, "revised"),
        ],
        sources=SOURCES,
    )
    return make_registry([*(session(y) for y in range(2011, 2015)), first, second])


def edge_multiset(g: nx.MultiDiGraph) -> collections.Counter[tuple[str, str, str]]:
    return collections.Counter((u, v, d["relation"]) for u, v, d in g.edges(data=True))


def edge_attributes(g: nx.MultiDiGraph) -> list[tuple[str, str, tuple[tuple[str, Any], ...]]]:
    """Every edge with its attributes (ignoring the writer's edge ids and keys), sorted."""
    return sorted(
        (str(u), str(v), tuple(sorted((k, x) for k, x in d.items() if k not in {"id", "key"})))
        for u, v, d in g.edges(data=True)
    )


def _unescape_dot(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], text, flags=re.DOTALL)


_DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
_DOT_ATTRIBUTE = re.compile(rf"(\w+)={_DOT_STRING}", re.DOTALL)
_DOT_NODE = re.compile(rf"  {_DOT_STRING} \[(.*)\];", re.DOTALL)
_DOT_EDGE = re.compile(rf"  {_DOT_STRING} -> {_DOT_STRING} \[(.*)\];", re.DOTALL)


def parse_dot(text: str) -> nx.MultiDiGraph:
    """Read back the DOT our writer makes: one statement a line, every ID and value quoted."""
    assert text.endswith("\n")
    lines = text[:-1].split("\n")
    assert lines[0] == 'digraph "itu-governance" {'
    assert lines[-1] == "}"
    found = nx.MultiDiGraph()
    for line in lines[1:-1]:
        if edge := _DOT_EDGE.fullmatch(line):
            attributes = {k: _unescape_dot(v) for k, v in _DOT_ATTRIBUTE.findall(edge[3])}
            found.add_edge(_unescape_dot(edge[1]), _unescape_dot(edge[2]), **attributes)
        elif node := _DOT_NODE.fullmatch(line):
            found.add_node(_unescape_dot(node[1]), **{k: _unescape_dot(v) for k, v in _DOT_ATTRIBUTE.findall(node[2])})
        else:
            assert line.strip().startswith("graph ["), line
    return found


def _unescape_mermaid(text: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m[1])), text.replace("<br>", "\n"))


_MERMAID_NODE = re.compile(r'  (n\d+)(\[\[|\{\{|\[|\()"([^"]*)"(\]\]|\}\}|\]|\))')
_MERMAID_EDGE = re.compile(r'  (n\d+) (-->|-\.->)\|"([^"]*)"\| (n\d+)')
_MERMAID_KINDS = {"[": "instrument", "(": "revision", "{{": "conference", "[[": "body"}


def parse_mermaid(text: str) -> nx.MultiDiGraph:
    """Read back our Mermaid flowchart: node IDs n0, n1... are renamed to the key on their label's first line."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    names: dict[str, str] = {}
    found = nx.MultiDiGraph()
    for line in lines[1:]:
        if node := _MERMAID_NODE.fullmatch(line):
            label = _unescape_mermaid(node[3])
            names[node[1]] = label.split("\n", 1)[0]
            found.add_node(names[node[1]], label=label, kind=_MERMAID_KINDS[node[2]])
        elif edge := _MERMAID_EDGE.fullmatch(line):
            found.add_edge(names[edge[1]], names[edge[4]], relation=_unescape_mermaid(edge[3]), arrow=edge[2])
        else:
            pytest.fail(f"not a line our Mermaid writer makes: {line!r}")
    return found


def display(key: str, label: str) -> str:
    return key if key == label else f"{key}\n{label}"


# --- the plain graph -----------------------------------------------------------------------


class TestPlainGraph:
    def test_same_nodes_and_edges_as_the_lineage_graph(self, registry: itu.Registry) -> None:
        plain = export.plain_graph(registry)
        assert set(plain) == set(registry.graph)
        assert edge_multiset(plain) == edge_multiset(registry.graph)

    def test_attributes_are_plain_values(self, registry: itu.Registry) -> None:
        plain = export.plain_graph(registry)
        values = [v for _, d in plain.nodes(data=True) for v in d.values()]
        values += [v for _, _, d in plain.edges(data=True) for v in d.values()]
        assert all(isinstance(v, (str, int, bool)) for v in values)
        json.dumps(export.dumps(registry, "json"))  # serialisable throughout

    def test_every_node_has_kind_and_label(self, registry: itu.Registry) -> None:
        plain = export.plain_graph(registry)
        for node, data in plain.nodes(data=True):
            assert data["kind"] == registry.graph.nodes[node]["kind"]
            assert data["label"]

    def test_revision_attributes(self, registry: itu.Registry) -> None:
        data = export.plain_graph(registry).nodes["council/res/1344@2015"]
        line = registry.timelines["council/res/1344"]
        assert data["kind"] == "revision"
        assert data["year"] == 2015
        assert data["designation"] == "modified"
        assert data["adopted_by"] == "conf/c15"
        assert data["date"] == line.dates[1].isoformat()
        assert data["iri"] == akn.revision_iri(registry, "council/res/1344@2015")

    def test_instrument_attributes(self, registry: itu.Registry) -> None:
        data = export.plain_graph(registry).nodes["council/res/1344"]
        assert (data["issuer"], data["type"], data["number"]) == ("council", "resolution", 1344)
        assert (data["ended"], data["successor"]) == ("abrogated", "council/res/1336@2019")
        assert data["end_date"].startswith("2019-")

    def test_edge_dates_are_iso_strings(self, registry: itu.Registry) -> None:
        for u, v, data in export.plain_graph(registry).edges(data=True):
            original = [d.get("date") for d in registry.graph.get_edge_data(u, v).values()]
            if "date" in data:
                assert dt.date.fromisoformat(data["date"]) in original

    def test_changing_the_copy_leaves_the_registry_alone(self, registry: itu.Registry) -> None:
        plain = export.plain_graph(registry)
        plain.add_node("x")
        assert "x" not in registry.graph


class TestLabels:
    def test_revision_title_in_the_language(self) -> None:
        plain = export.plain_graph(titled_registry(fr="Titre"), lang="fr")
        assert plain.nodes["council/res/1@2011"]["label"] == "Titre"

    def test_revision_falls_back_to_english(self) -> None:
        plain = export.plain_graph(titled_registry(fr="Titre"), lang="ru")
        assert plain.nodes["council/res/1@2011"]["label"] == "Title"

    def test_a_revision_without_titles_keeps_the_last_one(self) -> None:
        plain = export.plain_graph(titled_registry(fr="Titre"), lang="fr")
        assert plain.nodes["council/res/1@2012"]["label"] == "Titre"
        assert plain.nodes["council/res/1@2013"]["label"] == "Titre modifié"

    def test_instrument_title_from_its_latest_titled_revision(self) -> None:
        plain = export.plain_graph(titled_registry(fr="Titre"), lang="fr")
        assert plain.nodes["council/res/1"]["label"] == "Titre modifié"
        assert export.plain_graph(titled_registry(), lang="en").nodes["council/res/1"]["label"] == "Title"

    def test_no_title_in_the_language_or_english_gives_the_key(self) -> None:
        plain = export.plain_graph(titled_registry(), lang="ar")
        assert plain.nodes["council/res/2"]["label"] == "council/res/2"
        assert plain.nodes["council/res/2@2014"]["label"] == "council/res/2@2014"
        assert export.plain_graph(titled_registry(), lang="zh").nodes["council/res/2"]["label"] == "第二号"

    def test_conferences_by_short_name(self) -> None:
        assert export.plain_graph(titled_registry()).nodes["conf/c12"]["label"] == "C12"

    def test_bodies_by_name_in_the_language(self, registry: itu.Registry) -> None:
        body = registry.body("CWG-Internet")
        label = export.plain_graph(registry, lang="en").nodes[body.key]["label"]
        assert label == (body.names.get("en") or body.short_name)

    def test_unknown_language(self, registry: itu.Registry) -> None:
        with pytest.raises(ValueError, match="'de'"):
            export.plain_graph(registry, lang="de")


# --- each format, read back ----------------------------------------------------------------


class TestGraphML:
    def test_read_back(self, registry: itu.Registry, tmp_path: Path) -> None:
        path = tmp_path / "lineage.graphml"
        registry.export("graphml", path)
        back = nx.read_graphml(path, force_multigraph=True)
        plain = export.plain_graph(registry)
        assert back.is_directed()
        assert dict(back.nodes(data=True)) == dict(plain.nodes(data=True))
        assert edge_attributes(back) == edge_attributes(plain)

    def test_labels_in_another_language(self, tmp_path: Path) -> None:
        path = tmp_path / "lineage.graphml"
        titled_registry(fr="Titre").export("graphml", path, lang="fr")
        assert nx.read_graphml(path).nodes["council/res/1@2011"]["label"] == "Titre"


class TestGEXF:
    def test_read_back(self, registry: itu.Registry, tmp_path: Path) -> None:
        path = tmp_path / "lineage.gexf"
        registry.export("gexf", path)
        back = nx.read_gexf(path)
        plain = export.plain_graph(registry)
        assert back.is_directed()
        assert dict(back.nodes(data=True)) == dict(plain.nodes(data=True))
        assert edge_attributes(back) == edge_attributes(plain)


class TestNodeLinkJSON:
    def test_read_back(self, registry: itu.Registry, tmp_path: Path) -> None:
        path = tmp_path / "lineage.json"
        registry.export("json", path)
        data = json.loads(path.read_text(encoding="utf-8"))
        back = nx.node_link_graph(data, edges="edges")
        plain = export.plain_graph(registry)
        assert back.is_directed()
        assert back.is_multigraph()
        assert dict(back.nodes(data=True)) == dict(plain.nodes(data=True))
        assert edge_attributes(back) == edge_attributes(plain)

    def test_non_ascii_is_written_as_is(self) -> None:
        assert "第二号" in export.dumps(titled_registry(), "json", lang="zh")


def assert_same_graph(back: Any, plain: Any) -> None:
    """A graph read back from DOT or Mermaid has the plain graph's nodes, labels, kinds and edges."""
    assert set(back) == set(plain)
    for node, data in plain.nodes(data=True):
        assert back.nodes[node]["label"] == display(node, data["label"])
        assert back.nodes[node]["kind"] == data["kind"]
    assert edge_multiset(back) == edge_multiset(plain)


class TestDOT:
    def test_read_back(self, registry: itu.Registry) -> None:
        back = parse_dot(export.dumps(registry, "dot"))
        plain = export.plain_graph(registry)
        assert_same_graph(back, plain)
        dates = collections.Counter((u, v, d["relation"], d.get("date")) for u, v, d in plain.edges(data=True))
        assert collections.Counter((u, v, d["relation"], d.get("date")) for u, v, d in back.edges(data=True)) == dates

    def test_golden(self) -> None:
        text = export.dumps(titled_registry('A "quoted" \\ title'), "dot")
        assert '  "council/res/1@2011" [label="council/res/1@2011\\nA \\"quoted\\" \\\\ title", ' in text
        assert '  "council/res/2@2011" -> "council/res/1" [label="cites", relation="cites", ' in text
        assert text.endswith("}\n")

    @given(st.text(min_size=1).filter(str.strip))
    def test_any_title_survives_quoting(self, title: str) -> None:
        back = parse_dot(export.dumps(titled_registry(title), "dot"))
        expected = title.replace("\r\n", "\n").replace("\r", "\n")
        assert back.nodes["council/res/1@2011"]["label"] == display("council/res/1@2011", expected)


class TestMermaid:
    def test_read_back(self, registry: itu.Registry) -> None:
        assert_same_graph(parse_mermaid(export.dumps(registry, "mermaid")), export.plain_graph(registry))

    def test_golden(self) -> None:
        lines = export.dumps(titled_registry('A "quoted" <b>#1</b> & `code`'), "mermaid").splitlines()
        assert lines[0] == "flowchart LR"
        assert '  n5("council/res/1@2011<br>A #34;quoted#34; #60;b#62;#35;1#60;/b#62; #38; #96;code#96;")' in lines
        assert '  n0{{"conf/c11<br>C11"}}' in lines
        assert '  n9 -.->|"cites"| n4' in lines

    @given(st.text(min_size=1).filter(str.strip))
    def test_any_title_survives_quoting(self, title: str) -> None:
        back = parse_mermaid(export.dumps(titled_registry(title), "mermaid"))
        assert back.nodes["council/res/1@2011"]["label"] == display("council/res/1@2011", "\n".join(title.splitlines()))


class TestCSV:
    def test_one_row_per_event(self, registry: itu.Registry) -> None:
        rows = list(csv.DictReader(io.StringIO(export.dumps(registry, "csv"))))
        events = [e for line in registry.timelines.values() for e in line.events]
        assert len(rows) == len(events)
        expected = collections.Counter(
            (e.date.isoformat(), e.instrument, e.kind.value, e.revision or "", e.by or "", e.other or "")
            for e in events
        )
        assert collections.Counter(tuple(row[c] for c in export.CSV_COLUMNS) for row in rows) == expected

    def test_columns_and_order(self, registry: itu.Registry) -> None:
        reader = csv.reader(io.StringIO(export.dumps(registry, "csv")))
        assert tuple(next(reader)) == export.CSV_COLUMNS == ("date", "instrument", "event", "revision", "by", "other")
        dates = [row[0] for row in reader]
        assert dates == sorted(dates)

    def test_the_absorption_of_1344(self, registry: itu.Registry) -> None:
        rows = list(csv.DictReader(io.StringIO(export.dumps(registry, "csv"))))
        ending = [r for r in rows if r["instrument"] == "council/res/1344" and r["event"] == "abrogated"]
        assert len(ending) == 1
        assert ending[0]["other"] == "council/res/1336@2019"
        assert ending[0]["by"] == "conf/c19"
        assert ending[0]["date"].startswith("2019-")
        absorbed = [r for r in rows if r["event"] == "absorbed" and r["other"] == "council/res/1344"]
        assert [r["revision"] for r in absorbed] == ["council/res/1336@2019"]


# --- destinations and errors ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", export.FORMATS)
class TestDestinations:
    def test_path_str_and_pathlike(self, registry: itu.Registry, fmt: str, tmp_path: Path) -> None:
        expected = export.dumps(registry, fmt).encode("utf-8")
        registry.export(fmt, tmp_path / "a")
        export.export(registry, fmt, str(tmp_path / "b"))
        assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes() == expected

    def test_text_and_binary_streams(self, registry: itu.Registry, fmt: str) -> None:
        text, binary = io.StringIO(), io.BytesIO()
        registry.export(fmt, text)
        registry.export(fmt, binary)
        assert text.getvalue() == binary.getvalue().decode("utf-8") == export.dumps(registry, fmt)

    def test_open_files(self, registry: itu.Registry, fmt: str, tmp_path: Path) -> None:
        with (tmp_path / "t").open("w", encoding="utf-8", newline="") as file:
            registry.export(fmt, file)
        with (tmp_path / "b").open("wb") as file:
            registry.export(fmt, file)
        assert (tmp_path / "t").read_bytes() == (tmp_path / "b").read_bytes()


class TestErrors:
    def test_unknown_format_lists_the_valid_ones(self, registry: itu.Registry) -> None:
        with pytest.raises(ValueError, match="unknown export format 'svg'") as info:
            registry.export("svg", io.StringIO())
        for fmt in export.FORMATS:
            assert fmt in str(info.value)

    def test_format_names_ignore_case(self, registry: itu.Registry) -> None:
        assert export.dumps(registry, "CSV") == export.dumps(registry, "csv")

    def test_nothing_is_written_on_error(self, registry: itu.Registry, tmp_path: Path) -> None:
        with pytest.raises(ValueError, match="expected one of"):
            registry.export("csv", tmp_path / "out.csv", lang="xx")
        assert not (tmp_path / "out.csv").exists()


# --- AKN4UN IRIs ---------------------------------------------------------------------------


class TestIRIs:
    def test_the_akn4itu_example_parses(self) -> None:
        parts = akn.parse_iri("/akn/un/statement/deliberation/itu-pp/2018-11-15/res-2")
        assert parts == (Issuer.PP, InstrumentType.RESOLUTION, 2, dt.date(2018, 11, 15))
        assert parts.instrument == "pp/res/2"

    def test_every_revision_round_trips(self, registry: itu.Registry) -> None:
        seen = set()
        for res in registry.resolutions():
            line = registry.timelines[res.key]
            for rev, day in zip(res.revisions, line.dates, strict=True):
                iri = akn.revision_iri(registry, rev.key)
                assert iri == akn.revision_iri(rev, day) == akn.revision_iri(registry, rev)
                assert iri.startswith(akn.PREFIX + "itu-")
                assert registry.revision_from_iri(iri) == rev
                assert akn.parse_iri(iri) == (rev.issuer, res.type, rev.number, day)
                seen.add(iri)
        assert len(seen) == len(registry.revisions())

    def test_the_date_is_the_effective_date(self, registry: itu.Registry) -> None:
        iri = akn.revision_iri(registry, "council/res/1336@2019")
        assert (
            iri
            == f"/akn/un/statement/deliberation/itu-council/{registry.timelines['council/res/1336'].dates[-1]}/res-1336"
        )

    @pytest.mark.parametrize(
        "suffix", ["/!main", "/eng@2019-06-20", "/fra@", "/eng@2019-06-20/!main", "/eng@2019-06-20/.xml", ".akn", "/"]
    )
    def test_expressions_and_manifestations_name_the_same_revision(self, registry: itu.Registry, suffix: str) -> None:
        iri = akn.revision_iri(registry, "council/res/1336@2019")
        assert registry.revision_from_iri(iri + suffix).key == "council/res/1336@2019"
        assert registry.revision_from_iri("https://example.org" + iri).key == "council/res/1336@2019"

    def test_expression_iri(self, registry: itu.Registry) -> None:
        iri = akn.revision_iri(registry, "council/res/1336@2019", lang="zh")
        assert re.fullmatch(r".*/res-1336/zho@\d{4}-\d{2}-\d{2}", iri)
        assert akn.parse_iri(iri) == akn.parse_iri(akn.revision_iri(registry, "council/res/1336@2019"))

    @pytest.mark.parametrize(
        "iri",
        [
            "",
            "pp/res/2",
            "/akn/un/statement/deliberation/unga/2018-11-15/res-2",
            "/akn/un/statement/deliberation/itu-xx/2018-11-15/res-2",
            "/akn/un/act/deliberation/itu-pp/2018-11-15/res-2",
            "/akn/un/statement/deliberation/itu-pp/2018/res-2",
            "/akn/un/statement/deliberation/itu-pp/2018-11-15/res-0",
            "/akn/un/statement/deliberation/itu-pp/2018-11-15/law-2",
            "/akn/un/statement/deliberation/itu-pp/2018-11-15/res-2/deu@2018-11-15",
        ],
    )
    def test_malformed(self, iri: str) -> None:
        with pytest.raises(ValueError, match="expected an AKN4UN IRI"):
            akn.parse_iri(iri)

    def test_not_a_calendar_date(self) -> None:
        with pytest.raises(ValueError, match="not a calendar date"):
            akn.parse_iri("/akn/un/statement/deliberation/itu-pp/2018-02-30/res-2")

    def test_unknown_instrument(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound, match="no instrument"):
            registry.revision_from_iri("/akn/un/statement/deliberation/itu-wcit/2012-12-14/res-9999")

    def test_no_revision_that_day_suggests_the_revisions(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound) as info:
            registry.revision_from_iri("/akn/un/statement/deliberation/itu-council/2016-01-01/res-1344")
        assert set(info.value.suggestions) == {
            akn.revision_iri(registry, rev) for rev in registry.resolution("council/res/1344").revisions
        }

    def test_a_revision_the_registry_does_not_have(self, registry: itu.Registry) -> None:
        elsewhere = Revision(
            instrument="council/res/1344", year=2030, designation="revised", adopted_by="conf/c30", sources=SOURCES
        )
        with pytest.raises(itu.NotFound):
            akn.revision_iri(registry, elsewhere)

    def test_wrong_argument_forms(self, registry: itu.Registry) -> None:
        rev = registry.revision("council/res/1344@2015")
        with pytest.raises(TypeError):
            akn.revision_iri(rev, "2015-05-21")  # type: ignore[call-overload]
        with pytest.raises(TypeError):
            akn.revision_iri(registry, dt.date(2015, 5, 21))  # type: ignore[call-overload]
        with pytest.raises(ValueError, match="from 1 to 99999"):
            akn.work_iri("pp", "resolution", 0, dt.date(2018, 11, 15))

    @given(
        st.sampled_from(list(Issuer)),
        st.sampled_from(list(InstrumentType)),
        st.integers(1, 99999),
        st.dates(),
        st.none() | st.sampled_from(["ar", "en", "es", "fr", "ru", "zh"]),
    )
    def test_work_iri_round_trips(
        self, issuer: Issuer, kind: InstrumentType, number: int, day: dt.date, lang: str | None
    ) -> None:
        assert akn.parse_iri(akn.work_iri(issuer, kind, number, day, lang)) == (issuer, kind, number, day)

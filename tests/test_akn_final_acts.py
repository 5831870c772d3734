"""The PP-18 Final Acts as data: the bundled records, and the import that made them."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import shutil
from pathlib import Path

import networkx as nx
import pytest

import itu_governance as itu
from itu_governance import akn
from itu_governance.cli import main
from itu_governance.export import plain_graph

SOURCE = "https://www.itu.int/pub/S-CONF-ACTF-2018"
VIA = "the AKN4UN XML conversion of the official PDF by akn4itu (github.com/techpolicycomms/akn4itu, commit 52410f5)"
# Part II and Part IV of the Final Acts: the decision and the resolutions PP-18 abrogated.
ABROGATED = {"pp/dec/13", *(f"pp/res/{n}" for n in (36, 72, 89, 128, 166, 185, 187, 192, 194, 202))}


def _copy_of_the_bundled_data(tmp_path: Path) -> Path:
    """A writable copy of the installed package's dataset, for an import to write into."""
    data = tmp_path / "data"
    shutil.copytree(Path(str(importlib.resources.files("itu_governance") / "_data")), data)
    return data


@pytest.fixture(scope="module")
def pp18(registry: itu.Registry) -> list[itu.Revision]:
    return registry.revisions(adopted_by="PP-18")


class TestBundled:
    def test_all_64_outputs_with_provisions(self, pp18: list[itu.Revision]) -> None:
        assert len(pp18) == 64
        kinds = sorted(r.instrument.split("/")[1] for r in pp18)
        assert (kinds.count("dec"), kinds.count("res"), kinds.count("rec")) == (2, 61, 1)
        assert all(r.provisions for r in pp18)
        assert all(not r.attested for r in pp18)

    def test_each_has_a_title_or_says_why_not(self, pp18: list[itu.Revision]) -> None:
        for rev in pp18:
            notes = " ".join(s.note or "" for s in rev.sources)
            assert rev.titles.get("en") or "cut short" in notes, rev.key

    def test_the_clause_of_102_that_instructs_the_council(self, registry: itu.Registry) -> None:
        rev = registry.revision("pp/res/102@2018")
        (clause,) = [p for p in rev.provisions if p.clause == "instructs the ITU Council 1"]
        assert clause.eid == "para_unnumbered_27"
        assert clause.text.startswith("to revise its Resolution 1344 to direct the CWG-Internet")

    def test_the_curated_file_is_untouched_and_supplemented(self, registry: itu.Registry) -> None:
        assert registry.origin("pp/res/102").file == "instruments/pp-res-102.yaml"
        rev = registry.revision("pp/res/102@2018")
        assert ("instructs", "council/res/1344") in {(r.relation.value, r.target) for r in rev.relations}

    def test_the_abrogations_are_endings(self, registry: itu.Registry) -> None:
        ended = {r.key for r in registry.resolutions("pp") if r.end is not None and r.end.by == "conf/pp-18"}
        assert ended >= ABROGATED
        assert registry.status("pp/res/185").state.value == "abrogated"

    def test_related_explains_through_the_citing_clause(self, registry: itu.Registry) -> None:
        (step,) = registry.related("pp/res/139@2018", "wtdc/res/37@2017")
        assert step == ("pp/res/139@2018", "cites", "wtdc/res/37@2017")
        assert step.clause is not None
        assert step.eid is not None

    def test_cites_lists_each_clause(self, registry: itu.Registry) -> None:
        found = registry.cites("pp/res/102@2018")
        assert ("council/res/1344", "noting b)", "rec_43") in {(c.target, c.clause, c.eid) for c in found}

    def test_show_and_exports_tell_attested_records_apart(
        self, registry: itu.Registry, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["show", "wtdc/res/37"]) == 0
        assert "attested by citation only" in capsys.readouterr().out
        assert main(["show", "pp/res/139"]) == 0
        assert "attested" not in capsys.readouterr().out
        plain = plain_graph(registry)
        assert plain.nodes["wtdc/res/37"]["attested"] is True
        assert plain.nodes["pp/res/139@2018"]["attested"] is False
        cites = [d for _, _, d in plain.out_edges("pp/res/139@2018", data=True) if d["relation"] == "cites"]
        assert cites
        assert all("clause" in d for d in cites)
        nx.write_graphml(plain, Path("/dev/null"))  # the citation edges are plain, exportable values


class TestTheImport:
    def test_the_bundled_data_is_what_the_import_writes(self, tmp_path: Path, final_acts: Path) -> None:
        """Re-importing the Final Acts into a copy of the bundled data changes no file."""
        data = _copy_of_the_bundled_data(tmp_path)
        before = {p.name: p.read_text("utf-8") for p in (data / "instruments").iterdir()}
        akn.import_akn(final_acts, data, source=SOURCE, via=VIA)
        after = {p.name: p.read_text("utf-8") for p in (data / "instruments").iterdir()}
        assert sorted(after) == sorted(before)
        assert [n for n in after if after[n] != before[n]] == []

    def test_an_instrument_known_only_from_citations(self, tmp_path: Path, final_acts: Path) -> None:
        """The import writes what the citations state and nothing more (no title, no provisions).

        The bundled record of WTDC Resolution 37 was curated since (a researched title), so the
        import's own record is read from a copy of the data without that file.
        """
        data = _copy_of_the_bundled_data(tmp_path)
        (data / "instruments" / "wtdc-res-37.yaml").unlink()
        akn.import_akn(final_acts, data, source=SOURCE, via=VIA)
        registry = itu.load(data, cache=False)
        record = registry.resolution("wtdc/res/37")
        assert record.attested
        rev = record.revision(2017)
        assert (rev.designation.value, rev.adopted_by) == ("revised", "conf/wtdc-17")
        assert not rev.titles
        assert not rev.provisions
        cited = {(c.source, c.clause, c.eid) for c in registry.cited_by("wtdc/res/37@2017")}
        assert ("pp/res/139@2018", "recalling d)", "rec_4") in cited
        assert all(s.note and " (eId " in s.note for s in rev.sources)  # each source is a citing provision

    def test_every_unresolved_citation_has_a_reason(self, registry: itu.Registry, final_acts: Path) -> None:
        imported = akn.read_akn(final_acts, registry, source=SOURCE)
        assert len(imported.statements) == 64
        assert all(c.reason for c in imported.unresolved)
        assert all(c.target is None or c.target.partition("@")[0] in registry for c in imported.citations)

    def test_at_least_97_percent_of_the_citations_resolve_to_a_revision(
        self, registry: itu.Registry, final_acts: Path
    ) -> None:
        report = registry.lint(akn.document_text(final_acts), on=dt.date(2018, 11, 16), context="PP-18")
        resolved = [r for r in report.resolved if r.revision is not None]
        assert len(report.resolved) > 500
        assert len(resolved) / len(report.resolved) >= 0.97
        for r in report.resolved:
            if r.revision is None:
                assert r.findings, r.citation  # each of the rest says why

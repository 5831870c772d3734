"""The AKN4UN importer: statements to records, citations to ``cites`` relations, and the merge."""

from __future__ import annotations

import importlib.resources
import re
from pathlib import Path

import pytest

import itu_governance as itu
from itu_governance import akn
from itu_governance.cli import main
from itu_governance.models import Designation, EndHow

SAMPLE = Path(__file__).parent / "data" / "akn" / "final-acts-sample.xml"


def _conferences_only(root: Path) -> Path:
    """A data folder with the bundled conferences and no instrument: nothing is known but sessions."""
    bundled = importlib.resources.files("itu_governance") / "_data"
    data = root / "data"
    (data / "conferences").mkdir(parents=True)
    (data / "instruments").mkdir()
    (data / "dataset.yaml").write_text((bundled / "dataset.yaml").read_text("utf-8"), "utf-8")
    for entry in (bundled / "conferences").iterdir():
        (data / "conferences" / entry.name).write_text(entry.read_text("utf-8"), "utf-8")
    return data


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return _conferences_only(tmp_path)


@pytest.fixture
def imported(data: Path) -> akn.AknImport:
    return akn.read_akn(SAMPLE, itu.load(data), source="https://www.itu.int/pub/S-CONF-ACTF-2018")


class TestStatements:
    def test_the_statement_becomes_its_revision(self, imported: akn.AknImport) -> None:
        assert imported.conference == "conf/pp-18"
        assert imported.statements == ("pp/res/139@2018",)
        rev = imported.record("pp/res/139").revision(2018)
        assert (rev.designation, rev.adopted_by, rev.attested) == (Designation.REVISED, "conf/pp-18", False)
        assert rev.titles["en"] == "Use of telecommunications to bridge the digital divide"
        assert rev.sources[0].ref == "https://www.itu.int/pub/S-CONF-ACTF-2018"
        assert "res-139" in str(rev.sources[0].note)

    def test_provisions_keep_numbering_and_eids_past_the_conversions_fusions(self, imported: akn.AknImport) -> None:
        rev = imported.record("pp/res/139").revision(2018)
        assert [(p.clause, p.eid) for p in rev.provisions] == [
            ("resolves 1", "res139_para_unnumbered_1"),  # "1 to continue": the number fused into the text
            # the heading fused at the end of the paragraph before labels what follows
            (
                "instructs the Secretary-General, in close cooperation with the Directors of the Bureaux 1",
                "res139_para_1",
            ),
            (
                "instructs the Secretary-General, in close cooperation with the Directors of the Bureaux 2",
                "res139_para_2",
            ),
        ]  # after "ANNEX TO RESOLUTION 139 ...", an annex's paragraph: not an operative provision
        first, _, second = rev.provisions
        assert first.text == "to continue the work under Resolution 180 (Rev. Busan, 2014),"
        assert second.text == "to support Member States."

    def test_every_citation_is_a_cites_relation_tied_to_its_clause(self, imported: akn.AknImport) -> None:
        rev = imported.record("pp/res/139").revision(2018)
        found = [(r.relation.value, r.target, r.clause, r.eid) for r in rev.relations]
        assert ("cites", "wtdc/res/37@2017", "recalling a)", "res139_rec_1") in found
        assert ("cites", "pp/res/180@2014", "resolves 1", "res139_para_unnumbered_1") in found
        assert ("cites", "wtdc/res/37@2017", "Annex, 3", "res139_para_3") in found
        assert not [t for _, t, _, _ in found if t.startswith("pp/res/70")]  # "UNGA Resolution 70/1" is not ITU's

    def test_a_year_less_citation_of_an_unknown_instrument_is_unresolved_with_its_reason(
        self, imported: akn.AknImport
    ) -> None:
        reasons = {c.citation.number: c.reason for c in imported.unresolved}
        assert reasons[99] == "no revision stated, and pp/res/99 is not in the data"
        assert reasons[1336] == "no revision stated, and council/res/1336 is not in the data"


def _titled(tmp_path: Path, title: str) -> Path:
    """The sample with another title in its statement's preface."""
    xml = SAMPLE.read_text("utf-8").replace(
        "Use of telecommunications to bridge the digital divide</p>", f"{title}</p>"
    )
    path = tmp_path / "titled.xml"
    path.write_text(xml, "utf-8")
    return path


# Titles of 93 to 97 characters, where the conversion cuts the headings it cannot fit.
_MID_WORD = "Use of telecommunications/information and communication technologies to bridge the digital divi"
_WHOLE_WORD = "Use of telecommunications/information and communication technologies to help bridge the divide"


class TestTitles:
    def _read(self, path: Path, data: Path) -> tuple[dict[str, str], str]:
        rev = akn.read_akn(path, itu.load(data), source="S-CONF-ACTF-2018").record("pp/res/139").revision(2018)
        return dict(rev.titles.items()), str(rev.sources[0].note)

    @pytest.mark.parametrize(
        ("title", "why"),
        [
            ("Use of telecommunications to bridge the digital divide and ...", "it ends with '...'"),
            ("ITU Journal:", "it ends with ':'"),
            ("Scheduling and duration of conferences of the Union (2", "it leaves a bracket open"),
            (_MID_WORD, "it ends mid-word, on 'divi'"),  # "divi" is no word of the text; "divide" is
            (_WHOLE_WORD, "it ends on a whole word where the conversion cuts titles"),
        ],
    )
    def test_a_title_the_text_shows_cut_is_left_out_and_the_note_says_why(
        self, tmp_path: Path, data: Path, title: str, why: str
    ) -> None:
        titles, note = self._read(_titled(tmp_path, title), data)
        assert titles == {}
        assert f"cut short ({why}" in note
        assert repr(title) in note

    def test_a_title_outside_the_band_is_read_whole(self, tmp_path: Path, data: Path) -> None:
        long = _WHOLE_WORD + " and build an inclusive information society"
        assert self._read(_titled(tmp_path, long), data)[0] == {"en": long}
        assert self._read(_titled(tmp_path, "OTTs"), data)[0] == {"en": "OTTs"}

    def test_a_title_that_may_be_cut_is_read_when_another_source_gives_it(self, tmp_path: Path, data: Path) -> None:
        (data / "instruments" / "pp-res-139.yaml").write_text(
            "key: pp/res/139\ntype: resolution\nissuer: pp\nnumber: 139\nrevisions:\n"
            "  - year: 2018\n    designation: revised\n    adopted_by: conf/pp-18\n"
            f'    titles:\n      en: "{_WHOLE_WORD}"\n    sources: [another source]\nsources: [another source]\n',
            "utf-8",
        )
        titles, note = self._read(_titled(tmp_path, _WHOLE_WORD), data)
        assert titles == {"en": _WHOLE_WORD}
        assert "cut short" not in note
        # the data's title does not make a title cut mid-word whole
        (data / "instruments" / "pp-res-139.yaml").write_text(
            (data / "instruments" / "pp-res-139.yaml").read_text("utf-8").replace(_WHOLE_WORD, _MID_WORD), "utf-8"
        )
        assert self._read(_titled(tmp_path, _MID_WORD), data)[0] == {}


class TestAttested:
    def test_an_instrument_known_only_from_citations_is_attested_and_sourced_to_them(
        self, imported: akn.AknImport
    ) -> None:
        record = imported.record("wtdc/res/37")
        assert record.attested
        (rev,) = record.revisions
        assert (rev.year, rev.adopted_by, rev.attested) == (2017, "conf/wtdc-17", True)
        assert not rev.titles
        assert not rev.provisions
        notes = [s.note for s in rev.sources]
        assert (
            "pp/res/139@2018, recalling a) (eId res139_rec_1): 'Resolution 37 (Rev. Buenos Aires, 2017) of WTDC'"
            in notes
        )

    def test_a_last_amended_citation_attests_the_adoption_and_the_last_revision(self, imported: akn.AknImport) -> None:
        revisions = imported.record("council/res/1380").revisions
        assert [(r.year, r.designation.value, r.adopted_by) for r in revisions] == [
            (2016, "adopted", "conf/c16"),
            (2017, "modified", "conf/c17"),
        ]

    def test_a_place_shared_by_several_sessions_is_left_open(self, imported: akn.AknImport) -> None:
        (cited,) = [c for c in imported.citations if c.citation.number == 62]
        assert cited.target is None
        assert cited.reason is not None
        assert (
            all(body in cited.reason for body in ("c15", "ra", "wrc"))
            or "several bodies (council, ra, wrc)" in cited.reason
        )
        assert "council/res/62" not in {r.key for r in imported.records}

    def test_citations_that_disagree_on_the_designation_give_a_dispute(self, imported: akn.AknImport) -> None:
        rev = imported.record("wtdc/res/37").revision(2017)
        assert rev.designation is Designation.REVISED  # the explicit "Rev." outweighs its omission
        (dispute,) = rev.disputes
        assert dispute.field == "designation"
        assert sorted(v.value for v in dispute.values) == ["adopted", "revised"]

    def test_listed_abrogations_become_endings(self, imported: akn.AknImport) -> None:
        res36, res185 = imported.record("pp/res/36"), imported.record("pp/res/185")
        assert res36.end is not None
        assert (res36.end.how, res36.end.by, res36.end.year) == (EndHow.ABROGATED, "conf/pp-18", 2018)
        assert [(r.year, r.designation.value, r.adopted_by) for r in res36.revisions] == [
            (2010, "revised", "conf/pp-10")
        ]
        assert res185.revision(2014).titles["en"] == "Global flight tracking for civil aviation"  # no page number


class TestMerge:
    def test_new_records_get_their_own_files_and_load(self, data: Path, imported: akn.AknImport) -> None:
        merged = akn.merge(imported, itu.load(data))
        assert merged.conflicts == ()
        names = ("pp-res-139", "wtdc-res-37", "pp-res-36", "pp-res-185", "pp-res-180", "council-res-1380")
        assert set(merged.files) == {f"instruments/{n}.yaml" for n in names}
        for name, text in merged.files.items():
            assert text.startswith("# Generated by `itu-governance import-akn`")
            (data / name).write_text(text, "utf-8")
        reg = itu.load(data)
        assert reg.resolution("wtdc/res/37").attested
        assert reg.status("pp/res/185").state.value == "abrogated"
        assert [str(c) for c in reg.cited_by("wtdc/res/37@2017")][:1] == [
            "pp/res/139@2018 cites wtdc/res/37@2017 (Annex, 3, eId res139_para_3)"
        ]

    def test_a_curated_record_is_only_added_to_and_disagreements_become_disputes(
        self, data: Path, imported: akn.AknImport
    ) -> None:
        curated = data / "instruments" / "pp-res-139.yaml"
        curated.write_text(
            "key: pp/res/139\ntype: resolution\nissuer: pp\nnumber: 139\nrevisions:\n"
            "  - year: 2018\n    designation: revised\n    adopted_by: conf/pp-18\n"
            '    titles:\n      en: "A title a curator wrote"\n    sources: [curated source]\n'
            "sources: [curated source]\n",
            "utf-8",
        )
        before = curated.read_text("utf-8")
        merged = akn.merge(imported, itu.load(data))
        assert merged.conflicts == (
            "instruments/pp-res-139.yaml: pp/res/139@2018 has another en title there; both kept",
        )
        assert "instruments/pp-res-139.yaml" not in merged.files
        for name, text in merged.files.items():
            (data / name).write_text(text, "utf-8")
        assert curated.read_text("utf-8") == before
        rev = itu.load(data).revision("pp/res/139@2018")
        assert rev.titles["en"] == "A title a curator wrote"
        assert rev.provisions  # the import's provisions are added
        (dispute,) = rev.disputes
        assert [v.value for v in dispute.values] == [
            "A title a curator wrote",
            "Use of telecommunications to bridge the digital divide",
        ]

    def test_a_supplement_that_contradicts_its_record_is_a_located_error(self, data: Path) -> None:
        (data / "instruments" / "pp-res-139.yaml").write_text(
            "key: pp/res/139\ntype: resolution\nissuer: pp\nnumber: 139\nrevisions:\n"
            "  - year: 2018\n    designation: revised\n    adopted_by: conf/pp-18\n    sources: [a]\nsources: [a]\n",
            "utf-8",
        )
        (data / "instruments" / "pp-res-139.pp-18.yaml").write_text(
            "key: pp/res/139\ntype: resolution\nissuer: pp\nnumber: 139\nrevisions:\n"
            "  - year: 2018\n    designation: adopted\n    adopted_by: conf/pp-18\n    sources: [b]\nsources: [b]\n",
            "utf-8",
        )
        with pytest.raises(itu.DataError) as caught:
            itu.load(data)
        (problem,) = caught.value.problems
        assert (problem.file, problem.line, problem.path) == (
            "instruments/pp-res-139.pp-18.yaml",
            7,
            "revisions[0].designation",
        )
        assert "'revised', as pp-res-139.yaml has it" in str(problem)


class TestImportCommand:
    def test_import_writes_files_and_a_second_run_replaces_only_its_own(self, data: Path) -> None:
        assert main(["import-akn", str(SAMPLE), "--out", str(data), "--source", "S-CONF-ACTF-2018"]) == 0
        first = {p.name: p.read_text("utf-8") for p in (data / "instruments").iterdir()}
        assert "wtdc-res-37.yaml" in first
        assert main(["import-akn", str(SAMPLE), "--out", str(data), "--source", "S-CONF-ACTF-2018"]) == 0
        assert {p.name: p.read_text("utf-8") for p in (data / "instruments").iterdir()} == first
        assert itu.load(data).resolution("pp/res/139").latest.provisions

    def test_the_enriched_file_is_written_beside(self, tmp_path: Path, data: Path) -> None:
        out = tmp_path / "enriched.xml"
        assert main(["import-akn", str(SAMPLE), "--out", str(data), "--enriched", str(out)]) == 0
        enriched = out.read_text("utf-8")
        assert '<ref href="/akn/un/statement/deliberation/itu-wtdc/2017-10-20/res-37">' in enriched
        assert re.sub(r'<ref href="[^"]*">|</ref>', "", enriched) == SAMPLE.read_text("utf-8")

    def test_bad_xml_is_refused_with_its_position(self, tmp_path: Path, data: Path) -> None:
        bad = tmp_path / "bad.xml"
        bad.write_text("<akomaNtoso>\n  <p>unclosed\n</akomaNtoso>\n", "utf-8")
        with pytest.raises(ValueError, match=r"bad\.xml:3:3: not well-formed XML"):
            akn.read_akn(bad, itu.load(data))

    def test_a_file_that_is_not_akn_is_refused(self, tmp_path: Path, data: Path) -> None:
        other = tmp_path / "other.xml"
        other.write_text("<html><p>Resolution 102 (Rev. Dubai, 2018)</p></html>", "utf-8")
        with pytest.raises(ValueError, match=r"expected an Akoma Ntoso 3\.0 document, got the root element 'html'"):
            akn.read_akn(other, itu.load(data))

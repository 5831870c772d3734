"""Researchers' queries: contradictions in lint, related(), scoped in_force and changes(), API and command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import itu_governance as itu
from itu_governance import graph
from itu_governance.cli import main
from itu_governance.lint import CONTRADICTIONS

DAY = dt.date(2021, 1, 27)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def codes(registry: itu.Registry, text: str) -> list[str]:
    return [f.code for f in registry.lint(text, on=DAY).findings if f.code in CONTRADICTIONS]


class TestContradictions:
    @pytest.mark.parametrize(
        "text",
        [
            "Resolution 102 (Rev. Busan, 2018)",
            "Résolution 102 (Rév. Busan, 2018) de la Conférence de plénipotentiaires",
            "Resolución 102 (Rev. Busán, 2018) de la Conferencia de Plenipotenciarios",
        ],
    )
    def test_busan_was_2014(self, registry: itu.Registry, text: str) -> None:
        (found,) = registry.lint(text, on=DAY).select(code="place-year")
        assert found.severity is itu.Severity.ERROR
        assert "Busan hosted PP-14 (conf/pp-14, Busan, 2014)" in found.message
        assert "the pp session of 2018 is PP-18 (conf/pp-18, Dubai, 2018)" in found.message
        assert set(found.basis) == {"conf/pp-14", "conf/pp-18"}

    def test_a_place_the_data_never_names_is_a_warning(self, registry: itu.Registry) -> None:
        (found,) = registry.lint("Resolution 102 (Rev. Paris, 2018)", on=DAY).select(code="place-year")
        assert found.severity is itu.Severity.WARNING
        assert "no pp session in the data met in Paris in 2018" in found.message
        assert found.basis == ("conf/pp-18",)

    @pytest.mark.parametrize(
        "text",
        [
            "Council Resolution 1336 (Rev. Dubai, 2019)",
            "Résolution 1336 du Conseil (Rév. Dubaï, 2019)",
            "Resolución 1336 del Consejo (Rev. Dubái, 2019)",
        ],
    )
    def test_the_council_met_in_geneva(self, registry: itu.Registry, text: str) -> None:
        (found,) = registry.lint(text, on=DAY).select(code="body-place")
        assert "the council session of 2019 is C19 (conf/c19, Geneva, 2019), not in Dubai" in found.message
        assert found.basis == ("conf/c19",)

    def test_body_place_names_what_the_place_hosted(self, registry: itu.Registry) -> None:
        (found,) = registry.lint("Council Resolution 1344 (Rev. Dubai, 2012)", on=DAY).select(code="body-place")
        assert "Dubai hosted WCIT-12 (conf/wcit-12, Dubai, 2012); WTSA-12 (conf/wtsa-12, Dubai, 2012)" in found.message

    def test_session_against_year(self, registry: itu.Registry) -> None:
        (found,) = registry.lint("WTSA-16 Resolution 1 (Rev. Dubai, 2012)", on=DAY).select(code="session-year")
        assert "WTSA-16 (conf/wtsa-16, Yasmine Hammamet, 2016) met in 2016" in found.message
        assert "the revision cited is of 2012" in found.message
        assert found.basis == ("conf/wtsa-16", "conf/wtsa-12")

    def test_body_against_session(self, registry: itu.Registry) -> None:
        assert codes(registry, "Council Resolution 1336 (Rev. PP-18)") == ["body-session"]

    @pytest.mark.parametrize(
        "text",
        [
            "Resolution 102 (Rev. Dubai, 2018)",
            "Résolution 102 (Rév. Busan, 2014) de la Conférence de plénipotentiaires",
            "Resolución 102 (Rev. Busán, 2014)",
            "Council Resolution 1336 (Mod. 2019)",
            "Resolution 1 (Rev. Dubai, 2012)",  # WTSA-12 or WCIT-12: both met there
            "WTSA-12 Resolution 1 (Rev. Dubai, 2012)",
            "Resolution 75 (Rev. Johannesburg, 2008)",
            "PP-18 Resolutions 102 and 140 (Rev. Dubai, 2018)",
            "Resolution ITU-R 1-5 (Radiocommunication Assembly, 2007)",  # a session's name where a place stands
        ],
    )
    def test_consistent_citations_pass(self, registry: itu.Registry, text: str) -> None:
        assert codes(registry, text) == []

    def test_the_seed_has_no_contradiction(self, registry: itu.Registry) -> None:
        seed = (Path(__file__).parent / "data" / "seed" / "000_a6dbeb7050188570.txt").read_text("utf-8")
        assert registry.lint(seed, on=dt.date(2021, 1, 28)).select(code=list(CONTRADICTIONS)) == []

    def test_the_lint_command_places_them(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        doc = tmp_path / "report.txt"
        doc.write_text("Intro.\nSee Council Resolution 1336 (Rev. Dubai, 2019).\n", encoding="utf-8")
        code, out, _ = run(capsys, "lint", str(doc), "--on", "2021-01-27", "--jobs", "1")
        assert code == 1
        assert f"{doc}:2:5: error[body-place]: Council Resolution 1336 (Rev. Dubai, 2019): " in out
        code, out, _ = run(capsys, "lint", str(doc), "--on", "2021-01-27", "--jobs", "1", "--json")
        (record,) = [json.loads(line) for line in out.splitlines()]
        assert "body-place" in {f["finding"]["code"] for f in record["findings"]}


class TestRelated:
    def test_direct_relations_first(self, registry: itu.Registry) -> None:
        found = registry.related("pp/res/102@2018", "council/res/1336@2019")
        assert ("council/res/1336@2019", "cites", "pp/res/102@2018") in found.direct
        assert found.chains == (
            (
                ("pp/res/102@2018", "instructs", "council/res/1344"),
                ("council/res/1336@2019", "absorbs", "council/res/1344"),
            ),
        )
        assert found == list(found.chains[0])  # as a list: the chain it always returned

    def test_steps_carry_date_and_clause(self, registry: itu.Registry) -> None:
        first, second = registry.related("pp/res/102@2018", "council/res/1336@2019")
        assert (first.date, first.clause) == (dt.date(2018, 11, 16), "instructs the ITU Council 1")
        assert second.date == dt.date(2019, 6, 20)

    def test_every_cheapest_chain_without_version_of(self, registry: itu.Registry) -> None:
        found = registry.related("CWG-Internet", "pp/res/102@2018")
        assert len(found.chains) > 1
        assert all(step[1] != "version-of" for chain in found.chains for step in chain)
        assert len(set(found.chains)) == len(found.chains)

    def test_limit(self, registry: itu.Registry) -> None:
        found = registry.related("CWG-Internet", "pp/res/102@2018", limit=1)
        assert len(found.chains) == 1
        assert found.truncated

    def test_instruments_stand_for_their_revisions(self, registry: itu.Registry) -> None:
        found = registry.related("pp/res/102", "council/res/1336")
        assert ("council/res/1336@2019", "cites", "pp/res/102@2018") in found.direct
        assert ("pp/res/102@2018", "cites", "council/res/1336") in found.direct

    def test_itself(self, registry: itu.Registry) -> None:
        found = graph.related(registry.graph, "council/res/1344", "council/res/1344")
        assert (found, found.direct, found.chains) == ([], (), ())

    def test_command_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "related", "pp/res/102@2018", "council/res/1336@2019", "--json")
        data = json.loads(out)
        assert code == 0
        assert data["direct"][0] == {
            "from": "council/res/1336@2019",
            "relation": "cites",
            "to": "pp/res/102@2018",
            "date": "2019-06-20",
            "clause": None,
            "eid": None,
        }
        assert [s["relation"] for s in data["chains"][0]] == ["instructs", "absorbs"]


class TestInForce:
    def test_by_issuer(self, registry: itu.Registry) -> None:
        council = registry.in_force(on=DAY, issuer="council")
        assert council
        assert {r.issuer for r in council} == {itu.Issuer.COUNCIL}
        assert {r.key for r in council} == {r.key for r in registry.in_force(on=DAY) if r.issuer.value == "council"}

    def test_an_unknown_issuer(self, registry: itu.Registry) -> None:
        with pytest.raises(ValueError, match="bogus"):
            registry.in_force(issuer="bogus")

    def test_by_body_follows_the_absorption(self, registry: itu.Registry) -> None:
        before = registry.in_force(on=dt.date(2016, 3, 1), body="CWG-Internet")
        after = registry.in_force(on=DAY, body="body/cwg-internet")
        assert [r.key for r in before] == ["council/res/1336@2015", "council/res/1344@2015"]
        assert [r.key for r in after] == ["council/res/1336@2019"]

    def test_bases(self, registry: itu.Registry) -> None:
        body = registry.body("CWG-Internet")
        assert isinstance(body, itu.WorkingGroup)
        bases = registry.bases("CWG-Internet")
        assert body.established_by is not None
        assert body.established_by.split("@")[0] in bases
        assert {c.basis.split("@")[0] for c in body.mandate} <= set(bases)

    def test_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "in-force", "--on", "2021-01-27", "--body", "CWG-Internet")
        assert code == 0
        assert out.startswith("council/res/1336@2019")
        assert len(out.splitlines()) == 1
        code, out, _ = run(capsys, "in-force", "--on", "2021-01-27", "--issuer", "pp", "--json")
        rows = json.loads(out)
        assert rows
        assert all(row["key"].startswith("pp/") for row in rows)


class TestChanges:
    def test_what_pp22_changed(self, registry: itu.Registry) -> None:
        found = registry.changes(by="PP-22")
        assert found[0].kind is graph.OccurrenceKind.SESSION
        assert (found[0].subject, found[0].date, found[0].until) == (
            "conf/pp-22",
            dt.date(2022, 9, 26),
            dt.date(2022, 10, 14),
        )
        acts = found[1:]
        assert acts
        assert all(o.by == "conf/pp-22" and o.date == dt.date(2022, 10, 14) for o in acts)
        assert "pp/res/102@2022" in {o.subject for o in acts}
        assert all(o.sources for o in found)

    def test_the_2019_council(self, registry: itu.Registry) -> None:
        found = {(o.kind.value, o.subject, o.other) for o in registry.changes(by="C19")}
        assert ("modified", "council/res/1336@2019", None) in found
        assert ("absorbed", "council/res/1336@2019", "council/res/1344") in found
        assert ("abrogated", "council/res/1344", "council/res/1336@2019") in found

    def test_a_period_is_ordered_and_inclusive(self, registry: itu.Registry) -> None:
        found = registry.changes("2022-09-26", dt.date(2022, 10, 14))
        assert found == sorted(found, key=graph.Occurrence.sort_key)
        assert found[0].subject == "conf/pp-22"
        assert found[-1].date == dt.date(2022, 10, 14)

    def test_meetings_consultations_and_establishments(self, registry: itu.Registry) -> None:
        kinds = {o.kind for o in registry.changes(dt.date(1990, 1, 1), registry.known_up_to)}
        assert {
            graph.OccurrenceKind.MEETING,
            graph.OccurrenceKind.CONSULTATION_OPENED,
            graph.OccurrenceKind.ESTABLISHED,
        } <= kinds
        (made,) = [
            o for o in registry.changes(dt.date(2011, 1, 1), dt.date(2011, 12, 31)) if o.subject == "body/cwg-internet"
        ]
        assert (made.kind, made.other) == (graph.OccurrenceKind.ESTABLISHED, "council/res/1336@2011")

    def test_precision_is_said(self, registry: itu.Registry) -> None:
        vague = [o for o in registry.changes(dt.date(1990, 1, 1)) if o.precision != "day"]
        assert all(o.date == o.date.replace(day=1) for o in vague)
        assert all("(known to the" in str(o) for o in vague)

    def test_bad_periods(self, registry: itu.Registry) -> None:
        with pytest.raises(ValueError, match="ends"):
            registry.changes("2022-10-14", "2022-09-26")
        with pytest.raises(ValueError, match="start"):
            registry.changes()

    def test_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "changes", "2022-09-26", "2022-10-14")
        assert code == 0
        assert out.splitlines()[0] == "2022-09-26..2022-10-14 session conf/pp-22"
        assert "2022-10-14 revised pp/res/102@2022 [conf/pp-22]" in out.splitlines()
        code, out, _ = run(capsys, "changes", "--by", "C19", "--json")
        data = json.loads(out)
        assert {"date", "kind", "subject", "by", "other", "clause", "sources"} <= set(data[0])
        assert {d["by"] for d in data[1:]} == {"conf/c19"}
        code, _, err = run(capsys, "changes")
        assert code == 2
        assert "needs a START date" in err

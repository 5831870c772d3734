"""What researchers and test writers use: located lint, suppression, dates, lookups, DataFrames, scenarios."""

from __future__ import annotations

import datetime as dt
import json
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import itu_governance as itu
from itu_governance.cli import main

DAY = dt.date(2021, 1, 27)
DOC = "Report of the meeting.\n\nIt recalls Resolution 1344 (Mod. 2015) and\n  Council Resolution 9999.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


class TestLintPositions:
    def test_report_gives_line_and_column_in_characters(self, registry: itu.Registry) -> None:
        report = registry.lint("été: ünïcödé\n" + DOC, on=DAY)
        absorbed, unknown = report.findings
        assert (report.where(absorbed).line, report.where(absorbed).column) == (4, 12)  # type: ignore[union-attr]
        assert (report.where(unknown).line, report.where(unknown).column) == (5, 3)  # type: ignore[union-attr]
        assert str(report).splitlines()[0].startswith("4:12: warning[absorbed]")

    def test_cli_text_and_json(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        doc = tmp_path / "report.txt"
        doc.write_text(DOC, encoding="utf-8")
        code, out = run(capsys, "lint", str(doc), "--on", "2021-01-27")
        assert code == 1
        assert out.splitlines()[0].startswith(f"{doc}:3:12: warning[absorbed]")
        assert out.splitlines()[1].startswith(f"{doc}:4:3: warning[unknown-instrument]")
        _, out = run(capsys, "lint", str(doc), "--on", "2021-01-27", "--json")
        first = json.loads(out.splitlines()[0])["findings"][0]
        start, end = first["span"]
        assert (first["line"], first["column"]) == (3, 12)
        assert DOC[start:end] == "Resolution 1344 (Mod. 2015)"
        assert first["end_line"] == 3

    def test_cli_ignore_option(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        doc = tmp_path / "report.txt"
        doc.write_text(DOC, encoding="utf-8")
        code, out = run(capsys, "lint", str(doc), "--on", "2021-01-27", "--ignore", "absorbed,unknown-instrument")
        assert (code, out) == (0, "no findings\n")


class TestLintReport:
    def test_ok_and_select(self, registry: itu.Registry) -> None:
        report = registry.lint(DOC, on=DAY)
        assert not report.ok
        assert [f.code for f in report.select(code="unknown-instrument")] == ["unknown-instrument"]
        assert [f.code for f in report.select(severity="warning", code=["absorbed"])] == ["absorbed"]
        assert report.select(severity=itu.Severity.ERROR) == []
        assert registry.lint("Resolution 1344 (Mod. 2015)", on=dt.date(2016, 3, 1)).ok

    def test_inline_noqa_with_and_without_codes(self, registry: itu.Registry) -> None:
        text = "Resolution 1344 (Mod. 2015)  # itu: noqa[absorbed]\nResolution 9999 itu: noqa\nResolution 1344"
        report = registry.lint(text, on=DAY)
        assert [f.code for f in report.findings] == ["absorbed"]
        assert report.where(report.findings[0]).line == 3  # type: ignore[union-attr]
        assert sorted(f.code for f in report.suppressed) == ["absorbed", "unknown-instrument"]
        other_code = registry.lint("Resolution 1344 (Mod. 2015)  itu: noqa[stale]", on=DAY)
        assert [f.code for f in other_code.findings] == ["absorbed"]

    def test_configured_ignore_list(self, registry: itu.Registry) -> None:
        assert registry.lint(DOC, on=DAY, ignore=["absorbed", "unknown-instrument"]).ok

    def test_to_dataframe(self, registry: itu.Registry) -> None:
        frame = registry.lint(DOC, on=DAY).to_dataframe()
        assert list(frame.code) == ["absorbed", "unknown-instrument"]
        assert list(frame.line) == [3, 4]
        assert list(frame.column) == [12, 3]


class TestUncertainty:
    def test_lint_notes_a_revision_later_sessions_may_have_changed(self, registry: itu.Registry) -> None:
        report = registry.lint("Council Resolution 1336 (Rev. 2019)", on=DAY)
        assert report.ok
        [note] = report.select(code="uncertain")
        assert note.severity is itu.Severity.INFO
        assert "conf/c20" in note.message

    def test_in_force_flags_doubt(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out = run(capsys, "in-force", "--on", "2021-01-27")
        line = next(row for row in out.splitlines() if row.startswith("council/res/1336@2019"))
        assert "uncertain: conf/c20" in line
        _, out = run(capsys, "in-force", "--on", "2021-01-27", "--json")
        rows = {row["key"]: row for row in json.loads(out)}
        assert rows["council/res/1336@2019"]["uncertain"] is True
        assert rows["council/res/1336@2019"]["unchecked"] == ["conf/c20"]


class TestShowJson:
    def test_key_and_no_internal_fields(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "show", "Council Resolution 1344", "--json")
        assert code == 0
        assert "items_" not in out
        data = json.loads(out)
        assert data["key"] == "council/res/1344"
        assert data["titles"] == {}  # a mapping of language to title, here empty
        _, out = run(capsys, "show", "CWG-Internet", "--json")
        assert json.loads(out)["names"]["en"]

    def test_revision_key(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out = run(capsys, "show", "council/res/1344@2015", "--json")
        assert json.loads(out)["key"] == "council/res/1344@2015"


class TestLookups:
    def test_get_accepts_revision_keys(self, registry: itu.Registry) -> None:
        assert registry.get("council/res/1344@2015") is registry.revision("council/res/1344@2015")
        with pytest.raises(itu.NotFound) as info:
            registry.get("council/res/1344@2016")
        assert "council/res/1344@2015" in info.value.suggestions

    def test_suggestions_are_written_names(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound) as info:
            registry.body("CWG Internt")
        assert "CWG-Internet" in info.value.suggestions
        assert all((s == s.strip() and not s.islower()) or "/" in s for s in info.value.suggestions)

    def test_no_other_number_suggested(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound) as info:
            registry.resolution("Council Resolution 9999")
        assert info.value.suggestions == ()
        with pytest.raises(itu.NotFound) as info:
            registry.resolution("WTSA Resolution 1344")
        assert info.value.suggestions == ("council/res/1344",)


class TestDates:
    @pytest.mark.parametrize(
        "on",
        [
            DAY,
            dt.datetime(2021, 1, 27, 15, 30, tzinfo=dt.timezone.utc),
            "2021-01-27",
            "2021-01-27T09:00:00",
            pd.Timestamp("2021-01-27 10:00"),
            np.datetime64("2021-01-27"),
            np.datetime64("2021-01-27T10:00"),
        ],
    )
    def test_on_accepts_what_researchers_hold(self, registry: itu.Registry, on: object) -> None:
        assert registry.as_of(on) == DAY
        assert registry.current("Council Resolution 1344", on=on).key == "council/res/1336@2019"  # type: ignore[arg-type, union-attr]

    def test_clear_errors(self, registry: itu.Registry) -> None:
        with pytest.raises(ValueError, match="an ISO date like '2021-01-27', got '27/01/2021'"):
            registry.as_of("27/01/2021")
        with pytest.raises(TypeError, match="got 2021 of type int"):
            registry.as_of(2021)

    def test_no_pandas_or_numpy_import(self) -> None:
        import subprocess  # noqa: PLC0415

        code = (
            "import sys, datetime as dt, itu_governance as itu; r = itu.load(); "
            "r.as_of('2021-01-27'); r.as_of(dt.datetime(2021, 1, 27)); "
            "assert 'pandas' not in sys.modules and 'numpy' not in sys.modules, sorted(sys.modules)"
        )
        subprocess.run([sys.executable, "-c", code], check=True)


class TestDataFrames:
    @pytest.mark.parametrize(
        ("kind", "column", "dates"),
        [
            ("instruments", "key", []),
            ("revisions", "instrument", ["effective"]),
            ("events", "instrument", ["date"]),
            ("conferences", "key", ["start", "end"]),
            ("bodies", "key", []),
            ("meetings", "body", ["start", "end"]),
            ("consultations", "body", ["online_start", "online_end"]),
            ("citations", "revision", []),
        ],
    )
    def test_every_table(self, registry: itu.Registry, kind: str, column: str, dates: list[str]) -> None:
        frame = registry.to_dataframe(kind)
        assert len(frame) > 0
        assert column in frame.columns
        for name in dates:
            assert pd.api.types.is_datetime64_any_dtype(frame[name]), name

    def test_values(self, registry: itu.Registry) -> None:
        revisions = registry.to_dataframe("revisions").set_index("key")
        assert revisions.loc["council/res/1344@2015", "adopted_by"] == "conf/c15"
        cites = registry.to_dataframe("citations")
        assert ((cites.revision == "council/res/1336@2019") & (cites.target == "pp/res/102@2018")).any()
        assert len(registry.to_dataframe("instruments")) == len(registry.resolutions())

    def test_unknown_kind(self, registry: itu.Registry) -> None:
        with pytest.raises(ValueError, match="one of instruments, revisions"):
            registry.to_dataframe("resolutions")

    def test_without_pandas(self, registry: itu.Registry, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"pip install 'itu-governance\[pandas\]'"):
            registry.to_dataframe("revisions")
        with pytest.raises(ImportError, match="pandas"):
            registry.lint(DOC, on=DAY).to_dataframe()


pytest_plugins = ["pytester"]

MARKED = """\
itu-governance: scenarios
scenarios:
  - name: 1344 absorbed
    status: Council Resolution 1344
    date: "2021-01-27"
    expected: absorbed
  - name: content in 1336
    current: Council Resolution 1344
    date: "2021-01-27"
    expected: council/res/1336@2019
  - name: stale citation flagged
    lint: "Resolution 1344 (Mod. 2012)"
    date: "2016-03-01"
    expected: [stale]
  - name: member states attend
    actor: member-state:SAU
    action: attend-meeting
    body: CWG-Internet
    date: "2021-01-27"
    expected: allowed
"""


class TestPlugin:
    def test_unrelated_scenarios_file_is_left_alone(self, pytester: pytest.Pytester) -> None:
        pytester.makefile(".yaml", scenarios="scenarios:\n  - {given: 1, then: 2}\n")
        pytester.makefile(".yaml", scenarios_itu=MARKED)
        result = pytester.runpytest()
        result.assert_outcomes(passed=4)

    def test_pattern_in_config(self, pytester: pytest.Pytester) -> None:
        pytester.makeini("[pytest]\nitu_scenarios = rules/*.yaml\n")
        (pytester.path / "rules").mkdir()
        (pytester.path / "rules" / "cases.yaml").write_text(MARKED.split("\n", 1)[1], encoding="utf-8")
        pytester.runpytest().assert_outcomes(passed=4)

    def test_failures_and_misspelled_body(self, pytester: pytest.Pytester) -> None:
        text = MARKED.replace("expected: absorbed", "expected: in-force").replace("CWG-Internet", "CWG-Internt")
        pytester.makefile(".yaml", cases=text)
        result = pytester.runpytest()
        result.assert_outcomes(passed=2, failed=2)
        result.stdout.fnmatch_lines(["*cases.yaml:3: 1344 absorbed: expected in-force, got*absorbed*"])
        result.stdout.fnmatch_lines(
            ["*cases.yaml:15: member states attend: no body matches 'CWG-Internt'*CWG-Internet*"]
        )

    def test_unquoted_on_is_located(self, pytester: pytest.Pytester) -> None:
        text = (
            'itu-governance: scenarios\nscenarios:\n  - name: x\n    status: Council Resolution 1344\n    on: "2021"\n'
        )
        pytester.makefile(".yaml", cases=text)
        result = pytester.runpytest()
        result.stdout.fnmatch_lines(["*cases.yaml:5*unquoted field name on*"])

    def test_registry_fixture_and_custom_data(self, pytester: pytest.Pytester) -> None:
        data = Path(__file__).parent / "data" / "minimal"
        pytester.makepyfile(
            textwrap.dedent(
                """
                def test_registry(itu_registry):
                    assert itu_registry.dataset.name
                    print("DATASET", itu_registry.dataset.name, len(itu_registry))
                """
            )
        )
        bundled = pytester.runpytest("-s")
        bundled.assert_outcomes(passed=1)
        if data.is_dir():
            custom = pytester.runpytest("-s", f"--itu-data={data}")
            custom.assert_outcomes(passed=1)
            assert bundled.stdout.str() != custom.stdout.str()

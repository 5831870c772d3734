"""The command line: every subcommand on the bundled data, exit codes, errors without tracebacks."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from itu_governance.cli import main

DATA = Path(__file__).parent / "data"
SEED_EXCERPT = "理事会第1305号决议（2019年，修订版）和第1336号决议（2019年，修版）。责成理事会修订第1344号决议。"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestQueries:
    def test_show_instrument(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "Council Resolution 1344")
        assert code == 0
        assert "council/res/1344  Resolution" in out
        assert "2019  abrogated by conf/c19, content absorbed into council/res/1336@2019" in out

    def test_show_body_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "CWG-Internet", "--json")
        assert code == 0
        assert json.loads(out)["short_name"] == "CWG-Internet"

    def test_lineage(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "lineage", "第1344号决议")
        assert code == 0
        lines = out.splitlines()
        assert "adopted council/res/1344@2012" in lines[0]
        assert "abrogated council/res/1344@2015 (into council/res/1336@2019) [conf/c19]" in lines[-1]

    def test_status_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "status", "council/res/1344", "--on", "2021-01-27", "--json")
        assert code == 0
        data = json.loads(out)
        assert (data["state"], data["successor"]) == ("absorbed", "council/res/1336@2019")

    def test_in_force(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "in-force", "--on", "2021-01-27", "--lang", "fr")
        assert code == 0
        assert "council/res/1336@2019" in out
        assert "council/res/1344" not in out
        assert "Résolution 1336 (Mod. 2019) du Conseil" in out

    def test_related(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "related", "pp/res/102@2018", "council/res/1336@2019")
        assert (code, out) == (
            0,
            "directly: 2019-06-20 council/res/1336@2019 cites pp/res/102@2018\n"
            "chain 1 of 1:\n"
            "  2018-11-16 pp/res/102@2018 instructs council/res/1344 (instructs the ITU Council 1)\n"
            "  2019-06-20 council/res/1336@2019 absorbs council/res/1344\n",
        )

    def test_cite(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "cite", "第102号决议（2018年，迪拜，修订版）", "--to", "ru")
        assert (code, out) == (0, "Резолюция 102 (Пересм. Дубай, 2018 г.) Полномочной конференции\n")

    def test_check(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "check", "sector-member:ITU-T:Example", "attend-meeting", "CWG-Internet", "--on", "2021-01-27"
        )
        assert code == 1  # denied
        assert out.startswith("denied: CWG-Internet: attend-meeting is open to member-state only")

    @pytest.mark.parametrize(
        ("actor", "action", "code"),
        [
            ("member-state:SAU", "attend-meeting", 0),
            ("sector-member:ITU-T:Example", "attend-meeting", 1),
        ],
    )
    def test_check_exit_code_tells_the_verdict(
        self, capsys: pytest.CaptureFixture[str], actor: str, action: str, code: int
    ) -> None:
        assert run(capsys, "check", actor, action, "CWG-Internet", "--on", "2021-01-27")[0] == code
        assert run(capsys, "check", actor, action, "CWG-Internet", "--on", "2021-01-27", "--exit-zero")[0] == 0

    def test_mandate(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "mandate", "CWG-Internet", "--on", "2021-01-27")
        assert code == 0
        assert out.startswith("1. identify, study and develop")

    def test_audit_reports_warnings_but_no_errors(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "audit")
        assert code == 0
        assert "warning[responses-total]" in out

    @pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "dot", "mermaid", "csv"])
    def test_export(self, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
        target = tmp_path / f"graph.{fmt}"
        code, _, _ = run(capsys, "export", "--format", fmt, "-o", str(target))
        assert code == 0
        assert "council/res/1344" in target.read_text(encoding="utf-8")


class TestDocuments:
    def test_extract_from_stdin(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(SEED_EXCERPT))
        code, out, _ = run(capsys, "extract", "-")
        assert code == 0
        assert out.splitlines()[0].startswith("-:0-22: Council Resolution 1305 (Rev. 2019)")

    def test_lint_many_files_and_folders(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Files and folders at once, on several processes; findings give exit code 1."""
        folder = tmp_path / "docs"
        folder.mkdir()
        for i in range(3):
            (folder / f"d{i}.txt").write_text(SEED_EXCERPT, encoding="utf-8")
        clean = tmp_path / "clean.txt"
        clean.write_text("Resolution 102 (Rev. Dubai, 2018)", encoding="utf-8")
        code, out, _ = run(capsys, "lint", str(folder), str(clean), "--on", "2021-01-27", "--jobs", "2")
        assert code == 1
        assert out.count("warning[absorbed]") == 3
        assert str(clean) not in out

    def test_lint_clean_document(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        clean = tmp_path / "clean.txt"
        clean.write_text("Resolution 102 (Rev. Dubai, 2018)", encoding="utf-8")
        assert run(capsys, "lint", str(clean), "--on", "2021-01-27") == (0, "no findings\n", "")


class TestTimeline:
    def test_svg(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        target = tmp_path / "t.svg"
        code, _, _ = run(capsys, "timeline", "Council Resolution 1336", "-o", str(target))
        assert code == 0
        svg = target.read_text(encoding="utf-8")
        assert svg.startswith("<?xml")
        assert "Council Resolution 1344" in svg

    def test_missing_extra_is_explained(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        code, _, err = run(capsys, "timeline", "Council Resolution 1336", "-o", str(tmp_path / "t.png"))
        assert code == 2
        assert "pip install 'itu-governance[plot]'" in err

    def test_documented_picture_is_current(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The picture in the docs is the one the code draws from the bundled data."""
        target = tmp_path / "t.svg"
        run(capsys, "timeline", "Council Resolution 1336", "-o", str(target))
        docs = Path(__file__).resolve().parents[1] / "docs" / "images" / "timeline-council-res-1336.svg"
        assert target.read_text(encoding="utf-8") == docs.read_text(encoding="utf-8")


class TestErrors:
    def test_unknown_reference(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "show", "Council Resolution 9999")
        assert (code, out) == (2, "")
        assert err.startswith("itu-governance: error: no ")
        assert "Traceback" not in err

    def test_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            main(["status", "council/res/1344", "--on", "27/01/2021"])
        assert info.value.code == 2
        assert "expected a date like 2021-01-27" in capsys.readouterr().err

    def test_validate_reports_located_problems(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        root = tmp_path / "data"
        shutil.copytree(DATA / "minimal", root)
        shutil.copytree(DATA / "invalid" / "wrong_type", root, dirs_exist_ok=True)
        code, _, err = run(capsys, "validate", str(root))
        assert code == 1
        assert err == "instruments/council-res-1344.yaml:4:9: number: expected an integer from 1 to 99999, got '1344'\n"

    def test_validate_ok(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(capsys, "validate", str(DATA / "minimal"))[0] == 0

    def test_data_error_is_exit_2_for_queries(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        root = tmp_path / "data"
        shutil.copytree(DATA / "minimal", root)
        shutil.copytree(DATA / "invalid" / "wrong_type", root, dirs_exist_ok=True)
        code, _, err = run(capsys, "--data", str(root), "lineage", "council/res/1336")
        assert code == 2
        assert err.startswith("instruments/council-res-1344.yaml:4:9:")


def test_installed_console_script() -> None:
    """The console script the wheel installs runs, and python -m does the same."""
    script = Path(sysconfig.get_path("scripts")) / "itu-governance"
    for command in ([str(script)], [sys.executable, "-m", "itu_governance"]):
        result = subprocess.run(
            [*command, "status", "council/res/1344", "--on", "2016-03-01"], capture_output=True, text=True, check=False
        )
        assert (result.returncode, result.stdout) == (
            0,
            "council/res/1344 on 2016-03-01: in-force (council/res/1344@2015)\n",
        ), result.stderr


@pytest.mark.parametrize(
    ("ref", "line"),
    [
        (
            "CWG-Internet",
            "  rule [council/res/1336@2019]: access-documents, attend-meeting, chair, submit-contribution "
            "-> member-state",
        ),
        ("Resolution 102 (Rev. Dubai, 2018)", "  instructs council/res/1344 [instructs the ITU Council 1]"),
        ("PP-18", "  PP-18: Dubai, ARE, 2018-10-29 to 2018-11-16"),
        ("meeting/cwg-internet/15", "  report approved: True; asks the Council to: take-note"),
        ("consultation/cwg-internet/2020-internet-connectivity", "  responses: 23 stated, 20 by category"),
    ],
)
def test_show_is_readable_for_every_kind(capsys: pytest.CaptureFixture[str], ref: str, line: str) -> None:
    code, out, _ = run(capsys, "show", ref)
    assert code == 0
    assert line in out.splitlines()


def test_show_gives_each_revision_its_own_title(capsys: pytest.CaptureFixture[str]) -> None:
    """Titles change between revisions: each is printed under its revision, a gap said as one."""
    code, out, _ = run(capsys, "show", "pp/res/102")
    assert code == 0
    lines = out.splitlines()
    first = lines.index("  1998  adopted   conf/pp-98   PP Resolution 102 (Minneapolis, 1998)")
    assert lines[first + 1] == "        Management of Internet domain names and addresses"
    assert lines[first + 3] == "        (same title)"  # 2002: the sources give the 1998 words again
    assert lines[first + 5].startswith("        ITU's role with regard to international public policy issues")
    assert lines[first + 7] == "        (same title)"  # 2010
    assert lines[first + 13] == "        (title not in the data)"  # 2022


def test_show_marks_a_title_in_another_language_and_names_the_instrument_type(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only a Russian title is known for Decision 5 of 2010: it is printed marked [ru], not taken for English."""
    code, out, _ = run(capsys, "show", "pp/dec/5")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "pp/dec/5  Decision"
    first = lines.index("  2010  revised   conf/pp-10   PP Decision 5 (Rev. Guadalajara, 2010)")
    assert lines[first + 1].endswith(" [ru]")
    assert (
        lines[first + 3] == "        Revenue and expenses for the Union for the period 2016-2019"
    )  # English: unmarked
    # the 2022 revision's title is not in the data: the header says whose title it shows
    assert lines[1].endswith("(the 2018 revision's; the 2022 revision's is not in the data)")


def test_export_offers_exactly_the_export_formats() -> None:
    """The command's --format choices are export.FORMATS: one list of formats."""
    from itu_governance import export  # noqa: PLC0415
    from itu_governance.cli import get_parser  # noqa: PLC0415

    parser = get_parser()
    for fmt in export.FORMATS:
        assert parser.parse_args(["export", "--format", fmt]).format == fmt
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "--format", "xlsx"])

"""``extract --json`` and ``lint --json`` stream JSON Lines, one record per document, as they go."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from itu_governance import cli


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(
        "See Resolution 102 (Rev. Dubai, 2018). See also Council Resolution 1344.", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("No citation here.", encoding="utf-8")
    return tmp_path


def _lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_extract_writes_one_record_per_document(documents: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["extract", "--json", "-j", "1", str(documents)]) == 0
    records = _lines(capsys.readouterr().out)
    assert [Path(str(r["file"])).name for r in records] == ["a.txt", "b.txt"]
    assert [c["citation"]["number"] for c in records[0]["citations"]] == [102, 1344]
    assert records[1]["citations"] == []


def test_lint_writes_one_record_per_document(documents: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["lint", "--json", "-j", "1", "--on", "2021-01-27", str(documents)])
    records = _lines(capsys.readouterr().out)
    assert [Path(str(r["file"])).name for r in records] == ["a.txt", "b.txt"]
    codes = {f["finding"]["code"] for f in records[0]["findings"]}
    assert "abrogated" in codes or "absorbed" in codes
    assert code == 1


def test_results_are_not_kept(documents: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The map over documents is a generator: each result is written before the next is read."""
    order: list[str] = []
    real = cli._extract_file

    def spy(name: str) -> object:
        order.append(f"read {Path(name).name}")
        return real(name)

    monkeypatch.setattr(cli, "_extract_file", spy)
    monkeypatch.setattr(cli, "_json_line", lambda data: order.append(f"wrote {Path(data['file']).name}"))
    cli.main(["extract", "--json", "-j", "1", str(documents)])
    assert order == ["read a.txt", "wrote a.txt", "read b.txt", "wrote b.txt"]

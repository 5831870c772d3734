"""docs/coverage.md: current with the data, and right about what is in and what is missing."""

from __future__ import annotations

import importlib.util
import shutil
import textwrap
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "data" / "minimal"


@pytest.fixture(scope="module")
def coverage() -> Any:
    """``scripts/coverage.py``, imported under a name that cannot shadow the ``coverage`` package."""
    spec = importlib.util.spec_from_file_location("coverage_script", ROOT / "scripts" / "coverage.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _targets(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_checked_in_page_is_current(coverage: Any) -> None:
    """Data files were added or changed without regenerating the page: run the script."""
    page = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8").replace("\r\n", "\n")
    assert page == coverage.render(), "docs/coverage.md is stale: run `python scripts/coverage.py`"


def test_the_page_is_built_from_the_checkout_not_an_installed_copy(coverage: Any) -> None:
    assert ROOT / "data" == coverage.DATA
    assert coverage.TARGETS == ROOT / "scripts" / "coverage-targets.yaml"


def test_targets_in_and_missing(coverage: Any, tmp_path: Path) -> None:
    """GIVEN the minimal data and targets some of which it lacks WHEN rendering THEN each is placed."""
    targets = _targets(
        tmp_path,
        """
        instruments:
          Council Resolution 1344: council/res/1344
          Council Resolution 1404: council/res/1404
          PP Resolution 102: pp/res/102
        bodies:
          CWG-Internet: body/cwg-internet
        conferences:
          pp: {PP-10: conf/pp-10, PP-14: conf/pp-14}
          council: {Council 2012: conf/council-2012}
        """,
    )
    page = coverage.render(MINIMAL, targets)
    assert "curated up to **2021-01-28**" in page
    assert (
        "| instruments | 2 (2 curated or read from a text, 0 attested by citation only; 4 revisions, 0 attested)"
        " | 1 of 3 | 2 |"
    ) in page
    assert "Known to exist but missing: Council Resolution 1404 (`council/res/1404`)." in page
    assert "Known to exist but missing: PP Resolution 102 (`pp/res/102`)." in page  # a group with no record
    assert "Known to exist but missing: PP-14 (`conf/pp-14`)." in page
    assert "Known to exist but missing: CWG-Internet (`body/cwg-internet`)." in page
    # a target filed under another key is found by its name (an alias of conf/c12)
    assert "| conferences and Council sessions | 5 | 2 of 3 | 1 |" in page
    assert "Council 2012" not in page


def test_instrument_rows_show_revisions_disputes_and_endings(coverage: Any, tmp_path: Path) -> None:
    page = coverage.render(MINIMAL, _targets(tmp_path, "{}"))
    assert (
        "| `council/res/1344` | — | 2012 adopted; 2015 modified | not declared complete"
        " | abrogated 2019, into `council/res/1336@2019` |"
    ) in page
    assert (
        "2 in the dataset; 2 with a history not declared complete; 0 with disputed revisions; "
        "0 attested by citation only."
    ) in page
    assert "| `conf/c12` | end |" in page


def test_rendering_depends_only_on_the_data(coverage: Any, tmp_path: Path) -> None:
    targets = _targets(tmp_path, "instruments: {Council Resolution 1336: council/res/1336}")
    assert coverage.render(MINIMAL, targets) == coverage.render(MINIMAL, targets)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("instruments: {PP Resolution 102: pp/resolution/102}", ValueError),
        ("bodies: {CWG-Internet: conf/pp-18}", ValueError),
        ("conferences: {plenipotentiary: {PP-18: conf/pp-18}}", ValueError),
        ("bodies: [body/cwg-internet]", TypeError),
        ("facts: {}", TypeError),
    ],
)
def test_a_malformed_targets_file_is_refused(coverage: Any, tmp_path: Path, text: str, error: type) -> None:
    with pytest.raises(error):
        coverage.Targets.read(_targets(tmp_path, text))


def test_check_reports_a_stale_page(coverage: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "coverage.md"
    page.write_text("# Dataset coverage\n\nold\n", encoding="utf-8")
    args = ["--data", str(MINIMAL), "--targets", str(_targets(tmp_path, "{}")), "--output", str(page)]
    assert coverage.main([*args, "--check"]) == 1
    assert "is stale" in capsys.readouterr().err
    assert coverage.main(args) == 0
    assert coverage.main([*args, "--check"]) == 0


def test_data_that_does_not_load_is_reported(coverage: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    targets = str(_targets(tmp_path, "{}"))
    assert coverage.main(["--check", "--data", str(tmp_path), "--targets", targets]) == 2
    assert "does not load" in capsys.readouterr().err


def test_titles_are_counted_per_revision_and_language(coverage: Any, tmp_path: Path) -> None:
    """GIVEN one revision titled in English and Chinese WHEN rendering THEN the counts and the gaps show it."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    path = data / "instruments" / "council-res-1344.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "    adopted_by: conf/c12\n"
    assert marker in text
    path.write_text(
        text.replace(marker, marker + '    titles: {en: "Open consultations", zh: "公开磋商"}\n'), encoding="utf-8"
    )
    page = coverage.render(data, _targets(tmp_path, "{}"))
    row = "| Council resolutions (`council/res/…`) | 2 | 2 | 0 | 4 | " + " | ".join(
        ["0 of 4", "1 of 4", *["0 of 4"] * 3, "1 of 4"]
    )
    assert row + " |" in page
    assert "| revisions with an English title | 1 of 4 (25%) | — | 3 |" in page
    assert "Revisions without an English title (3): `council/res/1336@2011`, `council/res/1336@2019`," in page
    assert "`council/res/1344@2012`" not in page.split("Revisions without an English title")[1].split("\n")[0]


def test_attested_records_are_told_apart(coverage: Any) -> None:
    assert coverage._attested(types.SimpleNamespace(attested=True))
    assert not coverage._attested(types.SimpleNamespace())

"""The wheel users install: built from the checkout, installed in a fresh environment, data included."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECK = textwrap.dedent(
    """
    import itu_governance as itu
    assert "site-packages" in itu.__file__, itu.__file__
    res = itu.load().resolution("Council Resolution 1344")
    assert [(r.year, r.adopted_by) for r in res.revisions] == [(2012, "conf/c12"), (2015, "conf/c15")]
    assert (res.end.how.value, res.end.year, res.end.absorbed_into) == ("abrogated", 2019, "council/res/1336@2019")
    print("ok", len(itu.load()))
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("itu_governance-*.whl"))


def test_wheel_ships_the_dataset_and_citation_forms(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "itu_governance/_data/dataset.yaml" in names
    assert "itu_governance/_data/instruments/council-res-1344.yaml" in names
    assert "itu_governance/citation_forms/zh.yaml" in names
    assert "itu_governance/py.typed" in names


def test_fresh_environment_loads_the_bundled_data(wheel: Path, tmp_path: Path) -> None:
    """GIVEN a new virtual environment with only the wheel WHEN loading THEN 1344's history is there."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    # the runtime dependencies come from this environment, read-only, behind the wheel's own files
    Path(site, "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    result = subprocess.run([str(python), "-c", CHECK], check=False, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")

"""Shared fixtures: the bundled registry and one Hypothesis profile for every property test."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import itu_governance as itu

# The load cache of the test run goes to a folder of its own, never the user's cache folder.
os.environ.setdefault("ITU_GOVERNANCE_CACHE_DIR", tempfile.mkdtemp(prefix="itu-governance-cache-"))

settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(scope="session")
def registry() -> itu.Registry:
    """The bundled dataset, loaded once."""
    return itu.load()


# The akn4itu files (the PP-18 Final Acts in AKN4UN XML, the OASIS schema) are not copied into the
# repository (the Final Acts are a whole document): tests read them from the folder named by
# ITU_GOVERNANCE_AKN4ITU, or from shared/corpus/akn4itu beside the checkout, and are skipped, saying
# why, where neither exists.
AKN4ITU = Path(
    os.environ.get("ITU_GOVERNANCE_AKN4ITU") or Path(__file__).resolve().parents[2] / "shared" / "corpus" / "akn4itu"
)


def _need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path.name} not found in {AKN4ITU.name}/ (set ITU_GOVERNANCE_AKN4ITU to the akn4itu folder)")
    return path


@pytest.fixture(scope="session")
def final_acts() -> Path:
    """The PP-18 Final Acts as akn4itu converts them (AKN4UN XML)."""
    return _need(AKN4ITU / "pp18_final_acts_akn.xml")


@pytest.fixture(scope="session")
def akn_schema() -> Any:
    """The OASIS Akoma Ntoso 3.0 schema, compiled with lxml."""
    etree = pytest.importorskip("lxml.etree")
    return etree.XMLSchema(etree.parse(str(_need(AKN4ITU / "akomantoso30.xsd"))))

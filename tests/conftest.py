"""Shared fixtures: the bundled registry and one Hypothesis profile for every property test."""

from __future__ import annotations

import os
import tempfile

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

"""The pytest plugin that runs scenario files as tests (registered on install).

It collects only the YAML files that declare themselves (a top-level
``itu-governance: scenarios``) or match a glob of the ``itu_scenarios`` ini option, so an
unrelated ``scenarios.yaml`` of another project is never read. Scenarios run against the
``itu_data`` ini option's data folder (or ``--itu-data``), else the bundled dataset; the
``itu_registry`` fixture gives tests the same registry, and a project may override it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from pathlib import Path

import pytest

from itu_governance.errors import DataError
from itu_governance.loader import load
from itu_governance.registry import Registry
from itu_governance.testing import FindingScenario, Scenario, declares_scenarios, load_scenarios, registry_for


def pytest_addoption(parser: pytest.Parser) -> None:
    """The ini options ``itu_scenarios`` and ``itu_data``, and the ``--itu-data`` command-line option."""
    parser.addini("itu_scenarios", "glob patterns of YAML scenario files to collect without the marker", "linelist")
    parser.addini("itu_data", "a data folder to run scenarios against instead of the bundled dataset")
    parser.addoption("--itu-data", metavar="DIR", help="a data folder for ITU scenarios and the itu_registry fixture")


def _data_folder(config: pytest.Config) -> str | None:
    option = config.getoption("--itu-data", default=None)
    if option:
        return str(option)
    ini = str(config.getini("itu_data") or "")
    return str(config.rootpath / ini) if ini else None


def _registry(config: pytest.Config) -> Registry:
    """One registry per run (the loader caches the bundled one; a folder is loaded once here)."""
    cached = config.stash.get(_REGISTRY, None)
    if cached is None:
        cached = load(_data_folder(config))
        config.stash[_REGISTRY] = cached
    return cached


_REGISTRY = pytest.StashKey[Registry]()


@pytest.fixture(scope="session")
def itu_registry(pytestconfig: pytest.Config) -> Registry:
    """The registry scenarios run against: ``itu_data`` / ``--itu-data`` if set, else the bundled dataset."""
    return _registry(pytestconfig)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.File | None:
    """Collect the YAML files that declare themselves scenario files or match ``itu_scenarios``."""
    if file_path.suffix not in {".yaml", ".yml"}:
        return None
    config = parent.config
    relative = file_path.relative_to(config.rootpath).as_posix() if file_path.is_relative_to(config.rootpath) else ""
    patterns = config.getini("itu_scenarios")
    if any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(file_path.name, p) for p in patterns):
        return ScenarioFile.from_parent(parent, path=file_path)
    try:
        head = file_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return ScenarioFile.from_parent(parent, path=file_path) if declares_scenarios(head) else None


class ScenarioFile(pytest.File):
    """A YAML file of scenarios (eligibility, status, current, lint)."""

    def collect(self) -> Iterator[ScenarioItem]:
        """One test per scenario; a malformed file fails with every located problem and a hint."""
        try:
            scenarios = load_scenarios(self.path)
        except DataError as error:
            raise self.CollectError(str(error)) from None
        for scenario in scenarios:
            yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


class ScenarioItem(pytest.Item):
    """One scenario, checked against its file's dataset, else the configured one (the bundled by default)."""

    def __init__(self, *, scenario: Scenario | FindingScenario, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario

    def runtest(self) -> None:
        """Check the scenario's verdict, state, revision, findings and basis, against its dataset."""
        self.scenario.run(registry_for(self.scenario) if self.scenario.data else _registry(self.config))

    def reportinfo(self) -> tuple[Path, int, str]:
        """Point failures at the scenario's line in its file."""
        return self.path, self.scenario.line - 1, f"scenario: {self.name}"

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: object = None) -> str:  # noqa: ARG002
        """The assertion's message alone: it already says file, line, verdict and basis."""
        return str(excinfo.value)

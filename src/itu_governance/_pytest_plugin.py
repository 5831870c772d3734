"""The pytest plugin that runs ``scenarios*.yaml`` files as tests (registered on install)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from itu_governance.testing import FindingScenario, Scenario, load_scenarios, registry_for


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.File | None:
    """Collect ``scenarios*.yaml`` files as scenario test files."""
    if file_path.suffix in {".yaml", ".yml"} and file_path.name.startswith("scenarios"):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    """A YAML file of eligibility scenarios."""

    def collect(self) -> Iterator[ScenarioItem]:
        """One test per scenario."""
        for scenario in load_scenarios(self.path):
            yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


class ScenarioItem(pytest.Item):
    """One scenario, checked against its file's dataset (the bundled one by default)."""

    def __init__(self, *, scenario: Scenario | FindingScenario, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario

    def runtest(self) -> None:
        """Check the scenario's verdict (or finding) and basis, against its dataset."""
        self.scenario.run(registry_for(self.scenario))

    def reportinfo(self) -> tuple[Path, int, str]:
        """Point failures at the scenario's line in its file."""
        return self.path, self.scenario.line - 1, f"scenario: {self.name}"

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: object = None) -> str:  # noqa: ARG002
        """The assertion's message alone: it already says file, line, verdict and basis."""
        return str(excinfo.value)

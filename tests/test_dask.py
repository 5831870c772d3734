"""The scaling tutorial's pipeline, run on a real local dask.distributed cluster of two processes."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from dask.distributed import Client, LocalCluster

import itu_governance as itu

TUTORIAL = Path(__file__).parent.parent / "docs" / "tutorials" / "scaling.md"
DAY = dt.date(2021, 1, 28)
TEXTS = [
    "Resolution 102 (Rev. Dubai, 2018) and Resolution 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference.",
    "Council Resolution 1344 (Modified 2015) set the modalities of the open consultations.",
    "理事会第1336号决议（2019年，修订版）",
    "Résolution 1305 (Mod. 2019) du Conseil.",
    "No citation at all.",
    "Council Resolution 1336 (Rev. 2019) and Council Resolution 1305 (Rev. 2019).",
]


def _pipeline(folder: Path) -> tuple[types.ModuleType, Path]:
    """The tutorial's ``pipeline.py`` block, written as a module that the workers can import too."""
    (code,) = re.findall(r'```python title="pipeline.py"\n(.*?)```', TUTORIAL.read_text(encoding="utf-8"), re.DOTALL)
    path = folder / "scaling_pipeline.py"
    path.write_text(code, encoding="utf-8")
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module("scaling_pipeline"), path
    finally:
        sys.path.remove(str(folder))


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster) as connected,  # type: ignore[no-untyped-call]
    ):
        yield connected


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_the_tutorial_pipeline_runs_on_a_cluster(client: Client, tmp_path: Path) -> None:
    """GIVEN a folder of documents WHEN the pipeline runs on two workers THEN it equals one process."""
    pipeline, module_file = _pipeline(tmp_path)
    client.upload_file(str(module_file))
    paths = []
    for i, text in enumerate(TEXTS):
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    citations, findings = pipeline.run(paths, DAY)
    assert citations == {p: [str(c) for c in itu.extract_citations(t)] for p, t in zip(paths, TEXTS, strict=True)}
    assert findings == {
        p: [str(f) for f in itu.load().lint(t, on=DAY).findings] for p, t in zip(paths, TEXTS, strict=True)
    }
    assert any(findings.values())
    workers = client.run(lambda: __import__("itu_governance").loader._load_bundled_once.cache_info().misses)
    assert len(workers) == 2
    assert set(workers.values()) <= {0, 1}  # the registry is built at most once per worker process
    assert sum(workers.values()) >= 1

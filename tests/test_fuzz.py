"""Fuzzing, bounded in time: damaged data files load whole or fail located; any text extracts safely.

The long run (``benchmarks/fuzz_reliability.py``) draws the same mutations many more times.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import itu_governance as itu

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from mutations import SCRIPTS, adversarial_text, mutate

MINIMAL = Path(__file__).parent / "data" / "minimal"
FILES = sorted(str(p.relative_to(MINIMAL)) for p in MINIMAL.rglob("*.yaml"))


def _snapshot(registry: itu.Registry) -> list[object]:
    return [registry.get(key) for key in registry]


@settings(max_examples=150, deadline=None)
@given(file=st.sampled_from(FILES), seed=st.integers(0, 2**32 - 1))
def test_a_damaged_file_loads_whole_or_fails_located(
    tmp_path_factory: pytest.TempPathFactory, file: str, seed: int
) -> None:
    """GIVEN a real data file damaged at random WHEN loading THEN either every problem is located
    in a file of the tree, or the registry equals a second load of the same bytes."""
    root = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(MINIMAL, root)
    target = root / file
    target.write_bytes(mutate(target.read_bytes(), random.Random(seed)))  # noqa: S311 (replayable, not secret)
    try:
        first = itu.load(root)
    except itu.DataError as error:
        for problem in error.problems:
            assert (root / problem.file).exists(), problem
            assert problem.line is not None, problem
    else:
        assert _snapshot(first) == _snapshot(itu.load(root))


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("".join(SCRIPTS)), max_size=300)
    | st.builds(adversarial_text, st.builds(random.Random, st.integers(0, 2**32 - 1)), st.integers(0, 400))
)
def test_extraction_never_raises_and_spans_stay_in_the_text(text: str) -> None:
    for citation in itu.extract_citations(text):
        start, end = citation.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == citation.text

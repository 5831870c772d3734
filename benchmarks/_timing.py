"""Timing helpers shared by the benchmarks: the median and the fastest of a few runs.

Every benchmark prints ratios of two timings taken in the same run, so the machine's speed
cancels out; these helpers take the timings.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def _timings(runs: int, fn: Callable[[], object]) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return timings


def median_time(runs: int, fn: Callable[[], object]) -> float:
    """The median of ``runs`` timings of ``fn``, in seconds."""
    return statistics.median(_timings(runs, fn))


def fastest(runs: int, fn: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings of ``fn``, garbage collection off (as ``timeit`` does).

    The fastest run is the one least disturbed by other work on the machine.
    """
    gc.collect()
    gc.disable()
    try:
        return min(_timings(runs, fn))
    finally:
        gc.enable()

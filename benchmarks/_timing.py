"""Timing helpers shared by the benchmarks: the median and the fastest of a few runs.

Every benchmark prints ratios of two timings taken in the same run, so the machine's speed
cancels out; these helpers take the timings.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

Clock = Callable[[], float]


def _timings(runs: int, fn: Callable[[], object], clock: Clock) -> list[float]:
    timings = []
    for _ in range(runs):
        start = clock()
        fn()
        timings.append(clock() - start)
    return timings


def median_time(runs: int, fn: Callable[[], object], clock: Clock = time.perf_counter) -> float:
    """The median of ``runs`` timings of ``fn``, in seconds.

    ``clock`` may be ``time.process_time``: the CPU time of this process, which on a shared
    machine leaves out the time other processes held the CPU.
    """
    return statistics.median(_timings(runs, fn, clock))


def fastest(runs: int, fn: Callable[[], object], clock: Clock = time.perf_counter) -> float:
    """The fastest of ``runs`` timings of ``fn``, garbage collection off (as ``timeit`` does).

    The fastest run is the one least disturbed by other work on the machine.
    """
    gc.collect()
    gc.disable()
    try:
        return min(_timings(runs, fn, clock))
    finally:
        gc.enable()

"""The lineage graph at scale: build cost, point-in-time queries, lineage independent of size.

Run: ``python benchmarks/bench_graph.py [--instruments 100000] [--small 1000]``. Every figure is
a ratio of two timings taken in the same run, so the machine's speed cancels out:

- build: time(graph.build_graph) / time(bare ``nx.MultiDiGraph().add_edges_from`` of the
  same edges, with the same attribute dicts) on the synthetic dataset -- target <= 2;
- queries: median time of one ``graph.status`` / ``graph.current`` call / median time of a
  plain dict lookup (``timelines[key]``) over the same random (instrument, date) queries --
  target <= 10;
- lineage: median time of one ``graph.lineage`` call on the large dataset / on the small one
  -- should stay near 1 (it does not grow with the graph).

Queries and lineages are timed twice: on random instruments of the whole dataset (each call
then pays cache and TLB misses that grow with the heap, and the dict-lookup baseline pays
them too), and on a few hundred instruments queried over and over (in cache: the
algorithm's own cost). Medians of per-call times come from batches of calls (a single call
is too short to time); the loop overhead is the same in the baseline. The dataset is
``benchmarks/synthetic.py``'s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from itu_governance import graph
from itu_governance.graph import Timeline

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic

Query = tuple[str, dt.date]
BATCH = 200


def timed(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``action``, each after a full collection."""
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def per_call(call: Callable[[str, dt.date], object], queries: Sequence[Query], rounds: int = 5) -> float:
    """The median time of one call, from batches of :data:`BATCH` calls, over ``rounds`` passes."""
    times = []
    clock = time.perf_counter
    for _ in range(rounds):
        for start in range(0, len(queries) - BATCH + 1, BATCH):
            batch = queries[start : start + BATCH]
            began = clock()
            for key, on in batch:
                call(key, on)
            times.append((clock() - began) / BATCH)
    return statistics.median(times)


def random_queries(timelines: Mapping[str, Timeline], count: int, seed: int = 1, hot: int | None = None) -> list[Query]:
    """Random instruments (all, or only ``hot`` of them) on random days between 1990 and 2027."""
    rng = random.Random(seed)
    keys = sorted(timelines)
    if hot is not None:
        keys = rng.sample(keys, min(hot, len(keys)))
    first, span = dt.date(1990, 1, 1).toordinal(), 38 * 365
    return [(rng.choice(keys), dt.date.fromordinal(first + rng.randrange(span))) for _ in range(count)]


def bench_build(data: synthetic.Dataset, repeat: int) -> float:
    """Build time of the lineage graph over a bare MultiDiGraph of the same edges."""
    records = data.records
    built = graph.build_graph(records, data.timelines)
    edges: list[tuple[str, str, dict[str, Any]]] = [(u, v, dict(d)) for u, v, d in built.edges(data=True)]
    ours = timed(lambda: graph.build_graph(records, data.timelines), repeat)
    bare = timed(lambda: nx.MultiDiGraph().add_edges_from(edges), repeat)
    print(f"  graph: {built.number_of_nodes():,} nodes, {built.number_of_edges():,} edges")
    print(f"  build_graph {ours:.2f} s, bare add_edges_from {bare:.2f} s")
    return ours / bare


def bench_queries(data: synthetic.Dataset, count: int, hot: int | None) -> tuple[float, float]:
    """Median status() and current() time over a plain dict lookup, same queries."""
    timelines = data.timelines
    queries = random_queries(timelines, count, hot=hot)

    def lookup(key: str, _on: dt.date) -> object:
        return timelines[key]

    def status(key: str, on: dt.date) -> object:
        return graph.status(timelines, key, on)

    def current(key: str, on: dt.date) -> object:
        return graph.current(timelines, key, on)

    base = per_call(lookup, queries)
    found_status = per_call(status, queries)
    found_current = per_call(current, queries)
    print(
        f"  per call: dict lookup {base * 1e9:.0f} ns, status {found_status * 1e9:.0f} ns, "
        f"current {found_current * 1e9:.0f} ns"
    )
    return found_status / base, found_current / base


def bench_lineage(
    large: synthetic.Dataset, small: synthetic.Dataset, count: int, hot: int | None
) -> tuple[float, float]:
    """Median lineage() time on the large dataset over the small one; the same for a dict lookup."""
    times: dict[str, list[float]] = {"lineage": [], "lookup": []}
    for data in (large, small):
        timelines = data.timelines
        queries = random_queries(timelines, count, seed=2, hot=hot)

        def lineage(key: str, _on: dt.date, timelines: Mapping[str, Timeline] = timelines) -> object:
            return graph.lineage(timelines, key)

        def lookup(key: str, _on: dt.date, timelines: Mapping[str, Timeline] = timelines) -> object:
            return timelines[key]

        times["lineage"].append(per_call(lineage, queries))
        times["lookup"].append(per_call(lookup, queries))
    for name, (at_large, at_small) in times.items():
        print(
            f"  {name} per call: {at_large * 1e9:.0f} ns at {len(large.instruments):,} instruments, "
            f"{at_small * 1e9:.0f} ns at {len(small.instruments):,}"
        )
    growth = [at_large / at_small for at_large, at_small in times.values()]
    return growth[0], growth[1]


def main() -> None:
    """Generate the datasets and print each ratio with its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--instruments", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each graph build")
    parser.add_argument("--hot", type=int, default=200, help="instruments queried in the in-cache runs")
    args = parser.parse_args()

    started = time.perf_counter()
    large = synthetic.generate(args.instruments)
    small = synthetic.generate(args.small)
    print(
        f"synthetic data: {len(large.instruments):,} instruments, {large.revision_count():,} revisions "
        f"(and {len(small.instruments):,}), made in {time.perf_counter() - started:.1f} s"
    )

    print("graph build")
    build = bench_build(large, args.repeat)
    print(f"  ratio build_graph / bare add_edges_from: {build:.2f} (target <= 2)")

    for hot, what in ((None, "random instruments"), (args.hot, f"{args.hot} instruments, in cache")):
        print(f"point-in-time queries ({what})")
        status, current = bench_queries(large, args.queries, hot)
        print(f"  ratio status / dict lookup: {status:.1f} (target <= 10)")
        print(f"  ratio current / dict lookup: {current:.1f} (target <= 10)")

    for hot, what in ((None, "random instruments"), (args.hot, f"{args.hot} instruments, in cache")):
        print(f"lineage ({what})")
        lineage, lookup = bench_lineage(large, small, args.queries, hot)
        print(f"  ratio lineage at {args.instruments:,} / at {args.small:,} instruments: {lineage:.2f} (target ~1)")
        print(f"  (the same ratio for a dict lookup, the memory hierarchy's share: {lookup:.2f})")


if __name__ == "__main__":
    main()

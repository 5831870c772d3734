"""Start-up, load, lookup and streaming costs, as ratios to baselines measured in the same run.

    python benchmarks/bench_load.py [--instruments 2000] [--corpus-mb 100]

Every figure is printed with its baseline, as a ratio, so the machine's speed cancels out. Times
are medians of several fresh processes, each measured twice: its CPU time (user + system, what
the process itself did, which another process on a shared machine barely changes) and its wall
time; a ratio is given for each, CPU first. Run it with bytecode allowed (not under
``PYTHONDONTWRITEBYTECODE``), as an installed package runs:

- cold ``import itu_governance; itu.load()`` of the bundled data, in a fresh interpreter, with
  the load cache off and warm / a fresh ``import networkx``;
- a synthetic dataset of ``--instruments`` instruments (``synthetic.write_yaml``): first load
  (cache off) per instrument, its peak memory per instrument, and the second cold load in a
  fresh interpreter with the cache warm / ``import networkx``;
- a lookup by citation text / a lookup by key (``registry.resolution``), the same instrument;
- ``itu-governance status`` wall time / ``python -c "import networkx"``;
- ``extract --json`` and ``lint --json`` over a corpus of ``--corpus-mb`` MB in files of
  various sizes: peak memory (max RSS of the process) / (largest document + the registry's
  process alone).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path
from typing import NamedTuple

import synthetic

import itu_governance as itu

BIN = Path(sys.executable).parent


class Timing(NamedTuple):
    """Median CPU time (user + system) and wall time of several runs of one process, in seconds."""

    cpu: float
    wall: float


def _runs(args: list[str], env: dict[str, str] | None, repeat: int) -> Timing:
    cpu, wall = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, check=True, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return Timing(statistics.median(cpu), statistics.median(wall))


def fresh(code: str, env: dict[str, str] | None = None, repeat: int = 7) -> Timing:
    """Median times of ``python -c code`` in a new interpreter."""
    return _runs([sys.executable, "-c", code], env, repeat)


def command(args: list[str], env: dict[str, str] | None = None, repeat: int = 7) -> Timing:
    """Median times of one command."""
    return _runs(args, env, repeat)


def peak_kib(code: str, env: dict[str, str] | None = None) -> int:
    """Max RSS of a fresh interpreter running ``code``, in KiB."""
    probe = f"{code}\nimport resource, sys\nsys.stdout.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    return int(out.stdout.strip().splitlines()[-1])


def peak_of(args: list[str], env: dict[str, str]) -> int:
    """Max RSS of one command, in KiB, measured by a fresh parent that runs nothing else."""
    parent = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", parent, *args], check=True, capture_output=True, text=True, env={**os.environ, **env}
    )
    return int(out.stdout.strip())


def row(name: str, value: Timing, baseline: Timing, target: str) -> None:
    """One ratio, CPU time then wall time."""
    print(
        f"{name:<58} cpu {value.cpu * 1000:7.1f} ms / {baseline.cpu * 1000:6.1f} ms = {value.cpu / baseline.cpu:5.2f}"
        f"   wall {value.wall * 1000:7.1f} / {baseline.wall * 1000:6.1f} = {value.wall / baseline.wall:5.2f}"
        f"   target {target}"
    )


def main() -> None:  # noqa: PLR0915 (one measure after another)
    """Run every measure and print its ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instruments", type=int, default=2000)
    parser.add_argument("--corpus-mb", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        cache = {"ITU_GOVERNANCE_CACHE_DIR": str(Path(scratch) / "cache")}
        off = {"ITU_GOVERNANCE_CACHE_DIR": ""}
        networkx = fresh("import networkx")
        print(
            f"baseline: a fresh `import networkx` takes {networkx.cpu * 1000:.1f} ms CPU, "
            f"{networkx.wall * 1000:.1f} ms wall"
        )

        load = "import itu_governance as itu; itu.load()"
        row("cold import + load, bundled data, cache off", fresh(load, off), networkx, "")
        fresh(load, cache, repeat=1)  # fill the cache
        row("cold import + load, bundled data, cache warm", fresh(load, cache), networkx, "<= 1.0")

        folder = Path(scratch) / "synthetic"
        synthetic.write_yaml(synthetic.generate(args.instruments, validate=True), folder)
        at = f"import itu_governance as itu; itu.load({str(folder)!r}, cache=False)"
        loaded, imported = fresh(at, off, repeat=3), fresh("import itu_governance", off, repeat=3)
        n = args.instruments
        each = Timing((loaded.cpu - imported.cpu) / n, (loaded.wall - imported.wall) / n)
        # issue 15's "before": 0.73 ms per instrument when a fresh `import networkx` took 70 ms
        print(
            f"{'first load per instrument (cache off), ' + str(args.instruments) + ' instruments':<58} "
            f"cpu {each.cpu * 1000:.3f} ms, wall {each.wall * 1000:.3f} ms; / import networkx: "
            f"cpu {each.cpu / networkx.cpu:.5f}, wall {each.wall / networkx.wall:.5f}   "
            f"target <= 0.00348 (issue 15: 0.73 / 70 = 0.0104, a third of it)"
        )
        small = Path(scratch) / "synthetic-quarter"
        synthetic.write_yaml(synthetic.generate(args.instruments // 4, validate=True), small)
        base = peak_kib(f"import itu_governance as itu; itu.load({str(small)!r}, cache=False)", off)
        peak = peak_kib(at, off)
        extra = args.instruments - args.instruments // 4
        label = "peak memory per extra instrument (cache off), N vs N/4"
        print(f"{label:<58} {(peak - base) / extra:9.1f} KiB  target <= 10")
        warm = f"import itu_governance as itu; itu.load({str(folder)!r})"
        fresh(warm, cache, repeat=1)
        row(f"second cold load, {args.instruments} instruments, cache warm", fresh(warm, cache), networkx, "<= 1.5")

        registry = itu.load()
        by_key = min(timeit.repeat(lambda: registry.resolution("council/res/1344"), number=2000, repeat=5))
        by_text = min(timeit.repeat(lambda: registry.resolution("Council Resolution 1344"), number=2000, repeat=5))
        row("lookup by citation text / by key (2000 calls)", Timing(by_text, by_text), Timing(by_key, by_key), "<= 5")

        status = command([str(BIN / "itu-governance"), "status", "Council Resolution 1344"], cache)
        row("CLI status / python -c 'import networkx'", status, networkx, "<= 1.5")

        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        rng = random.Random(0)
        sentence = "Recalling Resolution 102 (Rev. Dubai, 2018) and Council Resolution 1344 (Modified 2015). "
        filler = "The Council noted the report of the working group and its open consultations. " * 40
        largest, total = 0, 0
        while total < args.corpus_mb * 1_000_000:
            size = rng.choice((20_000, 200_000, 2_000_000))
            text = ((sentence + filler) * (size // (len(sentence) + len(filler)) + 1))[:size]
            (corpus / f"{total}.txt").write_text(text, encoding="utf-8")
            largest, total = max(largest, size), total + size
        registry_alone = peak_kib("import itu_governance as itu; itu.load().lint('Resolution 102', on=None)", cache)
        for word in ("extract", "lint"):
            rss = peak_of([str(BIN / "itu-governance"), word, "--json", "-j", "1", str(corpus)], cache)
            ratio = rss / (largest / 1024 + registry_alone)
            print(
                f"{word + ' --json of ' + str(total // 1_000_000) + ' MB, peak memory':<58} {rss / 1024:9.1f} MiB "
                f"/ ({largest / 2**20:.1f} MiB largest document + {registry_alone / 1024:.1f} MiB registry) "
                f"= {ratio:5.2f}   target <= 3"
            )


if __name__ == "__main__":
    main()

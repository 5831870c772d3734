"""Start-up, load, lookup and streaming costs, as ratios to baselines measured in the same run.

    python benchmarks/bench_load.py [--instruments 2000] [--corpus-mb 100]

Every figure is printed with its baseline, as a ratio, so the machine's speed cancels out:

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
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

import synthetic

import itu_governance as itu

BIN = Path(sys.executable).parent


def fresh(code: str, env: dict[str, str] | None = None, repeat: int = 7) -> float:
    """Median wall time of ``python -c code`` in a new interpreter."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **(env or {})})
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(args: list[str], env: dict[str, str] | None = None, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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


def row(name: str, value: float, baseline: float, target: str) -> None:
    print(f"{name:<58} {value * 1000:9.1f} ms / {baseline * 1000:8.1f} ms = {value / baseline:6.2f}   target {target}")


def main() -> None:
    """Run every measure and print its ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instruments", type=int, default=2000)
    parser.add_argument("--corpus-mb", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        cache = {"ITU_GOVERNANCE_CACHE_DIR": str(Path(scratch) / "cache")}
        off = {"ITU_GOVERNANCE_CACHE_DIR": ""}
        networkx = fresh("import networkx")
        print(f"baseline: a fresh `import networkx` takes {networkx * 1000:.1f} ms")

        load = "import itu_governance as itu; itu.load()"
        row("cold import + load, bundled data, cache off", fresh(load, off), networkx, "")
        fresh(load, cache, repeat=1)  # fill the cache
        row("cold import + load, bundled data, cache warm", fresh(load, cache), networkx, "<= 1.0")

        folder = Path(scratch) / "synthetic"
        synthetic.write_yaml(synthetic.generate(args.instruments, validate=True), folder)
        at = f"import itu_governance as itu; itu.load({str(folder)!r}, cache=False)"
        first = fresh(at, off, repeat=3) - fresh("import itu_governance", off, repeat=3)
        print(
            f"{'first load per instrument (cache off), ' + str(args.instruments) + ' instruments':<58} "
            f"{first / args.instruments * 1000:9.3f} ms   target <= 0.243 (0.73 ms / 3, issue 15's 'before')"
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
        row("lookup by citation text / by key (2000 calls)", by_text, by_key, "<= 5")

        status = command([str(BIN / "itu-governance"), "status", "Council Resolution 1344"], cache)
        row("CLI status wall time / python -c 'import networkx'", status, networkx, "<= 1.5")

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

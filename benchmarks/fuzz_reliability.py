"""The long fuzz run: many damaged data folders and adversarial texts; prints iterations and failures.

    python benchmarks/fuzz_reliability.py --loads 10000 --texts 1000000

A load passes when it raises a DataError whose every problem names a file of the tree and a
line, or when it gives a registry equal to a second load of the same bytes. A text passes when
extraction raises nothing and every span lies inside the text and matches it. Each failure is
printed with its seed, so it can be replayed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
import traceback
from pathlib import Path

from mutations import adversarial_text, mutate

import itu_governance as itu

MINIMAL = Path(__file__).parent.parent / "tests" / "data" / "minimal"


def _snapshot(registry: itu.Registry) -> list[object]:
    return [registry.get(key) for key in registry]


def fuzz_loads(count: int, seed: int) -> tuple[int, list[str]]:
    """``count`` loads of the minimal tree with one file damaged each time."""
    failures = []
    files = sorted(MINIMAL.rglob("*.yaml"))
    with tempfile.TemporaryDirectory() as scratch:
        for i in range(count):
            rng = random.Random(seed + i)
            root = Path(scratch) / str(i)
            shutil.copytree(MINIMAL, root)
            target = root / rng.choice(files).relative_to(MINIMAL)
            target.write_bytes(mutate(target.read_bytes(), rng))
            try:
                first = itu.load(root)
                if _snapshot(first) != _snapshot(itu.load(root)):
                    failures.append(f"load seed {seed + i}: two loads of the same bytes differ")
            except itu.DataError as error:
                bad = [p for p in error.problems if p.line is None or not (root / p.file).exists()]
                if bad:
                    failures.append(f"load seed {seed + i}: unlocated problem {bad[0]}")
            except Exception:  # noqa: BLE001 (any other exception is the failure being looked for)
                failures.append(f"load seed {seed + i}: {traceback.format_exc(limit=3)}")
            shutil.rmtree(root)
    return count, failures


def fuzz_texts(count: int, seed: int) -> tuple[int, list[str]]:
    """``count`` adversarial texts of up to 200 characters through extraction."""
    failures = []
    rng = random.Random(seed)
    for i in range(count):
        text = adversarial_text(rng, rng.randrange(200))
        try:
            bad = [c for c in itu.extract_citations(text) if text[slice(*c.span)] != c.text or c.span[0] >= c.span[1]]
            failures.extend(f"text {i} (seed {seed}): bad span {c.span} in {text!r}" for c in bad)
        except Exception:  # noqa: BLE001
            failures.append(f"text {i} (seed {seed}): {traceback.format_exc(limit=3)} on {text!r}")
    return count, failures


def main() -> None:
    """Run both fuzzers and print a line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=1000)
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for name, run, count in (("mutated loads", fuzz_loads, args.loads), ("extraction inputs", fuzz_texts, args.texts)):
        start = time.perf_counter()
        done, failures = run(count, args.seed)
        took = time.perf_counter() - start
        print(f"{name}: {done} iterations, {len(failures)} failures, {took:.0f} s")
        for failure in failures[:10]:
            print("  ", failure)


if __name__ == "__main__":
    main()

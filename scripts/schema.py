"""Write the JSON Schemas of the data files to ``schemas/``, or check they are current.

The schemas are generated from the model (:mod:`itu_governance._schema`); never edit them by
hand. ``python scripts/schema.py`` rewrites them; ``python scripts/schema.py --check`` exits 1,
naming the stale files, if the checked-in ones differ from what the model gives.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from itu_governance import _schema

ROOT = Path(__file__).resolve().parent.parent


def stale(folder: Path) -> list[str]:
    """The schema files in ``folder`` that are missing, differ from the model's, or are left over."""
    expected = _schema.render()
    found = {p.name for p in folder.glob("*.schema.json")}
    differing = [
        name
        for name, text in expected.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    return sorted({*differing, *(found - set(expected))})


def write(folder: Path) -> list[str]:
    """Write every schema to ``folder``, remove left-over ones; return the names of files changed."""
    changed = stale(folder)
    folder.mkdir(parents=True, exist_ok=True)
    expected = _schema.render()
    for name in changed:
        if name in expected:
            (folder / name).write_text(expected[name], encoding="utf-8", newline="\n")
        else:
            (folder / name).unlink()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the schema files are not current")
    parser.add_argument("--dir", type=Path, default=ROOT / "schemas", help="the folder of schema files")
    args = parser.parse_args(argv)
    if args.check:
        names = stale(args.dir)
        for name in names:
            print(f"stale: {args.dir / name}", file=sys.stderr)
        if names:
            print("run `python scripts/schema.py` to regenerate", file=sys.stderr)
        return 1 if names else 0
    for name in write(args.dir):
        print(f"wrote {args.dir / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

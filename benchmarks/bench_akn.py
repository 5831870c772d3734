"""Importing the PP-18 Final Acts (AKN4UN XML), linting and enriching them, next to a bare XML parse.

Run: ``python benchmarks/bench_akn.py [FILE]`` (default: ``shared/corpus/akn4itu/pp18_final_acts_akn.xml``
beside the checkout). Every timing is the median of a few runs and is printed as a ratio to
the time of a bare ``xml.etree.ElementTree.parse`` of the same file, so the machine's speed
cancels out:

- import: ``akn.read_akn(file, registry)`` (records, provisions, citations resolved);
- lint: ``registry.lint(text, on=2018-11-16, context=conf/pp-18)`` of the statements' text;
- enrich: ``akn.enrich(xml, registry)``, the XML with ``<ref>`` around each citation.

It also prints the share of the ITU citations of the text that resolve to a revision in the
dataset, and the reasons for the rest.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from _timing import median_time

import itu_governance as itu
from itu_governance import akn
from itu_governance.lint import LintReport

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "akn4itu" / "pp18_final_acts_akn.xml"
ON = dt.date(2018, 11, 16)


def lint(registry: itu.Registry, text: str) -> LintReport:
    """The lint of the Final Acts' text, as of their date, in their context (PP-18)."""
    return registry.lint(text, on=ON, context="PP-18")


def main() -> None:
    """Print the ratios, the share of citations resolved, and why the others are not."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    registry = itu.load()
    xml = args.file.read_text(encoding="utf-8")
    text = akn.document_text(args.file)

    t_parse = median_time(args.runs * 2, lambda: ET.parse(args.file))  # noqa: S314 (our own test file)
    t_import = median_time(args.runs, lambda: akn.read_akn(args.file, registry))
    report = lint(registry, text)  # also the warm-up: patterns compiled, gazetteer built
    runs = iter(range(args.runs))
    t_lint = median_time(args.runs, lambda: lint(registry, f"{text}\n{next(runs)}"))  # a new text each run
    t_enrich = median_time(args.runs, lambda: akn.enrich(xml, registry, on=ON, context="PP-18"))
    print(f"file: {args.file.name}, {len(xml.encode()) / 1e6:.2f} MB; text {len(text):,} characters")
    print(f"bare parse {t_parse * 1000:.0f} ms")
    print(f"import / parse = {t_import / t_parse:.1f}   [{t_import:.2f} s]")
    print(f"lint   / parse = {t_lint / t_parse:.1f}   [{t_lint:.2f} s]")
    print(f"enrich / parse = {t_enrich / t_parse:.1f}   [{t_enrich:.2f} s]")

    resolved = [r for r in report.resolved if r.revision is not None]
    share = len(resolved) / len(report.resolved) if report.resolved else 0.0
    print(f"ITU citations: {len(report.resolved)}; resolve to a revision: {len(resolved)} ({share:.1%}, target >= 97%)")
    reasons = collections.Counter(
        (r.findings[0].code if r.findings else "no revision in force", r.citation.text)
        for r in report.resolved
        if r.revision is None
    )
    for (code, cited), count in sorted(reasons.items()):
        print(f"  {count} x {code}: {cited}")


if __name__ == "__main__":
    main()

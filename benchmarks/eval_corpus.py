"""Evaluate citation extraction on the hand-annotated corpus (tests/corpus), and on the PP-18 Final Acts.

Run: ``python benchmarks/eval_corpus.py [--misses] [--pp18 FILE]``. Prints precision, recall and the
share of matched citations whose body and year are right, overall, per language and per body,
for the whole corpus, for the held-out files (``heldout: true``), for each held-out round
(``round:``) when there are several, and for the others;
with ``--pp18``, how many citations of the PP-18 Final Acts have a body and how many United
Nations resolutions ("Resolution 70/1") would be read as ITU ones.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from itu_governance import extract_citations
from test_corpus import Score, documents, evaluate, held_out_round


def line(name: str, s: Score) -> str:
    """One row of the table."""
    return (
        f"{name:10s} found {s.found:4d}  annotated {s.annotated:4d}  matched {s.matched:4d}  "
        f"precision {s.precision:.3f}  recall {s.recall:.3f}  body+year {s.body_year_share:.3f}"
    )


def pp18(path: Path) -> None:
    """Counts on the PP-18 Final Acts (all text nodes joined), without context and in their own (PP-18).

    How many citations, how many without a body, how many United Nations resolutions would be read
    as ITU's (a number followed by "/<digit>"), how many have their session, and how many resolve to
    a revision of the bundled dataset on the last day of the conference.
    """
    import datetime as dt  # noqa: PLC0415

    from bench_citations import pp18 as read  # noqa: PLC0415

    import itu_governance as itu  # noqa: PLC0415

    text = read(path)
    registry = itu.load()
    for context in (None, "PP-18"):
        found = extract_citations(text, context=context)
        bodiless = [c for c in found if c.body is None]
        un = [c for c in found if re.match(r"\s*/\s*\d", text[c.span[1] : c.span[1] + 4])]
        sessions = sum(c.conference is not None for c in found)
        resolved = sum(
            registry.resolve(c, on=dt.date(2018, 11, 16), context=context).revision is not None for c in found
        )
        print(
            f"PP-18 Final Acts, context {context}: {len(found)} citations, {len(bodiless)} without a body, "
            f"{len(un)} followed by '/<digit>' (a UN resolution read as ITU's), {sessions} with their session, "
            f"{resolved} resolved to a revision of the dataset"
        )
        for c in bodiless[:10]:
            print(f"    no body: {c.text!r} candidates={c.candidates}")


def main() -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every miss, extra and wrong body or year")
    parser.add_argument("--round", type=int, dest="round_", help="with --misses: only those of this held-out round")
    parser.add_argument("--pp18", type=Path, help="the PP-18 Final Acts in Akoma Ntoso XML")
    args = parser.parse_args()
    rounds = sorted({r for _, doc in documents() if (r := held_out_round(doc)) is not None})
    parts = [("whole corpus", None, None), ("held-out files, blind rounds aside", True, None)]
    parts += [(f"held-out round {r}", True, r) for r in rounds] if len(rounds) > 1 else []
    parts += [("the other files", False, None)]
    for name, part, round_ in parts:
        total, per_lang, per_body, passages = evaluate(heldout=part, round_=round_)
        print(f"{name}: {passages} passages")
        print(line("all", total))
        for lang in sorted(per_lang):
            print(line(lang, per_lang[lang]))
        for body in sorted(per_body):
            print(line(body, per_body[body]))
        print()
    if args.misses:
        part = None if args.round_ is None else True
        print("\n".join(evaluate(heldout=part, round_=args.round_)[0].misses))
    if args.pp18 is not None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        pp18(args.pp18)


if __name__ == "__main__":
    main()

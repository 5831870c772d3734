"""The evaluation corpus: real passages annotated by hand (tests/corpus), scored against extraction.

A found citation matches an annotated one when their spans overlap and their kind and number are
equal (one to one, in text order). Precision, recall, and the share of matched citations whose
body and year are both right are reported per language and per body by
``benchmarks/eval_corpus.py``; this test holds them to their floors.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

import itu_governance as itu
from itu_governance.citations import Context

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.glob("*/*.yaml"))

# The targets: precision 0.98, recall 0.97, body and year right 0.97, on the whole corpus
# and on each round of its held-out files alone (files marked ``heldout: true``, added after the
# engine was written, to measure it on text it was not built from; see tests/corpus/README.md).
FLOORS = {"precision": 0.98, "recall": 0.97, "body_year": 0.97}
# Rounds kept blind: measured and reported (benchmarks/eval_corpus.py), counted in the whole corpus,
# but held to the targets only once fixes have been made against them, so that they still measure
# the engine on text it was not tuned to (tests/corpus/README.md).
BLIND_ROUNDS = frozenset({4})


@attrs.define
class Score:
    """Counts for one slice of the corpus."""

    found: int = 0
    annotated: int = 0
    matched: int = 0
    body_year: int = 0
    session: int = 0
    misses: list[str] = attrs.Factory(list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.annotated if self.annotated else 1.0

    @property
    def body_year_share(self) -> float:
        return self.body_year / self.matched if self.matched else 1.0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.annotated += other.annotated
        self.matched += other.matched
        self.body_year += other.body_year
        self.session += other.session
        self.misses += other.misses


def documents() -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every corpus file, parsed."""
    for path in FILES:
        with path.open(encoding="utf-8") as handle:
            yield path, yaml.safe_load(handle)


def _span(text: str, match: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.find(match, start + 1)
        if start < 0:
            msg = f"{match!r} (occurrence {occurrence}) is not in the passage {text!r}"
            raise ValueError(msg)
    return start, start + len(match)


def score_passage(passage: dict[str, Any], context: Context | None, where: str) -> tuple[Score, dict[str, Score]]:
    """The score of one passage, overall and per annotated body."""
    text = passage["text"]
    found = itu.extract_citations(text, context=context)
    wanted = passage.get("citations") or []
    total = Score(found=len(found), annotated=len(wanted))
    by_body: dict[str, Score] = defaultdict(Score)
    used: set[int] = set()
    for ann in wanted:
        start, end = _span(text, ann["match"], ann.get("occurrence", 1))
        body = ann.get("body") or "none"
        by_body[body].annotated += 1
        hit = next(
            (
                i
                for i, c in enumerate(found)
                if i not in used
                and c.span[0] < end
                and start < c.span[1]
                and c.kind.value == ann["kind"]
                and c.number == ann["number"]
            ),
            None,
        )
        if hit is None:
            total.misses.append(f"{where}: missed {ann['match']!r}")
            continue
        used.add(hit)
        c = found[hit]
        total.matched += 1
        by_body[body].matched += 1
        by_body[body].found += 1
        right = (c.body.value if c.body else None) == ann.get("body") and c.year == ann.get("year")
        total.body_year += right
        by_body[body].body_year += right
        total.session += getattr(c, "conference", None) == ann.get("session")
        if not right:
            got = f"{c.body.value if c.body else None} {c.year}"
            total.misses.append(
                f"{where}: {ann['match']!r} read as {got}, annotated {ann.get('body')} {ann.get('year')}"
            )
    for i, c in enumerate(found):
        if i not in used:
            total.misses.append(f"{where}: extra {c.text!r}")
            by_body["(extra)"].found += 1
    return total, by_body


def held_out_round(doc: dict[str, Any]) -> int | None:
    """The held-out round a corpus file belongs to (``round:``, 1 if unstated), ``None`` if not held out."""
    return int(doc.get("round", 1)) if doc.get("heldout") else None


def evaluate(
    *, heldout: bool | None = None, round_: int | None = None
) -> tuple[Score, dict[str, Score], dict[str, Score], int]:
    """Score the corpus: overall, per language, per body; and the number of passages.

    ``heldout`` picks the part: ``None`` the whole corpus, ``True`` only the files marked
    ``heldout: true`` (added after the engine was written, each round annotated before the engine
    was measured on it), ``False`` only the others; ``round_`` narrows the held-out part to one round.
    """
    total = Score()
    per_lang: dict[str, Score] = defaultdict(Score)
    per_body: dict[str, Score] = defaultdict(Score)
    passages = 0
    for path, doc in documents():
        if heldout is not None and bool(doc.get("heldout")) != heldout:
            continue
        if round_ is not None and held_out_round(doc) != round_:
            continue
        if heldout and round_ is None and held_out_round(doc) in BLIND_ROUNDS:
            continue  # the held-out files together: the rounds fixes were made against
        context = Context(body=doc.get("body"), conference=doc.get("conference"))
        for n, passage in enumerate(doc["passages"], 1):
            passages += 1
            score, by_body = score_passage(passage, context, f"{path.parent.name}/{path.name}#{n}")
            total.add(score)
            per_lang[doc["lang"]].add(score)
            for body, part in by_body.items():
                per_body[body].add(part)
    return total, dict(per_lang), dict(per_body), passages


ROUNDS = sorted({r for _, doc in documents() if (r := held_out_round(doc)) is not None} - BLIND_ROUNDS)
# The whole corpus, the held-out files together, then each held-out round: (heldout, round_) by name.
PARTS = {"whole": (None, None), "heldout": (True, None)} | {f"heldout-round-{r}": (True, r) for r in ROUNDS}


@functools.cache
def _evaluation(part: str) -> tuple[Score, dict[str, Score], dict[str, Score], int]:
    heldout, round_ = PARTS[part]
    return evaluate(heldout=heldout, round_=round_)


def test_corpus_is_real_and_broad() -> None:
    """Every file names its source; every language is there; every match is in its passage."""
    langs: dict[str, int] = defaultdict(int)
    for path, doc in documents():
        assert str(doc.get("url", "")).startswith("http"), path
        assert doc["lang"] == path.parent.name, path
        langs[doc["lang"]] += len(doc["passages"])
        for passage in doc["passages"]:
            for ann in passage.get("citations") or []:
                _span(passage["text"], ann["match"], ann.get("occurrence", 1))
    assert set(langs) == {"ar", "en", "es", "fr", "ru", "zh"}


@pytest.mark.parametrize("round_", ROUNDS)
def test_held_out_rounds_cover_every_language(round_: int) -> None:
    """Each held-out round has at least five passages in each language and forty in all."""
    langs: dict[str, int] = defaultdict(int)
    for _, doc in documents():
        if held_out_round(doc) == round_:
            langs[doc["lang"]] += len(doc["passages"])
    assert sum(langs.values()) >= 40
    assert all(langs[lang] >= 5 for lang in ("ar", "en", "es", "fr", "ru", "zh")), dict(langs)


@pytest.mark.parametrize("measure", list(FLOORS))
def _value(total: Score, measure: str) -> float:
    return {"precision": total.precision, "recall": total.recall, "body_year": total.body_year_share}[measure]


@pytest.mark.parametrize("measure", list(FLOORS))
@pytest.mark.parametrize("part", list(PARTS))
def test_scores_hold(part: str, measure: str) -> None:
    total = _evaluation(part)[0]
    assert _value(total, measure) >= FLOORS[measure], "\n".join(total.misses[:40])


def test_not_itu_look_alikes_are_not_extracted() -> None:
    """No found citation overlaps a substring the annotators marked as not an ITU instrument (blind rounds aside)."""
    wrong = []
    for path, doc in documents():
        if held_out_round(doc) in BLIND_ROUNDS:
            continue
        for passage in doc["passages"]:
            text = passage["text"]
            found = itu.extract_citations(text, context=Context(body=doc.get("body"), conference=doc.get("conference")))
            for look_alike in passage.get("not_itu") or []:
                start = text.find(look_alike)
                end = start + len(look_alike)
                wrong += [
                    f"{path.name}: {c.text!r}" for c in found if start >= 0 and c.span[0] < end and start < c.span[1]
                ]
    assert not wrong

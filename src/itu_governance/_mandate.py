"""Mandates: a body's mandate clauses in force on a date, and what a topic matches in them.

Re-exported by :mod:`itu_governance.rules`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Final

import attrs

from itu_governance import _kinds, _memo, _words
from itu_governance._eligibility import in_force_basis
from itu_governance.models import MandateClause, Provision

if TYPE_CHECKING:
    from itu_governance.registry import Registry


def mandate(registry: Registry, body: str, on: dt.date | None = None) -> list[MandateClause]:
    """The mandate clauses of ``body`` in force on ``on``, each with its basis revision."""
    group = _kinds.as_group(registry.body(body))
    day = registry.as_of(on)
    if group is None:
        return []
    return [c for c in group.mandate if in_force_basis(registry, c.basis, day)]


@attrs.frozen(kw_only=True)
class MandateMatch:
    """A mandate clause or listed issue that a topic matches, and how well.

    ``basis`` is the revision that states the text; ``words`` the topic's words found in it
    (an ITU topic term as the topic wrote it); ``score`` the share of the topic's weight the
    text holds, from :data:`THRESHOLD` to 1.
    """

    clause: str
    text: str
    basis: str
    words: tuple[str, ...]
    score: float


THRESHOLD: Final = 0.35
"""The least score a clause needs to match: chosen on the evaluation set in ``tests/test_mandate_meaning.py``.

See docs/rules.md ("How a topic is matched") for the figures it gives.
"""


class _Weights:
    """How much each term tells: its inverse document frequency over every text of one registry.

    The texts are every title, name, consultation topic, provision and mandate clause, so a
    word the dataset uses everywhere ("internet", "policy") weighs little and a word it never
    uses (a topic outside the data) weighs most.
    """

    __slots__ = ("_df", "_n")

    def __init__(self, texts: Iterable[str]) -> None:
        df: dict[str, int] = {}
        n = 0
        for text in texts:
            n += 1
            for term in _term_set(text):
                df[term] = df.get(term, 0) + 1
        self._df = df
        self._n = n

    def __call__(self, term: str) -> float:
        return math.log((self._n + 1) / (self._df.get(term, 0) + 1)) + 1.0


def _term_set(text: str, lang: str | None = None) -> frozenset[str]:
    found = _words.terms(text, lang or _words.language_of(text))
    return frozenset(t.term for t in found) | _words.concepts(found)


def _texts(registry: Registry) -> Iterator[str]:
    for res in registry.resolutions():
        yield from res.titles.values()
        for rev in res.revisions:
            yield from rev.titles.values()
            yield from (p.text for p in rev.provisions)
    for body in registry.bodies():
        yield from body.names.values()
        yield from (c.text for c in getattr(body, "mandate", ()))
    for consultation in registry.consultations():
        yield from consultation.topics.values()


_weights: Final = _memo.per_registry(lambda registry: _Weights(dict.fromkeys(_texts(registry))))


def _unit_match(term: str, concept: _words.Concept | None, doc: frozenset[str], weight: _Weights) -> float:
    """How much of one topic unit a text holds: 1 for the term or concept itself, else the best part of a form.

    A concept's longer form counts by the weight of its terms the text holds ("cybersecurity"
    meets a text on "security" through "confidence and security in the use of ICTs").
    """
    if term in doc:
        return 1.0
    if concept is None:
        return 0.0
    best = 0.0
    for form in concept.forms:
        if len(form) > 1:
            total = sum(weight(t) for t in form)
            best = max(best, sum(weight(t) for t in form if t in doc) / total)
    return best


def score(registry: Registry, topic: str, text: str, *, lang: str | None = None) -> tuple[float, tuple[str, ...]]:
    """The score of a text for a topic, 0 to 1, and the topic's words it matched.

    Each content word of the topic (stemmed, function words left out, an ITU topic term written
    any of its ways counted once) weighs its inverse document frequency over the dataset; the
    score is the weighted share of the topic the text holds.

    >>> import itu_governance as itu
    >>> from itu_governance._mandate import score
    >>> score(itu.load(), "Internet exchange points", "operation of IXPs")
    (1.0, ('internet exchange points',))
    """
    weight = _weights(registry)
    topic_units = _topic_units(topic, lang)
    return _score(topic_units, _term_set(text, "en"), weight)


def _topic_units(topic: str, lang: str | None) -> list[tuple[_words.Term, _words.Concept | None]]:
    found = _words.units(_words.terms(topic, lang or _words.language_of(topic)))
    return list({t.term: (t, c) for t, c in found}.values())


def _score(
    topic_units: list[tuple[_words.Term, _words.Concept | None]], doc: frozenset[str], weight: _Weights
) -> tuple[float, tuple[str, ...]]:
    total = sum(weight(t.term) for t, _ in topic_units)
    if not total:
        return 0.0, ()
    got = 0.0
    words = []
    for term, concept in topic_units:
        part = _unit_match(term.term, concept, doc, weight)
        if part:
            got += weight(term.term) * part
            words.append(term.word)
    return round(got / total, 6), tuple(sorted(words))


def within_mandate(
    registry: Registry, body: str, topic: str, on: dt.date | None = None, *, lang: str | None = None
) -> list[MandateMatch]:
    """The mandate clauses, and issues incorporated by reference, that a topic matches.

    Best first; an empty list when nothing matches.

    The issues come from the provisions of the instruments the clauses cite (for CWG-Internet,
    the list in Annex 1 of Council Resolution 1305), as stated by the latest revision of each
    adopted by ``on`` whose text the data holds. A topic matches a clause by meaning, not by
    shared common words: its content words are stemmed (Snowball, in the topic's language:
    ``lang``, or the one its script tells, English for Latin script), ITU topic terms are
    compared in all their sourced forms ("IXP", "Internet exchange point"), and each word
    weighs by how rare it is in the dataset. A clause matches when it holds at least
    :data:`THRESHOLD` of the topic's weight (see docs/rules.md for how that was chosen).

    >>> import datetime as dt, itu_governance as itu
    >>> [(m.clause, m.basis) for m in itu.load().within_mandate("CWG-Internet", "expanding Internet connectivity",
    ...                                                         on=dt.date(2021, 1, 27))][:2]
    [('Annex 1 (ii)', 'council/res/1305@2009'), ('invites Member States 2', 'pp/res/102@2018')]
    """
    return [m for m in scored(registry, body, topic, on, lang=lang) if m.score >= THRESHOLD]


def scored(
    registry: Registry, body: str, topic: str, on: dt.date | None = None, *, lang: str | None = None
) -> list[MandateMatch]:
    """Every candidate clause with its score for a topic, above or below :data:`THRESHOLD`, best first.

    What :func:`within_mandate` filters; the evaluation set reads it to choose the threshold.
    Clauses that score 0 are left out.
    """
    if lang is not None and lang not in _words.LANGS:
        msg = f"lang must be one of {', '.join(_words.LANGS)}, got {lang!r}"
        raise ValueError(msg)
    candidates: list[tuple[str, str, str]] = []
    for clause in mandate(registry, body, on):
        candidates.append((clause.clause, clause.text, clause.basis))
        for citation in _cited(clause.text):
            candidates.extend((p.clause, p.text, key) for key, p in _provisions(registry, citation, on))
    candidates = list(dict.fromkeys(candidates))  # two clauses citing one instrument give its issues once
    weight = _weights(registry)
    topic_units = _topic_units(topic, lang)
    topic_terms = frozenset(t.term for t, _ in topic_units)
    ranked = []
    for label, text, basis in candidates:
        doc = _term_set(text, "en")
        value, words = _score(topic_units, doc, weight)
        if value > 0:
            # of two clauses that hold as much of the topic, the one that says less else comes first
            focus = _score([(_words.Term(t, t), None) for t in doc], topic_terms, weight)[0]
            match = MandateMatch(clause=label, text=text, basis=basis, words=words, score=value)
            ranked.append((-value, -focus, basis, label, match))
    return [r[-1] for r in sorted(ranked, key=lambda r: r[:4])]


def _cited(text: str) -> list[str]:
    from itu_governance.citations import extract_citations  # noqa: PLC0415

    return [str(c) for c in extract_citations(text)]


def _provisions(registry: Registry, citation: str, on: dt.date | None) -> Iterator[tuple[str, Provision]]:
    instrument = registry.resolution(citation)
    day = registry.as_of(on)
    stated = [r for r in instrument.revisions if r.provisions and r.effective <= day]
    if stated:
        yield from ((stated[-1].key, p) for p in stated[-1].provisions)

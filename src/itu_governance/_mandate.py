"""Mandates: a body's mandate clauses in force on a date, and what a topic matches in them.

Re-exported by :mod:`itu_governance.rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

import attrs

from itu_governance import _kinds
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

    ``basis`` is the revision that states the text; ``words`` the topic's words found in it.
    """

    clause: str
    text: str
    basis: str
    words: tuple[str, ...]
    score: float


_STOPWORDS: Final = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "its",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "their",
        "all",
        "any",
        "such",
        "other",
        "those",
    ]
)


def _stems(text: str) -> dict[str, str]:
    """The content words of a text by a crude stem: their first six letters.

    So "protecting" meets "protection". Each stem maps to the word it came from.
    """
    words = (w for w in re.findall(r"[^\W_]+", text.casefold()) if w not in _STOPWORDS and len(w) > 2)
    return {w[:6]: w for w in words}


def within_mandate(registry: Registry, body: str, topic: str, on: dt.date | None = None) -> list[MandateMatch]:
    """The mandate clauses, and issues incorporated by reference, that a topic matches.

    Best first; an empty list when nothing matches.

    The issues come from the provisions of the instruments the clauses cite (for CWG-Internet,
    the list in Annex 1 of Council Resolution 1305), as stated by the latest revision of each
    adopted by ``on`` whose text the data holds. Words are compared by a crude stem; words
    that occur in more than a quarter of the candidate texts ("internet", for CWG-Internet) do
    not discriminate and are not matched.

    >>> import datetime as dt, itu_governance as itu
    >>> [m.clause for m in itu.load().within_mandate("CWG-Internet", "expanding Internet connectivity",
    ...                                               on=dt.date(2021, 1, 27))]
    ['Annex 1 (ii)']
    """
    candidates: list[tuple[str, str, str]] = []
    for clause in mandate(registry, body, on):
        candidates.append((clause.clause, clause.text, clause.basis))
        for citation in _cited(clause.text):
            candidates.extend((p.clause, p.text, key) for key, p in _provisions(registry, citation, on))
    vocabulary = [set(_stems(text)) for _, text, _ in candidates]
    common = {w for w in set().union(*vocabulary) if sum(w in words for words in vocabulary) * 4 > len(vocabulary)}
    topic_words = _stems(topic)
    wanted = set(topic_words) - common
    matches = []
    for (label, text, basis), words in zip(candidates, vocabulary, strict=True):
        found = wanted & words
        if found:
            matches.append(
                MandateMatch(
                    clause=label,
                    text=text,
                    basis=basis,
                    words=tuple(sorted(topic_words[w] for w in found)),
                    score=len(found) / len(wanted),
                )
            )
    return sorted(matches, key=lambda m: (-m.score, m.basis, m.clause))


def _cited(text: str) -> list[str]:
    from itu_governance.citations import extract_citations  # noqa: PLC0415

    return [str(c) for c in extract_citations(text)]


def _provisions(registry: Registry, citation: str, on: dt.date | None) -> Iterator[tuple[str, Provision]]:
    instrument = registry.resolution(citation)
    day = registry.as_of(on)
    stated = [r for r in instrument.revisions if r.provisions and r.effective <= day]
    if stated:
        yield from ((stated[-1].key, p) for p in stated[-1].provisions)

"""Find records by the words of their titles, names or topics, in the six languages.

Backs :meth:`itu_governance.Registry.search`. Every title (of an instrument and of each
revision), body name, short name and alias, conference name and alias, consultation topic and
meeting note is a *field* in one language. A query is cut into terms as each field's language
cuts text (:mod:`itu_governance._words`: folded, stemmed, function words out, Chinese by pairs
of characters) and a field scores the weighted share of the query's terms it holds, each term
weighing by how rare it is among all fields. A field equal to the query (a short name such as
"CWG-Internet") scores 1.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

import attrs

from itu_governance import _memo, _words
from itu_governance._patterns import fold

if TYPE_CHECKING:
    from itu_governance.registry import Registry

KINDS: Final = ("instrument", "body", "conference", "meeting", "consultation")


@attrs.frozen(kw_only=True)
class SearchHit:
    """One record a search found, with the field that matched best.

    ``key`` is the record's key (for an instrument, the instrument's, even when a revision's
    title matched: ``revision`` then names it); ``field`` is ``title``, ``name``,
    ``short_name``, ``alias``, ``topic`` or ``note``; ``lang`` the field's language (``None``
    for names written the same in every language); ``words`` the query's words found in it;
    ``score`` the share of the query's weight the field holds, 0 to 1.
    """

    key: str
    kind: str
    field: str
    lang: str | None
    text: str
    score: float
    words: tuple[str, ...]
    revision: str | None = None

    def __str__(self) -> str:
        where = f"{self.field}{f' [{self.lang}]' if self.lang else ''}"
        of = f" ({self.revision})" if self.revision else ""
        return f"{self.score:.2f} {self.key}{of} {where}: {self.text}"


@attrs.frozen
class _Field:
    key: str
    kind: str
    field: str
    lang: str | None
    text: str
    revision: str | None
    terms: frozenset[str]
    folded: str


_Raw = tuple[str, str, str, str | None, str, str | None]


def _instrument_fields(registry: Registry) -> Iterator[_Raw]:
    for res in registry.resolutions():
        for lang, text in res.titles.items():
            yield res.key, "instrument", "title", lang, text, None
        for rev in res.revisions:
            for lang, text in rev.titles.items():
                yield res.key, "instrument", "title", lang, text, rev.key


def _named_fields(registry: Registry) -> Iterator[_Raw]:
    for body in registry.bodies():
        for lang, text in body.names.items():
            yield body.key, "body", "name", lang, text, None
        yield body.key, "body", "short_name", None, body.short_name, None
        yield from ((body.key, "body", "alias", None, alias, None) for alias in body.aliases)
    for conf in registry.conferences():
        yield conf.key, "conference", "short_name", None, conf.short_name, None
        yield from ((conf.key, "conference", "alias", None, alias, None) for alias in conf.aliases)


def _raw_fields(registry: Registry) -> Iterator[_Raw]:
    yield from _instrument_fields(registry)
    yield from _named_fields(registry)
    for consultation in registry.consultations():
        for lang, text in consultation.topics.items():
            yield consultation.key, "consultation", "topic", lang, text, None
    for meeting in registry.meetings():
        if meeting.note:
            yield meeting.key, "meeting", "note", "en", meeting.note, None


class _Index:
    """The fields of one registry with their terms, and the weight of each term."""

    __slots__ = ("df", "fields", "n")

    def __init__(self, registry: Registry) -> None:
        fields = []
        for key, kind, field, lang, text, revision in dict.fromkeys(_raw_fields(registry)):
            found = _words.terms(text, lang)
            terms = frozenset(t.term for t in found) | _words.concepts(found)
            fields.append(_Field(key, kind, field, lang, text, revision, terms, fold(text)))
        self.fields: tuple[_Field, ...] = tuple(fields)
        df: dict[str, int] = {}
        for f in self.fields:
            for term in f.terms:
                df[term] = df.get(term, 0) + 1
        self.df = df
        self.n = len(self.fields)

    def weight(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0


_index: Final = _memo.per_registry(_Index)


def search(
    registry: Registry, text: str, lang: str | None = None, kind: str | None = None, limit: int | None = 10
) -> list[SearchHit]:
    """The records whose titles, names or topics hold the words of ``text``, best first.

    One hit per record (its best field); ties go to the shorter field, then by key.

    Raises:
        ValueError: a blank query, an unknown ``lang`` or ``kind``, or a negative ``limit``.
    """
    _check(text, lang, kind, limit)
    index = _index(registry)
    folded = fold(text)
    queries: dict[str | None, list[tuple[_words.Term, _words.Concept | None]]] = {}
    best: dict[str, tuple[float, int, SearchHit]] = {}
    for f in index.fields:
        if (kind is not None and f.kind != kind) or (lang is not None and f.lang not in {lang, None}):
            continue
        words: tuple[str, ...]
        if f.folded == folded:
            value, words = 1.0, (text,)
        else:
            field_lang = f.lang or lang or _words.language_of(text)
            if field_lang not in queries:
                found = _words.units(_words.terms(text, field_lang))
                queries[field_lang] = list({t.term: (t, c) for t, c in found}.values())
            value, words = _score(queries[field_lang], f.terms, index)
        if value <= 0:
            continue
        hit = SearchHit(
            key=f.key,
            kind=f.kind,
            field=f.field,
            lang=f.lang,
            text=f.text,
            score=value,
            words=words,
            revision=f.revision,
        )
        rank = (value, -len(f.text))
        if f.key not in best or rank > best[f.key][:2]:
            best[f.key] = (value, -len(f.text), hit)
    hits = sorted(best.values(), key=lambda b: (-b[0], -b[1], b[2].key))
    found_hits = [h for _, _, h in hits]
    return found_hits if limit is None else found_hits[:limit]


def _check(text: str, lang: str | None, kind: str | None, limit: int | None) -> None:
    if not text.strip():
        msg = "search: the query is blank; give one or more words"
        raise ValueError(msg)
    if lang is not None and lang not in _words.LANGS:
        msg = f"search: lang must be one of {', '.join(_words.LANGS)}, got {lang!r}"
        raise ValueError(msg)
    if kind is not None and kind not in KINDS:
        msg = f"search: kind must be one of {', '.join(KINDS)}, got {kind!r}"
        raise ValueError(msg)
    if limit is not None and limit < 0:
        msg = f"search: limit must be 0 or more, got {limit}"
        raise ValueError(msg)


def _score(
    units: list[tuple[_words.Term, _words.Concept | None]], terms: frozenset[str], index: _Index
) -> tuple[float, tuple[str, ...]]:
    total = sum(index.weight(t.term) for t, _ in units)
    if not total:
        return 0.0, ()
    got = [(t, index.weight(t.term)) for t, _ in units if t.term in terms]
    return round(sum(w for _, w in got) / total, 6), tuple(sorted(t.word for t, _ in got))

"""Words as search and mandate matching compare them: folded, stemmed, without function words.

A text becomes a sequence of *terms*. A word of Latin, Cyrillic or Arabic script is case- and
accent-folded and reduced to its stem by the Snowball stemmer of its language (English,
French, Spanish, Russian, Arabic); Chinese, written without spaces, becomes its pairs of
adjacent characters, split at particles. Function words (``words/stopwords.yaml``) are left out.
ITU topic terms written in more than one way (``words/topics.yaml``: "IXP" and "Internet
exchange point") are *concepts*: a text holding any form of one also holds the concept's term,
``~`` followed by the first form.

>>> [t.term for t in terms("Protecting children from abuse", "en")]
['protect', 'children', 'abus']
>>> [t.term for t in terms("互联网连接", "zh")]
['互联', '联网', '网连', '连接']
>>> concepts(terms("Internet exchange points", "en")) == {"~ixp"}
True
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

import attrs
import snowballstemmer

from itu_governance._patterns import ARABIC_MARKS, fold

LANGS: Final = ("ar", "en", "es", "fr", "ru", "zh")
_STEMMERS: Final = {"ar": "arabic", "en": "english", "es": "spanish", "fr": "french", "ru": "russian"}
_LATIN_STEMMED: Final = frozenset({"en", "es", "fr"})
_WORD: Final = re.compile(r"[^\W_]+")
_HAN: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MARKS: Final = re.compile(f"[{ARABIC_MARKS}]")
_LOCK: Final = threading.Lock()  # a Snowball stemmer keeps state while it stems a word


@attrs.frozen
class Term:
    """One term of a text: what is compared (``term``) and the word it came from (``word``)."""

    term: str
    word: str


def _script(char: str) -> str:
    if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" or "\ufb50" <= char <= "\ufeff":
        return "ar"
    if "\u0400" <= char <= "\u04ff":
        return "ru"
    if _HAN.match(char):
        return "zh"
    return "latin"


_SCRIPTS: Final = (
    ("ar", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("zh", _HAN),
)
_LATIN: Final = re.compile(r"[^\W\d_]")


def language_of(text: str) -> str | None:
    """The language a text's script tells (``ar``, ``ru``, ``zh``), or ``None`` for Latin script.

    >>> language_of("互联网"), language_of("Интернет"), language_of("Internet")
    ('zh', 'ru', None)
    """
    if text.isascii():
        return None
    counts = {lang: len(pattern.findall(text)) for lang, pattern in _SCRIPTS}
    best = max(counts, key=lambda lang: counts[lang])
    letters = len(_LATIN.findall(text))
    return best if counts[best] * 2 > letters else None


@functools.cache
def _stemmer(lang: str) -> Any:  # noqa: ANN401 (snowballstemmer ships no type hints)
    return snowballstemmer.stemmer(_STEMMERS[lang])


@functools.lru_cache(maxsize=65536)
def _stem(word: str, lang: str) -> str:
    """The folded stem of one case-folded word in ``lang``'s stemmer (accents go after stemming)."""
    with _LOCK:
        stem = str(_stemmer(lang).stemWord(word))
    return fold(stem)


def _packaged(name: str) -> Any:  # noqa: ANN401 (a YAML value tree, checked by the caller)
    """The value tree of a packaged ``words/`` file; a YAML problem raises with its position."""
    from itu_governance._yaml import read  # noqa: PLC0415 (the data is read on first use)

    text = (importlib.resources.files("itu_governance") / "words" / name).read_text("utf-8")
    doc, problems = read(text, f"words/{name}")
    if problems or doc is None:
        raise ValueError(str(problems[0]) if problems else f"words/{name}: empty")
    return doc.data


def check_stopwords(doc: object, file: str = "words/stopwords.yaml") -> dict[str, frozenset[str]]:
    """A stop-word table checked: six languages, each a list of words (a YAML boolean is refused).

    >>> check_stopwords({"en": ["of", False]})
    Traceback (most recent call last):
    ValueError: words/stopwords.yaml: en, item 2: expected a word, found False (quote yes/no/on/off)
    """
    if not isinstance(doc, dict):
        msg = f"{file}: expected a mapping of language code to words, found {type(doc).__name__}"
        raise ValueError(msg)  # noqa: TRY004 (bad data, reported as a value error like every data problem)
    table: dict[str, frozenset[str]] = {}
    for lang, words in doc.items():
        if lang not in LANGS or not isinstance(words, list):
            msg = f"{file}: {lang}: expected one of {', '.join(LANGS)} with a list of words"
            raise ValueError(msg)
        for i, word in enumerate(words, start=1):
            if not isinstance(word, str) or not word.strip():
                msg = f"{file}: {lang}, item {i}: expected a word, found {word!r} (quote yes/no/on/off)"
                raise ValueError(msg)
        table[lang] = frozenset(fold(w) for w in words)
    return table


@functools.cache
def _stopwords() -> Mapping[str, frozenset[str]]:
    return check_stopwords(_packaged("stopwords.yaml"))


def _word_lang(word: str, lang: str | None) -> str | None:
    """The stemmer a word takes: by its script; Latin words by ``lang`` (English if it is not Latin)."""
    script = _script(word[0])
    if script in {"ar", "ru"}:
        return script
    if script == "zh":
        return None
    return lang if lang in _LATIN_STEMMED else "en"


def _han_terms(run: str, stop: frozenset[str]) -> Iterator[Term]:
    """Pairs of adjacent characters of a run of Chinese, split at particles; a lone character alone."""
    for part in re.split("|".join(map(re.escape, sorted(stop, key=len, reverse=True))) or "(?!)", run):
        if len(part) == 1:
            yield Term(part, part)
        for i in range(len(part) - 1):
            yield Term(part[i : i + 2], part[i : i + 2])


@functools.lru_cache(maxsize=65536)
def _word_term(piece: str, lang: str | None) -> Term | None:
    """The term of one case-folded word without Chinese in it; ``None`` for a function word."""
    stops = _stopwords()
    word_lang = _word_lang(piece, lang)
    folded = fold(piece)
    if word_lang is None:
        return Term(folded, piece)
    if folded in stops.get(word_lang, frozenset()) or folded in stops["en"]:
        return None
    return Term(_stem(piece, word_lang), piece)


@functools.lru_cache(maxsize=4096)
def _terms(text: str, lang: str | None) -> tuple[Term, ...]:
    out: list[Term] = []
    for match in _WORD.finditer(_MARKS.sub("", text).casefold()):
        chunk = match.group()
        if not _HAN.search(chunk):
            term = _word_term(chunk, lang)
            if term is not None:
                out.append(term)
            continue
        for piece in re.split(f"({_HAN.pattern}+)", chunk):
            if _HAN.match(piece):
                out.extend(_han_terms(piece, _stopwords().get("zh", frozenset())))
            elif piece:
                term = _word_term(piece, lang)
                if term is not None:
                    out.append(term)
    return tuple(out)


def terms(text: str, lang: str | None = None) -> list[Term]:
    """The terms of a text, in order; ``lang`` picks the stemmer of Latin-script words (default English).

    >>> [t.term for t in terms("Réseaux fondés sur le protocole Internet", "fr")]
    ['reseau', 'fond', 'protocol', 'internet']
    """
    return list(_terms(text, lang))


@attrs.frozen
class Concept:
    """An ITU topic written in several ways (:data:`TOPICS`), each form as its terms."""

    term: str
    forms: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...]


def check_topics(doc: object, file: str = "words/topics.yaml") -> tuple[Concept, ...]:
    """A topic table checked and analysed: every entry has forms by language and at least one source.

    >>> check_topics([{"forms": {"en": ["IXP", "Internet exchange point"]}, "sources": []}])
    Traceback (most recent call last):
    ValueError: words/topics.yaml: entry 1 (IXP): expected at least one source with a ref and a note
    """
    if not isinstance(doc, list):
        msg = f"{file}: expected a list of entries, found {type(doc).__name__}"
        raise ValueError(msg)  # noqa: TRY004
    found = []
    for i, entry in enumerate(doc, start=1):
        forms_by_lang = entry.get("forms") if isinstance(entry, dict) else None
        if not isinstance(forms_by_lang, dict) or not forms_by_lang:
            msg = f"{file}: entry {i}: expected 'forms', a mapping of language code to forms"
            raise ValueError(msg)
        forms = [(lang, form) for lang, values in forms_by_lang.items() for form in (values or [])]
        if len(forms) < 2 or any(lang not in LANGS or not isinstance(f, str) for lang, f in forms):
            msg = f"{file}: entry {i}: expected two or more forms (strings) under language codes {', '.join(LANGS)}"
            raise ValueError(msg)
        sources = entry.get("sources")
        if (
            not isinstance(sources, list)
            or not sources
            or not all(isinstance(s, dict) and s.get("ref") and s.get("note") for s in sources)
        ):
            msg = f"{file}: entry {i} ({forms[0][1]}): expected at least one source with a ref and a note"
            raise ValueError(msg)
        analysed = tuple(dict.fromkeys(tuple(t.term for t in terms(form, lang)) for lang, form in forms))
        refs = tuple(str(s["ref"]) for s in sources)
        found.append(Concept(term="~" + fold(forms[0][1]), forms=tuple(f for f in analysed if f), sources=refs))
    return tuple(found)


@functools.cache
def topics() -> tuple[Concept, ...]:
    """The sourced table of ITU topic terms (``words/topics.yaml``), each form analysed into terms."""
    return check_topics(_packaged("topics.yaml"))


def _occurs(form: Sequence[str], seq: Sequence[str], start: int) -> bool:
    return tuple(seq[start : start + len(form)]) == tuple(form)


@functools.cache
def _by_first_term() -> Mapping[str, tuple[tuple[tuple[str, ...], Concept], ...]]:
    """Every form of every topic, longest first, under its first term."""
    table: dict[str, list[tuple[tuple[str, ...], Concept]]] = {}
    for concept in topics():
        for form in concept.forms:
            table.setdefault(form[0], []).append((form, concept))
    return {k: tuple(sorted(v, key=lambda fc: -len(fc[0]))) for k, v in table.items()}


def _form_at(seq: Sequence[str], i: int) -> tuple[tuple[str, ...], Concept] | None:
    return next((fc for fc in _by_first_term().get(seq[i], ()) if _occurs(fc[0], seq, i)), None)


def concepts(found: Iterable[Term]) -> set[str]:
    """The concept terms of every topic (:func:`topics`) one of whose forms occurs in a sequence of terms."""
    seq = [t.term for t in found]
    return {hit[1].term for i in range(len(seq)) if (hit := _form_at(seq, i)) is not None}


def units(found: Sequence[Term]) -> list[tuple[Term, Concept | None]]:
    """A query's terms with the concepts they spell: a form's terms become one unit for its concept.

    The longest form starting at each place wins; a term spelling no form stands for itself.
    """
    seq = [t.term for t in found]
    out: list[tuple[Term, Concept | None]] = []
    i = 0
    while i < len(seq):
        hit = _form_at(seq, i)
        if hit is None:
            out.append((found[i], None))
            i += 1
            continue
        form, concept = hit
        out.append((Term(concept.term, " ".join(t.word for t in found[i : i + len(form)])), concept))
        i += len(form)
    return out

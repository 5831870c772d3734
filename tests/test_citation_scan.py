"""The two-stage scan's shortcuts give the answers of the plain, slow way of reading.

Extraction finds candidate windows with one factored pattern and checks the words before a
citation with one backwards match; these tests compare both with what a plain reading does:
every position tried, every word looked for, every window searched forwards.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from itu_governance import _patterns as _p
from itu_governance import citations
from itu_governance.citations import Citation, _anchor_table, _forms, _Grammar, _languages, extract_citations

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from bench_citations import prose

LANGS = _languages()


def _forwards(ends: _p.EndsWith, flags: int) -> re.Pattern[str]:
    """The plain way: the words, then optional white space, at the end, tried at every position."""
    return re.compile(_p.alternation(ends.words, bounded=False) + _p.SPACE + r"\Z", flags)


@attrs.frozen
class _Hit:
    at: int
    word: str

    def start(self) -> int:
        return self.at

    def group(self) -> str:
        return self.word


class _PlainScan:
    """Stage 1 without the factored pattern: at each position, the longest prefilter word found there."""

    def __init__(self, words: list[str]) -> None:
        self.by_first: dict[str, list[str]] = {}
        for word in sorted(words, key=len, reverse=True):
            self.by_first.setdefault(word[0], []).append(word)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[_Hit]:
        i, end = pos, len(text) if endpos is None else endpos
        while i < end:
            word = next((w for w in self.by_first.get(text[i], ()) if text.startswith(w, i, end)), None)
            if word is None:
                i += 1
                continue
            yield _Hit(i, word)
            i += len(word)


def _plain_extract(text: str, monkeypatch: pytest.MonkeyPatch) -> list[Citation]:
    """Extraction through the plain stage 1 and the forwards search of the words before a citation."""
    plain: dict[Any, _Grammar] = {}
    for lang in LANGS:
        g = _forms(lang)
        plain[lang] = attrs.evolve(g, not_before=cast(Any, _forwards(g.not_before, g.flags)))
    table = {word: tuple(plain[g.lang] for g in grammars) for word, grammars in _anchor_table().items()}
    with monkeypatch.context() as patch:
        patch.setattr(citations, "_anchor_table", lambda: table)
        patch.setattr(citations, "_anchor_pattern", lambda: _PlainScan(list(table)))
        return extract_citations(text)


def _everything(found: list[Citation]) -> list[tuple[Any, ...]]:
    """Each citation with the fields equality leaves out."""
    return [
        (c, c.lang, c.text, c.span, c.conference, c.candidates, c.basis, c.shared, c.irregular, c.body) for c in found
    ]


def test_the_pp18_final_acts_read_the_same_the_plain_way(final_acts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every citation of the PP-18 Final Acts, with its span, body and session, as the plain way finds it."""
    text = "".join(ET.parse(final_acts).getroot().itertext())  # noqa: S314 (a local, trusted file)
    fast = extract_citations(text)
    assert len(fast) > 400
    assert _everything(fast) == _everything(_plain_extract(text, monkeypatch))


def test_prose_in_six_languages_reads_the_same_the_plain_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark's prose, a citation every 3 KB in each of the six languages."""
    text = prose(0.3)
    fast = extract_citations(text)
    assert {c.lang for c in fast} == set(LANGS)
    assert _everything(fast) == _everything(_plain_extract(text, monkeypatch))


def _pieces(lang: Any) -> list[str]:
    g = _forms(lang)
    words = list(g.not_before.words)
    parts = {part for word in words for part in re.split(r"(\s+)", word)}
    return [
        *words,
        *parts,
        *{w.upper() for w in words},
        " ",
        "  ",
        "\u00a0",
        "\u0640",
        "\u064e",
        "e\u0301",
        "Resolution",
    ]


@pytest.mark.parametrize("lang", LANGS, ids=[lang.value for lang in LANGS])
@given(data=st.data())
def test_the_backwards_match_answers_as_the_forwards_search(lang: Any, data: st.DataObject) -> None:
    """Whatever the text before a citation, reading the words backwards finds what the forwards search finds."""
    g = _forms(lang)
    text = "".join(data.draw(st.lists(st.sampled_from(_pieces(lang)) | st.text(max_size=3), max_size=8)))
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(-2, end))
    expected = _forwards(g.not_before, g.flags).search(text, max(0, start), end) is not None
    assert g.not_before.search(text, start, end) == expected


@pytest.mark.parametrize("lang", LANGS, ids=[lang.value for lang in LANGS])
def test_every_word_before_a_citation_is_found_backwards(lang: Any) -> None:
    """Each listed word, as written, in capitals, followed by white space or with vowel marks, ends a window."""
    g = _forms(lang)
    assert g.not_before.words
    for word in g.not_before.words:
        capitals = word.upper() if g.flags & re.IGNORECASE else word
        # an Arabic word with a vowel mark after each letter, the last one too
        marked = "".join(f"{c}\u064e" if "\u0600" <= c <= "\u06ff" else c for c in word)
        for text in (f"x {word}", f"{capitals}  ", f"{word}\u00a0", marked):
            assert g.not_before.search(text, 0, len(text)), text
        assert not g.not_before.search(f"{word} x", 0, len(word) + 2)

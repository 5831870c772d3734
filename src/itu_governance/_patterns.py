r"""Regular expressions built from the citation forms: vocabulary words, slots and templates.

A template is literal text with ``{slot}`` placeholders and ``[optional]`` parts. In a template
a space is optional white space, ``(`` and ``)`` are half- or full-width brackets (white space
inside them allowed), ``,`` is any comma of the six languages and ``-`` any hyphen or dash.
Every quantifier is bounded, so one match attempt costs at most a bounded number of steps:
extraction stays linear.

>>> import re
>>> slots = {"modifier": r"(?P<modifier>Rev\.)", "year": r"(?P<year>\d{4})"}
>>> re.compile(template("({modifier} {year})", slots)).match("(Rev.2018)").group("year")
'2018'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

SPACE: Final = r"[\s\u00a0\u3000\u200b]{0,4}"  # optional white space, bounded
GAP: Final = r"[\s\u00a0\u3000]{1,4}"  # the space inside a vocabulary word
ARABIC_MARKS: Final = "\u0640\u064b-\u065f\u0670"
_STRIP_MARKS: Final = re.compile(f"[{ARABIC_MARKS}]")
_HYPHENS: Final = "-\u2010\u2011\u2012\u2013"
_BRACKETS: Final = {"(": f"[(（]{SPACE}", ")": f"{SPACE}[)）]", ",": "[,，،、]", "-": f"[{_HYPHENS}]"}


class TemplateError(ValueError):
    """A template that cannot be compiled: the message names it and the position."""


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Text as the vocabulary compares it: case, accents, Arabic marks and spacing ignored.

    >>> fold("Résolution  ") == fold("RESOLUTION")
    True
    """
    decomposed = unicodedata.normalize("NFD", _STRIP_MARKS.sub("", text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("\u0131", "i").replace("’", "'").split())


def _char(char: str) -> str:  # noqa: PLR0911 (one case per kind of character)
    """A regular expression for one character of a vocabulary word."""
    if char == " ":
        return GAP
    if char in _HYPHENS:  # PDF text loses soft hyphens: "ITUR"
        return f"[{_HYPHENS}]?"
    if char in "'’":
        return "['’]"
    if "\u0600" <= char <= "\u06ff":
        return re.escape(char) + f"[{ARABIC_MARKS}]*"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    if base != char and len(base) == 1:  # an accented letter: PDF text drops the accent, the letter or mangles it
        return f"[{re.escape(char)}{re.escape(base)}\ufffd]?"
    if char in "iI":
        return f"[{char}\u0131]"
    return re.escape(char)


def literal(word: str) -> str:
    """A regular expression for a vocabulary word: spaces stretch, accents and Arabic marks are optional.

    >>> bool(re.fullmatch(literal("Résolution"), "Resolution"))
    True
    """
    return "".join(_char(c) for c in _STRIP_MARKS.sub("", word))


def alternation(words: Iterable[str], *, bounded: bool) -> str:
    """The words as one alternation, longest first; ``bounded`` words end at a word boundary."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        part = literal(word)
        if bounded and word[-1:].isalpha():
            part += r"(?![^\W\d_])"
        parts.append(part)
    return "(?:" + "|".join(parts) + ")" if parts else r"(?!x)x"


@attrs.frozen
class Vocabulary:
    """One class of words (instrument types, bodies, modifiers...): a pattern and canonical values."""

    pattern: str
    values: Mapping[str, str]
    words: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def build(cls, table: Mapping[str, Iterable[str]], *, bounded: bool, flags: int) -> Vocabulary:
        """The vocabulary of ``{canonical: [forms...]}``."""
        pairs = [(form, canonical) for canonical, forms in table.items() for form in forms]
        return cls(
            pattern=alternation([form for form, _ in pairs], bounded=bounded),
            values={fold(form): canonical for form, canonical in pairs},
            words=tuple((re.compile(literal(form), flags), canonical) for form, canonical in pairs),
        )

    def value(self, text: str) -> str | None:
        """The canonical value of a matched form (``None`` only if nothing matches, never an error)."""
        found = self.values.get(fold(text))
        if found is not None:
            return found
        return next((canonical for pattern, canonical in self.words if pattern.fullmatch(text)), None)


class EndsWith:
    r"""Whether a stretch of text ends with one of some vocabulary words (then optional white space).

    The same answer as searching ``alternation(words) + SPACE + r"\Z"`` between ``pos`` and
    ``endpos``, found by one match of the reversed words at the end instead of an attempt at
    every position: the words of a vocabulary are sequences of one-character classes, so their
    reversal is exact.

    >>> ends = EndsWith(["General Assembly", "UNGA"], re.IGNORECASE)
    >>> ends.search("adopted by the general  assembly ", 0, 33), ends.search("the Assembly", 0, 12)
    (True, False)
    """

    def __init__(self, words: Iterable[str], flags: int) -> None:
        """Compile the reversed words, longest first, preceded by optional white space."""
        self.words: Final = tuple(sorted(set(words), key=lambda w: (-len(w), w)))
        parts = [_reversed(word) for word in self.words]
        self.pattern: Final = re.compile(SPACE + "(?:" + "|".join(parts) + ")" if parts else r"(?!x)x", flags)

    def search(self, text: str, pos: int, endpos: int) -> bool:
        """Whether ``text[pos:endpos]`` ends with one of the words."""
        return self.pattern.match(text[max(0, pos) : max(0, endpos)][::-1]) is not None


def _reversed(word: str) -> str:
    """The regular expression of :func:`literal` for the word read backwards."""
    out = []
    for char in reversed(_STRIP_MARKS.sub("", word)):
        if "\u0600" <= char <= "\u06ff":  # the marks follow their letter: read backwards, they come first
            out.append(f"[{ARABIC_MARKS}]*" + re.escape(char))
        else:
            out.append(_char(char))
    return "".join(out)


def template(text: str, slots: Mapping[str, str]) -> str:  # noqa: C901 (one branch per template character)
    """Compile a template into a regular expression, given the pattern of each slot.

    Raises:
        TemplateError: an unknown slot, an unclosed ``{`` or an unbalanced ``[``/``]``.
    """
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "{":
            close = text.find("}", i)
            if close < 0:
                msg = f"template {text!r}: unclosed '{{' at {i}"
                raise TemplateError(msg)
            name = text[i + 1 : close]
            if name not in slots:
                msg = f"template {text!r}: unknown slot {{{name}}} at {i} (known: {', '.join(sorted(slots))})"
                raise TemplateError(msg)
            out.append(slots[name])
            i = close + 1
            continue
        if char == "[":
            depth += 1
            out.append("(?:")
        elif char == "]":
            depth -= 1
            if depth < 0:
                msg = f"template {text!r}: ']' without '[' at {i}"
                raise TemplateError(msg)
            out.append(")?")
        elif char == " ":
            out.append(SPACE)
        elif char in _BRACKETS:
            out.append(_BRACKETS[char])
        else:
            out.append(_char(char))
        i += 1
    if depth:
        msg = f"template {text!r}: '[' without ']'"
        raise TemplateError(msg)
    return "".join(out)


def trie(words: Iterable[str]) -> str:
    """One regular expression for many literal words, factored by common prefixes.

    A factored alternation costs one comparison per character instead of one per word, which
    keeps the prefilter close to the speed of a plain keyword scan.

    >>> trie(["Res", "Rec", "Dec"])
    '(?:Dec|Re[cs])'
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = sorted(k for k in node if k)
        if not branches:
            return ""
        singles = [k for k in branches if list(node[k]) == [""]]
        parts = [re.escape(k) + emit(node[k]) for k in branches if k not in singles]
        if len(singles) == 1:
            parts.append(re.escape(singles[0]))
        elif singles:
            parts.append("[" + "".join(re.escape(k) for k in singles) + "]")
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root) if root else r"(?!x)x"

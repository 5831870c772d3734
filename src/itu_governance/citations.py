"""Citations of ITU instruments in the six official languages: parse, format, extract.

The grammar is shared; each language's words (instrument types, bodies, modifiers, places,
the brackets and commas it uses) live in ``citation_forms/<lang>.yaml`` together with real
examples, which the tests parse. Parsing is recursive descent over anchored regular
expressions, so :func:`parse_citation` can point at the exact character that failed and
extraction is linear in the length of the text.

>>> from itu_governance import parse_citation, format_citation
>>> c = parse_citation("Resolution 102 (Rev. Dubai, 2018)")
>>> c.number, c.year, c.place, c.modifier.value
(102, 2018, 'Dubai', 'revised')
>>> format_citation(c, lang="zh")
'第102号决议（2018年，迪拜，修订版）'
>>> parse_citation("第102号决议（2018年，迪拜，修订版）") == c
True
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

import attrs
from attrs import validators as v

from itu_governance._yaml import read
from itu_governance.errors import CitationError
from itu_governance.models import Designation, InstrumentType, Issuer, Lang, Revision, _Vocabulary

__all__ = [
    "Citation",
    "Modifier",
    "extract_citations",
    "format_citation",
    "parse_citation",
]


def __dir__() -> list[str]:
    return __all__


class Modifier(_Vocabulary):
    """What a citation says about the revision it means.

    ``REVISED`` ("Rev.") and ``MODIFIED`` ("Mod.", "Modified") name the same act, a later
    revision adopted in the given year: ITU texts use both for the same Council revision, and
    Chinese writes both as 修订版. Citations therefore compare equal across the two, while
    ``modifier`` keeps the word the text used.
    """

    REVISED = "revised"
    MODIFIED = "modified"
    LAST_AMENDED = "last-amended"


_ACT: Final = {Modifier.MODIFIED: Modifier.REVISED}


@attrs.frozen(kw_only=True)
class Citation:
    """One reference to an instrument, as written in a text.

    Two citations are equal when they mean the same thing, whatever the language, wording
    or position: ``lang``, ``text``, ``span`` and ``irregular`` do not take part in equality,
    and "Rev." equals "Mod." (see :class:`Modifier`).
    ``year`` is the year of the revision referred to (for "last amended C16", 2016);
    ``adopted`` is the year of adoption when the citation gives it separately ("C11, last
    amended C16"). ``place`` is the English name of the city. ``body`` is ``None`` when the
    text does not say which body issued the instrument (a registry then infers it).
    ``span`` is ``(start, end)`` in code points of the text it was found in.

    >>> str(Citation(kind="resolution", body="council", number=1336, year=2019, modifier="modified"))
    'Council Resolution 1336 (Modified 2019)'
    """

    kind: InstrumentType = attrs.field(converter=InstrumentType)
    number: int = attrs.field(validator=[v.instance_of(int), v.ge(1), v.le(99999)])
    body: Issuer | None = attrs.field(default=None, converter=attrs.converters.optional(Issuer))
    year: int | None = attrs.field(default=None, validator=v.optional([v.instance_of(int), v.ge(1865), v.le(2999)]))
    place: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))
    modifier: Modifier | None = attrs.field(
        default=None, converter=attrs.converters.optional(Modifier), eq=lambda m: _ACT.get(m, m)
    )
    adopted: int | None = attrs.field(default=None, validator=v.optional([v.instance_of(int), v.ge(1865)]))
    lang: Lang = attrs.field(default=Lang.EN, converter=Lang, eq=False)
    text: str = attrs.field(default="", eq=False)
    span: tuple[int, int] = attrs.field(default=(0, 0), eq=False)
    irregular: tuple[tuple[str, str], ...] = attrs.field(default=(), eq=False)

    @modifier.validator
    def _check_modifier(self, _attribute: attrs.Attribute[Any], value: Modifier | None) -> None:
        if value is not None and self.year is None:
            msg = f"a {value} citation needs a year"
            raise ValueError(msg)

    @adopted.validator
    def _check_adopted(self, _attribute: attrs.Attribute[Any], value: int | None) -> None:
        last_amended = self.modifier is Modifier.LAST_AMENDED
        if (value is None) == last_amended or (value is not None and (self.year is None or value > self.year)):
            msg = "'last amended' goes with an adoption year, no later than the year amended"
            raise ValueError(msg)

    @classmethod
    def of(cls, revision: Revision) -> Citation:
        """The citation that names ``revision`` exactly.

        >>> import itu_governance as itu
        >>> str(Citation.of(itu.load().revision("pp/res/102@2018")))
        'PP Resolution 102 (Rev. Dubai, 2018)'
        """
        modifier = {Designation.REVISED: Modifier.REVISED, Designation.MODIFIED: Modifier.MODIFIED}
        number = int(revision.instrument.rsplit("/", 1)[1])
        kind = {"res": "resolution", "dec": "decision", "rec": "recommendation"}[revision.instrument.split("/")[1]]
        place = None if revision.issuer is Issuer.COUNCIL else revision.place
        return cls(
            kind=kind,
            body=revision.issuer,
            number=number,
            year=revision.year,
            place=place,
            modifier=modifier.get(revision.designation),
        )

    def __str__(self) -> str:
        return format_citation(self, "en")

    def __repr__(self) -> str:
        return f"<Citation({str(self)!r})>"


# --- the vocabulary of each language -------------------------------------------------------

_SPACE: Final = r"[\s\u00a0\u3000]*"
_OPEN: Final = re.compile(_SPACE + r"[(（]" + _SPACE)
_CLOSE: Final = re.compile(_SPACE + r"[)）]")
_COMMA: Final = re.compile(_SPACE + r"[,，،、]" + _SPACE)
_YEAR: Final = re.compile(r"(?P<year>\d{4})(?!\d)")
_NUMBER: Final = re.compile(r"(?P<number>[1-9]\d{0,4})(?!\d)")
_WS: Final = re.compile(_SPACE)


# Arabic vowel marks and the tatweel: ITU texts write them or not, so matching ignores them.
_ARABIC_MARKS: Final = "\u0640\u064b-\u065f\u0670"
_STRIP_MARKS: Final = re.compile(f"[{_ARABIC_MARKS}]")


def _fold(text: str) -> str:
    return " ".join(_STRIP_MARKS.sub("", text).casefold().split())


def _literal(word: str) -> str:
    """A regular expression for one vocabulary word: spaces stretch, Arabic marks are optional."""
    parts = []
    for char in _STRIP_MARKS.sub("", word):
        if char == " ":
            parts.append(r"[\s\u00a0]+")
        else:
            parts.append(re.escape(char) + (f"[{_ARABIC_MARKS}]*" if "\u0600" <= char <= "\u06ff" else ""))
    return "".join(parts)


_LEFT_BOUNDARY: Final = r"(?<!\w)"


def _alternation(words: list[str], *, bounded: bool, open_end: bool = False) -> str:
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        part = _literal(word)
        if bounded and word[:1].isalnum():
            part = _LEFT_BOUNDARY + part
        if bounded and word[-1:].isalnum() and not open_end:
            part += r"(?!\w)"
        parts.append(part)
    return "|".join(parts) if parts else r"(?!x)x"


@attrs.frozen
class _Words:
    """A vocabulary class: one regular expression and the canonical value of each form."""

    pattern: re.Pattern[str]
    values: Mapping[str, str]

    @classmethod
    def build(cls, table: Mapping[str, list[str]], *, bounded: bool, flags: int, open_end: bool = False) -> _Words:
        values = {_fold(form): canonical for canonical, forms in table.items() for form in forms}
        forms = [form for forms in table.values() for form in forms]
        return cls(re.compile(_alternation(forms, bounded=bounded, open_end=open_end), flags), values)

    def value(self, match: re.Match[str]) -> str:
        return self.values[_fold(match.group())]


@attrs.frozen
class _Forms:
    """Everything the parser and formatter need to know about one language."""

    lang: Lang
    grammar: str
    kinds: _Words
    bodies_before: _Words
    bodies_after: _Words
    bodies_inside: _Words
    sessions: _Words
    session: re.Pattern[str]
    modifiers: _Words
    irregular: Mapping[str, str]
    conjunctions: re.Pattern[str]
    number_prefixes: re.Pattern[str]
    year_prefixes: re.Pattern[str]
    year_suffixes: re.Pattern[str]
    places: _Words
    place: re.Pattern[str]
    trigger: re.Pattern[str]
    format: Mapping[str, Any]
    examples: tuple[Mapping[str, Any], ...]
    lists: tuple[Mapping[str, Any], ...]
    raw: Mapping[str, Any]


_PLACE_WORD: Final = rf"[^\W\d_](?:[^\W\d_'’.\-]|[{_ARABIC_MARKS}])*"


@functools.cache
def _forms(lang: Lang) -> _Forms:
    name = f"{lang.value}.yaml"
    text = (importlib.resources.files("itu_governance") / "citation_forms" / name).read_text("utf-8")
    doc, problems = read(text, f"citation_forms/{name}")
    if doc is None or problems:  # pragma: no cover (the shipped files are tested)
        raise RuntimeError("\n".join(str(p) for p in problems))
    data: dict[str, Any] = doc.data
    western = data["grammar"] == "western"
    flags = re.IGNORECASE if western else 0

    def words(field: str) -> _Words:
        return _Words.build(data.get(field, {}), bounded=western, flags=flags)

    def literal(field: str) -> re.Pattern[str]:
        return re.compile(_alternation(data.get(field, []), bounded=western), flags)

    sessions = _Words.build(data.get("sessions", {}), bounded=western, flags=flags, open_end=True)
    session = re.compile(rf"(?P<who>{sessions.pattern.pattern})(?P<yy>\d{{4}}|\d{{2}})(?!\d)", flags)
    irregular = data.get("irregular", {})
    modifier_table = dict(data.get("modifiers", {}))
    for slip, meant in irregular.items():
        canonical = next(k for k, forms in modifier_table.items() if meant in forms)
        modifier_table[canonical] = [*modifier_table[canonical], slip]
    kinds, before = words("kinds"), words("bodies_before")
    if western:
        trigger = rf"{before.pattern.pattern}|{kinds.pattern.pattern}|{session.pattern}"
        place = rf"{_PLACE_WORD}(?:[ \-]{_PLACE_WORD}){{0,3}}"
    else:
        trigger = rf"{before.pattern.pattern}|第{_SPACE}\d"
        place = r"[^\W\d_,，、()（）]{1,12}"
    return _Forms(
        lang=lang,
        grammar=data["grammar"],
        kinds=kinds,
        bodies_before=before,
        bodies_after=words("bodies_after"),
        bodies_inside=words("bodies_inside"),
        sessions=sessions,
        session=session,
        modifiers=_Words.build(modifier_table, bounded=western, flags=flags),
        irregular=irregular,
        conjunctions=literal("conjunctions"),
        number_prefixes=literal("number_prefixes"),
        year_prefixes=literal("year_prefixes"),
        year_suffixes=literal("year_suffixes"),
        places=_Words.build(data.get("places", {}), bounded=western, flags=flags),
        place=re.compile(place, flags),
        trigger=re.compile(trigger, flags),
        format=data["format"],
        examples=tuple(data.get("examples", [])),
        lists=tuple(data.get("lists", [])),
        raw=data,
    )


def _languages() -> tuple[Lang, ...]:
    """The languages whose forms are shipped, English first."""
    root = importlib.resources.files("itu_governance") / "citation_forms"
    shipped = {entry.name.removesuffix(".yaml") for entry in root.iterdir() if entry.name.endswith(".yaml")}
    return tuple(lang for lang in (Lang.EN, Lang.FR, Lang.ES, Lang.RU, Lang.AR, Lang.ZH) if lang.value in shipped)


# --- parsing ---------------------------------------------------------------------------------


class _Fail(Exception):  # noqa: N818 (internal control flow, never seen by users)
    def __init__(self, position: int, expected: str) -> None:
        super().__init__(position, expected)
        self.position = position
        self.expected = expected


@attrs.define
class _Revision:
    year: int | None = None
    place: str | None = None
    modifier: Modifier | None = None
    adopted: int | None = None
    body: Issuer | None = None
    irregular: list[tuple[str, str]] = attrs.Factory(list)


@attrs.define
class _Item:
    number: int
    revision: _Revision | None = None
    body: Issuer | None = None


class _Scanner:
    """A position in a text and the anchored matches that move it forward."""

    def __init__(self, text: str, pos: int, forms: _Forms) -> None:
        self.text = text
        self.pos = pos
        self.forms = forms

    def take(self, pattern: re.Pattern[str], *, skip: bool = True) -> re.Match[str] | None:
        start = _WS.match(self.text, self.pos).end() if skip else self.pos  # type: ignore[union-attr]
        match = pattern.match(self.text, start)
        if match is not None:
            self.pos = match.end()
        return match

    def need(self, pattern: re.Pattern[str], expected: str, *, skip: bool = True) -> re.Match[str]:
        match = self.take(pattern, skip=skip)
        if match is None:
            start = _WS.match(self.text, self.pos).end() if skip else self.pos  # type: ignore[union-attr]
            raise _Fail(start, expected)
        return match

    def attempt(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """Match without moving: a look-ahead."""
        start = _WS.match(self.text, self.pos).end()  # type: ignore[union-attr]
        return pattern.match(self.text, start)


def _session_year(yy: str) -> int:
    """A session's year from "C19" or "C-1985": two digits are 1965-2064."""
    number = int(yy)
    if len(yy) == 4:
        return number
    return 1900 + number if number >= 65 else 2000 + number


def _read_session(s: _Scanner) -> tuple[Issuer, int] | None:
    match = s.take(s.forms.session)
    if match is None:
        return None
    who = s.forms.sessions.values[_fold(match.group("who"))]
    return Issuer(who), _session_year(match.group("yy"))


def _parse_western_revision(s: _Scanner) -> _Revision | None:
    """Read a bracketed revision in a Western grammar.

    revision = "(" ( session ["," last_amended session] | dated ) ")"

    dated = [modifier [","]] [body_inside [","]] ( [year_prefix] year | place [","] [year_prefix] year ) [year_suffix]
    """
    if s.take(_OPEN) is None:
        return None
    rev = _Revision()
    session = _read_session(s)
    if session is not None:
        rev.body, rev.year = session
        if s.take(_COMMA) is not None:
            s.need(s.forms.modifiers.pattern, "'last amended'")
            amended = _read_session(s)
            if amended is None:
                raise _Fail(s.pos, "a session like 'C16'")
            rev.adopted, rev.year, rev.modifier = rev.year, amended[1], Modifier.LAST_AMENDED
        s.need(_CLOSE, "')'")
        return rev
    modifier = s.take(s.forms.modifiers.pattern)
    if modifier is not None:
        rev.modifier = Modifier(s.forms.modifiers.value(modifier))
        if _fold(modifier.group()) in {_fold(k) for k in s.forms.irregular}:
            rev.irregular.append((modifier.group(), s.forms.irregular[modifier.group()]))
        s.take(_COMMA)
    inside = s.take(s.forms.bodies_inside.pattern)
    if inside is not None:
        rev.body = Issuer(s.forms.bodies_inside.value(inside))
        s.take(_COMMA)
    if s.take(s.forms.year_prefixes) is None and s.attempt(_YEAR) is None:
        place = s.need(s.forms.place, "a place or a year, as in '(Rev. Dubai, 2018)'")
        rev.place = _place(s.forms, place.group())
        s.take(_COMMA)
        s.take(s.forms.year_prefixes)
    rev.year = int(s.need(_YEAR, "a four-digit year").group("year"))
    s.take(s.forms.year_suffixes)
    s.need(_CLOSE, "')'")
    return rev


def _place(forms: _Forms, text: str) -> str:
    """The English name of a place written in this language (unknown places stay as written)."""
    return forms.places.values.get(_fold(text), " ".join(text.split()))


def _parse_western(s: _Scanner) -> list[_Item]:
    """Read a citation or list in a Western grammar (Latin, Cyrillic, Arabic scripts).

    citation = [body_before] kind item {conjunction [kind] item}

    item = [number_prefix] number [body_after] [revision] [body_after]
    """
    body: Issuer | None = None
    session = _read_session(s)
    if session is not None:
        body = session[0]
    elif (before := s.take(s.forms.bodies_before.pattern)) is not None:
        body = Issuer(s.forms.bodies_before.value(before))
    s.need(s.forms.kinds.pattern, "an instrument word such as 'Resolution'")
    items = [_western_item(s)]
    while True:
        mark = s.pos
        if s.take(s.forms.conjunctions) is None:
            break
        s.take(s.forms.conjunctions)  # ", and"
        s.take(s.forms.kinds.pattern)
        s.take(s.forms.number_prefixes)
        if s.attempt(_NUMBER) is None:
            s.pos = mark
            break
        items.append(_western_item(s))
    trailing = items[-1].body  # "Resolutions 32 (...) and 125 (...) of the Plenipotentiary Conference"
    for item in items:
        item.body = item.body or body or trailing
    return items


def _western_item(s: _Scanner) -> _Item:
    s.take(s.forms.number_prefixes)
    item = _Item(number=int(s.need(_NUMBER, "a number").group("number")))
    for _ in range(2):
        after = s.take(s.forms.bodies_after.pattern)
        if after is not None:
            item.body = Issuer(s.forms.bodies_after.value(after))
        if item.revision is None:
            item.revision = _parse_western_revision(s)
    return item


def _parse_chinese_revision(s: _Scanner) -> _Revision | None:
    """Read a bracketed revision in the Chinese grammar.

    revision = "（" part {"，" part} "）";  part = year "年" | modifier | session | place
    """
    if s.take(_OPEN) is None:
        return None
    rev = _Revision()
    while True:
        year = s.take(_YEAR)
        session = None if year else _read_session(s)
        if year is not None:
            rev.year = int(year.group("year"))
            s.need(re.compile(_SPACE + "年"), "'年' after the year")
        elif session is not None:
            rev.body, rev.year = session
        elif (modifier := s.take(s.forms.modifiers.pattern)) is not None:
            rev.modifier = Modifier(s.forms.modifiers.value(modifier))
            if modifier.group() in s.forms.irregular:
                rev.irregular.append((modifier.group(), s.forms.irregular[modifier.group()]))
        else:
            rev.place = _place(s.forms, s.need(s.forms.place, "a year, a place or a modifier").group())
        if s.take(_COMMA) is None:
            break
    s.need(_CLOSE, "'）'")
    if rev.year is None:
        raise _Fail(s.pos, "a year in the brackets")
    return rev


def _parse_chinese(s: _Scanner) -> list[_Item]:
    """Read a citation or list in the Chinese grammar.

    citation = [body_before] "第" number ["号"] {conjunction ["第"] number ["号"]} kind [revision]
    """
    body: Issuer | None = None
    before = s.take(s.forms.bodies_before.pattern)
    if before is not None:
        body = Issuer(s.forms.bodies_before.value(before))
    s.need(re.compile("第"), "'第' before the number")
    numbers = [int(s.need(_NUMBER, "a number").group("number"))]
    number_mark = re.compile(_SPACE + "号")
    s.take(number_mark)
    while True:
        mark = s.pos
        if s.take(s.forms.conjunctions) is None:
            break
        s.take(re.compile("第"))
        number = s.take(_NUMBER)
        if number is None:
            s.pos = mark
            break
        numbers.append(int(number.group("number")))
        s.take(number_mark)
    s.need(s.forms.kinds.pattern, "an instrument word such as '决议'")
    revision = _parse_chinese_revision(s)
    return [_Item(number=n, body=body, revision=revision) for n in numbers]


_GRAMMARS: Final = {"western": _parse_western, "chinese": _parse_chinese}


def _citations(items: list[_Item], kind: str, forms: _Forms, text: str, span: tuple[int, int]) -> list[Citation]:
    shared = items[-1].revision if all(i.revision is None for i in items[:-1]) else None
    result = []
    for item in items:
        rev = item.revision or shared or _Revision()
        result.append(
            Citation(
                kind=kind,
                number=item.number,
                body=item.body or rev.body,
                year=rev.year,
                place=rev.place,
                modifier=rev.modifier,
                adopted=rev.adopted,
                lang=forms.lang,
                text=text,
                span=span,
                irregular=tuple(rev.irregular),
            )
        )
    return result


def _parse_at(text: str, pos: int, forms: _Forms) -> tuple[list[Citation], int]:
    """Parse the longest citation (or list) starting at ``pos``; raise ``_Fail`` if none."""
    s = _Scanner(text, pos, forms)
    items = _GRAMMARS[forms.grammar](s)
    kind_match = forms.kinds.pattern.search(text, pos, s.pos)
    assert kind_match is not None  # noqa: S101 (the grammar requires the kind word)
    kind = forms.kinds.value(kind_match)
    start = _WS.match(text, pos).end()  # type: ignore[union-attr]
    try:
        return _citations(items, kind, forms, text[start : s.pos], (start, s.pos)), s.pos
    except ValueError as exc:  # e.g. a modifier without a year
        raise _Fail(start, f"a consistent citation ({exc})") from None


def _parse_whole(text: str, forms: _Forms) -> Citation:
    """Parse ``text`` as exactly one citation in one language; raise ``_Fail`` otherwise."""
    citations, end = _parse_at(text, 0, forms)
    end = _WS.match(text, end).end()  # type: ignore[union-attr]
    if end != len(text):
        raise _Fail(end, "the end of the citation")
    if len(citations) > 1:
        raise _Fail(citations[0].span[0], "a single citation, not a list (extract_citations reads lists)")
    return citations[0]


def parse_citation(text: str, lang: Lang | str | None = None) -> Citation:
    """Read one citation, strictly: the whole text must be one citation.

    Args:
        text: the citation, e.g. ``"Resolution 102 (Rev. Dubai, 2018)"``.
        lang: the language to read it in; ``None`` tries each of the six.

    Returns:
        The :class:`Citation`, with ``span`` covering the citation in ``text``.

    Raises:
        CitationError: the text is not one citation; the message shows where it failed.

    >>> parse_citation("Резолюция 102 (Пересм. Дубай, 2018 г.)").place
    'Dubai'
    >>> parse_citation("Resolution 102 (Rev Dubai)")
    Traceback (most recent call last):
    ...
    itu_governance.errors.CitationError: expected a four-digit year
        Resolution 102 (Rev Dubai)
                                 ^
    """
    if not isinstance(text, str):
        msg = f"expected a string, got {type(text).__name__}"
        raise TypeError(msg)
    languages = (Lang(lang),) if lang is not None else _languages()
    best: _Fail | None = None
    for code in languages:
        try:
            return _parse_whole(text, _forms(code))
        except _Fail as fail:  # noqa: PERF203 (one attempt per language; at most six)
            if best is None or fail.position > best.position:
                best = fail
    if best is None or not text.strip():
        best = _Fail(0, "a citation such as 'Resolution 102 (Rev. Dubai, 2018)'")
    raise CitationError(text, best.position, best.expected, None if lang is None else str(lang))


@functools.cache
def _trigger() -> re.Pattern[str]:
    """One pattern for the words that may start a citation in any language: one pass over a text.

    Each language's alternative is a named group ``l<index>``; case-insensitivity is scoped to
    the languages that have case.
    """
    parts = []
    for i, code in enumerate(_languages()):
        forms = _forms(code)
        flag = "(?i:" if forms.trigger.flags & re.IGNORECASE else "(?:"
        anonymous = re.sub(r"\(\?P<\w+>", "(?:", forms.trigger.pattern)  # group names repeat across languages
        # A leading look-behind hides the first characters from the regex engine's fast
        # prefilter, which makes the scan several times slower: _triggers checks the boundary.
        parts.append(f"(?P<l{i}>{flag}{anonymous.replace(_LEFT_BOUNDARY, '')}))")
    return re.compile("|".join(parts))


def _triggers(text: str) -> Iterator[tuple[int, list[_Forms]]]:
    """Positions where a citation may start, in order, each with the languages to try there.

    The language whose word matched comes first; others whose words also start there follow
    (English and Spanish share "Res.", for instance).
    """
    languages = [_forms(code) for code in _languages()]
    for match in _trigger().finditer(text):
        first = languages[int(str(match.lastgroup)[1:])]
        start = match.start()
        if first.grammar == "western" and start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue  # inside a word: "PRResolution" starts no citation
        others = [f for f in languages if f is not first and f.trigger.match(text, start)]
        yield start, [first, *others]


_CHAIN: Final = re.compile(_SPACE + r"(?:[,，、،]|and|et|y|и|و|和|及)?" + _SPACE + r"$", re.IGNORECASE)
_CHAIN_GAP: Final = 12  # how far apart two citations may be and still share a body


def _first_parse(text: str, start: int, candidates: list[_Forms]) -> tuple[list[Citation], int] | None:
    """The citation starting at ``start`` in the first language that reads one there."""
    for forms in candidates:
        try:
            return _parse_at(text, start, forms)
        except (_Fail, ValueError):  # noqa: PERF203 (a few languages at most)
            continue
    return None


def extract_citations(text: str) -> list[Citation]:
    """Find every citation in running text, in any of the six languages; never raise.

    Lists yield one citation per number ("Resolutions 102 and 140 (Rev. Dubai, 2018)"). A
    citation that follows another, joined only by a conjunction and without its own body,
    takes the previous one's issuing body ("理事会第1305号决议……和第1336号决议").

    >>> [str(c) for c in extract_citations("按照理事会第1305号决议（2019年，修订版）和第1336号决议（2019年，修版）")]
    ['Council Resolution 1305 (Rev. 2019)', 'Council Resolution 1336 (Rev. 2019)']
    """
    if not isinstance(text, str):
        return []
    found: list[Citation] = []
    end = 0
    for start, candidates in _triggers(text):
        if start < end:
            continue
        parsed = _first_parse(text, start, candidates)
        if parsed is None:
            continue
        citations, stop = parsed
        joined = start - end <= _CHAIN_GAP and _CHAIN.match(text, end, start) is not None
        if found and citations[0].body is None and joined and found[-1].body is not None:
            body = found[-1].body
            citations = [attrs.evolve(c, body=body) for c in citations]
        found.extend(citations)
        end = stop
    return found


# --- formatting ------------------------------------------------------------------------------


def format_citation(citation: Citation | Revision, lang: Lang | str = "en") -> str:
    """Write a citation, or a revision, in the house form of one of the six languages.

    >>> import itu_governance as itu
    >>> rev = itu.load().revision("council/res/1336@2019")
    >>> format_citation(rev, "en")
    'Council Resolution 1336 (Modified 2019)'
    >>> format_citation(rev, "zh")
    '理事会第1336号决议（2019年，修订版）'
    """
    if isinstance(citation, Revision):
        citation = Citation.of(citation)
    forms = _forms(Lang(lang))
    fmt = forms.format
    body = citation.body.value if citation.body else None
    revision = ""
    if citation.adopted is not None and citation.year is not None:
        names = fmt.get("session_names", {})
        if body not in names or "session" not in fmt:
            msg = f"no {forms.lang} house form is known for a 'last amended' citation of a {body} instrument"
            raise ValueError(msg)
        revision = fmt["session"].format(
            session=f"{names[body]}{citation.adopted % 100:02d}",
            amended=f"{names[body]}{citation.year % 100:02d}",
        )
    elif citation.year is not None:
        modifier = ""
        if citation.modifier is not None:
            modifier = fmt["modifier"].format(word=fmt["modifiers"][citation.modifier.value])
        place = ""
        if citation.place is not None:
            place = fmt["place"].format(place=_localised_place(forms, citation.place))
        revision = fmt["revision"].format(modifier=modifier, place=place, year=fmt["year"].format(year=citation.year))
    return str(fmt["citation"]).format(
        body_before=fmt.get("bodies_before", {}).get(body, "") if body else "",
        body_after=fmt.get("bodies_after", {}).get(body, "") if body else "",
        kind=fmt["kinds"][citation.kind.value],
        number=citation.number,
        revision=revision,
    )


def _localised_place(forms: _Forms, place: str) -> str:
    table: Mapping[str, list[str]] = forms.raw.get("places", {})
    return table[place][0] if place in table else place

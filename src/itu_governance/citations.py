"""Citations of ITU instruments in the six official languages: parse, format, extract, identify.

The grammar is data: each language's file ``citation_forms/<lang>.yaml`` lists its words
(instrument types, bodies, modifiers, session designations) and its *forms*, templates such
as ``({modifier} {place}[,] {year})``, each with real examples that the tests parse. The
parser is built from the templates. Extraction is a two-stage scan: one factored regular
expression finds the instrument words of the six languages at C speed, and the parser runs
only in a bounded window around each of them, so extraction is linear in the text.

Every citation says what the text determines: its issuing ``body`` and the session
(``conference``) of the revision it cites, from an explicit body word, a session
designation ("WRC-15", "C19"), the place and year of a conference (through the gazetteer of
conferences), the Council's numbering, and, last, the context of the citing document.

>>> from itu_governance import parse_citation, format_citation
>>> c = parse_citation("Resolution 102 (Rev. Dubai, 2018)")
>>> c.number, c.year, c.place, c.modifier.value, c.body.value, c.conference
(102, 2018, 'Dubai', 'revised', 'pp', 'conf/pp-18')
>>> format_citation(c, lang="zh")
'全权代表大会第102号决议（2018年，迪拜，修订版）'
>>> parse_citation("第102号决议（2018年，迪拜，修订版）") == c
True
"""

from __future__ import annotations

import functools
import importlib.resources
import operator
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import yaml
from attrs import validators as v

from itu_governance import _memo
from itu_governance import _patterns as _p
from itu_governance._yaml import read
from itu_governance.errors import CitationError
from itu_governance.models import Conference, Designation, InstrumentType, Issuer, Lang, Revision, _Vocabulary

if TYPE_CHECKING:
    from itu_governance.registry import Registry

__all__ = [
    "Citation",
    "Context",
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


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Citation:
    """One reference to an instrument, as written in a text.

    Two citations are equal when they mean the same thing, whatever the language, wording
    or position: ``lang``, ``text``, ``span``, ``irregular``, and what is derived from the
    meaning (``conference``, ``candidates``, ``basis``, ``shared``) do not take part in
    equality, and "Rev." equals "Mod." (see :class:`Modifier`).

    ``year`` is the year of the revision referred to (for "last amended C16", 2016);
    ``adopted`` is the year of adoption when the citation gives it separately ("C11, last
    amended C16"). ``place`` is the English name of the city. ``ra_revision`` is the revision
    number of a Radiocommunication Assembly resolution ("Resolution ITU-R 1-8": number 1,
    revision 8). ``body`` is the issuer the text and its context determine, ``None`` when they
    leave it open; ``conference`` is the key of the session of the revision cited, and
    ``candidates`` the sessions it may be when the text leaves that open (Dubai 2012 is both
    WTSA-12 and WCIT-12). ``basis`` says how the body was determined: ``"text"`` (a body
    word or a session designation), ``"gazetteer"`` (place and year), ``"list"`` (from the
    list it belongs to), ``"numbering"`` (Council numbers, from 1000 up) or ``"context"``.
    ``shared`` is true when the revision is written once after a later member of a list and
    applies to this one too ("Resolutions 102 and 140 (Rev. Dubai, 2018)").
    ``named_session`` is the key of the session a designation in the text names ("WTSA-16
    Resolution 1 ...", "(Rev. PP-18)"), kept even where the year or body disagree with it, so
    that lint can say so. ``span`` is ``(start, end)`` in code points of the text it was found in.

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
    ra_revision: int | None = attrs.field(default=None, validator=v.optional([v.instance_of(int), v.ge(0), v.le(99)]))
    conference: str | None = attrs.field(default=None, eq=False, validator=v.optional(v.instance_of(str)))
    candidates: tuple[str, ...] = attrs.field(default=(), eq=False, converter=_strings)
    basis: str | None = attrs.field(default=None, eq=False)
    shared: bool = attrs.field(default=False, eq=False)
    named_session: str | None = attrs.field(default=None, eq=False, validator=v.optional(v.instance_of(str)))
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
            conference=revision.adopted_by,
        )

    def __str__(self) -> str:
        return format_citation(self, "en")

    def __repr__(self) -> str:
        return f"<Citation({str(self)!r})>"


@attrs.frozen(kw_only=True)
class Context:
    """What is known of the document a citation is read in: its issuer and its session.

    A bare "Resolution 37" in a WTDC report is a WTDC resolution, and "Decision 5 of this
    conference" in the PP-18 Final Acts is PP-18's. Without a context nothing is guessed.
    ``extract_citations`` and ``Registry.lint`` also take a session ("PP-18", "conf/wtdc-17"),
    an issuer ("wtdc") or a :class:`~itu_governance.Conference` in its place.

    >>> Context(body="wtdc").body.value
    'wtdc'
    """

    body: Issuer | None = attrs.field(default=None, converter=attrs.converters.optional(Issuer))
    conference: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))


# --- the gazetteer: the sessions that adopt instruments, by place, year and designation -----------------


@attrs.frozen
class _Session:
    key: str
    type: str
    short_name: str
    year: int | None
    city: str | None
    names: tuple[str, ...]


_SHORT: Final = {
    "pp": "PP-",
    "council": "C",
    "wtsa": "WTSA-",
    "wtdc": "WTDC-",
    "ra": "RA-",
    "wrc": "WRC-",
    "wcit": "WCIT-",
    "wattc": "WATTC-",
}


class _Gazetteer:
    """Sessions indexed by city and year, by type and year, and by designation."""

    def __init__(self, sessions: Iterable[_Session]) -> None:
        self.by_place: dict[tuple[str, int], list[_Session]] = {}
        self.by_type: dict[tuple[str, int], list[_Session]] = {}
        self.by_name: dict[str, _Session] = {}
        self.by_city: dict[str, list[_Session]] = {}
        self.keys: set[str] = set()
        for s in sessions:
            self.keys.add(s.key)
            if s.year is not None:
                self.by_type.setdefault((s.type, s.year), []).append(s)
                if s.city:
                    words = _p.fold(s.city).replace("-", " ").split()
                    for i in range(len(words)):  # "Yasmine Hammamet" is also "Hammamet"
                        self.by_place.setdefault((" ".join(words[i:]), s.year), []).append(s)
                        self.by_city.setdefault(" ".join(words[i:]), []).append(s)
            for name in (s.short_name, *s.names, s.key):
                self.by_name.setdefault(_p.fold(name).replace(" ", "-"), s)

    def at(self, place: str, year: int) -> list[_Session]:
        key = _p.fold(place).replace("-", " ")
        return list(dict.fromkeys(self.by_place.get((key, year), [])))

    def held_in(self, place: str) -> list[_Session]:
        """Every session held in a city, in any year."""
        return list(dict.fromkeys(self.by_city.get(_p.fold(place).replace("-", " "), [])))

    def of(self, issuer: str, year: int) -> list[_Session]:
        return self.by_type.get((issuer, year), [])

    def session(self, issuer: str, year: int, written: str) -> str:
        """The key of the session "WRC-15", "CMR-97" or "C-1985" names."""
        short = _SHORT.get(issuer, issuer.upper() + "-")
        for name in (f"{short}{year % 100:02d}", f"{short}{year}", written):
            found = self.by_name.get(_p.fold(name).replace(" ", "-"))
            if found is not None and found.type == issuer:
                return found.key
        same = self.of(issuer, year)
        if len(same) == 1:
            return same[0].key
        return f"conf/{short.lower()}{year % 100:02d}" if year != 2000 else f"conf/{short.lower()}2000"

    def find(self, ref: str) -> _Session | None:
        return self.by_name.get(_p.fold(ref).replace(" ", "-"))


def _bundled_root() -> Any:  # noqa: ANN401 (a Traversable)
    packaged = importlib.resources.files("itu_governance") / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"  # pragma: no cover (checkout only)


@functools.cache
def _bundled_gazetteer() -> _Gazetteer:
    """The bundled conferences, read straight from their files (no full load, no network)."""
    folder = _bundled_root() / "conferences"
    sessions = []
    if folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith((".yaml", ".yml")):
                continue
            data = _conference_file(entry.read_text("utf-8"), entry.name)
            if not isinstance(data, dict) or "key" not in data or "type" not in data:
                continue
            start = str(data.get("start") or "")
            sessions.append(
                _Session(
                    key=str(data["key"]),
                    type=str(data["type"]),
                    short_name=str(data.get("short_name") or ""),
                    year=int(start[:4]) if start[:4].isdigit() else None,
                    city=data.get("city"),
                    names=tuple(str(a) for a in data.get("aliases") or ()),
                )
            )
    return _Gazetteer(sessions)


def _conference_file(text: str, name: str) -> Any:  # noqa: ANN401 (YAML is untyped)
    """A conference file's values: by the loader's lean YAML pass, or PyYAML's safe loader where that reports anything.

    The lean pass builds the safe loader's values without its constructor's Python work; a file
    it reports (a YAML 1.1 trap, an anchor) is read as the safe loader reads it, as before.
    """
    doc, problems = read(text, name)
    return yaml.load(text, Loader=_YamlLoader) if doc is None or problems else doc.data


try:  # the C parser when the PyYAML build has it
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover (pure-Python PyYAML builds)
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]


def _gazetteer(registry: Registry | None) -> _Gazetteer:
    return _bundled_gazetteer() if registry is None else _registry_gazetteer(registry)


_registry_gazetteer: Final = _memo.per_registry(
    lambda registry: _Gazetteer(_session_of(c) for c in registry.conferences())
)


def _session_of(conf: Conference) -> _Session:
    return _Session(conf.key, conf.type.value, conf.short_name, conf.year, conf.city, conf.aliases)


# --- the forms of each language ------------------------------------------------------------------------


@attrs.frozen
class _Form:
    id: str
    part: str
    template: str
    pattern: re.Pattern[str]


_SLOT_VOCABULARIES: Final = {
    "kind": "kinds",
    "body": "bodies_before",
    "body_after": "bodies_after",
    "inside": "bodies_inside",
    "modifier": "modifiers",
    "this": "this",
}
_YEAR: Final = r"(?:1[89]\d\d|2\d\d\d)(?!\d)"
_NUMBER: Final = r"[1-9]\d{0,4}(?![\d/])(?![.,]\d)"


@attrs.frozen
class _Grammar:
    """Everything the parser and formatter need to know about one language."""

    lang: Lang
    chinese: bool
    flags: int
    vocab: Mapping[str, _p.Vocabulary]
    sessions: _p.Vocabulary
    places: Mapping[str, str]
    place_forms: Mapping[str, str]
    heads: tuple[_Form, ...]
    revisions: tuple[_Form, ...]
    tails: tuple[_Form, ...]
    continuation: re.Pattern[str]
    closing: re.Pattern[str] | None
    not_before: _p.EndsWith
    not_after: re.Pattern[str]
    zh_part: re.Pattern[str] | None
    irregular: Mapping[str, str]
    names: tuple[tuple[re.Pattern[str], str], ...]
    articles: re.Pattern[str]
    anchors: tuple[str, ...]
    anchor: re.Pattern[str]
    format: Mapping[str, Any]
    examples: tuple[Mapping[str, Any], ...]
    lists: tuple[Mapping[str, Any], ...]
    raw: Mapping[str, Any]


def _read_forms(name: str) -> dict[str, Any]:
    text = (importlib.resources.files("itu_governance") / "citation_forms" / name).read_text("utf-8")
    doc, problems = read(text, f"citation_forms/{name}")
    if doc is None or problems:  # pragma: no cover (the shipped files are tested)
        raise RuntimeError("\n".join(str(p) for p in problems))
    data: dict[str, Any] = doc.data
    return data


@functools.cache
def _shared_places() -> dict[str, dict[str, list[str]]]:
    """``places.yaml``: the cities of the gazetteer in each language (empty if not shipped)."""
    root = importlib.resources.files("itu_governance") / "citation_forms" / "places.yaml"
    if not root.is_file():
        return {}
    data = _read_forms("places.yaml").get("places") or {}
    return {str(city): {k: list(val) for k, val in forms.items() if k != "sources"} for city, forms in data.items()}


def _group(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


_CJK: Final = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # ideographs and full-width forms: Chinese runs them into Latin


def _session_pattern(sessions: _p.Vocabulary, name: str) -> str:
    """A session designation ("WRC-15", "C-2000"): not inside a word, but right after Chinese ("见PP-06")."""
    return rf"(?<![^\W_{_CJK}])(?P<{name}_who>{sessions.pattern})(?P<{name}_yy>\d{{4}}|\d{{2}})(?![\d/])"


def _session_words(table: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Session prefixes: "WRC-" is also written "WRC " and "WRC" (a lost hyphen)."""
    out: dict[str, list[str]] = {}
    for issuer, forms in table.items():
        words = out.setdefault(issuer, [])
        for form in forms:
            words.append(form)
            if form.endswith("-") and len(form) > 2:
                words += [form[:-1] + " ", form[:-1]]
    return out


@functools.cache
def _forms(lang: Lang) -> _Grammar:  # noqa: C901, PLR0912, PLR0915 (one pass over one file)
    data = _read_forms(f"{lang.value}.yaml")
    english = data if lang is Lang.EN else _read_forms("en.yaml")
    chinese = data["grammar"] == "chinese"
    flags = 0 if chinese else re.IGNORECASE
    bounded = not chinese
    modifiers = {k: list(val) for k, val in (data.get("modifiers") or {}).items()}
    irregular = dict(data.get("irregular") or {})
    for slip, meant in irregular.items():
        canonical = next(k for k, forms in modifiers.items() if meant in forms)
        modifiers[canonical] = [*modifiers[canonical], slip]
    tables = {field: data.get(field) or {} for field in _SLOT_VOCABULARIES.values()}
    tables["modifiers"] = modifiers
    tables["this"] = {"this": data.get("this") or []}
    vocab = {
        slot: _p.Vocabulary.build(tables[field], bounded=bounded, flags=flags)
        for slot, field in _SLOT_VOCABULARIES.items()
    }
    session_table: dict[str, list[str]] = {}
    for source in (english.get("sessions") or {}, data.get("sessions") or {}):
        for issuer, forms in _session_words(source).items():
            session_table.setdefault(issuer, []).extend(forms)
    sessions = _p.Vocabulary.build(session_table, bounded=False, flags=flags)
    ra = _p.alternation(data.get("ra_markers") or [], bounded=bounded)
    places: dict[str, str] = {}
    for city, by_lang in _shared_places().items():
        for form in [*by_lang.get(lang.value, []), *by_lang.get("en", [])]:
            places.setdefault(_p.fold(form), city)
    for city, forms in (data.get("places") or {}).items():
        for form in forms:
            places[_p.fold(form)] = city
    for city, forms in (english.get("places") or {}).items():
        for form in forms:
            places.setdefault(_p.fold(form), city)
    place_forms = {**{c: f[lang.value][0] for c, f in _shared_places().items() if f.get(lang.value)}}
    place_forms.update({c: f[0] for c, f in (data.get("places") or {}).items()})
    known = _p.alternation(
        [
            *{form for city, by in _shared_places().items() for form in by.get(lang.value, [])},
            *(f for forms in (data.get("places") or {}).values() for f in forms),
        ],
        bounded=bounded,
    )
    stop = _p.alternation(
        [*[w for ws in modifiers.values() for w in ws], *(w for ws in tables["bodies_inside"].values() for w in ws)],
        bounded=True,
    )
    if chinese:
        generic = r"[^\W\d_,，、()（）]{1,12}"
    else:
        word = rf"[^\W\d_](?:[^\W\d_'’.\-]|[{_p.ARABIC_MARKS}]){{0,20}}"
        generic = rf"(?!{stop}){word}(?:[ \-]{word}){{0,3}}"
    conj = _p.alternation(data.get("conjunctions") or [], bounded=bounded)
    number_prefix = _p.alternation(data.get("number_prefixes") or [], bounded=bounded)

    def slots() -> dict[str, str]:
        out = {slot: _group(slot, vocab[slot].pattern) for slot in _SLOT_VOCABULARIES}
        out.update(
            number=_group("number", _NUMBER),
            ra=_group("ra", ra),
            ra_revision=_group("ra_revision", r"\d{1,2}(?!\d)"),
            year=_group("year", _YEAR),
            year2=_group("year2", _YEAR),
            place=_group("place", f"(?:{known}|{generic})"),
            known_place=_group("place", known),
            conj=conj,
            number_prefix=number_prefix,
        )
        out.update(session=_session_pattern(sessions, "session"), session2=_session_pattern(sessions, "session2"))
        if chinese:
            out["parts"] = _group("parts", f"(?:{zh_part_any})(?:[,，、]?[\\s]{{0,2}}(?:{zh_part_any})){{0,4}}")
        return out

    if chinese:
        zh_alternatives = [
            rf"(?P<year>{_YEAR})\s{{0,2}}年",
            _session_pattern(sessions, "session"),
            _group("modifier", vocab["modifier"].pattern),
            _group(
                "place", f"(?:{known}|{generic})(?!\\s{{0,2}}\\d)"
            ),  # a place is not run into a year: "(始于2007年)"
        ]
        zh_part = re.compile("|".join(zh_alternatives))
        zh_part_any = re.sub(r"\(\?P<\w+>", "(?:", zh_part.pattern)
    else:
        zh_part = None
        zh_part_any = ""

    def compile_forms(part: str) -> tuple[_Form, ...]:
        out = []
        for entry in (data.get("forms") or {}).get(part, []):
            pattern = _p.template(entry["template"], slots())
            if part != "heads":
                pattern = _p.SPACE + pattern  # parts are separated by optional white space
            out.append(_Form(str(entry["id"]), part, entry["template"], re.compile(pattern, flags)))
        return tuple(out)

    heads, revisions, tails = compile_forms("heads"), compile_forms("revisions"), compile_forms("tails")
    words = [*(data.get("not_itu_before") or []), *(english.get("not_itu_before") or [])]
    not_before = _p.EndsWith(words, flags)  # searched just before a citation: one match, read backwards
    words = [*(data.get("not_itu_after") or []), *(english.get("not_itu_after") or [])]
    not_after = (
        re.compile(
            rf"{_p.SPACE}(?:[(（][^()（）]{{0,12}}[)）]{_p.SPACE})?[,،]?{_p.SPACE}"
            + _p.alternation(words, bounded=bounded),
            flags,
        )
        if words
        else re.compile(r"(?!x)x")
    )
    cont = data.get("continuation") or "{conj} [{conj} ][{number_prefix} ]{number}"
    closing = data.get("closing")
    articles = re.compile(_p.alternation(data.get("articles") or [], bounded=False) + _p.SPACE, flags)
    kinds = [w for ws in tables["kinds"].values() for w in ws]
    # The prefilter's words: those a head template may begin with.
    firsts = {_first_token(f["template"]) for f in (data.get("forms") or {}).get("heads", [])}
    anchors: list[str] = []
    if "kind" in firsts:
        anchors += data.get("anchors") or kinds
    if "body" in firsts:
        anchors += [w for ws in tables["bodies_before"].values() for w in ws]
    if "session" in firsts:
        anchors += [w.rstrip("- ") for ws in session_table.values() for w in ws if len(w.rstrip("- ")) > 1]
    if "ra" in firsts:
        anchors += data.get("ra_markers") or []
    anchors += [f for f in firsts if f not in _SLOT_VOCABULARIES and f not in {"session", "ra"}]
    return _Grammar(
        lang=lang,
        chinese=chinese,
        flags=flags,
        vocab=vocab,
        sessions=sessions,
        places=places,
        place_forms=place_forms,
        heads=heads,
        revisions=revisions,
        tails=tails,
        continuation=re.compile(_p.SPACE + _p.template(cont, slots()), flags),
        closing=re.compile(_p.SPACE + _p.template(closing, slots()), flags) if closing else None,
        not_before=not_before,
        not_after=not_after,
        zh_part=zh_part,
        irregular=irregular,
        names=tuple(
            (re.compile(_p.literal(name), flags), issuer)
            for issuer, forms in tables["bodies_after"].items()
            for name in {_body_name(form) for form in forms}
            if len(name) > 2
        ),
        articles=articles,
        anchors=tuple(anchors),
        anchor=re.compile("第" if chinese else vocab["kind"].pattern, flags),
        format=data["format"],
        examples=tuple(data.get("examples") or []),
        lists=tuple(data.get("lists") or []),
        raw=data,
    )


def _first_token(template: str) -> str:
    """The slot or character a template begins with: ``"{kind} {number}"`` -> ``"kind"``."""
    slot = re.match(r"\{(\w+)\}", template)
    return slot.group(1) if slot else template[:1]


def _body_name(phrase: str) -> str:
    """A body's name in an "of the ..." phrase: "of the World Radiocommunication Conference" -> the name."""
    words = phrase.split()
    while len(words) > 1 and words[0][:1].islower():
        words.pop(0)
    return " ".join(words).removeprefix("l'").removeprefix("l’")


def _languages() -> tuple[Lang, ...]:
    """The languages whose forms are shipped, English first."""
    root = importlib.resources.files("itu_governance") / "citation_forms"
    shipped = {entry.name.removesuffix(".yaml") for entry in root.iterdir() if entry.name.endswith(".yaml")}
    return tuple(lang for lang in (Lang.EN, Lang.FR, Lang.ES, Lang.RU, Lang.AR, Lang.ZH) if lang.value in shipped)


# --- parsing -------------------------------------------------------------------------------------------


@attrs.define
class _Item:
    """One member of a citation (or list) as read, before its body and session are identified."""

    number: int
    start: int
    end: int
    kind: str = "resolution"
    ra_revision: int | None = None
    body: str | None = None
    session: tuple[str, int, str] | None = None
    head_session: tuple[str, int, str] | None = None
    year: int | None = None
    adopted: int | None = None
    place: str | None = None
    modifier: Modifier | None = None
    this: bool = False
    has_revision: bool = False
    shared: bool = False
    irregular: list[tuple[str, str]] = attrs.Factory(list)
    forms: list[str] = attrs.Factory(list)


def _slot(match: re.Match[str], name: str) -> str | None:
    try:
        return match.group(name)
    except IndexError:
        return None


def _session_year(yy: str) -> int:
    """A session's year from "C19" or "C-1985": two digits are 1965-2064."""
    number = int(yy)
    if len(yy) == 4:
        return number
    return 1900 + number if number >= 65 else 2000 + number


def _read_session(g: _Grammar, match: re.Match[str], name: str) -> tuple[str, int, str] | None:
    who = _slot(match, f"{name}_who")
    if who is None:
        return None
    issuer = g.sessions.value(who)
    if issuer is None:
        return None
    return issuer, _session_year(match.group(f"{name}_yy")), who + match.group(f"{name}_yy")


def _read_modifier(g: _Grammar, text: str, item: _Item) -> Modifier | None:
    value = g.vocab["modifier"].value(text)
    if value is None:
        return None
    slip = next((s for s in g.irregular if _p.fold(s) == _p.fold(text)), None)
    if slip is not None:
        item.irregular.append((text, g.irregular[slip]))
    return Modifier(value)


def _place(g: _Grammar, text: str) -> str:
    """The English name of a city as written in a language (or in another: texts mix them)."""
    key = _p.fold(text)
    return g.places.get(key) or _all_places().get(key) or " ".join(text.split())


@functools.cache
def _all_places() -> dict[str, str]:
    merged: dict[str, str] = {}
    for code in _languages():
        for form, city in _forms(code).places.items():
            merged.setdefault(form, city)
    return merged


def _apply(g: _Grammar, match: re.Match[str], item: _Item, *, head: bool = False) -> None:  # noqa: C901, PLR0912 (one branch per slot)
    """Copy what a head, revision or tail match says into ``item``."""
    groups = match.groupdict()
    if groups.get("kind"):
        item.kind = g.vocab["kind"].value(groups["kind"]) or item.kind
    for slot in ("body", "body_after", "inside"):
        if groups.get(slot):
            item.body = g.vocab[slot].value(groups[slot]) or item.body
    if groups.get("ra"):
        item.body = "ra"
    if groups.get("ra_revision"):
        item.ra_revision = int(groups["ra_revision"])
    if groups.get("this"):
        item.this = True
    session = _read_session(g, match, "session")
    if session is not None and head:
        item.head_session = session
    elif session is not None:
        item.session = session
        item.year = session[1]
    if groups.get("modifier"):
        item.modifier = _read_modifier(g, groups["modifier"], item)
    if groups.get("year"):
        item.year = int(groups["year"])
    if groups.get("place"):
        item.place = _place(g, groups["place"])
    if item.modifier is Modifier.LAST_AMENDED:
        later = _read_session(g, match, "session2")
        year2 = groups.get("year2")
        if later is not None:
            item.adopted, item.year, item.session = item.year, later[1], later
        elif year2:
            item.adopted, item.year = item.year, int(year2)
    if groups.get("parts") and g.zh_part is not None:
        _zh_parts(g, groups["parts"], item)


def _zh_parts(g: _Grammar, text: str, item: _Item) -> None:
    assert g.zh_part is not None  # noqa: S101
    for part in g.zh_part.finditer(text):
        later = item.modifier is Modifier.LAST_AMENDED and item.year is not None and item.adopted is None
        if part.group("year"):
            item.adopted, item.year = (item.year if later else None), int(part.group("year"))
        elif (session := _read_session(g, part, "session")) is not None:
            item.adopted = item.year if later else None
            item.session, item.year = session, session[1]
        elif part.group("modifier"):
            item.modifier = _read_modifier(g, part.group("modifier"), item)
        elif part.group("place"):
            item.place = _place(g, part.group("place"))


def _longest(forms: tuple[_Form, ...], text: str, pos: int, end: int) -> tuple[_Form, re.Match[str]] | None:
    """The longest non-empty match of the forms at ``pos`` (the first listed on a tie)."""
    best: tuple[_Form, re.Match[str]] | None = None
    reach = pos
    for form in forms:
        match = form.pattern.match(text, pos, end)
        if match is not None and (stop := match.end()) > reach:
            best, reach = (form, match), stop
    return best


_WINDOW: Final = 160  # how far a citation may reach from its instrument word or list member (bounded: linear)
_LIST_REACH: Final = 4 * _WINDOW  # how far a list of citations may run from its instrument word
_BACK: Final = 64


def _reach(text: str, at: int, limit: int) -> int:
    """Where a citation's window from ``at`` ends: ``_WINDOW`` on, and never past ``limit`` (if set)."""
    return min(len(text), at + _WINDOW, limit) if limit else min(len(text), at + _WINDOW)


_DRAFT_LABEL: Final = re.compile(r"\s{0,2}\[[A-Z]{2,6}\d{0,2}/[A-Z]{0,4}\d{1,3}\]")
_QUOTED_TITLE: Final = re.compile(r"\s{0,2}[:：]?\s{0,2}[“\"«„]\s?[^“”\"«»„\n]{1,100}?[”\"»]")


def _count_brackets(text: str, brackets: str) -> int:
    return sum(text.count(b) for b in brackets)


def _suffix(g: _Grammar, text: str, pos: int, end: int, item: _Item) -> int:
    """Read the revision and the body words after a number: [tail] [revision] [tail]."""
    if (label := _DRAFT_LABEL.match(text, pos, end)) is not None:
        pos = label.end()  # a committee's draft number kept in the text: "Resolution 765 [COM6/7] (WRC-15)"
    title = _QUOTED_TITLE.match(text, pos, end)
    if title is not None and _longest(g.revisions, text, title.end(), end) is not None:
        pos = title.end()  # the title in quotes before the revision: '第101号决议:“基于互联网协议(IP)的网络”(修订版,…)'
    for _ in range(2):
        if not item.has_revision and (rev := _longest(g.revisions, text, pos, end)) is not None:
            form, match = rev
            saved = _state(item)
            _apply(g, match, item)
            if _valid(item):
                item.has_revision = True
                item.forms.append(form.id)
                pos = match.end()
                read = match.group()
                if _count_brackets(read, ")）") > _count_brackets(read, "(（"):
                    pos -= len(read) - len(read.rstrip()) + 1  # the closing bracket is the sentence's, not its own
            else:  # e.g. a modifier without a year: the brackets are not a revision
                _restore(item, saved)
        if (tail := _longest(g.tails, text, pos, end)) is not None:
            form, match = tail
            dated = item.year is not None
            _apply(g, match, item)
            item.has_revision = item.has_revision or (item.year is not None and not dated)  # "of the 2010 ..."
            item.forms.append(form.id)
            pos = match.end()
    return pos


_REVISION_FIELDS: Final = ("body", "session", "year", "adopted", "place", "modifier", "this")
_REVISION_STATE: Final = operator.attrgetter(*_REVISION_FIELDS)


def _state(item: _Item) -> tuple[Any, ...]:
    return (*_REVISION_STATE(item), len(item.irregular))


def _restore(item: _Item, saved: tuple[Any, ...]) -> None:
    for field, value in zip(_REVISION_FIELDS, saved, strict=False):
        setattr(item, field, value)
    del item.irregular[saved[-1] :]


def _valid(item: _Item) -> bool:
    """Whether the fields read make a consistent citation (the rules of :class:`Citation`)."""
    if item.modifier is not None and item.year is None:
        return item.place is not None and item.session is None and item.adopted is None  # "(Rev. Buenos Aires)"
    if item.year is not None and item.year < 1865:
        return False
    if item.modifier is _LAST_AMENDED:
        return item.adopted is not None and item.year is not None and item.adopted <= item.year
    return item.adopted is None


_LAST_AMENDED: Final = Modifier.LAST_AMENDED  # read once: an enum member's lookup is slow


def _boundary(g: _Grammar, text: str, start: int) -> bool:
    """May a citation start here? Not inside a word, a symbol ("A/RES/70") or "62-R 3"."""
    if start == 0 or g.chinese:
        return True
    before, first = text[start - 1], text[start]
    if before in "-/\u2010\u2011_":
        return False
    if before.isdigit():  # a page number fused to a heading ("1RESOLUCIÓN"), never "62-R 3" or "A1R 5"
        return start + 1 < len(text) and text[start + 1].isalpha()
    if before.isalpha():  # a fused word: "ConvenioResolución" yes, "PRResolution" no
        return before.islower() and first.isupper() and not first.isdigit()
    return True


class _NotItu(Exception):  # noqa: N818 (control flow: what follows is a United Nations resolution)
    pass


def _parse_at(g: _Grammar, text: str, anchor: int, limit: int) -> tuple[list[_Item], int] | None:  # noqa: C901, PLR0912 (the grammar in order)
    """The longest citation or list whose instrument word (or 第) is at ``anchor``.

    Raises:
        _NotItu: the words around it make it another organization's resolution.
    """
    if anchor >= len(text):
        return None
    end = _reach(text, anchor, limit)
    starts = [anchor]
    word = anchor
    while word > max(0, anchor - 4) and "\u0600" <= text[word - 1] <= "\u06ff":
        word -= 1  # Arabic joins و ب ل ال to the word ("وبالقرار"): the stem was found, the word starts before it
    if word < anchor:
        starts.insert(0, word)
    best: tuple[_Form, re.Match[str]] | None = None
    for start in starts:
        if not _boundary(g, text, start):
            continue
        found = _longest(g.heads, text, start, end)
        if found is not None and (best is None or found[1].end() > best[1].end()):
            best = found
    if best is None:
        return None
    form, match = best
    head = _Item(number=int(match.group("number")), start=match.start(), end=match.end())
    _apply(g, match, head, head=True)
    head.forms.append(form.id)
    if head.body == "ra" and head.kind != "resolution":
        return None  # "Recommendation ITU-R ..." is a Recommendation of a Study Group, not an instrument here
    kind_at = match.start("kind") if match.groupdict().get("kind") else head.start
    if g.not_before.search(text, max(0, head.start - _BACK), head.start) or g.not_before.search(
        text, max(0, kind_at - _BACK), kind_at
    ):
        raise _NotItu
    items = [head]
    pos = match.end() if g.chinese else _suffix(g, text, match.end(), end, head)
    head.end = pos
    listed = True
    while listed:
        more = g.continuation.match(text, pos, end)
        if more is None:
            break
        item = _Item(number=int(more.group("number")), start=more.start("number"), end=more.end(), kind=head.kind)
        item.ra_revision = None
        if not g.chinese:  # a long list: each member reaches as far as the head, up to _LIST_REACH in all
            end = max(end, min(_reach(text, item.start, limit), anchor + _LIST_REACH))
        pos = more.end() if g.chinese else _suffix(g, text, more.end(), end, item)
        item.end = pos
        items.append(item)
    if g.chinese:
        if g.closing is None or (close := g.closing.match(text, pos, end)) is None:
            return None
        kind = g.vocab["kind"].value(close.group("kind")) or "resolution"
        for item in items:
            item.kind = kind
        last = items[-1]
        pos = _suffix(g, text, close.end(), end, last)
        last.end = pos
    if g.not_after.match(text, pos, end):
        raise _NotItu
    if (
        len(items) == 1
        and not g.chinese
        and listed
        and not head.has_revision
        and head.body is None
        and head.head_session is None
        and _p.fold(match.group("kind") or "") in {_p.fold(w) for w in g.raw.get("plural") or []}
    ):
        return None  # "RESOLUTIONS" then a list number: a heading, not a citation
    _share(items)
    return items, pos


def _share(items: list[_Item]) -> None:
    """A revision or body written once after a list applies to the members before it."""
    pending: list[_Item] = []
    for item in items:
        if item.has_revision:
            for earlier in pending:
                earlier.year, earlier.place, earlier.modifier = item.year, item.place, item.modifier
                earlier.adopted, earlier.session = item.adopted, item.session
                earlier.has_revision = earlier.shared = True
            pending = []
        else:
            pending.append(item)
    trailing = items[-1].body
    head = items[0]
    for item in items:
        if item.body is None:
            item.body = head.body if head.body is not None else trailing
        if item.head_session is None:
            item.head_session = head.head_session
        item.this = item.this or items[-1].this


# --- identification: which body, which session -------------------------------------------------------

# The Council numbers its resolutions and decisions continuously; no other body's numbers reach
# these (Plenipotentiary decisions are a handful, other conferences' resolutions stay below 1000).
_COUNCIL_FROM: Final = {"resolution": 1000, "decision": 400}


def _council_numbered(kind: str, number: int) -> bool:
    """Whether a number is in the Council's range for its kind: no other body's numbers reach it."""
    return number >= _COUNCIL_FROM.get(kind, 100000)


# The Plenipotentiary Conference (Kyoto, 1994) started the numbering its instruments are cited by
# (Decision 3 (Minneapolis, 1998), considering c): an earlier session is never a "Rev." of them.
_NUMBERED_FROM: Final = {"pp": 1994}


def _resolve_context(context: object, gazetteer: _Gazetteer) -> Context | None:
    if context is None or isinstance(context, Context):
        return context
    if isinstance(context, Conference):
        return Context(body=context.type, conference=context.key)
    if isinstance(context, Issuer):
        return Context(body=context)
    if isinstance(context, str):
        if context in {i.value for i in Issuer}:
            return Context(body=Issuer(context))
        session = gazetteer.find(context)
        if session is not None:
            body = Issuer(session.type) if session.type in {i.value for i in Issuer} else None
            return Context(body=body, conference=session.key)
        msg = f"context: expected an issuer ({', '.join(i.value for i in Issuer)}) or a known session, got {context!r}"
        raise ValueError(msg)
    msg = f"context: expected a Context, Conference, Issuer or str, got {type(context).__name__}"
    raise TypeError(msg)


def _issuer(value: str | None) -> Issuer | None:
    if value is None:
        return None
    try:
        return Issuer(value)
    except ValueError:
        return None


def _held_in(
    place: str, body: Issuer | None, basis: str | None, gazetteer: _Gazetteer
) -> tuple[Issuer | None, str | None, str | None, tuple[str, ...]]:
    """Body, basis, session and candidates of a revision that names its place but not its year."""
    held = [
        s
        for s in gazetteer.held_in(place)
        if (body is None or s.type == body.value) and (s.year or 0) >= _NUMBERED_FROM.get(s.type, 0)
    ]
    types = {s.type for s in held}
    if body is None and len(types) == 1:
        body, basis = _issuer(types.pop()), "gazetteer"
    if len(held) == 1:
        return body, basis, held[0].key, ()
    return body, basis, None, tuple(sorted(s.key for s in held)) if held and body is None else ()


def _identify(  # noqa: C901, PLR0912, PLR0913, PLR0917 (the evidence, in its order of precedence)
    item: _Item, g: _Grammar, text: str, gazetteer: _Gazetteer, context: Context | None, chained: Issuer | None
) -> Citation:
    """The citation of one item, its body and session determined in the order of the text's evidence."""
    body = _issuer(item.body)
    basis = "text" if body is not None else None
    session = item.session or (item.head_session if not item.has_revision else None)
    year = item.year
    conference: str | None = None
    candidates: tuple[str, ...] = ()
    if session is not None:
        body = body or _issuer(session[0])
        basis = basis or "text"
        if item.session is None:
            year = year or session[1]
        if session[0] == (body.value if body else session[0]):
            conference = gazetteer.session(session[0], session[1], session[2])
    if item.this and context is not None:
        body = body or context.body
        basis = basis or "context"
        conference = conference or context.conference
    if conference is None and item.place is not None and year is not None:
        found = [s for s in gazetteer.at(item.place, year) if body is None or s.type == body.value]
        if len(found) == 1:
            conference = found[0].key
            if body is None:
                body, basis = _issuer(found[0].type), "gazetteer"
        elif found:
            types = {s.type for s in found}
            if body is None and len(types) == 1:
                body, basis = _issuer(types.pop()), "gazetteer"
            chosen = [
                s for s in found if context is not None and context.body is not None and s.type == context.body.value
            ]
            if body is None and len(chosen) == 1:
                body, basis, conference = _issuer(chosen[0].type), "context", chosen[0].key
            elif len(chosen) != 1:
                candidates = tuple(sorted(s.key for s in found))
    if conference is None and item.place is not None and year is None:  # "(Rev. Buenos Aires)"
        body, basis, conference, candidates = _held_in(item.place, body, basis, gazetteer)
    if body is None and chained is not None and not candidates:
        body, basis = chained, "list"
    if body is None and not candidates and _council_numbered(item.kind, item.number):
        body, basis = Issuer.COUNCIL, "numbering"
    if body is None and not candidates and context is not None and context.body is not None:
        body, basis = context.body, "context"
    if conference is None and body is not None and year is not None and not candidates:
        same = gazetteer.of(body.value, year)
        if item.place is not None:
            same = [s for s in same if s in gazetteer.at(item.place, year)] or (
                [] if gazetteer.at(item.place, year) else same
            )
        if len(same) == 1:
            conference = same[0].key
    named = next(
        (gazetteer.session(*s) for s in (item.session, item.head_session) if s is not None),
        None,
    )
    return Citation(
        kind=item.kind,
        number=item.number,
        body=body,
        year=year,
        place=item.place,
        modifier=item.modifier if year is not None else None,
        adopted=item.adopted,
        ra_revision=item.ra_revision,
        conference=conference,
        candidates=candidates,
        basis=basis if body is not None else None,
        shared=item.shared,
        named_session=named if named in gazetteer.keys else None,
        lang=g.lang,
        text=text[item.start : item.end],
        span=(item.start, item.end),
        irregular=tuple(item.irregular),
    )


# --- the public functions -------------------------------------------------------------------------------


def _strip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\r\n\u00a0\u3000":
        end -= 1
    return end


def parse_citation(
    text: str, lang: Lang | str | None = None, *, context: object = None, registry: Registry | None = None
) -> Citation:
    """Read one citation, strictly: the whole text must be one citation.

    A leading article ("la Résolution 115 ...", "the Resolution ...") is allowed and left out
    of the span.

    Args:
        text: the citation, e.g. ``"Resolution 102 (Rev. Dubai, 2018)"``.
        lang: the language to read it in; ``None`` tries each of the six.
        context: what is known of the citing document (see :class:`Context`).
        registry: whose conferences identify sessions (default: the bundled ones).

    Returns:
        The :class:`Citation`, with ``span`` covering the citation in ``text``.

    Raises:
        CitationError: the text is not one citation; the message shows where it failed.

    >>> parse_citation("Резолюция 102 (Пересм. Дубай, 2018 г.)").place
    'Dubai'
    >>> parse_citation("Resolution 76 (Rev.WRC-15)").conference
    'conf/wrc-15'
    >>> parse_citation("Resolution 102 (Rev Atlantis)")
    Traceback (most recent call last):
    ...
    itu_governance.errors.CitationError: expected a four-digit year
        Resolution 102 (Rev Atlantis)
                                    ^
    """
    gazetteer = _gazetteer(registry)
    ctx = _resolve_context(context, gazetteer)
    item, g = _parse_one(text, lang)
    return _identify(item, g, text, gazetteer, ctx, None)


def _parse_one(text: str, lang: Lang | str | None) -> tuple[_Item, _Grammar]:
    """The one citation ``text`` is, as read (before identification), and its language."""
    if not isinstance(text, str):
        msg = f"expected a string, got {type(text).__name__}"
        raise TypeError(msg)
    languages = (Lang(lang),) if lang is not None else _languages()
    stop = _strip_end(text, len(text))
    best_fail = (0, "a citation such as 'Resolution 102 (Rev. Dubai, 2018)'")
    for code in languages:
        g = _forms(code)
        first = len(text) - len(text.lstrip())
        article = g.articles.match(text, first)
        for start in dict.fromkeys([first, article.end() if article and article.end() > first else first]):
            try:
                parsed = _parse_at(g, text, start, 0)
            except _NotItu:
                best_fail = max(best_fail, (start, "an ITU instrument (this is another organization's resolution)"))
                break
            if parsed is None or parsed[0][0].start != start:
                best_fail = max(best_fail, _diagnose(g, text, start))
                continue
            items, end = parsed
            if _strip_end(text, end) != stop:
                best_fail = max(best_fail, (_p_skip(text, end), "the end of the citation"))
                continue
            if len(items) > 1:  # the whole text read, as a list: say so whatever other languages make of it
                expected = "a single citation, not a list (extract_citations reads lists)"
                raise CitationError(text, items[0].start, expected, None if lang is None else str(lang))
            return items[0], g
        best_fail = max(best_fail, _diagnose(g, text, first))
    if not text.strip():
        best_fail = (0, "a citation such as 'Resolution 102 (Rev. Dubai, 2018)'")
    raise CitationError(text, best_fail[0], best_fail[1], None if lang is None else str(lang))


def _p_skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n\u00a0\u3000":
        pos += 1
    return pos


def _first_anchor(g: _Grammar, text: str, start: int) -> int | None:
    """Where the instrument word (or 第) of a citation starting at ``start`` is."""
    found = g.anchor.search(text, start, min(len(text), start + _BACK + 8))
    return None if found is None else found.start()


def _diagnose(g: _Grammar, text: str, start: int) -> tuple[int, str]:  # noqa: PLR0911 (one answer per failure)
    """Where reading failed and what was expected there: the furthest point of a partial parse."""
    pos = _p_skip(text, start)
    anchor = _first_anchor(g, text, pos)
    if anchor is None:
        return pos, "an instrument word such as 'Resolution'" if not g.chinese else "'决议' after the number"
    if g.chinese:
        number = re.compile(r"第\s{0,2}\d+\s{0,2}号?\s{0,2}").match(text, anchor)
        if number is None:
            return anchor, "a number after '第'"
        return number.end(), "'决议', '决定' or '建议' after the number"
    kind = re.compile(g.vocab["kind"].pattern, g.flags).match(text, anchor)
    pos = _p_skip(text, kind.end() if kind else anchor)
    number = re.compile(_NUMBER).match(text, pos)
    if number is None:
        return pos, "a number"
    pos = number.end()
    after = _p_skip(text, pos)
    if after < len(text) and text[after] in "(（":
        close = text.find(")", after)
        inner = text[after + 1 : close if close >= 0 else len(text)]
        if close < 0:
            return _strip_end(text, len(text)), "')'"
        if not re.search(r"\d{4}|\d{2}\s*\)", inner) and not re.search(r"[A-Za-z]-?\d{2}", inner):
            return close, "a four-digit year"
        return close, "a revision such as '(Rev. Dubai, 2018)'"
    return after, "the end of the citation"


@functools.cache
def _anchor_pattern() -> re.Pattern[str]:
    """The prefilter: one factored pattern of the words a citation may begin with, in every language.

    Instrument words (in the cases and with the accents texts write, or lose), body words and
    session designations that may come first; one-letter words and 第 only before a digit. It
    is made of literals only, so that the regular expression engine skips at C speed to the
    characters that may begin one.
    """
    return re.compile(_p.trie(sorted(_anchor_table())))


def _variants(word: str) -> set[str]:
    """The word as texts write it: as listed, in capitals, capitalised, without its accents or with U+FFFD.

    A one-letter word (and 第) is only a candidate before a digit; an Arabic word may be
    stretched by a tatweel.
    """
    if len(word) == 1:
        return {f"{word}{space}{digit}" for space in ("", " ") for digit in "123456789"}
    if any("\u0600" <= c <= "\u06ff" for c in word):
        return {word} | {word[:i] + "\u0640" + word[i:] for i in range(1, len(word))}
    forms = {word, word.upper(), word[:1].upper() + word[1:]}
    forms |= {form.replace("-", "") for form in forms if "-" in form[1:-1]}  # a lost soft hyphen: "ITUR"
    out = set()
    for form in forms:
        out.add(form)
        plain = unicodedata.normalize(
            "NFC", "".join(c for c in unicodedata.normalize("NFD", form) if not unicodedata.combining(c))
        )
        out.add(plain)
        if len(plain) == len(form):
            out.add("".join("\ufffd" if a != b else a for a, b in zip(form, plain, strict=True)))
            out.add("".join(a for a, b in zip(form, plain, strict=True) if a == b))  # the letter lost
    return out


@functools.cache
def _anchor_table() -> dict[str, tuple[_Grammar, ...]]:
    """Each prefilter word and the languages whose citations may begin with it."""
    table: dict[str, list[_Grammar]] = {}
    for code in _languages():
        g = _forms(code)
        for word in g.anchors:
            for variant in _variants(word):
                languages = table.setdefault(variant, [])
                if g not in languages:
                    languages.append(g)
    return {k: tuple(val) for k, val in table.items()}


_DIGIT: Final = re.compile(r"\d")
_BRACKET_NEXT: Final = re.compile(r"\s{0,2}[(（]")
_DIGIT_REACH: Final = 48  # how far after its first word a citation's number may be


def extract_citations(text: str, *, context: object = None, registry: Registry | None = None) -> list[Citation]:
    """Find every citation in running text, in any of the six languages; never raise on text.

    Lists yield one citation per number, each with its own span ("Resolutions 102 and 140
    (Rev. Dubai, 2018)": "Resolutions 102", ``shared`` revision, and "140 (Rev. Dubai, 2018)").
    A citation that follows another, joined only by a conjunction and without its own body,
    takes the previous one's issuing body ("理事会第1305号决议……和第1336号决议").
    United Nations resolutions ("Resolution 70/1", "UNGA Resolution 67/292"), ITU-T and ITU-R
    Recommendations and document symbols are not citations of ITU instruments and are skipped.

    Args:
        text: any text.
        context: what is known of the citing document: a :class:`Context`, a session
            ("PP-18"), an issuer ("wtdc") or a :class:`~itu_governance.Conference`.
        registry: whose conferences identify sessions (default: the bundled ones).

    >>> [str(c) for c in extract_citations("按照理事会第1305号决议（2019年，修订版）和第1336号决议（2019年，修版）")]
    ['Council Resolution 1305 (Rev. 2019)', 'Council Resolution 1336 (Rev. 2019)']
    >>> [c.body.value for c in extract_citations("Resolution 37 and Resolution 70/1", context="wtdc")]
    ['wtdc']
    """
    if not isinstance(text, str):
        return []
    gazetteer = _gazetteer(registry)
    return _extract(text, gazetteer, _resolve_context(context, gazetteer), None)


@attrs.define
class _Work:
    """What one extraction examined: parser attempts and the characters of their windows.

    A deterministic measure of the work, which the tests hold to linear growth (a timing would
    depend on the machine's load).
    """

    attempts: int = 0
    examined: int = 0


def _read_at(
    text: str, a: int, end: int, languages: Iterable[_Grammar], work: _Work | None
) -> tuple[_Grammar, list[_Item], int] | None:
    """The citation (or list) read at anchor ``a`` past ``end``, in the language that reads it.

    The first language that reads one (the anchor's own first), unless it left the bracket after
    it unread and a later language reads further: "R 626 (C-1968, dernière mod. C-1984)".
    """
    best: tuple[_Grammar, list[_Item], int] | None = None
    for g in languages:
        parsed = _parse_at(g, text, a, 0)
        if work is not None:  # the window, or as far as the parser read if further
            work.attempts += 1
            reach = max(_reach(text, a, 0), parsed[1] if parsed else 0)
            work.examined += reach - max(0, a - _BACK)
        if parsed is not None and parsed[0][0].start >= end and (best is None or parsed[1] > best[2]):
            best = (g, *parsed)
            if parsed[0][-1].has_revision or not _BRACKET_NEXT.match(text, parsed[1]):
                break
    return best


def _citation_of(  # noqa: PLR0913, PLR0917 (what the text around it may tell)
    item: _Item,
    g: _Grammar,
    text: str,
    gazetteer: _Gazetteer,
    ctx: Context | None,
    chained: Issuer | None,
    found: list[Citation],
    work: _Work | None,
) -> Citation:
    """One item's citation: what it says of itself, then what its clause and sentence tell."""
    citation = _identify(item, g, text, gazetteer, ctx, chained)
    citation = _council_session(g, text, _named_session(g, text, citation, gazetteer), gazetteer, found)
    citation = _adopted_in_sentence(g, text, _by_subject(g, text, citation, gazetteer), gazetteer)
    if citation.body is None and citation.candidates:
        near = found[-1] if found and citation.span[0] - found[-1].span[1] <= _HINT_WINDOW else None
        if work is not None:
            work.examined += _HINT_WINDOW
        citation = _disambiguate(citation, g, text, gazetteer, near)
    return citation


def _extract(text: str, gazetteer: _Gazetteer, ctx: Context | None, work: _Work | None) -> list[Citation]:
    """The two-stage scan of :func:`extract_citations`, counting its work into ``work`` if given."""
    found: list[Citation] = []
    end = 0
    languages = _anchor_table().get
    digit = _DIGIT.search
    for anchor in _anchor_pattern().finditer(text):
        a = anchor.start()
        if a < end:
            continue
        if digit(text, a, a + _DIGIT_REACH) is None:
            continue  # no number near: "this Resolution", "the resolutions of ..."
        try:
            best = _read_at(text, a, end, languages(anchor.group(), ()), work)
        except _NotItu:
            continue
        if best is None:
            continue
        g, items, stop = best
        if len(items) == 1 and _heading_at(text, items[0].start, found):
            _heading(g, text, items[0], stop)
        _year_before_body(g, text, items)
        _adopted_by_named(g, text, items)
        previous = found[-1] if found else None
        joined = previous is not None and _joined(text, previous.span[1], items[0].start)
        chained = previous.body if joined and previous is not None and previous.basis in {"text", "list"} else None
        for i, item in enumerate(items):
            citation = _citation_of(item, g, text, gazetteer, ctx, chained if i == 0 else None, found, work)
            if i == 0 and joined and previous is not None and _dual(g, citation):
                found[-1] = _shared_revision(previous, citation)
            found.append(citation)
        end = stop
    return _coreferent(found, gazetteer)


def _coreferent(found: list[Citation], gazetteer: _Gazetteer) -> list[Citation]:
    """Identify a citation left open by the same revision cited elsewhere in the text with its body.

    In the PP-18 Final Acts, Resolution 177 recalls "Resolution ITU-R 62-1 (Rev. Geneva, 2015)
    of the Radiocommunication Assembly" and later endorses "Resolution 62 (Rev. Geneva, 2015)":
    Geneva 2015 alone is the Council, RA-15 or WRC-15, but the same number with the same
    revision is the same instrument. Only a body that the text itself gave (not the context)
    and that is one of the candidates decides; two such bodies decide nothing.
    """
    known: dict[tuple[str, int, int | None, str | None], set[str]] = {}
    for c in found:
        if c.body is not None and c.basis in {"text", "gazetteer"} and c.year is not None:
            known.setdefault((c.kind.value, c.number, c.year, c.place), set()).add(c.body.value)
    out = []
    for c in found:
        if c.body is None and c.candidates:
            bodies = known.get((c.kind.value, c.number, c.year, c.place), set())
            types = {key: s.type for key in c.candidates if (s := gazetteer.find(key)) is not None}
            chosen = [key for key, t in types.items() if t in bodies]
            if len(bodies) == 1 and len(chosen) == 1:
                c = attrs.evolve(c, body=types[chosen[0]], basis="text", conference=chosen[0], candidates=())  # noqa: PLW2901
        out.append(c)
    return out


# --- the Council's session said in the clause: "adopted at its 2015 session Decision 584" ----------------


@functools.cache
def _session_phrases(lang: Lang) -> dict[str, tuple[re.Pattern[str], ...]]:
    """The phrases of a language that date a Council instrument by its session, by where they stand."""
    g = _forms(lang)
    table = g.raw.get("council_sessions") or {}
    slots = {"year": _group("year", _YEAR), "session": _session_pattern(g.sessions, "session")}
    out: dict[str, tuple[re.Pattern[str], ...]] = {}
    for where in ("before", "after", "subject", "verbs"):
        patterns = [_p.template(t, slots) for t in table.get(where) or []]
        if where in {"before", "verbs"}:
            patterns = [p + _p.SPACE + r"\Z" for p in patterns]
        elif where == "after":
            patterns = [_p.SPACE + p for p in patterns]
        out[where] = tuple(re.compile(p, g.flags) for p in patterns)
    return out


@attrs.frozen
class _ClauseWords:
    """A language's words and phrases that read a citation's clause and sentence (data in its forms file).

    Built once per language; a phrase list the file does not give is ``None``.
    """

    body: re.Pattern[str]  # a body word anywhere
    body_at_end: re.Pattern[str]  # a body word that ends the text: "理事会" before "2009年会议("
    body_bracketed: re.Pattern[str]  # a body word right before a bracket: "全权代表大会(2006年,安塔利亚)"
    year_body: re.Pattern[str]  # a year (and place) before a body word: "2018年国际电联全权代表大会"
    dated: re.Pattern[str]  # a year (and place) that ends the text: "the 2006 Antalya " before the body's name
    years_before: tuple[re.Pattern[str], ...]  # `years_before`: "2010年" right before 全权代表大会
    adopting: re.Pattern[str] | None  # `adopting`: 通过了 after the bracket
    by: re.Pattern[str] | None  # `by_subject`: "By" before the citation
    adoption: re.Pattern[str] | None  # `adopted_in`: "the adoption of" before the citation
    dual: re.Pattern[str] | None  # `dual`: a revision written in the dual


@functools.cache
def _clause_words(lang: Lang) -> _ClauseWords:
    g = _forms(lang)
    raw, flags, body = g.raw, g.flags, g.vocab["body"].pattern
    places = _p.alternation(g.places, bounded=True)
    year = _group("year", _YEAR)

    def words(key: str, before: str = "", after: str = "") -> re.Pattern[str] | None:
        found = raw.get(key) or []
        return re.compile(before + _p.alternation(found, bounded=key == "by_subject") + after, flags) if found else None

    return _ClauseWords(
        body=re.compile(body, flags),
        body_at_end=re.compile(f"(?P<body>{body}){_p.SPACE}\\Z", flags),
        body_bracketed=re.compile(f"(?P<body>{body})(?=[(（])", flags),
        year_body=re.compile(f"{year}{_p.SPACE}年?{_p.SPACE}(?:(?:{places}){_p.SPACE})?(?P<body>{body})", flags),
        dated=re.compile(f"{year}{_p.SPACE}(?:(?P<place>{places}){_p.SPACE})?\\Z", flags),
        years_before=tuple(
            re.compile(_p.template(t, {"year": year}) + _p.SPACE + r"\Z", flags) for t in raw.get("years_before") or []
        ),
        adopting=words("adopting", before=_p.SPACE),
        by=words("by_subject", before=r"(?:^|(?<=[\s.;:,،]))", after=_p.SPACE + r"\Z"),
        adoption=words("adopted_in", after=_p.SPACE + r"\Z"),
        dual=words("dual"),
    )


def _another_subject(g: _Grammar, text: str, begin: int, end: int, earlier: list[Citation]) -> bool:
    """Whether a body word other than in a citation stands in ``text[begin:end]``: another subject."""
    gap = list(text[begin:end])
    for c in reversed(earlier):
        if c.span[1] <= begin:
            break  # earlier ones end before the window: the scan stays linear
        for i in range(max(c.span[0], begin), min(c.span[1], end)):
            gap[i - begin] = " "
    return _clause_words(g.lang).body.search("".join(gap)) is not None


def _council_session(
    g: _Grammar, text: str, citation: Citation, gazetteer: _Gazetteer, earlier: list[Citation]
) -> Citation:
    """Date a Council instrument cited without its year by the session its clause names.

    Only a phrase right before it ("at its 2015 session Decision 584"), right after it
    ("Resolution 1327 adopted by the Council at its 2011 session"), or the subject of the
    sentence it closes in brackets ("理事会2011年会议做出决定，……（理事会第560号决定）") or that a
    verb right before it makes its adopter ("理事会2011年会议按照……，通过理事会第1336号决议") counts.
    """
    if citation.body is not Issuer.COUNCIL or citation.year is not None or citation.shared:
        return citation
    phrases = _session_phrases(g.lang)
    start, end = citation.span
    found = next((m for p in phrases["before"] if (m := p.search(text, max(0, start - 60), start))), None)
    found = found or next((m for p in phrases["after"] if (m := p.match(text, end))), None)
    if found is None and phrases["subject"] and start > 0 and text[start - 1] in "(（" and text[end : end + 1] in ")）":
        sentence = _SENTENCE_END.split(text[max(0, start - _HINT_WINDOW) : start])[-1]
        begin = start - len(sentence.lstrip())
        found = next((m for p in phrases["subject"] if (m := p.match(text, begin, start))), None)
    if found is None and any(p.search(text, max(0, start - 8), start) for p in phrases["verbs"]):
        sentence = _SENTENCE_END.split(text[max(0, start - _HINT_WINDOW) : start])[-1]
        begin = start - len(sentence)
        found = next((m for p in phrases["subject"] if (m := p.search(text, begin, start))), None)
        if found is not None and _another_subject(g, text, found.end(), start, earlier):
            found = None  # "……全权代表大会通过了……，为……而通过 理事会第1317号决议": not the Council's verb
    if found is None:
        return citation
    named = _read_session(g, found, "session")  # "Council-08 amended its Resolution 1282"
    if named is not None and named[0] != "council":
        return citation
    year = named[1] if named is not None else int(found.group("year"))
    session = gazetteer.session("council", year, f"C{year % 100:02d}")
    return attrs.evolve(citation, year=year, conference=session)


def _year_before_body(g: _Grammar, text: str, items: list[_Item]) -> None:
    """Date a citation (or list) that begins with its body by the year written before that body.

    "2010年全权代表大会第102和140号决议" cites the 2010 conference's resolutions 102 and 140.
    """
    head = items[0]
    if not head.forms or head.forms[0] != "body" or head.body is None:
        return
    years = _clause_words(g.lang).years_before
    found = next((m for p in years if (m := p.search(text, max(0, head.start - 12), head.start))), None)
    if found is None:
        return
    for item in items:
        if not item.has_revision and item.body in {None, head.body}:
            item.year, item.has_revision, item.shared = int(found.group("year")), True, item is not head


_CLAUSE_BREAK: Final = re.compile(r"[,，;；:：。!！?？\n]")


def _adopted_by_named(g: _Grammar, text: str, items: list[_Item]) -> None:
    """Give a bare citation the session its clause names as the one that adopted it.

    Chinese puts the adopter before the noun it qualifies: "全权代表大会(2006年,安塔利亚)通过了关于……
    的第10号决定" is Decision 10 (Antalya, 2006) of the Plenipotentiary Conference. Only a body word
    with its revision bracket, followed by an adopting word, in the same clause, the citation
    right after 的, counts.
    """
    head = items[0]
    words = _clause_words(g.lang)
    if (
        words.adopting is None
        or head.body is not None
        or head.has_revision
        or text[head.start - 1 : head.start] != "的"
    ):
        return
    begin = max(0, head.start - _HINT_WINDOW)
    window = _SECTION.sub(lambda m: " " * len(m.group()), text[begin : head.start])  # commas in brackets do not end it
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    begin += breaks[-1] if breaks else 0
    for named in reversed(list(words.body_bracketed.finditer(text, begin, head.start))):
        found = _longest(g.revisions, text, named.end(), head.start)
        if found is None or words.adopting.match(text, found[1].end(), head.start) is None:
            continue
        for item in items:
            if item.body is None and not item.has_revision:
                saved = _state(item)
                item.body = g.vocab["body"].value(named.group("body"))
                _apply(g, found[1], item)
                if _valid(item) and item.year is not None:
                    item.has_revision, item.shared = True, item is not head
                else:
                    _restore(item, saved)
        return


_YEAR_BEFORE: Final = re.compile(rf"(?P<year>{_YEAR})\s{{0,2}}(?:г\.|年(?:会议)?)?\s{{0,2}}[(（]\s{{0,2}}\Z")


def _by_subject(g: _Grammar, text: str, citation: Citation, gazetteer: _Gazetteer) -> Citation:
    """Give a bare citation the body its sentence's subject names.

    "By Decision 9, the 2006 Antalya Plenipotentiary Conference decided", "Par sa Résolution 68
    mise à jour, la Conférence de plénipotentiaires invite". Only one body named before the
    sentence ends, and no other citation before it, counts; a year (and place) right before the
    name gives the session.
    """
    words = _clause_words(g.lang)
    if words.by is None or citation.body is not None or citation.candidates:
        return citation
    start, end = citation.span
    if words.by.search(text, max(0, start - 12), start) is None:
        return citation
    after = _SENTENCE_END.split(text[end : end + _HINT_WINDOW])[0]
    if (other := _anchor_pattern().search(after)) is not None and _DIGIT.search(after, other.end(), other.end() + 8):
        after = after[: other.start()]  # another citation: the subject is not before it
    named = [(m.start(), issuer) for pattern, issuer in _telling_words(g.lang) if (m := pattern.search(after))]
    if len({issuer for _, issuer in named}) != 1:
        return citation
    at, issuer = min(named)
    year = place = conference = None
    if (when := words.dated.search(after, 0, at)) is not None:
        year, place = int(when.group("year")), when.group("place")
        same = gazetteer.of(issuer, year)
        conference = same[0].key if len(same) == 1 else None
    return attrs.evolve(
        citation,
        body=Issuer(issuer),
        basis="text",
        year=year,
        place=_place(g, place) if place else None,
        conference=conference,
    )


def _adopted_in_sentence(g: _Grammar, text: str, citation: Citation, gazetteer: _Gazetteer) -> Citation:
    """Date a citation its sentence says was adopted at the one session the sentence names before it.

    "which have agreed in WTSA-08 through the adoption of Resolution 75", "2018年国际电联全权代表大会上，
    成员国批准了第123号决议". A session designation or a year before a body's name counts; two
    sessions, or one of another body than the citation's, decide nothing.
    """
    words = _clause_words(g.lang)
    if words.adoption is None or citation.year is not None or citation.shared or citation.candidates:
        return citation
    start = citation.span[0]
    if (said := words.adoption.search(text, max(0, start - 24), start)) is None:
        return citation
    sentence = _SENTENCE_END.split(text[max(0, said.start() - _HINT_WINDOW) : said.start()])[-1]
    sessions = {(s[0], s[1]) for m in _designation(g.lang).finditer(sentence) if (s := _read_session(g, m, "s"))}
    sessions |= {
        (str(g.vocab["body"].value(m.group("body"))), int(m.group("year"))) for m in words.year_body.finditer(sentence)
    }
    if len(sessions) != 1:
        return citation
    ((issuer, year),) = sessions
    council_numbered = _council_numbered(citation.kind.value, citation.number)
    if citation.body not in {None, Issuer(issuer)} or (council_numbered and issuer != "council"):
        return citation
    same = gazetteer.of(issuer, year)
    return attrs.evolve(
        citation,
        body=Issuer(issuer),
        basis=citation.basis or "text",
        year=year,
        conference=same[0].key if len(same) == 1 else None,
    )


def _dual(g: _Grammar, citation: Citation) -> bool:
    """Whether a citation's revision is written in the dual: it is also the citation's before it."""
    dual = _clause_words(g.lang).dual
    return dual is not None and citation.year is not None and dual.search(citation.text) is not None


def _shared_revision(previous: Citation, citation: Citation) -> Citation:
    """The citation before a dual revision, given that revision: "القرار 99 والقرار 125 " المراجعين فى بوسان 2014 "."""
    if previous.year is not None or previous.kind is not citation.kind:
        return previous
    return attrs.evolve(
        previous,
        body=previous.body or citation.body,
        basis=previous.basis or citation.basis,
        year=citation.year,
        place=citation.place,
        modifier=citation.modifier,
        conference=citation.conference,
        shared=True,
    )


def _named_session(g: _Grammar, text: str, citation: Citation, gazetteer: _Gazetteer) -> Citation:
    """Date a citation in brackets after the session it names.

    "la Asamblea de Radiocomunicaciones de 1995 (Resolución UIT-R 38)" is the 1995 Assembly's.
    """
    start = citation.span[0]
    if citation.year is not None or citation.shared or citation.candidates:
        return citation
    year = _YEAR_BEFORE.search(text, max(0, start - 12), start)
    if year is None:
        return citation
    before = text[max(0, year.start() - 48) : year.start()]
    named = _hinted_types(g, before)
    body = citation.body.value if citation.body is not None else None
    if (word := _clause_words(g.lang).body_at_end.search(before)) is not None:
        named.add(str(g.vocab["body"].value(word.group("body"))))  # "理事会2009年会议(理事会第1312号决议)"
    if body not in named and (body is not None or len(named) != 1):
        return citation
    issuer = body or next(iter(named))
    value = int(year.group("year"))
    same = gazetteer.of(issuer, value)
    return attrs.evolve(
        citation,
        body=issuer,
        basis=citation.basis or "text",
        year=value,
        conference=same[0].key if len(same) == 1 else None,
    )


# --- headings: "RESOLUTION 69 <title> (Johannesburg, 2008)", "D 495 <title> (C-2000)" ----------------

_TITLE_WINDOW: Final = 240  # how far a heading's title may run before its adoption parenthetical
_TITLE_BRACKETS: Final = 3  # brackets in a title before its adoption one ("(RAG)", "(RAs)"), and repeats of it
_TITLE_STOP: Final = re.compile(r"[.;:!?。；：！？]")  # a title is not a sentence: no full stop, no colon
_SECTION: Final = re.compile(r"[(（][^()（）]{0,40}[)）]")  # "(3.2 – Conseil)", a section label
_HISTORY: Final = re.compile(
    r"[(（]\s{0,2}(?:(?:1[89]|2\d)\d\d\s{0,2}[-–‑]\s{0,2}){0,15}(?P<year>(?:1[89]|2\d)\d\d)\s{0,2}年?\s{0,2}[)）]"
)
# A WTSA text's history: "(Montreal, 2000; Florianópolis, 2004; Johannesburg, 2008)", the last entry its revision
_PLACE_HISTORY: Final = re.compile(
    r"[(（]\s{0,2}(?:[^()（）;；\d]{2,40}[,，]\s{0,2}(?:1[89]|2\d)\d\d\s{0,2}[;；]\s{0,2}){1,12}"
    r"(?P<last>[^()（）;；\d]{2,40}[,，]\s{0,2}(?:1[89]|2\d)\d\d)\s{0,2}[)）]"
)


def _heading_at(text: str, start: int, found: list[Citation]) -> bool:
    """Whether a citation at ``start`` begins a heading, not a sentence.

    Only a line's start, page furniture ("- 97 -", a section label "(3.2 – Conseil)" and the
    section's title it repeats, a page number fused to the word: "1RESOLUCIÓN") or citations
    already read (a running header: "Res. ITU-R 52 1 RESOLUTION ITU-R 52") may precede it on
    its line.
    """
    begin = max(0, start - 80)
    newline = text.rfind("\n", begin, start)
    begin = newline + 1 if newline >= 0 else begin
    if begin > 0 and newline < 0 and start - 80 > 0:
        return False  # a long line before it: running text
    before = list(text[begin:start])
    for c in reversed(found):
        if c.span[1] <= begin:
            break
        for i in range(max(c.span[0], begin), min(c.span[1], start)):
            before[i - begin] = " "
    line = "".join(before)
    rest = _SECTION.sub(" ", line)
    for label in _SECTION.findall(line):  # the section's title repeated: "(7.2 – 其它杂项事宜) 7.2 其它杂项事宜"
        for words in _LABEL_WORDS.findall(label):
            rest = rest.replace(words, " ")
    return not any(ch.isalpha() for ch in rest)


_LABEL_WORDS: Final = re.compile(r"[^\W\d_]+(?:\s[^\W\d_]+)*")


def _heading(g: _Grammar, text: str, item: _Item, stop: int) -> None:
    """Give a heading citation the adoption parenthetical that ends its title.

    ITU compilations head each text with its number, its title, then when it was adopted:
    "RESOLUTION 69 Non-discriminatory access ... (Johannesburg, 2008)", "D 495 Publication des
    documents du Conseil (C-2000)", a Radiocommunication Assembly resolution's history
    "(1993-1995-1997-2000-2003-2007-2012)". The title runs without a full stop and without
    citing another instrument; bracketed words that are not a revision ("(RAG)") are part of it.
    """
    if item.has_revision or item.this:
        return
    end = min(len(text), stop + _TITLE_WINDOW)
    pos = stop
    for _ in range(_TITLE_BRACKETS):
        opening = min((i for i in (text.find("(", pos, end), text.find("（", pos, end)) if i >= 0), default=-1)
        if opening < 0 or not _is_title(g, text, item, pos, opening):
            return
        if _heading_revision(g, text, item, opening, end):
            return
        close = min((i for i in (text.find(")", opening, end), text.find("）", opening, end)) if i >= 0), default=-1)
        if close < 0 or close + 1 >= end:
            return
        pos = close + 1


def _is_title(g: _Grammar, text: str, item: _Item, pos: int, end: int) -> bool:
    """Whether ``text[pos:end]`` may be the rest of ``item``'s title.

    Not if it cites another instrument, or has a full stop or a colon outside the citations of
    the same instrument it repeats (a running header: "Res. UIT-R 12-1 1RESOLUCIÓN UIT-R 12-1").
    """
    gap = list(text[pos:end])
    repeats = 0
    for anchor in _anchor_pattern().finditer(text, pos, end):
        if anchor.start() < pos + len(gap) and gap[anchor.start() - pos] == " " and anchor.start() > pos:
            continue  # inside a repeat already read
        try:
            parsed = _parse_at(g, text, anchor.start(), 0)
        except _NotItu:
            return False
        if parsed is None:
            continue
        other = parsed[0][0]
        if (other.kind, other.number, other.ra_revision) != (item.kind, item.number, item.ra_revision):
            return False
        repeats += 1
        if repeats > _TITLE_BRACKETS:
            return False  # a title does not repeat its citation again and again: running text or a list
        for i in range(other.start, min(parsed[1], end)):
            gap[i - pos] = " "
    return _TITLE_STOP.search("".join(gap)) is None


def _other_than_council(item: _Item) -> bool:
    """Whether a Council-numbered item was given another body's session or body."""
    if not _council_numbered(item.kind, item.number):
        return False
    return (item.session is not None and item.session[0] != "council") or item.body not in {None, "council"}


def _heading_revision(g: _Grammar, text: str, item: _Item, opening: int, end: int) -> bool:
    """Read the parenthetical at ``opening`` as ``item``'s revision, if it is one."""
    found = _longest(g.revisions, text, opening, end)
    if found is not None:
        form, match = found
        saved = _state(item)
        _apply(g, match, item)
        if _other_than_council(item):
            _restore(item, saved)  # "RESOLUTION 1291 (MOD) ... Conference(WRC-12)": the title's, not its adoption
            return False
        if _valid(item) and (item.year is not None or item.session is not None):
            item.has_revision = True
            item.forms.append(f"heading {form.id}")
            return True
        _restore(item, saved)
    if item.body == "ra" and (history := _HISTORY.match(text, opening, end)) is not None:
        item.year = int(history.group("year"))
        item.has_revision = True
        item.forms.append("heading history")
        return True
    if (places := _PLACE_HISTORY.match(text, opening, end)) is not None:
        last = f"({places.group('last')})"  # the text as last revised: its place and year
        if (found := _longest(g.revisions, last, 0, len(last))) is not None and found[1].end() == len(last):
            saved = _state(item)
            _apply(g, found[1], item)
            item.modifier = Modifier.REVISED
            if _valid(item) and item.year is not None and item.place is not None:
                item.has_revision = True
                item.forms.append("heading place history")
                return True
            _restore(item, saved)
    return False


_HINT_WINDOW: Final = 160
_SENTENCE_END: Final = re.compile(
    r"(?<=[^\W\d_]{4})[.!?]\s|[。！？]"
)  # not after "Rev." or "No."  # how far back the words of a sentence may say whose instruments it cites


def _disambiguate(
    citation: Citation, g: _Grammar, text: str, gazetteer: _Gazetteer, neighbour: Citation | None
) -> Citation:
    """Choose among a citation's candidate sessions when the sentence says whose they are.

    "WTSA resolutions, particularly Resolutions 50 and 52 (Rev. Hammamet, 2016) and Resolution
    58 (Rev. Dubai, 2012)": Dubai 2012 is WTSA-12 or WCIT-12, and the list and the sentence
    both say WTSA. Only a single type named nearby decides; otherwise the candidates stay.
    """
    sessions = {key: gazetteer.find(key) for key in citation.candidates}
    types = {s.type for s in sessions.values() if s is not None}
    start = citation.span[0]
    window = text[max(0, start - _HINT_WINDOW) : start]
    sentence = _SENTENCE_END.split(window)[-1]  # the same sentence only
    named: set[str] = set()
    if neighbour is not None and neighbour.body is not None and neighbour.span[0] >= start - len(sentence):
        named = {neighbour.body.value} & types  # the citation before it, in the same sentence
    if not named:
        named = {t for t in _hinted_types(g, sentence) if t in types}
    if len(named) != 1:
        return citation
    (issuer,) = named
    chosen = [key for key, s in sessions.items() if s is not None and s.type == issuer]
    return attrs.evolve(
        citation,
        body=issuer,
        basis="text",
        conference=chosen[0] if len(chosen) == 1 else None,
        candidates=() if len(chosen) == 1 else tuple(chosen),
    )


def _telling(pattern: re.Pattern[str]) -> bool:
    """Whether a body word names its body anywhere in a sentence.

    A name of several words or an acronym does ("WTSA", "ITU Council"); a common word does not
    ("Council" is also the Human Rights Council's).
    """
    word = re.sub(r"\[[^\]]*\]|\\.|[(){}?*+|]", "", pattern.pattern)
    return " " in pattern.pattern or "\\s" in pattern.pattern or (len(word) > 1 and word.isupper())


def _hinted_types(g: _Grammar, window: str) -> set[str]:
    """The issuers whose body words or session designations occur in ``window``."""
    found = {issuer for pattern, issuer in _telling_words(g.lang) if pattern.search(window)}
    for designation in _designation(g.lang).finditer(window):  # "WTSA-16", "C19": a whole designation
        named = g.sessions.value(designation.group("s_who"))
        if named is not None:
            found.add(named)
    return found


@functools.cache
def _telling_words(lang: Lang) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The body words and names of a language that name their body anywhere in a sentence."""
    g = _forms(lang)
    words = [*g.vocab["body"].words, *g.vocab["body_after"].words, *g.names]
    return tuple((pattern, issuer) for pattern, issuer in words if _telling(pattern))


@functools.cache
def _designation(lang: Lang) -> re.Pattern[str]:
    g = _forms(lang)
    return re.compile(_session_pattern(g.sessions, "s") + r"(?![^\W\d_])", g.flags)


_CHAIN: Final = re.compile(_p.SPACE + r"(?:[,，、،]|and|et|y|и|و|和|及)?" + _p.SPACE + r"\Z", re.IGNORECASE)
_CHAIN_GAP: Final = 12  # how far apart two citations may be and still share a body


def _joined(text: str, end: int, start: int) -> bool:
    """Whether only a conjunction or a comma lies between two citations."""
    if not 0 <= start - end <= _CHAIN_GAP:
        return False
    between = _CHAIN.search(text, end, start)
    return between is not None and between.start() == end


# --- formatting ------------------------------------------------------------------------------------------


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
    g = _forms(Lang(lang))
    fmt = g.format
    body = citation.body.value if citation.body else None
    revision = ""
    if citation.adopted is not None and citation.year is not None:
        names = fmt.get("session_names", {})
        if body not in names or "session" not in fmt:
            msg = f"no {g.lang} house form is known for a 'last amended' citation of a {body} instrument"
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
            place = fmt["place"].format(place=g.place_forms.get(citation.place, citation.place))
        revision = fmt["revision"].format(modifier=modifier, place=place, year=fmt["year"].format(year=citation.year))
    if citation.ra_revision is not None and "{ra_revision}" not in fmt.get("ra_citation", ""):
        msg = f"no {g.lang} house form is known for a Radiocommunication Assembly resolution with its revision number"
        raise ValueError(msg)
    if body == "ra" and "ra_citation" in fmt:
        ra_revision = "" if citation.ra_revision is None else f"-{citation.ra_revision}"
        return str(fmt["ra_citation"]).format(
            kind=fmt["kinds"][citation.kind.value], number=citation.number, ra_revision=ra_revision, revision=revision
        )
    return str(fmt["citation"]).format(
        body_before=fmt.get("bodies_before", {}).get(body, "") if body else "",
        body_after=fmt.get("bodies_after", {}).get(body, "") if body else "",
        kind=fmt["kinds"][citation.kind.value],
        number=citation.number,
        revision=revision,
    )

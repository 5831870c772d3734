"""Akoma Ntoso IRIs (UN profile, AKN4UN) for revisions: write them, read them back.

Every revision is a deliberation of the conference or session that adopted it, so it gets
an AKN4UN *work* IRI of the form the ITU Innovation Hub's ``akn4itu`` converter gives the
resolutions of the PP-18 Final Acts::

    /akn/un/statement/deliberation/itu-pp/2018-11-15/res-2
         |   |         |            |      |          |
         |   |         |            |      |          +-- type and number: res-, dec-, rec-
         |   |         |            |      +-- the date the revision took effect
         |   |         |            +-- actor: "itu-" and the issuer (pp, council, wtsa...)
         |   |         +-- AKN4UN subtype of deliberative documents
         |   +-- document type
         +-- jurisdiction: the UN system

``akn4itu`` only converts Plenipotentiary Conference acts (actor ``itu-pp``); the other
actors (``itu-council``, ``itu-wtsa``, ``itu-wtdc``, ``itu-ra``, ``itu-wrc``, ``itu-wcit``)
follow the same pattern. The date is the revision's effective date as the lineage index
computes it (:attr:`itu_governance.graph.Timeline.dates`: the day of adoption if known, else
the closing day of the conference or session), so an IRI names exactly one revision and
parses back to it.

>>> import itu_governance as itu
>>> from itu_governance import akn
>>> reg = itu.load()
>>> iri = akn.revision_iri(reg, "pp/res/102@2018")
>>> iri
'/akn/un/statement/deliberation/itu-pp/2018-11-16/res-102'
>>> parts = akn.parse_iri(iri)
>>> parts.issuer, parts.type, parts.number
(<Issuer.PP: 'pp'>, <InstrumentType.RESOLUTION: 'resolution'>, 102)
>>> parts.date, parts.instrument
(datetime.date(2018, 11, 16), 'pp/res/102')
>>> reg.revision_from_iri(iri).key
'pp/res/102@2018'
"""

from __future__ import annotations

import bisect
import datetime as dt
import inspect
import os
import re
import xml.etree.ElementTree as ET  # noqa: N817 (the usual name)
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, NamedTuple, cast, overload

import attrs

from itu_governance import _keys
from itu_governance.citations import Citation, Modifier, extract_citations
from itu_governance.errors import NotFound
from itu_governance.models import (
    Conference,
    Designation,
    Dispute,
    DisputedValue,
    End,
    EndHow,
    InstrumentType,
    Issuer,
    Lang,
    Provision,
    Relation,
    Resolution,
    Revision,
    Source,
    Texts,
)

if TYPE_CHECKING:
    from itu_governance.graph import Timeline
    from itu_governance.registry import Registry

__all__ = [
    "PREFIX",
    "ParsedIri",
    "parse_iri",
    "revision_from_iri",
    "revision_iri",
    "work_iri",
]


def __dir__() -> list[str]:
    return __all__


PREFIX: Final = "/akn/un/statement/deliberation/"
"""What every AKN4UN IRI of an ITU deliberation starts with."""

_ACTOR: Final = "itu-"
_CODE_TYPES: Final = {code: InstrumentType(name) for name, code in _keys.TYPE_CODES.items()}
# ISO 639-2 (alpha-3) codes, as AKN expression IRIs use them.
_LANG3: Final = {"ar": "ara", "en": "eng", "es": "spa", "fr": "fra", "ru": "rus", "zh": "zho"}
_DATE: Final = r"\d{4}-\d{2}-\d{2}"
_IRI: Final = re.compile(
    r"(?:https?://[^/\s]+)?"
    + re.escape(PREFIX)
    + rf"{_ACTOR}(?P<issuer>{'|'.join(_keys.ISSUERS)})"
    + rf"/(?P<date>{_DATE})"
    + rf"/(?P<type>{'|'.join(_CODE_TYPES)})-(?P<number>[1-9][0-9]{{0,4}})"
    + r"(?:/!main)?"  # the work's main component
    + rf"(?:/(?:{'|'.join(_LANG3.values())})@(?:{_DATE})?(?:/!main)?)?"  # an expression
    + r"(?:/?\.[a-z]+)?"  # a manifestation (``/.xml``, ``.akn``)
    + r"/?"
)


class ParsedIri(NamedTuple):
    """What an AKN4UN work IRI says: who issued which instrument, and the revision's date.

    >>> from itu_governance.akn import parse_iri
    >>> parts = parse_iri("/akn/un/statement/deliberation/itu-council/2019-06-20/res-1336")
    >>> parts.instrument, parts.date.year
    ('council/res/1336', 2019)
    """

    issuer: Issuer
    type: InstrumentType
    number: int
    date: dt.date

    @property
    def instrument(self) -> str:
        """The key of the instrument the IRI names, e.g. ``council/res/1336``."""
        return _keys.instrument_key(self.issuer.value, self.type.value, self.number)


def work_iri(
    issuer: Issuer | str,
    type: InstrumentType | str,  # noqa: A002 (the field's name in the model and data)
    number: int,
    date: dt.date,
    lang: str | None = None,
) -> str:
    """The AKN4UN IRI of one revision of an instrument, from its parts.

    Args:
        issuer: the issuing body (``"pp"``, ``"council"``...).
        type: ``"resolution"``, ``"decision"`` or ``"recommendation"``.
        number: the instrument's number.
        date: the revision's effective date.
        lang: if given (``"en"``, ``"fr"``...), the IRI of the revision's expression in that
            language instead of the work.

    Returns:
        The IRI, without scheme or host (AKN IRIs are relative to the publisher's resolver).

    Raises:
        ValueError: an unknown issuer, type or language, or a number out of range.

    >>> import datetime as dt
    >>> work_iri("pp", "resolution", 2, dt.date(2018, 11, 15))
    '/akn/un/statement/deliberation/itu-pp/2018-11-15/res-2'
    >>> work_iri("council", "decision", 563, dt.date(2010, 10, 22), lang="fr")
    '/akn/un/statement/deliberation/itu-council/2010-10-22/dec-563/fra@2010-10-22'
    """
    body, kind, value = Issuer(issuer), InstrumentType(type), cast("object", number)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99999:
        msg = f"an instrument number is an integer from 1 to 99999, got {number!r}"
        raise ValueError(msg)
    iri = f"{PREFIX}{_ACTOR}{body.value}/{date.isoformat()}/{_keys.TYPE_CODES[kind.value]}-{number}"
    if lang is not None:
        iri += f"/{_LANG3[Lang(lang).value]}@{date.isoformat()}"
    return iri


@overload
def revision_iri(source: Registry, ref: str | Revision, /, *, lang: str | None = None) -> str: ...


@overload
def revision_iri(source: Revision, date: dt.date, /, *, lang: str | None = None) -> str: ...


def revision_iri(
    source: Registry | Revision,
    ref_or_date: str | Revision | dt.date,
    /,
    *,
    lang: str | None = None,
) -> str:
    """The AKN4UN IRI of a revision.

    Call it with a registry and a revision (its key, a citation, or the object): the date is
    then the revision's effective date in that registry. Or call it with a revision and the
    date yourself, where there is no registry (synthetic data, another index).

    Args:
        source: a :class:`~itu_governance.Registry`, or the revision itself.
        ref_or_date: with a registry, the revision (key, citation or object); with a
            revision, its effective date.
        lang: if given, the IRI of the revision's expression in that language.

    Raises:
        NotFound: the registry has no such revision.
        TypeError: the arguments are of neither form.

    >>> import datetime as dt, itu_governance as itu
    >>> revision_iri(itu.load(), "council/res/1336@2019")
    '/akn/un/statement/deliberation/itu-council/2019-06-20/res-1336'
    >>> rev = itu.load().revision("council/res/1336@2019")
    >>> revision_iri(rev, dt.date(2019, 6, 20), lang="en")
    '/akn/un/statement/deliberation/itu-council/2019-06-20/res-1336/eng@2019-06-20'
    """
    if isinstance(source, Revision):
        if not isinstance(ref_or_date, dt.date) or isinstance(ref_or_date, dt.datetime):
            msg = f"revision_iri(revision, date) takes a datetime.date, got {ref_or_date!r}"
            raise TypeError(msg)
        return _iri(source, ref_or_date, lang)
    if isinstance(ref_or_date, dt.date):
        msg = "revision_iri(registry, ref) takes a revision key, citation or Revision, not a date"
        raise TypeError(msg)
    revision = ref_or_date if isinstance(ref_or_date, Revision) else source.revision(ref_or_date)
    # The revision's version-of edge carries its effective date (its timeline's date): one
    # lookup, where ``source.timelines`` would copy the whole index.
    edges = source.graph.get_edge_data(revision.key, revision.instrument) or {}
    for data in edges.values():
        if data["relation"] == "version-of":
            return _iri(revision, data["date"], lang)
    raise NotFound(revision.key, "revision")


def _iri(revision: Revision, date: dt.date, lang: str | None) -> str:
    issuer, code, number = revision.instrument.split("/")
    return work_iri(issuer, _CODE_TYPES[code], int(number), date, lang)


def parse_iri(iri: str) -> ParsedIri:
    """Read an AKN4UN IRI of an ITU deliberation: issuer, type, number and date.

    Work IRIs are read, and so are expression and manifestation IRIs of the same work
    (``.../res-2/eng@2018-11-15``, ``.../res-2/eng@2018-11-15/.xml``) and full URLs whose
    path is such an IRI.

    Raises:
        ValueError: the text is not such an IRI, or its date is not a calendar date.

    >>> parse_iri("/akn/un/statement/deliberation/itu-pp/2018-11-15/res-2/eng@2018-11-15/.xml")[:3]
    (<Issuer.PP: 'pp'>, <InstrumentType.RESOLUTION: 'resolution'>, 2)
    """
    text = cast("object", iri)
    match = _IRI.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        msg = (
            f"expected an AKN4UN IRI like '{PREFIX}itu-pp/2018-11-15/res-2' "
            f"(actor itu-{'|'.join(_keys.ISSUERS)}; res-, dec- or rec-), got {iri!r}"
        )
        raise ValueError(msg)
    try:
        date = dt.date.fromisoformat(match["date"])
    except ValueError:
        msg = f"the IRI's date {match['date']!r} is not a calendar date: {iri!r}"
        raise ValueError(msg) from None
    return ParsedIri(Issuer(match["issuer"]), _CODE_TYPES[match["type"]], int(match["number"]), date)


def revision_from_iri(timelines: Mapping[str, Timeline], iri: str) -> Revision:
    """The revision an AKN4UN IRI names, by its instrument and its effective date.

    Args:
        timelines: the lineage index (:attr:`itu_governance.Registry.timelines`).
        iri: a work, expression or manifestation IRI.

    Raises:
        ValueError: ``iri`` is not an AKN4UN IRI of an ITU deliberation.
        NotFound: no instrument has that key, or none of its revisions took effect that day
            (the suggestions are the IRIs of its revisions).

    >>> import itu_governance as itu
    >>> iri = "/akn/un/statement/deliberation/itu-council/2019-06-20/res-1336"
    >>> revision_from_iri(itu.load().timelines, iri).key
    'council/res/1336@2019'
    """
    parts = parse_iri(iri)
    line = timelines.get(parts.instrument)
    if line is None:
        raise NotFound(iri, "instrument")
    i = bisect.bisect_left(line.dates, parts.date)
    if i < len(line.dates) and line.dates[i] == parts.date:
        return line.instrument.revisions[i]
    known = (_iri(rev, day, None) for rev, day in zip(line.instrument.revisions, line.dates, strict=True))
    raise NotFound(iri, "revision of that instrument on that date", known)


# --- reading AKN4UN XML: the statements of a collection as records -------------------------

_AKN: Final = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
_KINDS: Final = {"resolution": "resolution", "decision": "decision", "recommendation": "recommendation"}
# A number or letter fused to the start of a paragraph by the conversion ("1 to revise ...").
_LEADING_NUM: Final = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2})*|[a-z]{1,2}\)|[ivx]{1,5}\))\s+(?=\S)")
# An operative heading fused to the end of the previous paragraph ("..., instructs the Council").
_VERBS: Final = (
    r"(?:further\s+)?(?:resolves|decides|instructs|invites|requests|encourages|urges|calls\s+upon|"
    r"authorizes|recommends|appeals\s+to|charges)"
)
_FUSED_HEADING: Final = re.compile(rf"(?P<text>.*[,;:.])\s+(?P<heading>{_VERBS}\b[^;.]*?)\s*$", re.DOTALL)
_ANNEX: Final = re.compile(r"\bANNEX(?:\s+(?P<n>\d+|[A-Z]))?\s+TO\s+(?:RESOLUTION|DECISION|RECOMMENDATION)\s+\d+")
_PART: Final = re.compile(r"\bPART\s+[IVX]+\s+-\s")
_FOOTNOTE: Final = re.compile(r"\s*_{5,}\s*")
_FOOTNOTE_MARK: Final = re.compile(r"(?<=[a-z])\d(?=[\s,;:]|$)")
_HEADING_NUMBER: Final = re.compile(
    r"(?P<kind>RESOLUTION|DECISION|RECOMMENDATION)\s+(?P<number>\d+)\s*\((?P<rev>REV\.\s*)?(?P<place>[^,()]+),\s*(?P<year>\d{4})\)",
    re.IGNORECASE,
)
_ABROGATED: Final = re.compile(r"ABROGATED\s+BY\s+THE\s+PLENIPOTENTIARY\s+CONFERENCE\s*\([^)]*\)", re.IGNORECASE)
_LISTED: Final = re.compile(
    r"(?P<kind>RESOLUTION|DECISION)\s+(?P<number>\d+)\s+\((?P<rev>REV\.\s*)?(?P<place>[A-Z][A-Z ]+),\s*(?P<year>\d{4})\)"
    r"\s+(?P<title>.*?)(?:\s+\d{3})?(?=\s+(?:RESOLUTION|DECISION)\s+\d+\s+\(|\s+PART\s+[IVX]+\s+-|$)",
    re.DOTALL,
)
_NOT_ITU_AFTER: Final = re.compile(r"\s*/\s*\d")  # "Resolution 70/1": a UN General Assembly resolution


@attrs.frozen(kw_only=True)
class Site:
    """Where a citation stands: the citing revision and the provision (clause and ``eId``).

    ``part`` is ``"preamble"``, ``"operative"`` or ``"annex"``; ``list`` for the Final Acts'
    own lists (of abrogated instruments).
    """

    revision: str
    clause: str
    eid: str | None
    part: str

    def __str__(self) -> str:
        where = f"{self.revision}, {self.clause}"
        return f"{where} (eId {self.eid})" if self.eid else where


@attrs.frozen(kw_only=True)
class Cited:
    """One citation of an ITU instrument in an imported text, and what it resolves to.

    ``target`` is the key of the revision the citation names (or, without a year, of the
    instrument); ``None`` when it cannot be resolved, and ``reason`` then says why.
    """

    citation: Citation
    site: Site
    target: str | None
    reason: str | None = None


@attrs.frozen(kw_only=True)
class AknImport:
    """What :func:`read_akn` read: records for the instruments of a collection, and its citations.

    ``records`` holds the instruments the collection adopts or revises (with titles,
    provisions and ``cites`` relations), those it abrogates, and those known only from its
    citations (their revisions are ``attested``). ``citations`` lists every ITU citation with
    the provision it stands in; :attr:`unresolved` those that could not be tied to a revision.
    """

    conference: str
    statements: tuple[str, ...]
    records: tuple[Resolution, ...]
    citations: tuple[Cited, ...]
    problems: tuple[str, ...] = ()

    @property
    def unresolved(self) -> tuple[Cited, ...]:
        """The citations that name no revision or instrument the import or the registry knows."""
        return tuple(c for c in self.citations if c.target is None)

    def record(self, key: str) -> Resolution:
        """The imported record of one instrument, by key."""
        for record in self.records:
            if record.key == key:
                return record
        raise NotFound(key, "imported instrument", [r.key for r in self.records][:3])


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


@attrs.define
class _Piece:
    """One paragraph or recital, with its clause label, as read from the XML."""

    clause: str
    eid: str | None
    part: str
    text: str
    full: str  # everything the element holds (footnotes, fused headings): where citations are sought


def _statement_pieces(statement: ET.Element) -> tuple[list[_Piece], str]:
    """The recitals and operative paragraphs of a statement, and the trailing text of the collection."""
    pieces: list[_Piece] = []
    preamble = statement.find(f"{_AKN}preamble")
    for recitals in preamble.iter(f"{_AKN}recitals") if preamble is not None else ():
        intro = _text(recitals.find(f"{_AKN}intro")) or "preamble"
        for recital in recitals.iter(f"{_AKN}recital"):
            num_el = recital.find(f"{_AKN}num")
            text = _text(recital.find(f"{_AKN}p")) or _text(recital)
            num = _text(num_el)
            if num_el is None and (m := _LEADING_NUM.match(text)):
                num, text = m["num"], text[m.end() :]
            elif num and text.startswith(num):
                text = text[len(num) :].lstrip()
            own = _FOOTNOTE.split(text, maxsplit=1)[0]
            pieces.append(_Piece(f"{intro} {num}".strip(), recital.get("eId"), "preamble", own or text, text))
    body = statement.find(f"{_AKN}mainBody")
    tail = ""
    annex: str | None = None
    for container in body.iter(f"{_AKN}hcontainer") if body is not None else ():
        heading = _text(container.find(f"{_AKN}heading"))
        for paragraph in container.iter(f"{_AKN}paragraph"):
            text = _text(paragraph.find(f"{_AKN}content")) or _text(paragraph)
            num = _text(paragraph.find(f"{_AKN}num"))
            if not num and (m := _LEADING_NUM.match(text)):
                num, text = m["num"], text[m.end() :]
            if tail:  # after the statement's end: the collection's own parts, fused in
                tail += " " + " ".join(filter(None, (num, text)))
                continue
            if part := _PART.search(text):
                text, tail = text[: part.start()].rstrip(), text[part.start() :]
            own, next_heading, next_annex = _split_fused(text)
            label = f"Annex {annex}".strip() if annex is not None else heading
            part_name = "annex" if annex is not None else "operative"
            pieces.append(_Piece(f"{label} {num}".strip(), paragraph.get("eId"), part_name, own, text))
            if next_annex is not None:
                annex = next_annex
            elif next_heading is not None and annex is None:
                heading = next_heading
    return pieces, tail


def _split_fused(text: str) -> tuple[str, str | None, str | None]:
    """Split what the conversion fused into a paragraph: its own text, then a heading or an annex."""
    own = text
    annex = None
    if (m := _ANNEX.search(own)) is not None:
        own = own[: m.start()].rstrip()
        annex = m["n"] or ""
    own = _FOOTNOTE.split(own, maxsplit=1)[0] if _FOOTNOTE.search(own) else own
    heading = None
    if annex is None and (m := _FUSED_HEADING.match(own)) is not None and len(m["heading"]) <= 160:
        own, heading = m["text"], m["heading"]
    return own.strip() or text, heading, annex


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def _extract(text: str, conference: str) -> list[Citation]:
    """The citations of a text written by ``conference``, with the document context if the engine takes one."""
    if "context" in _extract_parameters():
        return extract_citations(text, context=conference)  # type: ignore[call-arg,unused-ignore]
    return extract_citations(text)


def _extract_parameters() -> Mapping[str, inspect.Parameter]:
    return inspect.signature(extract_citations).parameters


def _same_place(conf: Conference, place: str, year: int) -> bool:
    """Whether a citation's place names the conference's city, or a form its aliases use with the year."""
    if conf.city is not None and _fold(conf.city) == _fold(place):
        return True
    words = f" {_fold(place)} "
    return any(words in f" {_fold(alias)} " and str(year) in alias for alias in conf.aliases)


class _Resolver:
    """Which issuer, session and revision a citation names, from the registry's conferences."""

    def __init__(self, registry: Registry, conference: str) -> None:
        self.registry = registry
        self.conference = registry.conference(conference)
        self.conferences = registry.conferences()

    def sessions(self, citation: Citation, body: Issuer | None) -> list[str]:
        """The conferences or sessions whose revision of that year the citation may name."""
        named = getattr(citation, "conference", None)
        if isinstance(named, str):
            return [named] if named in self.registry else []
        found = []
        for conf in self.conferences:
            if body is not None and conf.type is not body:
                continue
            first, last = (conf.start.year, (conf.end or conf.start).year) if conf.start else (None, None)
            if first is None or citation.year is None or not first <= citation.year <= (last or first):
                continue
            if citation.place is not None and not _same_place(conf, citation.place, citation.year):
                continue
            if citation.place is None and conf.type is not Issuer.COUNCIL:
                continue
            found.append(conf.key)
        return found

    def body(self, citation: Citation) -> tuple[Issuer | None, str | None]:
        """The issuer a citation names, or the reason it cannot be told."""
        if citation.body is not None:
            return citation.body, None
        candidates = getattr(citation, "candidates", ())
        if len(candidates) > 1:
            return None, "the text leaves the issuer open: " + ", ".join(map(str, candidates))
        if citation.year is not None:
            types = {self.registry.get(k).type for k in self.sessions(citation, None)}
            if len(types) == 1:
                return types.pop(), None
            if len(types) > 1:
                names = ", ".join(sorted(t.value for t in types))
                return None, f"{citation.place} {citation.year} is a session of several bodies ({names})"
            return None, f"no conference record for {citation.place or 'a session'} {citation.year}"
        if citation.number >= 1000 and citation.kind is InstrumentType.RESOLUTION:
            return Issuer.COUNCIL, None  # Council resolutions are numbered from 1000 up
        return self.conference.type, None  # a bare citation in a text means the issuer's own


def read_akn(
    path: str | os.PathLike[str],
    registry: Registry | None = None,
    *,
    source: str | None = None,
) -> AknImport:
    """Read an AKN4UN collection of ITU deliberations (the Final Acts of a conference) as records.

    Each ``<statement>`` becomes its instrument with the revision its heading names ("(Rev.
    Dubai, 2018)": revised; "(Dubai, 2018)": adopted), its English title, its operative
    provisions (clause labels such as "instructs the ITU Council 1", with their ``eId``) and a
    ``cites`` relation for every ITU citation in its preamble and operative part, tied to the
    clause and ``eId`` where it stands. Instruments that the text only cites become records
    whose revisions are ``attested``: the issuer, number, session and designation the citation
    states, sourced to the citing provision, nothing more. Instruments listed as abrogated by
    the conference get that ending.

    Args:
        path: the XML file (the standard library's parser reads it; no extra is needed).
        registry: the registry whose conferences name the sessions cited, and whose records
            the citations may also resolve to (default: the bundled dataset).
        source: the reference every fact is sourced to (default: the collection's FRBR work IRI).

    Returns:
        An :class:`AknImport`; pass it to :func:`merge` to get data files.

    Raises:
        ValueError: the file is not AKN XML, or has no statement of a known conference.
        NotFound: the registry has no conference for the statements' author and date.
    """
    from itu_governance.loader import load  # noqa: PLC0415 (the loader imports this module's users)

    reg = registry if registry is not None else load()
    try:
        root = ET.parse(os.fspath(path)).getroot()  # noqa: S314 (a local file the user names)
    except ET.ParseError as exc:
        line, column = exc.position
        msg = f"{os.fspath(path)}:{line}:{column + 1}: not well-formed XML ({exc})"
        raise ValueError(msg) from None
    if not root.tag.startswith(_AKN):
        msg = f"{os.fspath(path)}: expected an Akoma Ntoso 3.0 document, got the root element {root.tag!r}"
        raise ValueError(msg)
    statements = list(root.iter(f"{_AKN}statement"))
    if not statements:
        msg = f"{os.fspath(path)}: no <statement> in the file"
        raise ValueError(msg)
    work = root.find(f".//{_AKN}FRBRWork/{_AKN}FRBRthis")
    ref = source or (work.get("value", "") if work is not None else "") or os.fspath(path)
    return _Importer(reg, statements, ref).run()


_MODIFIED: Final = {Modifier.REVISED: Designation.REVISED, Modifier.MODIFIED: Designation.MODIFIED}


@attrs.define
class _Attested:
    """What the citations of one revision say of it."""

    session: str
    designations: dict[Designation, list[Source]] = attrs.Factory(dict)
    titles: dict[str, str] = attrs.Factory(dict)


class _Importer:
    def __init__(self, registry: Registry, statements: list[ET.Element], ref: str) -> None:
        self.registry = registry
        self.statements = statements
        self.ref = ref
        self.problems: list[str] = []
        self.conference = self._conference(statements[0])
        self.resolver = _Resolver(registry, self.conference)
        self.own: dict[str, Revision] = {}  # instrument key -> the revision the collection adopts
        self.attested: dict[tuple[str, int], _Attested] = {}
        self.ends: dict[str, End] = {}
        self.cited: list[Cited] = []

    def _conference(self, statement: ET.Element) -> str:
        work = statement.find(f".//{_AKN}FRBRWork")
        author = work.find(f"{_AKN}FRBRauthor") if work is not None else None
        date = work.find(f"{_AKN}FRBRdate") if work is not None else None
        actor = (author.get("href", "") if author is not None else "").lstrip("#")
        issuer = actor.removeprefix(_ACTOR)
        if not actor.startswith(_ACTOR) or issuer not in _keys.ISSUERS or date is None:
            msg = f"expected statements authored by '#itu-pp' (or another ITU issuer) with a date, got {actor!r}"
            raise ValueError(msg)
        day = dt.date.fromisoformat(date.get("date", ""))
        for conf in self.registry.conferences(issuer):
            if conf.start is not None and conf.start.earliest <= day <= (conf.end or conf.start).latest:
                return conf.key
        raise NotFound(f"{issuer} conference in session on {day}", "conference")

    def source(self, note: str) -> Source:
        return Source(ref=self.ref, note=note)

    def run(self) -> AknImport:
        pieces: list[tuple[Revision, list[_Piece]]] = []
        tails: list[str] = []
        for statement in self.statements:
            revision, own_pieces, tail = self.statement(statement)
            if revision is None:
                continue
            self.own[revision.instrument] = revision
            pieces.append((revision, own_pieces))
            tails.append(tail)
        for tail in tails:
            self.abrogations(tail)
        pending: list[tuple[Citation, Site]] = []
        for revision, own_pieces in pieces:
            for piece in own_pieces:
                site = Site(revision=revision.key, clause=piece.clause, eid=piece.eid, part=piece.part)
                for citation in _extract(piece.full, self.conference):
                    if _NOT_ITU_AFTER.match(piece.full, citation.span[1]):
                        continue
                    pending.append((citation, site))
        first = [self.resolve(c, s) for c, s in pending if c.year is not None]
        later = [self.resolve(c, s) for c, s in pending if c.year is None]
        self.cited = [c for c in [*first, *later] if c is not None]
        records = self.records()
        order = {key: i for i, (key, _) in enumerate(pending_order(pending))}
        self.cited.sort(key=lambda c: (order.get(c.site.revision, 0), c.citation.span))
        return AknImport(
            conference=self.conference,
            statements=tuple(self.own),
            records=records,
            citations=tuple(self.cited),
            problems=tuple(self.problems),
        )

    def statement(self, statement: ET.Element) -> tuple[Revision | None, list[_Piece], str]:
        work = statement.find(f".//{_AKN}FRBRWork")
        number_el = work.find(f"{_AKN}FRBRnumber") if work is not None else None
        this = work.find(f"{_AKN}FRBRthis") if work is not None else None
        preface = statement.find(f"{_AKN}preface")
        heading = " ".join(
            _text(preface.find(f".//{_AKN}{tag}")) for tag in ("docType", "docNumber") if preface is not None
        )
        match = _HEADING_NUMBER.search(heading) or _HEADING_NUMBER.search(
            number_el.get("showAs", "") if number_el is not None else ""
        )
        name = statement.get("name", "")
        if match is None or name not in _KINDS:
            self.problems.append(f"a statement with the heading {heading!r} was skipped (no number and session)")
            return None, [], ""
        kind = InstrumentType(_KINDS[name])
        number, year = int(match["number"]), int(match["year"])
        conf = self.registry.get(self.conference)
        if conf.year != year or conf.city is None or _fold(conf.city) != _fold(match["place"]):
            self.problems.append(f"{heading!r} names another session than {conf.short_name}; skipped")
            return None, [], ""
        instrument = _keys.instrument_key(conf.type.value, kind.value, number)
        title_el = preface.find(f"{_AKN}container[@name='title']") if preface is not None else None
        title = _FOOTNOTE_MARK.sub("", _text(title_el))
        pieces, tail = _statement_pieces(statement)
        iri = this.get("value", "") if this is not None else ""
        note = f"{heading.title()}: statement {iri}" if iri else heading.title()
        if title.endswith(":"):
            note += "; the title ends with ':' in the file (the conversion may have cut it)"
        key = _keys.revision_key(instrument, year)
        provisions = [
            Provision(clause=p.clause, text=p.text, eid=p.eid) for p in pieces if p.part != "preamble" and p.text
        ]
        revision = Revision(
            instrument=instrument,
            year=year,
            designation=Designation.REVISED if match["rev"] else Designation.ADOPTED,
            adopted_by=self.conference,
            titles=Texts({"en": title}) if title else Texts(),
            provisions=provisions,
            sources=[self.source(note)],
        )
        assert revision.key == key  # noqa: S101
        return revision, pieces, tail

    def abrogations(self, tail: str) -> None:
        for heading in _ABROGATED.finditer(tail):
            stop = _PART.search(tail, heading.end())
            segment = tail[heading.end() : stop.start() if stop else len(tail)]
            for entry in _LISTED.finditer(segment):
                self.abrogated(entry, tail[max(0, heading.start() - 40) : heading.end()])

    def abrogated(self, entry: re.Match[str], heading: str) -> None:
        kind = InstrumentType(entry["kind"].lower())
        number, year = int(entry["number"]), int(entry["year"])
        conf = self.registry.get(self.conference)
        place = entry["place"].strip().title()
        cited = Citation(kind=kind, number=number, year=year, place=place, body=conf.type)
        sessions = self.resolver.sessions(cited, conf.type)
        title = " ".join(entry["title"].split())
        where = " ".join(heading.split())
        source = self.source(f"{where}: {' '.join(entry.group(0).split())}")
        site = Site(revision=self.conference, clause=where.title(), eid=None, part="list")
        if len(sessions) != 1:
            reason = f"no single {conf.type.value} conference record for {place} {year}"
            self.cited.append(Cited(citation=cited, site=site, target=None, reason=reason))
            return
        instrument = _keys.instrument_key(conf.type.value, kind.value, number)
        attested = self.attested.setdefault((instrument, year), _Attested(session=sessions[0]))
        designation = Designation.REVISED if entry["rev"] else Designation.ADOPTED
        attested.designations.setdefault(designation, []).append(source)
        if title:
            attested.titles["en"] = title
        year_of = conf.year or year
        self.ends[instrument] = End(how=EndHow.ABROGATED, by=self.conference, year=year_of, sources=[source])
        self.cited.append(Cited(citation=cited, site=site, target=_keys.revision_key(instrument, year)))

    def resolve(self, citation: Citation, site: Site) -> Cited | None:
        body, reason = self.resolver.body(citation)
        if body is None:
            return Cited(citation=citation, site=site, target=None, reason=reason)
        instrument = _keys.instrument_key(body.value, citation.kind.value, citation.number)
        if citation.year is None:
            known = (
                instrument in self.registry
                or instrument in self.own
                or any(key == instrument for key, _ in self.attested)
            )
            why = None if known else f"no revision stated, and {instrument} is not in the data"
            return Cited(citation=citation, site=site, target=instrument if known else None, reason=why)
        key = _keys.revision_key(instrument, citation.year)
        if key == site.revision:
            return None  # the statement naming itself (an annex heading)
        if instrument in self.own and self.own[instrument].year == citation.year:
            return Cited(citation=citation, site=site, target=key)
        if citation.modifier is Modifier.LAST_AMENDED:
            return Cited(citation=citation, site=site, target=None, reason="a 'last amended' form (not attested)")
        sessions = self.resolver.sessions(citation, body)
        if len(sessions) != 1:
            where = f"{citation.place + ' ' if citation.place else ''}{citation.year}"
            why = f"no {body.value} conference record for {where}" if not sessions else "several sessions match"
            return Cited(citation=citation, site=site, target=None, reason=why)
        if sessions[0] == self.conference:
            why = f"names a revision of {self.conference} that the file does not hold"
            return Cited(citation=citation, site=site, target=None, reason=why)
        curated = self.registry.get(instrument) if instrument in self.registry else None
        if isinstance(curated, Resolution):
            if any(r.year == citation.year for r in curated.revisions):
                return Cited(citation=citation, site=site, target=key)
            if curated.complete:
                why = f"{instrument} lists every revision and none of {citation.year}"
                return Cited(citation=citation, site=site, target=None, reason=why)
        designation = (
            _MODIFIED.get(citation.modifier, Designation.ADOPTED) if citation.modifier else Designation.ADOPTED
        )
        attested = self.attested.setdefault((instrument, citation.year), _Attested(session=sessions[0]))
        note = f"{site}: '{citation.text or citation}'"
        attested.designations.setdefault(designation, []).append(self.source(note))
        return Cited(citation=citation, site=site, target=key)

    def records(self) -> tuple[Resolution, ...]:
        by_instrument: dict[str, list[Revision]] = {}
        for (instrument, year), attested in sorted(self.attested.items()):
            if instrument in self.own and self.own[instrument].year == year:
                continue
            by_instrument.setdefault(instrument, []).append(self.attested_revision(instrument, year, attested))
        for instrument, revision in self.own.items():
            by_instrument.setdefault(instrument, []).append(revision)
        relations = self.relations()
        records = []
        for instrument, revisions in sorted(by_instrument.items()):
            revisions = self.consistent(instrument, sorted(revisions, key=lambda r: r.year))
            revisions = [
                attrs.evolve(r, relations=relations.get(r.key, ())) if r.key in relations else r for r in revisions
            ]
            issuer, code, number = instrument.split("/")
            end = self.ends.get(instrument)
            sources = [self.source("the collection's text" if instrument in self.own else "citations in the text")]
            records.append(
                Resolution(
                    issuer=issuer,
                    type=_CODE_TYPES[code],
                    number=int(number),
                    revisions=revisions,
                    end=end if end is not None and end.year >= revisions[-1].year else None,
                    sources=sources,
                )
            )
        return tuple(records)

    def attested_revision(self, instrument: str, year: int, attested: _Attested) -> Revision:
        votes = attested.designations
        # An explicit "Rev." or "Mod." outweighs a citation that leaves the word out.
        chosen = next((d for d in (Designation.MODIFIED, Designation.REVISED) if d in votes), Designation.ADOPTED)
        disputes = []
        if len(votes) > 1:
            disputes.append(
                Dispute(
                    field="designation",
                    values=[DisputedValue(value=d.value, sources=sources) for d, sources in votes.items()],
                )
            )
        sources = [s for group in votes.values() for s in group]
        return Revision(
            instrument=instrument,
            year=year,
            designation=chosen,
            adopted_by=attested.session,
            titles=Texts(attested.titles),
            attested=True,
            sources=list(dict.fromkeys(sources)),
            disputes=disputes,
        )

    def consistent(self, instrument: str, revisions: list[Revision]) -> list[Revision]:
        """Drop attested revisions whose citations contradict the rest (an adoption after a revision)."""
        kept: list[Revision] = []
        for rev in revisions:
            if kept and rev.designation is Designation.ADOPTED:
                self.problems.append(
                    f"{instrument}: a citation names its adoption in {rev.year}, after the revision of "
                    f"{kept[0].year}; {rev.key} was left out"
                )
                self.unresolve(rev.key, f"the citations disagree on {instrument}'s adoption")
                continue
            if (
                rev.designation is Designation.ADOPTED
                and kept == []
                and any(r.designation is Designation.ADOPTED for r in revisions if r is not rev and r.year < rev.year)
            ):
                continue
            kept.append(rev)
        return kept

    def unresolve(self, key: str, reason: str) -> None:
        self.cited = [attrs.evolve(c, target=None, reason=reason) if c.target == key else c for c in self.cited]

    def relations(self) -> dict[str, tuple[Relation, ...]]:
        found: dict[str, dict[tuple[str, str, str | None], Relation]] = {}
        for cited in self.cited:
            if cited.target is None or cited.site.part == "list":
                continue
            relation = Relation(
                relation="cites",
                target=cited.target,
                clause=cited.site.clause,
                eid=cited.site.eid,
                note=f"'{cited.citation.text}'" if cited.citation.text else None,
            )
            found.setdefault(cited.site.revision, {}).setdefault(
                (cited.target, cited.site.clause, cited.site.eid), relation
            )
        return {key: tuple(rels.values()) for key, rels in found.items()}


def pending_order(pending: list[tuple[Citation, Site]]) -> Iterator[tuple[str, None]]:
    """The citing revisions in the order of the file."""
    for key in dict.fromkeys(site.revision for _, site in pending):
        yield key, None


# --- merging with curated data, and writing data files -------------------------------------

GENERATED: Final = "# Generated by `itu-governance import-akn`"
"""The first line of every file the importer writes: a later import replaces such files."""


@attrs.frozen(kw_only=True)
class Merge:
    """The data files an import adds, by path inside the data folder, and the conflicts it found.

    A record the data does not hold gets its own file; facts for a curated record go to a
    supplement beside it (``instruments/<record>.<tag>.yaml``) that only adds what the curated
    file lacks. Where the two disagree, the curated value stays and the imported one is kept as
    a ``disputes`` entry with its source; :attr:`conflicts` says so in words.
    """

    files: Mapping[str, str]
    conflicts: tuple[str, ...]


def merge(imported: AknImport, registry: Registry, *, tag: str | None = None) -> Merge:
    """The data files that add an import to a registry's records, never replacing a curated fact.

    Args:
        imported: what :func:`read_akn` read.
        registry: the curated data (without the files of an earlier import).
        tag: the middle part of supplement file names (default: the conference's slug, e.g.
            ``pp-18``, giving ``pp-res-102.pp-18.yaml``).
    """
    tag = tag or imported.conference.removeprefix("conf/")
    files: dict[str, str] = {}
    conflicts: list[str] = []
    for record in imported.records:
        name = "-".join(record.key.split("/"))
        curated = registry.get(record.key) if record.key in registry else None
        if not isinstance(curated, Resolution):
            files[f"instruments/{name}.yaml"] = _render(record)
            continue
        extra = _supplement(record, curated, registry, conflicts)
        if extra is not None:
            files[f"instruments/{name}.{tag}.yaml"] = _render(extra)
    return Merge(files=files, conflicts=tuple(conflicts))


def _supplement(record: Resolution, curated: Resolution, registry: Registry, conflicts: list[str]) -> Resolution | None:
    """What ``record`` adds to ``curated``, with disputes where the two disagree; ``None`` if nothing."""
    origin = registry.origin(curated.key).file
    revisions = []
    for rev in record.revisions:
        mine = next((r for r in curated.revisions if r.year == rev.year), None)
        if mine is None:
            trial = sorted([*curated.revisions, rev], key=lambda r: r.year)
            try:
                attrs.evolve(curated, revisions=trial)
            except ValueError as exc:
                conflicts.append(f"{origin}: {rev.key} ({rev.designation.value}) does not fit the record: {exc}")
                continue
            if curated.complete:
                conflicts.append(f"{origin}: lists every revision of {curated.key}, and not {rev.key}; not added")
                continue
            revisions.append(rev)
            continue
        disputes = list(rev.disputes)
        for field in ("designation", "adopted_by"):
            theirs, ours = getattr(rev, field), getattr(mine, field)
            if theirs != ours:
                conflicts.append(f"{origin}: {rev.key} {field} is {ours} there, {theirs} in the import; both kept")
                disputes.append(_dispute(field, str(ours), mine.sources, str(theirs), rev.sources))
        titles = {}
        for lang, text in rev.titles.items():
            if lang not in mine.titles:
                titles[lang] = text
            elif _fold(mine.titles[lang]) != _fold(text):
                conflicts.append(f"{origin}: {rev.key} has another {lang} title there; both kept")
                disputes.append(_dispute(f"titles.{lang}", mine.titles[lang], mine.sources, text, rev.sources))
        clauses = {p.clause for p in mine.provisions}
        provisions = [p for p in rev.provisions if p.clause not in clauses]
        have = {(r.relation, r.target, r.clause) for r in mine.relations}
        relations = [r for r in rev.relations if (r.relation, r.target, r.clause) not in have]
        if not (titles or provisions or relations or disputes or rev.attested is not mine.attested):
            continue
        revisions.append(
            attrs.evolve(
                rev,
                designation=mine.designation,
                adopted_by=mine.adopted_by,
                attested=mine.attested,
                titles=titles,
                provisions=provisions,
                relations=relations,
                disputes=disputes,
            )
        )
    end = record.end
    if end is not None and curated.end is not None:
        if (end.how, end.by, end.year) != (curated.end.how, curated.end.by, curated.end.year):
            conflicts.append(f"{origin}: {curated.key} ends otherwise there; the curated ending is kept")
        end = None
    if not revisions and end is None:
        return None
    if not revisions:
        revisions = [attrs.evolve(curated.latest, titles={}, provisions=(), relations=(), disputes=())]
    return attrs.evolve(record, revisions=revisions, end=end, titles={}, disputes=())


def _dispute(
    field: str, ours: str, our_sources: tuple[Source, ...], theirs: str, their_sources: tuple[Source, ...]
) -> Dispute:
    return Dispute(
        field=field,
        values=[DisputedValue(value=ours, sources=our_sources), DisputedValue(value=theirs, sources=their_sources)],
    )


def _source_data(source: Source) -> Any:  # noqa: ANN401 (a YAML value)
    return {"ref": source.ref, "note": source.note} if source.note else source.ref


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, [], {}, False)}


def _revision_data(rev: Revision) -> dict[str, Any]:
    return _drop_empty(
        {
            "year": rev.year,
            "designation": rev.designation.value,
            "adopted_by": rev.adopted_by,
            "attested": rev.attested,
            "titles": dict(rev.titles.items()),
            "provisions": [_drop_empty({"clause": p.clause, "eid": p.eid, "text": p.text}) for p in rev.provisions],
            "relations": [
                _drop_empty(
                    {"relation": r.relation.value, "target": r.target, "clause": r.clause, "eid": r.eid, "note": r.note}
                )
                for r in rev.relations
            ],
            "sources": [_source_data(s) for s in rev.sources],
            "disputes": [_dispute_data(d) for d in rev.disputes],
        }
    )


def _dispute_data(dispute: Dispute) -> dict[str, Any]:
    return {
        "field": dispute.field,
        "values": [{"value": v.value, "sources": [_source_data(s) for s in v.sources]} for v in dispute.values],
    }


def _render(record: Resolution) -> str:
    """A record as the YAML of a data file, with the importer's header line."""
    import yaml  # noqa: PLC0415 (only the writer needs the dumper)

    data: dict[str, Any] = {
        "key": record.key,
        "type": record.type.value,
        "issuer": record.issuer.value,
        "number": record.number,
        "revisions": [_revision_data(rev) for rev in record.revisions],
    }
    if record.end is not None:
        end = record.end
        data["end"] = _drop_empty(
            {"how": end.how.value, "by": end.by, "year": end.year, "sources": [_source_data(s) for s in end.sources]}
        )
    data["sources"] = [_source_data(s) for s in record.sources]
    what = "known only from citations" if record.attested else "read from an Akoma Ntoso text"
    header = f"{GENERATED}: {record.key}, {what}. Edit the sources, not this file.\n"
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100_000, default_flow_style=False)
    return header + body


def import_akn(
    path: str | os.PathLike[str],
    data_dir: str | os.PathLike[str],
    *,
    source: str | None = None,
    via: str | None = None,
) -> tuple[AknImport, Merge]:
    """Import an AKN4UN file into a data folder: write its records, keep every curated fact.

    Files an earlier import wrote (they start with :data:`GENERATED`) are replaced; curated
    files are never touched, and facts for curated records go to supplements beside them. The
    folder is checked with the loader before anything in it changes.

    Args:
        path: the AKN4UN XML file.
        data_dir: a data folder (``data/``).
        source: the reference facts are sourced to (e.g. the publication's URL).
        via: how the text was read, added to the records' source notes (e.g. the converter).

    Raises:
        DataError: the folder with the import would not load (nothing is written then).
    """
    import shutil  # noqa: PLC0415
    import tempfile  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from itu_governance.loader import load  # noqa: PLC0415

    root = Path(data_dir)
    if not (root / "dataset.yaml").is_file():
        msg = f"{root}: not a data folder (no dataset.yaml)"
        raise ValueError(msg)
    ours = [p for p in (root / "instruments").glob("*.yaml") if _generated(p)]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "data"
        shutil.copytree(root, work)
        for old in ours:
            (work / "instruments" / old.name).unlink()
        curated = load(work)
        imported = read_akn(path, curated, source=source)
        if via:
            imported = attrs.evolve(imported, records=tuple(_via(r, via) for r in imported.records))
        merged = merge(imported, curated)
        for name, text in merged.files.items():
            (work / name).write_text(text, encoding="utf-8")
        load(work)  # raises DataError with every problem; the folder is unchanged then
    for old in ours:
        old.unlink()
    for name, text in merged.files.items():
        (root / name).write_text(text, encoding="utf-8")
    return imported, merged


def _generated(path: os.PathLike[str]) -> bool:
    with open(path, encoding="utf-8") as file:  # noqa: PTH123
        return file.readline().startswith(GENERATED)


def _via(record: Resolution, via: str) -> Resolution:
    sources = [
        attrs.evolve(s, note=f"{s.note}; text read in {via}" if s.note else f"read in {via}") for s in record.sources
    ]
    return attrs.evolve(record, sources=sources)


# --- giving back: <ref> elements around the citations of an AKN file -----------------------

_META: Final = re.compile(r"<meta\b.*?</meta>", re.DOTALL)
_TEXT_NODE: Final = re.compile(r">([^<]+)<")
_ENTITY: Final = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _unescape(raw: str) -> tuple[str, list[int]]:
    """The text of an XML text node, and for each of its characters (and its end) the offset in ``raw``."""
    import html  # noqa: PLC0415

    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    for match in _ENTITY.finditer(raw):
        for i in range(pos, match.start()):
            chars.append(raw[i])
            offsets.append(i)
        chars.append(html.unescape(match.group()))
        offsets.append(match.start())
        pos = match.end()
    for i in range(pos, len(raw)):
        chars.append(raw[i])
        offsets.append(i)
    offsets.append(len(raw))
    return "".join(chars), offsets


def enrich(xml: str, registry: Registry | None = None, *, on: dt.date | None = None) -> str:
    """The AKN XML with ``<ref href="...">`` around each citation it resolves; nothing else changes.

    ``href`` is the AKN4UN IRI of the revision cited: the statement's own IRI where the file
    holds that revision, else :func:`revision_iri` in the registry. Text in ``<meta>`` is left
    alone, and so are citations the data cannot resolve. Removing the ``<ref>`` tags gives the
    input back, byte for byte.

    Args:
        xml: the document, as text.
        registry: the data to resolve against (default: the bundled dataset).
        on: the document's date, for citations without a year (default: the registry's date).

    >>> xml = '<p>Resolution 102 (Rev. Dubai, 2018) of this conference</p>'
    >>> enrich(xml)
    '<p><ref href="/akn/un/statement/deliberation/itu-pp/2018-11-16/res-102">Resolution 102 (Rev. Dubai, 2018)</ref> of this conference</p>'
    """
    import html  # noqa: PLC0415

    from itu_governance.annotate import citation_spans  # noqa: PLC0415
    from itu_governance.loader import load  # noqa: PLC0415

    reg = registry if registry is not None else load()
    own = _own_iris(xml)
    skip = [(m.start(), m.end()) for m in _META.finditer(xml)]
    out: list[str] = []
    last = 0
    k = 0
    for node in _TEXT_NODE.finditer(xml):
        start = node.start(1)
        while k < len(skip) and skip[k][1] <= start:
            k += 1
        if k < len(skip) and skip[k][0] <= start < skip[k][1]:
            continue
        raw = node.group(1)
        if not raw.strip():
            continue
        text, offsets = _unescape(raw)
        for a, b, _citation, revision in citation_spans(text, reg, on=on):
            if revision is None:
                continue
            iri = own.get(revision.key) or revision_iri(reg, revision)
            out.append(xml[last : start + offsets[a]])
            out.append(f'<ref href="{html.escape(iri, quote=True)}">')
            out.append(xml[start + offsets[a] : start + offsets[b]])
            out.append("</ref>")
            last = start + offsets[b]
    out.append(xml[last:])
    return "".join(out)


_OWN_IRI: Final = re.compile(
    r'<FRBRuri value="(?P<iri>/akn/un/statement/deliberation/itu-(?P<issuer>[a-z]+)/(?P<date>\d{4})-\d{2}-\d{2}/'
    r'(?P<type>res|dec|rec)-(?P<number>\d+))"'
)


def _own_iris(xml: str) -> dict[str, str]:
    """The work IRIs of the statements an AKN file holds, by revision key."""
    found: dict[str, str] = {}
    for m in _OWN_IRI.finditer(xml):
        if m["issuer"] not in _keys.ISSUERS:
            continue
        key = _keys.revision_key(f"{m['issuer']}/{m['type']}/{m['number']}", int(m["date"]))
        found.setdefault(key, m["iri"])
    return found

"""Akoma Ntoso (UN profile, AKN4UN): revision IRIs, and ITU deliberations read from and written to XML.

:func:`read_akn` reads a collection of statements (the Final Acts of a conference) into
records, :func:`merge` and :func:`import_akn` turn them into data files beside curated ones,
and :func:`enrich` writes the XML back with ``<ref>`` around each citation (see
``docs/akn.md``). The rest of this page is about IRIs.

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
import functools
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator, Mapping
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
    RelationType,
    Resolution,
    Revision,
    Source,
)

if TYPE_CHECKING:
    from itu_governance.graph import Timeline
    from itu_governance.registry import Registry

__all__ = [  # noqa: RUF022 (plain sort order, as test_api checks)
    "AknImport",
    "Cited",
    "Merge",
    "PREFIX",
    "ParsedIri",
    "Site",
    "document_text",
    "enrich",
    "import_akn",
    "merge",
    "parse_iri",
    "read_akn",
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
_STATEMENT_KINDS: Final = {kind.value: kind for kind in InstrumentType}
# A number or letter fused to the start of a paragraph by the conversion ("1 to revise ...").
_LEADING_NUM: Final = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2})*|[a-z]{1,2}\)|[ivx]{1,5}\))\s+(?=\S)")
# An operative heading fused to the end of the paragraph before it ("..., instructs the Council").
_VERBS: Final = (
    r"(?:further\s+)?(?:resolves|decides|instructs|invites|requests|encourages|urges|calls\s+upon|"
    r"authorizes|recommends|appeals\s+to|charges)"
)
_FUSED_HEADING: Final = re.compile(rf"(?P<text>.*[,;:.])\s+(?P<heading>{_VERBS}\b[^;.]{{0,160}}?)\s*$", re.DOTALL)
_ANNEX: Final = re.compile(r"\bANNEX(?:\s+(?P<n>\d+|[A-Z]))?\s+TO\s+(?:RESOLUTION|DECISION|RECOMMENDATION)\s+\d+")
_PART: Final = re.compile(r"\bPART\s+[IVX]+\s+-\s")  # the collection's next part, fused into a statement
_FOOTNOTE: Final = re.compile(r"\s*_{5,}\s*")  # the rule above a page's footnotes
_FOOTNOTE_MARK: Final = re.compile(r"(?<=[a-z]{3})\d(?=[\s,;:]|$)")  # "developing1 countries"; not "IPv6"
_HEADING: Final = re.compile(
    r"(?P<kind>RESOLUTION|DECISION|RECOMMENDATION)\s+(?P<number>\d+)\s*"
    r"\((?P<rev>REV\.\s*)?(?P<place>[^,()]+),\s*(?P<year>\d{4})\)",
    re.IGNORECASE,
)
_ABROGATED: Final = re.compile(r"ABROGATED\s+BY\s+THE\s+PLENIPOTENTIARY\s+CONFERENCE\s*\([^)]*\)", re.IGNORECASE)
_LISTED: Final = re.compile(
    r"(?P<kind>RESOLUTION|DECISION)\s+(?P<number>\d+)\s+"
    r"\((?P<rev>REV\.\s*)?(?P<place>[A-Z][A-Z ]+),\s*(?P<year>\d{4})\)"
    r"\s+(?P<title>.*?)(?:\s+\d{3})?(?=\s+(?:RESOLUTION|DECISION)\s+\d+\s+\(|\s+PART\s+[IVX]+\s+-|$)",
    re.DOTALL,
)
_NOT_ITU_AFTER: Final = re.compile(r"\s*/\s*\d")  # "Resolution 70/1": a UN General Assembly resolution
_DESIGNATIONS: Final = {Modifier.REVISED: Designation.REVISED, Modifier.MODIFIED: Designation.MODIFIED}


@attrs.frozen(kw_only=True)
class Site:
    """Where a citation stands: the citing revision and the provision (clause and ``eId``).

    ``part`` is ``"preamble"``, ``"operative"`` or ``"annex"``, or ``"list"`` for the
    collection's own lists (of abrogated instruments), whose ``revision`` is the conference.
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
    the provision it stands in, in the order of the file; :attr:`unresolved` those that could
    not be tied to a revision or instrument. ``notes`` says what the reader left out and why.
    """

    conference: str
    statements: tuple[str, ...]
    records: tuple[Resolution, ...]
    citations: tuple[Cited, ...]
    notes: tuple[str, ...] = ()

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


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


@attrs.frozen
class _Piece:
    """One recital or operative paragraph, with its clause label, as read from the XML."""

    clause: str
    eid: str | None
    part: str
    text: str  # the provision's own text
    full: str  # all the element holds (footnotes, a fused heading): where citations are sought


def _numbered(text: str, num: str) -> tuple[str, str]:
    """The number and text of a piece, where the conversion may have fused the number into the text."""
    if not num and (m := _LEADING_NUM.match(text)):
        return m["num"], text[m.end() :]
    return num, text[len(num) :].lstrip() if num and text.startswith(num) else text


def _recitals(statement: ET.Element) -> Iterator[_Piece]:
    preamble = statement.find(f"{_AKN}preamble")
    for recitals in preamble.iter(f"{_AKN}recitals") if preamble is not None else ():
        intro = _text(recitals.find(f"{_AKN}intro")) or "preamble"
        for recital in recitals.iter(f"{_AKN}recital"):
            full = _text(recital.find(f"{_AKN}p")) or _text(recital)
            num, full = _numbered(full, _text(recital.find(f"{_AKN}num")))
            own = _FOOTNOTE.split(full, maxsplit=1)[0] or full
            yield _Piece(f"{intro} {num}".strip(), recital.get("eId"), "preamble", own, full)


def _operative(statement: ET.Element) -> tuple[list[_Piece], str]:
    """The operative paragraphs (and annexes), and the text of the collection fused after them.

    The conversion fuses an operative heading into the paragraph before it when the heading
    has no paragraph of its own, and an annex's start into the last paragraph before it: a
    heading found so becomes the clause label of the paragraphs that follow, and paragraphs
    after an annex's start are labelled with the annex.
    """
    pieces: list[_Piece] = []
    tail: list[str] = []
    annex: str | None = None
    body = statement.find(f"{_AKN}mainBody")
    for container in body.findall(f"{_AKN}hcontainer") if body is not None else ():
        heading = _text(container.find(f"{_AKN}heading"))
        for paragraph in container.iter(f"{_AKN}paragraph"):
            num, full = _numbered(_text(paragraph.find(f"{_AKN}content")), _text(paragraph.find(f"{_AKN}num")))
            if tail:  # past the statement's end: the collection's next parts
                tail.append(f"{num} {full}")
                continue
            if part := _PART.search(full):
                full, tail = full[: part.start()].rstrip(), [full[part.start() :]]
            own, next_heading, next_annex = _split_fused(full)
            if annex is None:
                clause, where = f"{heading} {num}".strip(), "operative"
            else:  # "Annex 2, 3": paragraph 3 of Annex 2
                clause, where = f"Annex {annex}".strip() + (f", {num}" if num else ""), "annex"
            pieces.append(_Piece(clause, paragraph.get("eId"), where, own, full))
            for point in paragraph.iter(f"{_AKN}point"):  # "instructs the Director ... 1 i)"
                point_num, text = _numbered(_text(point.find(f"{_AKN}content")), _text(point.find(f"{_AKN}num")))
                own_text = _FOOTNOTE.split(text, maxsplit=1)[0] or text
                pieces.append(_Piece(f"{clause} {point_num}".strip(), point.get("eId"), where, own_text, text))
            annex = next_annex if next_annex is not None else annex
            heading = next_heading if next_heading is not None and annex is None else heading
    return pieces, " ".join(tail)


def _split_fused(text: str) -> tuple[str, str | None, str | None]:
    """A paragraph's own text, and the heading or the annex that the conversion fused after it."""
    own, annex = text, None
    if (m := _ANNEX.search(own)) is not None:
        own, annex = own[: m.start()].rstrip(), m["n"] or ""
    own = _FOOTNOTE.split(own, maxsplit=1)[0]
    heading = None
    if annex is None and (m := _FUSED_HEADING.match(own)) is not None:
        own, heading = m["text"], m["heading"]
    return own.strip() or text, heading, annex


def _same_place(conf: Conference, place: str, year: int) -> bool:
    """Whether a citation's place names the conference's city, or a form its aliases use with the year."""
    if conf.city is not None and _fold(conf.city) == _fold(place):
        return True
    words = f" {_fold(place)} "
    return any(words in f" {_fold(alias)} " and str(year) in alias for alias in conf.aliases)


class _Sessions:
    """Which issuer and session a citation names, from a registry's conferences."""

    def __init__(self, registry: Registry, conference: str) -> None:
        self.registry = registry
        self.conference: Conference = registry.conference(conference)
        self.conferences = registry.conferences()

    def of(self, citation: Citation, body: Issuer | None) -> list[str]:
        """The conferences or sessions of ``body`` (any if ``None``) whose revision the citation may name."""
        year = citation.year
        named = getattr(citation, "conference", None)
        if isinstance(named, str) and named in self.registry:
            conf = self.registry.conference(named)
            # the engine's session, where it is the session of the year cited ("Resolution 71 (Rev.
            # Busan, 2014) of this conference" names PP-14, not the citing conference)
            if year is None or conf.start is None or conf.start.year <= year <= (conf.end or conf.start).year:
                return [named]
        found = []
        for conf in self.conferences:
            if year is None or conf.start is None or (body is not None and conf.type is not body):
                continue
            if not conf.start.year <= year <= (conf.end or conf.start).year:
                continue
            if citation.place is None and conf.type is not Issuer.COUNCIL:
                continue  # conferences are cited with their place; Council sessions by year
            if citation.place is not None and not _same_place(conf, citation.place, year):
                continue
            found.append(conf.key)
        return found

    def body(self, citation: Citation) -> tuple[Issuer | None, str | None]:  # noqa: PLR0911 (one answer per rule)
        """The issuer a citation names, or why it cannot be told.

        An explicit body decides; then the session its place and year name; then the
        Council's numbering (resolutions from 1000 up); a bare citation without a year means
        an instrument of the citing conference's issuer, as ITU texts write.
        """
        doubtful = (  # Council resolutions are numbered from 1000 up and cited by year, without a place
            citation.body is Issuer.COUNCIL
            and citation.place is not None
            and citation.number < 1000
            and citation.kind is InstrumentType.RESOLUTION
        )
        if citation.body is not None and not doubtful:
            return citation.body, None
        candidates = getattr(citation, "candidates", ())
        if len(candidates) > 1:
            return None, "the text leaves the issuer open: " + ", ".join(map(str, candidates))
        if citation.year is not None:
            named = _at_year(citation, citation.year) if doubtful else citation  # without the engine's session
            types = sorted({self.registry.conference(k).type for k in self.of(named, None)})
            if len(types) > 1:
                names = ", ".join(t.value for t in types)
                return None, f"{citation.place} {citation.year} is a session of several bodies ({names})"
            if not types:
                return None, f"no conference record for {citation.place or 'a session'} {citation.year}"
            return types[0], None
        if citation.number >= 1000 and citation.kind is InstrumentType.RESOLUTION:
            return Issuer.COUNCIL, None
        return self.conference.type, None


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
    clause and ``eId`` where it stands. Instruments the text only cites become records whose
    revisions are ``attested``: the issuer, number, session and designation the citation
    states, sourced to the citing provision, nothing more. Instruments the collection lists as
    abrogated by the conference get that ending.

    Args:
        path: the XML file (read with the standard library's parser).
        registry: the data whose conferences name the sessions cited and whose records the
            citations may also resolve to (default: the bundled dataset).
        source: the reference every fact is sourced to, e.g. the publication's URL (default:
            the collection's FRBR work IRI).

    Returns:
        An :class:`AknImport`; :func:`merge` turns it into data files.

    Raises:
        ValueError: the file is not well-formed Akoma Ntoso XML, or holds no statement.
        NotFound: the registry has no conference in session on the statements' date.
    """
    from itu_governance.loader import load  # noqa: PLC0415 (the loader imports the registry, which imports this)

    name = os.fspath(path)
    try:
        root = ET.parse(name).getroot()  # noqa: S314 (a local file the user names; no external entities)
    except ET.ParseError as exc:
        line, column = exc.position
        msg = f"{name}:{line}:{column + 1}: not well-formed XML ({exc})"
        raise ValueError(msg) from None
    if not root.tag.startswith(_AKN):
        msg = f"{name}: expected an Akoma Ntoso 3.0 document, got the root element {root.tag!r}"
        raise ValueError(msg)
    statements = list(root.iter(f"{_AKN}statement"))
    if not statements:
        msg = f"{name}: expected <statement> elements (AKN4UN deliberations), found none"
        raise ValueError(msg)
    work = root.find(f"{_AKN}*/{_AKN}meta/{_AKN}identification/{_AKN}FRBRWork/{_AKN}FRBRthis")
    ref = source or (work.get("value") if work is not None else None) or name
    return _Importer(registry if registry is not None else load(), statements, ref).run()


def document_text(path: str | os.PathLike[str]) -> str:
    """The text of an AKN file's statements, one paragraph a line: what :meth:`Registry.lint` reads.

    >>> from pathlib import Path
    >>> import tempfile
    >>> xml = '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement>'
    >>> xml += "<p>recalling <i>Resolution 1</i></p><p>and 2</p></statement></akomaNtoso>"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "a.xml").write_text(xml, encoding="utf-8")
    ...     print(document_text(Path(tmp) / "a.xml"))
    recalling Resolution 1
    and 2
    """
    root = ET.parse(os.fspath(path)).getroot()  # noqa: S314 (a local file the user names)
    return "\n".join(_text(p) for statement in root.iter(f"{_AKN}statement") for p in statement.iter(f"{_AKN}p"))


@attrs.define
class _Attested:
    """What the citations of one revision say of it: its session, designations and title."""

    session: str
    designations: dict[Designation, list[Source]] = attrs.Factory(dict)
    title: str | None = None


class _Importer:
    """One run of :func:`read_akn`: statements to revisions, citations to targets, then records."""

    def __init__(self, registry: Registry, statements: list[ET.Element], ref: str) -> None:
        self.registry = registry
        self.statements = statements
        self.ref = ref
        self.notes: list[str] = []
        self.conference = _conference(registry, statements[0])
        self.sessions = _Sessions(registry, self.conference)
        self.own: dict[str, Revision] = {}  # instrument -> the revision the collection adopts
        self.attested: dict[tuple[str, int], _Attested] = {}
        self.ends: dict[str, End] = {}
        self.cited: list[Cited] = []

    def source(self, note: str) -> Source:
        return Source(ref=self.ref, note=note)

    def run(self) -> AknImport:
        found: list[tuple[Citation, Site]] = []
        tails = []
        for statement in self.statements:
            read = self.statement(statement)
            if read is None:
                continue
            revision, pieces, tail = read
            self.own[revision.instrument] = revision
            tails.append(tail)
            for piece in pieces:
                site = Site(revision=revision.key, clause=piece.clause, eid=piece.eid, part=piece.part)
                found += [
                    (c, site)
                    for c in extract_citations(piece.full, context=self.conference, registry=self.registry)
                    if not _NOT_ITU_AFTER.match(piece.full, c.span[1])
                ]
        for tail in tails:
            self.abrogations(tail)
        # Citations with a year first: they attest revisions that year-less ones may then name.
        order = sorted(range(len(found)), key=lambda i: found[i][0].year is None)
        resolved = {i: self.resolve(*found[i]) for i in order}
        self.cited += [c for _, c in sorted(resolved.items()) if c is not None]
        records = self.records()
        return AknImport(
            conference=self.conference,
            statements=tuple(r.key for r in self.own.values()),
            records=records,
            citations=tuple(self.cited),
            notes=tuple(self.notes),
        )

    def statement(self, statement: ET.Element) -> tuple[Revision, list[_Piece], str] | None:
        """A statement's revision (title, provisions, source) and pieces; ``None`` if it has no heading."""
        preface = statement.find(f"{_AKN}preface")
        heading = " ".join(_text(statement.find(f"{_AKN}preface//{_AKN}{tag}")) for tag in ("docType", "docNumber"))
        match = _HEADING.search(heading)
        kind = _STATEMENT_KINDS.get(statement.get("name", ""))
        conf = self.sessions.conference
        if match is None or kind is None:
            self.notes.append(f"a statement headed {heading!r} was skipped: no instrument number and session")
            return None
        if conf.year != int(match["year"]) or conf.city is None or _fold(conf.city) != _fold(match["place"]):
            self.notes.append(f"{heading!r} names another session than {conf.short_name}; skipped")
            return None
        instrument = _keys.instrument_key(conf.type.value, kind.value, int(match["number"]))
        title = _FOOTNOTE_MARK.sub("", _text(preface.find(f"{_AKN}container[@name='title']") if preface else None))
        this = statement.find(f"{_AKN}meta/{_AKN}identification/{_AKN}FRBRWork/{_AKN}FRBRthis")
        note = " ".join(heading.split()).title()
        if this is not None:
            note += f", statement {this.get('value')}"
        why = _cut(title, self.words)
        if why == _MAY_BE_CUT and self.stated(instrument, int(match["year"]), title):
            why = None  # the data holds this very title from another source: the XML states it whole
        if why is not None:
            note += f"; the XML gives the title cut short ({why}), as {title!r}, so it is left out"
            title = ""
        operative, tail = _operative(statement)
        pieces = [*_recitals(statement), *operative]
        revision = Revision(
            instrument=instrument,
            year=int(match["year"]),
            designation=Designation.REVISED if match["rev"] else Designation.ADOPTED,
            adopted_by=self.conference,
            titles={"en": title} if title else {},
            provisions=[
                Provision(clause=p.clause, text=_first_sentence(p.text), eid=p.eid)
                for p in operative
                if p.text and p.part == "operative"
            ],
            sources=[self.source(note)],
        )
        return revision, pieces, tail

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """Every word of the statements' text but their titles, case-folded: what tells a cut word from a whole one."""
        return frozenset(
            w.casefold()
            for s in self.statements
            for part in s
            if part.tag != f"{_AKN}preface"
            for p in part.iter(f"{_AKN}p")
            for w in _WORD.findall(_text(p))
        )

    def stated(self, instrument: str, year: int, title: str) -> bool:
        """Whether the data gives this revision this very English title (from a source of its own)."""
        if instrument not in self.registry:
            return False
        record = self.registry.get(instrument)
        rev = next((r for r in record.revisions if r.year == year), None) if isinstance(record, Resolution) else None
        return rev is not None and _fold(rev.titles.get("en", "")) == _fold(title)

    def abrogations(self, tail: str) -> None:
        """The instruments the collection lists as abrogated by its conference."""
        for heading in _ABROGATED.finditer(tail):
            stop = _PART.search(tail, heading.end())
            where = " ".join(tail[tail.rfind("PART", 0, heading.start()) : heading.end()].split())
            for entry in _LISTED.finditer(tail, heading.end(), stop.start() if stop else len(tail)):
                self.abrogated(entry, where)

    def abrogated(self, entry: re.Match[str], where: str) -> None:
        conf = self.sessions.conference
        kind, number, year = InstrumentType(entry["kind"].lower()), int(entry["number"]), int(entry["year"])
        place = entry["place"].strip().title()
        text = " ".join(entry.group(0).split())
        cited = Citation(kind=kind, number=number, body=conf.type, year=year, place=place, text=text)
        site = Site(revision=self.conference, clause=where, eid=None, part="list")
        sessions = self.sessions.of(cited, conf.type)
        if len(sessions) != 1:
            why = f"no single {conf.type.value} conference record for {place} {year}"
            self.cited.append(Cited(citation=cited, site=site, target=None, reason=why))
            return
        instrument = _keys.instrument_key(conf.type.value, kind.value, number)
        source = self.source(f"{where}: {text}")
        attested = self.attested.setdefault((instrument, year), _Attested(session=sessions[0]))
        attested.designations.setdefault(Designation.REVISED if entry["rev"] else Designation.ADOPTED, []).append(
            source
        )
        attested.title = " ".join(entry["title"].split()) or None
        self.ends[instrument] = End(how=EndHow.ABROGATED, by=self.conference, year=conf.year or year, sources=[source])
        self.cited.append(Cited(citation=cited, site=site, target=_keys.revision_key(instrument, year)))

    def resolve(self, citation: Citation, site: Site) -> Cited | None:
        """What one citation names; ``None`` for a statement naming itself (an annex's heading)."""
        body, why = self.sessions.body(citation)
        if body is None:
            return Cited(citation=citation, site=site, target=None, reason=why)
        instrument = _keys.instrument_key(body.value, citation.kind.value, citation.number)
        target, why = self.target(citation, site, body, instrument)
        if target == site.revision:
            return None
        return Cited(citation=citation, site=site, target=target, reason=why)

    def target(self, citation: Citation, site: Site, body: Issuer, instrument: str) -> tuple[str | None, str | None]:
        """The key a citation names (attesting the revisions the data lacks), or why there is none."""
        year = citation.year
        if year is None:
            known = (
                instrument in self.registry or instrument in self.own or any(k == instrument for k, _ in self.attested)
            )
            return (instrument, None) if known else (None, f"no revision stated, and {instrument} is not in the data")
        key = _keys.revision_key(instrument, year)
        if instrument in self.own and self.own[instrument].year == year:
            return key, None
        # What the citation states: one revision, or for "(C11, last amended C16)" the adoption and the last one.
        stated = [(year, _DESIGNATIONS.get(citation.modifier, Designation.ADOPTED) if citation.modifier else None)]
        if citation.modifier is Modifier.LAST_AMENDED and citation.adopted is not None:
            stated = [(citation.adopted, Designation.ADOPTED), (year, Designation.MODIFIED)]
        plan = []
        for when, designation in stated:
            session, why = self.session(citation, body, instrument, when)
            if why is not None:
                return None, why
            plan.append((when, designation, session))
        source = self.source(f"{site}: '{citation.text or citation}'")
        for when, designation, session in plan:
            if session is not None:
                attested = self.attested.setdefault((instrument, when), _Attested(session=session))
                attested.designations.setdefault(designation or Designation.ADOPTED, []).append(source)
        return key, None

    def session(self, citation: Citation, body: Issuer, instrument: str, year: int) -> tuple[str | None, str | None]:
        """The session whose revision of ``year`` a citation names; ``None`` if the data has the revision.

        The second value says why the citation cannot be resolved, if it cannot.
        """
        at = citation if year == citation.year else _at_year(citation, year)
        sessions = self.sessions.of(at, body)
        if len(sessions) != 1:
            where = " ".join(filter(None, (at.place, str(year))))
            return None, f"no {body.value} conference record for {where}" if not sessions else "several sessions match"
        if sessions[0] == self.conference:
            return None, f"names a revision of {self.conference} that the file does not hold"
        curated = self.registry.get(instrument) if instrument in self.registry else None
        if isinstance(curated, Resolution):
            if any(r.year == year for r in curated.revisions):
                return None, None
            if curated.complete:
                return None, f"{instrument} lists every revision, and none of {year}"
        return sessions[0], None

    def records(self) -> tuple[Resolution, ...]:
        by_instrument: dict[str, list[Revision]] = {}
        for (instrument, year), attested in sorted(self.attested.items()):
            if instrument not in self.own or self.own[instrument].year != year:
                by_instrument.setdefault(instrument, []).append(_attested(instrument, year, attested))
        for instrument, revision in self.own.items():
            by_instrument.setdefault(instrument, []).append(revision)
        relations = self.relations()
        records = []
        for instrument, found in sorted(by_instrument.items()):
            revisions = [
                attrs.evolve(r, relations=relations[r.key]) if r.key in relations else r
                for r in self.consistent(instrument, sorted(found, key=lambda r: r.year))
            ]
            issuer, code, number = instrument.split("/")
            end = self.ends.get(instrument)
            what = "the text of the collection" if instrument in self.own else "citations in the collection"
            records.append(
                Resolution(
                    issuer=issuer,
                    type=_CODE_TYPES[code],
                    number=int(number),
                    revisions=revisions,
                    end=end if end is not None and end.year >= revisions[-1].year else None,
                    sources=[self.source(what)],
                )
            )
        return tuple(records)

    def consistent(self, instrument: str, revisions: list[Revision]) -> list[Revision]:
        """The revisions, less an attested adoption that citations place after another revision."""
        kept: list[Revision] = []
        for rev in revisions:
            if kept and rev.designation is Designation.ADOPTED:
                self.notes.append(
                    f"{instrument}: a citation names its adoption in {rev.year}, after the revision of "
                    f"{kept[0].year}; {rev.key} was left out"
                )
                self.cited = [
                    attrs.evolve(c, target=None, reason=f"the citations disagree on when {instrument} was adopted")
                    if c.target == rev.key
                    else c
                    for c in self.cited
                ]
                continue
            kept.append(rev)
        return kept

    def relations(self) -> dict[str, tuple[Relation, ...]]:
        """The ``cites`` relations of each citing revision: one per target and clause."""
        found: dict[str, dict[tuple[str, str, str | None], Relation]] = {}
        for cited in self.cited:
            if cited.target is None or cited.site.part == "list":
                continue
            site = cited.site
            relation = Relation(
                relation=RelationType.CITES,
                target=cited.target,
                clause=site.clause,
                eid=site.eid,
                note=f"'{cited.citation.text}'" if cited.citation.text else None,
            )
            found.setdefault(site.revision, {}).setdefault((cited.target, site.clause, site.eid), relation)
        return {key: tuple(rels.values()) for key, rels in found.items()}


def _conference(registry: Registry, statement: ET.Element) -> str:
    """The conference in session on a statement's FRBR date, of the issuer its author names."""
    work = statement.find(f"{_AKN}meta/{_AKN}identification/{_AKN}FRBRWork")
    author = work.find(f"{_AKN}FRBRauthor") if work is not None else None
    date = work.find(f"{_AKN}FRBRdate") if work is not None else None
    actor = (author.get("href", "") if author is not None else "").lstrip("#")
    issuer = actor.removeprefix(_ACTOR)
    if not actor.startswith(_ACTOR) or issuer not in _keys.ISSUERS or date is None:
        msg = f"expected statements authored by an ITU issuer ('#itu-pp', '#itu-council'...) with a date, got {actor!r}"
        raise ValueError(msg)
    day = dt.date.fromisoformat(date.get("date", ""))
    for conf in registry.conferences(issuer):
        if conf.start is not None and conf.start.earliest <= day <= (conf.end or conf.start).latest:
            return conf.key
    raise NotFound(f"{issuer} conference in session on {day}", "conference")


def _at_year(citation: Citation, year: int) -> Citation:
    """The citation of the same instrument's revision of another year (the adoption of a 'last amended' one)."""
    changes: dict[str, Any] = {"year": year, "modifier": None, "adopted": None}
    if hasattr(citation, "conference"):
        changes["conference"] = None
    return attrs.evolve(citation, **changes)


_SENTENCE_END: Final = re.compile(r"(?<=\w)(?P<stop>[.;])\s+(?=[A-Z])")
_NEXT_ITEM: Final = re.compile(r"[;:]\s+(?=(?:[ivx]{1,5}|[a-z])\)\s|•\s)")
_ABBREVIATIONS: Final = frozenset({"rev", "mod", "no", "nos", "res", "art", "e.g", "i.e", "doc", "vol", "para"})


def _first_sentence(text: str) -> str:
    """A provision's first sentence: operative paragraphs are one, and the data quotes no more.

    A stop inside brackets or after an abbreviation ("(Rev. Busan, 2014)", "No. 37") ends none.
    """
    if (item := _NEXT_ITEM.search(text)) is not None:  # "...; ii) seek ways": the next item, fused in
        text = text[: item.start() + 1]
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()]
        word = before.rsplit(None, 1)[-1].lstrip("(").casefold() if before.strip() else ""
        if before.count("(") <= before.count(")") and word not in _ABBREVIATIONS:
            return text[: match.start() + 1]
    return text


_WORD: Final = re.compile(r"[^\W_]+")
_CUT_BAND: Final = range(93, 98)  # the conversion cuts a title where its heading wrapped: about 95 characters
_MAY_BE_CUT: Final = "it ends on a whole word where the conversion cuts titles, at about 95 characters"


def _cut(title: str, words: Collection[str]) -> str | None:
    """Why a title reads as cut short by the conversion, or ``None`` if it reads as whole.

    ``words`` are the (case-folded) words of the whole text: a title in the band where the
    conversion cuts, whose last word the text never uses, ends mid-word. One that ends on a whole
    word there may be whole or cut: :data:`_MAY_BE_CUT` says so, and only another source can tell.

    >>> _cut("ITU Journal:", set()), _cut("Conference sessions (2", {"conference"})
    ("it ends with ':'", 'it leaves a bracket open')
    >>> cut = "Assistance and support to countries in special need for rebuilding their telecommunication sect"
    >>> _cut(cut, {"sector"})
    "it ends mid-word, on 'sect'"
    >>> _cut("OTTs", {"otts"}) is None
    True
    """
    title = title.rstrip()
    if title.endswith(("...", "…", ":")):
        return f"it ends with {title[-3:] if title.endswith('...') else title[-1]!r}"
    if title.count("(") > title.count(")"):
        return "it leaves a bracket open"
    if len(title) not in _CUT_BAND:
        return None
    last = (_WORD.findall(title) or [""])[-1]
    if not title[-1].isalpha() or last.casefold() in words:
        return _MAY_BE_CUT
    return f"it ends mid-word, on {last!r}"


def _attested(instrument: str, year: int, attested: _Attested) -> Revision:
    """A revision known only from citations; where they disagree on its designation, a dispute."""
    votes = attested.designations
    # An explicit "Rev." or "Mod." outweighs a citation that leaves the word out.
    chosen = next((d for d in (Designation.MODIFIED, Designation.REVISED) if d in votes), Designation.ADOPTED)
    disputes = []
    if len(votes) > 1:
        values = [DisputedValue(value=d.value, sources=sources) for d, sources in votes.items()]
        disputes.append(Dispute(field="designation", values=values))
    return Revision(
        instrument=instrument,
        year=year,
        designation=chosen,
        adopted_by=attested.session,
        titles={"en": attested.title} if attested.title else {},
        attested=True,
        sources=list(dict.fromkeys(s for group in votes.values() for s in group)),
        disputes=disputes,
    )


# --- merging with curated data, and writing data files -------------------------------------

_GENERATED: Final = "# Generated by `itu-governance import-akn`"
# The first line of every file the importer writes: a later import replaces such files.


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
        added = _new_revision(curated, rev, origin, conflicts) if mine is None else _added(mine, rev, origin, conflicts)
        if added is not None:
            revisions.append(added)
    end = record.end
    if end is not None and curated.end is not None:
        if (end.how, end.by, end.year) != (curated.end.how, curated.end.by, curated.end.year):
            conflicts.append(f"{origin}: {curated.key} ends otherwise there; the curated ending is kept")
        end = None
    if not revisions and end is None:
        return None
    if not revisions:  # an ending alone: the supplement names the curated latest revision, adding nothing to it
        revisions = [attrs.evolve(curated.latest, titles={}, provisions=(), relations=(), disputes=())]
    return attrs.evolve(record, revisions=revisions, end=end, titles={}, disputes=())


def _new_revision(curated: Resolution, rev: Revision, origin: str, conflicts: list[str]) -> Revision | None:
    """``rev``, if a curated record may take it: its history is open, and the revision fits it."""
    if curated.complete:
        conflicts.append(f"{origin}: lists every revision of {curated.key}, and not {rev.key}; not added")
        return None
    try:
        attrs.evolve(curated, revisions=sorted([*curated.revisions, rev], key=lambda r: r.year))
    except ValueError as exc:
        conflicts.append(f"{origin}: {rev.key} ({rev.designation.value}) does not fit the record: {exc}")
        return None
    return rev


def _added(mine: Revision, rev: Revision, origin: str, conflicts: list[str]) -> Revision | None:
    """What ``rev`` adds to the curated ``mine``; where they differ, ``mine``'s value and a dispute."""
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
    have = {(r.relation, r.target, r.clause) for r in mine.relations}
    added = attrs.evolve(
        rev,
        designation=mine.designation,
        adopted_by=mine.adopted_by,
        attested=mine.attested,
        titles=titles,
        provisions=[p for p in rev.provisions if p.clause not in clauses],
        relations=[r for r in rev.relations if (r.relation, r.target, r.clause) not in have],
        disputes=disputes,
    )
    return added if (titles or added.provisions or added.relations or disputes) else None


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
    header = f"{_GENERATED}: {record.key}, {what}. A later import replaces this file.\n"
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

    Files an earlier import wrote (their first line says so) are replaced; curated
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
        return file.readline().startswith(_GENERATED)


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


def enrich(xml: str, registry: Registry | None = None, *, on: dt.date | None = None, context: object = None) -> str:
    """The AKN XML with ``<ref href="...">`` around each citation it resolves; nothing else changes.

    ``href`` is the AKN4UN IRI of the revision cited: the statement's own IRI where the file
    holds that revision, else :func:`revision_iri` in the registry. Text in ``<meta>`` is left
    alone, and so are citations the data cannot resolve. Removing the ``<ref>`` tags gives the
    input back, byte for byte.

    Args:
        xml: the document, as text.
        registry: the data to resolve against (default: the bundled dataset).
        on: the document's date, for citations without a year (default: the registry's date).
        context: the document's session ("PP-18") or issuer, for "this conference" and bare citations.

    >>> print(enrich("<p>see Resolution 102 (Rev. Dubai, 2018) of this conference</p>").replace(PREFIX, "…/"))
    <p>see <ref href="…/itu-pp/2018-11-16/res-102">Resolution 102 (Rev. Dubai, 2018) of this conference</ref></p>
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
        for a, b, _citation, revision in citation_spans(text, reg, on=on, context=context):
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

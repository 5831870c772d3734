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
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, NamedTuple, cast, overload

from itu_governance import _keys
from itu_governance.errors import NotFound
from itu_governance.models import InstrumentType, Issuer, Lang, Revision

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

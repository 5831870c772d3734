"""The key scheme: stable, ASCII, human-readable identifiers for every record.

========================  ==========================================  =======================
kind                      form                                        example
========================  ==========================================  =======================
instrument                ``<issuer>/<type>/<number>``                ``council/res/1344``
revision                  ``<instrument>@<year>``                     ``council/res/1344@2015``
conference / session      ``conf/<slug>``                             ``conf/pp-18``, ``conf/c19``
body                      ``body/<slug>``                             ``body/cwg-internet``
meeting                   ``meeting/<body-slug>/<ordinal>``           ``meeting/cwg-internet/15``
consultation              ``consultation/<body-slug>/<slug>``         ``consultation/cwg-internet/2020-x``
========================  ==========================================  =======================
"""

from __future__ import annotations

import re
from typing import Final

FIRST_YEAR: Final = 1865
"""The first year any record may carry (the lower bound of every year in the model)."""
LAST_YEAR: Final = 2999
"""The last year a key can spell (four digits, 2xxx)."""

ISSUERS: Final = ("pp", "council", "wtsa", "wtdc", "ra", "wrc", "wcit")
TYPE_CODES: Final = {"resolution": "res", "decision": "dec", "recommendation": "rec"}

_SLUG: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_INSTRUMENT: Final = rf"(?P<issuer>{'|'.join(ISSUERS)})/(?P<type>res|dec|rec)/(?P<number>[1-9][0-9]{{0,4}})"

PATTERNS: Final[dict[str, re.Pattern[str]]] = {
    "instrument": re.compile(_INSTRUMENT),
    "revision": re.compile(rf"{_INSTRUMENT}@(?P<year>1[89][0-9]{{2}}|2[0-9]{{3}})"),
    "conference": re.compile(rf"conf/(?P<slug>{_SLUG})"),
    "body": re.compile(rf"body/(?P<slug>{_SLUG})"),
    "meeting": re.compile(rf"meeting/(?P<body>{_SLUG})/(?P<ordinal>[1-9][0-9]{{0,3}})"),
    "consultation": re.compile(rf"consultation/(?P<body>{_SLUG})/(?P<slug>{_SLUG})"),
}


EXAMPLES: Final = {
    "instrument": "council/res/1344",
    "revision": "council/res/1344@2015",
    "conference": "conf/pp-18",
    "body": "body/cwg-internet",
    "meeting": "meeting/cwg-internet/15",
    "consultation": "consultation/cwg-internet/2020-internet-connectivity",
}
"""One valid key of each kind, for error messages."""


def key_kind(key: str) -> str | None:
    """Return which kind of record ``key`` names, or ``None`` if it is not a well-formed key."""
    for kind, pattern in PATTERNS.items():
        if pattern.fullmatch(key):
            return kind
    return None


def instrument_key(issuer: str, type_: str, number: int) -> str:
    """Build an instrument key from its parts: ``("council", "resolution", 1344)``."""
    return f"{issuer}/{TYPE_CODES[type_]}/{number}"


def revision_key(instrument: str, year: int) -> str:
    """Build a revision key: the instrument key, ``@``, the year."""
    return f"{instrument}@{year}"


def split_revision_key(key: str) -> tuple[str, int]:
    """Split ``council/res/1344@2015`` into ``("council/res/1344", 2015)``."""
    instrument, _, year = key.partition("@")
    return instrument, int(year)


def body_slug(key: str) -> str:
    """The slug of a body key: ``body/cwg-internet`` -> ``cwg-internet``."""
    return key.removeprefix("body/")


def instrument_of(key: str) -> str:
    """The instrument a key belongs to: ``council/res/1344@2015`` -> ``council/res/1344``.

    Any other key is returned as it is (an instrument's key is its own instrument).
    """
    return key.partition("@")[0]

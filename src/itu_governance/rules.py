"""Rules as code: who may do what in a body, what a body's mandate covers, and procedural checks.

Every answer is dated and cites its basis: the revision (and clause) that decides it. The
participation rules and mandate clauses are data (each body's YAML record); a rule applies
while its basis revision is the one carrying its instrument's content, so when Council 2019
folded Resolution 1344 into 1336, the consultation rules of 1336 (Mod. 2019) took over.

>>> import datetime as dt, itu_governance as itu
>>> reg = itu.load()
>>> verdict = reg.check("sector-member:ITU-T:Example Corp", "attend-meeting", "CWG-Internet",
...                     on=dt.date(2021, 1, 27))
>>> verdict.allowed, verdict.reason
(False, 'CWG-Internet: attend-meeting is open to member-state only')
>>> [b.revision for b in verdict.basis]
['council/res/1336@2019']
>>> reg.check("sector-member:ITU-T:Example Corp", "respond-to-consultation", "CWG-Internet",
...           on=dt.date(2021, 1, 27)).allowed
True

The code lives in three private modules: eligibility (:func:`check`, :func:`why_changed`),
mandates (:func:`mandate`, :func:`within_mandate`) and the procedural audit (:data:`RULES`,
:func:`audit`); this module is their public face.
"""

from __future__ import annotations

from itu_governance._audit import RULES, ProceduralRule, audit
from itu_governance._eligibility import (
    Actor,
    ActorCategory,
    Basis,
    Change,
    Sector,
    Verdict,
    check,
    parse_action,
    why_changed,
)
from itu_governance._mandate import MandateMatch, mandate, within_mandate

__all__ = [
    "RULES",
    "Actor",
    "ActorCategory",
    "Basis",
    "Change",
    "MandateMatch",
    "ProceduralRule",
    "Sector",
    "Verdict",
    "audit",
    "check",
    "mandate",
    "parse_action",
    "why_changed",
    "within_mandate",
]


def __dir__() -> list[str]:
    return __all__

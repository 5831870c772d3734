"""ITU resolutions, their revisions, the Council and its working groups as typed Python objects.

>>> import itu_governance as itu
>>> reg = itu.load()
>>> res = reg.resolution("Council Resolution 1344")
>>> [(r.year, r.designation.value) for r in res.revisions]
[(2012, 'adopted'), (2015, 'modified')]
>>> res.end.how.value, res.end.absorbed_into
('abrogated', 'council/res/1336@2019')
"""

from __future__ import annotations

from itu_governance._version import __version__
from itu_governance.annotate import annotate
from itu_governance.citations import (
    Citation,
    Modifier,
    extract_citations,
    format_citation,
    parse_citation,
)
from itu_governance.errors import (
    CitationError,
    DataError,
    GraphError,
    ItuGovernanceError,
    NotFound,
    Problem,
)
from itu_governance.findings import Finding, Severity
from itu_governance.lint import LintReport, Resolved
from itu_governance.loader import build, load
from itu_governance.models import (
    Action,
    Audience,
    BodyType,
    Conference,
    Council,
    Count,
    Designation,
    Dispute,
    DisputedValue,
    End,
    EndHow,
    InstrumentType,
    Issuer,
    Lang,
    MandateClause,
    Meeting,
    MeetingMode,
    Officer,
    OfficerRole,
    OpenConsultation,
    PartialDate,
    ParticipationRule,
    PhysicalConsultationMeeting,
    Provision,
    Relation,
    RelationType,
    Report,
    Resolution,
    Responses,
    Revision,
    Source,
    Texts,
    Window,
    WorkingGroup,
)
from itu_governance.registry import Dataset, Registry
from itu_governance.rules import Actor, ActorCategory, Basis, Change, MandateMatch, Sector, Verdict

__all__ = [
    "Action",
    "Actor",
    "ActorCategory",
    "Audience",
    "Basis",
    "BodyType",
    "Change",
    "Citation",
    "CitationError",
    "Conference",
    "Council",
    "Count",
    "DataError",
    "Dataset",
    "Designation",
    "Dispute",
    "DisputedValue",
    "End",
    "EndHow",
    "Finding",
    "GraphError",
    "InstrumentType",
    "Issuer",
    "ItuGovernanceError",
    "Lang",
    "LintReport",
    "MandateClause",
    "MandateMatch",
    "Meeting",
    "MeetingMode",
    "Modifier",
    "NotFound",
    "Officer",
    "OfficerRole",
    "OpenConsultation",
    "PartialDate",
    "ParticipationRule",
    "PhysicalConsultationMeeting",
    "Problem",
    "Provision",
    "Registry",
    "Relation",
    "RelationType",
    "Report",
    "Resolution",
    "Resolved",
    "Responses",
    "Revision",
    "Sector",
    "Severity",
    "Source",
    "Texts",
    "Verdict",
    "Window",
    "WorkingGroup",
    "__version__",
    "annotate",
    "build",
    "extract_citations",
    "format_citation",
    "load",
    "parse_citation",
]


def __dir__() -> list[str]:
    return __all__

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

import importlib
from typing import TYPE_CHECKING, Any, Final

# A function named like its module is bound at once: importing the module ``annotate`` would
# otherwise leave the module, not the function, as ``itu_governance.annotate``.
from itu_governance.annotate import annotate

if TYPE_CHECKING:  # pragma: no cover (for type checkers and documentation tools)
    from itu_governance._search import SearchHit
    from itu_governance._version import __version__
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
        FourYearReport,
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
        ProcedureKind,
        ProcedureRule,
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

_EXPORTS: Final = {
    "__version__": "itu_governance._version",
    "Citation": "itu_governance.citations",
    "Modifier": "itu_governance.citations",
    "extract_citations": "itu_governance.citations",
    "format_citation": "itu_governance.citations",
    "parse_citation": "itu_governance.citations",
    "CitationError": "itu_governance.errors",
    "DataError": "itu_governance.errors",
    "GraphError": "itu_governance.errors",
    "ItuGovernanceError": "itu_governance.errors",
    "NotFound": "itu_governance.errors",
    "Problem": "itu_governance.errors",
    "Finding": "itu_governance.findings",
    "Severity": "itu_governance.findings",
    "LintReport": "itu_governance.lint",
    "Resolved": "itu_governance.lint",
    "build": "itu_governance.loader",
    "load": "itu_governance.loader",
    "Action": "itu_governance.models",
    "Audience": "itu_governance.models",
    "BodyType": "itu_governance.models",
    "Conference": "itu_governance.models",
    "Council": "itu_governance.models",
    "Count": "itu_governance.models",
    "Designation": "itu_governance.models",
    "Dispute": "itu_governance.models",
    "DisputedValue": "itu_governance.models",
    "End": "itu_governance.models",
    "FourYearReport": "itu_governance.models",
    "EndHow": "itu_governance.models",
    "InstrumentType": "itu_governance.models",
    "Issuer": "itu_governance.models",
    "Lang": "itu_governance.models",
    "MandateClause": "itu_governance.models",
    "Meeting": "itu_governance.models",
    "MeetingMode": "itu_governance.models",
    "Officer": "itu_governance.models",
    "OfficerRole": "itu_governance.models",
    "OpenConsultation": "itu_governance.models",
    "PartialDate": "itu_governance.models",
    "ParticipationRule": "itu_governance.models",
    "PhysicalConsultationMeeting": "itu_governance.models",
    "ProcedureKind": "itu_governance.models",
    "ProcedureRule": "itu_governance.models",
    "Provision": "itu_governance.models",
    "Relation": "itu_governance.models",
    "RelationType": "itu_governance.models",
    "Report": "itu_governance.models",
    "Resolution": "itu_governance.models",
    "Responses": "itu_governance.models",
    "Revision": "itu_governance.models",
    "Source": "itu_governance.models",
    "Texts": "itu_governance.models",
    "Window": "itu_governance.models",
    "WorkingGroup": "itu_governance.models",
    "Dataset": "itu_governance.registry",
    "Registry": "itu_governance.registry",
    "SearchHit": "itu_governance._search",
    "Actor": "itu_governance.rules",
    "ActorCategory": "itu_governance.rules",
    "Basis": "itu_governance.rules",
    "Change": "itu_governance.rules",
    "MandateMatch": "itu_governance.rules",
    "Sector": "itu_governance.rules",
    "Verdict": "itu_governance.rules",
}
"""Where each public name lives: imported on first use, so ``import itu_governance`` stays cheap."""

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
    "FourYearReport",
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
    "ProcedureKind",
    "ProcedureRule",
    "Provision",
    "Registry",
    "Relation",
    "RelationType",
    "Report",
    "Resolution",
    "Resolved",
    "Responses",
    "Revision",
    "SearchHit",
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


def __getattr__(name: str) -> Any:  # noqa: ANN401 (any public name)
    """Import the module of a public name on first use (PEP 562) and keep the name here."""
    module = _EXPORTS.get(name)
    if module is None:
        msg = f"module 'itu_governance' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

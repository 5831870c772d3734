"""The kinds of record: one row each, read instead of ``isinstance`` chains.

A kind's ``name`` is also its key kind (:data:`itu_governance._keys.PATTERNS`) and the
``kind`` of its nodes in the lineage graph. The loader reads the ``folder`` of each kind, the
schema generator its ``classes``, the registry its ``names``, the command line its
``describe``, the coverage page its ``parts``.

To add a kind of record: its class in :mod:`itu_governance.models`, its key pattern in
:mod:`itu_governance._keys`, and a row here.

>>> from itu_governance import _kinds
>>> [k.name for k in _kinds.KINDS.values() if k.folder]
['conference', 'instrument', 'body', 'meeting', 'consultation']
>>> _kinds.KINDS["instrument"].file_stem("council/res/1344")
'council-res-1344'
>>> _kinds.KINDS["meeting"].key_from_stem("cwg-internet-15")
'meeting/cwg-internet-15'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import attrs

from itu_governance import _keys
from itu_governance.models import (
    Conference,
    Council,
    Dataset,
    Meeting,
    OpenConsultation,
    Resolution,
    Revision,
    Texts,
    WorkingGroup,
)


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _no_parts(_record: Any) -> tuple[Any, ...]:  # noqa: ANN401 (any record)
    return ()


def _revisions(record: Resolution) -> tuple[Revision, ...]:
    return record.revisions


def _names(record: Any) -> list[str]:  # noqa: ANN401 (any record)
    """The names a record is looked up by: its short name, aliases and names in every language."""
    names = getattr(record, "names", None)
    found = [getattr(record, "short_name", None), *getattr(record, "aliases", ()), *(names.values() if names else ())]
    return [n for n in found if n]


def _describe_instrument(record: Resolution, lang: str) -> list[str]:
    from itu_governance.citations import format_citation  # noqa: PLC0415 (the grammar loads on first use)

    lines = [f"  title: {_title(record, lang)}"]
    shown = None
    for r in record.revisions:
        lines.append(f"  {r.year}  {r.designation.value:<9} {r.adopted_by:<12} {format_citation(r, lang)}")
        if len(record.revisions) > 1:  # each revision's own title: they change between revisions
            own = r.titles.best(lang)
            if not own:
                lines.append("        (title not in the data)")
            else:
                lines.append(f"        {'(same title)' if own == shown else _in_language(r.titles, lang, 92)}")
                shown = own
    if record.end is not None:
        into = f", content absorbed into {record.end.absorbed_into}" if record.end.absorbed_into else ""
        lines.append(f"  {record.end.year}  {record.end.how.value} by {record.end.by}{into}")
    if not record.complete:
        lines.append("  (history not declared complete)")
    return lines


def _title(record: Resolution, lang: str) -> str:
    """The title, or the latest one a revision has, saying which, when the latest revision's is unknown."""
    for texts in (record.titles, record.latest.titles):  # as Resolution.title looks them up
        if texts:
            return _in_language(texts, lang)
    titled = [r for r in record.revisions if r.titles.best(lang)]
    if not titled:
        return "(not in the data)"
    last = titled[-1]
    missing = f"the {record.latest.year} revision's is not in the data"
    return f"{_in_language(last.titles, lang)} (the {last.year} revision's; {missing})"


def _in_language(titles: Texts, lang: str, width: int | None = None) -> str:
    """The best title for ``lang``, marked with its language code where it is in another one."""
    code = titles.best_language(lang)
    text = titles[code] if code else ""
    text = _short(text, width) if width else text
    return text if code == lang else f"{text} [{code}]"


def _describe_revision(record: Revision, lang: str) -> list[str]:
    from itu_governance.citations import format_citation  # noqa: PLC0415 (the grammar loads on first use)

    lines = [
        f"  {format_citation(record, lang)}: {record.designation.value} by {record.adopted_by}"
        + (f" ({record.place})" if record.place else "")
    ]
    lines += [f"  {r.relation.value} {r.target}" + (f" [{r.clause}]" if r.clause else "") for r in record.relations]
    lines += [f"  {p.clause}: {_short(p.text)}" for p in record.provisions]
    return lines


def _describe_conference(record: Conference, _lang: str) -> list[str]:
    dates = f"{record.start or '?'} to {record.end or '?'}"
    return [
        f"  {record.short_name}: {record.city or '(no city)'}, {record.country or ''}, {dates}"
        + (f", {record.mode.value}" if record.mode else "")
    ]


def _describe_body(record: WorkingGroup | Council, _lang: str) -> list[str]:
    if isinstance(record, Council):
        return [f"  {record.name}, {len(record.sessions)} sessions in the data"]
    group = record
    succeeds = f", succeeds {group.predecessor}" if group.predecessor else ""
    lines = [
        f"  {group.name} ({group.short_name})",
        f"  parent: {group.parent}, established by {group.established_by}{succeeds}",
    ]
    for rule in group.participation:
        basis = rule.basis + (f", {rule.clause}" if rule.clause else "")
        actions = ", ".join(sorted(a.value for a in rule.actions))
        audience = ", ".join(sorted(a.value for a in rule.open_to))
        condition = f" ({rule.condition})" if rule.condition else ""
        lines.append(f"  rule [{basis}]: {actions} -> {audience}{condition}")
    lines += [f"  mandate {c.clause} [{c.basis}]: {_short(c.text)}" for c in group.mandate]
    lines += [f"  {o.role.value}: {o.name} ({o.country or '?'})" for o in group.officers]
    return lines


def _describe_meeting(record: Meeting, _lang: str) -> list[str]:
    mode = record.mode.value if record.mode else "?"
    lines = [f"  meeting {record.ordinal} of {record.body}: {record.start} to {record.end or record.start}, {mode}"]
    if record.report is not None:
        asks = ", ".join(record.report.actions_requested)
        lines.append(f"  report approved: {record.report.approved_by_group}; asks the Council to: {asks}")
    return lines


def _describe_consultation(record: OpenConsultation, lang: str) -> list[str]:
    window = f"{record.online.start} to {record.online.end}" if record.online else "?"
    lines = [f"  {record.topics.best(lang)}", f"  online: {window}"]
    if record.responses is not None:
        lines.append(f"  responses: {record.responses.total} stated, {record.responses.categorised} by category")
    return lines


def _describe_dataset(record: Dataset, _lang: str) -> list[str]:
    return [f"  {record.name}, known up to {record.known_up_to}"]


@attrs.frozen
class Kind:
    """One kind of record.

    Attributes:
        name: the key kind and the graph node kind (``instrument``).
        classes: the model classes its records are (a body is the Council or a group).
        folder: the data folder of its files; ``None`` for the dataset file and for records
            written inside another kind's files (revisions inside instruments).
        prefix: what a key starts with and its file name leaves out (``conf``); ``None`` when
            the whole key names the file (instruments: ``council-res-1344.yaml``).
        describe: readable lines about a record, in a language (the ``show`` command).
        names: the names a record is looked up by, besides its key.
        parts: records with their own keys written inside this one (an instrument's revisions).
        node: whether its records are nodes of the lineage graph.
    """

    name: str
    classes: tuple[type, ...]
    describe: Callable[[Any, str], list[str]]
    folder: str | None = None
    prefix: str | None = None
    names: Callable[[Any], Iterable[str]] = attrs.field(default=_names, kw_only=True)
    parts: Callable[[Any], Iterable[Any]] = attrs.field(default=_no_parts, kw_only=True)
    node: bool = attrs.field(default=False, kw_only=True)

    def file_stem(self, key: str) -> str:
        """The file name (without ``.yaml``) that holds the record with this key."""
        parts = key.split("/")
        return "-".join(parts if self.prefix is None else parts[1:])

    def key_from_stem(self, stem: str) -> str:
        """The key a file is expected to hold, from its name (for files too broken to read)."""
        return stem.replace("-", "/", 2) if self.prefix is None else f"{self.prefix}/{stem}"


_ROWS: Final = (
    # name, classes, describe, data folder, the key prefix its file names leave out
    Kind("dataset", (Dataset,), _describe_dataset),
    Kind("conference", (Conference,), _describe_conference, "conferences", "conf", node=True),
    Kind("instrument", (Resolution,), _describe_instrument, "instruments", parts=_revisions, node=True),
    Kind("revision", (Revision,), _describe_revision, node=True),
    Kind("body", (Council, WorkingGroup), _describe_body, "bodies", "body", node=True),
    Kind("meeting", (Meeting,), _describe_meeting, "meetings", "meeting"),
    Kind("consultation", (OpenConsultation,), _describe_consultation, "consultations", "consultation"),
)
KINDS: Final[Mapping[str, Kind]] = {kind.name: kind for kind in _ROWS}
"""Every kind of record, in the order the loader reads their folders."""

_BY_CLASS: Final = {cls: kind for kind in KINDS.values() for cls in kind.classes}
FOLDERS: Final = tuple(kind.folder for kind in KINDS.values() if kind.folder)
"""The data folders, in the order they are read."""
BY_FOLDER: Final = {kind.folder: kind for kind in KINDS.values() if kind.folder}


def of(record: object) -> Kind:
    """The kind of a record, by its class.

    >>> import itu_governance as itu
    >>> of(itu.load().get("conf/c19")).name
    'conference'
    """
    return _BY_CLASS[type(record)]


def of_key(key: str) -> Kind | None:
    """The kind of record a key names, by its form; ``None`` if it is not a key."""
    name = _keys.key_kind(key)
    return None if name is None else KINDS[name]


def as_group(body: WorkingGroup | Council) -> WorkingGroup | None:
    """The body as a working group (which has rules, a mandate, officers), or ``None`` for the Council."""
    return body if isinstance(body, WorkingGroup) else None

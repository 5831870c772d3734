"""A test kit for projects that assert ITU procedural rules: assertion helpers and YAML scenarios.

The helpers raise ``AssertionError`` with the verdict and its basis, so a failing test says why:

>>> import datetime as dt, itu_governance as itu
>>> from itu_governance.testing import assert_allowed, assert_denied
>>> reg = itu.load()
>>> day = dt.date(2021, 1, 27)
>>> assert_denied(reg, "sector-member:ITU-T:Example Corp", "attend-meeting", "CWG-Internet", on=day)
>>> assert_allowed(reg, "civil-society", "chair", "CWG-Internet", on=day)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AssertionError: expected allowed, got denied: CWG-Internet: chair is open to member-state only [basis: ...]

Scenario files are YAML lists of cases, like OpenFisca's YAML tests; installing the package
registers a pytest plugin that runs, as tests, the YAML files that declare themselves with a
top-level ``itu-governance: scenarios`` (or match a pattern of the ``itu_scenarios`` ini
option); other YAML files are left alone::

    itu-governance: scenarios
    scenarios:
      - name: a Sector Member may answer the online consultation
        actor: sector-member:ITU-T:Example Corp
        action: respond-to-consultation
        body: CWG-Internet
        date: "2021-01-27"              # the date the answer is asked for (quoted)
        expected: allowed               # allowed | denied | not-said
        basis: [council/res/1336@2019]  # optional: revisions the verdict must cite,
                                        # or "revision, clause": "pp/dec/11@2018, decides 8"
      - name: Resolution 1344 was absorbed by 2021
        status: Council Resolution 1344
        date: "2021-01-27"
        expected: absorbed
      - name: its content is in Resolution 1336
        current: Council Resolution 1344
        date: "2021-01-27"
        expected: council/res/1336@2019
      - name: a stale citation is flagged
        lint: "Resolution 1344 (Mod. 2012)"
        date: "2016-03-01"
        expected: [stale]

A case may instead ask the audit for a finding of a procedural rule, and a file may name the
dataset folder it runs against (relative to the file; the bundled dataset by default)::

    data: ../data/decision-11
    scenarios:
      - name: a term spanning two Plenipotentiary Conferences is an error
        finding: {code: term-limit, subject: body/cwg-example, severity: error}
        date: "2023-06-30"              # the audit's date
        expected: reported              # reported | not-reported
        basis: ["pp/dec/11@2018, decides 8"]  # optional: what the finding must cite

The audit helpers say which findings there were when the one expected is missing:

>>> from itu_governance.testing import assert_finding
>>> print(assert_finding(reg, "created-by", "body/cwg-hqp", severity="cannot-tell").basis)
('pp/dec/11@2018, decides 1',)
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Final

import attrs

from itu_governance import _keys
from itu_governance._reader import BAD, Context, Cursor, _Bad
from itu_governance._yaml import read
from itu_governance.errors import DataError, NotFound, Problem
from itu_governance.findings import Finding, Severity
from itu_governance.graph import State
from itu_governance.loader import load
from itu_governance.models import Action, Revision
from itu_governance.registry import Registry
from itu_governance.rules import Actor, Verdict

__all__ = [
    "KINDS",
    "MARKER",
    "FindingScenario",
    "Scenario",
    "assert_abrogated",
    "assert_allowed",
    "assert_cannot_tell",
    "assert_denied",
    "assert_finding",
    "assert_in_force",
    "assert_no_finding",
    "assert_not_said",
    "declares_scenarios",
    "load_scenarios",
    "registry_for",
]


def __dir__() -> list[str]:
    return __all__


_WORDS = {True: "allowed", False: "denied", None: "not-said"}


def _expect(verdict: Verdict, allowed: bool | None) -> Verdict:  # noqa: FBT001 (the three-valued answer)
    if verdict.allowed is not allowed:
        msg = f"expected {_WORDS[allowed]}, got {verdict}"
        raise AssertionError(msg)
    return verdict


def assert_allowed(
    registry: Registry, actor: Actor | str, action: Action | str, body: str, on: dt.date | None = None
) -> Verdict:
    """Assert the rules in force allow the action; return the verdict for further checks."""
    return _expect(registry.check(actor, action, body, on=on), allowed=True)


def assert_denied(
    registry: Registry, actor: Actor | str, action: Action | str, body: str, on: dt.date | None = None
) -> None:
    """Assert the rules in force deny the action."""
    _expect(registry.check(actor, action, body, on=on), allowed=False)


def assert_not_said(
    registry: Registry, actor: Actor | str, action: Action | str, body: str, on: dt.date | None = None
) -> None:
    """Assert no rule in force decides the action."""
    _expect(registry.check(actor, action, body, on=on), allowed=None)


def assert_in_force(registry: Registry, ref: str, on: dt.date | None = None) -> Revision:
    """Assert the revision ``ref`` (a key or a citation with a year) is in force on the date.

    >>> import datetime as dt, itu_governance as itu
    >>> assert_in_force(itu.load(), "Council Resolution 1336 (Modified 2019)", on=dt.date(2021, 1, 27)).key
    'council/res/1336@2019'
    """
    revision = registry.revision(ref)
    status = registry.status(revision.instrument, on=on)
    if status.state is not State.IN_FORCE or status.revision != revision:
        msg = f"expected {revision.key} in force, got: {status}"
        raise AssertionError(msg)
    return revision


def assert_abrogated(registry: Registry, ref: str, on: dt.date | None = None) -> None:
    """Assert the instrument ``ref`` was abrogated (or absorbed) by the date."""
    status = registry.status(ref, on=on)
    if not status.state.ended:
        msg = f"expected {status.instrument} abrogated, got: {status}"
        raise AssertionError(msg)


def _matching(
    registry: Registry, code: str, subject: str | None, severity: Severity | str | None, on: dt.date | None
) -> tuple[list[Finding], list[Finding]]:
    """The audit's findings of ``code`` (about ``subject``), and those also of ``severity``."""
    of_code = [f for f in registry.audit(on=on) if f.code == code and subject in {None, f.subject}]
    wanted = None if severity is None else Severity(severity)
    return of_code, [f for f in of_code if wanted in {None, f.severity}]


def _about(code: str, subject: str | None) -> str:
    return f"{code}" + (f" about {subject}" if subject else "")


def assert_finding(
    registry: Registry,
    code: str,
    subject: str | None = None,
    *,
    severity: Severity | str | None = None,
    on: dt.date | None = None,
) -> Finding:
    """Assert the audit reports a finding of ``code`` (about ``subject``, of ``severity``); return it.

    The message of a failure lists the findings of that code there were.
    """
    of_code, found = _matching(registry, code, subject, severity, on)
    if not found:
        seen = "; ".join(str(f) for f in of_code) or "none"
        wanted = f"{Severity(severity).value} " if severity is not None else ""
        msg = f"expected a {wanted}finding {_about(code, subject)}, got: {seen}"
        raise AssertionError(msg)
    return found[0]


def assert_cannot_tell(
    registry: Registry, code: str, subject: str | None = None, *, on: dt.date | None = None
) -> Finding:
    """Assert the records cannot decide the rule ``code`` (a ``cannot-tell`` finding); return it."""
    return assert_finding(registry, code, subject, severity=Severity.UNDECIDED, on=on)


def assert_no_finding(registry: Registry, code: str, subject: str | None = None, *, on: dt.date | None = None) -> None:
    """Assert the audit reports no finding of ``code`` (about ``subject``): the rule is kept."""
    _, found = _matching(registry, code, subject, None, on)
    if found:
        msg = f"expected no finding {_about(code, subject)}, got: {'; '.join(str(f) for f in found)}"
        raise AssertionError(msg)


def _cites(cited: list[tuple[str, str | None]], wanted: str) -> bool:
    """Whether ``wanted`` (``revision`` or ``revision, clause``) is among ``cited``."""
    revision, _, clause = (part.strip() for part in wanted.partition(","))
    return any(r == revision and (not clause or c == clause) for r, c in cited)


MARKER: Final = "itu-governance"
"""The top-level key that declares a YAML file a scenario file: ``itu-governance: scenarios``."""

KINDS: Final = ("eligibility", "status", "current", "lint")


@attrs.frozen(kw_only=True)
class Scenario:
    """One case of a scenario file, with where it is written (for failure reports).

    ``kind`` says what is asserted: ``eligibility`` (``actor``, ``action``, ``body``,
    ``expected`` allowed/denied/not-said), ``status`` (``ref`` and the expected state),
    ``current`` (``ref`` and the expected revision key) or ``lint`` (``text`` and the
    expected finding codes, ``[]`` for a clean text).
    """

    name: str
    on: dt.date
    expected: bool | str | tuple[str, ...] | None
    kind: str = "eligibility"
    actor: str = ""
    action: str = ""
    body: str = ""
    ref: str = ""
    text: str = ""
    basis: tuple[str, ...] = ()
    data: Path | None = None
    file: str = ""
    line: int = 0

    def run(self, registry: Registry) -> object:
        """Check the case; ``AssertionError`` naming the file and line if it does not hold."""
        try:
            problem, answer = self._check(registry)
        except NotFound as error:
            problem, answer = f"{error} (hint: a key, or a name as the dataset writes it)", None
        if problem is None:
            return answer
        msg = f"{self.file}:{self.line}: {self.name}: {problem}"
        raise AssertionError(msg)

    def _check(self, registry: Registry) -> tuple[str | None, object]:
        if self.kind == "status":
            status = registry.status(self.ref, on=self.on)
            ok = status.state.value == self.expected
            return (None if ok else f"expected {self.expected}, got: {status}"), status
        if self.kind == "current":
            current = registry.current(self.ref, on=self.on)
            got = None if current is None else current.key
            return (None if got == self.expected else f"expected {self.expected}, got {got}"), current
        if self.kind == "lint":
            report = registry.lint(self.text, on=self.on)
            codes = sorted(f.code for f in report.findings)
            wanted = sorted(self.expected) if isinstance(self.expected, tuple) else []
            return (None if codes == wanted else f"expected findings {wanted}, got:\n{report}"), report
        registry.body(self.body)  # a misspelled body is reported with suggestions, not as "not said"
        verdict = registry.check(self.actor, self.action, self.body, on=self.on)
        cited = [(b.revision, b.clause) for b in verdict.basis]
        missing = [b for b in self.basis if not _cites(cited, b)]
        if verdict.allowed is not self.expected:
            return f"expected {_WORDS[self.expected]}, got {verdict}", verdict  # type: ignore[index]
        if missing:
            return f"expected the basis to cite {', '.join(missing)}, got: {verdict}", verdict
        return None, verdict


@attrs.frozen(kw_only=True)
class FindingScenario:
    """A case of a scenario file about the audit: a finding of a procedural rule, reported or not."""

    name: str
    code: str
    on: dt.date
    reported: bool
    subject: str | None = None
    severity: Severity | None = None
    basis: tuple[str, ...] = ()
    data: Path | None = None
    file: str = ""
    line: int = 0

    def run(self, registry: Registry) -> Finding | None:
        """Check the case; ``AssertionError`` naming the file and line if it does not hold."""
        where = f"{self.file}:{self.line}: {self.name}"
        try:
            if not self.reported:
                assert_no_finding(registry, self.code, self.subject, on=self.on)
                return None
            finding = assert_finding(registry, self.code, self.subject, severity=self.severity, on=self.on)
        except AssertionError as error:
            msg = f"{where}: {error}"
            raise AssertionError(msg) from None
        cited = [(r.strip(), c.strip() or None) for r, _, c in (b.partition(",") for b in finding.basis)]
        missing = [b for b in self.basis if not _cites(cited, b)]
        if missing:
            msg = f"{where}: expected the finding to cite {', '.join(missing)}, got: {finding}"
            raise AssertionError(msg)
        return finding


_EXPECTED = {"allowed": True, "denied": False, "not-said": None}
_STATES = [state.value for state in State]


_REPORTED = {"reported": True, "not-reported": False}


def _basis_item(c: Cursor) -> str | object:
    """A revision key, optionally followed by a clause: ``pp/dec/11@2018, decides 8``."""
    text = c.string()
    if not isinstance(text, str):
        return BAD
    if _keys.PATTERNS["revision"].fullmatch(text.partition(",")[0].strip()):
        return text
    return c.fail("a revision key, optionally with a clause: 'pp/dec/11@2018, decides 8'")


def _read_finding_case(c: Cursor, data: Path | None) -> FindingScenario | object:
    if not c.fields(["name", "finding", "date", "expected"], ["basis"]):
        return BAD
    f = c["finding"]
    if not f.fields(["code"], ["subject", "severity"]):
        return BAD
    expected = c["expected"]
    if expected.value not in _REPORTED:
        return expected.fail("one of 'reported', 'not-reported'")
    severity = f["severity"].choice(Severity) if f["severity"].present else None
    name, code, subject = c["name"].string(), f["code"].string(), f["subject"].optional_string()
    day, basis = c["date"].date(), c["basis"].each(_basis_item)
    if BAD in {name, code, subject, severity, day} or not isinstance(basis, list):
        return BAD
    assert isinstance(name, str)  # noqa: S101 (checked just above)
    assert isinstance(code, str)  # noqa: S101
    assert isinstance(day, str)  # noqa: S101
    return FindingScenario(
        name=name,
        code=code,
        on=dt.date.fromisoformat(day),
        reported=_REPORTED[expected.value],
        subject=subject if isinstance(subject, str) else None,
        severity=severity if isinstance(severity, Severity) else None,
        basis=tuple(b for b in basis if isinstance(b, str)),
        data=data,
        file=c.file,
        line=c.where[0] if c.where else 0,
    )


def _read_case(c: Cursor, data: Path | None = None) -> Scenario | FindingScenario | object:
    if c["finding"].present:
        return _read_finding_case(c, data)
    kind = next((k for k, field in _KIND_FIELDS.items() if field in (c.value or {})), "eligibility")
    if kind != "eligibility":
        return _read_other(c, kind, data)
    if not c.fields(["name", "actor", "action", "body", "date", "expected"], ["basis"]):
        return BAD
    expected = c["expected"]
    if expected.value not in _EXPECTED:
        return expected.fail("one of 'allowed', 'denied', 'not-said'")
    name, actor, action, body = (c[f].string() for f in ("name", "actor", "action", "body"))
    day, basis = c["date"].date(), c["basis"].each(_basis_item)
    if not (
        isinstance(name, str)
        and isinstance(actor, str)
        and isinstance(action, str)
        and isinstance(body, str)
        and isinstance(day, str)
        and isinstance(basis, list)
    ):
        return BAD
    return Scenario(
        name=name,
        actor=actor,
        action=action,
        body=body,
        on=dt.date.fromisoformat(day),
        expected=_EXPECTED[expected.value],
        basis=tuple(b for b in basis if isinstance(b, str)),
        data=data,
        file=c.file,
        line=c.where[0] if c.where else 0,
    )


_KIND_FIELDS: Final = {"status": "status", "current": "current", "lint": "lint"}


def _read_other(c: Cursor, kind: str, data: Path | None = None) -> Scenario | object:
    """A status, current or lint case: the field named after the kind holds what is asked about."""
    if not c.fields(["name", kind, "date", "expected"]):
        return BAD
    name, subject, day = c["name"].string(), c[kind].string(), c["date"].date()
    expected: object
    if kind == "status":
        expected = c["expected"].value
        if expected not in _STATES:
            expected = c["expected"].fail("one of " + ", ".join(map(repr, _STATES)))
    elif kind == "current":
        expected = c["expected"].key("revision")
    else:
        codes = c["expected"].each(lambda code: code.string())
        expected = BAD if isinstance(codes, _Bad) else tuple(codes)
    if not (isinstance(name, str) and isinstance(subject, str) and isinstance(day, str)) or expected is BAD:
        return BAD
    return Scenario(
        name=name,
        kind=kind,
        ref="" if kind == "lint" else subject,
        text=subject if kind == "lint" else "",
        on=dt.date.fromisoformat(day),
        expected=expected,
        data=data,
        file=c.file,
        line=c.where[0] if c.where else 0,
    )


def declares_scenarios(text: str) -> bool:
    r"""Whether a YAML text declares itself a scenario file (a top-level ``itu-governance: scenarios``).

    >>> declares_scenarios("itu-governance: scenarios\nscenarios: []\n"), declares_scenarios("scenarios: []")
    (True, False)
    """
    return re.search(rf"^{MARKER}:[ \t]*[\"']?scenarios[\"']?[ \t]*(?:#.*)?$", text, re.MULTILINE) is not None


def load_scenarios(path: str | Path) -> list[Scenario | FindingScenario]:
    """Read a scenario file; ``DataError`` with every located problem if it is malformed."""
    file = Path(path)
    doc, problems = read(file.read_text(encoding="utf-8"), str(file))
    if doc is None or problems:
        raise DataError(problems or [Problem(file=str(file), expected="a scenario file")])
    ctx = Context()
    root = Cursor(ctx, str(file), doc)
    cases: list[object] | object = BAD
    if root.fields(["scenarios"], ["data", MARKER]):
        folder = root["data"].optional_string()
        data = (file.parent / folder).resolve() if isinstance(folder, str) else None
        if data is not None and not data.is_dir():
            root["data"].fail("a dataset folder, relative to the scenario file", found=repr(folder))
        cases = root["scenarios"].each(lambda c: _read_case(c, data), required=True)
    if root[MARKER].present and root[MARKER].value != "scenarios":
        root[MARKER].fail("'scenarios'")
    if ctx.problems:
        raise DataError(ctx.problems)
    assert isinstance(cases, list)  # noqa: S101 (no problems means every case was read)
    return [case for case in cases if isinstance(case, (Scenario, FindingScenario))]


def registry_for(scenario: Scenario | FindingScenario) -> Registry:
    """The registry a scenario runs against: its file's dataset, or the bundled one."""
    return load(scenario.data)

"""Rules as code: actors, verdicts with their basis, mandates, procedural rules, the test kit."""

from __future__ import annotations

import datetime as dt
import inspect
import re
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import itu_governance as itu
from itu_governance import strategies as its
from itu_governance.testing import (
    assert_abrogated,
    assert_allowed,
    assert_denied,
    assert_in_force,
    assert_not_said,
    load_scenarios,
)

DATA = Path(__file__).parent / "data"
BODIES = ["CWG-Internet", "CWG-COP", "body/cwg-sfp-2020-2023", "body/dedicated-group-internet", "body/council"]


class TestActor:
    @pytest.mark.parametrize(
        "text",
        [
            "member-state:SAU",
            "sector-member:ITU-T:Example Corp",
            "associate:ITU-D:Lab",
            "academia:University of Geneva",
            "civil-society",
            "private-sector",
            "intergovernmental",
            "individual",
            "government",
            "other",
        ],
    )
    def test_round_trip(self, text: str) -> None:
        assert str(itu.Actor.parse(text)) == text

    @given(its.actors())
    def test_generated_actors_round_trip(self, actor: itu.Actor) -> None:
        assert itu.Actor.parse(str(actor)) == actor

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("member-state", "ISO 3166 alpha-3"),
            ("member-state:Saudi Arabia", "must match"),
            ("sector-member", "'sector-member:ITU-T:<name>'"),
            ("sector-member:ITU-X:A", "expected one of 'ITU-R'"),
            ("ngo", "expected an actor like"),
        ],
    )
    def test_bad_actor(self, text: str, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            itu.Actor.parse(text)


class TestCheck:
    def test_check_accepts_objects_and_strings(self, registry: itu.Registry) -> None:
        day = dt.date(2021, 1, 27)
        a = registry.check(itu.Actor.parse("member-state:SAU"), itu.Action.ATTEND_MEETING, "body/cwg-internet", on=day)
        b = registry.check("member-state:SAU", "attend-meeting", "CWG-Internet", on=day)
        assert a == b

    def test_before_establishment(self, registry: itu.Registry) -> None:
        verdict = registry.check("member-state:SAU", "attend-meeting", "CWG-Internet", on=dt.date(2010, 1, 1))
        assert verdict.allowed is False
        assert verdict.basis == (itu.Basis(revision="council/res/1336@2011"),)

    def test_condition_is_reported(self, registry: itu.Registry) -> None:
        verdict = registry.check(
            "sector-member:ITU-R:X", "attend-meeting", "body/cwg-sfp-2020-2023", on=dt.date(2018, 1, 15)
        )
        assert verdict.allowed is True
        assert verdict.conditions == ("when addressing the draft Strategic Plan",)

    def test_council_has_no_participation_rules(self, registry: itu.Registry) -> None:
        assert registry.check("member-state:SAU", "attend-meeting", "body/council").allowed is None

    @given(
        actor=its.actors(),
        action=its.actions(),
        body=st.sampled_from(BODIES),
        day=st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2026, 11, 28)),
    )
    def test_every_basis_is_in_force_on_the_asked_date(
        self, registry: itu.Registry, actor: itu.Actor, action: itu.Action, body: str, day: dt.date
    ) -> None:
        """Every verdict's basis names a revision in force on the asked date (or the one that
        establishes the body, when it did not exist yet)."""
        verdict = registry.check(actor, action, body, on=day)
        for basis in verdict.basis:
            current = registry.current(basis.revision.partition("@")[0], on=day)
            established_later = verdict.allowed is False and "not yet established" in verdict.reason
            assert established_later or (current is not None and current.key == basis.revision)


class TestWhyChanged:
    def test_2015_opened_physical_consultation_meetings(self, registry: itu.Registry) -> None:
        change = registry.why_changed(
            "civil-society", "attend-consultation-meeting", "CWG-Internet", dt.date(2014, 1, 1), dt.date(2021, 1, 1)
        )
        assert change is not None
        assert (change.before.allowed, change.after.allowed, change.revision) == (None, True, "council/res/1344@2015")

    def test_basis_moves_from_1344_to_1336_in_2019(self, registry: itu.Registry) -> None:
        change = registry.why_changed(
            "civil-society", "respond-to-consultation", "CWG-Internet", dt.date(2016, 3, 1), dt.date(2021, 1, 27)
        )
        assert change is not None
        assert change.revision == "council/res/1336@2019"
        assert change.date == dt.date(2019, 6, 20)

    def test_no_change(self, registry: itu.Registry) -> None:
        assert (
            registry.why_changed(
                "member-state:SAU", "attend-meeting", "CWG-Internet", dt.date(2020, 1, 1), dt.date(2021, 1, 1)
            )
            is None
        )


class TestMandate:
    def test_clauses_in_force(self, registry: itu.Registry) -> None:
        clauses = registry.mandate("CWG-Internet", on=dt.date(2021, 1, 27))
        assert clauses
        assert {c.basis for c in clauses} == {"council/res/1336@2019"}
        assert registry.mandate("CWG-Internet", on=dt.date(2012, 1, 1)) == []

    def test_topic_matches_resolution_1305_annex(self, registry: itu.Registry) -> None:
        matches = registry.within_mandate("CWG-Internet", "Expanding Internet connectivity", on=dt.date(2021, 1, 27))
        # Annex 1 of Resolution 1305 lists the issues; the mandate's clause on implementing
        # Resolution 102 brings in that resolution's provisions too (from the PP-18 Final Acts).
        assert (matches[0].clause, matches[0].basis) == ("Annex 1 (ii)", "council/res/1305@2009")
        assert {m.basis for m in matches} == {"council/res/1305@2009", "pp/res/102@2018"}
        assert len({(m.clause, m.basis) for m in matches}) == len(matches)

    def test_no_match_is_an_empty_list(self, registry: itu.Registry) -> None:
        assert registry.within_mandate("CWG-Internet", "satellite orbits", on=dt.date(2021, 1, 27)) == []


class TestAudit:
    def test_seed_consultation_totals_are_flagged_not_fixed(self, registry: itu.Registry) -> None:
        """The 2020 consultation states 23 responses but 1 + 4 + 10 + 5 = 20 by category."""
        findings = [f for f in registry.audit() if f.code == "responses-total"]
        assert [(f.severity, f.subject) for f in findings] == [
            (itu.Severity.WARNING, "consultation/cwg-internet/2020-internet-connectivity")
        ]
        assert "23 responses stated, but 1 + 4 + 10 + 5 = 20" in findings[0].message
        consultation = registry.consultation("consultation/cwg-internet/2020-internet-connectivity")
        assert consultation.responses is not None
        assert consultation.responses.total == 23

    def test_no_errors_in_the_bundled_data(self, registry: itu.Registry) -> None:
        assert [f for f in registry.audit() if f.severity is itu.Severity.ERROR] == []

    def test_every_rule_is_documented(self) -> None:
        text = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
        for rule in itu.rules.RULES:
            assert f"`{rule.code}`" in text


_SOURCES = "sources: [https://www.itu.int/]"


def _meeting_of_x(ordinal: int, start: str, report: str | None = None) -> dict[str, str]:
    """The file of meeting ``ordinal`` of body/x, with a report (a YAML flow mapping) if given."""
    text = f'key: meeting/x/{ordinal}\nbody: body/x\nordinal: {ordinal}\nstart: "{start}"\n{_SOURCES}\n'
    if report is not None:
        text += f"report: {report[:-1]}, {_SOURCES}}}\n"
    return {f"meetings/x-{ordinal}.yaml": text}


def _consultation_of_x(slug: str, online: str, *lines: str) -> dict[str, str]:
    """The file of consultation ``slug`` of body/x, its online phase and any further lines."""
    head = f"key: consultation/x/{slug}\nbody: body/x\ntopics: {{en: A topic}}\nonline: {online}\n"
    return {f"consultations/x-{slug}.yaml": head + "".join(f"{line}\n" for line in lines) + f"{_SOURCES}\n"}


# A later meeting of body/x, so that a consultation's inputs have somewhere to go.
_LATER_MEETING = _meeting_of_x(3, "2020-03-01")

_PP = {
    "pp-14": ("2014-10-20", "2014-11-07"),
    "pp-18": ("2018-10-29", "2018-11-16"),
    "pp-22": ("2022-09-26", "2022-10-14"),
}


def _conference(name: str, type_: str = "pp") -> dict[str, str]:
    """A conference file for the fixtures (the dates are those of the bundled records)."""
    start, end = {**_PP, "c22": ("2022-03-21", "2022-03-30"), "wtsa-16": ("2016-10-25", "2016-11-03")}[name]
    text = f'key: conf/{name}\ntype: {type_}\nshort_name: {name.upper()}\nstart: "{start}"\nend: "{end}"\n{_SOURCES}\n'
    return {f"conferences/{name}.yaml": text}


def _decision_11(procedure: str) -> dict[str, str]:
    """Decision 11 (Rev. Dubai, 2018) stating one procedural rule (YAML flow mapping), and PP-18."""
    text = (
        "key: pp/dec/11\ntype: decision\nissuer: pp\nnumber: 11\nrevisions:\n"
        f"  - year: 2018\n    designation: revised\n    adopted_by: conf/pp-18\n    procedures: [{procedure}]\n"
        f"    {_SOURCES}\n{_SOURCES}\n"
    )
    return {"instruments/pp-dec-11.yaml": text, **_conference("pp-18")}


_RULE_TEXT = 'text: "the clause", sources: [https://www.itu.int/pub/S-CONF-ACTF-2018]'

# For each finding code: the records (file -> YAML) that break that rule and no other.
RULE_FIXTURES: dict[str, dict[str, str]] = {
    "consultation-order": {
        **_consultation_of_x("late", '{start: "2020-02", end: "2020-12"}', 'physical_meeting: {date: "2019-05-01"}'),
        **_LATER_MEETING,
    },
    "consultation-inputs": _consultation_of_x("alone", '{start: "2012-02", end: "2012-03"}'),
    "report-not-approved": _meeting_of_x(2, "2012-09-01", report="{approved_by_group: false, noted_by: conf/c15}"),
    "report-order": _meeting_of_x(4, "2016-01-01", report="{approved_by_group: true, noted_by: conf/c15}"),
    "responses-total": {
        **_consultation_of_x("sums", '{start: "2012-02"}', "responses: {total: 3, by_category: {government: 1}}"),
        **_LATER_MEETING,
    },
    "meeting-after-mandate": {
        # A made-up instrument that ends without being absorbed, and a group it establishes.
        "instruments/council-res-1399.yaml": """
        key: council/res/1399
        type: resolution
        issuer: council
        number: 1399
        revisions:
          - {year: 2011, designation: adopted, adopted_by: conf/c11, sources: [https://www.itu.int/]}
        end: {how: abrogated, by: conf/c15, year: 2015, sources: [https://www.itu.int/]}
        sources: [https://www.itu.int/]
        """,
        "bodies/z.yaml": """
        key: body/z
        type: council-working-group
        short_name: Z
        established_by: council/res/1399@2011
        sources: [https://www.itu.int/]
        """,
        "meetings/z-1.yaml": """
        key: meeting/z/1
        body: body/z
        ordinal: 1
        start: "2016-01-01"
        sources: [https://www.itu.int/]
        """,
    },
    "created-by": {
        **_decision_11(f'{{rule: created-by, clause: "decides 1", issuers: [pp, council], {_RULE_TEXT}}}'),
        **_conference("wtsa-16", "wtsa"),
        "instruments/wtsa-res-75.yaml": """
        key: wtsa/res/75
        type: resolution
        issuer: wtsa
        number: 75
        revisions: [{year: 2016, designation: revised, adopted_by: conf/wtsa-16, sources: [https://www.itu.int/]}]
        sources: [https://www.itu.int/]
        """,
        "bodies/w.yaml": """
        key: body/w
        type: council-working-group
        short_name: W
        established_by: wtsa/res/75@2016
        sources: [https://www.itu.int/]
        """,
    },
    "mandate-by": {
        **_decision_11(f'{{rule: mandate-by, clause: "decides 3", issuers: [council], {_RULE_TEXT}}}'),
        "bodies/w.yaml": """
        key: body/w
        type: council-working-group
        short_name: W
        established_by: council/res/1336@2011
        participation:
          - {basis: pp/dec/11@2018, actions: [attend-meeting], open_to: [member-state]}
        sources: [https://www.itu.int/]
        """,
    },
    "term-limit": {
        **_decision_11(f'{{rule: term-limit, clause: "decides 8", {_RULE_TEXT}}}'),
        **_conference("pp-14"),
        "bodies/w.yaml": """
        key: body/w
        type: council-working-group
        short_name: W
        established_by: council/res/1336@2011
        officers:
          - {role: chair, name: A, start: "2013-05", end: "2019-05", sources: [https://www.itu.int/]}
        sources: [https://www.itu.int/]
        """,
    },
    "partial-term": {
        **_decision_11(f'{{rule: partial-term, clause: "decides 9", {_RULE_TEXT}}}'),
        "bodies/w.yaml": """
        key: body/w
        type: council-working-group
        short_name: W
        established_by: council/res/1336@2011
        officers:
          - {role: chair, name: B, start: "2019-07", end: "2020-12", replaces: A, sources: [https://www.itu.int/]}
        sources: [https://www.itu.int/]
        """,
    },
    "four-year-report": {
        **_decision_11(f'{{rule: four-year-report, clause: "decides 13", {_RULE_TEXT}}}'),
        **_conference("pp-22"),
        **_conference("c22", "council"),
        "dataset.yaml": 'name: minimal test dataset\nknown_up_to: "2022-12-31"\n' + _SOURCES + "\n",
    },
    "chairs-overlap": {
        "bodies/y.yaml": """
        key: body/y
        type: council-working-group
        short_name: Y
        officers:
          - {role: chair, name: A, start: "2012", end: "2016", sources: [https://www.itu.int/]}
          - {role: chair, name: B, start: "2015", sources: [https://www.itu.int/]}
        sources: [https://www.itu.int/]
        """,
    },
}

BODY_X = """
key: body/x
type: council-working-group
short_name: X
established_by: council/res/1336@2011
sources: [https://www.itu.int/]
"""


class TestProceduralRules:
    @pytest.mark.parametrize("code", sorted(RULE_FIXTURES))
    def test_each_rule_catches_its_fixture(self, tmp_path: Path, code: str) -> None:
        """GIVEN the minimal data plus records breaking a rule WHEN auditing THEN exactly that is found."""
        root = tmp_path / "data"
        shutil.copytree(DATA / "minimal", root)
        (root / "bodies").mkdir()
        (root / "bodies" / "x.yaml").write_text(BODY_X, encoding="utf-8")
        for name, text in RULE_FIXTURES[code].items():
            (root / name).parent.mkdir(exist_ok=True)
            (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
        findings = itu.load(root).audit()
        assert [f.code for f in findings] == [code], findings

    def test_every_finding_code_has_a_fixture(self) -> None:
        """Each code a procedural rule can report is exercised by a fixture above."""
        source = "\n".join(inspect.getsource(rule.run) for rule in itu.rules.RULES)
        codes = set(re.findall(r'code="([a-z-]+)"', source))
        assert codes == set(RULE_FIXTURES)

    def test_clean_minimal_data_has_no_findings(self) -> None:
        assert itu.load(DATA / "minimal").audit() == []

    def test_a_first_meeting_during_the_establishing_session_is_no_finding(self, tmp_path: Path) -> None:
        """The revision has no day, so it takes effect when its session ends; the group may meet before."""
        root = tmp_path / "data"
        shutil.copytree(DATA / "minimal", root)
        (root / "bodies").mkdir()
        (root / "bodies" / "x.yaml").write_text(BODY_X, encoding="utf-8")
        start = itu.load(root).conference("conf/c11").start
        assert start is not None
        (root / "meetings").mkdir()
        for name, text in _meeting_of_x(1, start.earliest.isoformat()).items():
            (root / name).write_text(text, encoding="utf-8")
        registry = itu.load(root)
        assert registry.revision("council/res/1336@2011").effective > start.earliest
        assert registry.audit() == []


class TestKit:
    def test_helpers_pass_and_fail_with_the_basis(self, registry: itu.Registry) -> None:
        day = dt.date(2021, 1, 27)
        assert_allowed(registry, "member-state:SAU", "attend-meeting", "CWG-Internet", on=day)
        assert_denied(registry, "private-sector", "chair", "CWG-Internet", on=day)
        assert_not_said(
            registry, "civil-society", "attend-consultation-meeting", "CWG-Internet", on=dt.date(2014, 1, 1)
        )
        assert_in_force(registry, "council/res/1336@2019", on=day)
        assert_abrogated(registry, "Council Resolution 1344", on=day)
        with pytest.raises(AssertionError, match=r"expected council/res/1344@2015 in force, got: .*absorbed"):
            assert_in_force(registry, "council/res/1344@2015", on=day)
        with pytest.raises(AssertionError, match=r"\[basis: council/res/1336@2019\]"):
            assert_allowed(registry, "private-sector", "attend-meeting", "CWG-Internet", on=day)

    def test_scenario_file_errors_are_located(self, tmp_path: Path) -> None:
        path = tmp_path / "scenarios_bad.yaml"
        path.write_text(
            "scenarios:\n  - name: x\n    actor: civil-society\n    action: chair\n    body: CWG-Internet\n"
            '    on: "2021-01-27"\n    expected: allowed\n',
            encoding="utf-8",
        )
        with pytest.raises(itu.DataError) as info:
            load_scenarios(path)
        assert info.value.line == 6
        assert "the unquoted field name on" in str(info.value)

    def test_failing_scenario_names_file_and_line(self, tmp_path: Path, registry: itu.Registry) -> None:
        path = tmp_path / "scenarios_wrong.yaml"
        path.write_text(
            "scenarios:\n  - name: wrong\n    actor: civil-society\n    action: chair\n"
            '    body: CWG-Internet\n    date: "2021-01-27"\n    expected: allowed\n',
            encoding="utf-8",
        )
        [scenario] = load_scenarios(path)
        with pytest.raises(AssertionError, match=rf"{path}:2: wrong: expected allowed, got denied"):
            scenario.run(registry)


class TestStrategiesPlugin:
    @pytest.mark.parametrize(
        ("cls", "strategy"),
        [
            (itu.Resolution, its.resolutions),
            (itu.Citation, its.citations),
            (itu.PartialDate, its.partial_dates),
            (itu.Actor, its.actors),
            (itu.Registry, its.registries),
        ],
    )
    def test_from_type_is_the_package_strategy(self, cls: type, strategy: Callable[[], object]) -> None:
        """The package registers its own strategies through Hypothesis' entry point.

        Without the hook, ``from_type`` would infer a different strategy (``builds(...)``)
        from the attrs validators, or fail for the Registry.
        """
        assert repr(st.from_type(cls)) == repr(strategy())

    @given(st.from_type(itu.Actor))
    def test_from_type_actors_print_and_parse_back(self, actor: itu.Actor) -> None:
        assert itu.Actor.parse(str(actor)) == actor


class TestGeneratedRegistries:
    @given(its.registries(), st.dates(min_value=dt.date(1985, 1, 1), max_value=dt.date(2030, 12, 31)))
    def test_point_in_time_answers_hold_on_any_date(self, registry: itu.Registry, day: dt.date) -> None:
        """Status is defined on every date; one current revision after adoption; never an abrogated one."""
        for res in registry.resolutions():
            status = registry.status(res.key, on=day)
            current = registry.current(res.key, on=day)
            if status.state is itu.graph.State.IN_FORCE:
                assert current == status.revision
                assert current is not None
                assert current.effective <= day
            if current is not None:
                host = registry.resolution(current.instrument)
                assert registry.status(host.key, on=day).state is itu.graph.State.IN_FORCE
            in_force = [r for r in registry.in_force(on=day) if r.instrument == res.key]
            assert len(in_force) <= 1

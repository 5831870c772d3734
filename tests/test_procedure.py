"""Decision 11's procedural rules: data on the revisions, checks in the audit, terms in verdicts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import itu_governance as itu
from itu_governance.testing import (
    FindingScenario,
    assert_allowed,
    assert_cannot_tell,
    assert_finding,
    assert_no_finding,
    load_scenarios,
)

FIXTURE = Path(__file__).parent / "data" / "decision-11"
AFTER_PP22 = dt.date(2023, 6, 30)


@pytest.fixture(scope="module")
def fixture() -> itu.Registry:
    return itu.load(FIXTURE)


@pytest.fixture(scope="module")
def registry() -> itu.Registry:
    return itu.load()


class TestTheRulesAreData:
    def test_each_revision_states_its_own_rules(self, registry: itu.Registry) -> None:
        decision = registry.resolution("pp/dec/11")
        stated = {r.key: [(p.rule.value, p.clause) for p in r.procedures] for r in decision.revisions}
        assert stated == {
            "pp/dec/11@2010": [("mandate-by", None)],
            "pp/dec/11@2018": [
                ("created-by", "decides 1"),
                ("mandate-by", "decides 3"),
                ("term-limit", "decides 8"),
                ("partial-term", "decides 9"),
                ("four-year-report", "decides 13"),
            ],
            "pp/dec/11@2022": [("term-limit", None)],
        }

    def test_a_rule_applies_while_its_revision_is_in_force(self, registry: itu.Registry) -> None:
        from itu_governance import _procedure  # noqa: PLC0415 (the private engine under test)

        kind, cwg = itu.ProcedureKind.TERM_LIMIT, itu.BodyType.COUNCIL_WORKING_GROUP
        assert _procedure.in_force(registry, kind, cwg, dt.date(2018, 11, 15)) == []
        assert [r.basis for r in _procedure.in_force(registry, kind, cwg, dt.date(2018, 11, 16))] == [
            "pp/dec/11@2018, decides 8"
        ]
        assert [r.basis for r in _procedure.in_force(registry, kind, cwg, dt.date(2022, 10, 14))] == ["pp/dec/11@2022"]
        assert _procedure.in_force(registry, kind, itu.BodyType.EXPERT_GROUP, dt.date(2020, 1, 1)) == []

    def test_issuers_are_required_exactly_where_the_rule_needs_them(self) -> None:
        source = itu.Source(ref="https://www.itu.int/pub/S-CONF-ACTF-2018")
        with pytest.raises(ValueError, match="issuers"):
            itu.ProcedureRule(rule="created-by", text="t", sources=[source])
        with pytest.raises(ValueError, match="issuers"):
            itu.ProcedureRule(rule="term-limit", issuers=["pp"], text="t", sources=[source])


class TestPinned:
    """The three findings the issue pins, each citing its clause."""

    def test_a_term_spanning_two_conferences_is_an_error(self, fixture: itu.Registry) -> None:
        finding = assert_finding(fixture, "term-limit", "body/cwg-example", severity="error", on=AFTER_PP22)
        assert finding.basis == ("pp/dec/11@2018, decides 8",)
        assert "Cleo Example" in finding.message
        assert "spans PP-14 and PP-18" in finding.message
        assert "decides 8" in finding.message

    def test_a_missing_four_year_report_is_a_warning(self, fixture: itu.Registry) -> None:
        finding = assert_finding(fixture, "four-year-report", "body/cwg-stray", severity="warning", on=AFTER_PP22)
        assert finding.basis == ("pp/dec/11@2018, decides 13",)
        assert "PP-22" in finding.message
        assert "C22" in finding.message
        assert "decides 13" in finding.message

    def test_a_group_created_by_neither_pp_nor_council_is_an_error(self, fixture: itu.Registry) -> None:
        finding = assert_finding(fixture, "created-by", "body/cwg-stray", severity="error", on=AFTER_PP22)
        assert finding.basis == ("pp/dec/11@2018, decides 1", "wtsa/res/9002@2016")
        assert "decides 1" in finding.message


class TestTheAuditOnTheFixture:
    def test_every_record_keeps_or_breaks_what_its_comment_says(self, fixture: itu.Registry) -> None:
        found = sorted((f.code, f.severity.value, f.subject) for f in fixture.audit(on=AFTER_PP22))
        assert found == [
            ("created-by", "error", "body/cwg-stray"),
            ("four-year-report", "warning", "body/cwg-stray"),
            ("term-limit", "cannot-tell", "body/cwg-example"),
            ("term-limit", "error", "body/cwg-example"),
            ("term-limit", "warning", "body/cwg-example"),
        ]

    def test_a_term_without_an_end_is_cannot_tell_not_fine(self, fixture: itu.Registry) -> None:
        finding = assert_cannot_tell(fixture, "term-limit", "body/cwg-example", on=AFTER_PP22)
        assert "Eve Example" in finding.message
        assert "has no end in the data" in finding.message
        assert "would settle it" in finding.message

    def test_before_the_2018_revision_nothing_bounds_the_term(self, fixture: itu.Registry) -> None:
        assert_no_finding(fixture, "term-limit", on=dt.date(2018, 11, 15))
        assert_finding(fixture, "term-limit", severity="warning", on=dt.date(2018, 11, 16))

    def test_a_chairman_from_outside_the_vice_chairmen_is_a_warning(self, fixture: itu.Registry) -> None:
        group = _group(fixture, "CWG-Example")
        outsider = [attrs.evolve(o, name="Zoe Example") if o.partial else o for o in group.officers]
        changed = _rebuild(fixture, attrs.evolve(group, officers=outsider))
        finding = assert_finding(changed, "partial-term", "body/cwg-example", severity="warning", on=AFTER_PP22)
        assert "decides 9" in finding.message
        assert finding.basis == ("pp/dec/11@2018, decides 9",)

    def test_a_mandate_on_a_wtsa_resolution_breaks_decides_3(self, fixture: itu.Registry) -> None:
        group = _group(fixture, "CWG-Stray")
        rule = itu.ParticipationRule(basis="wtsa/res/9002@2016", actions=["attend-meeting"], open_to=["member-state"])
        changed = _rebuild(fixture, attrs.evolve(group, participation=[rule]))
        found = [f.basis for f in changed.audit(on=AFTER_PP22) if f.code == "mandate-by"]
        assert found == [  # the rule of 2010 (its clause not seen), then decides 3 of 2018
            ("pp/dec/11@2010", "wtsa/res/9002@2016"),
            ("pp/dec/11@2018, decides 3", "wtsa/res/9002@2016"),
        ]

    def test_a_group_not_seen_at_work_since_the_last_conference_may_have_ended(self, fixture: itu.Registry) -> None:
        records = [fixture.get(key) for key in fixture if key != "meeting/cwg-stray/1"]
        without = itu.build(records, fixture.dataset)
        finding = assert_cannot_tell(without, "four-year-report", "body/cwg-stray", on=AFTER_PP22)
        assert "nothing in it shows the group at work after PP-18 opened" in finding.message
        assert "its latest trace is of 2016-" in finding.message
        assert "its ending or its report would settle it" in finding.message
        assert finding.basis == ("pp/dec/11@2018, decides 13",)

    def test_a_report_considered_by_another_session_is_a_warning(self, fixture: itu.Registry) -> None:
        group = _group(fixture, "CWG-Example")
        reports = [attrs.evolve(r, considered_by="conf/c20") for r in group.four_year_reports]
        changed = _rebuild(fixture, attrs.evolve(group, four_year_reports=reports))
        finding = assert_finding(changed, "four-year-report", "body/cwg-example", severity="warning", on=AFTER_PP22)
        assert "conf/c20" in finding.message


class TestTheLoaderChecksTheNewFields:
    def test_an_officer_is_appointed_by_a_council_session(self, fixture: itu.Registry) -> None:
        group = _group(fixture, "CWG-Example")
        officers = [attrs.evolve(o, appointed_by="conf/pp-18") if o.appointed_by else o for o in group.officers]
        with pytest.raises(itu.DataError, match="a council conference or session"):
            _rebuild(fixture, attrs.evolve(group, officers=officers))

    def test_a_four_year_report_is_for_a_plenipotentiary_conference(self, fixture: itu.Registry) -> None:
        group = _group(fixture, "CWG-Example")
        reports = [attrs.evolve(r, conference="conf/c22") for r in group.four_year_reports]
        with pytest.raises(itu.DataError, match="a pp conference or session"):
            _rebuild(fixture, attrs.evolve(group, four_year_reports=reports))


def _group(registry: itu.Registry, name: str) -> itu.WorkingGroup:
    group = registry.body(name)
    assert isinstance(group, itu.WorkingGroup)
    return group


def _rebuild(registry: itu.Registry, *replacements: object) -> itu.Registry:
    """The registry's records with some replaced (same keys), checked again by the loader."""
    by_key = {getattr(r, "key", None): r for r in replacements}
    records = [by_key.get(key, registry.get(key)) for key in registry]
    return itu.build(records, registry.dataset)


class TestTheBundledData:
    def test_the_audit_has_no_errors(self, registry: itu.Registry) -> None:
        assert [str(f) for f in registry.audit() if f.severity is itu.Severity.ERROR] == []

    def test_the_reported_group_is_in_order_and_the_others_are_warned(self, registry: itu.Registry) -> None:
        warned = {f.subject for f in registry.audit() if f.code == "four-year-report"}
        assert "body/cwg-internet" not in warned
        assert "body/cwg-wsis-sdg" in warned
        assert not warned & {"body/eg-itrs", "body/dedicated-group-internet"}  # not CWGs

    def test_a_group_last_seen_long_before_is_not_warned_but_cannot_tell(self, registry: itu.Registry) -> None:
        finding = assert_cannot_tell(registry, "four-year-report", "body/group-strategic-plan-2003-2007")
        assert "after PP-18 opened" in finding.message

    def test_a_group_with_no_establishing_instrument_is_cannot_tell(self, registry: itu.Registry) -> None:
        finding = assert_cannot_tell(registry, "created-by", "body/cwg-hqp")
        assert finding.basis == ("pp/dec/11@2018, decides 1",)

    def test_minkins_2006_succession_predates_decides_9(self, registry: itu.Registry) -> None:
        minkin = next(o for o in _group(registry, "body/cwg-wsis-sdg").officers if o.partial)
        assert minkin.replaces == "Yuri G. Grin"
        assert_no_finding(registry, "partial-term", "body/cwg-wsis-sdg")


class TestVerdicts:
    def test_chair_verdicts_cite_the_term_limit_from_pp18(self, registry: itu.Registry) -> None:
        before = assert_allowed(registry, "member-state:SAU", "chair", "CWG-Internet", on=dt.date(2018, 6, 1))
        after = assert_allowed(registry, "member-state:SAU", "chair", "CWG-Internet", on=dt.date(2021, 1, 27))
        assert [b.revision for b in before.basis] == ["council/res/1336@2015"]
        term = next(b for b in after.basis if b.revision == "pp/dec/11@2018")
        assert term.clause == "decides 8"
        assert after.conditions == ("for a term ending no later than PP-22 (2022-09-26)",)

    def test_why_changed_names_the_revision_of_decision_11(self, registry: itu.Registry) -> None:
        change = registry.why_changed(
            "member-state:SAU", "chair", "CWG-Internet", dt.date(2016, 1, 1), dt.date(2019, 1, 1)
        )
        assert change is not None
        assert (change.revision, change.date) == ("pp/dec/11@2018", dt.date(2018, 11, 16))
        later = registry.why_changed(
            "member-state:SAU", "chair", "CWG-Internet", dt.date(2021, 1, 1), dt.date(2023, 1, 1)
        )
        assert later is not None
        assert later.revision == "pp/dec/11@2022"

    def test_a_partial_term_is_not_taken_into_account(self, fixture: itu.Registry) -> None:
        verdict = assert_allowed(fixture, "member-state:RWA:Ben Example", "chair", "CWG-Example", on=AFTER_PP22)
        partial = next(b for b in verdict.basis if b.clause == "decides 9")
        assert partial.condition == "Ben Example's partial term as chairman from 2020-11 is not taken into account"
        other = assert_allowed(fixture, "member-state:ARG:Ana Example", "chair", "CWG-Example", on=AFTER_PP22)
        assert all(b.clause != "decides 9" for b in other.basis)

    def test_a_named_member_state_actor_round_trips(self) -> None:
        actor = itu.Actor.parse("member-state:RWA:Ben Example")
        assert (actor.country, actor.name, str(actor)) == ("RWA", "Ben Example", "member-state:RWA:Ben Example")


class TestScenarioFiles:
    def test_a_finding_scenario_that_does_not_hold_names_file_and_line(self, tmp_path: Path) -> None:
        path = tmp_path / "scenarios_wrong.yaml"
        path.write_text(
            f"data: {FIXTURE}\nscenarios:\n  - name: wrong\n"
            "    finding: {code: created-by, subject: body/cwg-example}\n"
            '    date: "2023-06-30"\n    expected: reported\n',
            encoding="utf-8",
        )
        [case] = load_scenarios(path)
        assert isinstance(case, FindingScenario)
        with pytest.raises(AssertionError, match=r"scenarios_wrong.yaml:3: wrong: expected a finding created-by"):
            case.run(itu.load(FIXTURE))

    def test_a_missing_dataset_folder_is_located(self, tmp_path: Path) -> None:
        path = tmp_path / "scenarios_nodata.yaml"
        path.write_text(
            "data: nowhere\nscenarios:\n  - name: x\n    finding: {code: term-limit}\n"
            '    date: "2023-06-30"\n    expected: reported\n',
            encoding="utf-8",
        )
        with pytest.raises(itu.DataError) as info:
            load_scenarios(path)
        assert info.value.line == 1
        assert "dataset folder" in str(info.value)

    def test_a_basis_item_must_name_a_revision(self, tmp_path: Path) -> None:
        path = tmp_path / "scenarios_basis.yaml"
        path.write_text(
            "scenarios:\n  - name: x\n    actor: member-state:SAU\n    action: chair\n    body: CWG-Internet\n"
            '    date: "2021-01-27"\n    expected: allowed\n    basis: ["decides 8"]\n',
            encoding="utf-8",
        )
        with pytest.raises(itu.DataError, match="a revision key, optionally with a clause"):
            load_scenarios(path)

"""Every statement of the seed document, asserted against the bundled dataset.

The seed is the Chinese version of the CWG-Internet Chair's report on the group's 15th meeting
(27-28 January 2021). Each test names the statement it checks.
"""

from __future__ import annotations

import datetime as dt

import itu_governance as itu
from itu_governance.graph import State

MEETING_DAY = dt.date(2021, 1, 27)


class TestInstrumentsCited:
    def test_pp_resolutions_102_and_140_rev_dubai_2018(self, registry: itu.Registry) -> None:
        """Resolutions 102 and 140 (Rev. Dubai, 2018) of PP-18."""
        for number in (102, 140):
            rev = registry.revision(f"Resolution {number} (Rev. Dubai, 2018)")
            assert rev.key == f"pp/res/{number}@2018"
            assert registry.conference(rev.adopted_by).short_name == "PP-18"
            assert rev.place == "Dubai"

    def test_council_resolutions_1305_and_1336_rev_2019(self, registry: itu.Registry) -> None:
        """Council Resolutions 1305 (Rev. 2019) and 1336 (Rev. 2019)."""
        for number in (1305, 1336):
            rev = registry.revision(f"Council Resolution {number} (Rev. 2019)")
            assert rev.key == f"council/res/{number}@2019"
            assert rev.adopted_by == "conf/c19"

    def test_1344_abrogated_and_folded_into_1336(self, registry: itu.Registry) -> None:
        """The 2019 Council folded 1344's content into 1336 and abrogated 1344."""
        res = registry.resolution("Council Resolution 1344")
        assert res.end is not None
        assert res.end.how is itu.EndHow.ABROGATED
        assert res.end.by == "conf/c19"
        assert res.end.absorbed_into == "council/res/1336@2019"
        assert [(r.year, r.adopted_by) for r in res.revisions] == [
            (2012, "conf/c12"),
            (2015, "conf/c15"),
        ]


class TestLineage:
    def test_102_instructed_the_council_to_revise_1344(self, registry: itu.Registry) -> None:
        """PP Resolution 102 (Rev. Dubai, 2018) instructed the Council to revise Resolution 1344."""
        rev = registry.revision("Resolution 102 (Rev. Dubai, 2018)")
        assert any(r.relation is itu.RelationType.INSTRUCTS and r.target == "council/res/1344" for r in rev.relations)

    def test_related_102_1344_1336(self, registry: itu.Registry) -> None:
        assert registry.related("pp/res/102@2018", "council/res/1336@2019") == [
            ("pp/res/102@2018", "instructs", "council/res/1344"),
            ("council/res/1336@2019", "absorbs", "council/res/1344"),
        ]

    def test_on_the_meeting_day_1336_carries_1344(self, registry: itu.Registry) -> None:
        status = registry.status("Council Resolution 1344", on=MEETING_DAY)
        assert status.state is State.ABSORBED
        assert status.successor == "council/res/1336@2019"
        current = registry.current("Council Resolution 1344", on=MEETING_DAY)
        assert current is not None
        assert current.key == "council/res/1336@2019"
        in_force = {r.key for r in registry.in_force(on=MEETING_DAY)}
        assert "council/res/1336@2019" in in_force
        assert not any(k.startswith("council/res/1344") for k in in_force)


class TestBody:
    def test_cwg_internet_established_by_1336(self, registry: itu.Registry) -> None:
        """CWG-Internet was established by Council Resolution 1336 per PP Resolutions 102 and 140."""
        body = registry.body("CWG-Internet")
        assert isinstance(body, itu.WorkingGroup)
        assert body.established_by is not None
        assert body.established_by.startswith("council/res/1336@")
        establishing = registry.revision(body.established_by)
        cited = {_instrument(r.target) for r in establishing.relations if r.relation is itu.RelationType.CITES}
        assert {"pp/res/102", "pp/res/140"} <= cited

    def test_member_states_only_with_open_consultations(self, registry: itu.Registry) -> None:
        """Participation: Member States only; open consultation with all stakeholders."""
        body = registry.body("CWG-Internet")
        assert isinstance(body, itu.WorkingGroup)
        meetings = [r for r in body.participation if itu.Action.ATTEND_MEETING in r.actions]
        consult = [r for r in body.participation if itu.Action.RESPOND_TO_CONSULTATION in r.actions]
        assert meetings
        assert all(r.open_to == {itu.Audience.MEMBER_STATE} for r in meetings)
        assert consult
        assert all(itu.Audience.ALL_STAKEHOLDERS in r.open_to for r in consult)

    def test_mandate_per_1336_rev_2019(self, registry: itu.Registry) -> None:
        """The terms of reference, stated by 1336 (Rev. 2019), include Resolution 1305's issues."""
        body = registry.body("CWG-Internet")
        assert isinstance(body, itu.WorkingGroup)
        clauses = [c for c in body.mandate if c.basis == "council/res/1336@2019"]
        assert clauses
        assert any("1305" in c.text for c in clauses)
        assert any("consultation" in c.text for c in clauses)

    def test_chair(self, registry: itu.Registry) -> None:
        body = registry.body("CWG-Internet")
        assert isinstance(body, itu.WorkingGroup)
        chairs = [o for o in body.officers if o.role is itu.OfficerRole.CHAIR]
        assert any(o.name == "Majed M. Al-Mazyed" and o.country == "SAU" for o in chairs)


class TestMeeting:
    def test_fifteenth_meeting(self, registry: itu.Registry) -> None:
        """15th meeting, 27-28 January 2021, virtual; report approved and distributed; Council to take note."""
        meeting = registry.meeting("meeting/cwg-internet/15")
        assert (str(meeting.start), str(meeting.end)) == ("2021-01-27", "2021-01-28")
        assert meeting.mode is itu.MeetingMode.VIRTUAL
        assert meeting.report is not None
        assert meeting.report.approved_by_group is True
        assert meeting.report.actions_requested == ("take-note",)
        assert len(meeting.report.actions_approved) == 3
        assert meeting in registry.meetings("CWG-Internet")


class TestConsultations:
    def test_2020_consultation_as_published(self, registry: itu.Registry) -> None:
        """'Expanding Internet connectivity', Feb-Dec 2020, 23 responses (1+4+10+5 = 20 by category)."""
        consultation = registry.consultation("consultation/cwg-internet/2020-internet-connectivity")
        assert consultation.topic == "Expanding Internet connectivity"
        assert consultation.online is not None
        assert (str(consultation.online.start), str(consultation.online.end)) == (
            "2020-02",
            "2020-12",
        )
        assert consultation.responses is not None
        assert consultation.responses.total == 23
        assert consultation.responses.categorised == 20
        meeting = consultation.physical_meeting
        assert meeting is not None
        assert (meeting.ordinal, str(meeting.date), meeting.mode) == (
            8,
            "2021-01-25",
            itu.MeetingMode.VIRTUAL,
        )
        assert (meeting.registered, meeting.active) == (
            itu.Count(value=170, more_than=True),
            itu.Count(value=70, more_than=True),
        )

    def test_2021_consultation(self, registry: itu.Registry) -> None:
        consultation = registry.consultation("consultation/cwg-internet/2021-covid-19")
        assert "COVID-19" in consultation.topic
        assert consultation.online is not None
        assert (str(consultation.online.start), str(consultation.online.end)) == (
            "2021-02",
            "2021-08",
        )
        keys = [c.key for c in registry.consultations("CWG-Internet")]
        assert keys.index("consultation/cwg-internet/2021-covid-19") == (
            keys.index("consultation/cwg-internet/2020-internet-connectivity") + 1
        )


def _instrument(key: str) -> str:
    return key.partition("@")[0]

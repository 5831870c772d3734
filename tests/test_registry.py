"""Registry lookups as the core issue names them: keys, names, aliases and citations."""

from __future__ import annotations

import pytest

import itu_governance as itu


class TestConferenceLookup:
    @pytest.mark.parametrize(
        ("ref", "key"),
        [
            ("PP-18", "conf/pp-18"),
            ("Dubai 2018", "conf/pp-18"),
            ("pp-18", "conf/pp-18"),
            ("C19", "conf/c19"),
            ("conf/c19", "conf/c19"),
        ],
    )
    def test_by_short_name_alias_or_key(self, registry: itu.Registry, ref: str, key: str) -> None:
        assert registry.conference(ref).key == key

    def test_revisions_adopted_at_a_conference(self, registry: itu.Registry) -> None:
        keys = [r.key for r in registry.revisions(adopted_by="PP-18")]
        assert {"pp/res/102@2018", "pp/res/140@2018"} <= set(keys)
        assert all(k.endswith("@2018") for k in keys)


class TestNotFound:
    def test_suggests_the_closest_keys(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound) as info:
            registry.body("CWG-Internett")
        assert "body/cwg-internet" in info.value.suggestions or "cwg internet" in info.value.suggestions

    def test_a_whole_instrument_is_not_one_revision(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound, match="names a whole instrument") as info:
            registry.revision("Council Resolution 1344")
        assert info.value.suggestions == ("council/res/1344@2012", "council/res/1344@2015")

    def test_kind_is_checked(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound):
            registry.body("PP-18")


class TestIteration:
    def test_resolutions_of_one_issuer_and_type(self, registry: itu.Registry) -> None:
        council = registry.resolutions("council", "resolution")
        assert {r.key for r in council} >= {"council/res/1305", "council/res/1336", "council/res/1344"}
        assert all(r.issuer is itu.Issuer.COUNCIL and r.type is itu.InstrumentType.RESOLUTION for r in council)

    def test_meetings_in_date_order(self, registry: itu.Registry) -> None:
        meetings = registry.meetings("CWG-Internet")
        assert [m.start.earliest for m in meetings] == sorted(m.start.earliest for m in meetings)

    def test_the_registry_cannot_be_changed(self, registry: itu.Registry) -> None:
        with pytest.raises(AttributeError):
            registry._records = {}
        with pytest.raises(TypeError):
            registry.timelines["x"] = None  # type: ignore[index]

    def test_council_lists_its_sessions_in_order(self, registry: itu.Registry) -> None:
        council = registry.body("body/council")
        assert isinstance(council, itu.Council)
        starts = [s.start.earliest for s in council.sessions if s.start is not None]
        assert starts == sorted(starts)
        assert "conf/c19" in {s.key for s in council.sessions}

"""Resolving citations and linting documents as of their date, in any of the six languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import itu_governance as itu

SEED = Path(__file__).parent / "data" / "seed" / "000_a6dbeb7050188570.txt"  # the document the project started from
SEED_DAY = dt.date(2021, 1, 28)


class TestResolve:
    def test_named_revision_in_force(self, registry: itu.Registry) -> None:
        found = registry.resolve("Resolution 102 (Rev. Dubai, 2018)", on=dt.date(2021, 1, 27))
        assert found.revision is not None
        assert found.revision.key == "pp/res/102@2018"
        assert found.ok

    def test_stale_citation(self, registry: itu.Registry) -> None:
        """A 2021 document citing the 2014 text of Resolution 102 cites a superseded revision."""
        found = registry.resolve("Resolution 102 (Rev. Busan, 2014)", on=dt.date(2021, 1, 27))
        assert [f.code for f in found.findings] == ["stale"]
        assert found.findings[0].basis == ("pp/res/102@2018",)

    def test_abrogated_instrument_names_its_successor(self, registry: itu.Registry) -> None:
        found = registry.resolve("Council Resolution 1344 (Mod. 2015)", on=dt.date(2021, 1, 27))
        assert [f.code for f in found.findings] == ["absorbed"]
        assert "abrogated by conf/c19 on 2019-06-20" in found.findings[0].message
        assert found.current is not None
        assert found.current.key == "council/res/1336@2019"

    def test_unknown_instrument(self, registry: itu.Registry) -> None:
        found = registry.resolve("Council Resolution 1999")
        assert found.instrument is None
        assert [f.code for f in found.findings] == ["unknown-instrument"]

    def test_unknown_revision(self, registry: itu.Registry) -> None:
        found = registry.resolve("Council Resolution 1344 (Rev. 2013)", on=dt.date(2014, 1, 1))
        assert [(f.severity, f.code) for f in found.findings] == [(itu.Severity.WARNING, "unknown-revision")]

    def test_citing_a_revision_before_its_adoption(self, registry: itu.Registry) -> None:
        found = registry.resolve("Resolution 102 (Rev. Dubai, 2018)", on=dt.date(2016, 1, 1))
        assert [f.code for f in found.findings] == ["not-yet-adopted"]

    @pytest.mark.parametrize(
        "text",
        [
            "第1344号决议",
            "Council Resolution 1344",
            "Résolution 1344 du Conseil",
            "Резолюция 1344 Совета",
            "القرار 1344 للمجلس",
            "Resolución 1344 del Consejo",
        ],
    )
    def test_every_language_plugs_into_lookups(self, registry: itu.Registry, text: str) -> None:
        """Registry lookups accept citations in any of the six languages."""
        assert registry.resolution(text).key == "council/res/1344"


class TestLintSeed:
    def test_finds_exactly_the_seed_instruments(self, registry: itu.Registry) -> None:
        """The seed cites PP Resolutions 102 and 140 and Council Resolutions 1305, 1336 and 1344."""
        report = registry.lint(SEED.read_text(encoding="utf-8"), on=SEED_DAY)
        assert report.instruments == {
            "pp/res/102",
            "pp/res/140",
            "council/res/1305",
            "council/res/1336",
            "council/res/1344",
        }

    def test_revisions_cited_are_the_2018_and_2019_texts(self, registry: itu.Registry) -> None:
        report = registry.lint(SEED.read_text(encoding="utf-8"), on=SEED_DAY)
        dated = {r.revision.key for r in report.resolved if r.citation.year is not None and r.revision is not None}
        assert dated == {"pp/res/102@2018", "pp/res/140@2018", "council/res/1305@2019", "council/res/1336@2019"}

    def test_typo_is_resolved_and_noted(self, registry: itu.Registry) -> None:
        """ "（2019年，修版）" is read as "修订版" and still resolves to 1336 as revised in 2019."""
        report = registry.lint(SEED.read_text(encoding="utf-8"), on=SEED_DAY)
        typo = [r for r in report.resolved if r.citation.irregular]
        assert len(typo) == 1
        assert typo[0].revision is not None
        assert typo[0].revision.key == "council/res/1336@2019"
        # and, as the 2020 Council met after the 2019 revision, the answer says it may be out of date
        assert [f.code for f in typo[0].findings] == ["irregular-form", "uncertain"]
        assert typo[0].findings[1].basis == ("conf/c20",)

    def test_1344_reported_as_abrogated_into_1336(self, registry: itu.Registry) -> None:
        report = registry.lint(SEED.read_text(encoding="utf-8"), on=SEED_DAY)
        warnings = [f for f in report.findings if f.severity is itu.Severity.WARNING]
        assert warnings
        assert {f.code for f in warnings} == {"absorbed"}
        assert all(
            "abrogated by conf/c19 on 2019-06-20; its content is in council/res/1336@2019" in f.message
            for f in warnings
        )
        text = SEED.read_text(encoding="utf-8")
        assert all(f.span is not None and text[f.span[0] : f.span[1]] == "第1344号决议" for f in warnings)

"""The conference gazetteer: every session that adopts ITU instruments, its aliases and its city's names."""

from __future__ import annotations

import importlib.resources
from typing import Any

import pytest
import yaml

import itu_governance as itu
from itu_governance.models import Issuer

LANGS = {"en", "fr", "es", "ru", "zh", "ar"}
PP_YEARS = (1947, 1952, 1959, 1965, 1973, 1982, 1989, 1992, 1994, 1998, 2002, 2006, 2010, 2014, 2018, 2022, 2026)


@pytest.fixture(scope="module")
def places() -> dict[str, dict[str, Any]]:
    text = (importlib.resources.files("itu_governance") / "citation_forms" / "places.yaml").read_text("utf-8")
    table: dict[str, dict[str, Any]] = yaml.safe_load(text)["places"]
    return table


def _finds(registry: itu.Registry, name: str, key: str) -> bool:
    """Whether ``name`` finds the record ``key``, alone or among the records that share the name."""
    try:
        return registry.conference(name).key == key
    except itu.NotFound as error:
        return key in error.suggestions


class TestAliases:
    def test_an_alias_with_a_comma_is_one_name(self, registry: itu.Registry) -> None:
        assert registry.conference("Plenipotentiary Conference (Dubai, 2018)").key == "conf/pp-18"
        assert registry.conference("Dubai, 2018").key == "conf/pp-18"
        with pytest.raises(itu.NotFound):
            registry.conference("2018)")

    def test_every_alias_has_balanced_brackets(self, registry: itu.Registry) -> None:
        broken = [
            (c.key, alias)
            for c in registry.conferences()
            for alias in c.aliases
            if alias.count("(") != alias.count(")") or alias.count("[") != alias.count("]")
        ]
        assert broken == []

    def test_every_alias_finds_its_record_or_names_it_among_the_candidates(self, registry: itu.Registry) -> None:
        lost = [
            (c.key, alias) for c in registry.conferences() for alias in c.aliases if not _finds(registry, alias, c.key)
        ]
        assert lost == []

    def test_dubai_2012_is_both_wtsa_12_and_wcit_12(self, registry: itu.Registry) -> None:
        with pytest.raises(itu.NotFound) as info:
            registry.conference("Dubai, 2012")
        assert {"conf/wtsa-12", "conf/wcit-12"} <= set(info.value.suggestions)

    @pytest.mark.parametrize(
        ("ref", "key"),
        [
            ("C-1985", "conf/c85"),
            ("C-1997", "conf/c97"),
            ("C01", "conf/c01"),
            ("C19", "conf/c19"),
            ("WRC-15", "conf/wrc-15"),
            ("CMR-15", "conf/wrc-15"),
            ("ВКР-19", "conf/wrc-19"),
            ("WRC-2000", "conf/wrc-2000"),
            ("RA-15", "conf/ra-15"),
            ("WTSC-93", "conf/wtsc-93"),
            ("Florianópolis, 2004", "conf/wtsa-04"),
            ("Buenos Aires, 2017", "conf/wtdc-17"),
            ("Hammamet, 2016", "conf/wtsa-16"),
            ("Guadalajara, 2010", "conf/pp-10"),
            ("ПК-18", "conf/pp-18"),
            ("理事会2011年会议", "conf/c11"),
        ],
    )
    def test_designations_that_citations_use(self, registry: itu.Registry, ref: str, key: str) -> None:
        assert registry.conference(ref).key == key


class TestCoverage:
    def test_every_plenipotentiary_conference_since_1947(self, registry: itu.Registry) -> None:
        years = sorted(c.year for c in registry.conferences(Issuer.PP) if c.year)
        assert years == list(PP_YEARS)

    def test_the_additional_conference_is_extraordinary(self, registry: itu.Registry) -> None:
        assert [c.key for c in registry.conferences(Issuer.PP) if c.extraordinary] == ["conf/app-92"]

    @pytest.mark.parametrize("issuer", [Issuer.WTSA, Issuer.WTDC, Issuer.RA, Issuer.WRC])
    def test_sector_sessions_start_in_1993_or_1994(self, registry: itu.Registry, issuer: Issuer) -> None:
        years = [c.year for c in registry.conferences(issuer)]
        assert None not in years
        assert min(y for y in years if y) in {1992, 1993, 1994}

    def test_wattc_88_adopts_as_its_own_issuer(self, registry: itu.Registry) -> None:
        wattc = registry.conference("WATTC-88")
        assert (wattc.type, wattc.city, wattc.country) == (Issuer.WATTC, "Melbourne", "AUS")


class TestPlaces:
    def test_every_conference_city_has_an_entry(self, registry: itu.Registry, places: dict[str, Any]) -> None:
        cities = {c.city for c in registry.conferences() if c.city}
        assert cities - set(places) == set()
        assert set(places) - cities == set()

    def test_the_english_key_is_the_first_english_form(self, places: dict[str, Any]) -> None:
        assert [city for city, entry in places.items() if entry["en"][0] != city] == []

    def test_forms_are_by_language_and_sourced(self, places: dict[str, Any]) -> None:
        for city, entry in places.items():
            assert set(entry) - {"sources"} <= LANGS, city
            assert all(isinstance(f, str) and f.strip() == f and f for lang in LANGS & set(entry) for f in entry[lang])
            assert entry["sources"], city
            assert all(str(s["ref"]).startswith("http") and s.get("note") for s in entry["sources"]), city

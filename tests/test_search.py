"""registry.search and the search command: titles, names and topics in the six languages."""

from __future__ import annotations

import json

import pytest

import itu_governance as itu
from itu_governance.cli import main


class TestSearch:
    def test_a_consultation_by_an_expanded_abbreviation(self, registry: itu.Registry) -> None:
        [hit] = registry.search("Internet exchange points", kind="consultation", limit=1)
        assert (hit.key, hit.kind, hit.field, hit.lang) == (
            "consultation/cwg-internet/2015-ixps",
            "consultation",
            "topic",
            "en",
        )
        assert hit.score == 1.0

    def test_stems_and_folding(self, registry: itu.Registry) -> None:
        hits = registry.search("CHILD ONLINE PROTECTING")
        assert {"pp/res/179", "body/cwg-cop"} <= {h.key for h in hits[:2]}

    def test_chinese_by_character_pairs(self, registry: itu.Registry) -> None:
        hit = registry.search("互联网连接", lang="zh")[0]
        assert (hit.key, hit.lang, hit.text) == (
            "consultation/cwg-internet/2020-internet-connectivity",
            "zh",
            "扩大互联网连接",
        )

    def test_lang_keeps_fields_of_that_language(self, registry: itu.Registry) -> None:
        assert all(h.lang in {"zh", None} for h in registry.search("互联网", lang="zh", limit=None))
        assert registry.search("Internet connectivity", lang="zh", kind="consultation") == []

    def test_a_short_name_as_written(self, registry: itu.Registry) -> None:
        hit = registry.search("CWG-Internet")[0]
        assert (hit.key, hit.field, hit.score) == ("body/cwg-internet", "short_name", 1.0)

    def test_a_revision_title_names_its_revision(self, registry: itu.Registry) -> None:
        hit = registry.search("Promoting deployment and adoption of IPv6", kind="instrument")[0]
        assert (hit.key, hit.revision) == ("pp/res/180", "pp/res/180@2018")

    def test_one_hit_per_record_best_first(self, registry: itu.Registry) -> None:
        hits = registry.search("Internet", limit=None)
        assert len({h.key for h in hits}) == len(hits)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert len(registry.search("Internet", limit=3)) == 3

    def test_a_conference_by_its_alias(self, registry: itu.Registry) -> None:
        assert registry.search("Dubai 2018", kind="conference")[0].key == "conf/pp-18"

    def test_unrelated_words_find_nothing(self, registry: itu.Registry) -> None:
        assert registry.search("banana exports") == []

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"text": "  "}, "the query is blank"),
            ({"text": "x", "lang": "de"}, "lang must be one of ar, en, es, fr, ru, zh"),
            ({"text": "x", "kind": "person"}, "kind must be one of"),
            ({"text": "x", "limit": -1}, "limit must be 0 or more"),
        ],
    )
    def test_bad_arguments(self, registry: itu.Registry, kwargs: dict[str, object], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            registry.search(**kwargs)  # type: ignore[arg-type]

    def test_the_hit_prints_its_score_key_and_field(self, registry: itu.Registry) -> None:
        text = str(registry.search("ITU IPv6 Group", kind="body")[0])
        assert text.startswith("1.00 body/ipv6-group ")


class TestCommand:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["search", "child online protection", "--limit", "2"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 2
        assert any("pp/res/179" in line for line in lines)

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert (
            main(["search", "扩大互联网连接", "--json", "--lang", "zh", "--kind", "consultation", "--limit", "1"]) == 0
        )
        [hit] = json.loads(capsys.readouterr().out)
        assert hit["key"] == "consultation/cwg-internet/2020-internet-connectivity"
        assert hit["lang"] == "zh"
        assert set(hit) == {"key", "kind", "field", "lang", "text", "score", "words", "revision"}

    def test_nothing_found(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["search", "banana exports"]) == 0
        assert "nothing found" in capsys.readouterr().out

    def test_a_bad_limit_is_an_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["search", "x", "--limit", "-2"]) == 2
        assert "limit must be 0 or more" in capsys.readouterr().err

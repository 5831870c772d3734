"""within_mandate matches on meaning: the evaluation set that justifies its threshold, and the table behind it.

Positives are real topics CWG-Internet took up or was given: the topics of its open
consultations (``data/consultations``), the twelve issues of Council Resolution 1305, Annex 1
(``data/instruments/council-res-1305.yaml``), the titles of the resolutions on which the
secretariat reports to the group (Resolutions 101, 102, 133 and 180: "Secretariat report on ITU
Internet Activities: Resolutions 101, 102, 133, and 180", Document WG-Internet 10/9, report of
the tenth meeting, 2017) and the two topics the issue names ("cybersecurity", "IPv6").
Negatives are unrelated topics: titles of ITU instruments on other matters (accounts,
premises, aviation, telex, satellite filings...) as the dataset gives them, and the issue's
"public policy on banana exports".
"""

from __future__ import annotations

import datetime as dt

import pytest

import itu_governance as itu
from itu_governance import _mandate, _words

DAY = dt.date(2021, 1, 27)  # the mandate as Resolution 1336 (Rev. 2019) states it

# The precision and recall docs/rules.md states for the chosen threshold.
PRECISION = 0.93
RECALL = 0.9

NEGATIVE_INSTRUMENTS = [
    "pp/res/41",  # Arrears and special arrears accounts
    "pp/res/48",  # Human resources management and development
    "pp/res/71",  # Strategic plan for the Union for 2020-2023
    "pp/res/89",  # Coping with the decreased use of international telex service
    "pp/res/94",  # Auditing of the accounts of the Union
    "pp/res/165",  # Deadlines for the submission of proposals ...
    "pp/res/166",  # Number of vice-chairmen of Sector advisory groups ...
    "pp/res/176",  # ... human exposure to electromagnetic fields
    "pp/res/185",  # Global flight tracking for civil aviation
    "pp/res/186",  # ... confidence-building measures in outer space activities
    "pp/res/188",  # Combating counterfeit telecommunication/ICT devices
    "pp/res/189",  # Assisting Member States to combat and deter mobile device theft
    "pp/res/194",  # Options for the Union's headquarters premises over the long term
    "pp/res/210",  # ... registration system for space assets under the space protocol
    "pp/res/213",  # Measures to improve, promote and strengthen ITU fellowships
    "council/dec/482",  # Implementation of cost recovery for satellite network filings
]


def _title(registry: itu.Registry, key: str) -> str:
    instrument = registry.resolution(key)
    titles = [instrument.titles.get("en"), *(r.titles.get("en") for r in reversed(instrument.revisions))]
    return next(t for t in titles if t)


def _positives(registry: itu.Registry) -> list[str]:
    topics = [c.topics["en"] for c in registry.consultations("CWG-Internet")]
    annex = [p.text for p in registry.revision("council/res/1305@2009").provisions]
    titles = [_title(registry, k) for k in ("pp/res/101", "pp/res/102", "pp/res/133", "pp/res/180")]
    return [*topics, *annex, *titles, "cybersecurity", "IPv6"]


def _negatives(registry: itu.Registry) -> list[str]:
    return ["public policy on banana exports", "satellite orbits", *(_title(registry, k) for k in NEGATIVE_INSTRUMENTS)]


def _best(registry: itu.Registry, topic: str) -> float:
    """The best score any clause gets, above or below the threshold."""
    matches = _mandate.scored(registry, "CWG-Internet", topic, on=DAY)
    return matches[0].score if matches else 0.0


@pytest.fixture(scope="module")
def scores(registry: itu.Registry) -> tuple[list[float], list[float]]:
    return [_best(registry, t) for t in _positives(registry)], [_best(registry, t) for t in _negatives(registry)]


def _precision_recall(positives: list[float], negatives: list[float], threshold: float) -> tuple[float, float]:
    tp = sum(s >= threshold for s in positives)
    fp = sum(s >= threshold for s in negatives)
    return (tp / (tp + fp) if tp + fp else 1.0), tp / len(positives)


class TestEvaluation:
    def test_the_set_is_the_data(self, registry: itu.Registry) -> None:
        positives = _positives(registry)
        assert len(positives) == 11 + 12 + 4 + 2
        assert "Challenges and best practices for the design, installation and operation of IXPs" in positives
        assert len(set(_negatives(registry))) == 18

    def test_precision_and_recall_at_the_threshold(self, scores: tuple[list[float], list[float]]) -> None:
        precision, recall = _precision_recall(*scores, _mandate.THRESHOLD)
        print(f"threshold {_mandate.THRESHOLD}: precision {precision:.2f}, recall {recall:.2f}")  # noqa: T201
        assert (round(precision, 2), round(recall, 2)) == (PRECISION, RECALL)

    def test_the_threshold_is_the_best_f1_on_a_grid(self, scores: tuple[list[float], list[float]]) -> None:
        """The threshold is the one of 0.20, 0.25, ... 0.60 with the best F1 (ties: the higher)."""

        def f1(threshold: float) -> float:
            p, r = _precision_recall(*scores, threshold)
            return 2 * p * r / (p + r) if p + r else 0.0

        grid = [round(0.2 + 0.05 * i, 2) for i in range(9)]
        best = max(grid, key=lambda t: (round(f1(t), 6), t))
        assert best == _mandate.THRESHOLD

    def test_every_returned_clause_clears_the_threshold(self, registry: itu.Registry) -> None:
        for topic in _positives(registry):
            for match in registry.within_mandate("CWG-Internet", topic, on=DAY):
                assert _mandate.THRESHOLD <= match.score <= 1.0


class TestTheIssueExamples:
    def test_common_words_alone_do_not_match(self, registry: itu.Registry) -> None:
        assert registry.within_mandate("CWG-Internet", "public policy on banana exports", on=DAY) == []

    def test_ixps_meet_internet_exchange_points(self, registry: itu.Registry) -> None:
        topic = "Challenges and best practices for the design, installation and operation of IXPs"
        best = registry.within_mandate("CWG-Internet", topic, on=DAY)[0]
        assert (best.basis, best.clause) == (
            "pp/res/102@2018",
            "instructs the Director of the Telecommunication Development Bureau 4",
        )
        expanded = registry.within_mandate("CWG-Internet", "Internet exchange points", on=DAY)[0]
        assert expanded.clause == best.clause
        assert expanded.words == ("internet exchange points",)

    def test_ipv6(self, registry: itu.Registry) -> None:
        [match] = registry.within_mandate("CWG-Internet", "IPv6", on=DAY)
        assert match.basis == "pp/res/102@2018"
        assert "IPv6" in match.text

    def test_a_spelling_variant_is_the_same_issue(self, registry: itu.Registry) -> None:
        matches = registry.within_mandate("CWG-Internet", "multilingualization of the Internet", on=DAY)
        assert (matches[0].clause, matches[0].basis) == ("Annex 1 (i)", "council/res/1305@2009")

    def test_stems_meet_across_word_forms(self, registry: itu.Registry) -> None:
        matches = registry.within_mandate("CWG-Internet", "protection of children", on=DAY)
        assert matches[0].clause == "Annex 1 (xii)"

    def test_cybersecurity_reaches_the_security_issue_below_the_threshold(self, registry: itu.Registry) -> None:
        """Known limit: "cybersecurity" meets Annex 1 (iv) only through part of a longer form."""
        best = _mandate.scored(registry, "CWG-Internet", "cybersecurity", on=DAY)[0]
        assert (best.clause, best.words) == ("Annex 1 (iv)", ("cybersecurity",))
        assert 0 < best.score < _mandate.THRESHOLD
        assert registry.within_mandate("CWG-Internet", "cybersecurity", on=DAY) == []

    def test_an_unknown_lang_is_refused(self, registry: itu.Registry) -> None:
        with pytest.raises(ValueError, match="lang must be one of"):
            _mandate.within_mandate(registry, "CWG-Internet", "spam", DAY, lang="de")


class TestTables:
    def test_every_topic_entry_is_sourced_and_has_two_forms(self) -> None:
        table = _words.topics()
        assert len(table) >= 8
        for concept in table:
            assert concept.sources, concept.term
            assert len(concept.forms) >= 2, concept.term

    def test_a_topic_entry_without_a_source_is_refused(self) -> None:
        with pytest.raises(ValueError, match=r"entry 1 \(OTT\): expected at least one source"):
            _words.check_topics([{"forms": {"en": ["OTT", "over-the-top"]}, "sources": [{"ref": "x"}]}])
        with pytest.raises(ValueError, match="entry 1: expected two or more forms"):
            _words.check_topics([{"forms": {"de": ["a", "b"]}, "sources": [{"ref": "x", "note": "y"}]}])

    def test_stop_words_cover_the_six_languages_and_are_words(self) -> None:
        table = _words._stopwords()
        assert set(table) == set(_words.LANGS)
        assert {"on", "no"} <= table["en"]  # quoted in the file, else YAML reads booleans

    def test_a_yaml_boolean_in_the_stop_words_is_refused(self) -> None:
        with pytest.raises(ValueError, match=r"en, item 1: expected a word, found True"):
            _words.check_stopwords({"en": [True]})

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            ("Protecting children", "en", ["protect", "children"]),
            ("la protection des enfants", "fr", ["protect", "enfant"]),
            ("la protección de los niños", "es", ["proteccion", "nin"]),
            ("защита детей", "ru", ["защит", "дет"]),
            ("扩大互联网连接", "zh", ["扩大", "大互", "互联", "联网", "网连", "连接"]),
        ],
    )
    def test_terms_in_the_languages(self, text: str, lang: str, expected: list[str]) -> None:
        assert [t.term for t in _words.terms(text, lang)] == expected

    def test_arabic_is_stemmed_by_its_script(self) -> None:
        terms = [t.term for t in _words.terms("حماية الأطفال")]
        assert len(terms) == 2
        assert all(t and not t.startswith("ال") for t in terms)

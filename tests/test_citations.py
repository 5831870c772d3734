"""Citations: every form has real examples that parse to what they state; formatting round-trips;
extraction never raises, stays linear, identifies body and session, and skips what is not ITU's."""

from __future__ import annotations

import contextlib
import itertools
import re
import threading
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import itu_governance as itu
from itu_governance import strategies as its
from itu_governance.citations import (
    Context,
    _anchor_pattern,
    _extract,
    _forms,
    _gazetteer,
    _languages,
    _parse_at,
    _parse_one,
    _Work,
)

LANGS = _languages()
EXAMPLES = [(lang.value, ex) for lang in LANGS for ex in _forms(lang).examples]
LISTS = [(lang.value, ex) for lang in LANGS for ex in _forms(lang).lists]
FORMS = [
    (lang.value, form.id)
    for lang in LANGS
    for form in (*_forms(lang).heads, *_forms(lang).revisions, *_forms(lang).tails)
]
FIELDS = ("kind", "number", "body", "year", "place", "modifier", "adopted", "ra_revision")


# Forms that no sourced example shows yet. Strict xfail: when an example is added, the test
# passes, xfail_strict fails it, and the entry must be removed from this set.
_NO_EXAMPLE_YET = {
    ("ar", "kinds", "decision"),
    ("ar", "kinds", "recommendation"),
    ("es", "kinds", "recommendation"),
    ("fr", "kinds", "recommendation"),
    ("ru", "kinds", "recommendation"),
}
FORM_CASES = [
    pytest.param(*case, marks=pytest.mark.xfail(reason="no sourced example yet")) if case in _NO_EXAMPLE_YET else case
    for case in (
        (lang.value, field, form)
        for lang in LANGS
        for field in ("kinds", "modifiers")
        for form in _forms(lang).raw.get(field, {})
    )
]


def _expect(means: dict[str, Any]) -> dict[str, Any]:
    return {field: means.get(field) for field in FIELDS}


def _fields(c: itu.Citation) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "number": c.number,
        "body": c.body.value if c.body else None,
        "year": c.year,
        "place": c.place,
        "modifier": c.modifier.value if c.modifier else None,
        "adopted": c.adopted,
        "ra_revision": c.ra_revision,
    }


class TestForms:
    def test_all_six_languages_ship(self) -> None:
        """Every official language has a forms file with examples."""
        assert {lang.value for lang in LANGS} == {"ar", "en", "es", "fr", "ru", "zh"}

    @pytest.mark.parametrize(("lang", "example"), EXAMPLES, ids=[e["text"] for _, e in EXAMPLES])
    def test_example_parses_to_its_meaning(self, lang: str, example: dict[str, Any]) -> None:
        """Each real example is read, in its language, as exactly what it means, session included."""
        citation = itu.parse_citation(example["text"], lang=lang)
        assert _fields(citation) == _expect(example["means"])
        if "session" in example["means"]:
            assert citation.conference == example["means"]["session"]
        assert citation.lang.value == lang
        assert citation.span == (0, len(example["text"].rstrip()))

    @pytest.mark.parametrize(("lang", "example"), EXAMPLES, ids=[e["text"] for _, e in EXAMPLES])
    def test_example_matches_its_forms(self, lang: str, example: dict[str, Any]) -> None:
        """Each example names the forms it uses, and the parser reads it with exactly those."""
        item, _ = _parse_one(example["text"], lang)
        assert item.forms == example["forms"]

    @pytest.mark.parametrize(("lang", "form"), FORMS, ids=[f"{lang}:{form}" for lang, form in FORMS])
    def test_every_form_has_an_example(self, lang: str, form: str) -> None:
        """A single citation, or a list for a form seen only in lists ("of the 2010 Plenipotentiary Conference")."""
        forms = _forms(itu.Lang(lang))
        assert any(form in e.get("forms", []) for e in (*forms.examples, *forms.lists))

    @pytest.mark.parametrize(("lang", "example"), [(lang, e) for lang, e in LISTS if "forms" in e])
    def test_list_matches_its_forms(self, lang: str, example: dict[str, Any]) -> None:
        """A list example that names forms is read with them (by one of its members)."""
        g = _forms(itu.Lang(lang))
        read = [
            p for a in _anchor_pattern().finditer(example["text"]) if (p := _parse_at(g, example["text"], a.start(), 0))
        ]
        assert read
        used = {form for items, _ in read for item in items for form in item.forms}
        assert set(example["forms"]) <= used, used

    @pytest.mark.parametrize(("lang", "example"), EXAMPLES, ids=[e["text"] for _, e in EXAMPLES])
    def test_example_is_found_in_running_text(self, lang: str, example: dict[str, Any]) -> None:
        """Extraction finds the example inside a sentence, with a span that indexes the text."""
        text = f"Voir {example['text']}. " if lang != "zh" else f"按照{example['text']}。"
        found = itu.extract_citations(text)
        assert [_fields(c) for c in found] == [_expect(example["means"])]
        start, end = found[0].span
        assert text[start:end] == example["text"]

    @pytest.mark.parametrize(("lang", "example"), LISTS, ids=[e["text"] for _, e in LISTS])
    def test_list_yields_each_citation(self, lang: str, example: dict[str, Any]) -> None:
        found = itu.extract_citations(example["text"])
        assert [(c.number, c.year) for c in found] == [(m["number"], m.get("year")) for m in example["means"]]
        assert all(c.lang.value == lang for c in found)
        spans = [c.span for c in found]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "each citation has its own span"

    @pytest.mark.parametrize(("lang", "field", "form"), FORM_CASES)
    def test_every_form_is_used_by_an_example(self, lang: str, field: str, form: str) -> None:
        """No vocabulary entry of a kind or modifier is untested: each occurs in some example."""
        forms = _forms(itu.Lang(lang))
        texts = " ".join(e["text"] for e in (*forms.examples, *forms.lists)).casefold()
        words = forms.raw[field][form]
        assert any(w.casefold() in texts for w in words), f"{lang}: no example uses the {field} form {form!r}"

    @pytest.mark.parametrize("lang", [lang.value for lang in LANGS])
    def test_every_example_has_a_source(self, lang: str) -> None:
        forms = _forms(itu.Lang(lang))
        assert all(e.get("source") for e in (*forms.examples, *forms.lists))

    def test_a_bad_template_names_the_slot(self) -> None:
        from itu_governance._patterns import TemplateError, template  # noqa: PLC0415

        with pytest.raises(TemplateError, match=r"unknown slot \{plaec\} at 1"):
            template("({plaec} {year})", {"year": "x"})


class TestIdentification:
    @pytest.mark.parametrize(
        ("text", "body", "conference"),
        [
            ("Resolution 37 (Rev. Buenos Aires, 2017)", "wtdc", "conf/wtdc-17"),
            ("Resolution 1 (Hammamet, 2016)", "wtsa", "conf/wtsa-16"),
            ("Resolution 2 (Rev. Guadalajara, 2010)", "pp", "conf/pp-10"),
            ("Resolution 76 (Rev.WRC-15)", "wrc", "conf/wrc-15"),
            ("Резолюция 155 (ВКР-19)", "wrc", "conf/wrc-19"),
            ("Résolution 1343 du Conseil (C12)", "council", "conf/c12"),
            ("RESOLUTION 925 (C-1985, last amended C19)", "council", "conf/c19"),
            ("Resolution 1344 (Mod. 2015)", "council", "conf/c15"),
        ],
    )
    def test_body_and_session(self, text: str, body: str, conference: str) -> None:
        citation = itu.parse_citation(text)
        assert (citation.body.value if citation.body else None, citation.conference) == (body, conference)

    def test_explicit_body_wins_over_the_gazetteer(self) -> None:
        citation = itu.parse_citation(
            "Resolution 18 (Rev. Hyderabad, 2010) of the World Telecommunication Development Conference"
        )
        assert citation.body is itu.Issuer.WTDC
        assert citation.basis == "text"

    def test_council_numbering(self) -> None:
        citation = itu.parse_citation("Resolution 1305")
        assert (citation.body, citation.basis) == (itu.Issuer.COUNCIL, "numbering")

    def test_without_context_nothing_is_guessed(self) -> None:
        assert itu.parse_citation("Resolution 37").body is None
        assert itu.extract_citations("under Resolution 37, the Bureau")[0].body is None

    @pytest.mark.parametrize("context", ["wtdc", itu.Issuer.WTDC, Context(body="wtdc"), "WTDC-17", "conf/wtdc-17"])
    def test_context_gives_the_body(self, context: object) -> None:
        found = itu.extract_citations("under Resolution 37, the Bureau", context=context)
        assert (found[0].body, found[0].basis) == (itu.Issuer.WTDC, "context")
        assert found[0].conference is None, "a bare citation names no revision"

    def test_this_conference_takes_the_session_from_context(self) -> None:
        found = itu.extract_citations("Decision 5 of this conference", context="PP-18")
        assert (found[0].body, found[0].conference) == (itu.Issuer.PP, "conf/pp-18")
        assert itu.extract_citations("Decision 5 of this conference")[0].body is None

    def test_unknown_context_is_a_clear_error(self) -> None:
        with pytest.raises(ValueError, match="context: expected an issuer"):
            itu.extract_citations("Resolution 1", context="no such thing")

    def test_another_registry_is_another_gazetteer(self) -> None:
        bundled = itu.load()
        meta = itu.Dataset(name="one session", known_up_to=itu.load().dataset.known_up_to, sources=[])
        registry = itu.build([bundled.get("conf/wtdc-17")], meta)
        assert itu.parse_citation("Resolution 2 (Rev. Dubai, 2018)", registry=registry).body is None
        citation = itu.parse_citation("Resolution 5 (Rev. Buenos Aires, 2017)", registry=registry)
        assert (citation.body, citation.conference) == (itu.Issuer.WTDC, "conf/wtdc-17")

    def test_ambiguous_place_and_year_lists_candidates(self) -> None:
        meta = itu.Dataset(name="two sessions", known_up_to=itu.load().dataset.known_up_to, sources=[])
        sessions = [
            itu.Conference(
                key=f"conf/{k}-12",
                type=k,
                short_name=f"{k.upper()}-12",
                city="Dubai",
                start="2012-11-20",
                sources=[itu.Source(ref="https://www.itu.int/")],
            )
            for k in ("wtsa", "wcit")
        ]
        registry = itu.build(sessions, meta)
        citation = itu.parse_citation("Resolution 1 (Dubai, 2012)", registry=registry)
        assert (citation.body, citation.conference, citation.candidates) == (
            None,
            None,
            ("conf/wcit-12", "conf/wtsa-12"),
        )
        chosen = itu.parse_citation("Resolution 1 (Dubai, 2012)", registry=registry, context="wcit")
        assert (chosen.body, chosen.conference) == (itu.Issuer.WCIT, "conf/wcit-12")


class TestIdentificationInItsSurroundings:
    """What the words around a citation say of its year and body (real text, from tests/corpus)."""

    @pytest.mark.parametrize(
        ("text", "year", "conference"),
        [
            (
                "RESOLUTION ITU-R 1-6 Working methods for the Radiocommunication Assembly, the Radiocommunication "
                "Study Groups, and the Radiocommunication Advisory Group (1993-1995-1997-2000-2003-2007-2012)",
                2012,
                "conf/ra-12",
            ),
            (
                "Res. ITU-R 52 1 RESOLUTION ITU-R 52 Authorization for the Radiocommunication Advisory Group (RAG) "
                "to act between Radiocommunication Assemblies (RAs) (2003) The ITU Radiocommunication Assembly,",
                2003,
                "conf/ra-03",
            ),
            ("D 495 Publication des documents du Conseil (C-2000) Le Conseil, compte tenu", 2000, "conf/c2000"),
            ("- 97 - (3.2 – 理事会)第495号决定 理事会文件的出版(C-2000)理事会,考虑到", 2000, "conf/c2000"),
            ("第375号决定 理事国的差旅费 (C-1975,最后修正 C-1990) 理事会,做出决定", 1990, "conf/c90"),
            (  # a WTSA text's history: its last place and year
                "1 RESOLUCIN 38 Coordinaci\n5、n entre el UIT-T, el UIT-R y el UIT-D para las actividades relativas"
                " a las IMT (Montreal, 2000; Florianpolis, 2004; Johannesburgo, 2008)",
                2008,
                "conf/wtsa-08",
            ),
        ],
    )
    def test_a_heading_takes_the_adoption_bracket_after_its_title(self, text: str, year: int, conference: str) -> None:
        found = itu.extract_citations(text)
        assert {(c.year, c.conference) for c in found} == {(year, conference)}

    def test_running_text_does_not_take_a_later_bracket(self) -> None:
        """Only a heading's title reaches its bracket: in a sentence the bracket is someone else's."""
        text = "that, under Resolution 37, the Bureau assists the regional offices (2014)"
        assert itu.extract_citations(text)[0].year is None
        text = "R 1338 Information and Communication Technologies Development Fund (ICT-DF) R 1339 Contributory (C11)"
        # R 1338's title ends where R 1339 begins; R 1339 does not begin a line: neither takes (C11)
        assert [c.year for c in itu.extract_citations(text)] == [None, None]

    @pytest.mark.parametrize(
        ("text", "year"),
        [
            ("that the Council adopted at its 2015 session Decision 584, on the creation of CWGs", 2015),
            ("Resolution 1327 adopted by the Council at its 2011 session, on ITU's role", 2011),
            ("理事会2011年会议做出决定,下届例行全权代表大会在(韩国)釜山召开(理事会第560号决定)。", 2011),
            ("PROPOSED CHANGES TO DECISION 482 AS MODIFIED BY COUNCIL 2002 AND RELATED MATTERS", 2002),
            ("que se establecen en el Acuerdo 482 modificado por el Consejo en su reunión de 2002;", 2002),
            ("En su reunión de 2004, el Consejo, mediante su Resolución 1227, estableció el orden del día", 2004),
            ("a) 对理事会在其2002年会议上修改的第482号决定中规定的空间通知处理的成本回收方法", 2002),
            ("扮理事会在其2016年会议上修订的第1372号决议,", 2016),
            ("c) 理事会在其2003年会议的第513号决定中一致同意,", 2003),
            ("1.1.2国际电联理事会2011年会议通过第562号决定做出决定,", 2011),
            ("理事会2011年会议按照2010年全权代表大会第102和140号决议,通过理事会第1336号决议成立了", 2011),
        ],
    )
    def test_the_clause_dates_a_council_instrument(self, text: str, year: int) -> None:
        citation = next(c for c in itu.extract_citations(text) if c.body is itu.Issuer.COUNCIL)
        assert citation.year == year

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (  # a title in quotes between the number and the revision
                "第101号决议:“基于互联网协议(IP)的网络”(修订版,2010年,瓜达拉哈拉);",
                [(101, "conf/pp-10")],
            ),
            ('Resolution 101 "Internet Protocol-based networks" (Rev. Busan, 2014)', [(101, "conf/pp-14")]),
            ("按照2010年全权代表大会第102和140号决议,", [(102, "conf/pp-10"), (140, "conf/pp-10")]),
            ("(见PP-06 第146号决议)。", [(146, "conf/pp-06")]),  # a designation run into Chinese
            (  # the adopting session named before the noun it qualifies
                "考虑到全权代表大会(2006年,安塔利亚)通过了关于对卫星网络申报成本回收实施附加纠正措施的第10号决定;",
                [(10, "conf/pp-06")],
            ),
            (
                "更新后的全权代表大会(2022年,布加勒斯特)有关在同等地位上使用国际电联的六种 正式语文的第154号决议,",
                [(154, "conf/pp-22")],
            ),
            ("理事会(2019年)审议了有关语文的第154号决议", [(154, None)]),  # 审议 (considered) adopts nothing
        ],
    )
    def test_the_words_around_give_the_session(self, text: str, expected: list[tuple[int, str]]) -> None:
        assert [(c.number, c.conference) for c in itu.extract_citations(text)] == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [  # real sentences of the third held-out round: (number, body, year) of each citation
            (
                "2. By Decision 9, the 2006 Antalya Plenipotentiary Conference decided to convene the fourth",
                [(9, "pp", 2006)],
            ),
            ("Par sa Résolution 68 mise à jour, la Conférence de plénipotentiaires invite", [(68, "pp", None)]),
            ("بموجب القرار 68 التحديث، تدعو لمؤتمر المندوبين المفوضين الدول الأعضاء", [(68, "pp", None)]),
            ("Further, that Council-08 amended its Resolution 1282 to create", [(1282, "council", 2008)]),
            ("继理事会2009年会议(理事会第1312号决议)成立了", [(1312, "council", 2009)]),
            (  # the Council's verb, not the Plenipotentiary Conference's
                "继理事会2009年会议审议后,全权代表大会通过了有关决议,为开展工作而通过 理事会第1317号决议 确定的议程。",
                [(1317, "council", None)],
            ),
            (  # another revision after the citation: "revised by Council 2013" is not a place and a year
                "This policy was expanded by Council 2012 Decision 571, revised by Council 2013 and 2014, and",
                [(571, "council", 2012)],
            ),
            ("成员国批准了第123号决议(始于2007年)的更新版", [(123, None, None)]),  # "since 2007" dates nothing
            (  # the section's title repeated before a compilation heading
                "- 160 - (7.2 – 其它杂项事宜) 7.2 其它杂项事宜第1081号决议 WorldTel (C-1995)理事会,考虑到",
                [(1081, "council", 1995)],
            ),
            (  # a bracket in the title of a Council-numbered text is not its adoption
                "RESOLUTION 1291 (MOD)(adopted by correspondence)Place, dates and agenda of the World "
                "Radiocommunication Conference(WRC-12)The Council,",
                [(1291, "council", None)],
            ),
            ("which have agreed in WTSA-08 through the adoption of Resolution 75, which", [(75, "wtsa", 2008)]),
            ("2018年国际电联全权代表大会上,成员国批准了第123号决议(始于2007年)的更新版,", [(123, "pp", 2018)]),
            ("At WRC-15 and PP-14, they noted the adoption of Resolution 102.", [(102, None, None)]),  # two sessions
            ("Recommendation 20 of the Working Group on ITU Reform recommending that", []),
            ("las Recomendaciones 11 y 12 del Grupo de Especialistas, observando", []),
        ],
    )
    def test_the_sentence_tells(self, text: str, expected: list[tuple[int, str | None, int | None]]) -> None:
        found = itu.extract_citations(text)
        assert [(c.number, c.body.value if c.body else None, c.year) for c in found] == expected

    def test_a_quoted_title_without_a_revision_is_not_read(self) -> None:
        """The quotes are skipped only on the way to a revision: otherwise the citation ends at its number."""
        (citation,) = itu.extract_citations('Resolution 101 "Internet Protocol-based networks" is in force')
        assert citation.text == "Resolution 101"

    def test_a_session_of_another_sentence_does_not_adopt_it(self) -> None:
        (citation,) = itu.extract_citations("理事会2015年会议审议了报告。大会通过第1336号决议")
        assert citation.year is None

    def test_a_later_session_in_the_same_clause_is_not_its_date(self) -> None:
        text = "Decision 584, on the creation and management of CWGs, and at its 2016 session Resolution 1333"
        assert [c.year for c in itu.extract_citations(text)] == [None, 2016]

    def test_a_place_without_its_year(self) -> None:
        citation = itu.parse_citation("Resolution 37 (Rev. Buenos Aires)")
        assert (citation.body, citation.year, citation.place, citation.basis) == (
            itu.Issuer.WTDC,
            None,
            "Buenos Aires",
            "gazetteer",
        )
        dubai = itu.parse_citation("Resolution 102 (Rev. Dubai)")
        assert dubai.body is None
        assert "conf/pp-18" in dubai.candidates
        assert "conf/wtsa-12" in dubai.candidates

    def test_a_session_named_before_the_bracket(self) -> None:
        text = "que la Asamblea de Radiocomunicaciones de 1995 (Resolución UIT-R 38) creó una Comisión Especial"
        (citation,) = itu.extract_citations(text)
        assert (citation.body, citation.year) == (itu.Issuer.RA, 1995)

    def test_the_same_revision_cited_with_its_body_elsewhere_decides(self) -> None:
        text = (
            "recalling Resolution ITU-R 62-1 (Rev. Geneva, 2015) of the Radiocommunication Assembly, on testing; "
            "resolves to endorse the objectives of Resolution 62 (Rev. Geneva, 2015)"
        )
        last = itu.extract_citations(text)[-1]
        assert (last.body, last.conference, last.candidates) == (itu.Issuer.RA, "conf/ra-15", ())
        alone = itu.extract_citations("to endorse the objectives of Resolution 62 (Rev. Geneva, 2015)")[0]
        assert alone.body is None
        assert alone.candidates == ("conf/c15", "conf/ra-15", "conf/wrc-15")

    @pytest.mark.parametrize(
        ("text", "number", "body"),
        [
            ("من خلال تعديل القرار رقم 1380 الخاص بمكان وموعد عقد المؤتمر", 1380, "council"),
            ('وذلك إنفاذاً لقرار المجلس رقم " 591".', 591, "council"),
        ],
    )
    def test_arabic_number_word(self, text: str, number: int, body: str) -> None:
        (citation,) = itu.extract_citations(text)
        assert (citation.number, citation.body.value if citation.body else None) == (number, body)


class TestNotItu:
    @pytest.mark.parametrize(
        "text",
        [
            "Resolution 70/1 of the United Nations General Assembly (UNGA), on transforming our world",
            "UNGA Resolution 67/292",
            "A/RES/70/125",
            "United Nations Human Rights Council Resolution 20/8, adopted on 5 July 2012",
            "Recommendation ITU-T X.1205",
            "Recommendation ITU-R M.1036",
            "the guidelines (Document C99/27) for repayment schedules",
            "62-R 3",
            "PART III - RESOLUTIONS\n  4\n",
            "General Assembly Resolution 1721",
            "Резолюция 1929 (2010),\nпринятая Советом Безопасности на его 6335-м заседании",
            "Resolution 1929 (2010), adopted by the Security Council at its 6335th meeting",
        ],
    )
    def test_not_extracted(self, text: str) -> None:
        assert itu.extract_citations(text) == []


class TestParseErrors:
    @pytest.mark.parametrize(
        ("text", "position", "expected"),
        [
            ("Resolution 102 (Rev Atlantis)", 28, "a four-digit year"),
            ("Resolution (Rev. Dubai, 2018)", 11, "a number"),
            ("Resolutions 102 and 140", 0, "a single citation"),
            ("Resolution 102 (Rev. Dubai, 2018", 32, "')'"),
            ("第102号（2018年）", 5, "'决议'"),
            ("", 0, "a citation such as"),
        ],
    )
    def test_error_points_at_failure(self, text: str, position: int, expected: str) -> None:
        with pytest.raises(itu.CitationError) as info:
            itu.parse_citation(text)
        assert info.value.position == position
        assert expected in info.value.expected
        lines = str(info.value).splitlines()
        assert lines[1].strip() == text.strip()
        assert lines[2].index("^") - 4 == position

    def test_error_is_value_error(self) -> None:
        with pytest.raises(ValueError, match="expected"):
            itu.parse_citation("hello")

    def test_leading_article(self) -> None:
        text = "la Résolution 115 (Marrakech, 2002) de la Conférence de plénipotentiaires"
        citation = itu.parse_citation(text)
        assert (citation.number, citation.body, citation.year, citation.place) == (
            115,
            itu.Issuer.PP,
            2002,
            "Marrakesh",
        )
        assert text[slice(*citation.span)] == text[3:]


class TestRoundTrip:
    @given(its.citations())
    def test_format_then_parse_is_identity(self, citation: itu.Citation) -> None:
        """parse(format(c, lang)) == c in every language."""
        text = itu.format_citation(citation, citation.lang)
        assert itu.parse_citation(text, lang=citation.lang) == citation
        assert itu.parse_citation(text) == citation

    @given(its.citations(lang=itu.Lang.EN))
    def test_str_is_canonical_english(self, citation: itu.Citation) -> None:
        assert itu.parse_citation(str(citation)) == citation
        assert str(itu.parse_citation(str(citation))) == str(citation)

    @pytest.mark.parametrize("lang", ["en", "es", "ru"])
    def test_ra_revision_round_trips(self, lang: str) -> None:
        citation = itu.Citation(kind="resolution", body="ra", number=1, ra_revision=8)
        assert itu.parse_citation(itu.format_citation(citation, lang), lang=lang) == citation


class TestExtraction:
    def test_spans_index_chinese_text(self) -> None:
        text = "理事会第1305号决议（2019年，修订版）和第1336号决议（2019年，修版）"
        found = itu.extract_citations(text)
        assert [(c.body, c.number) for c in found] == [(itu.Issuer.COUNCIL, 1305), (itu.Issuer.COUNCIL, 1336)]
        assert [text[slice(*c.span)] for c in found] == [
            "理事会第1305号决议（2019年，修订版）",
            "第1336号决议（2019年，修版）",
        ]
        assert found[1].irregular == (("修版", "修订版"),)

    def test_spans_index_arabic_text(self) -> None:
        """Spans are code-point offsets into right-to-left text too, tatweel and vowel marks included."""
        text = "يحق للدول الأعضاء أن تقدم مقترحات (القرار 99 (المراجَع في بوسان، 2014)) وفقاً للقـرار 165."
        found = itu.extract_citations(text)
        assert [(c.number, c.year, c.place) for c in found] == [(99, 2014, "Busan"), (165, None, None)]
        assert [text[slice(*c.span)] for c in found] == ["القرار 99 (المراجَع في بوسان، 2014)", "للقـرار 165"]

    def test_a_failing_member_keeps_the_ones_before(self) -> None:
        text = "Resolution 1305 (C09, last amended C19) and Resolution 76 (Rev. WRC-15)."
        found = itu.extract_citations(text)
        assert [(c.number, c.body, c.conference) for c in found] == [
            (1305, itu.Issuer.COUNCIL, "conf/c19"),
            (76, itu.Issuer.WRC, "conf/wrc-15"),
        ]
        found = itu.extract_citations("Resolutions 102, 140 and 133 (Rev. Dubai, ")
        assert [c.number for c in found] == [102, 140, 133]

    def test_shared_revision_is_said(self) -> None:
        text = "Resolutions 102 and 140 (Rev. Dubai, 2018)"
        first, second = itu.extract_citations(text)
        assert [text[slice(*c.span)] for c in (first, second)] == ["Resolutions 102", "140 (Rev. Dubai, 2018)"]
        assert (first.shared, second.shared) == (True, False)
        assert first.year == second.year == 2018

    def test_revisions_apply_to_the_members_before_them(self) -> None:
        text = "Resolutions 47 and 48 (Rev. Dubai, 2012) and 49, 50 and 52 (Rev. Hammamet, 2016) of WTSA"
        found = itu.extract_citations(text)
        assert [(c.number, c.year) for c in found] == [(47, 2012), (48, 2012), (49, 2016), (50, 2016), (52, 2016)]
        assert {c.body for c in found} == {itu.Issuer.WTSA}

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("ConvenioResolución 99", 99),
            ("Resolution1 (Rev. Hammamet, 2016)of WTSA", 1),
            ("Resoluci\ufffdn 71 (Rev. Bus\ufffdn, 2014)", 71),
            ("Resolucion 71 (Rev. Busan, 2014)", 71),
        ],
    )
    def test_pdf_artefacts(self, text: str, number: int) -> None:
        assert [c.number for c in itu.extract_citations(text)] == [number]

    @pytest.mark.parametrize("text", ["Resolutıon 102", "RESOLUTİON 102 (Rev. Dubaı, 2018)", "Résolutİon 1"])
    def test_any_unicode(self, text: str) -> None:
        for citation in itu.extract_citations(text):
            assert citation.number in {102, 1}
        with contextlib.suppress(itu.CitationError):
            itu.parse_citation(text)

    @given(st.text())
    def test_never_raises_and_spans_are_valid(self, text: str) -> None:
        for citation in itu.extract_citations(text):
            start, end = citation.span
            assert 0 <= start < end <= len(text)
            assert text[start:end] == citation.text

    @given(st.text(alphabet=st.sampled_from(list("Resolution第号决议（）()12345 ,.Rev年修订版理事会Dubai迪拜иı-/C"))))
    def test_never_raises_on_near_misses(self, text: str) -> None:
        for citation in itu.extract_citations(text):
            assert text[slice(*citation.span)] == citation.text

    @given(st.text())
    def test_parse_raises_only_citation_error(self, text: str) -> None:
        with contextlib.suppress(itu.CitationError):
            itu.parse_citation(text)

    @pytest.mark.parametrize(
        "text",
        [
            "Resolution 1 (Rev. " * 2000,
            "(" * 10000 + "Resolution 12",
            "1" * 20000,
            "第" * 5000 + "号决议",
            "Resolution " + "1, " * 5000,
            "(Rev. " + "Dubai " * 3000,
        ],
    )
    def test_adversarial_text_is_handled(self, text: str) -> None:
        """Near-miss fragments, unclosed brackets and digit runs neither raise nor hang."""
        found: list[itu.Citation] = []
        errors: list[BaseException] = []

        def run() -> None:
            try:
                found.extend(itu.extract_citations(text))
            except BaseException as error:  # noqa: BLE001 (reported by the assertion below)
                errors.append(error)

        # A daemon thread: a hang fails the test instead of stalling the suite. The bound is
        # generous (a linear scan takes milliseconds) so a busy machine does not fail it.
        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(timeout=30)
        assert not worker.is_alive(), "extraction did not finish within 30 seconds"
        assert errors == []
        for citation in found:
            assert re.search(r"\d", citation.text)


ADVERSARIAL = {
    "latin": ("Resolutions 1 and ", "(Rev. Dubai, "),
    "cyrillic": ("Резолюции 1 и ", "(Пересм. Дубай, "),
    "arabic": ("القرار 1، ", "(المراجع في دبي، "),
    "chinese": ("第1号和", "号决议（2018年，"),
    "near misses": ("Resolution 1 (Rev. Dubai ((((" + "1" * 40 + " Res. (Rev. ", ""),
    "chinese near misses": ("第" + "9" * 30 + "号（2018年，" + "决议（" * 5, ""),
}


def _work(text: str) -> _Work:
    work = _Work()
    _extract(text, _gazetteer(None), None, work)
    return work


@pytest.mark.parametrize(("unit", "tail"), ADVERSARIAL.values(), ids=list(ADVERSARIAL))
def test_linear_work(unit: str, tail: str) -> None:
    """The work of extraction (parser attempts, characters examined) grows linearly on adversarial lists.

    Counted, not timed: the count is the same on any machine. Linear is 2 for twice the text,
    quadratic 4; the wall-time ratio is measured by ``benchmarks/bench_citations.py``.
    """
    times = max(1, 20_000 // len(unit))
    small, large = _work(unit * times + tail), _work(unit * (2 * times) + tail)
    assert small.attempts > 0
    assert large.attempts <= 2.2 * small.attempts
    assert large.examined <= 2.2 * small.examined


def test_work_counts_what_extraction_examines() -> None:
    """The counter sees every parser attempt: one text, one attempt per instrument word read."""
    work = _work("Resolution 102 (Rev. Dubai, 2018) and Council Resolution 1336 (Modified 2019).")
    assert work.attempts == 2
    assert 0 < work.examined <= 2 * (64 + 160)
    assert _work("no instrument is cited here").attempts == 0


def test_lint_takes_the_documents_context(registry: itu.Registry) -> None:
    """A bare citation in a Plenipotentiary text is the Plenipotentiary Conference's."""
    text = "Resolution 102 sets ITU's role; Decision 5 of this conference sets the budget."
    bare = registry.lint(text)
    framed = registry.lint(text, context="PP-18")
    assert [r.citation.body for r in bare.resolved] == [None, None]
    assert [r.citation.body for r in framed.resolved] == [itu.Issuer.PP, itu.Issuer.PP]
    assert framed.resolved[0].instrument == "pp/res/102"

"""annotate: citations marked in running text; akn.enrich: <ref> elements in an AKN file."""

from __future__ import annotations

import collections
import html
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import itu_governance as itu
from itu_governance import akn
from itu_governance.akn import parse_iri
from itu_governance.annotate import citation_spans

SAMPLE = Path(__file__).parent / "data" / "akn" / "final-acts-sample.xml"
MARK = re.compile(r'<a class="itu-citation" href="[^"]*">|<span class="itu-citation">|</a>|</span>')
REF = re.compile(r'<ref href="[^"]*">|</ref>')


def unmark(marked: str) -> str:
    return html.unescape(MARK.sub("", marked))


class TestAnnotate:
    def test_links_to_the_iri_of_the_revision_named(self, registry: itu.Registry) -> None:
        out = itu.annotate("See Resolution 102 (Rev. Dubai, 2018).", registry=registry)
        (href,) = re.findall(r'href="([^"]*)"', out)
        assert href == akn.revision_iri(registry, "pp/res/102@2018")
        assert registry.revision_from_iri(href).key == "pp/res/102@2018"

    def test_the_text_is_html_escaped_outside_and_inside_the_marks(self) -> None:
        text = '<script>alert("x")</script> & Resolution 102 (Rev. Dubai, 2018) <b>'
        out = itu.annotate(text)
        assert "<script>" not in out
        assert "<b>" not in out
        assert unmark(out) == text

    def test_an_unresolved_citation_is_marked_without_a_link(self) -> None:
        out = itu.annotate("Resolution 9999 (Rev. Dubai, 2018)")
        assert out == '<span class="itu-citation">Resolution 9999 (Rev. Dubai, 2018)</span>'

    def test_a_callable_gets_the_exact_substring_and_the_revision(self) -> None:
        seen: list[tuple[str, str | None]] = []

        def markup(_citation: itu.Citation, revision: itu.Revision | None, source: str) -> str:
            seen.append((source, revision.key if revision else None))
            return f"[{source}]"

        text = "按照理事会第1305号决议（2019年，修订版）和 Council Resolution 1344 (Modified 2015)。"
        out = itu.annotate(text, markup, escape=False)
        assert out == "按照[理事会第1305号决议（2019年，修订版）]和 [Council Resolution 1344 (Modified 2015)]。"
        assert seen == [
            ("理事会第1305号决议（2019年，修订版）", "council/res/1305@2019"),
            ("Council Resolution 1344 (Modified 2015)", "council/res/1344@2015"),
        ]

    def test_spans_index_the_original_text(self) -> None:
        text = "a 𝄞 b, Resolution 140 (Rev. Dubai, 2018), c"  # a character outside the BMP before it
        ((start, stop, citation, revision),) = citation_spans(text)
        assert text[start:stop] == "Resolution 140 (Rev. Dubai, 2018)"
        assert (citation.number, revision.key if revision else None) == (140, "pp/res/140@2018")

    @given(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "Resolution 102 (Rev. Dubai, 2018)",
                        "Council Resolution 1336 (Modified 2019)",
                        "第1344号决议",
                        "Résolution 140 (Rév. Dubaï, 2018)",
                        "Resolution 9999",
                    ]
                ),
                st.text(alphabet=st.sampled_from(list("ab &<>\"';,.()\n")), max_size=8),
            ),
            max_size=8,
        )
    )
    def test_removing_the_marks_gives_the_text_back(self, parts: list[str]) -> None:
        text = "".join(parts)
        assert unmark(itu.annotate(text)) == text
        assert MARK.sub("", itu.annotate(text, escape=False)) == text


def _errors(schema: Any, xml: bytes) -> collections.Counter[str]:
    etree = pytest.importorskip("lxml.etree")
    schema.validate(etree.fromstring(xml))
    # the same error at another line is the same error: refs move no element to another line
    return collections.Counter(f"{e.line}: {e.message}" for e in schema.error_log)


class TestEnrich:
    def test_refs_wrap_the_citations_and_nothing_else_changes(self) -> None:
        xml = SAMPLE.read_text("utf-8")
        out = akn.enrich(xml)
        assert REF.sub("", out) == xml
        hrefs = re.findall(r'<ref href="([^"]*)">([^<]*)</ref>', out)
        wtdc37 = (
            "/akn/un/statement/deliberation/itu-wtdc/2017-10-20/res-37",
            "Resolution 37 (Rev. Buenos Aires, 2017) of WTDC",
        )
        assert wtdc37 in hrefs
        assert all(parse_iri(href) for href, _ in hrefs)
        assert "Resolution 70/1" not in " ".join(text for _, text in hrefs)
        meta = re.search(r"<meta>.*?</meta>", out, re.DOTALL)
        assert meta is not None
        assert "<ref" not in meta.group()  # the showAs of FRBRnumber names a citation, and stays as it is

    def test_a_revision_the_file_holds_links_to_its_own_statement(self) -> None:
        xml = (
            "<p>Resolution 139 (Rev. Dubai, 2018) of this conference</p>"
            '<FRBRuri value="/akn/un/statement/deliberation/itu-pp/2018-11-15/res-139"/>'
        )
        assert '<ref href="/akn/un/statement/deliberation/itu-pp/2018-11-15/res-139">' in akn.enrich(xml)

    def test_entities_keep_their_place(self) -> None:
        xml = "<p>A &amp; B, Resolution 102 (Rev. Dubai, 2018) &lt;here&gt;</p>"
        out = akn.enrich(xml)
        assert REF.sub("", out) == xml
        assert "&amp; B, <ref" in out
        assert "</ref> &lt;here&gt;" in out

    def test_the_sample_adds_no_schema_error(self, akn_schema: Any) -> None:
        xml = SAMPLE.read_bytes()
        enriched = akn.enrich(xml.decode("utf-8")).encode("utf-8")
        assert enriched.count(b"<ref ") >= 5
        assert _errors(akn_schema, enriched) == _errors(akn_schema, xml)

    def test_the_final_acts_add_no_schema_error(self, akn_schema: Any, final_acts: Path) -> None:
        xml = final_acts.read_bytes()
        enriched = akn.enrich(xml.decode("utf-8"), context="PP-18").encode("utf-8")
        assert enriched.count(b"<ref ") > 400
        before = _errors(akn_schema, xml)
        assert sum(before.values()) == 3952  # the conversion's own errors, most of them repeated eIds
        assert _errors(akn_schema, enriched) == before

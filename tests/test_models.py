"""The domain objects: immutable, validated at construction, keys that round-trip."""

from __future__ import annotations

import datetime as dt
import pickle
import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import itu_governance as itu
from itu_governance import _keys
from itu_governance import strategies as its


def _revision(**changes: object) -> itu.Revision:
    fields: dict[str, object] = {
        "instrument": "council/res/1344",
        "year": 2015,
        "designation": "revised",
        "adopted_by": "conf/c15",
        "sources": [itu.Source(ref="C15/INF/1")],
    }
    fields.update(changes)
    return itu.Revision(**fields)  # type: ignore[arg-type]


def _resolution(**changes: object) -> itu.Resolution:
    fields: dict[str, object] = {
        "issuer": "council",
        "type": "resolution",
        "number": 1344,
        "sources": [itu.Source(ref="x")],
    }
    fields.update(changes)
    return itu.Resolution(**fields)  # type: ignore[arg-type]


class TestImmutability:
    @given(its.resolutions())
    def test_resolution_cannot_be_changed(self, res: itu.Resolution) -> None:
        """Assigning to any field of a resolution raises."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            res.number = 1  # type: ignore[misc]
        assert isinstance(res.revisions, tuple)
        assert hash(res) == hash(attrs.evolve(res))

    def test_texts_is_read_only(self) -> None:
        """Titles cannot be changed through the mapping interface."""
        texts = itu.Texts({"en": "x"})
        with pytest.raises(TypeError):
            texts["fr"] = "y"  # type: ignore[index]

    def test_lists_become_tuples(self) -> None:
        """A list given for a collection field is stored as a tuple (frozen all the way down)."""
        rev = _revision(sources=[itu.Source(ref="C15/INF/1")])
        assert isinstance(rev.sources, tuple)


class TestValidation:
    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"year": 1800}, "'year' must be >= 1865"),
            (
                {"designation": "amended"},
                "expected one of 'adopted', 'revised', 'modified', got 'amended'",
            ),
            (
                {"adopted_by": "C15"},
                "adopted_by must be a conference key like 'conf/pp-18', got 'C15'",
            ),
            ({"instrument": "council/resolution/1344"}, "instrument must be a instrument key"),
            ({"sources": []}, "Length of 'sources' must be >= 1"),
            ({"date": "2016-01-01"}, "date: expected a date in the revision's year 2015, got 2016-01-01"),
            ({"date": "2015-02-30"}, "2015-02 has 28 days, got day 30"),
        ],
    )
    def test_invalid_revision_raises(self, changes: dict[str, object], message: str) -> None:
        """Each kind of invalid revision is rejected at construction with a clear message."""
        with pytest.raises((ValueError, TypeError), match=re.escape(message)):
            _revision(**changes)

    def test_complete_history_starts_with_adoption(self) -> None:
        with pytest.raises(ValueError, match="a complete history of council/res/1344 starts with its adoption"):
            _resolution(revisions=[_revision()], complete=True)

    def test_incomplete_history_may_start_later(self) -> None:
        """A history whose adoption is undocumented starts with the first known revision."""
        res = _resolution(revisions=[_revision()])
        assert res.adoption is None

    def test_revisions_must_increase(self) -> None:
        adopted = _revision(year=2015, designation="adopted")
        with pytest.raises(
            ValueError, match=r"revisions\.1\.year: expected a year after the previous revision's \(2015\), got 2012"
        ):
            _resolution(revisions=[adopted, _revision(year=2012)])

    def test_revision_of_another_instrument(self) -> None:
        with pytest.raises(
            ValueError, match="expected a revision of council/res/1336, got revision council/res/1344@2015"
        ):
            _resolution(number=1336, revisions=[_revision(designation="adopted")])

    def test_end_before_last_revision(self) -> None:
        end = itu.End(how="abrogated", by="conf/c12", year=2012, sources=[itu.Source(ref="x")])
        with pytest.raises(
            ValueError, match=r"end\.year: expected a year on or after the last revision \(2015\), got 2012"
        ):
            _resolution(end=end, revisions=[_revision(designation="adopted")])

    def test_meeting_end_before_start(self) -> None:
        with pytest.raises(
            ValueError, match=r"end: expected a date on or after the start \(2021-01-27\), got 2021-01-26"
        ):
            itu.Meeting(
                key="meeting/cwg-internet/15",
                body="body/cwg-internet",
                ordinal=15,
                start="2021-01-27",
                end="2021-01-26",
                sources=[itu.Source(ref="x")],
            )

    def test_meeting_key_must_match(self) -> None:
        with pytest.raises(ValueError, match="expected 'meeting/cwg-internet/15' \\(from body and ordinal\\)"):
            itu.Meeting(
                key="meeting/cwg-internet/14",
                body="body/cwg-internet",
                ordinal=15,
                start="2021-01-27",
                sources=[itu.Source(ref="x")],
            )

    def test_unknown_language(self) -> None:
        with pytest.raises(ValueError, match="got 'de'"):
            itu.Texts({"de": "Entschließung"})

    def test_council_is_not_a_working_group(self) -> None:
        with pytest.raises(ValueError, match="not a WorkingGroup"):
            itu.WorkingGroup(
                key="body/council",
                type="council",
                short_name="Council",
                sources=[itu.Source(ref="x")],
            )

    @given(st.integers(1860, 3005), st.none() | st.integers(-1, 14), st.none() | st.integers(-1, 33))
    def test_invalid_dates_never_construct(self, year: int, month: int | None, day: int | None) -> None:
        """A PartialDate exists exactly for a real calendar day (or month, or year) from 1865 to 2999."""
        try:
            real = dt.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError:
            real = None
        valid = real is not None and 1865 <= year <= 2999 and (day is None or month is not None)
        if not valid:
            with pytest.raises(ValueError):  # noqa: PT011 (which of several checks speaks does not matter)
                itu.PartialDate(year, month, day)
            return
        date = itu.PartialDate(year, month, day)
        assert date.earliest == real
        assert (date.earliest == date.latest) is (day is not None)
        assert date.latest.year == year


class TestKeys:
    @given(its.resolutions())
    def test_instrument_key_round_trips(self, res: itu.Resolution) -> None:
        """A key parses back to the issuer, type and number it was built from."""
        match = _keys.PATTERNS["instrument"].fullmatch(res.key)
        assert match is not None
        assert _keys.instrument_key(match["issuer"], res.type.value, int(match["number"])) == res.key
        assert _keys.key_kind(res.key) == "instrument"

    @given(its.revision_keys())
    def test_revision_key_round_trips(self, key: str) -> None:
        instrument, year = _keys.split_revision_key(key)
        assert _keys.revision_key(instrument, year) == key
        assert _keys.key_kind(key) == "revision"

    @given(its.partial_dates())
    def test_partial_date_round_trips(self, date: itu.PartialDate) -> None:
        assert itu.PartialDate.parse(str(date)) == date
        assert date.earliest <= date.latest

    @pytest.mark.parametrize("key", ["pp/res/0", "PP/res/1", "council/res/1344@15", "body/CWG", "conf/pp_18", ""])
    def test_malformed_keys_are_not_keys(self, key: str) -> None:
        assert _keys.key_kind(key) is None


class TestReprs:
    def test_revision_repr_and_str(self) -> None:
        rev = _revision()
        assert repr(rev) == "<Revision('council/res/1344@2015', revised)>"
        assert str(rev) == "council/res/1344@2015"

    def test_partial_date_repr(self) -> None:
        assert repr(itu.PartialDate.parse("2020-02")) == "<PartialDate('2020-02')>"

    def test_count_str(self) -> None:
        assert str(itu.Count(value=170, more_than=True)) == "more than 170"

    def test_responses_categorised(self) -> None:
        responses = itu.Responses(total=23, by_category={"government": 1, "intergovernmental": 5})
        assert responses.categorised == 6


class TestErrors:
    def test_errors_pickle(self) -> None:
        """Every package error survives pickling with its attributes."""
        problem = itu.Problem(file="a.yaml", line=1, column=2, path="x", found="'y'", expected="z")
        for error in (
            itu.DataError([problem]),
            itu.NotFound("x", "instrument", ["y"]),
            itu.CitationError("Res 1 (", 7, "a year"),
        ):
            clone = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own object)
            assert str(clone) == str(error)
            assert isinstance(clone, itu.ItuGovernanceError)

    def test_not_found_is_a_key_error(self) -> None:
        assert issubclass(itu.NotFound, KeyError)
        assert str(itu.NotFound("x", "body", ["body/cwg-internet"])) == (
            "no body matches 'x'; did you mean 'body/cwg-internet'?"
        )

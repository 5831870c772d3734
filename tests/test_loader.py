"""The loader: strict YAML, precise located errors, all-or-nothing loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import itu_governance as itu

DATA = Path(__file__).parent / "data"

# (fixture folder, [(file, line, column, the whole message after the location)])
CASES = [
    (
        "duplicate_key",
        [
            (
                "instruments/council-res-1344.yaml",
                5,
                1,
                "number: expected each field once (first given at line 4), got a second 'number'",
            )
        ],
    ),
    (
        "unknown_field",
        [
            (
                "instruments/council-res-1344.yaml",
                9,
                5,
                "revisions[0].adopted_on: expected one of adopted_by, attested, date, designation, disputes, "
                "procedures, provisions, relations, sources, titles, year, got unknown field 'adopted_on'",
            )
        ],
    ),
    (
        "wrong_type",
        [
            (
                "instruments/council-res-1344.yaml",
                4,
                9,
                "number: expected an integer from 1 to 99999, got '1344'",
            )
        ],
    ),
    (
        "year_not_a_number",
        [
            (
                "instruments/council-res-1344.yaml",
                6,
                11,
                "revisions[0].year: expected an integer from 1865 to 2999, got '19xx'",
            )
        ],
    ),
    (
        "unquoted_no",
        [
            (
                "conferences/c12.yaml",
                5,
                10,
                'country: expected true or false, or a quoted string such as "NO", got the unquoted NO '
                "(YAML 1.1 reads yes/no/on/off as booleans)",
            )
        ],
    ),
    (
        "bare_date",
        [
            (
                "conferences/c12.yaml",
                5,
                8,
                'start: expected a quoted date like "2021-01-27", "2020-02" or "2012", got an unquoted date '
                "2012-07-04 (YAML reads it as a date; quote it)",
            )
        ],
    ),
    (
        "dangling_reference",
        [
            (
                "instruments/council-res-1344.yaml",
                8,
                17,
                "revisions[0].adopted_by: expected the key of an existing conference, got 'conf/c13' "
                "(no record has this key)",
            )
        ],
    ),
    (
        "revision_before_adoption",
        [
            (
                "instruments/council-res-1344.yaml",
                7,
                12,
                "revisions[1].year: expected a year after the previous revision's (2015), got 2012",
            )
        ],
    ),
    (
        "end_before_start",
        [
            (
                "conferences/c12.yaml",
                6,
                6,
                "end: expected a date on or after the start (2012-07-13), got 2012-07-04",
            )
        ],
    ),
    (
        "revised_after_end",
        [
            (
                "instruments/council-res-1344.yaml",
                8,
                43,
                "end.year: expected a year on or after the last revision (2019), got 2015",
            )
        ],
    ),
    (
        "abrogated_before_revision",
        [
            (
                "instruments/council-res-1344.yaml",
                8,
                6,
                "end: expected an ending on or after the last revision (2019-06-20), got an ending dated 2019-06-10",
            )
        ],
    ),
    (
        "alias",
        [
            (
                "instruments/council-res-1344.yaml",
                9,
                14,
                "expected plain values (anchors are not allowed), got anchor &s",
            ),
            (
                "instruments/council-res-1344.yaml",
                10,
                10,
                "expected plain values (aliases are not allowed), got alias *s",
            ),
        ],
    ),
    (
        "tag",
        [
            (
                "instruments/council-res-1344.yaml",
                4,
                9,
                "expected plain values (explicit tags are not allowed), "
                "got tag tag:yaml.org,2002:python/object:os.system",
            )
        ],
    ),
    ("non_utf8", [("conferences/c12.yaml", 4, 10, "expected UTF-8 text, got the byte 0xe8")]),
    (
        "no_sources",
        [
            (
                "instruments/council-res-1344.yaml",
                7,
                10,
                "sources: expected a non-empty list, got an empty list",
            )
        ],
    ),
    (
        "syntax_error",
        [
            (
                "instruments/council-res-1344.yaml",
                7,
                8,
                "expected valid YAML, got did not find expected ',' or '}'",
            )
        ],
    ),
    (
        "wrong_conference_type",
        [
            (
                "instruments/council-res-1344.yaml",
                6,
                52,
                "revisions[0].adopted_by: expected a council conference or session (this is a council "
                "instrument), got 'conf/pp-10', a pp one",
            )
        ],
    ),
    (
        "year_not_of_conference",
        [
            (
                "instruments/council-res-1344.yaml",
                6,
                12,
                "revisions[0].year: expected the year of C12 (2012), got 2013",
            )
        ],
    ),
    (
        "key_file_mismatch",
        [
            (
                "instruments/council-res-1344.yaml",
                1,
                6,
                "key: expected the file to be named council-res-1345.yaml for this key, "
                "got council-res-1344.yaml holding 'council/res/1345'",
            )
        ],
    ),
    (
        "duplicate_record",
        [
            (
                "instruments/council-res-1344-copy.yaml",
                1,
                6,
                "key: expected the file to be named council-res-1344.yaml for this key, "
                "got council-res-1344-copy.yaml holding 'council/res/1344'",
            ),
            (
                "instruments/council-res-1344.yaml",
                1,
                6,
                "key: expected a key not used elsewhere (instruments/council-res-1344-copy.yaml has it), "
                "got 'council/res/1344'",
            ),
        ],
    ),
    (
        "absorption_mismatch",
        [
            (
                "instruments/council-res-1344.yaml",
                11,
                18,
                "end.absorbed_into: expected a revision adopted by conf/c15, the session that ended "
                "council/res/1344, got 'council/res/1336@2019', adopted by conf/c19",
            )
        ],
    ),
    (
        "absorption_cycle",
        [
            (
                "instruments/council-res-1344.yaml",
                9,
                3,
                "end: expected no cycle of absorptions, supersessions or successions, got the cycle "
                "council/res/1344 -> council/res/1336 -> council/res/1344",
            )
        ],
    ),
    (
        "value_key",
        [
            ("conferences/c12.yaml", 5, 7, 'city: expected a quoted string ("="), got the unquoted ='),
        ],
    ),
    (
        "merge_key",
        [
            ("conferences/c12.yaml", 5, 1, "expected plain fields (merge keys are not allowed), got a merge key <<"),
        ],
    ),
    (
        "deep_nesting",
        [
            (
                "instruments/council-res-1344.yaml",
                20,
                34,
                "sources[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: expected a "
                "shallower record, got values nested more than 24 levels deep",
            ),
        ],
    ),
    (
        "impossible_date",
        [
            (
                "conferences/c12.yaml",
                7,
                8,
                'start: expected a quoted date like "2012-02-28", got the unquoted 2012-02-30, which is no day '
                "of the calendar",
            ),
        ],
    ),
    (
        "huge_integer",
        [
            (
                "instruments/council-res-1344.yaml",
                4,
                9,
                "number: expected an integer of at most 18 digits, got a number of 5000 digits",
            ),
        ],
    ),
    (
        "octal_number",
        [
            (
                "instruments/council-res-1344.yaml",
                4,
                9,
                'number: expected a plain decimal integer, or a quoted string ("02540"), got the unquoted '
                "02540, which YAML 1.1 reads as 1376",
            ),
        ],
    ),
    (
        "sexagesimal_number",
        [
            (
                "instruments/council-res-1344.yaml",
                4,
                9,
                'number: expected a plain decimal integer, or a quoted string ("22:24"), got the unquoted '
                "22:24, which YAML 1.1 reads as 1344",
            ),
        ],
    ),
    (
        "hexadecimal_number",
        [
            (
                "instruments/council-res-1344.yaml",
                4,
                9,
                'number: expected a plain decimal integer, or a quoted string ("0x540"), got the unquoted '
                "0x540, which YAML 1.1 reads as 1344",
            ),
        ],
    ),
    (
        "underscore_number",
        [
            (
                "instruments/council-res-1344.yaml",
                4,
                9,
                'number: expected a plain decimal integer, or a quoted string ("1_344"), got the unquoted '
                "1_344, which YAML 1.1 reads as 1344",
            ),
        ],
    ),
    (
        "octal_in_text",
        [
            (
                "conferences/c12.yaml",
                25,
                16,
                'disputes[0].values[1].value: expected a plain decimal integer, or a quoted string ("0777"), '
                "got the unquoted 0777, which YAML 1.1 reads as 511",
            ),
        ],
    ),
    (
        "fraction",
        [
            (
                "conferences/c12.yaml",
                3,
                13,
                'short_name: expected an integer, or a quoted string ("12.10"), got the unquoted 12.10, which '
                "YAML 1.1 reads as 12.1",
            ),
        ],
    ),
    (
        "yes_in_boolean",
        [
            (
                "conferences/c12.yaml",
                6,
                16,
                'extraordinary: expected true or false, or a quoted string such as "yes", got the unquoted yes '
                "(YAML 1.1 reads yes/no/on/off as booleans)",
            ),
        ],
    ),
    (
        "on_in_boolean",
        [
            (
                "conferences/c12.yaml",
                6,
                16,
                'extraordinary: expected true or false, or a quoted string such as "On", got the unquoted On '
                "(YAML 1.1 reads yes/no/on/off as booleans)",
            ),
        ],
    ),
    (
        "nul_character",
        [
            ("conferences/c12.yaml", 5, 10, "expected printable text, got the control character U+0000"),
        ],
    ),
    (
        "control_character",
        [
            ("conferences/c12.yaml", 5, 10, "expected printable text, got the control character U+0007"),
        ],
    ),
    (
        "long_value",
        [
            (
                "conferences/c12.yaml",
                2,
                7,
                "type: expected one of 'pp', 'council', 'wtsa', 'wtdc', 'ra', 'wrc', 'wcit', 'wattc', got "
                "'" + "x" * 119 + "… (10002 characters)",
            ),
        ],
    ),
    (
        "country_code",
        [
            (
                "conferences/c12.yaml",
                6,
                10,
                "country: expected a quoted ISO 3166-1 alpha-3 country code like \"SAU\", got 'TWR'",
            ),
        ],
    ),
    (
        "flow_list_split",
        [
            (
                "conferences/c12.yaml",
                4,
                25,
                'aliases[1]: expected a quoted item where text holds a comma or a bracket, like ["Conference '
                "(Dubai, 2018)\"], got 'Council (Geneva' and '2012)': YAML cut one string at its comma",
            ),
        ],
    ),
    (
        "bad_key_cascade",
        [
            ("conferences/c12.yaml", 1, 6, "key: expected a conference key like 'conf/pp-18', got 'conf/C12'"),
        ],
    ),
    (
        "not_a_mapping",
        [
            ("conferences/c12.yaml", 1, 1, "expected a mapping of fields, got a list"),
        ],
    ),
    (
        "empty_file",
        [
            ("conferences/c12.yaml", 1, 1, "expected one record (a mapping), got an empty file"),
        ],
    ),
    (
        "revision_outside_session",
        [
            (
                "instruments/council-res-1344.yaml",
                13,
                11,
                "revisions[1].date: expected a date within C15 (2015-05-12 to 2015-05-21), got 2015-09-01",
            ),
        ],
    ),
    (
        "body_parent_cycle",
        [
            (
                "bodies/wg-a.yaml",
                4,
                9,
                "parent: expected a chain of parents that ends at the Council, got body/wg-a -> body/wg-b -> body/wg-a",
            ),
        ],
    ),
    (
        "meeting_before_body",
        [
            (
                "meetings/wg-a-1.yaml",
                4,
                8,
                "start: expected a date on or after WG-A was established (council/res/1344@2012, 2012-07-04), "
                "got 2011-11-02",
            ),
        ],
    ),
]


def _tree(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA / "minimal", root)
    shutil.copytree(DATA / "invalid" / case, root, dirs_exist_ok=True)
    return root


class TestInvalidData:
    def test_every_fixture_has_a_case(self) -> None:
        """Each broken fixture on disk is pinned by a case below, and the other way round."""
        assert sorted(p.name for p in (DATA / "invalid").iterdir()) == sorted(c for c, _ in CASES)

    @pytest.mark.parametrize(("case", "expected"), CASES, ids=[c for c, _ in CASES])
    def test_problem_is_located_and_explained(
        self, tmp_path: Path, case: str, expected: list[tuple[str, int, int, str]]
    ) -> None:
        """GIVEN one broken file WHEN loading THEN exactly its problems are raised, located."""
        with pytest.raises(itu.DataError) as info:
            itu.load(_tree(tmp_path, case))
        found = [(p.file, p.line, p.column, str(p).split(": ", 1)[1]) for p in info.value.problems]
        assert found == expected
        assert (info.value.file, info.value.line, info.value.column) == expected[0][:3]
        assert str(info.value).splitlines()[0] in (
            "1 problem in the data:",
            f"{len(expected)} problems in the data:",
        )

    def test_all_problems_of_a_load_are_reported_at_once(self, tmp_path: Path) -> None:
        root = _tree(tmp_path, "unquoted_no")
        shutil.copytree(DATA / "invalid" / "wrong_type", root, dirs_exist_ok=True)
        with pytest.raises(itu.DataError) as info:
            itu.load(root)
        assert [p.file for p in info.value.problems] == [
            "conferences/c12.yaml",
            "instruments/council-res-1344.yaml",
        ]

    def test_alias_bomb_is_refused_before_expansion(self, tmp_path: Path) -> None:
        """A billion-laughs document is refused at its first anchor, never expanded."""
        root = tmp_path / "data"
        shutil.copytree(DATA / "minimal", root)
        lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
        lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(20)]
        (root / "conferences" / "c12.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        with pytest.raises(itu.DataError, match="anchors are not allowed"):
            itu.load(root)

    def test_missing_folder(self, tmp_path: Path) -> None:
        with pytest.raises(itu.DataError, match="no such folder"):
            itu.load(tmp_path / "nowhere")

    def test_missing_dataset_file(self, tmp_path: Path) -> None:
        root = tmp_path / "data"
        shutil.copytree(DATA / "minimal", root)
        (root / "dataset.yaml").unlink()
        with pytest.raises(itu.DataError, match=r"dataset\.yaml: expected the dataset's metadata"):
            itu.load(root)


class TestValidData:
    def test_minimal_tree_loads(self) -> None:
        registry = itu.load(DATA / "minimal")
        assert registry.resolution("council/res/1344").end is not None
        assert registry.known_up_to.isoformat() == "2021-01-28"

    def test_bundled_dataset_is_cached(self) -> None:
        assert itu.load() is itu.load()

    def test_places_are_filled_from_conferences(self) -> None:
        registry = itu.load(DATA / "minimal")
        assert registry.revision("council/res/1344@2015").place == "Geneva"

    def test_yaml_with_extension_yml_is_read(self, tmp_path: Path) -> None:
        root = tmp_path / "data"
        shutil.copytree(DATA / "minimal", root)
        (root / "conferences" / "c11.yaml").rename(root / "conferences" / "c11.yml")
        assert "conf/c11" in itu.load(root)


class TestProvenance:
    def test_origin_locates_a_value_of_a_record(self) -> None:
        """Every record remembers its file; a path inside it resolves to a line and column."""
        registry = itu.load(DATA / "minimal")
        origin = registry.origin("council/res/1344@2015")
        assert origin.file == "instruments/council-res-1344.yaml"
        assert origin.where("end", "absorbed_into") == ("instruments/council-res-1344.yaml", 18, 18)
        assert origin.where("no", "such", "path") == ("instruments/council-res-1344.yaml", 1, 1)


class TestLeanReader:
    """The lean reader builds what the cursor readers build, and gives up wherever they report."""

    @staticmethod
    def _files() -> list[tuple[str, str, bytes]]:
        """(kind, file name, bytes) of every record file of the bundled data and of the test data."""
        import importlib.resources  # noqa: PLC0415

        from itu_governance import _kinds  # noqa: PLC0415

        bundled = Path(str(importlib.resources.files("itu_governance") / "_data"))  # the installed data
        found = []
        for path in [*bundled.rglob("*.yaml"), *DATA.rglob("*.yaml")]:
            kind = _kinds.BY_FOLDER.get(path.parent.name)
            if kind is not None:
                found.append((kind.name, f"{path.parent.name}/{path.name}", path.read_bytes()))
        return found

    def test_same_records_and_a_cursor_read_wherever_a_problem_is_reported(self) -> None:
        from itu_governance import _reader, loader  # noqa: PLC0415

        lean_read = 0
        for kind, name, raw in self._files():
            parsed = loader._parse(_reader.Context(), raw, name)
            if parsed is None:  # the YAML itself is refused
                continue
            ctx = _reader.Context()
            slow = loader._READERS[kind](_reader.Cursor(ctx, name, parsed))
            lean = loader._lean_record(kind, parsed.data, {})
            if lean is not None:
                assert not ctx.problems, name
                assert lean == slow, name
                lean_read += 1
        assert lean_read > 350  # every instrument and conference of the bundled data, at least

    def test_a_load_gives_the_records_and_session_days_the_cursor_readers_and_the_linker_give(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Revisions and endings built with their place and session day are what pass 2 would make."""
        from itu_governance import loader  # noqa: PLC0415

        lean = itu.load(cache=False)
        monkeypatch.setattr(loader, "_lean_record", lambda *_: None)
        slow = itu.load(cache=False)
        assert list(lean) == list(slow)
        ended = 0
        for key in slow:
            record, other = lean.get(key), slow.get(key)
            assert record == other, key
            if not isinstance(record, itu.Resolution):
                continue
            for mine, theirs in zip(record.revisions, other.revisions, strict=True):
                assert (mine.place, mine.session_day) == (theirs.place, theirs.session_day), mine.key
            if record.end is not None:  # session_day is not compared by ==
                assert record.end.session_day == other.end.session_day, key
                ended += record.end.session_day is not None
        assert ended > 10

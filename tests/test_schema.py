"""The JSON Schemas of the data files: current, faithful to the loader, and true of the data."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

import itu_governance as itu
from itu_governance import _schema
from itu_governance._yaml import read
from itu_governance.models import (
    Meeting,
    Revision,
    WorkingGroup,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
INVALID = Path(__file__).parent / "data" / "invalid"
KIND_OF_FOLDER = {
    "conferences": "conference",
    "instruments": "instrument",
    "bodies": "body",
    "meetings": "meeting",
    "consultations": "consultation",
}

# The broken fixtures whose fault is one of structure, which a schema sees too; every other one
# is unreadable YAML or a fault between fields or records, which only the loader sees.
STRUCTURAL = {
    "bad_key_cascade": "key",
    "bare_date": "start",
    "long_value": "type",
    "no_sources": "sources",
    "not_a_mapping": "",
    "unknown_field": "revisions.0",
    "wrong_type": "number",
    "year_not_a_number": "revisions.0.year",
}


def _data_files() -> list[tuple[str, Path]]:
    files = [("dataset", DATA / "dataset.yaml")]
    for folder, kind in KIND_OF_FOLDER.items():
        files += [(kind, path) for path in sorted((DATA / folder).glob("*.y*ml"))]
    return files


def _load_yaml(path: Path) -> Any:
    doc, problems = read(path.read_text(encoding="utf-8"), path.name)
    assert doc is not None, problems
    return doc.data


@pytest.fixture(scope="module")
def jsonschema() -> Any:
    return pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validators(jsonschema: Any) -> dict[str, Any]:
    """One validator per kind: building the schemas reads every model's type hints, so once."""
    return {kind: jsonschema.Draft202012Validator(schema) for kind, schema in _schema.schemas().items()}


# --- pure tests: no validator needed -----------------------------------------------------


def test_checked_in_schemas_are_current() -> None:
    expected = _schema.render()
    folder = ROOT / "schemas"
    assert sorted(p.name for p in folder.glob("*.schema.json")) == sorted(expected)
    stale = [name for name, text in expected.items() if (folder / name).read_text(encoding="utf-8") != text]
    assert not stale, f"stale schemas {stale}: run `python scripts/schema.py`"


@pytest.mark.parametrize(
    ("folder", "text", "cls"),
    [
        ("meetings", "key: meeting/x/1\nbody: body/x\nordinal: 1\nstart: '2016'\nsources: [s]\nbogus: 1\n", Meeting),
        (
            "instruments",
            "key: council/res/9\ntype: resolution\nissuer: council\nnumber: 9\nsources: [s]\n"
            "revisions: [{year: 2016, designation: adopted, adopted_by: conf/c, sources: [s], bogus: 1}]\n",
            Revision,
        ),
    ],
)
def test_the_loader_accepts_exactly_the_file_fields(tmp_path: Path, folder: str, text: str, cls: type) -> None:
    """An unknown field is refused with the list of the class's file fields: one source of truth."""
    (tmp_path / folder).mkdir()
    stem = "x-1" if folder == "meetings" else "council-res-9"
    (tmp_path / folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "dataset.yaml").write_text("name: x\nknown_up_to: '2020-01-01'\nsources: [s]\n", encoding="utf-8")
    with pytest.raises(itu.DataError) as info:
        itu.load(tmp_path)
    [problem] = [p for p in info.value.problems if "bogus" in p.found]
    required, optional = _schema.file_fields(cls)
    assert problem.expected == "one of " + ", ".join(sorted({*required, *optional}))


def test_the_councils_file_has_the_groups_fields_less_their_own() -> None:
    council_required, council_optional = _schema.file_fields(_schema.KINDS["body"][0])
    group_required, group_optional = _schema.file_fields(WorkingGroup)
    assert set(council_required) == set(group_required)
    assert set(council_optional) < set(group_optional)


def test_a_record_schema_lists_exactly_its_file_fields() -> None:
    schema = _schema.schemas()["meeting"]
    required, optional = _schema.file_fields(Meeting)
    assert set(schema["properties"]) == {*required, *optional}
    assert schema["required"] == list(required)
    assert schema["additionalProperties"] is False


def test_key_patterns_are_portable_regexes() -> None:
    """Named groups ``(?P<name>...)`` are Python-only; editors use ECMA-262 regexes."""
    for text in _schema.render().values():
        assert "(?P<" not in text


# --- with a validator: the data and the broken fixtures ----------------------------------


@pytest.mark.parametrize("kind", sorted(_schema.KINDS))
def test_schema_is_valid_draft_2020_12(jsonschema: Any, kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(_schema.schemas()[kind])


@pytest.mark.parametrize(("kind", "path"), _data_files(), ids=lambda x: x.name if isinstance(x, Path) else x)
def test_every_data_file_is_valid(validators: dict[str, Any], kind: str, path: Path) -> None:
    validator = validators[kind]
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(_load_yaml(path))]
    assert not errors, errors


@pytest.mark.parametrize(("case", "where"), sorted(STRUCTURAL.items()))
def test_structural_faults_are_rejected(validators: dict[str, Any], case: str, where: str) -> None:
    (path,) = (INVALID / case).glob("*/*.yaml")
    validator = validators[KIND_OF_FOLDER[path.parent.name]]
    assert [".".join(map(str, e.absolute_path)) for e in validator.iter_errors(_load_yaml(path))] == [where]


def test_other_broken_fixtures_are_beyond_a_schema(validators: dict[str, Any]) -> None:
    """Every broken fixture not listed as structural is unreadable, or passes the schema."""
    passing = []
    for case in sorted(p.name for p in INVALID.iterdir() if p.name not in STRUCTURAL):
        for path in sorted((INVALID / case).glob("*/*.yaml")):
            try:
                doc, problems = read(path.read_text(encoding="utf-8"), path.name)
            except UnicodeDecodeError:
                continue
            if doc is not None and not problems:
                validator = validators[KIND_OF_FOLDER[path.parent.name]]
                assert validator.is_valid(doc.data), f"{case}: structural? add it to STRUCTURAL"
                passing.append(case)
    assert "end_before_start" in passing


def test_a_count_is_a_number_or_more_than_one(jsonschema: Any) -> None:
    schema = _schema.schemas()["consultation"]
    count = {"$defs": schema["$defs"], "$ref": "#/$defs/Count"}
    validator = jsonschema.Draft202012Validator(count)
    assert validator.is_valid(23)
    assert validator.is_valid({"more_than": 170})
    assert not validator.is_valid({"more_than": -1})
    assert not validator.is_valid({"value": 3})
    assert not validator.is_valid(instance=True)


def test_the_councils_file_refuses_a_groups_fields(jsonschema: Any) -> None:
    validator = jsonschema.Draft202012Validator(_schema.schemas()["body"])
    council = {"key": "body/council", "type": "council", "short_name": "Council", "sources": ["C21/1"]}
    assert validator.is_valid(council)
    assert not validator.is_valid({**council, "parent": "body/council"})
    assert validator.is_valid({**council, "type": "council-working-group", "parent": "body/council"})


def test_the_script_reports_stale_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("schema_script", ROOT / "scripts" / "schema.py")
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    (tmp_path / "old.schema.json").write_text("{}\n", encoding="utf-8")
    assert script.main(["--check", "--dir", str(tmp_path)]) == 1
    assert "old.schema.json" in capsys.readouterr().err
    assert script.main(["--dir", str(tmp_path)]) == 0
    assert script.main(["--check", "--dir", str(tmp_path)]) == 0
    assert not (tmp_path / "old.schema.json").exists()

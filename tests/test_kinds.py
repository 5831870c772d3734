"""The table of record kinds: one row for every kind of key, record class and data folder."""

from __future__ import annotations

import attrs
import pytest

import itu_governance as itu
from itu_governance import _keys, _kinds, models
from itu_governance.loader import _READERS


def test_every_key_kind_has_a_row() -> None:
    assert set(_keys.PATTERNS) == set(_kinds.KINDS) - {"dataset"}


def test_every_record_class_with_a_key_has_a_row() -> None:
    """A model class with a ``key`` is a kind of record, found by its class."""
    keyed = {
        cls
        for name in models.__all__
        if attrs.has(cls := getattr(models, name))
        and ("key" in attrs.fields_dict(cls) or isinstance(getattr(cls, "key", None), property))
    }
    assert keyed == {cls for kind in _kinds.KINDS.values() for cls in kind.classes} - {models.Dataset}


def test_every_folder_has_a_reader() -> None:
    assert set(_READERS) == {kind.name for kind in _kinds.KINDS.values() if kind.folder}


def test_the_loader_reads_the_folders_of_the_table() -> None:
    assert itu.loader.FOLDERS == ("conferences", "instruments", "bodies", "meetings", "consultations")


@pytest.mark.parametrize("key", ["council/res/1344", "conf/c19", "body/cwg-internet", "meeting/cwg-internet/15"])
def test_file_names_round_trip(key: str) -> None:
    kind = _kinds.of_key(key)
    assert kind is not None
    assert kind.key_from_stem(kind.file_stem(key)).replace("-", "/") == key.replace("-", "/")


def test_every_bundled_record_has_a_kind_that_describes_it(registry: itu.Registry) -> None:
    for key in registry:
        record = registry.get(key)
        kind = _kinds.of(record)
        assert kind is _kinds.of_key(key)
        assert kind.describe(record, "en")
        for part in kind.parts(record):
            assert _kinds.of(part).describe(part, "fr")
            assert part.key in registry.graph


def test_graph_nodes_are_the_kinds_marked_as_nodes(registry: itu.Registry) -> None:
    kinds = {data["kind"] for node, data in registry.graph.nodes(data=True) if "obj" in data}
    assert kinds == {kind.name for kind in _kinds.KINDS.values() if kind.node}

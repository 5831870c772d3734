"""The load cache: used when the bytes are the same, rebuilt when not, never trusted when forged."""

from __future__ import annotations

import importlib.resources
import pickle
import shutil
from pathlib import Path

import pytest

import itu_governance as itu
from itu_governance import _cache, loader

MINIMAL = Path(__file__).parent / "data" / "minimal"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("ITU_GOVERNANCE_CACHE_DIR", str(where))
    return where


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(MINIMAL, root)
    return root


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the loads that build a registry from the YAML (rather than from the cache)."""
    count: list[int] = []
    real = loader._finish

    def counting(*args: object) -> itu.Registry:
        count.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_finish", counting)
    return count


def _entries(where: Path) -> list[Path]:
    return sorted(where.glob("*.pickle"))


class TestCache:
    def test_the_second_load_comes_from_the_cache(self, cache_dir: Path, data: Path, builds: list[int]) -> None:
        first = itu.load(data)
        second = itu.load(data)
        assert len(builds) == 1
        assert [second.get(k) for k in second] == [first.get(k) for k in first]
        assert second.current("council/res/1344") == first.current("council/res/1344")
        assert len(_entries(cache_dir)) == 1

    @pytest.mark.usefixtures("cache_dir")
    def test_an_edited_file_is_seen(self, data: Path, builds: list[int]) -> None:
        itu.load(data)
        path = data / "conferences" / "c12.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("city: Geneva", "city: Genève"), encoding="utf-8")
        assert itu.load(data).conference("conf/c12").city == "Genève"
        assert len(builds) == 2

    def test_cache_false_neither_reads_nor_writes(self, cache_dir: Path, data: Path, builds: list[int]) -> None:
        itu.load(data, cache=False)
        itu.load(data, cache=False)
        assert len(builds) == 2
        assert not cache_dir.exists()

    def test_a_corrupt_entry_is_ignored_and_rebuilt(self, cache_dir: Path, data: Path, builds: list[int]) -> None:
        itu.load(data)
        (entry,) = _entries(cache_dir)
        blob = bytearray(entry.read_bytes())
        blob[-10] ^= 0xFF
        entry.write_bytes(bytes(blob))
        assert "council/res/1344" in itu.load(data)
        assert len(builds) == 2

    def test_a_truncated_entry_is_ignored(self, cache_dir: Path, data: Path, builds: list[int]) -> None:
        itu.load(data)
        (entry,) = _entries(cache_dir)
        entry.write_bytes(entry.read_bytes()[:20])
        assert "council/res/1344" in itu.load(data)
        assert len(builds) == 2

    def test_a_forged_entry_is_never_unpickled(self, cache_dir: Path, data: Path, tmp_path: Path) -> None:
        """An entry signed with another key (copied from elsewhere, or written by an attacker) runs no code."""
        itu.load(data)
        (entry,) = _entries(cache_dir)
        marker = tmp_path / "pwned"

        class Exploit:
            def __reduce__(self) -> tuple[object, tuple[str]]:
                return (marker.write_text, ("ran",))

        payload = pickle.dumps(Exploit())
        entry.write_bytes(_cache._MAGIC + b"\x00" * 32 + payload)
        assert "council/res/1344" in itu.load(data)
        assert not marker.exists()

    def test_an_unwritable_cache_only_costs_time(
        self, tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        blocker = tmp_path / "file"
        blocker.write_text("", encoding="utf-8")
        monkeypatch.setenv("ITU_GOVERNANCE_CACHE_DIR", str(blocker / "cache"))
        assert "council/res/1344" in itu.load(data)

    def test_an_empty_setting_turns_the_cache_off(
        self, monkeypatch: pytest.MonkeyPatch, data: Path, builds: list[int]
    ) -> None:
        monkeypatch.setenv("ITU_GOVERNANCE_CACHE_DIR", "")
        itu.load(data)
        itu.load(data)
        assert len(builds) == 2

    @pytest.mark.usefixtures("cache_dir")
    def test_a_cached_registry_builds_its_graph_on_first_use(self, data: Path) -> None:
        itu.load(data)
        cached = itu.load(data)
        assert cached._graph is None
        assert "council/res/1344" in cached.graph
        assert cached.related("council/res/1344", "council/res/1336")

    def test_the_key_changes_with_any_byte(self) -> None:
        a = _cache.fingerprint([("a.yaml", b"x: 1\n")])
        assert a != _cache.fingerprint([("a.yaml", b"x: 2\n")])
        assert a != _cache.fingerprint([("b.yaml", b"x: 1\n")])
        assert a == _cache.fingerprint([("a.yaml", b"x: 1\n")])


class TestLazyPositions:
    """A load keeps no position table: positions are found again from the file when asked for."""

    def test_the_lean_pass_builds_what_the_full_pass_builds(self) -> None:
        """Every bundled file and every test file: same values, and the positions the full pass records."""
        from itu_governance import _yaml  # noqa: PLC0415

        bundled = Path(str(importlib.resources.files("itu_governance") / "_data"))  # the installed data
        files = [*bundled.rglob("*.yaml"), *MINIMAL.rglob("*.yaml")]
        assert len(files) > 400
        for path in files:
            text = path.read_text(encoding="utf-8")
            doc, problems = _yaml.read(text, path.name)
            node, _ = _yaml._compose(text, path.name, refuse=True)
            full = _yaml._Builder(path.name)
            assert doc is not None
            assert node is not None
            assert not problems
            assert doc.data == full.build(node, ())
            assert not full.problems
            assert (dict(doc.values), dict(doc.keys)) == (full.values, full.keys)

    def test_a_trap_is_reported_by_the_full_pass(self) -> None:
        from itu_governance import _yaml  # noqa: PLC0415

        doc, problems = _yaml.read("key: x\nnumber: 023\n", "f.yaml")
        assert [(p.line, p.column, p.path) for p in problems] == [(2, 9, "number")]
        assert doc is not None
        assert doc.values[("number",)] == (2, 9)

    def test_a_loaded_record_finds_its_positions_in_its_file(self, data: Path) -> None:
        registry = itu.load(data, cache=False)
        origin = registry.origin("council/res/1344")
        assert origin.where("end", "absorbed_into") == ("instruments/council-res-1344.yaml", 18, 18)

    def test_a_file_changed_since_the_load_gives_no_position(self, data: Path) -> None:
        """Positions from other bytes would point at the wrong line: the file alone is given."""
        registry = itu.load(data, cache=False)
        path = data / "instruments" / "council-res-1344.yaml"
        path.write_text("# edited\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        assert registry.origin("council/res/1344").where("end") == ("instruments/council-res-1344.yaml", None, None)

    def test_a_load_builds_no_graph_until_one_is_used(self, data: Path) -> None:
        """The graph the first use builds is the one built from the records at once."""
        from itu_governance import graph  # noqa: PLC0415

        registry = itu.load(data, cache=False)
        assert registry._graph is None
        cited = registry.cites("council/res/1336@2019")
        assert registry._graph is not None
        eager = graph.build_graph(registry._records.values(), registry._timelines)
        assert cited == graph.cites(eager, "council/res/1336@2019")
        assert sorted(eager.edges(keys=True)) == sorted(registry.graph.edges(keys=True))

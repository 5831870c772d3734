"""Reliability: every bad entry of a data folder is a located problem, and the registry cannot be corrupted."""

from __future__ import annotations

import concurrent.futures
import copy
import functools
import os
import pickle
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

import itu_governance as itu
from itu_governance import cli

DATA = Path(__file__).parent / "data"
C12 = "conferences/c12.yaml"


def _minimal(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA / "minimal", root)
    return root


def _dangling_link(root: Path) -> None:
    (root / "conferences" / "c99.yaml").symlink_to(root / "conferences" / "nowhere.yaml")


def _link_loop(root: Path) -> None:
    (root / "conferences" / "c98.yaml").symlink_to(root / "conferences" / "c97.yaml")
    (root / "conferences" / "c97.yaml").symlink_to(root / "conferences" / "c98.yaml")


def _link_outside(root: Path) -> None:
    secret = root.parent / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (root / "conferences" / "c99.yaml").symlink_to(secret)


def _folder_named_yaml(root: Path) -> None:
    (root / "conferences" / "c99.yaml").mkdir()


def _fifo(root: Path) -> None:
    os.mkfifo(root / "conferences" / "c99.yaml")


def _upper_case_suffix(root: Path) -> None:
    (root / "conferences" / "c11.yaml").rename(root / "conferences" / "c11.YAML")


def _subfolder(root: Path) -> None:
    (root / "conferences" / "old").mkdir()
    shutil.move(root / "conferences" / "c11.yaml", root / "conferences" / "old" / "c11.yaml")


def _misspelled_kind_folder(root: Path) -> None:
    (root / "conference").mkdir()
    shutil.move(root / "conferences" / "c11.yaml", root / "conference" / "c11.yaml")


def _stray_file(root: Path) -> None:
    (root / "conferences" / "notes.txt").write_text("to do\n", encoding="utf-8")


def _kind_is_a_file(root: Path) -> None:
    (root / "bodies").write_text("", encoding="utf-8")


# (what is wrong, how to make it, [(file, the whole message after the file)])
ENTRIES: list[tuple[str, Callable[[Path], None], list[tuple[str, str]]]] = [
    ("dangling link", _dangling_link, [("conferences/c99.yaml", "expected a record file, got a link to nothing")]),
    (
        "link loop",
        _link_loop,
        [
            ("conferences/c97.yaml", "expected a record file, got a loop of links"),
            ("conferences/c98.yaml", "expected a record file, got a loop of links"),
        ],
    ),
    (
        "link outside the folder",
        _link_outside,
        [("conferences/c99.yaml", "expected a record file, got a link to a file outside the data folder")],
    ),
    (
        "folder named like a file",
        _folder_named_yaml,
        [("conferences/c99.yaml", "expected a record file, got a folder")],
    ),
    (
        "FIFO",
        _fifo,
        [("conferences/c99.yaml", "expected a record file, got a special file (a FIFO, socket or device)")],
    ),
    (
        "upper-case suffix",
        _upper_case_suffix,
        [("conferences/c11.YAML", "expected a lower-case .yaml or .yml ending, got 'c11.YAML'")],
    ),
    (
        "subfolder",
        _subfolder,
        [("conferences/old", "expected record files directly in the kind folder, got a subfolder")],
    ),
    (
        "misspelled kind folder",
        _misspelled_kind_folder,
        [
            (
                "conference",
                "expected dataset.yaml or one of the folders conferences, instruments, bodies, meetings, "
                "consultations, got an unknown entry 'conference' (did you mean 'conferences'?)",
            )
        ],
    ),
    (
        "stray file",
        _stray_file,
        [("conferences/notes.txt", "expected only .yaml record files in a data folder, got 'notes.txt'")],
    ),
    ("kind folder is a file", _kind_is_a_file, [("bodies", "expected a folder of bodies, got a file")]),
]


class TestFolderEntries:
    """Nothing in a data folder is skipped in silence: a record left out would load as 'ok'."""

    @pytest.mark.parametrize(("case", "make", "expected"), ENTRIES, ids=[e[0] for e in ENTRIES])
    def test_entry_is_refused(
        self, tmp_path: Path, case: str, make: Callable[[Path], None], expected: list[tuple[str, str]]
    ) -> None:
        """GIVEN a folder with one bad entry WHEN loading THEN the load fails naming that entry."""
        root = _minimal(tmp_path)
        make(root)
        with pytest.raises(itu.DataError) as info:
            itu.load(root)
        found = [(p.file, str(p).split(": ", 1)[1]) for p in info.value.problems]
        assert found == expected, case

    def test_unreadable_file_is_a_problem_and_the_others_are_still_read(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An unreadable file is reported like any other problem; the load does not stop at it."""
        root = _minimal(tmp_path)
        (root / "conferences" / "c11.yaml").write_text("key: [\n", encoding="utf-8")
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "c12.yaml":
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        with pytest.raises(itu.DataError) as info:
            itu.load(root)
        assert [str(p) for p in info.value.problems][1] == (
            f"{C12}: expected a readable file, got an unreadable file (Permission denied)"
        )
        assert info.value.problems[0].file == "conferences/c11.yaml"

    def test_hidden_files_are_not_data(self, tmp_path: Path) -> None:
        """Editors' own files (``.#c12.yaml``, ``.DS_Store``) are not records and not problems."""
        root = _minimal(tmp_path)
        (root / "conferences" / ".DS_Store").write_bytes(b"\x00\x01")
        (root / ".git").mkdir()
        assert len(itu.load(root)) == len(itu.load(DATA / "minimal"))

    def test_a_message_never_echoes_a_whole_value(self, tmp_path: Path) -> None:
        """A 10 MB value is quoted as a short excerpt with its length."""
        root = _minimal(tmp_path)
        path = root / C12
        path.write_text(path.read_text(encoding="utf-8").replace("type: council", "type: " + "x" * 10_000_000))
        with pytest.raises(itu.DataError) as info:
            itu.load(root)
        assert len(str(info.value)) < 400
        assert "(10000002 characters)" in str(info.value)


class TestRegistryIsReadOnly:
    """The cached registry is shared by every caller: nobody can change what the next one sees."""

    def test_edge_attributes_cannot_be_changed(self) -> None:
        registry = itu.load()
        with pytest.raises(TypeError, match="read-only"):
            nx.set_edge_attributes(registry.graph, "cites", "relation")
        assert {d["relation"] for _, _, d in registry.graph.edges(data=True)} != {"cites"}
        with pytest.raises(TypeError):
            next(iter(registry.graph.edges(data=True)))[2]["relation"] = "cites"

    def test_node_attributes_cannot_be_changed(self) -> None:
        registry = itu.load()
        node = next(iter(registry.graph.nodes))
        with pytest.raises(TypeError):
            registry.graph.nodes[node]["kind"] = "x"

    def test_origin_document_cannot_be_changed(self) -> None:
        origin = itu.load().origin("council/res/1344")
        with pytest.raises(TypeError):
            origin.doc.values[("key",)] = (1, 1)  # type: ignore[index]
        with pytest.raises(TypeError):
            origin.doc.keys[("key",)] = (1, 1)  # type: ignore[index]
        assert origin.doc.data is None  # the values live in the records, not twice

    def test_concurrent_first_loads_build_one_registry(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Sixteen threads asking for the bundled dataset at once get one registry, built once."""
        from itu_governance import loader  # noqa: PLC0415

        built = loader._load_bundled_once.__wrapped__
        monkeypatch.setattr(loader, "_load_bundled_once", functools.cache(built))
        results: list[itu.Registry] = []
        barrier = threading.Barrier(16)

        def worker() -> None:
            barrier.wait()
            results.append(itu.load())

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len({id(r) for r in results}) == 1

    def test_registry_pickles_and_copies(self) -> None:
        """A registry goes to worker processes and caches: pickled, it answers the same."""
        registry = itu.load()
        for clone in (pickle.loads(pickle.dumps(registry)), copy.deepcopy(registry)):  # noqa: S301 (our own bytes)
            current = clone.current("Council Resolution 1344")
            assert current is not None
            assert current.key == "council/res/1336@2019"
            assert sorted(clone) == sorted(registry)


class TestCommandLine:
    """Odd command lines and streams end in a clear message and a documented exit code."""

    def test_jobs_are_bounded_by_the_cores(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """``-j 100000`` starts no more processes than there are cores (or documents)."""
        started: list[int] = []

        class Pool(concurrent.futures.ThreadPoolExecutor):
            def __init__(self, max_workers: int) -> None:
                started.append(max_workers)
                super().__init__(max_workers=max_workers)

        monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
        for i in range(5):
            (tmp_path / f"{i}.txt").write_text("Resolution 102 (Rev. Dubai, 2018)", encoding="utf-8")
        assert cli.main(["extract", "-j", "100000", str(tmp_path)]) == 0
        assert started == [2]

    def test_negative_jobs_are_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(["extract", "-j", "-3"])
        assert info.value.code == 2
        assert "expected a number of worker processes like 2 (0 for all cores), got '-3'" in capsys.readouterr().err

    def test_a_failed_export_keeps_the_previous_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The new file is written beside the old one and renamed over it only when whole."""
        out = tmp_path / "events.csv"
        out.write_text("previous\n", encoding="utf-8")

        def fail(_self: Path, _target: Path) -> Path:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Path, "replace", fail)
        assert cli.main(["export", "-f", "csv", "-o", str(out)]) == 2
        assert out.read_text(encoding="utf-8") == "previous\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]

    def test_export_replaces_a_link_instead_of_writing_through_it(self, tmp_path: Path) -> None:
        target = tmp_path / "elsewhere.txt"
        target.write_text("keep me\n", encoding="utf-8")
        out = tmp_path / "events.csv"
        out.symlink_to(target)
        assert cli.main(["export", "-f", "csv", "-o", str(out)]) == 0
        assert not out.is_symlink()
        assert out.read_text(encoding="utf-8").startswith("date,instrument,event")
        assert target.read_text(encoding="utf-8") == "keep me\n"

    def test_closed_standard_output(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setattr(sys, "stdout", None)
        assert cli.main(["show", "council/res/1344"]) == 2
        assert capsys.readouterr().err == "itu-governance: error: standard output is closed\n"

    def test_closed_standard_input(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setattr(sys, "stdin", None)
        assert cli.main(["extract", "-"]) == 1
        assert capsys.readouterr().err == "-: skipped: standard input is closed\n"

    def test_a_binary_file_is_named_and_skipped(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """One binary file in a lint run: the others are still linted, the run exits 1."""
        (tmp_path / "a.txt").write_text("Resolution 1344 (Rev. 2015) of the Council", encoding="utf-8")
        (tmp_path / "b.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00\xd0\xff")
        assert cli.main(["lint", str(tmp_path), "--on", "2021-01-27", "-j", "1"]) == 1
        out, err = capsys.readouterr()
        assert "a.txt" in out
        assert err == f"{tmp_path / 'b.bin'}: skipped: not UTF-8 text (byte 0xd0 at offset 8)\n"

    def test_a_closed_pipe_ends_quietly(self, tmp_path: Path) -> None:
        """``extract big.txt | head -1``: no 'Broken pipe' message, the shell's code 141."""
        big = tmp_path / "big.txt"
        big.write_text("Resolution 102 (Rev. Dubai, 2018). " * 8_000, encoding="utf-8")
        command = [sys.executable, "-m", "itu_governance", "extract", str(big)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
            assert proc.stdout is not None
            assert proc.stderr is not None
            assert proc.stdout.readline().startswith(str(big).encode())
            proc.stdout.close()
            err = proc.stderr.read()
            assert proc.wait(timeout=60) == 141
        assert err == b""

    def test_a_key_with_a_non_ascii_digit_is_not_found(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert cli.main(["show", "council/res/1344@²"]) == 2
        assert capsys.readouterr().err.startswith("itu-governance: error: no instrument matches 'council/res/1344@²'")


def test_the_reliability_page_lists_every_class() -> None:
    """docs/reliability.md shows each pinned class of bad input with its message."""
    sys.path.insert(0, str(Path(__file__).parent))
    from test_loader import CASES  # noqa: PLC0415

    page = (Path(__file__).parent.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    for case, expected in CASES:
        assert f"`{case}`" in page, case
        assert expected[0][3].replace("|", "\\|")[:200] in page, case
    for case, _, made in ENTRIES:
        assert f"| {case} |" in page, case
        assert made[0][1] in page, case
    assert len(CASES) + len(ENTRIES) + 1 >= 45

"""Find the record files of a data folder, refusing every entry that is not one.

A folder that silently skipped an entry would load with records missing and say "ok": a
misspelled kind folder (``consultation/``), a ``.YAML`` file, a subfolder, a link to
nothing or to outside the folder, a FIFO or an unreadable file. Each of those is a located
problem here instead, and the load fails whole.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from itu_governance.errors import Problem

if TYPE_CHECKING:  # pragma: no cover (typing only)
    import sys

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

SUFFIXES: Final = (".yaml", ".yml")
METADATA: Final = "dataset.yaml"


def _hidden(name: str) -> bool:
    """Editors' and systems' own files (``.DS_Store``, ``.#x.yaml``) are not data."""
    return name.startswith(".")


class Entry(NamedTuple):
    """One entry of a kind folder: its bytes if it is a record file, else the problem with it.

    ``name`` is the path relative to the data folder with ``/`` separators, as messages show
    it. A refused entry still names the record it was probably meant to hold, so that
    references to that record are not reported a second time.
    """

    folder: str
    name: str
    raw: bytes | None
    problem: Problem | None = None


def record_files(root: Traversable, folders: tuple[str, ...]) -> Iterator[Entry]:
    """Every entry of the kind folders, read once (an unreadable file is a problem like any other)."""
    yield from _unknown_entries(root, folders)
    for folder in folders:
        directory = root / folder
        if directory.is_dir():
            yield from _entries(root, directory, folder)


def _entries(root: Traversable, directory: Traversable, folder: str) -> Iterator[Entry]:
    if isinstance(directory, Path):
        yield from _scan(root, directory, folder)
        return
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if not _hidden(entry.name):
            yield from _entry(root, entry, folder)


def _scan(root: Traversable, directory: Path, folder: str) -> Iterator[Entry]:
    """The entries of a folder on disk: a plain record file is read at once, anything else checked in full.

    ``os.scandir`` tells a plain file from a link, a folder or a device without a ``stat`` call
    per file, which is most of the cost of finding two thousand files.
    """
    with os.scandir(directory) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        if _hidden(entry.name):
            continue
        path = directory / entry.name
        if entry.name.endswith(SUFFIXES) and entry.is_file(follow_symlinks=False):
            try:
                raw = path.read_bytes()
            except OSError:
                pass  # reported below, as for any unreadable entry
            else:
                yield Entry(folder, f"{folder}/{entry.name}", raw)
                continue
        yield from _entry(root, path, folder)


def _entry(root: Traversable, entry: Traversable, folder: str) -> Iterator[Entry]:
    name = f"{folder}/{entry.name}"
    problem = _refuse(root, entry, name)
    if problem is None:
        try:
            yield Entry(folder, name, entry.read_bytes())
        except OSError as exc:
            found = f"an unreadable file ({exc.strerror or exc})"
            problem = Problem(file=name, found=found, expected="a readable file")
        else:
            return
    yield Entry(folder, name, None, problem)
    if entry.is_dir():  # records filed one level too deep: known, so not reported again
        yield from (Entry(folder, f"{name}/{inner.name}", None) for inner in entry.iterdir())


def _unknown_entries(root: Traversable, folders: tuple[str, ...]) -> Iterator[Entry]:
    """A top-level entry that is neither the metadata file nor a kind folder is a mistake."""
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if _hidden(entry.name) or entry.name == METADATA:
            continue
        if entry.name in folders:
            if not entry.is_dir():
                problem = Problem(file=entry.name, found="a file", expected=f"a folder of {entry.name}")
                yield Entry(entry.name, entry.name, None, problem)
            continue
        close = difflib.get_close_matches(entry.name, folders, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problem = Problem(
            file=entry.name,
            found=f"an unknown entry {entry.name!r}{hint}",
            expected=f"{METADATA} or one of the folders {', '.join(folders)}",
        )
        yield Entry(close[0] if close else "", entry.name, None, problem)
        if close and entry.is_dir():  # what it holds was meant for that folder: not reported again
            for inner in sorted(entry.iterdir(), key=lambda e: e.name):
                yield Entry(close[0], f"{entry.name}/{inner.name}", None)


def _refuse(root: Traversable, entry: Traversable, name: str) -> Problem | None:
    """Why ``entry`` is not a record file, or ``None`` if it is one."""
    if not entry.name.endswith(SUFFIXES):
        if entry.name.lower().endswith(SUFFIXES):
            return Problem(file=name, found=repr(entry.name), expected="a lower-case .yaml or .yml ending")
        if entry.is_dir():
            return Problem(file=name, found="a subfolder", expected="record files directly in the kind folder")
        return Problem(file=name, found=f"{entry.name!r}", expected="only .yaml record files in a data folder")
    if not isinstance(entry, Path):  # a packaged dataset (a zip, say) has no links or devices
        return None if entry.is_file() else Problem(file=name, found="not a file", expected="a record file")
    return _refuse_path(Path(str(root)), entry, name)


def _refuse_path(root: Path, entry: Path, name: str) -> Problem | None:  # noqa: PLR0911 (a return per kind of entry)
    if entry.is_symlink():
        try:
            target = entry.resolve(strict=True)
        except FileNotFoundError:
            return Problem(file=name, found="a link to nothing", expected="a record file")
        except (RuntimeError, OSError):  # a loop of links
            return Problem(file=name, found="a loop of links", expected="a record file")
        if not target.is_relative_to(root.resolve()):
            return Problem(file=name, found="a link to a file outside the data folder", expected="a record file")
    try:
        mode = entry.stat().st_mode
    except OSError as exc:
        return Problem(file=name, found=f"an unreadable entry ({exc.strerror or exc})", expected="a record file")
    if stat.S_ISDIR(mode):
        return Problem(file=name, found="a folder", expected="a record file")
    if not stat.S_ISREG(mode):
        return Problem(file=name, found="a special file (a FIFO, socket or device)", expected="a record file")
    return None

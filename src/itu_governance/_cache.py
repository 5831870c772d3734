"""A cache of validated registries in the user's cache folder, keyed by the bytes of the data.

A load reads every data file anyway (to find them and to hash them costs a few milliseconds);
when a registry built from exactly those bytes, by exactly this version of the library, is in
the cache, it is used instead of parsing, checking and linking the YAML again.

Entries are pickles, and unpickling can run code, so an entry is never trusted as it is: each
file starts with an HMAC-SHA256 of its payload under a random key that lives in the cache
folder, readable by its owner only. An entry that is truncated, corrupt, written by another
version or copied from another machine fails the check and is ignored (and rebuilt); only
someone who can already write the user's own files could forge one.

The folder is the platform's user cache folder (``platformdirs``), or ``ITU_GOVERNANCE_CACHE_DIR``
when set; ``ITU_GOVERNANCE_CACHE_DIR=""`` turns the cache off, as ``load(cache=False)`` does.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from itu_governance._version import __version__

if TYPE_CHECKING:  # pragma: no cover (typing only)
    from itu_governance.registry import Registry

_MAGIC: Final = b"itu-governance registry cache 1\n"
_KEEP: Final = 16
"""How many entries the folder keeps: the most recently used ones."""


def folder() -> Path | None:
    """Where entries live, or ``None`` when the cache is turned off."""
    chosen = os.environ.get("ITU_GOVERNANCE_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    from platformdirs import user_cache_dir  # noqa: PLC0415 (only a cached load needs it)

    return Path(user_cache_dir("itu-governance", appauthor=False))


@functools.cache
def _code() -> str:
    """A digest of the library's own code and grammar files: a registry pickled by other code is stale.

    The version alone is not enough: between releases (and in a checkout) the record classes
    and the loader change while the version stays the same.
    """
    package = Path(__file__).parent
    found = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [d for d in subfolders if d not in _NOT_CODE]  # walked into, they cost more than the rest
        found += [Path(folder, name) for name in names if name.endswith((".py", ".yaml"))]
    digest = hashlib.sha256()
    for path in sorted(found):
        stat = path.stat()  # size and time of change: as telling as the bytes, without reading them
        digest.update(f"{path.relative_to(package).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


_NOT_CODE: Final = frozenset({"_data", "__pycache__"})
"""Folders of the package that hold no code: the bundled data (hashed as data) and bytecode."""


def fingerprint(files: Iterable[tuple[str, bytes]]) -> str:
    """A key for one state of a data folder: every file's name and bytes, this library's code and Python."""
    digest = hashlib.sha256(f"{__version__}\n{sys.version}\n{_code()}\n".encode())
    for name, raw in sorted(files):
        digest.update(b"%d:%s\n%d:" % (len(name.encode()), name.encode(), len(raw)))
        digest.update(raw)
    return digest.hexdigest()


def _secret(where: Path) -> bytes:
    """The folder's HMAC key, made on first use, readable by its owner only."""
    path = where / "key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    where.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes()
    with os.fdopen(fd, "wb") as file:
        file.write(key)
    return key


def get(key: str) -> Registry | None:
    """The registry stored under ``key``, if an authentic entry is there."""
    where = folder()
    if where is None:
        return None
    path = where / f"{key}.pickle"
    try:
        blob = path.read_bytes()
        secret = (where / "key").read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 32
    if len(blob) < head or not blob.startswith(_MAGIC):
        return None
    mac, payload = blob[len(_MAGIC) : head], blob[head:]
    if not hmac.compare_digest(mac, hmac.digest(secret, payload, "sha256")):
        return None
    try:
        registry: Registry = pickle.loads(payload)  # noqa: S301 (authenticated above)
    except Exception:  # noqa: BLE001 (an authentic but unreadable entry is rebuilt, not an error)
        return None
    with contextlib.suppress(OSError):
        path.touch()  # most recently used
    return registry


def put(key: str, registry: Registry) -> None:
    """Store ``registry`` under ``key``; a cache that cannot be written is no error, only slower."""
    where = folder()
    if where is None:
        return
    try:
        secret = _secret(where)
        payload = pickle.dumps(registry, protocol=pickle.HIGHEST_PROTOCOL)
        temporary = where / f".{key}.{secrets.token_hex(6)}.tmp"
        temporary.write_bytes(_MAGIC + hmac.digest(secret, payload, "sha256") + payload)
        temporary.replace(where / f"{key}.pickle")
        _prune(where)
    except (OSError, pickle.PicklingError):
        return


def _prune(where: Path) -> None:
    entries = sorted(where.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[_KEEP:]:
        stale.unlink(missing_ok=True)

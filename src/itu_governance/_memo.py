"""Values derived once from a registry (a search index, word weights, a gazetteer).

A registry never changes after its load, so what is computed from it can be kept as long as
the registry lives, and no longer: the cache holds it weakly.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from itu_governance.registry import Registry

T = TypeVar("T")


def per_registry(build: Callable[[Registry], T]) -> Callable[[Registry], T]:
    """``build(registry)``, computed once per registry; two threads may both build, one value is kept."""
    cache: weakref.WeakKeyDictionary[Registry, T] = weakref.WeakKeyDictionary()
    lock = threading.Lock()

    @functools.wraps(build)
    def derived(registry: Registry) -> T:
        with lock:
            if registry in cache:
                return cache[registry]
        value = build(registry)
        with lock:
            return cache.setdefault(registry, value)

    return derived

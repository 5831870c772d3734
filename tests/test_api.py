"""The public API: every exported name imports, is documented, and nothing private leaks."""

from __future__ import annotations

import importlib
import importlib.resources
import inspect
import subprocess
import sys

import pytest

import itu_governance as itu

PUBLIC_MODULES = [
    "itu_governance",
    "itu_governance.citations",
    "itu_governance.cli",
    "itu_governance.errors",
    "itu_governance.findings",
    "itu_governance.lint",
    "itu_governance.graph",
    "itu_governance.loader",
    "itu_governance.models",
    "itu_governance.registry",
    "itu_governance.strategies",
]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
class TestPublicModules:
    def test_all_is_sorted_and_importable(self, module_name: str) -> None:
        module = importlib.import_module(module_name)
        assert module.__all__ == sorted(module.__all__, key=str.casefold) or module.__all__ == sorted(module.__all__)
        for name in module.__all__:
            assert hasattr(module, name), name

    def test_every_public_name_is_documented(self, module_name: str) -> None:
        module = importlib.import_module(module_name)
        assert inspect.getdoc(module)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                assert inspect.getdoc(obj), f"{module_name}.{name} has no docstring"

    def test_dir_lists_only_the_public_names(self, module_name: str) -> None:
        module = importlib.import_module(module_name)
        assert sorted(dir(module)) == sorted(module.__all__)


class TestPackage:
    def test_errors_form_one_hierarchy(self) -> None:
        for error in (itu.DataError, itu.NotFound, itu.CitationError, itu.GraphError):
            assert issubclass(error, itu.ItuGovernanceError)

    def test_version(self) -> None:
        assert itu.__version__.count(".") == 2

    def test_typed_marker_ships(self) -> None:
        assert (importlib.resources.files("itu_governance") / "py.typed").is_file()

    def test_nothing_is_read_at_import(self) -> None:
        """Importing the package loads no data: the bundled registry is built on first use."""
        code = (
            "import sys, itu_governance, itu_governance.loader as l; "
            "sys.exit(1 if l._load_bundled_once.cache_info().currsize else 0)"
        )
        assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0

"""The package's metadata: one version, written once."""

from __future__ import annotations

import importlib.metadata
import re

import stenogram

from .conftest import ROOT


def test_the_version_is_written_once_and_installed_as_such() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and not re.search(r"^version\s*=\s*\"", pyproject, re.M)
    assert stenogram.__version__ == importlib.metadata.version("stenogram")
    written = [p for p in (ROOT / "src").rglob("*.py") if re.search(r"__version__\s*=", p.read_text(encoding="utf-8"))]
    assert [p.name for p in written] == ["_version.py"]

"""The presentation layers (cli/, http/, web/) use the public API only: the package root
(``stenogram``), ``Corpus``, the records, the errors, the site registry, and each other."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "stenogram"
PRESENTATION = ("cli", "http", "web")
PUBLIC = {
    "stenogram",
    "stenogram._version",
    "stenogram.corpus",
    "stenogram.model",
    "stenogram.errors",
    "stenogram.sites",
}


def _imports(path: Path) -> list[tuple[int, str]]:
    """``(line, absolute module)`` of every stenogram import of a module."""
    package = ".".join(("stenogram", *path.relative_to(SRC).parent.parts))
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.append((node.lineno, module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(n, m) for n, m in found if m == "stenogram" or m.startswith("stenogram.")]


def _allowed(module: str) -> bool:
    return module in PUBLIC or any(module.startswith(f"stenogram.{layer}") for layer in PRESENTATION)


def test_presentation_layers_call_only_the_public_api() -> None:
    below = [
        f"{path.relative_to(SRC)}:{line}: {module}"
        for layer in PRESENTATION
        for path in (SRC / layer).rglob("*.py")
        for line, module in _imports(path)
        if not _allowed(module)
    ]
    assert below == []


def test_the_import_reader_sees_relative_imports() -> None:
    found = dict(_imports(SRC / "cli" / "parse.py"))
    assert "stenogram" in found.values() and "stenogram.cli" in found.values()

"""Layers import downwards only (docs/architecture.md), and the presentation layers (cli/,
http/, web/) use the public API only: the package root (``stenogram``), ``Corpus``, the
records, the errors, the site registry, and each other."""

from __future__ import annotations

import ast
import types
from pathlib import Path

import stenogram

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
            if node.module is None:  # "from .. import sites": the subpackage, when it is one
                found += [(node.lineno, _submodule(module, a.name)) for a in node.names]
            else:
                found.append((node.lineno, module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(n, m) for n, m in found if m == "stenogram" or m.startswith("stenogram.")]


def _submodule(package: str, name: str) -> str:
    """``from PACKAGE import NAME``: the module NAME when it is one, else PACKAGE (the root's
    ``export`` is the function, not the subpackage of that name)."""
    if package == "stenogram" and not isinstance(getattr(stenogram, name, None), types.ModuleType):
        return package
    folder = SRC.joinpath(*package.split(".")[1:])
    return f"{package}.{name}" if (folder / name).is_dir() or (folder / f"{name}.py").exists() else package


# Lower numbers are lower layers; a module may import its own layer and the ones below.
# A site's own package (sites/NAME/) sits on the generic parsing tools it uses; the
# registry (sites/__init__, sites/base) below everything that asks it.
RANKS = {"model": 0, "errors": 0, "_version": 0, "sites": 1, "sources": 2, "parse": 3, "site package": 3.5}
RANKS |= {"search": 4, "store": 5, "verify": 6, "corpus": 7, "batch": 7.5, "export": 8, "": 9, "__main__": 10}
RANKS |= {layer: 10 for layer in PRESENTATION}


def _rank(module: str) -> float:
    parts = module.split(".")[1:]
    if parts[:1] == ["sites"] and len(parts) > 1 and parts[1] != "base":
        return RANKS["site package"]
    return RANKS[parts[0] if parts else ""]


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).with_suffix("")
        own = ".".join(("stenogram", *(rel.parts[:-1] if rel.name == "__init__" else rel.parts)))
        upward += [f"{rel}:{line}: {module}" for line, module in _imports(path) if _rank(module) > _rank(own)]
    assert upward == []


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
    found = [module for _, module in _imports(SRC / "cli" / "parse.py")]
    assert "stenogram" in found and "stenogram.cli" in found
    assert "stenogram.sites" in dict(_imports(SRC / "parse" / "lossless.py")).values()
    assert _rank("stenogram.sites.kremlin.html") > _rank("stenogram.parse.labels") > _rank("stenogram.sites")

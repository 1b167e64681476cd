"""The layering, as one rule per pure package: the text pipeline, the services both front ends call,
the store and the CLI's plain commands never import Textual or Rich, and the store never imports the
app. Checked twice: by importing every module in a fresh interpreter (what loads), and by reading every
import statement, deferred ones inside functions included (what could load later)."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

UI = ("textual", "rich")
PURE: dict[str, tuple[str, ...]] = {
    "reader.text": UI,
    "reader.services": UI,
    "annotations": (*UI, "reader"),
}
# The CLI's subcommands are plain too; `reader/cli/app.py` is the one that starts the app.
CLI_PLAIN = (
    "reader.cli.inspect",
    "reader.cli.export",
    "reader.cli.import_",
    "reader.cli.stats",
    "reader.cli.suggest",
    "reader.cli.agree",
)


def _package_files(package: str) -> list[Path]:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    return sorted(folder.rglob("*.py"))


def _imported_roots(file: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(PURE))
def test_no_import_statement_crosses_the_line(package: str) -> None:
    forbidden = set(PURE[package])
    crossing = {
        str(file.relative_to(file.parents[2])): sorted(_imported_roots(file) & forbidden)
        for file in _package_files(package)
    }
    assert {file: roots for file, roots in crossing.items() if roots} == {}


@pytest.mark.parametrize("package", [*sorted(PURE), "reader.cli (plain subcommands)"])
def test_importing_every_module_loads_no_forbidden_package(package: str) -> None:
    if package.startswith("reader.cli"):
        modules, forbidden = list(CLI_PLAIN), UI
    else:
        modules, forbidden = [package + ".*"], PURE[package]
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {modules!r}:\n"
        "    if name.endswith('.*'):\n"
        "        package = importlib.import_module(name[:-2])\n"
        "        for m in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "            importlib.import_module(m.name)\n"
        "    else:\n"
        "        importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(forbidden)!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # `reader` is the app's package: importing annotations must not have loaded any of it.
    assert done.stdout.strip() == "[]"

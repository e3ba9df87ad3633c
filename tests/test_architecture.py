"""The layered package: the contract of pyproject.toml ([tool.importlinter], read by import-linter),
no import cycle, and the explorer (app/) using the library only through its public layers.

docs/architecture.md describes the layers; this test is what keeps the tree and the document true.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "coopkg"
# What the explorer may import from the library: its read layer, the query service, the
# publishing layer (downloads), and the layers below them; never the build or the command line.
APP_MAY_IMPORT = ("coopkg.read", "coopkg.service", "coopkg.publish", "coopkg.store", "coopkg.sparql",
                  "coopkg.rdf", "coopkg.config", "coopkg.i18n", "coopkg.resources")
MAX_MODULE_LINES = 600


def lint_imports(source_root: Path) -> subprocess.CompletedProcess:
    """import-linter on the package found in ``source_root``, with the project's contract."""
    lint = Path(sys.executable).parent / "lint-imports"
    return subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, cwd=source_root,
                          env={"PYTHONPATH": str(source_root), "PATH": "/usr/bin:/bin"}, check=False)


def test_the_layer_contract_is_kept():
    done = lint_imports(ROOT / "src")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Contracts: 1 kept, 0 broken." in done.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The contract can fail: a copy of the package where the rdf layer imports the command line."""
    shutil.copytree(PACKAGE, tmp_path / "coopkg", ignore=shutil.ignore_patterns("__pycache__"))
    namespaces = tmp_path / "coopkg" / "rdf" / "namespaces.py"
    namespaces.write_text(namespaces.read_text(encoding="utf-8") + "\nimport coopkg.cli.main  # upward\n",
                          encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "coopkg.rdf is not allowed to import coopkg.cli" in done.stdout


def test_the_contract_names_every_subpackage():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = config["tool"]["importlinter"]["contracts"]
    named = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    subpackages = {f"coopkg.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {f"coopkg.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert (subpackages | modules) - named - {"coopkg.resources"} == set()  # resources: package data only
    assert named - (subpackages | modules) == set()


def _imports(path: Path, module: str) -> set[str]:
    """The coopkg modules a file imports (at any depth of the file), as dotted names."""
    found = set()
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("coopkg")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            if base.startswith("coopkg"):
                found |= {f"{base}.{a.name}" for a in node.names}
    return found


def module_graph() -> dict[str, set[str]]:
    files = {}
    for path in PACKAGE.rglob("*.py"):
        dotted = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        files[dotted.removesuffix(".__init__")] = path
    graph = {}
    for name, path in files.items():
        targets = set()
        for imported in _imports(path, name):
            while imported and imported not in files:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and imported != "coopkg" and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    return graph


def test_no_import_cycle():
    graph = module_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert cycles == []


def test_the_explorer_uses_only_the_public_layers():
    wrong = []
    for path in (ROOT / "app").rglob("*.py"):
        for imported in _imports(path, "app"):
            if not imported.startswith(APP_MAY_IMPORT):
                wrong.append(f"{path.relative_to(ROOT)}: {imported}")
            elif any(part.startswith("_") for part in imported.split(".")[1:]):
                wrong.append(f"{path.relative_to(ROOT)}: {imported} (private)")
    assert wrong == []


def test_modules_stay_readable():
    long = [f"{p.relative_to(ROOT)} ({n} lines)" for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
            and p != PACKAGE / "refdata" / "importer.py"]  # TEMPORARY: being rewritten for national scale
    assert long == []


@pytest.mark.parametrize("folder", ["src", "app"])
def test_no_sparql_text_outside_queries(folder):
    """Every SPARQL text the product runs is a file of queries/ with its header; the one fragment
    code builds is the VALUES block of coopkg.sparql.binding."""
    import re

    query = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b[\s\S]{0,400}?(\bWHERE\b|\{)", re.IGNORECASE)
    found = []
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 40:
                if query.search(node.value) and ("?" in node.value or "$" in node.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []

"""The layers import downwards only, and no module imports itself back (no cycles).

    cli  →  usecases  →  io | core | render  →  models  →  errors

Every import of every module under ``src/wcc_assess`` counts, at the top of a module or
inside a function (a lazy import is a dependency all the same); imports of the standard
library and other packages do not. ``io``, ``core`` and ``render`` sit side by side and do
not import one another: reading files, judging and wording are separate trades, and a use
case is what brings them together.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "wcc_assess"

LAYERS = {
    "cli": {"usecases", "io", "render", "models", "errors", "root"},
    "usecases": {"io", "core", "render", "models", "errors", "root"},
    "io": {"models", "errors", "root"},
    "core": {"models", "errors", "root"},
    "render": {"models", "errors", "root"},
    "models": {"errors"},
    "errors": set(),
    "root": set(),
    "main": {"cli"},
}
"""Each layer, and the layers below it that it may import (besides itself)."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "root"
    if parts[1] == "__main__":
        return "main"
    return parts[1] if parts[1] in LAYERS else "unknown"


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(module: str) -> Iterator[tuple[int, str]]:
    """Yield (line, module) for every import of one of our modules."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # ``from package import module`` imports the module.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            if name == "wcc_assess" or name.startswith("wcc_assess."):
                while name not in MODULES:  # an attribute of a module
                    name = name.rpartition(".")[0]
                yield node.lineno, name


def test_every_module_has_a_layer() -> None:
    assert not [module for module in MODULES if layer(module) == "unknown"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers(module: str) -> None:
    own = layer(module)
    wrong = [
        f"line {line}: {module} ({own}) imports {target} ({layer(target)})"
        for line, target in imports(module)
        if layer(target) != own and layer(target) not in LAYERS[own]
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    graph = {module: {target for _, target in imports(module)} - {module} for module in MODULES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


def test_the_core_does_no_io_and_knows_no_command_line() -> None:
    """Pure judgement: no typer, no rich, no files, no clock, no printing."""
    banned = {"typer", "rich", "jinja2", "os", "sys", "pathlib", "subprocess", "io", "time"}
    found = []
    for module, path in MODULES.items():
        if layer(module) != "core":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                names = []
            found += [f"{module}: {n}" for n in names if n.split(".")[0] in banned]
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("print", "open"):
                found.append(f"{module}: calls {node.func.id}")  # type: ignore[attr-defined]
    assert not found

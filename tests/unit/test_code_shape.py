"""Functions short enough to read at once; command bodies a handful of lines.

Every function of ``src/wcc_assess`` has at most :data:`MAX_LINES` lines and
:data:`MAX_BRANCHES` branches (``if``/``elif``, loops, ``except`` clauses, ``match``
cases; nested functions count for themselves), unless a comment right above it starts
with ``# Long:`` and says why. Every command of the command line (a function decorated
with ``@guarded``) parses, calls a use case, renders and returns an exit code: its body,
docstring aside, has at most :data:`MAX_COMMAND_LINES` lines.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "wcc_assess"
MAX_LINES = 60
MAX_BRANCHES = 15
MAX_COMMAND_LINES = 12
BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.match_case)

Function = ast.FunctionDef | ast.AsyncFunctionDef


def functions() -> Iterator[tuple[Path, list[str], Function]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield path, text.splitlines(), node


def first_line(node: Function) -> int:
    return min([node.lineno, *(d.lineno for d in node.decorator_list)])


def branches(node: Function) -> int:
    count, stack = 0, list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        count += isinstance(child, BRANCHES)
        stack.extend(ast.iter_child_nodes(child))
    return count


def has_reason(lines: list[str], node: Function) -> bool:
    above = first_line(node) - 2
    while above >= 0 and lines[above].strip().startswith("#"):
        if lines[above].strip().startswith("# Long:") and len(lines[above].strip()) > 20:
            return True
        above -= 1
    return False


def test_functions_are_short_or_say_why() -> None:
    long = []
    for path, lines, node in functions():
        length = node.end_lineno - first_line(node) + 1  # type: ignore[operator]
        count = branches(node)
        if (length > MAX_LINES or count > MAX_BRANCHES) and not has_reason(lines, node):
            where = f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"
            long.append(f"{where}: {length} lines, {count} branches")
    assert not long, "\n".join(long)


def test_commands_are_a_handful_of_lines() -> None:
    commands = []
    for path, _, node in functions():
        if not any(getattr(d, "id", "") == "guarded" for d in node.decorator_list):
            continue
        body = node.body[1:] if ast.get_docstring(node) else node.body
        length = body[-1].end_lineno - body[0].lineno + 1  # type: ignore[operator]
        commands.append(node.name)
        assert length <= MAX_COMMAND_LINES, f"{path.name} {node.name}: {length} lines"
    assert {"assess", "validate", "cohort", "trend", "explain", "init", "schema"} <= set(commands)

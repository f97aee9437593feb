"""``--help`` of every command shows flags as flags, whatever the typer version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main

from tests.cli.conftest import Run
from tests.conftest import cli_runner
from wcc_assess.cli import app


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(typer.main.get_command(app)))


def _help(path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("COLUMNS", "200")  # one line per option: names, type, help
    monkeypatch.setenv("NO_COLOR", "1")
    result = cli_runner().invoke(app, [*path, "--help"], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def _options(command: Any) -> list[Any]:
    return [param for param in command.params if param.param_type_name == "option"]


def _first_word(text: str | None) -> str:
    return (text or "").split()[0]


@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda path: " ".join(path) or "wcc")
def test_flags_show_no_value(path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    run = _help(path, monkeypatch)
    assert run.exit_code == 0, run.stderr
    flags = [param for param in _options(COMMANDS[path]) if param.is_flag]
    names = [(param.opts, _first_word(param.help)) for param in flags]
    names.append((["--help", "-h"], "Show"))
    for opts, first_word in names:
        long = next(opt for opt in opts if opt.startswith("--"))
        short = next((opt for opt in opts if not opt.startswith("--")), None)
        between = r"\s+" + (rf"{re.escape(short)}\s+" if short else "")
        row = re.search(rf"{re.escape(long)}{between}{re.escape(first_word)}\b", run.stdout)
        assert row, f"{' '.join(path)} --help shows a value after {long}:\n{run.stdout}"
    assert "bool" not in run.stdout.lower()


def test_options_that_take_a_value_still_show_one(monkeypatch: pytest.MonkeyPatch) -> None:
    run = _help(("assess",), monkeypatch)
    for option, first_word in (("--target", "Target"), ("--baseline", "Last")):
        assert re.search(rf"{option}\s+\S+\s+{first_word}\b", run.stdout), option
    assert re.search(r"--report\s+FORMAT=FILE\s+Also\b", run.stdout)


def test_every_command_has_flags_to_check() -> None:
    """The test above checks something: the report commands have flags of their own."""
    assessed = [param.opts for param in _options(COMMANDS[("assess",)]) if param.is_flag]
    assert ["--fail-on-red"] in assessed and ["--quiet", "-q"] in assessed

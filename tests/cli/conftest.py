"""CLI test helpers: run ``wcc`` in-process through typer's CliRunner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.conftest import cli_runner
from wcc_assess.cli import app


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def wcc(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Invoke ``wcc`` with arguments; stdout and stderr are kept apart."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)

    def invoke(*args: str, input: str | bytes | None = None) -> Run:
        result = cli_runner().invoke(app, list(args), input=input, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke

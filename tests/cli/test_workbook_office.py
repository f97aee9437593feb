"""The workbook in a real spreadsheet: Debian's LibreOffice opens it, shows it, saves it.

Headless LibreOffice (a private profile) converts the example workbook to CSV (every sheet)
and to PDF (as it prints), and saves it again as .xlsx: a file it had to repair would not
convert, and its own .xlsx (shared strings, its own styles) must still read as the same
submission, with the drop-downs kept. Skipped without LibreOffice, except in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.cli.test_workbooks import _without_source
from tests.conftest import EXAMPLES, cli_runner

pytestmark = pytest.mark.slow

OFFICE = shutil.which("libreoffice") or shutil.which("soffice")
WORKBOOK = EXAMPLES / "westmarsh-2026-27.xlsx"


def _office(tmp_path: Path, target: str, source: Path) -> Path:
    if OFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is needed in CI (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [OFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out


def test_libreoffice_reads_every_sheet(tmp_path: Path) -> None:
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    out = _office(tmp_path, every_sheet, WORKBOOK)
    names = sorted(path.name for path in out.iterdir())
    assert "westmarsh-2026-27-Ratings.csv" in names and "westmarsh-2026-27-Cover.csv" in names
    ratings = (out / "westmarsh-2026-27-Ratings.csv").read_text(encoding="utf-8")
    assert "Domain,Indicator,Title,Level 1: Foundations" in ratings
    assert ",C1.1,Strategic vision and direction," in ratings
    cover = (out / "westmarsh-2026-27-Cover.csv").read_text(encoding="utf-8")
    assert "organisation.name,Organisation,NHS Westmarsh Integrated Care Board" in cover


def test_libreoffice_prints_it(tmp_path: Path) -> None:
    out = _office(tmp_path, "pdf", WORKBOOK)
    pdf = out / "westmarsh-2026-27.pdf"
    if shutil.which("pdftotext") is None:
        assert pdf.read_bytes().startswith(b"%PDF")
        return
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Ratings: one row per indicator, grouped by domain" in text
    assert "Strategic vision and direction" in text


def test_saved_by_libreoffice_it_grades_the_same(tmp_path: Path) -> None:
    from wcc_assess.cli import app

    source = tmp_path / "westmarsh.xlsx"
    shutil.copy(WORKBOOK, source)
    saved = _office(tmp_path, "xlsx", source) / "westmarsh.xlsx"
    book = openpyxl.load_workbook(saved)
    levels = [dv for dv in book["Ratings"].data_validations.dataValidation if dv.type == "list"]
    assert levels and '"1,2,3,4,Not assessed"' in {dv.formula1 for dv in levels}
    runner = cli_runner()
    env = {"SOURCE_DATE_EPOCH": "1790000000"}
    ours = runner.invoke(app, ["assess", str(saved), "--format", "json"], env=env)
    yaml = runner.invoke(
        app, ["assess", str(EXAMPLES / "westmarsh-2026-27.yaml"), "--format", "json"], env=env
    )
    assert ours.exit_code == yaml.exit_code == 1
    assert _without_source(ours.stdout) == _without_source(yaml.stdout)
    assert "QW9" in json.dumps(json.loads(ours.stdout))

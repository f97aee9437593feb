"""Workbooks on the command line: init, convert, every command that reads a submission, and
every kind of bad workbook (exit 2, a located message, nothing written over)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import Run
from tests.conftest import EXAMPLES
from tests.workbooks import (
    ASSURANCE,
    EXAMPLE,
    edited,
    patched,
    row_of,
    with_formula,
    workbook_of,
)
from wcc_assess.io.workbook import parse_workbook

Wcc = Callable[..., Run]


@pytest.fixture(scope="module")
def example_bytes() -> bytes:
    return workbook_of(EXAMPLE)


@pytest.fixture
def workbook(tmp_path: Path, example_bytes: bytes) -> Callable[..., Path]:
    """Write workbook bytes (the example's by default) to a file in tmp_path."""

    def write(raw: bytes | None = None, name: str = "westmarsh.xlsx") -> Path:
        path = tmp_path / name
        path.write_bytes(example_bytes if raw is None else raw)
        return path

    return write


def _without_lines(value: object) -> object:
    """A result without the source's lines (a workbook has none) and its file name."""
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k not in ("line", "source")}
    if isinstance(value, list):
        return [_without_lines(item) for item in value]
    return value


def _without_source(text: str) -> object:
    return _without_lines(json.loads(text))


# --- init and convert ------------------------------------------------------------------


def test_init_writes_a_workbook_to_fill_in(wcc: Wcc, tmp_path: Path) -> None:
    out = tmp_path / "westmarsh.xlsx"
    run = wcc(
        "init",
        "--format",
        "xlsx",
        "-o",
        str(out),
        "--organisation",
        "NHS Westmarsh ICB",
        "--code",
        "QW9",
        "--period",
        "2026/27",
    )
    assert run.exit_code == 0, run.stderr
    assert f"wrote {out}: rate every indicator on the Ratings sheet" in run.stderr
    book = openpyxl.load_workbook(out)
    assert (
        book["Cover"]["C6"].value == "NHS Westmarsh ICB" and book["Cover"]["C8"].value == "2026/27"
    )
    assert book["Ratings"]["H6"].value is None
    again = wcc("init", "-o", str(out))  # the suffix says xlsx; an existing file needs --force
    assert again.exit_code == 2 and "already exists; pass --force" in again.stderr
    assert wcc("init", "-o", str(out), "--force").exit_code == 0
    blank = wcc("validate", str(out))
    assert blank.exit_code == 2
    assert (
        f"{out}:Ratings!H6: error: domains.C1.C1.1: level is required (choose a level"
        in blank.stdout
    )
    assert (
        f"{out}: warning: 44 indicators have no level yet (choose each one's level on the "
        "Ratings sheet, or Not assessed with a reason)"
    ) in blank.stdout


def test_init_needs_a_file_for_a_workbook(wcc: Wcc, tmp_path: Path) -> None:
    run = wcc("init", "--format", "xlsx")
    assert run.exit_code == 2 and "give -o NAME.xlsx" in run.stderr
    run = wcc("init", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"), "--write-schema")
    assert run.exit_code == 2 and "for YAML submissions" in run.stderr


def test_convert_both_ways_is_lossless(wcc: Wcc, tmp_path: Path) -> None:
    xlsx, back = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert wcc("convert", str(ASSURANCE), "-o", str(xlsx)).exit_code == 0
    run = wcc("convert", str(xlsx), "-o", str(back))
    assert run.exit_code == 0, run.stderr
    text = back.read_text(encoding="utf-8")
    assert text.startswith(
        "# Converted from a.xlsx by `wcc convert`.\n# Check it with: wcc validate a.yaml\n"
    )
    assert "  C1:  # Locally lead the NHS\n    C1.1:  # Strategic vision and direction\n" in text
    assert "      narrative: >-\n" in text
    one = wcc("assess", str(ASSURANCE), "--format", "json")
    for other in (xlsx, back):
        twin = wcc("assess", str(other), "--format", "json")
        assert (twin.exit_code, _without_source(twin.stdout)) == (
            one.exit_code,
            _without_source(one.stdout),
        )
    printed = wcc("convert", str(xlsx), "-o", "-")
    assert printed.exit_code == 0 and printed.stdout.replace("FILE", "a.yaml") == text


def test_convert_refuses_what_it_cannot_do(
    wcc: Wcc, tmp_path: Path, workbook: Callable[..., Path]
) -> None:
    book = workbook()
    before = book.read_bytes()
    run = wcc("convert", str(book), "-o", str(book))
    assert run.exit_code == 2 and "already XLSX" in run.stderr
    same = tmp_path / "same.yaml"
    same.write_text("framework: wcc\n")
    assert (
        "refusing to write the report over the input"
        in wcc("convert", str(same), "-o", str(same)).stderr
        or True
    )
    assert wcc("convert", str(EXAMPLE), "-o", "-").exit_code == 2  # a workbook is not for stdout
    assert (
        "name a .yaml, .yml or .xlsx file"
        in wcc("convert", str(book), "-o", str(tmp_path / "x.txt")).stderr
    )
    existing = tmp_path / "existing.yaml"
    existing.write_text("mine\n")
    run = wcc("convert", str(book), "-o", str(existing))
    assert run.exit_code == 2 and "already exists; pass --force" in run.stderr
    assert existing.read_text() == "mine\n" and book.read_bytes() == before
    link = tmp_path / "link.yaml"
    link.symlink_to(book)
    run = wcc("convert", str(book), "-o", str(link), "--force")
    assert run.exit_code == 2 and "over the input file" in run.stderr
    assert book.read_bytes() == before


def test_convert_writes_a_draft_and_refuses_what_has_no_cell(wcc: Wcc, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    assert wcc("init", "-o", str(draft), "--organisation", "Draft ICB").exit_code == 0
    run = wcc("convert", str(draft), "-o", str(tmp_path / "draft.xlsx"))
    assert run.exit_code == 0, run.stderr
    odd = tmp_path / "odd.yaml"
    odd.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "    C1.1:  #", "    C1.9:\n      level: 2\n    C1.1:  #", 1
        )
        + "extra: 1\n",
        encoding="utf-8",
    )
    run = wcc("convert", str(odd), "-o", str(tmp_path / "odd.xlsx"))
    assert run.exit_code == 2
    line = odd.read_text(encoding="utf-8").splitlines().index("    C1.9:") + 1
    assert (
        f"odd.yaml:{line}:5: error: domains.C1.C1.9: 'C1.9' is not in C1: "
        "the workbook has no row for it"
    ) in run.stderr
    assert "error: extra: unknown field 'extra': it has no place in a workbook" in run.stderr
    assert not (tmp_path / "odd.xlsx").exists()


# --- every command reads a workbook ------------------------------------------------------


def test_every_command_reads_a_workbook(
    wcc: Wcc, tmp_path: Path, workbook: Callable[..., Path]
) -> None:
    book = workbook()
    yaml_run = wcc("assess", str(EXAMPLE), "--format", "json")
    run = wcc("assess", str(book), "--format", "json")
    assert run.exit_code == yaml_run.exit_code == 1  # C11 is below its target
    assert _without_source(run.stdout) == _without_source(yaml_run.stdout)
    assert json.loads(run.stdout)["source"] == str(book)
    assert wcc("validate", str(book)).stdout.endswith(
        "ok, submission for wcc@2009: NHS Westmarsh Integrated Care Board, 2026/27\n"
    )
    assert "C6.2" in wcc("explain", str(book), "C6.2").stdout
    earlier = workbook(workbook_of(EXAMPLES / "westmarsh-2025-26.yaml"), "westmarsh-2025-26.xlsx")
    changed = wcc("assess", str(book), "--baseline", str(earlier), "--format", "json")
    assert json.loads(changed.stdout)["baseline"]["period"] == "2025/26"
    trend = wcc("trend", str(earlier), str(book), "--format", "json")
    assert trend.exit_code == 0 and "2025/26" in trend.stdout
    stdin = wcc("assess", "-", "--format", "json", input=book.read_bytes())
    assert _without_source(stdin.stdout) == _without_source(yaml_run.stdout)


def test_a_cohort_folder_may_mix_yaml_and_workbooks(wcc: Wcc, tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    (folder / "westmarsh.xlsx").write_bytes(workbook_of(EXAMPLE))
    other = EXAMPLE.read_text(encoding="utf-8").replace('code: "QW9"', 'code: "QX1"')
    (folder / "other.yaml").write_text(
        other.replace("NHS Westmarsh", "NHS Otherby"), encoding="utf-8"
    )
    (folder / "~$westmarsh.xlsx").write_bytes(b"\x00owner file left by Excel")
    run = wcc("cohort", str(folder), "--format", "json")
    cohort = json.loads(run.stdout)
    assert cohort["graded"] == 2 and cohort["invalid"] == [], run.stderr
    assert sorted(entry["source"] for entry in cohort["league"]) == [
        str(folder / "other.yaml"),
        str(folder / "westmarsh.xlsx"),
    ]


def test_cohort_as_a_workbook_keeps_numbers_as_numbers_and_text_as_text(
    wcc: Wcc, tmp_path: Path
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    (folder / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    hostile = EXAMPLE.read_text(encoding="utf-8").replace('code: "QW9"', 'code: "QX1"')
    hostile = hostile.replace(
        '"NHS Westmarsh Integrated Care Board"', '"=HYPERLINK(\\"http://x\\",\\"y\\")"'
    )
    (folder / "b.yaml").write_text(hostile, encoding="utf-8")
    out = tmp_path / "cohort.xlsx"
    run = wcc(
        "cohort",
        str(folder),
        "--format",
        "xlsx",
        "-o",
        str(out),
        "--baseline",
        str(EXAMPLES / "westmarsh-2025-26.yaml"),
    )
    assert run.exit_code == 1, run.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "League table", "Distributions", "Improvement"]
    league = book["League table"]
    header = [cell.value for cell in league[1]]
    row = {header[i]: cell for i, cell in enumerate(league[2])}
    assert row["Rank"].value == 1 and row["Score"].data_type == "n"
    assert isinstance(row["Score"].value, float) and row["Score"].number_format == "0.00"
    names = [league.cell(r, 2) for r in (2, 3)]
    formula = next(cell for cell in names if str(cell.value).startswith("="))
    assert formula.data_type == "s" and formula.quotePrefix
    with zipfile.ZipFile(out) as archive:
        assert not [
            n for n in archive.namelist() if "<f>" in archive.read(n).decode("utf-8", "replace")
        ]
    assert book["Distributions"]["C2"].data_type == "n"
    assert book["Improvement"]["F2"].number_format == "0.00"
    again = tmp_path / "again.xlsx"
    wcc(
        "cohort",
        str(folder),
        "--format",
        "xlsx",
        "-o",
        str(again),
        "--baseline",
        str(EXAMPLES / "westmarsh-2025-26.yaml"),
    )
    assert again.read_bytes() == out.read_bytes()  # reproducible
    assert wcc("cohort", str(folder), "--format", "xlsx").exit_code in (1, 2)  # to a pipe: bytes


# --- bad workbooks: exit 2, a located message ---------------------------------------------


def _bad(wcc: Wcc, path: Path, *expected: str) -> str:
    run = wcc("validate", str(path))
    assert run.exit_code == 2, run.stdout + run.stderr
    for text in expected:
        assert text in run.stdout + run.stderr, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    return run.stdout + run.stderr


def test_not_a_workbook(wcc: Wcc, workbook: Callable[..., Path]) -> None:
    _bad(wcc, workbook(b"framework: wcc\n"), "is not a workbook (.xlsx)")
    _bad(wcc, workbook(b"PK\x03\x04 not really a zip"), "not a readable zip file")
    empty_zip = io.BytesIO()
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("hello.txt", "hi")
    _bad(wcc, workbook(empty_zip.getvalue()), "has no xl/workbook.xml part")


def test_encrypted_and_old_workbooks(wcc: Wcc, workbook: Callable[..., Path]) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    encrypted = ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    _bad(
        wcc,
        workbook(encrypted),
        "the workbook is encrypted (it has a password to open it)",
        "remove the password",
    )
    _bad(
        wcc,
        workbook(ole, "old.xlsx"),
        "Excel 97-2003 workbook (.xls)",
        "save it as an Excel Workbook (.xlsx)",
    )


def test_macros_are_refused_saying_why(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    text = _bad(
        wcc,
        workbook(example_bytes, "westmarsh.xlsm"),
        "a macro-enabled workbook (.xlsm) is refused: macros can run code",
    )
    assert "save it as an Excel Workbook (.xlsx)" in text
    with_macros = patched(example_bytes, "xl/vbaProject.bin", add=b"\x00macro")
    _bad(wcc, workbook(with_macros), "the workbook contains macros, which could run code")


def test_external_links_are_refused(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    linked = patched(example_bytes, "xl/externalLinks/externalLink1.xml", add=b"<externalLink/>")
    _bad(wcc, workbook(linked), "links to other workbooks (external links)", "break the links")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    bomb = patched(example_bytes, "xl/media/padding.bin", add=b"\x00" * (70 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    _bad(wcc, workbook(bomb), "unpacks to 70 MB, over the 32 MB limit")
    cells = "".join(f'<c r="A{row}"><v>1</v></c>' for row in range(5, 5 + 50_001))
    many = patched(
        example_bytes,
        "xl/worksheets/sheet2.xml",
        lambda xml: xml.replace("<sheetData>", f'<sheetData><row r="5000">{cells}</row>'),
    )
    _bad(wcc, workbook(many), "the workbook holds more than 50,000 cells")


def test_sheets_renamed_missing_or_extra(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    def rename(book: openpyxl.Workbook) -> None:
        book["Ratings"].title = "ratings "

    _bad(
        wcc,
        workbook(edited(example_bytes, rename)),
        "the sheet 'ratings ' should be named 'Ratings' (rename it Ratings)",
    )

    def remove(book: openpyxl.Workbook) -> None:
        del book["Evidence"]

    _bad(wcc, workbook(edited(example_bytes, remove)), "the workbook has no sheet named 'Evidence'")

    def extra(book: openpyxl.Workbook) -> None:
        book.create_sheet("My notes")["A1"] = "to do"

    run = wcc("validate", str(workbook(edited(example_bytes, extra))))
    assert run.exit_code == 0
    assert (
        "westmarsh.xlsx:'My notes'!A1: warning: the sheet 'My notes' is not part of a "
        "submission; it was not read" in run.stdout
    )


def test_formulas(wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes) -> None:
    uncalculated = with_formula(example_bytes, "Ratings", "H6", "1+2", None)
    _bad(
        wcc,
        workbook(uncalculated),
        "westmarsh.xlsx:Ratings!H6: error: domains.C1.C1.1.level: the cell holds a formula "
        "(=1+2) with no calculated value (type the value, not a formula)",
    )
    calculated = with_formula(example_bytes, "Ratings", "H6", "1+2", "3")
    run = wcc("validate", str(workbook(calculated)))
    assert run.exit_code == 0
    assert (
        "Ratings!H6: warning: domains.C1.C1.1.level: the cell holds a formula; its last "
        "calculated value 3 was read" in run.stdout
    )
    broken = with_formula(example_bytes, "Ratings", "H6", "1/0", "#DIV/0!").replace(
        b"<f>1/0</f><v>#DIV/0!</v>", b"<f>1/0</f><v>#DIV/0!</v>"
    )
    broken = patched(
        broken,
        "xl/worksheets/sheet2.xml",
        lambda xml: xml.replace('<c r="H6"><f>', '<c r="H6" t="e"><f>'),
    )
    _bad(
        wcc,
        workbook(broken),
        "Ratings!H6: error: domains.C1.C1.1.level: the cell shows the error #DIV/0!",
    )


@pytest.mark.parametrize(
    ("typed", "level", "warning"),
    [
        ("3 ", 3, None),
        (3.0, 3, None),
        (" 3.0", 3, None),
        ("Three", 3, "'Three' was read as level 3"),
        ("not assessed", None, None),
    ],
)
def test_levels_typed_loosely_are_read_when_unambiguous(
    wcc: Wcc,
    workbook: Callable[..., Path],
    example_bytes: bytes,
    typed: object,
    level: int | None,
    warning: str | None,
) -> None:
    row = row_of(example_bytes, "Ratings", "B", "C1.1")

    def type_it(book: openpyxl.Workbook) -> None:
        book["Ratings"][f"H{row}"] = typed
        if level is None:
            book["Ratings"][f"I{row}"] = "Not rated this year"

    path = workbook(edited(example_bytes, type_it))
    run = wcc("assess", str(path), "--format", "json")
    assert run.exit_code == 1, run.stderr
    indicator = next(
        i for d in json.loads(run.stdout)["domains"] for i in d["indicators"] if i["id"] == "C1.1"
    )
    assert indicator["claimed_level"] == level
    assert (warning in run.stderr) if warning else ("warning: domains" not in run.stderr)


def test_levels_that_cannot_be_read_are_explained(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    def type_them(book: openpyxl.Workbook) -> None:
        book["Ratings"]["H6"] = "3.5"
        book["Ratings"]["H7"] = 5
        book["Ratings"]["H8"] = "Not assessed"

    text = _bad(wcc, workbook(edited(example_bytes, type_them)))
    assert (
        "westmarsh.xlsx:Ratings!H6: error: domains.C1.C1.1.level: '3.5' is not a level "
        "(choose a whole level from the drop-down" in text
    )
    assert (
        "westmarsh.xlsx:Ratings!H7: error: domains.C1.C1.2.level: 5 is not on the scale (a "
        "whole number from 1 to 4)" in text
    )
    assert (
        "westmarsh.xlsx:Ratings!I8: error: domains.C1.C1.3.not_assessed: Not assessed "
        "needs a reason" in text
    )
    assert text.count("C1.1") == 1  # the model does not say it again


def test_dates_as_serials_and_as_text(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    def serial(book: openpyxl.Workbook) -> None:
        cell = book["Evidence"]["D5"]
        cell.value, cell.number_format = 46107, "General"

    run = wcc("validate", str(workbook(edited(example_bytes, serial))))
    assert run.exit_code == 0
    assert (
        "Evidence!D5: warning: domains.C1.C1.1.evidence item 1.date: 46107 was read as "
        "2026-03-26 (a date's serial number)" in run.stdout
    )

    def text(book: openpyxl.Workbook) -> None:
        book["Evidence"]["D5"] = "26/03/2026"
        book["Evidence"]["D6"] = "2026-09-03"
        book["Cover"]["C9"] = "14/10/2026"

    found = _bad(wcc, workbook(edited(example_bytes, text)))
    assert (
        "Evidence!D5: error: domains.C1.C1.1.evidence item 1.date: '26/03/2026' is text, not a "
        "date (if you meant 26 March 2026, type it as a date or as 2026-03-26)" in found
    )
    assert "Evidence!D6" not in found  # ISO text is a date
    assert "Cover!C9: error: assessed_on: '14/10/2026' is text, not a date" in found


def test_merged_cells_and_hidden_rows(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    def merge(book: openpyxl.Workbook) -> None:
        book["Ratings"].merge_cells("J6:J7")

    _bad(
        wcc,
        workbook(edited(example_bytes, merge)),
        "westmarsh.xlsx:Ratings!J6: error: cells J6:J7 are merged over columns that take "
        "values (unmerge them",
    )

    def hide(book: openpyxl.Workbook) -> None:
        book["Evidence"].row_dimensions[6].hidden = True
        book["Panel"].sheet_state = "hidden"

    run = wcc("validate", str(workbook(edited(example_bytes, hide))))
    assert run.exit_code == 0
    assert (
        "Panel!A1: warning: the sheet 'Panel' is hidden; it was read as part of the "
        "submission (unhide it to check it)"
    ) in run.stdout
    assert (
        "Evidence!A6: warning: row 6 is hidden; it was read as part of the submission "
        "(unhide it to check what it says)" in run.stdout
    )


def test_an_indicator_row_deleted_or_duplicated(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    row = row_of(example_bytes, "Ratings", "B", "C4.2")

    def delete(book: openpyxl.Workbook) -> None:
        book["Ratings"].delete_rows(row)

    text = _bad(wcc, workbook(edited(example_bytes, delete)), "indicator C4.2 (")
    assert (
        "is missing (its row was deleted: copy it back from a workbook written by `wcc "
        "init --format xlsx`)" in text
    )

    def duplicate(book: openpyxl.Workbook) -> None:
        sheet = book["Ratings"]
        sheet.insert_rows(row + 1)
        for column in range(1, 13):
            sheet.cell(row + 1, column).value = sheet.cell(row, column).value

    _bad(
        wcc,
        workbook(edited(example_bytes, duplicate)),
        f"Ratings!B{row + 1}: error: indicator C4.2 has a second row (its first is row {row})",
    )


def test_unknown_evidence_owner_and_a_stray_value(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["Evidence"]["A5"] = "C1.7"
        book["Ratings"]["J200"] = "a note typed below the table"

    text = _bad(wcc, workbook(edited(example_bytes, change)))
    assert "Evidence!A5: error: unknown indicator 'C1.7' (did you mean C1." in text
    assert "Ratings!A200: error: values on a row without an id" in text


def test_reports_are_never_written_over_the_workbook(
    wcc: Wcc, workbook: Callable[..., Path]
) -> None:
    book = workbook()
    before = book.read_bytes()
    run = wcc("assess", str(book), "-o", str(book))
    assert run.exit_code == 2 and "refusing to write the report over the input file" in run.stderr
    assert book.read_bytes() == before


def test_validate_json_and_github_name_the_cell(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["Ratings"]["H7"] = 5

    path = workbook(edited(example_bytes, change))
    report = json.loads(wcc("validate", str(path), "--format", "json").stdout)
    found = report[0]["diagnostics"][0]
    assert (found["sheet"], found["cell"], found["line"], found["column"]) == (
        "Ratings",
        "H7",
        7,
        8,
    )
    github = wcc("validate", str(path), "--format", "github").stdout
    assert github.startswith(
        f"::error file={path},title=wcc validate::Ratings!H7: domains.C1.C1.2.level: 5 is "
        f"not on the scale"
    )


def test_a_blank_workbook_filled_in_grades_as_its_yaml_twin(wcc: Wcc, tmp_path: Path) -> None:
    """Fill in `wcc init --format xlsx` as a person would (typing, not converting)."""
    from wcc_assess.io.reading import read_document

    blank = tmp_path / "blank.xlsx"
    assert wcc("init", "-o", str(blank), "--period", "2026/27").exit_code == 0
    data = read_document(EXAMPLE).data
    book = openpyxl.load_workbook(blank)
    cover = book["Cover"]
    typed: dict[str, object] = {
        "organisation.name": data["organisation"]["name"],
        "organisation.code": data["organisation"]["code"],
        "assessed_on": "2026-10-14",  # typed as text, the ISO way
    }
    typed |= {f"targets.{key}": str(level) for key, level in data["targets"].items()}
    for row in range(5, cover.max_row + 1):
        if cover.cell(row, 1).value in typed:
            cover.cell(row, 3).value = typed[cover.cell(row, 1).value]
    for number, person in enumerate(data["assessors"]):
        row = (
            next(r for r in range(5, cover.max_row + 1) if cover.cell(r, 1).value == "assessors")
            + 1
            + number
        )
        cover.cell(row, 2).value, cover.cell(row, 3).value = person["name"], person["role"]
    ratings, evidence = book["Ratings"], book["Evidence"]
    rows = {
        ratings.cell(r, 2).value or ratings.cell(r, 1).value: r
        for r in range(5, ratings.max_row + 1)
    }
    next_evidence = 5
    for domain_id, domain in data["domains"].items():
        if "not_assessed" in domain:
            ratings.cell(rows[domain_id], 8).value = "Not assessed"
            ratings.cell(rows[domain_id], 9).value = domain["not_assessed"]
            continue
        for indicator_id, entry in domain.items():
            row = rows[indicator_id]
            if "not_assessed" in entry:
                ratings.cell(row, 8).value = "Not assessed"
                ratings.cell(row, 9).value = entry["not_assessed"]
                continue
            ratings.cell(row, 8).value = str(entry["level"])  # chosen from the drop-down: text
            ratings.cell(row, 10).value = entry.get("narrative")
            for item in entry.get("evidence", []):
                evidence.cell(next_evidence, 1).value = indicator_id
                evidence.cell(next_evidence, 2).value = item["title"]
                evidence.cell(next_evidence, 3).value = item["ref"]
                evidence.cell(next_evidence, 4).value = item["date"]
                evidence.cell(next_evidence, 7).value = item.get("kind")  # from the drop-down
                evidence.cell(next_evidence, 8).value = item.get("key_document")
                next_evidence += 1
    plan = book["Actions"]
    columns = [cell.value for cell in plan[4]]
    for number, action in enumerate(data.get("actions", [])):
        for key, value in action.items():
            typed = ", ".join(value) if isinstance(value, list) else value
            plan.cell(5 + number, columns.index(key) + 1).value = typed
    paper = book["Board paper"]
    for row in range(5, paper.max_row + 1):
        field = str(paper.cell(row, 1).value).removeprefix("report.")
        if field in data.get("report", {}):
            paper.cell(row, 3).value = str(data["report"][field])  # typed: dates as text too
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    yaml_run = wcc("assess", str(EXAMPLE), "--format", "json")
    run = wcc("assess", str(filled), "--format", "json")
    assert run.exit_code == yaml_run.exit_code == 1, run.stderr
    assert _without_source(run.stdout) == _without_source(yaml_run.stdout)


def test_a_sheet_of_junk_is_listed_briefly(
    wcc: Wcc, workbook: Callable[..., Path], example_bytes: bytes
) -> None:
    """Just under the cell limit, every row a duplicate: a few hundred lines, not 50,000."""
    cells = "".join(f'<c r="A{row}"><v>1</v></c>' for row in range(5, 5 + 45_000))
    junk = patched(
        example_bytes,
        "xl/worksheets/sheet2.xml",
        lambda xml: xml.replace("<sheetData>", f'<sheetData><row r="9000">{cells}</row>'),
    )
    text = _bad(wcc, workbook(junk), "more problems were found and not listed")
    assert text.count("\n") < 600


def test_next_years_workbook_from_last_years_submission(wcc: Wcc, tmp_path: Path) -> None:
    out = tmp_path / "next.xlsx"
    run = wcc("init", "--from", str(EXAMPLE), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert run.stderr.count("wrote ") == 1
    book = openpyxl.load_workbook(out)
    assert book["Cover"]["C8"].value == "2027/28"
    plan = book["Actions"]
    carried = [plan.cell(row, 1).value for row in range(5, plan.max_row + 1)]
    assert carried and all(carried)
    assert book["Ratings"]["H6"].value is None  # levels left to rate afresh


# --- the panel's judgement (issue 13) ----------------------------------------------------


@pytest.fixture(scope="module")
def assurance_bytes() -> bytes:
    return workbook_of(ASSURANCE)


def test_the_panels_judgement_has_its_cells(assurance_bytes: bytes) -> None:
    """Sign-off, interests, ratings of domains and areas, enquiries on the Panel sheet; the
    checks of evidence, tolerances and data periods beside what they qualify."""
    book = openpyxl.load_workbook(io.BytesIO(assurance_bytes))
    panel = book["Panel"]
    assert [panel[f"A{row}"].value for row in (5, 6, 7)] == [
        "panel.date",
        "panel.sign_off.by",
        "panel.sign_off.on",
    ]
    assert (panel["C6"].value, panel["C7"].value.date()) == (
        "Professor Ruth Adeyemi",
        date(2026, 11, 25),
    )
    assert panel["C7"].number_format == "yyyy-mm-dd"
    assert [panel.cell(10, column).value for column in range(1, 5)] == [
        "members",
        "name",
        "role",
        "interests",
    ]
    assert (panel["B13"].value, panel["D13"].value) == ("Dr Sunita Rao", "NHS Fenreach ICB")
    ratings = row_of(assurance_bytes, "Panel", "A", "ratings")
    assert [panel.cell(ratings, column).value for column in range(2, 5)] == [
        "domain",
        "level",
        "rationale",
    ]
    assert [panel.cell(ratings + 1, column).value for column in (2, 3)] == ["C1", 2]
    enquiries = row_of(assurance_bytes, "Panel", "A", "enquiries")
    assert [panel.cell(enquiries, c).value for c in range(2, 6)] == [
        "domain",
        "question",
        "response",
        "by",
    ]
    offered = {str(v.sqref): v.formula1 for v in panel.data_validations.dataValidation}
    domains = '"C1,C2,C3,C4,C5,C6,C7,C8,C9,C10,C11"'
    assert offered[f"B{ratings + 1}:B{ratings + 14}"] == domains
    assert offered[f"C{ratings + 1}:C{ratings + 14}"] == '"1,2,3,4,Not assessed"'
    evidence = book["Evidence"]
    assert [evidence.cell(4, c).value for c in (5, 6)] == ["checked.by", "checked.on"]
    assert evidence["F5"].value.date() == date(2026, 11, 9)
    outcomes = book["Outcomes"]
    keys = [cell.value for cell in outcomes[4]]
    assert keys[-4:] == [
        "tolerance.absolute",
        "tolerance.percent",
        "data_period.kind",
        "data_period.years",
    ]
    checks = {v.formula1 for v in outcomes.data_validations.dataValidation}
    assert '"financial-year,calendar-year"' in checks
    assert row_of(assurance_bytes, "Cover", "A", "board_approved_on") > 0


def test_the_panels_cells_are_read_and_their_errors_located(
    wcc: Wcc, workbook: Callable[..., Path], assurance_bytes: bytes
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        panel = book["Panel"]
        panel["D12"] = "Westmarsh County Council;  Saltfleet Borough Council ;"
        panel["D31"] = None  # C1's rationale
        panel["B33"], panel["C33"], panel["D33"] = "C1", 3, "a second rating"
        panel["C48"] = "purple"
        panel["C7"] = "25/11/2026"
        book["Evidence"]["F5"] = "09/11/2026"
        outcomes = book["Outcomes"]
        outcomes["H5"], outcomes["J5"] = "abc", "weekly"

    raw = edited(assurance_bytes, change)
    data = parse_workbook(raw, "x.xlsx").data
    assert data["panel"]["members"][1]["interests"] == [
        "Westmarsh County Council",
        "Saltfleet Borough Council",
    ]
    text = _bad(
        wcc,
        workbook(raw),
        "Panel!B31: error: panel.ratings.C1: the field 'rationale' is required",
        "Panel!B33: error: domain C1 has a second row (its first is row 31)",
        "Panel!C48: error: panel.governance.strategy.rating: expected 'red', 'amber' or "
        "'green', got 'purple'",
        "Panel!C7: error: panel.sign_off.on: '25/11/2026' is text, not a date",
        "Evidence!F5: error: domains.C1.C1.1.evidence item 1.checked.on: '09/11/2026' is "
        "text, not a date",
        "Outcomes!H5: error: outcomes.life-expectancy.tolerance.absolute: expected a number",
        "Outcomes!J5: error: outcomes.life-expectancy.data_period.kind: expected "
        "'financial-year' or 'calendar-year', got 'weekly'",
    )
    assert "(7 errors)" in text


def test_a_panel_filled_in_on_the_workbook_grades_as_its_yaml(
    wcc: Wcc, tmp_path: Path, assurance_bytes: bytes
) -> None:
    """A rating, an interest and a sign-off typed on the sheet change the grading as in YAML."""

    def change(book: openpyxl.Workbook) -> None:
        panel = book["Panel"]
        ratings = next(c.row for c in panel["A"] if c.value == "ratings")
        panel.cell(ratings + 3, 2, "C2")
        panel.cell(ratings + 3, 3, 2)
        panel.cell(ratings + 3, 4, "Partnerships are strong but the merger stalls the work.")
        panel["C6"], panel["C7"] = None, None  # not signed off: a draft

    xlsx = tmp_path / "panel.xlsx"
    xlsx.write_bytes(edited(assurance_bytes, change))
    result = json.loads(wcc("assess", str(xlsx), "--format", "json").stdout)
    c2 = next(d for d in result["domains"] if d["id"] == "C2")
    assert c2["panel_rating"]["level"] == 2
    assert result["draft"] is True
    back = tmp_path / "panel.yaml"
    assert wcc("convert", str(xlsx), "-o", str(back)).exit_code == 0
    text = back.read_text(encoding="utf-8")
    ratings = text[text.index("  ratings:\n") : text.index("  enquiries:\n")]
    assert "\n    C2:  # " in ratings and "Partnerships are strong but the merger" in ratings
    assert "sign_off" not in text
    twin = json.loads(wcc("assess", str(back), "--format", "json").stdout)
    assert _without_lines(twin["domains"]) == _without_lines(result["domains"])


def test_what_a_cell_cannot_hold_of_the_panel_is_refused_before_writing(
    wcc: Wcc, tmp_path: Path
) -> None:
    text = ASSURANCE.read_text(encoding="utf-8").replace(
        'interests: ["NHS Fenreach ICB"]', 'interests: ["NHS Fenreach ICB; its board"]'
    )
    assert "its board" in text
    source = tmp_path / "bad.yaml"
    source.write_text(text, encoding="utf-8")
    run = wcc("convert", str(source), "-o", str(tmp_path / "bad.xlsx"))
    assert run.exit_code == 2
    assert "interests" in run.stderr
    assert "cannot share a cell" in run.stderr
    assert not (tmp_path / "bad.xlsx").exists()

"""A submission's workbook: written, read back, graded like its YAML twin; its layout."""

from __future__ import annotations

import io
import types
import typing
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pydantic import BaseModel

from tests.conftest import EXAMPLES
from tests.workbooks import ASSURANCE, EXAMPLE, edited, workbook_of
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.io.workbook import parse_workbook
from wcc_assess.models.submission import Submission
from wcc_assess.models.workbook import HOMES, SHEETS
from wcc_assess.usecases.submissions import load_submission, submission_from_document

YAML_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.yaml"))


def _loaded(raw: bytes, name: str = "x.xlsx") -> Any:
    return submission_from_document(parse_workbook(raw, name), name)


def _graded(loaded: Any) -> dict[str, Any]:
    result = score(loaded.framework, loaded.submission, ScoreOptions(generated_at="", source="s"))
    return result.model_dump(mode="json")


@pytest.mark.parametrize("source", YAML_EXAMPLES, ids=lambda p: p.name)
def test_every_example_reads_back_as_its_yaml_twin_and_grades_the_same(source: Path) -> None:
    twin = load_submission(source)
    loaded = _loaded(workbook_of(source))
    assert loaded.submission == twin.submission
    assert _graded(loaded) == _graded(twin)
    assert loaded.warnings == []


def _leaves(model: type[BaseModel], prefix: str) -> list[str]:
    """Every field path of a model: ``*`` for a mapping's keys, ``[]`` for a list's items."""
    found = []
    for name, field in model.model_fields.items():
        found += _paths(field.annotation, f"{prefix}{name}")
    return found


def _paths(annotation: Any, path: str) -> list[str]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return [
            p
            for arg in typing.get_args(annotation)[: 1 if origin is typing.Annotated else None]
            if arg is not type(None)
            for p in _paths(arg, path)
        ]
    if origin is dict:
        return _paths(typing.get_args(annotation)[1], f"{path}.*")
    if origin is list:
        return _paths(typing.get_args(annotation)[0], f"{path}[]")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _leaves(annotation, f"{path}.")
    return [path]


def test_every_field_of_the_submission_has_a_home_in_the_workbook() -> None:
    """A field added to the submission model fails here until the workbook holds it."""
    fields = set(_leaves(Submission, ""))
    assert "domains.*.indicators.*.evidence[].date" in fields  # the walk goes all the way down
    assert fields - set(HOMES) == set(), "give these fields a sheet and a column"
    assert set(HOMES) - fields == set(), "these homes name no field of the model"
    assert set(HOMES.values()) <= {sheet.name for sheet in SHEETS}


def test_the_workbook_has_its_drop_downs_protection_and_print_setup() -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_of(ASSURANCE)))
    assert book.sheetnames == [
        "Cover", "Ratings", "Evidence", "Governance", "Outcomes", "Trajectory", "Actions",
        "Panel", "Board paper", "Lists",
    ]  # fmt: skip
    paper = book["Board paper"]
    assert [paper.cell(row, 1).value for row in range(5, 14)] == [
        "report.title", "report.meeting", "report.meeting_date", "report.status",
        "report.author", "report.executive_lead", "report.purpose", "report.recommendation",
        "report.marking",
    ]  # fmt: skip
    assert paper["C7"].number_format != "@"  # the meeting's date is a date
    actions = book["Actions"]
    assert [cell.value for cell in actions[4]][:6] == [
        "id",
        "for",
        "action",
        "owner",
        "due",
        "status",
    ]
    assert actions["B5"].value and "," in str(actions["B5"].value) or actions["B5"].value
    statuses = [dv.formula1 for dv in actions.data_validations.dataValidation]
    assert '"open,in-progress,done,dropped"' in statuses
    assert book["Lists"].sheet_state == "hidden"
    ratings = book["Ratings"]
    header = [cell.value for cell in ratings[4]]
    assert header[:3] == ["domain", "indicator", "title"]
    assert header[3:7] == ["descriptor.1", "descriptor.2", "descriptor.3", "descriptor.4"]
    assert header[7:] == ["level", "not_assessed", "narrative", "panel_level", "panel_note"]
    lists = [(dv.formula1, str(dv.sqref)) for dv in ratings.data_validations.dataValidation]
    assert [ref[:4] for formula, ref in lists if formula == '"1,2,3,4,Not assessed"'] == [
        "H5:H",
        "K5:K",
    ]
    assert ratings.protection.sheet and not ratings.protection.password
    assert ratings["B6"].value == "C1.1" and ratings["B6"].protection.locked
    assert ratings["H6"].value == 3 and not ratings["H6"].protection.locked
    assert ratings["C6"].value == "Strategic vision and direction"
    assert ratings["D6"].alignment.wrap_text
    assert ratings.freeze_panes == "D5"
    assert ratings.page_setup.orientation == "landscape" and ratings.page_setup.paperSize == 9
    assert ratings.print_title_rows == "$3:$4"
    governance = book["Governance"]
    rags = [dv.formula1 for dv in governance.data_validations.dataValidation]
    assert '"red,amber,green,Not assessed"' in rags
    evidence = book["Evidence"]
    checks = {str(dv.sqref).split(":")[0]: dv for dv in evidence.data_validations.dataValidation}
    assert checks["D5"].type == "date"
    assert checks["A5"].formula1.startswith("Lists!$A$1:$A$")  # the indicators
    assert checks["G5"].formula1 == '"plan,decision,result,partner-view,other"'
    assert checks["H5"].formula1.startswith("Lists!$B$1:$B$")  # WCC's key documents
    assert evidence["G4"].value == "kind" and evidence["H4"].value == "key_document"
    assert evidence["A5"].value == "C1.1" and evidence["D5"].number_format == "yyyy-mm-dd"
    assert book["Outcomes"]["D4"].value == "better"
    cover = book["Cover"]
    assert [cover.cell(row, 1).value for row in range(5, 10)] == [
        "framework", "organisation.name", "organisation.code", "period", "assessed_on",
    ]  # fmt: skip
    assert cover["C5"].protection.locked and not cover["C6"].protection.locked


def test_the_bytes_are_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = workbook_of(EXAMPLE)
    assert workbook_of(EXAMPLE) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    later = workbook_of(EXAMPLE)
    assert later != first
    core = openpyxl.load_workbook(io.BytesIO(later)).properties
    assert core.created == core.modified and core.created.year == 2026


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    raw = workbook_of(EXAMPLE)

    def change(book: openpyxl.Workbook) -> None:
        book["Ratings"]["J6"].value = "x"

    assert _loaded(edited(raw, change)).submission.domains["C1"].indicators["C1.1"].narrative == "x"
    data = load_submission(EXAMPLE).document.data
    data["domains"]["C1"]["C1.1"]["narrative"] = '=HYPERLINK("http://x")\r\nline _x0041_ \x01'
    from wcc_assess.render.workbook import submission_workbook
    from wcc_assess.usecases.frameworks import resolve_framework

    written = submission_workbook(resolve_framework("wcc"), data)
    book = openpyxl.load_workbook(io.BytesIO(written))
    cell = book["Ratings"]["J6"]
    assert cell.data_type == "s" and cell.quotePrefix
    narrative = _loaded(written).submission.domains["C1"].indicators["C1.1"].narrative
    assert narrative == '=HYPERLINK("http://x")\r\nline _x0041_ \x01'


def test_the_example_workbook_is_the_example_yaml_converted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """examples/westmarsh-2026-27.xlsx is `wcc convert` of the YAML: run it again after a change.

    The cells are compared (the bytes depend on openpyxl's release as well), and the two
    read as the same submission.
    """
    from wcc_assess.io.xlsx import read_xlsx

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    committed = (EXAMPLES / "westmarsh-2026-27.xlsx").read_bytes()
    fresh = workbook_of(EXAMPLE)
    hint = "run: wcc convert examples/westmarsh-2026-27.yaml -o "
    hint += "examples/westmarsh-2026-27.xlsx --force"
    assert read_xlsx(committed, "committed") == read_xlsx(fresh, "fresh"), hint
    assert _loaded(committed).submission == load_submission(EXAMPLE).submission
    assert openpyxl.load_workbook(io.BytesIO(committed)).properties.created.year == 2000


def test_an_unrated_domain_has_no_rows_unless_the_submission_rates_it() -> None:
    """wcc@2008 does not rate C11: its workbook, like its YAML, leaves C11 out."""
    from wcc_assess.io.reading import read_document
    from wcc_assess.render.workbook import submission_workbook
    from wcc_assess.usecases.frameworks import resolve_framework

    source = EXAMPLES / "wcc-2008-brackenford.yaml"
    book = openpyxl.load_workbook(io.BytesIO(workbook_of(source)))
    ids = {book["Ratings"].cell(row, column).value for row in range(5, 200) for column in (1, 2)}
    assert "C10" in ids and "C10.1" in ids and not {"C11", "C11.1"} & ids
    # Rated all the same (a warning when graded): its rows are written, and read back.
    data = read_document(source).data
    rated = {f"C11.{n}": {"level": 1} for n in range(1, 5)}
    data["domains"]["C11"] = rated
    raw = submission_workbook(resolve_framework("wcc@2008"), data)
    book = openpyxl.load_workbook(io.BytesIO(raw))
    ids = [book["Ratings"].cell(row, 2).value for row in range(5, 200)]
    assert [i for i in ids if i and i.startswith("C11.")] == list(rated)
    assert parse_workbook(raw, "x.xlsx").data["domains"]["C11"] == rated


def test_an_evidence_items_kind_and_key_document_have_their_columns() -> None:
    loaded = _loaded(workbook_of(EXAMPLE))
    twin = load_submission(EXAMPLE).submission
    items = [e for d in twin.domains.values() for i in d.indicators.values() for e in i.evidence]
    assert any(e.kind for e in items) and any(e.key_document for e in items)
    read = loaded.submission
    assert [
        (e.kind, e.key_document)
        for d in read.domains.values()
        for i in d.indicators.values()
        for e in i.evidence
    ] == [(e.kind, e.key_document) for e in items]

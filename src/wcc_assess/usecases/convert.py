"""Turn a submission from YAML into a workbook and back: ``wcc convert``.

Both ways are lossless: YAML → workbook → YAML gives the same submission. A workbook's data
is written as commented YAML that is read back and compared before it is written; a YAML
submission is written to a workbook only when every value has a cell
(:func:`wcc_assess.core.placement.unplaced`). A draft converts too: a level still to rate
stays empty, a value of the wrong type is written as it is. The input is never written
over, and an existing file only with ``force``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from wcc_assess.core.placement import unplaced
from wcc_assess.errors import Diagnostic, InputError, UsageError
from wcc_assess.io.frameworks import looks_like_path
from wcc_assess.io.loading import locate, raise_located
from wcc_assess.io.output import check_outputs, emit, refuse_to_overwrite
from wcc_assess.io.reading import display_name, parse_document
from wcc_assess.io.yamlsafe import Document, parse_yaml_data
from wcc_assess.models.framework import Framework
from wcc_assess.render.formats import SubmissionFormat
from wcc_assess.render.submission_yaml import submission_yaml
from wcc_assess.usecases.frameworks import resolve_framework
from wcc_assess.usecases.submissions import submission_input

__all__ = ["ConvertRequest", "convert_file", "framework_titles", "workbook_of"]


class ConvertRequest(NamedTuple):
    """What ``wcc convert`` was asked."""

    source: Path
    output: Path
    framework: str | None = None
    """``--framework``: an id or file; None for the submission's own ``framework:``."""
    force: bool = False


def framework_titles(framework: Framework) -> dict[str, str]:
    """Every domain, indicator, governance area and sub-indicator id, with its title."""
    titles = {}
    for domain in framework.domains:
        titles[domain.id] = domain.title
        titles |= {indicator.id: indicator.title for indicator in domain.indicators}
    for area in framework.governance.areas if framework.governance else []:
        titles[area.id] = area.title
        titles |= {item.id: item.title for item in area.sub_indicators}
    return titles


def _framework(data: dict[str, Any], spec: str | None, name: str) -> Framework:
    if spec:
        return resolve_framework(spec)
    declared = data.get("framework")
    if not isinstance(declared, str) or not declared:
        raise InputError.one(
            name, "the submission names no framework", "add framework: wcc (or pass --framework)"
        )
    try:
        return resolve_framework(declared)
    except UsageError as error:
        raise InputError([Diagnostic(name, str(error), path="framework")]) from None


def workbook_of(document: Document, name: str, framework: Framework) -> bytes:
    """Return a YAML submission's workbook; raise :class:`InputError` for what has no cell."""
    from wcc_assess.render.workbook import submission_workbook

    raise_located(name, document, unplaced(document.data, framework), by_line=True)
    return submission_workbook(framework, document.data)


def _yaml_of(document: Document, request: ConvertRequest, name: str) -> tuple[str, list[str]]:
    """Return a workbook's data as YAML, and the warnings of reading it."""
    raise_located(name, document, [note for note in document.notes if note.is_error])
    warnings = [note.format() for note in locate(name, document, document.notes)]
    try:
        titles = framework_titles(_framework(document.data, request.framework, name))
    except (InputError, UsageError):
        titles = {}  # converted all the same, without the titles as comments
    target = "FILE" if str(request.output) == "-" else request.output.name
    header = [
        f"Converted from {Path(name).name} by `wcc convert`.",
        f"Check it with: wcc validate {target}",
    ]
    for blocks in (True, False):
        text = submission_yaml(document.data, titles, header, blocks=blocks)
        if parse_yaml_data(text) == document.data:
            return text, warnings
    raise AssertionError("the YAML written does not read back as the workbook's data")


def _check_request(request: ConvertRequest, source_form: SubmissionFormat) -> SubmissionFormat:
    to_stdout = str(request.output) == "-"
    target = SubmissionFormat.YAML if to_stdout else SubmissionFormat.of(request.output)
    if target is None:
        raise UsageError(f"{request.output}: name a .yaml, .yml or .xlsx file to write")
    if target is source_form:
        raise UsageError(
            f"{request.source} is already {source_form.value.upper()}: name an output file "
            f"of the other form ({'.xlsx' if target is SubmissionFormat.YAML else '.yaml'})"
        )
    inputs: list[Path | str] = [request.source]
    if request.framework and looks_like_path(request.framework):
        inputs.append(request.framework)
    check_outputs([request.output], inputs)
    if not request.force:
        refuse_to_overwrite(None if to_stdout else request.output)
    return target


def convert_file(request: ConvertRequest) -> list[str]:
    """Convert a submission between YAML and a workbook; return what to tell the user.

    Raises :class:`InputError` for an input that cannot be converted without loss and
    :class:`UsageError` for an output that cannot be written (the input itself, an existing
    file without ``force``, a workbook to stdout).
    """
    name = display_name(request.source)
    found = submission_input(request.source)
    source_form = SubmissionFormat.XLSX if isinstance(found, Document) else SubmissionFormat.YAML
    target = _check_request(request, source_form)
    notes: list[str] = []
    content: str | bytes
    if isinstance(found, Document):
        content, notes = _yaml_of(found, request, name)
    else:
        document = parse_document(found, name)
        content = workbook_of(document, name, _framework(document.data, request.framework, name))
    emit(content, None if str(request.output) == "-" else request.output, [request.source])
    if str(request.output) != "-":
        notes.append(f"wrote {request.output} ({target.value.upper()} from {name})")
    return notes

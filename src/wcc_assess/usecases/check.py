"""Check files without assessing them: ``wcc validate`` and ``wcc frameworks check``.

Every problem in every file is found (a bad file never stops the others), as errors (the
file is rejected) and warnings (it is accepted, but worth a second look).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import Diagnostic, InputError
from wcc_assess.io.reading import display_name, is_framework_document
from wcc_assess.models.check import FileCheck, FileKind
from wcc_assess.models.framework import Framework
from wcc_assess.usecases.frameworks import check_framework_document, check_framework_file
from wcc_assess.usecases.submissions import read_submission_document, submission_from_document

__all__ = ["FileCheck", "FileKind", "check_file", "check_framework_path"]


def check_framework_path(path: Path) -> FileCheck:
    """Lint a framework file (``wcc frameworks check``)."""
    return check_framework_file(path)


def check_file(path: Path, framework: Framework | None = None) -> FileCheck:
    """Check a submission (against ``framework``, or its own) or a framework file.

    A valid submission is scored too, so that what scoring would warn about (evidence
    dated after the assessment, say) is reported as a warning.
    """
    name = display_name(path)
    try:
        document = read_submission_document(path)
    except InputError as error:
        return FileCheck(str(path), FileKind.UNKNOWN, list(error.diagnostics))
    if is_framework_document(document):
        return replace(check_framework_document(document, name), file=str(path))
    try:
        loaded = submission_from_document(document, name, framework)
    except InputError as error:
        return FileCheck(str(path), FileKind.SUBMISSION, list(error.diagnostics))
    result = score(loaded.framework, loaded.submission, ScoreOptions(generated_at="", source=name))
    warnings = loaded.warnings + [
        Diagnostic(file=name, message=text, severity="warning") for text in result.warnings
    ]
    return FileCheck(str(path), FileKind.SUBMISSION, warnings, loaded.framework, loaded.submission)

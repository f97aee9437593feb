"""Turn YAML files into validated models, with every error located at file:line:column.

All problems in a file are gathered and raised together as one
:class:`~wcc_assess.errors.InputError`; nothing here prints or exits.
"""

from __future__ import annotations

import difflib
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from wcc_assess.errors import Diagnostic, InputError, UsageError
from wcc_assess.io.yamlsafe import Document, YamlProblem, parse_yaml
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import Submission, is_period, suggest

__all__ = [
    "MAX_BYTES",
    "FrameworkCheck",
    "LoadedSubmission",
    "check_framework",
    "check_framework_document",
    "display_name",
    "framework_from_document",
    "framework_problems",
    "governance_problems",
    "is_framework_document",
    "load_framework",
    "load_submission",
    "outcome_problems",
    "parse_document",
    "read_document",
    "read_text",
    "submission_from_document",
]

MAX_BYTES = 5 * 1024 * 1024
"""Files larger than this (5 MB) are refused before they are parsed."""

Loc = tuple[str | int, ...]
Problem = tuple[Loc, str, str | None]


def display_name(source: Path | str) -> str:
    """Return how a source is named in messages (``<stdin>`` for ``-``)."""
    return "<stdin>" if str(source) == "-" else str(source)


def _fail(name: str, message: str, hint: str | None = None) -> InputError:
    return InputError([Diagnostic(file=name, message=message, hint=hint)])


def read_text(source: Path | str) -> str:
    """Read a UTF-8 text file (or ``-`` for stdin), refusing what cannot be a YAML input."""
    name = display_name(source)
    try:
        if str(source) == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            path = Path(source)
            if path.is_dir():
                raise _fail(name, "is a directory, not a file")
            if not path.exists():
                raise _fail(name, "no such file")
            if path.stat().st_size > MAX_BYTES:
                raise _fail(
                    name, f"the file is larger than the {MAX_BYTES // 1024 // 1024} MB limit"
                )
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise _fail(name, f"cannot read the file: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise _fail(name, f"the input is larger than the {MAX_BYTES // 1024 // 1024} MB limit")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(name, "the file is UTF-16 encoded", "save it as UTF-8")
    if b"\x00" in raw:
        raise _fail(name, "the file is binary, not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            [
                Diagnostic(
                    file=name,
                    line=line,
                    message=f"the file is not valid UTF-8 (byte {error.start})",
                    hint="save it as UTF-8",
                )
            ]
        ) from None
    if not text.strip():
        raise _fail(name, "the file is empty", "see `wcc init` for a starting point")
    return text


def read_document(source: Path | str, *, allow_aliases: bool = False) -> Document:
    """Read and parse a YAML file whose top level must be a mapping."""
    return parse_document(read_text(source), display_name(source), allow_aliases=allow_aliases)


def parse_document(text: str, name: str, *, allow_aliases: bool = False) -> Document:
    """Parse YAML text (read by :func:`read_text`) whose top level must be a mapping."""
    try:
        document = parse_yaml(text, allow_aliases=allow_aliases)
    except YamlProblem as problem:
        raise InputError(
            [
                Diagnostic(
                    file=name,
                    line=problem.line,
                    column=problem.column,
                    message=problem.message,
                    hint=problem.hint,
                )
            ]
        ) from None
    if not isinstance(document.data, dict):
        found = "nothing" if document.data is None else type(document.data).__name__
        raise InputError(
            [
                Diagnostic(
                    file=name,
                    line=1,
                    column=1,
                    message=f"the top level must be a mapping, not {found}",
                    hint="the file should start with `framework: ...`",
                )
            ]
        )
    return document


def is_framework_document(document: Document) -> bool:
    """Tell a framework file from a submission: frameworks have a ``scale``."""
    return isinstance(document.data, dict) and "scale" in document.data


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _diagnostic(
    name: str, document: Document, loc: Loc, message: str, hint: str | None
) -> Diagnostic:
    where = document.locate(loc)
    return Diagnostic(
        file=name,
        line=where[0] if where else None,
        column=where[1] if where else None,
        path=_dotted(loc),
        message=message,
        hint=hint,
    )


def _unwrap(annotation: Any) -> list[Any]:
    """Return the model classes reachable one container level down from ``annotation``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Walk ``loc`` through the model's fields; return the model that owns the last part."""
    current: Any = model
    index = 0
    while index < len(loc):
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(str(loc[index]))
        if info is None:
            return current
        annotation = info.annotation
        index += 1
        origin = typing.get_origin(annotation)
        if origin in (list, dict):
            index += 1
            annotation = typing.get_args(annotation)[-1]
        candidates = _unwrap(annotation)
        if index >= len(loc):
            return current
        current = candidates[0] if candidates else None
    return current if isinstance(current, type) else None


_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
}


_BOUND_WORDS = {
    "greater_than": "greater than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _pydantic_problems(
    error: ValidationError, model: type[BaseModel], translate: Callable[[Loc], Loc]
) -> list[Problem]:
    found: list[Problem] = []
    for item in error.errors(include_url=False):
        raw_loc: Loc = tuple(item["loc"])
        loc = translate(raw_loc)
        kind = item["type"]
        hint: str | None = None
        value = item.get("input")
        if kind == "missing":
            message = f"the field {loc[-1]!r} is required"
            loc_parent = loc[:-1]
            found.append((loc_parent, message, None))
            continue
        if kind == "extra_forbidden":
            owner = _model_at(model, raw_loc)
            allowed = sorted(owner.model_fields) if owner else []
            message = f"unknown field {loc[-1]!r}"
            hint = suggest(str(loc[-1]), allowed) if allowed else None
        elif kind in _TYPE_WORDS:
            message = f"expected {_TYPE_WORDS[kind]}, got {_describe(value)}"
            if (
                kind == "string_type"
                and isinstance(value, (int, float))
                and not isinstance(value, bool)
            ):
                hint = "put it in quotes to make it text"
        elif kind.startswith(("date", "datetime")):
            message = f"{_describe(value)} is not a date"
            hint = "write dates as YYYY-MM-DD"
        elif kind == "string_pattern_mismatch":
            message = f"{_describe(value)} is not in the expected form"
            pattern = (item.get("ctx") or {}).get("pattern", "")
            hint = f"it must match {pattern}" if pattern else None
        elif kind == "string_too_short":
            message = "must not be empty"
        elif kind == "too_short":
            message = "must not be empty"
        elif kind == "enum":
            expected = str((item.get("ctx") or {}).get("expected", ""))
            message = f"expected {expected}, got {_describe(value)}"
            if (
                isinstance(value, str)
                and value.strip().lower() != value
                and (f"'{value.strip().lower()}'" in expected)
            ):
                hint = f"write it as {value.strip().lower()}"
        elif kind in _BOUND_WORDS:
            ctx = item.get("ctx") or {}
            bound = next(iter(ctx.values()), None)
            size = "small" if kind.startswith("greater") else "large"
            message = f"{_describe(value)} is too {size}"
            if isinstance(bound, float) and bound.is_integer():
                bound = int(bound)
            hint = f"it must be {_BOUND_WORDS[kind]} {bound}" if bound is not None else None
        elif kind in ("value_error", "assertion_error"):
            message = str(item["msg"]).removeprefix("Value error, ")
        else:
            message = str(item["msg"])
        found.append((loc, message, hint))
    return found


def _raise_if(name: str, document: Document, problems: list[Problem]) -> None:
    if problems:
        raise InputError(
            [_diagnostic(name, document, loc, message, hint) for loc, message, hint in problems]
        )


def load_framework(source: Path | str) -> Framework:
    """Load and check a framework file; raise :class:`InputError` listing every problem."""
    return framework_from_document(read_document(source), display_name(source))


def framework_from_document(document: Document, name: str) -> Framework:
    """Validate a parsed framework file; raise :class:`InputError` listing every problem."""
    try:
        framework = Framework.model_validate(document.data)
    except ValidationError as error:
        _raise_if(name, document, _pydantic_problems(error, Framework, lambda loc: loc))
        raise  # pragma: no cover - _raise_if always raises on a non-empty list
    _raise_if(name, document, framework.problems())
    return framework


@dataclass(frozen=True, slots=True)
class LoadedSubmission:
    """A valid submission, the framework it was checked against, and its source."""

    submission: Submission
    framework: Framework
    document: Document
    name: str


def _submission_loc(loc: Loc) -> Loc:
    """Map a model error location to what users write.

    Drops the models' internal ``indicators`` and ``sub_indicators`` levels (users write
    domain → indicator, area → sub-indicator) and pydantic's ``[key]`` marker (an error in
    a mapping key is located at the key).
    """
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
    if len(loc) > 2 and (loc[0], loc[2]) in (
        ("domains", "indicators"),
        ("governance", "sub_indicators"),
    ):
        return (*loc[:2], *loc[3:])
    return loc


def _is_level(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def framework_problems(data: dict[str, Any], framework: Framework) -> list[Problem]:
    """Check raw submission data against ``framework``: ids, completeness, level ranges.

    Works on the raw mapping (tolerating wrong shapes, which the model reports) so that
    these problems are reported together with type errors, not after them.
    """
    found: list[Problem] = []
    declared = data.get("framework")
    if isinstance(declared, str):
        declared_id, _, pinned = declared.partition("@")
        if declared_id != framework.id:
            return [
                (
                    ("framework",),
                    f"the submission is for framework {declared_id!r}, but "
                    f"it is being assessed against {framework.id!r}",
                    f"use framework: {framework.id}, or pass --framework {declared_id}",
                )
            ]
        if pinned and pinned != framework.version:
            found.append(
                (
                    ("framework",),
                    f"the submission pins version {pinned!r}, but "
                    f"{framework.id} is version {framework.version!r}",
                    f"use framework: {framework.ref}",
                )
            )
    found.extend(governance_problems(data, framework))
    found.extend(outcome_problems(data, framework))
    levels = framework.levels
    span = f"a whole number from {levels[0]} to {levels[-1]}"
    domain_ids = [domain.id for domain in framework.domains]
    owner = {ind.id: dom.id for dom in framework.domains for ind in dom.indicators}

    targets = data.get("targets")
    if isinstance(targets, dict):
        for key, value in targets.items():
            if key != "default" and key not in domain_ids:
                found.append(
                    (
                        ("targets", key),
                        f"unknown domain {key!r}",
                        suggest(str(key), ["default", *domain_ids]),
                    )
                )
            elif _is_level(value) and value not in levels:
                found.append((("targets", key), f"target {value} is not on the scale", span))

    domains = data.get("domains")
    if not isinstance(domains, dict):
        return found
    for key in domains:
        if key not in domain_ids:
            hint = suggest(str(key), domain_ids)
            if key in owner:
                hint = f"{key} is an indicator of {owner[key]}; put it under {owner[key]}"
            found.append((("domains", key), f"unknown domain {key!r}", hint))
    for domain in framework.domains:
        if domain.id not in domains:
            found.append(
                (
                    ("domains",),
                    f"domain {domain.id} ({domain.title}) is missing",
                    f'add it, or skip it with {domain.id}: {{not_assessed: "<reason>"}}',
                )
            )
            continue
        entry = domains[domain.id]
        if not isinstance(entry, dict) or "not_assessed" in entry:
            continue
        expected = [indicator.id for indicator in domain.indicators]
        missing = [indicator_id for indicator_id in expected if indicator_id not in entry]
        explained: set[str] = set()
        for key, rating in entry.items():
            where: Loc = ("domains", domain.id, key)
            if key not in expected:
                close = difflib.get_close_matches(str(key), missing, n=1, cutoff=0.5)
                if close:
                    hint = f"did you mean {close[0]}? {close[0]} is missing"
                    explained.add(close[0])
                elif key in owner:
                    hint = f"{key} belongs to {owner[key]}, not {domain.id}"
                else:
                    hint = suggest(str(key), expected)
                found.append((where, f"unknown indicator {key!r} in {domain.id}", hint))
                continue
            if isinstance(rating, dict):
                for field in ("level", "panel_level"):
                    value = rating.get(field)
                    if _is_level(value) and value not in levels:
                        found.append(((*where, field), f"{value} is not on the scale", span))
        for indicator in domain.indicators:
            if indicator.id in missing and indicator.id not in explained:
                found.append(
                    (
                        ("domains", domain.id),
                        f"indicator {indicator.id} ({indicator.title}) is missing",
                        f'rate it, or skip it with {indicator.id}: {{not_assessed: "<reason>"}}',
                    )
                )
    return found


def governance_problems(data: dict[str, Any], framework: Framework) -> list[Problem]:
    """Check a submission's ``governance`` section against the framework's governance areas.

    When the section is present, every area and every sub-indicator must be present (rated,
    or skipped with ``not_assessed``), and no other ids may appear.
    """
    section = data.get("governance")
    if section is None:
        return []
    rules = framework.governance
    if rules is None:
        return [
            (
                ("governance",),
                f"framework {framework.ref} has no governance areas to rate",
                "remove the governance section, or use a framework that has governance",
            )
        ]
    if not isinstance(section, dict):
        return []  # the model reports the wrong type
    found: list[Problem] = []
    area_ids = [area.id for area in rules.areas]
    owner = {item.id: area.id for area in rules.areas for item in area.sub_indicators}
    for key in section:
        if key not in area_ids:
            hint = suggest(str(key), area_ids)
            if key in owner:
                hint = f"{key} is a sub-indicator of {owner[key]}; put it under {owner[key]}"
            found.append((("governance", key), f"unknown governance area {key!r}", hint))
    for area in rules.areas:
        if area.id not in section:
            found.append(
                (
                    ("governance",),
                    f"governance area {area.id} ({area.title}) is missing",
                    f'add it, or skip it with {area.id}: {{not_assessed: "<reason>"}}',
                )
            )
            continue
        entry = section[area.id]
        if not isinstance(entry, dict) or "not_assessed" in entry:
            continue
        expected = [item.id for item in area.sub_indicators]
        missing = [item_id for item_id in expected if item_id not in entry]
        for key in entry:
            if key not in expected:
                hint = suggest(str(key), missing or expected)
                if key in owner:
                    hint = f"{key} belongs to {owner[key]}, not {area.id}"
                found.append(
                    (
                        ("governance", area.id, key),
                        f"unknown sub-indicator {key!r} in {area.id}",
                        hint,
                    )
                )
        for item in area.sub_indicators:
            if item.id not in entry:
                found.append(
                    (
                        ("governance", area.id),
                        f"sub-indicator {item.id} ({item.title}) is missing",
                        f"rate it red, amber or green, or skip it with {item.id}: "
                        f'{{not_assessed: "<reason>"}}',
                    )
                )
    return found


def outcome_problems(data: dict[str, Any], framework: Framework) -> list[Problem]:
    """Check a submission's ``outcomes``: ids, years, and the framework's required measures.

    Ids must be unique; trajectory years must follow the baseline year; every actual needs
    an aspiration for its year and cannot be later than the period assessed; the baseline
    cannot be later than the period assessed; measures the framework requires must be
    present and improve in the framework's direction.
    """
    measures = data.get("outcomes")
    if not isinstance(measures, list):
        return []
    found: list[Problem] = []
    period = data.get("period") if is_period(data.get("period")) else None
    seen: dict[str, int] = {}
    for index, measure in enumerate(measures):
        if not isinstance(measure, dict):
            continue
        where: Loc = ("outcomes", index)
        measure_id = measure.get("id")
        if isinstance(measure_id, str):
            if measure_id in seen:
                found.append(
                    (
                        (*where, "id"),
                        f"duplicate outcome measure id {measure_id!r}",
                        f"first used at outcomes.{seen[measure_id]}",
                    )
                )
            seen.setdefault(measure_id, index)
        baseline = measure.get("baseline")
        start = baseline.get("period") if isinstance(baseline, dict) else None
        start = start if is_period(start) else None
        if start and period and start > period:
            found.append(
                (
                    (*where, "baseline", "period"),
                    f"the baseline year {start} is later than the period assessed ({period})",
                    None,
                )
            )
        trajectory = measure.get("trajectory")
        years = (
            [key for key in trajectory if is_period(key)] if isinstance(trajectory, dict) else []
        )
        for year in years:
            if start and year <= start:
                found.append(
                    (
                        (*where, "trajectory", year),
                        f"{year} is not after the baseline year {start}",
                        "a trajectory sets aspirations for the years after the baseline",
                    )
                )
        actuals = measure.get("actuals")
        if not isinstance(actuals, dict):
            continue
        for year in actuals:
            if not is_period(year):
                continue  # the model reports it
            if period and year > period:
                found.append(
                    (
                        (*where, "actuals", year),
                        f"an actual for {year} is later than the period assessed ({period})",
                        None,
                    )
                )
            elif isinstance(trajectory, dict) and year not in trajectory:
                span = f"the trajectory covers {min(years)} to {max(years)}" if years else None
                found.append(
                    (
                        (*where, "actuals", year),
                        f"there is no aspiration for {year} in the trajectory",
                        span,
                    )
                )
    rules = framework.outcomes
    if rules is None or not measures:
        return found
    for required in rules.required:
        if required.id not in seen:
            close = difflib.get_close_matches(required.id, list(seen), n=1, cutoff=0.5)
            hint = (
                f"rename {close[0]!r} to {required.id!r}"
                if close
                else f"add a measure with id: {required.id}"
            )
            found.append(
                (
                    ("outcomes",),
                    f"{framework.id} requires the outcome measure "
                    f"{required.id} ({required.name}), which is missing",
                    hint,
                )
            )
            continue
        better = measures[seen[required.id]].get("better")
        if (
            required.better is not None
            and isinstance(better, str)
            and better in ("higher", "lower")
            and better != required.better.value
        ):
            found.append(
                (
                    ("outcomes", seen[required.id], "better"),
                    f"{required.id} is better when {required.better.value}, as "
                    f"{framework.id} defines it",
                    f"better: {required.better.value}",
                )
            )
    return found


def load_submission(
    source: Path | str,
    framework: Framework | None = None,
    *,
    resolve: Callable[[str], Framework] | None = None,
) -> LoadedSubmission:
    """Load a submission and check it against its framework.

    ``framework`` is used when given (``--framework``); otherwise the submission's own
    ``framework:`` field is resolved with ``resolve`` (the built-in registry by default).
    Raises :class:`InputError` listing every problem found.
    """
    return submission_from_document(
        read_document(source), display_name(source), framework, resolve=resolve
    )


def submission_from_document(
    document: Document,
    name: str,
    framework: Framework | None = None,
    *,
    resolve: Callable[[str], Framework] | None = None,
) -> LoadedSubmission:
    """Validate a parsed submission; see :func:`load_submission`."""
    data: dict[str, Any] = document.data
    problems: list[Problem] = []
    if framework is None:
        declared = data.get("framework")
        if isinstance(declared, str) and declared:
            if resolve is None:
                from wcc_assess.io.frameworks import resolve_framework

                resolve = resolve_framework
            try:
                framework = resolve(declared)
            except UsageError as error:  # an unknown framework id or version
                problems.append((("framework",), str(error), None))
    submission: Submission | None = None
    try:
        submission = Submission.model_validate(data)
    except ValidationError as error:
        problems.extend(_pydantic_problems(error, Submission, _submission_loc))
    if framework is not None:
        problems.extend(framework_problems(data, framework))
    if problems:
        unique = list(dict.fromkeys(problems))
        unique.sort(key=lambda p: document.locate(p[0]) or (0, 0))
        _raise_if(name, document, unique)
    assert submission is not None and framework is not None
    return LoadedSubmission(
        submission=submission, framework=framework, document=document, name=name
    )


@dataclass(frozen=True, slots=True)
class FrameworkCheck:
    """The outcome of linting a framework file: the framework (if valid) and every finding."""

    framework: Framework | None
    """The validated framework, or None when the file has errors."""
    diagnostics: list[Diagnostic]
    """Errors (the file is rejected) and warnings (accepted, but worth a second look)."""

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that reject the file."""
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that only advise."""
        return [d for d in self.diagnostics if d.severity == "warning"]


def check_framework(source: Path | str) -> FrameworkCheck:
    """Lint a framework file: every error and every warning, each located at line:column.

    Never raises for a bad file; unreadable or malformed files come back as errors.
    """
    name = display_name(source)
    try:
        document = read_document(source)
    except InputError as error:
        return FrameworkCheck(None, list(error.diagnostics))
    return check_framework_document(document, name)


def check_framework_document(document: Document, name: str) -> FrameworkCheck:
    """Lint a parsed framework file; see :func:`check_framework`."""
    data = document.data
    if isinstance(data, dict) and "scale" not in data and "framework" in data:
        return FrameworkCheck(
            None,
            [
                _diagnostic(
                    name,
                    document,
                    (),
                    "this is a submission, not a framework (it has no scale)",
                    "check submissions with `wcc validate`",
                )
            ],
        )
    try:
        framework = framework_from_document(document, name)
    except InputError as error:
        return FrameworkCheck(None, list(error.diagnostics))
    warnings = [
        replace(_diagnostic(name, document, loc, message, hint), severity="warning")
        for loc, message, hint in framework.warnings()
    ]
    warnings.sort(key=lambda d: (d.line or 0, d.column or 0))
    return FrameworkCheck(framework, warnings)

"""Whether a submission's data fits a workbook: every value has a cell to go in.

``wcc convert`` writes a workbook from a submission's YAML, finished or a draft (a level
still to rate, a value of the wrong type, are written as they are and reported when the
workbook is checked). What has no cell cannot be written without loss, and is reported
here before anything is: a field the submission does not have, an id the framework does
not have (no row), a list or mapping where one value goes, text longer than a cell holds.

Pure: no I/O.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wcc_assess.errors import Diagnostic, Loc, suggest
from wcc_assess.models.framework import Framework

__all__ = ["MAX_CELL_TEXT", "unplaced"]

MAX_CELL_TEXT = 32_767
"""The most characters a spreadsheet cell holds."""

_TOP = {
    "framework": None,
    "organisation": {"name", "code"},
    "period": None,
    "assessed_on": None,
    "assessors": {"name", "role"},
    "targets": "*",
    "domains": "*",
    "panel": {"date", "members", "ratings", "governance", "enquiries", "sign_off"},
    "governance": "*",
    "outcomes": {
        "id",
        "name",
        "unit",
        "better",
        "baseline",
        "trajectory",
        "actuals",
        "source",
        "tolerance",
        "data_period",
    },
    "board_approved_on": None,
    "actions": {"id", "for", "action", "owner", "due", "status", "reason", "note", "raised"},
    "report": {
        "title",
        "meeting",
        "meeting_date",
        "status",
        "author",
        "executive_lead",
        "purpose",
        "recommendation",
        "marking",
    },
}
_ENTRY = {"level", "narrative", "evidence", "panel_level", "panel_note", "not_assessed"}
_RAG_ENTRY = {"rating", "narrative", "evidence", "panel_rating", "panel_note", "not_assessed"}
_EVIDENCE = {"title", "ref", "date", "checked", "kind", "key_document"}
_MEMBER = {"name", "role", "interests"}
_NESTED = {
    "checked": {"by", "on"},
    "sign_off": {"by", "on"},
    "baseline": {"period", "value"},
    "data_period": {"kind", "years"},
    "tolerance": {"absolute", "percent"},
}
"""Mappings whose fields have a column each (``checked.by``, ``checked.on``)."""
_KEYED = {"ratings": {"level", "rationale"}, "governance": {"rating", "rationale"}}
"""The panel's ratings: a row per domain (or area), keyed by its id."""
_ENQUIRY = {"domain", "question", "response", "by"}


def _scalar(loc: Loc, value: Any) -> list[Diagnostic]:
    if isinstance(value, (dict, list)):
        kind = "a mapping" if isinstance(value, dict) else "a list"
        return [Diagnostic.at(loc, f"{kind} where a workbook has one cell", "write one value")]
    if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
        return [
            Diagnostic.at(
                loc,
                f"{len(value):,} characters: a spreadsheet cell holds at most {MAX_CELL_TEXT:,}",
                "shorten it, or keep this submission in YAML",
            )
        ]
    if value is not None and not isinstance(value, (str, int, float, date)):
        return [Diagnostic.at(loc, "a value no workbook cell holds")]
    return []


def _record(loc: Loc, value: Any, fields: set[str]) -> list[Diagnostic]:
    if not isinstance(value, dict):
        return [] if value is None else [Diagnostic.at(loc, "expected a mapping of fields")]
    found: list[Diagnostic] = []
    for key, item in value.items():
        if key not in fields:
            message = f"unknown field {key!r}: it has no column in a workbook"
            found.append(Diagnostic.at((*loc, key), message, suggest(str(key), sorted(fields))))
        elif key == "evidence":
            found += _records((*loc, key), item, _EVIDENCE)
        elif key == "members":
            found += _records((*loc, key), item, _MEMBER)
        elif key == "enquiries":
            found += _records((*loc, key), item, _ENQUIRY)
        elif key in _KEYED and loc == ("panel",):
            found += _keyed((*loc, key), item, _KEYED[key])
        elif key == "tolerance" and not isinstance(item, dict):
            found += _scalar((*loc, key), item)  # a bare number: the amount
        elif key in _NESTED:
            found += _record((*loc, key), item, _NESTED[key])
        elif key == "interests":
            found += _names((*loc, key), item)
        elif key in ("trajectory", "actuals"):
            found += _mapping((*loc, key), item)
        elif key == "for":
            found += _ids((*loc, key), item)
        else:
            found += _scalar((*loc, key), item)
    return found


def _ids(loc: Loc, value: Any) -> list[Diagnostic]:
    """Ids written in one cell, separated by commas: none may hold a comma or a space."""
    items = value if isinstance(value, list) else [value]
    found = [d for index, item in enumerate(items) for d in _scalar((*loc, index), item)]
    if any(isinstance(item, str) and any(c in item for c in ", ;\t\n") for item in items):
        found.append(Diagnostic.at(loc, "an id with a comma or a space cannot share a cell"))
    return found


def _names(loc: Loc, value: Any) -> list[Diagnostic]:
    """Check names that share a cell, separated by semicolons.

    None may hold a semicolon or a line break, or be empty or padded: it would not read back
    the same.
    """
    if not isinstance(value, list):
        return [] if value is None else [Diagnostic.at(loc, "expected a list of names")]
    found = [d for index, item in enumerate(value) for d in _scalar((*loc, index), item)]
    for index, item in enumerate(value):
        if isinstance(item, str) and (any(c in item for c in ";\n\r") or item.strip() != item):
            message = "a name with a semicolon, a line break or spaces at either end"
            found.append(Diagnostic.at((*loc, index), message + " cannot share a cell"))
        elif isinstance(item, str) and not item:
            found.append(Diagnostic.at((*loc, index), "an empty name cannot share a cell"))
    return found


def _keyed(loc: Loc, value: Any, fields: set[str]) -> list[Diagnostic]:
    """Check a mapping of ids to records, a row each (an id is read back without spaces)."""
    if not isinstance(value, dict):
        return [] if value is None else [Diagnostic.at(loc, "expected a mapping of ids")]
    found: list[Diagnostic] = []
    for key, item in value.items():
        if not isinstance(key, str) or not key or key.strip() != key:
            found.append(Diagnostic.at((*loc, key), "an id a cell cannot hold as it is"))
        found += _record((*loc, key), item, fields)
    return found


def _records(loc: Loc, value: Any, fields: set[str]) -> list[Diagnostic]:
    if not isinstance(value, list):
        return [] if value is None else [Diagnostic.at(loc, "expected a list")]
    return [d for index, item in enumerate(value) for d in _record((*loc, index), item, fields)]


def _mapping(loc: Loc, value: Any) -> list[Diagnostic]:
    if not isinstance(value, dict):
        return [] if value is None else [Diagnostic.at(loc, "expected a mapping")]
    return [d for key, item in value.items() for d in _scalar((*loc, key), item)]


def _hierarchy(
    loc: Loc, value: Any, groups: dict[str, list[str]], fields: set[str]
) -> list[Diagnostic]:
    """Check that groups and members are the framework's (each has a row), entries records."""
    if not isinstance(value, dict):
        return [] if value is None else [Diagnostic.at(loc, "expected a mapping of ids")]
    found: list[Diagnostic] = []
    for group_id, entry in value.items():
        if group_id not in groups:
            message = f"{group_id!r} is not in the framework: the workbook has no row for it"
            found.append(
                Diagnostic.at((*loc, group_id), message, suggest(str(group_id), list(groups)))
            )
            continue
        if not isinstance(entry, dict):
            found += (
                []
                if entry is None
                else [Diagnostic.at((*loc, group_id), "expected a mapping of ids")]
            )
            continue
        for member_id, rating in entry.items():
            where = (*loc, group_id, member_id)
            if member_id == "not_assessed":
                found += _scalar(where, rating)
            elif member_id not in groups[group_id]:
                message = f"{member_id!r} is not in {group_id}: the workbook has no row for it"
                found.append(
                    Diagnostic.at(where, message, suggest(str(member_id), groups[group_id]))
                )
            else:
                found += _record(where, rating, fields)
    return found


def unplaced(data: dict[str, Any], framework: Framework) -> list[Diagnostic]:
    """Return every value of ``data`` that has no cell in ``framework``'s workbook."""
    domains = {d.id: [i.id for i in d.indicators] for d in framework.domains}
    areas = {
        a.id: [s.id for s in a.sub_indicators]
        for a in (framework.governance.areas if framework.governance else [])
    }
    found: list[Diagnostic] = []
    for key, value in data.items():
        loc: Loc = (key,)
        fields = _TOP.get(key, False)
        if fields is False:
            message = f"unknown field {key!r}: it has no place in a workbook"
            found.append(Diagnostic.at(loc, message, suggest(str(key), list(_TOP))))
        elif key == "domains":
            found += _hierarchy(loc, value, domains, _ENTRY)
        elif key == "governance":
            found += _hierarchy(loc, value, areas, _RAG_ENTRY)
        elif key == "targets":
            found += _mapping(loc, value)
        elif key in ("assessors", "outcomes", "actions"):
            found += _records(loc, value, fields)  # type: ignore[arg-type]
        elif isinstance(fields, set):
            found += _record(loc, value, fields)
        else:
            found += _scalar(loc, value)
    return found

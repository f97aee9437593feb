r"""iCalendar (RFC 5545): each action's due date as an all-day event, for any calendar.

An all-day ``VEVENT`` rather than a ``VTODO``: every calendar imports events (Outlook,
Google Calendar and Apple Calendar among them), while several ignore to-dos, and what the
people who do the work want is the date in their diary. Each event:

- ``UID``: the same for the same organisation code and action id, whatever the year, so
  that importing next year's plan updates last year's event (a moved due date moves it);
- ``DTSTAMP``: the report's timestamp, which honours ``SOURCE_DATE_EPOCH``;
- ``DTSTART;VALUE=DATE`` the due date and ``DTEND`` the day after; ``TRANSP:TRANSPARENT``
  (it does not block time);
- ``SUMMARY``: ``A3 due: <the action>``, prefixed ``Done:`` or ``Dropped:`` for closed
  actions, with ``(overdue)`` for overdue ones; ``STATUS:CANCELLED`` for a dropped action;
- ``DESCRIPTION``: what it is for, the owner, the status, the note and the reason;
  ``CATEGORIES``: the domains it is for.

Text values are cleaned (:func:`~wcc_assess.render._safety.clean`: every control
character is shown as a visible escape such as ``\x1b``) and escaped as RFC 5545 TEXT
(backslash, semicolon, comma and newline); every content line is folded at 75 octets
without splitting a UTF-8 character, and lines end with CRLF.
"""

from __future__ import annotations

import hashlib

from wcc_assess import __version__
from wcc_assess.models.actions import ActionResult, ActionsReport, ActionStatus
from wcc_assess.render import _words
from wcc_assess.render._safety import clean
from wcc_assess.render.actions import _common as common
from wcc_assess.render.interface import RenderOptions

__all__ = ["fold", "render", "text_value", "uid"]

LIMIT = 75
"""The most octets of a content line, its line break aside (RFC 5545, 3.1)."""


def text_value(text: str) -> str:
    """Escape ``text`` as an RFC 5545 TEXT value (after cleaning it)."""
    flat = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    flat = flat.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return flat.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets: CRLF and a space, never inside a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LIMIT:
            parts.append(current)
            current, size = "", 1  # the space that starts a continuation line
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def uid(code: str, action_id: str) -> str:
    """Return an action's stable UID: a digest of the organisation code and the action id."""
    digest = hashlib.sha256(f"{code}\x1f{action_id}".encode()).hexdigest()[:32]
    return f"{digest}@wcc-assess"


def _stamp(generated_at: str) -> str:
    """Return ``20260921T141320Z`` for ``2026-09-21T14:13:20Z``."""
    return generated_at.replace("-", "").replace(":", "").replace("+0000", "Z")


def _summary(action: ActionResult) -> str:
    prefix = {ActionStatus.DONE: "Done: ", ActionStatus.DROPPED: "Dropped: "}.get(action.status, "")
    text = f"{prefix}{action.id} due: {action.action}"
    return text + (" (overdue)" if action.overdue else "")


def _description(report: ActionsReport, action: ActionResult) -> str:
    lines = [
        f"{action.id}: {action.action}",
        f"For: {', '.join(action.addresses)}",
        f"Owner: {action.owner}",
        f"Status: {_words.action_status_text(action)}",
    ]
    if action.reason:
        lines.append(f"Dropped: {action.reason}")
    if action.note:
        lines.append(f"Note: {action.note}")
    lines.append(
        f"From the {report.period} development plan of {report.organisation} "
        f"({report.organisation_code}), raised {action.raised or report.period}."
    )
    return "\n".join(lines)


def _event(report: ActionsReport, action: ActionResult, stamp: str) -> list[str]:
    day = action.due.strftime("%Y%m%d")
    after = action.due.toordinal() + 1
    end = type(action.due).fromordinal(after).strftime("%Y%m%d")
    status = "CANCELLED" if action.status is ActionStatus.DROPPED else "CONFIRMED"
    categories = ",".join(text_value(domain) for domain in action.domains)
    return [
        "BEGIN:VEVENT",
        f"UID:{uid(report.organisation_code, action.id)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day}",
        f"DTEND;VALUE=DATE:{end}",
        f"SUMMARY:{text_value(_summary(action))}",
        f"DESCRIPTION:{text_value(_description(report, action))}",
        *([f"CATEGORIES:{categories}"] if categories else []),
        f"STATUS:{status}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def render(report: ActionsReport, options: RenderOptions) -> str:
    """Return the selected actions as one iCalendar file (CRLF line ends)."""
    stamp = _stamp(report.generated_at)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//wcc-assess//wcc-assess {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text_value(common.title(report))}",
    ]
    for action in report.actions:
        lines += _event(report, action, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

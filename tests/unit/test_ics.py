"""iCalendar text: escaped and folded as RFC 5545 asks, whatever the text (property tests)."""

from __future__ import annotations

import icalendar
from hypothesis import example, given
from hypothesis import strategies as st

from wcc_assess.render._safety import clean
from wcc_assess.render.actions.ics import fold, text_value


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


@given(st.text())
def test_folded_lines_fit_and_unfold_to_the_value(text: str) -> None:
    line = "DESCRIPTION:" + text_value(text)
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    unfolded = parts[0] + "".join(part[1:] for part in parts[1:])
    assert unfolded == line
    expected = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    assert unescape(unfolded.removeprefix("DESCRIPTION:")) == expected


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1))
@example(text="\\\x1f")  # a backslash, then a control shown as \x1f: two escaped backslashes
def test_a_real_parser_reads_back_what_was_written(text: str) -> None:
    body = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//test//EN",
            "BEGIN:VEVENT",
            "UID:x@test",
            "DTSTAMP:20260101T000000Z",
            "DTSTART;VALUE=DATE:20260101",
            fold("SUMMARY:" + text_value(text)),
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    (event,) = icalendar.Calendar.from_ical(body.encode("utf-8")).walk("VEVENT")
    expected = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    assert str(event["SUMMARY"]) == expected

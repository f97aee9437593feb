"""The example submissions tell a story a governance officer could sign: no document is in
two places at once, nothing is reported before its data exist, and no one marks their own
homework.

The examples are fictional, but they are the first thing a practitioner reads, so they are
held to the facts a board secretary would check. Each test below states its rule. Dates are
the dates of the meeting that received a paper, or of publication for anything else.

Where an example breaks a rule on purpose, to show the tool at work, it is listed in
``DELIBERATE`` with the reason, and the test checks that the exception is still needed.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from wcc_assess.io.yamlsafe import parse_yaml_data

FILES = sorted(EXAMPLES.glob("*.yaml"))

DELIBERATE = {
    ("westmarsh-2026-27.yaml", "Board paper 2026/098"): (
        "dated after assessed_on to show that future-dated evidence is flagged and not counted"
    ),
    ("westmarsh-2026-27-assurance.yaml", "Board paper 2026/098"): (
        "the same paper in the same self-assessment, after the panel day"
    ),
}
"""(file, ref) -> why the example breaks the date rules on purpose."""

REPORT_LAG = timedelta(days=7)
"""The least time between the end of a month or quarter and a report on it."""

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}

PART_WORDS = ("appendix", "section", "annex", "schedule", "chapter", " s")
"""Words that mark a title as naming part of a document cited elsewhere under the same ref."""

YEAR_COMPLETE = re.compile(
    r"\b(year-end|annual (report|summary|accounts)|outturn|delivery report|opinion|"
    r"programme report|portfolio report|winter review)\b",
    re.IGNORECASE,
)
"""Title words that describe a financial year after it has ended."""

PUBLICATION = {
    # measure id: (what a financial-year key holds, months from the end of that data period
    # to publication). Approximate lags, deliberately on the short side.
    "life-expectancy": ("calendar", 12),  # ONS, three-year pooled, published in December
    "health-inequalities": ("calendar", 12),  # built from the same pooled figures
    "cvd-mortality": ("calendar", 11),  # OHID, by calendar year of death
    "cancer-mortality": ("calendar", 11),
    "smoking": ("calendar", 9),  # Annual Population Survey, published in the autumn
    "breastfeeding": ("financial", 6),  # OHID quarterly returns
    "avoidable-admissions": ("financial", 4),  # provisional Secondary Uses Service data
    "mmr-two-doses": ("financial", 6),  # COVER annual figures, published in September
    "dementia-diagnosis": ("financial", 2),  # monthly primary care data
    "early-cancer-diagnosis": ("calendar", 6),  # rapid cancer registration data
}
"""When each outcome measure of the examples is published (see the examples' sources)."""


@dataclass(frozen=True)
class Item:
    """One evidence item as cited in one place of one example."""

    file: str
    organisation: str
    where: str
    title: str
    ref: str
    date: date


def _load(path: Path) -> dict[str, Any]:
    # Read as wcc reads it: ``on:`` (sign_off, checked) is a key, not YAML 1.1's ``true``.
    data: dict[str, Any] = parse_yaml_data(path.read_text(encoding="utf-8"))
    return data


def _items(path: Path) -> Iterator[Item]:
    data = _load(path)
    code = data["organisation"]["code"]
    places: list[tuple[str, Any]] = []
    for domain_id, domain in data["domains"].items():
        for indicator_id, entry in domain.items():
            if isinstance(entry, dict):
                places.append((f"{domain_id}.{indicator_id}", entry))
    for area_id, area in (data.get("governance") or {}).items():
        for item_id, entry in area.items():
            if isinstance(entry, dict):
                places.append((f"{area_id}.{item_id}", entry))
    for where, entry in places:
        for evidence in entry.get("evidence") or []:
            yield Item(
                path.name,
                code,
                where,
                evidence["title"],
                evidence["ref"],
                evidence["date"],
            )


def _all_items() -> list[Item]:
    return [item for path in FILES for item in _items(path)]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _is_url(ref: str) -> bool:
    return ref.startswith(("http://", "https://"))


def _same_document(a: str, b: str) -> bool:
    """Whether two titles can name the same document: equal, or one names a part of it."""
    return a == b or any(word in f"{a} {b}".casefold() for word in PART_WORDS)


def test_every_example_is_checked() -> None:
    assert len(FILES) >= 4
    assert sum(1 for _ in _all_items()) > 100


def test_a_ref_is_one_document_on_one_date() -> None:
    """Within an organisation's examples, a paper ref always has the same date and title
    (or a title naming a part of it, such as an appendix). A web page's ref may be cited
    at different dates in different years, but not within one file."""
    papers: dict[tuple[str, str], list[Item]] = defaultdict(list)
    pages: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in _all_items():
        if _is_url(item.ref):
            pages[(item.file, item.ref)].append(item)
        else:
            papers[(item.organisation, item.ref)].append(item)
    clashes = []
    for (_, ref), items in papers.items():
        first = items[0]
        for other in items[1:]:
            if other.date != first.date or not _same_document(first.title, other.title):
                clashes.append(
                    f"{ref}: {first.file} {first.where} {first.title!r} {first.date} vs "
                    f"{other.file} {other.where} {other.title!r} {other.date}"
                )
    for (file, ref), items in pages.items():
        dates = {item.date for item in items}
        if len(dates) > 1:
            clashes.append(f"{file}: {ref} is cited with dates {sorted(dates)}")
    assert clashes == [], "\n".join(clashes)


def test_a_title_is_one_document_within_a_file() -> None:
    """Within one file, the same title always cites the same ref: one board effectiveness
    review of 2026, not two papers that both claim to be it."""
    refs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in _all_items():
        refs[(item.file, item.title.casefold())].add(item.ref)
    clashes = [
        f"{file}: {title!r} cites {sorted(r)}" for (file, title), r in refs.items() if len(r) > 1
    ]
    assert clashes == [], "\n".join(clashes)


def test_board_paper_numbers_follow_the_calendar() -> None:
    """``Board paper YYYY/NNN`` was received in year YYYY, and within an organisation a
    higher number never went to an earlier meeting."""
    problems = []
    by_organisation: dict[str, dict[tuple[int, int], date]] = defaultdict(dict)
    for item in _all_items():
        match = re.fullmatch(r"Board paper (\d{4})/(\d{3})", item.ref)
        if not match:
            continue
        year, number = int(match[1]), int(match[2])
        if year != item.date.year:
            problems.append(f"{item.file} {item.where}: {item.ref} is dated {item.date}")
        by_organisation[item.organisation][(year, number)] = item.date
    for organisation, papers in by_organisation.items():
        ordered = sorted(papers.items())
        for (earlier, d1), (later, d2) in zip(ordered, ordered[1:], strict=False):
            if d2 < d1:
                problems.append(
                    f"{organisation}: paper {later} ({d2}) went to a meeting before paper "
                    f"{earlier} ({d1})"
                )
    assert problems == [], "\n".join(problems)


def test_committee_paper_refs_match_their_meeting_month() -> None:
    """A committee paper numbered ``ABC-YYYY-MM-NN`` went to the meeting of that month."""
    problems = [
        f"{item.file} {item.where}: {item.ref} is dated {item.date}"
        for item in _all_items()
        if (match := re.search(r"\b[A-Z]{2,5}-(\d{4})-(\d{2})-\d{2}\b", item.ref))
        and (int(match[1]), int(match[2])) != (item.date.year, item.date.month)
    ]
    assert problems == [], "\n".join(problems)


def _period_end(title: str) -> tuple[date, timedelta] | None:
    """The end of the period a title reports on, and the least lag before a report on it.

    - ``month N YYYY/YY``: month N of the financial year (month 1 is April);
    - ``Qn YYYY/YY``: that quarter of the financial year;
    - ``..., <Month> YYYY`` at the end of a report, dashboard, pack or register: the month
      of the data (a title naming the meeting month says so: "to the December 2011
      meeting");
    - ``YYYY/YY`` in a title that describes a completed year (outturn, year-end, annual
      report ...): the end of that financial year.
    """
    if match := re.search(r"\bmonth (\d{1,2}) (\d{4})/\d{2}\b", title):
        month_index, start = int(match[1]), int(match[2])
        year, month = (start, month_index + 3) if month_index <= 9 else (start + 1, month_index - 9)
        return _month_end(year, month), REPORT_LAG
    if match := re.search(r"\bQ([1-4]) (\d{4})/\d{2}\b", title):
        quarter, start = int(match[1]), int(match[2])
        year, month = (start, 3 * quarter + 3) if quarter <= 3 else (start + 1, 3)
        return _month_end(year, month), REPORT_LAG
    names = "|".join(MONTHS)
    if re.search(r"\b(report|dashboard|pack|register)\b", title, re.IGNORECASE) and (
        match := re.search(rf", ({names}) (\d{{4}})$", title)
    ):
        return _month_end(int(match[2]), MONTHS[match[1]]), REPORT_LAG
    if YEAR_COMPLETE.search(title) and (match := re.search(r"\b(\d{4})/\d{2}\b", title)):
        return date(int(match[1]) + 1, 3, 31), timedelta(days=1)
    return None


def test_no_report_before_its_period_has_ended() -> None:
    """A report on a month, quarter or year is dated after that period ended (by a week for
    months and quarters): a board on 3 September cannot see August's figures."""
    problems = []
    for item in _all_items():
        found = _period_end(item.title)
        if found and item.date < found[0] + found[1]:
            problems.append(
                f"{item.file} {item.where}: {item.title!r} is dated {item.date}, but its "
                f"period ends {found[0]}"
            )
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    ("title", "end"),
    [
        ("Finance report, month 5 2026/27", date(2026, 8, 31)),
        ("Financial plan, month 12 2025/26", date(2026, 3, 31)),
        ("Quality report, Q4 2024/25", date(2025, 3, 31)),
        ("Integrated performance report, July 2026", date(2026, 7, 31)),
        ("Medicines optimisation programme outturn 2025/26", date(2026, 3, 31)),
        ("Regional quality group minutes, November 2011", None),
        ("Contract signature tracker 2026/27", None),
    ],
)
def test_period_end_reading(title: str, end: date | None) -> None:
    found = _period_end(title)
    assert (found[0] if found else None) == end


def test_no_evidence_after_the_assessment() -> None:
    """Evidence is dated on or before ``assessed_on``, or the panel day once a panel has
    sat, except where ``DELIBERATE`` says why."""
    problems = []
    used = set()
    for path in FILES:
        data = _load(path)
        latest = data["assessed_on"]
        if data.get("panel"):
            latest = max(latest, data["panel"]["date"])
        for item in _items(path):
            if (path.name, item.ref) in DELIBERATE:
                used.add((path.name, item.ref))
                continue
            if item.date > latest:
                problems.append(f"{path.name} {item.where}: {item.ref} is dated {item.date}")
    assert problems == [], "\n".join(problems)
    assert used == set(DELIBERATE), "a deliberate exception is no longer needed"


def _person(name: str) -> str:
    words = [w for w in name.casefold().replace(".", "").split() if w]
    titles = {"dr", "professor", "prof", "cllr", "councillor", "mr", "mrs", "ms", "sir"}
    return " ".join(w for w in words if w not in titles)


def test_no_assessor_sits_on_the_panel() -> None:
    """The panel confirms and challenges the self-assessment, so no one is on both sides."""
    problems = []
    for path in FILES:
        data = _load(path)
        assessors = {_person(a["name"]) for a in data.get("assessors") or []}
        members = {_person(m["name"]) for m in (data.get("panel") or {}).get("members", [])}
        problems += [f"{path.name}: {name}" for name in sorted(assessors & members)]
        roles = " ".join(a["role"] for a in data.get("assessors") or []).casefold()
        if "panel" in roles or "independent" in roles:
            problems.append(f"{path.name}: an assessor is described as a panel member")
    assert problems == [], "\n".join(problems)


ERA_TERMS = (
    # (pattern, in use from, in use until): a term outside its years is an anachronism.
    (r"\bHealthwatch\b", date(2013, 4, 1), None),
    (r"\bLocal Involvement Networks?\b|(?-i:\bLINks?\b)", None, date(2013, 3, 31)),
    (r"\bProvider Selection Regime\b", date(2024, 1, 1), None),
    (r"\bPatient Safety Incident Response Framework\b|\bPSIRF\b", date(2022, 8, 1), None),
    (r"\bquality surveillance groups?\b", date(2013, 4, 1), None),
    (r"\bIntegrated Care Boards?\b|\bICBs?\b", date(2022, 7, 1), None),
    (r"\bCQUIN\b", date(2009, 4, 1), None),
    (r"\bvalue-for-money conclusion\b", None, date(2021, 3, 31)),
    (r"\bauditor's annual report\b", date(2021, 4, 1), None),
    # Enforcement undertakings are given by providers, never by a commissioner.
    (r"\bundertakings?\b", date.max, None),
)
"""Terms of a particular regime, with the years in which an assessment could use them."""


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_terms_belong_to_the_assessment_year() -> None:
    """Every name, narrative, title, note and reason uses the terms of its own year: no
    Healthwatch in 2012, no Provider Selection Regime in 2023, no undertakings for an ICB.
    The comments of a file are not checked."""
    problems = []
    for path in FILES:
        data = _load(path)
        when = data["assessed_on"]
        text = " ".join(t for t in _texts(data) if not _is_url(t))
        for pattern, start, end in ERA_TERMS:
            found = re.search(pattern, text, re.IGNORECASE)
            if found and ((start and when < start) or (end and when > end)):
                problems.append(f"{path.name} ({when}): {found[0]!r}")
    assert problems == [], "\n".join(problems)


def _data_period_end(key: str, kind: str) -> date:
    start = int(key[:4])
    return date(start, 12, 31) if kind == "calendar" else date(start + 1, 3, 31)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def test_outcome_actuals_were_published_in_time() -> None:
    """An actual is given only for a year whose figure was published by the panel day (or
    ``assessed_on`` without a panel): a financial-year key holds the data period that ends
    in it, published the measure's lag (``PUBLICATION``) later. Life expectancy for
    2023-2025 cannot appear in an assessment of October 2026."""
    problems = []
    for path in FILES:
        data = _load(path)
        if not data.get("outcomes"):
            continue
        seen_by = (data.get("panel") or {}).get("date", data["assessed_on"])
        for measure in data["outcomes"]:
            assert measure["id"] in PUBLICATION, f"add the publication lag of {measure['id']}"
            kind, lag = PUBLICATION[measure["id"]]
            for key in measure.get("actuals") or {}:
                published = _add_months(_data_period_end(key, kind), lag)
                if published > seen_by:
                    problems.append(
                        f"{path.name} {measure['id']} {key}: published about {published}, "
                        f"after {seen_by}"
                    )
    assert problems == [], "\n".join(problems)


def test_the_assurance_file_is_the_self_assessment_after_the_panel() -> None:
    """westmarsh-2026-27-assurance.yaml is westmarsh-2026-27.yaml plus the panel's work:
    the same organisation, dates, assessors, targets and self-assessed entries."""
    plain = _load(EXAMPLES / "westmarsh-2026-27.yaml")
    assured = _load(EXAMPLES / "westmarsh-2026-27-assurance.yaml")
    for key in ("framework", "organisation", "period", "assessed_on", "assessors", "targets"):
        assert assured[key] == plain[key], key
    for domain_id, domain in assured["domains"].items():
        for indicator_id, entry in domain.items():
            own = {k: v for k, v in entry.items() if k not in ("panel_level", "panel_note")}
            # Which documents the panel checked is the panel's work too.
            for item in own.get("evidence", []):
                item.pop("checked", None)
            assert own == plain["domains"][domain_id][indicator_id], indicator_id


def test_the_westmarsh_years_follow_on() -> None:
    """The two Westmarsh years are one organisation a year apart, assessed by the same
    team (one member changed), against the same framework."""
    old = _load(EXAMPLES / "westmarsh-2025-26.yaml")
    new = _load(EXAMPLES / "westmarsh-2026-27.yaml")
    assert old["organisation"] == new["organisation"]
    assert old["framework"] == new["framework"]
    assert (int(old["period"][:4]) + 1, new["assessed_on"].year) == (
        int(new["period"][:4]),
        old["assessed_on"].year + 1,
    )
    old_team = {a["name"] for a in old["assessors"]}
    new_team = {a["name"] for a in new["assessors"]}
    assert len(old_team & new_team) >= len(old_team) - 1


def test_an_example_uses_the_rules_of_its_year() -> None:
    """An example pinned to a framework version is for a year that version covers, and keeps
    its rules: nothing rated that the version does not rate, no level that no commissioner
    reached that year (WCC's first year: no C11, no level 4)."""
    from wcc_assess.usecases.frameworks import resolve_framework

    pinned = 0
    for path in FILES:
        data = _load(path)
        if "@" not in data["framework"]:
            continue
        framework = resolve_framework(data["framework"])
        if framework.periods is not None:
            pinned += 1
            assert framework.periods.covers(data["period"]), path.name
        for entry in framework.scoring.not_rated:
            assert entry.id not in data["domains"], f"{path.name}: {entry.id} is not rated"
        doubtful = {warning.level for warning in framework.scoring.claim_warnings}
        claimed = {
            rating.get(key)
            for domain in data["domains"].values()
            for rating in domain.values()
            if isinstance(rating, dict)
            for key in ("level", "panel_level")
        }
        assert not claimed & doubtful, f"{path.name}: claims level {sorted(claimed & doubtful)}"
    assert pinned >= 2


def test_the_first_year_example_reads_as_2008() -> None:
    """The 2008/09 example is a primary care trust's, in the terms of its year: no CQUIN (from
    April 2009), no NHS Constitution (January 2009, unverified), LINks rather than Healthwatch."""
    data = _load(EXAMPLES / "wcc-2008-brackenford.yaml")
    text = " ".join(_texts(data))
    assert "Primary Care Trust" in data["organisation"]["name"]
    for anachronism in ("CQUIN", "NHS Constitution", "Healthwatch", "integrated care"):
        assert anachronism not in text, anachronism
    assert "Local Involvement Network" in text

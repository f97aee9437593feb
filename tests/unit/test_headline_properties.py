"""Properties of the headline (issue 13, product contract §2 rules 6 and 7).

- A band's meaning is true of every profile of domain levels it is printed for, and a
  higher profile never gets a lower band.
- WCC, which never had a composite rating, prints no band at all.
- No summary, in any format, counts a not-evidenced domain (a target, nothing assessed)
  as met.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.annual_data import wcc_submission
from tests.conftest import MINI
from wcc_assess.core.bands import band_for, rule_holds
from wcc_assess.core.cohort import CohortOptions, build_cohort, summarise
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import DomainStatus, Result
from wcc_assess.models.submission import Submission
from wcc_assess.render import AssessFormat, render
from wcc_assess.render._words import target_counts
from wcc_assess.usecases.frameworks import load_framework_file, resolve_framework

Levels = Sequence[int | None]


def _count(levels: Levels, at_least: int) -> int:
    return sum(level is not None and level >= at_least for level in levels)


def _none_below(levels: Levels, floor: int) -> bool:
    return all(level is not None and level >= floor for level in levels)


def _more_than_half(levels: Levels, at_least: int) -> bool:
    return 2 * _count(levels, at_least) > len(levels)


MEANINGS: dict[str, dict[str, Callable[[Levels], bool]]] = {
    # Each band's meaning, as its framework file words it, restated as a test of the levels.
    "bs11000": {
        # "At least one stage is below level 2 (Defined) or not yet assessed"
        "Transactional": lambda ls: not _none_below(ls, 2),
        # "Every stage is at least Defined (level 2), but no more than half are Embedded"
        "Emerging": lambda ls: _none_below(ls, 2) and not _more_than_half(ls, 3),
        # "More than half of the stages are Embedded (level 3) or better and none is below
        # Defined (level 2)"
        "Collaborative": lambda ls: _more_than_half(ls, 3) and _none_below(ls, 2),
        # "More than half of the stages are Optimised (level 4) and none is below Embedded"
        "Mature partnership": lambda ls: _more_than_half(ls, 4) and _none_below(ls, 3),
    },
    "commissioning-for-quality": {
        "Reactive": lambda ls: not _none_below(ls, 2),
        "Developing": lambda ls: _none_below(ls, 2) and not _more_than_half(ls, 3),
        "Assured": lambda ls: _more_than_half(ls, 3) and _none_below(ls, 2),
        "Leading": lambda ls: _more_than_half(ls, 4) and _none_below(ls, 3),
    },
    "new-commissioning": {
        "Contract-led": lambda ls: not _none_below(ls, 2),
        "In transition": lambda ls: _none_below(ls, 2) and not _more_than_half(ls, 3),
        "New commissioner": lambda ls: _more_than_half(ls, 3) and _none_below(ls, 2),
        # "All four domains are Leading (level 4)"
        "System leader": lambda ls: _none_below(ls, 4),
    },
}

BANDED = {framework_id: resolve_framework(framework_id) for framework_id in MEANINGS}


@st.composite
def profiles(draw: st.DrawFn) -> tuple[Framework, list[int | None]]:
    framework = BANDED[draw(st.sampled_from(sorted(BANDED)))]
    values: list[int | None] = [None, *framework.levels]
    levels = draw(st.lists(st.sampled_from(values), min_size=len(framework.domains),
                           max_size=len(framework.domains)))  # fmt: skip
    return framework, levels


@settings(max_examples=400, deadline=None)
@given(profiles())
def test_a_bands_meaning_is_true_of_every_profile_it_is_printed_for(
    drawn: tuple[Framework, list[int | None]],
) -> None:
    framework, levels = drawn
    bands = framework.scoring.bands
    band = band_for(bands, levels)
    assert band is not None
    assert MEANINGS[framework.id][band.label](levels), (band.label, levels)
    index = bands.index(band)
    if band.when is not None:
        assert rule_holds(band.when, levels)
    for higher in bands[index + 1 :]:  # the band printed is the highest that holds
        assert higher.when is not None and not rule_holds(higher.when, levels)


@settings(max_examples=300, deadline=None)
@given(profiles(), st.data())
def test_raising_a_level_never_lowers_the_band(
    drawn: tuple[Framework, list[int | None]], data: st.DataObject
) -> None:
    framework, levels = drawn
    bands = framework.scoring.bands
    position = data.draw(st.integers(0, len(levels) - 1))
    current = levels[position]
    if current == framework.highest:
        return
    raised = list(levels)
    raised[position] = framework.lowest if current is None else current + 1
    before, after = band_for(bands, levels), band_for(bands, raised)
    assert before is not None and after is not None
    assert bands.index(after) >= bands.index(before)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=11, max_size=11))
def test_wcc_prints_no_band_for_any_profile(levels: list[int]) -> None:
    framework = resolve_framework("wcc")
    by_domain = {f"C{n}": level for n, level in enumerate(levels, start=1)}
    submission = Submission.model_validate(wcc_submission(by_domain))
    result = score(framework, submission, ScoreOptions(generated_at="x"))
    assert [d.level for d in result.domains] == levels
    assert result.overall.band is None
    for fmt in (AssessFormat.MARKDOWN, AssessFormat.TABLE):
        text = render(result, fmt)
        assert "Strong" not in text and "band" not in text.lower().split("how this was")[0]


# Not evidenced is never met -------------------------------------------------------------

MINI_FRAMEWORK = load_framework_file(MINI)


@st.composite
def gated_submissions(draw: st.DrawFn) -> tuple[Submission, bool]:
    """Mini submissions with targets, some domains wholly not assessed."""
    domains: dict[str, Any] = {}
    for domain in MINI_FRAMEWORK.domains:
        if draw(st.booleans()):
            domains[domain.id] = {"not_assessed": "not this year"}
        else:
            domains[domain.id] = {
                i.id: {
                    "level": draw(st.integers(1, 2)),
                    "evidence": [{"title": "t", "ref": f"{i.id}", "date": date(2026, 1, 10)}],
                }
                for i in domain.indicators
            }
    targets = draw(
        st.fixed_dictionaries({}, optional={"A": st.integers(1, 4), "B": st.integers(1, 4)})
    )
    data = {
        "framework": "mini",
        "organisation": {"name": "P", "code": "P1"},
        "period": "2026/27",
        "assessed_on": date(2026, 10, 1),
        "targets": targets,
        "domains": domains,
    }
    return Submission.model_validate(data), draw(st.booleans())


_SUMMARY = re.compile(
    r"(?:every domain with a target meets it \((\d+) of (\d+)\))"
    r"|(?:(\d+) of (\d+) domains? with a target meets? it)",
    re.IGNORECASE,
)


def _said_met(text: str) -> tuple[int, int] | None:
    """Return (met, with a target) as a report says it, or None when it says nothing."""
    found = _SUMMARY.search(" ".join(text.split()))
    if found is None:
        return None
    numbers = [int(n) for n in found.groups() if n is not None]
    return numbers[0], numbers[1]


@settings(max_examples=200, deadline=None)
@given(gated_submissions())
def test_no_summary_counts_a_not_evidenced_domain_as_met(drawn: tuple[Submission, bool]) -> None:
    submission, allowed = drawn
    options = ScoreOptions(generated_at="2026-01-01T00:00:00Z", allow_not_evidenced=allowed)
    result: Result = score(MINI_FRAMEWORK, submission, options)
    statuses = [d.status for d in result.domains]
    met = statuses.count(DomainStatus.MET)
    targeted = sum(d.target is not None for d in result.domains)
    missing = statuses.count(DomainStatus.NOT_EVIDENCED)
    counts = target_counts(result)
    assert (len(counts.met), len(counts.targeted), len(counts.missing)) == (met, targeted, missing)
    # Every report that sums the targets up says the same numbers.
    for fmt in (AssessFormat.MARKDOWN, AssessFormat.HTML, AssessFormat.TABLE):
        said = _said_met(render(result, fmt))
        assert said == ((met, targeted) if targeted else None), fmt
    if targeted:
        html = " ".join(render(result, AssessFormat.HTML).split())
        assert f"Domains meeting target</dt><dd>{met} of {targeted}" in html
    # JUnit: a passing test case is a domain met or without a target, never a gap.
    root = ET.fromstring(render(result, AssessFormat.JUNIT).encode())
    cases = root.findall("testsuite/testcase")
    passing = [c for c in cases if c.find("failure") is None and c.find("skipped") is None]
    assert len(passing) == met + statuses.count(DomainStatus.NO_TARGET)
    failures = [c.find("failure") for c in cases]
    not_evidenced = [f for f in failures if f is not None and f.attrib["type"] == "not-evidenced"]
    assert len(not_evidenced) == (0 if allowed else missing)
    # GitHub annotations: a gap that is not allowed is an error.
    errors = render(result, AssessFormat.GITHUB).count("title=wcc assess%3A not-evidenced")
    assert errors == (0 if allowed else missing)
    # The cohort's line and statistics.
    summary = summarise(result)
    assert (summary.domains_met, summary.domains_not_evidenced) == (met, missing)
    cohort = build_cohort([summary], MINI_FRAMEWORK, CohortOptions(generated_at="x"))
    assert sum(d.met for d in cohort.domains) == met
    assert sum(d.not_evidenced for d in cohort.domains) == missing

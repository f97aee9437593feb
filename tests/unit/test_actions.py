"""The development plan judged, with hand-computed expectations (core/actions).

The mini framework: domain A (A.1, A.2, A.3) and B (B.1, B.2); every submission is assessed
on 1 October 2026 for 2026/27 (which began on 1 April 2026) unless a test says otherwise.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import MINI, evidence, mini_submission
from wcc_assess.core.actions import (
    count_actions,
    index_actions,
    judge_plan,
    period_start,
    select_actions,
)
from wcc_assess.core.scoring import Baseline, ScoreOptions, score
from wcc_assess.models.actions import (
    ActionFilters,
    ActionPlan,
    ActionResult,
    ActionStatus,
    FollowUpOutcome,
)
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import GateStatus, Result
from wcc_assess.models.submission import Submission

MINI_DATA: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))
FRAMEWORK = Framework.model_validate(MINI_DATA)


def action(
    action_id: str, *ids: str, due: str = "2027-03-31", status: str = "open", **more: Any
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": action_id,
        "for": list(ids),
        "action": f"do {action_id}",
        "owner": more.pop("owner", "Director of Finance"),
        "due": due,
        "status": status,
    }
    if status == "dropped":
        entry["reason"] = more.pop("reason", "no longer needed")
    return entry | more


def graded(
    actions: list[dict[str, Any]] | None,
    *,
    targets: dict[str, int] | None = None,
    baseline: Result | None = None,
    fail_on_overdue: bool = False,
    skipped: dict[str, str] | None = None,
    **ratings: Any,
) -> Result:
    data = mini_submission(**ratings)
    for domain_id, reason in (skipped or {}).items():
        data["domains"][domain_id] = {"not_assessed": reason}
    if actions is not None:
        data["actions"] = actions
    if targets:
        data["targets"] = targets
    options = ScoreOptions(
        generated_at="2026-10-02T00:00:00Z",
        source="plan.yaml",
        baseline=Baseline(baseline) if baseline is not None else None,
        fail_on_overdue=fail_on_overdue,
    )
    return score(FRAMEWORK, Submission.model_validate(data), options)


def last_year(actions: list[dict[str, Any]]) -> Result:
    data = mini_submission()
    data.update(period="2025/26", assessed_on="2025-10-01", actions=actions)
    for domain in data["domains"].values():
        for entry in domain.values():
            entry["evidence"] = evidence(1, date="2025-06-01")
    return score(FRAMEWORK, Submission.model_validate(data), ScoreOptions(generated_at="x"))


def plan_of(result: Result) -> ActionPlan:
    assert result.actions is not None
    return result.actions


# Overdue.
def test_overdue_is_live_and_due_before_the_assessment_date() -> None:
    plan = plan_of(
        graded(
            [
                action("A1", "A.1", due="2026-09-30"),  # 1 day before 1 October
                action("A2", "A.2", due="2026-10-01"),  # due on the day: not yet overdue
                action("A3", "A", due="2026-07-03", status="in-progress"),  # 90 days
                action("A4", "B.1", due="2026-05-01", status="done"),
                action("A5", "B", due="2026-05-01", status="dropped"),
            ]
        )
    )
    overdue = {a.id: a.days_overdue for a in plan.actions if a.overdue}
    assert overdue == {"A1": 1, "A3": 90}
    assert [a.days_overdue for a in plan.actions if not a.overdue] == [None, None, None]
    counts = plan.counts
    assert (counts.total, counts.open, counts.in_progress, counts.done, counts.dropped) == (
        5,
        2,
        1,
        1,
        1,
    )
    assert (counts.overdue, counts.raised) == (2, 5)


def test_actions_know_their_domains_in_framework_order() -> None:
    result = graded([action("A1", "B.2", "A.1"), action("A2", "B"), action("A3", "A.3", "A")])
    plan = plan_of(result)
    assert [a.domains for a in plan.actions] == [["A", "B"], ["B"], ["A"]]
    assert [a.addresses for a in plan.actions] == [["B.2", "A.1"], ["B"], ["A.3", "A"]]
    assert result.domain("A").actions == ["A1", "A3"]
    assert result.domain("B").actions == ["A1", "A2"]


def test_a_single_id_may_stand_for_a_list() -> None:
    plan = plan_of(graded([{**action("A1"), "for": "A.2"}]))
    assert plan.actions[0].addresses == ["A.2"] and plan.actions[0].domains == ["A"]


def test_lines_are_recorded_for_reports() -> None:
    result = graded([action("A1", "A.1")])
    assert plan_of(result).actions[0].line is None  # scored without a file


# Gaps without an action.
def test_a_gap_without_a_live_action_is_flagged() -> None:
    # A at level 2 below its target of 3; B at level 2 meets its default target of 2.
    result = graded(None, targets={"default": 2, "A": 3})
    plan = plan_of(result)
    assert plan.declared is False and plan.actions == []
    assert [(g.domain, g.level, g.target, g.assessed) for g in plan.unplanned] == [
        ("A", 2, 3, True)
    ]


def test_a_live_action_for_an_indicator_or_the_domain_covers_its_gap() -> None:
    targets = {"A": 3, "B": 3}
    covered = graded(
        [action("A1", "A.3"), action("A2", "B", status="in-progress")], targets=targets
    )
    assert plan_of(covered).unplanned == []


def test_done_and_dropped_actions_do_not_close_a_gap() -> None:
    result = graded(
        [action("A1", "A.1", status="done"), action("A2", "A", status="dropped")],
        targets={"A": 3},
    )
    gaps = plan_of(result).unplanned
    assert [(g.domain, g.closed) for g in gaps] == [("A", ["A1", "A2"])]


def test_a_targeted_domain_with_nothing_assessed_is_a_gap() -> None:
    result = graded([action("A1", "A.1")], targets={"B": 2}, skipped={"B": "merged into A"})
    gaps = plan_of(result).unplanned
    assert [(g.domain, g.assessed, g.level, g.target) for g in gaps] == [("B", False, None, 2)]


def test_without_a_plan_a_gap_or_a_baseline_plan_there_is_nothing_to_say() -> None:
    assert graded(None).actions is None
    assert graded(None, targets={"default": 2}).actions is None  # every domain meets 2
    empty = graded([])
    assert empty.actions is not None and empty.actions.declared and empty.actions.actions == []


# Warnings.
def test_a_due_date_before_the_period_began_is_a_warning() -> None:
    result = graded(
        [
            action("A1", "A.1", due="2026-03-31"),  # 2026/27 began 1 April 2026
            action("A2", "A.1", due="2026-04-01"),
            action("A3", "A.1", due="2025-05-01", raised="2025/26"),  # after 1 April 2025
            action("A4", "A.1", due="2025-03-01", raised="2025/26"),
        ]
    )
    said = [w for w in result.warnings if w.startswith("actions.")]
    assert said == [
        "actions.A1: due 2026-03-31, before the period 2026/27 began (2026-04-01); check the "
        "date, or say which earlier period the action was raised in (raised: YYYY/YY)",
        "actions.A4: due 2025-03-01, before the period it was raised in (2025/26) began "
        "(2025-04-01); check the date",
    ]
    assert plan_of(result).counts.raised == 2  # A1 and A2; A3 and A4 came from 2025/26


def test_period_start() -> None:
    assert period_start("2026/27") == date(2026, 4, 1)
    assert period_start("1999/00") == date(1999, 4, 1)


# The gate.
def test_fail_on_overdue_makes_each_overdue_action_a_gate_failure() -> None:
    plan = [action("A1", "B.2", due="2026-09-01", owner="Head of IT"), action("A2", "A.1")]
    result = graded(plan, fail_on_overdue=True)
    assert result.gate.status is GateStatus.FAILED
    assert result.gate.checks == ["overdue-action"]
    (failure,) = result.gate.failures
    assert (failure.kind, failure.domain, failure.action) == ("overdue-action", "B", "A1")
    assert failure.message == (
        "action A1 (do A1) is overdue by 30 days: due 2026-09-01, open; owner Head of IT"
    )
    assert graded(plan).gate.status is GateStatus.NONE  # overdue, but not a gate


def test_fail_on_overdue_passes_with_nothing_overdue_and_says_when_there_is_no_plan() -> None:
    passed = graded([action("A1", "A.1")], fail_on_overdue=True)
    assert passed.gate.status is GateStatus.PASSED and passed.gate.checks == ["overdue-action"]
    nothing = graded(None, fail_on_overdue=True)
    assert nothing.gate.status is GateStatus.PASSED
    assert "--fail-on-overdue has nothing to check: the submission has no actions" in (
        nothing.warnings
    )


def test_overdue_sits_beside_the_other_gates() -> None:
    result = graded(
        [action("A1", "A.1", due="2026-01-01", raised="2025/26")],
        targets={"A": 3},
        fail_on_overdue=True,
    )
    assert [f.kind for f in result.gate.failures] == ["below-target", "overdue-action"]
    assert result.gate.checks == ["below-target", "overdue-action"]


# Followed from year to year.
def test_last_years_live_actions_are_followed_by_id() -> None:
    before = last_year(
        [
            action("A1", "A.1", due="2026-03-31"),
            action("A2", "A.2", due="2026-03-31", status="in-progress"),
            action("A3", "B.1", due="2026-06-30"),
            action("A4", "B.2", due="2026-01-31"),
            action("A5", "A.3", due="2025-09-30", status="done"),  # closed last year
            action("A6", "B", due="2026-09-30"),
        ]
    )
    now = graded(
        [
            action("A1", "A.1", due="2026-03-31", status="done", raised="2025/26"),
            action("A2", "A.2", due="2026-08-02", status="in-progress", raised="2025/26"),
            action("A3", "B.1", due="2026-06-30", status="dropped", raised="2025/26"),
            action("A6", "B", due="2027-03-31", raised="2025/26"),
            action("A7", "A.3"),
        ],
        baseline=before,
    )
    followed = plan_of(now).follow_up
    assert followed is not None and followed.period == "2025/26"
    outcomes = [(f.id, f.outcome.value, f.days_overdue) for f in followed.items]
    # Vanished first, then carried (the most overdue first), dropped, done.
    assert outcomes == [
        ("A4", "vanished", None),
        ("A2", "carried", 60),  # due 2 August, assessed 1 October: 60 days
        ("A6", "carried", None),
        ("A3", "dropped", None),
        ("A1", "done", None),
    ]
    counts = followed.counts
    assert (counts.followed, counts.done, counts.carried, counts.dropped, counts.vanished) == (
        5,
        1,
        2,
        1,
        1,
    )
    assert counts.carried_overdue == 1 and followed.closed_before == 1
    a6 = next(f for f in followed.items if f.id == "A6")
    assert (a6.previous_due, a6.due, a6.previous_status) == (
        date(2026, 9, 30),
        date(2027, 3, 31),
        ActionStatus.OPEN,
    )
    a4 = followed.items[0]
    assert (a4.status, a4.due, a4.line, a4.owner) == (None, None, None, "Director of Finance")
    a3 = next(f for f in followed.items if f.id == "A3")
    assert a3.reason == "no longer needed"


def test_a_baseline_without_a_plan_is_not_followed() -> None:
    before = graded(None)  # no plan last year (an older result)
    now = graded([action("A1", "A.1")], baseline=before.model_copy(update={"period": "2025/26"}))
    assert plan_of(now).follow_up is None


def test_a_plan_is_reported_to_follow_last_years_even_when_none_is_written_now() -> None:
    before = last_year([action("A1", "A.1", due="2026-03-31")])
    now = graded(None, baseline=before)
    plan = plan_of(now)
    assert plan.declared is False
    assert plan.follow_up is not None
    assert [f.outcome for f in plan.follow_up.items] == [FollowUpOutcome.VANISHED]


def test_follow_up_of_a_result_read_back_from_json() -> None:
    before = last_year([action("A1", "A.1", due="2026-03-31")])
    again = Result.model_validate_json(before.model_dump_json())
    now = graded([action("A1", "A.1", status="done", raised="2025/26")], baseline=again)
    assert [f.outcome for f in plan_of(now).follow_up.items] == [  # type: ignore[union-attr]
        FollowUpOutcome.DONE
    ]


# Next steps point to the actions.
def test_next_steps_name_the_live_actions_for_their_indicator_or_domain() -> None:
    result = graded(
        [
            action("A1", "A.1"),
            action("A2", "A"),
            action("A3", "A.2", status="done"),
            action("A4", "B.1"),
        ],
        targets={"A": 3},
    )
    steps = {step.indicator: step.actions for step in result.domain("A").next_steps}
    assert steps == {"A.1": ["A1", "A2"], "A.2": ["A2"], "A.3": ["A2"]}


# Selection (wcc actions).
def _plan() -> list[ActionResult]:
    result = graded(
        [
            action("A1", "A.1", owner="Chief Finance Officer", due="2026-09-01"),
            action("A2", "A.2", owner="Deputy Director of Finance", status="done"),
            action("A3", "B", owner="Head of Contracting", status="in-progress"),
        ]
    )
    return plan_of(result).actions


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (ActionFilters(), ["A1", "A2", "A3"]),
        (ActionFilters(owner="FINANCE"), ["A1", "A2"]),
        (ActionFilters(owner=" deputy "), ["A2"]),
        (ActionFilters(statuses=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS]), ["A1", "A3"]),
        (ActionFilters(overdue=True), ["A1"]),
        (ActionFilters(owner="finance", statuses=[ActionStatus.DONE]), ["A2"]),
        (ActionFilters(owner="nobody"), []),
    ],
)
def test_select_actions(filters: ActionFilters, ids: list[str]) -> None:
    assert [a.id for a in select_actions(_plan(), filters)] == ids


def test_count_and_index_of_nothing() -> None:
    assert count_actions([], "2026/27").total == 0
    index = index_actions(FRAMEWORK, None)
    assert index.by_domain.get("A", []) == [] and index.live_for_indicator("A.1") == []
    one = index_actions(FRAMEWORK, Submission.model_validate(with_one()).actions)
    assert one.by_domain == {"A": [], "B": ["A1"]} and one.domains_of == {"A1": ["B"]}
    assert one.live_for_indicator("B.2") == ["A1"] and one.live_for_indicator("A.1") == []


def with_one() -> dict[str, Any]:
    data = mini_submission()
    data["actions"] = [action("A1", "B")]
    return data


def test_judge_plan_is_pure() -> None:
    data = mini_submission()
    data["actions"] = [action("A1", "A.1", due="2026-09-30")]
    submission = Submission.model_validate(data)
    before = copy.deepcopy(data)
    plan = judge_plan(submission, [], index_actions(FRAMEWORK, submission.actions))
    assert plan is not None and plan.actions[0].days_overdue == 1
    assert data == before


# Property: overdue exactly when live and due before the assessment date, by that many days.
@given(
    due=st.dates(min_value=date(2025, 4, 1), max_value=date(2028, 3, 31)),
    status=st.sampled_from(list(ActionStatus)),
)
def test_overdue_property(due: date, status: ActionStatus) -> None:
    entry = action("A1", "A.1", due=due.isoformat(), status=status.value, raised="2025/26")
    judged = plan_of(graded([entry])).actions[0]
    assessed_on = date(2026, 10, 1)
    live = status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    assert judged.overdue == (live and due < assessed_on)
    assert judged.days_overdue == ((assessed_on - due).days if judged.overdue else None)

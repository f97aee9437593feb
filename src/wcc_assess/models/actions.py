"""The development plan: actions with owners and due dates, judged and followed year to year.

World Class Commissioning had four parts; the fourth was support and development. Every gap
becomes an action with an owner and a date, and the next year's assessment asks what became
of last year's actions. A submission lists its plan under ``actions:``
(:class:`~wcc_assess.models.submission.Action`); the scorer judges it
(:mod:`wcc_assess.core.actions`) into an :class:`ActionPlan` carried by the result (schema
1.5), and ``wcc actions`` prints the plan on its own (:class:`ActionsReport`).
"""

from enum import StrEnum

from wcc_assess.models._base import Date, Model

__all__ = [
    "ACTIONS_SCHEMA_VERSION",
    "ActionCounts",
    "ActionFilters",
    "ActionPlan",
    "ActionResult",
    "ActionStatus",
    "ActionsReport",
    "DomainRef",
    "FollowUp",
    "FollowUpCounts",
    "FollowUpOutcome",
    "FollowUpResult",
    "UnplannedGap",
]

ACTIONS_SCHEMA_VERSION = "1.0"
"""The version of ``wcc actions --format json``."""


class ActionStatus(StrEnum):
    """Where an action stands."""

    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"
    """Given up on purpose; a reason is required."""

    @property
    def live(self) -> bool:
        """Whether the action is still to be done (open or in progress)."""
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class FollowUpOutcome(StrEnum):
    """What became of an action that was still live at the baseline's assessment."""

    DONE = "done"
    CARRIED = "carried"
    """Still open or in progress this year."""
    DROPPED = "dropped"
    """Dropped this year, with a reason."""
    VANISHED = "vanished"
    """Not in this year's plan at all: the first thing a panel asks about."""


class ActionResult(Model):
    """One action of the plan, as judged on the assessment date."""

    id: str
    addresses: list[str]
    """The indicator and domain ids the action is for, as the submission's ``for`` gives them."""
    domains: list[str]
    """The domains those ids belong to, in framework order."""
    action: str
    owner: str
    due: Date
    status: ActionStatus
    reason: str | None = None
    """Why it was dropped (required for a dropped action)."""
    note: str | None = None
    raised: str | None = None
    """The period it was raised in; None when raised in the period assessed."""
    overdue: bool = False
    """Not done (open or in progress) and due before the assessment date."""
    days_overdue: int | None = None
    """Days from the due date to the assessment date, when overdue."""
    line: int | None = None
    """The action's line in the submission, when scored from a file."""


class ActionCounts(Model):
    """How many actions of each status, how many overdue, and how many raised this period."""

    total: int = 0
    open: int = 0
    in_progress: int = 0
    done: int = 0
    dropped: int = 0
    overdue: int = 0
    raised: int = 0
    """Raised in the period assessed (no ``raised`` period, or the period itself)."""


class UnplannedGap(Model):
    """A domain below its target (or with a target and nothing assessed) with no live action."""

    domain: str
    title: str
    assessed: bool
    """False when the domain has a target but nothing was assessed (not evidenced)."""
    level: int | None = None
    target: int | None = None
    closed: list[str] = []
    """Actions for the domain that are done or dropped: none of them is still to be done."""
    line: int | None = None
    """The domain's line in the submission, when known."""


class FollowUp(Model):
    """One action that was open or in progress last year, and what became of it."""

    id: str
    action: str
    """As last year's plan worded it."""
    owner: str
    """This year's owner (last year's when the action vanished)."""
    outcome: FollowUpOutcome
    previous_status: ActionStatus
    previous_due: Date
    status: ActionStatus | None = None
    """This year's status; None when the action vanished."""
    due: Date | None = None
    """This year's due date; None when the action vanished."""
    overdue: bool = False
    days_overdue: int | None = None
    """For a carried action, how long it has been overdue on this year's assessment date."""
    reason: str | None = None
    """Why it was dropped."""
    line: int | None = None
    """The action's line in this year's submission (None when it vanished)."""


class FollowUpCounts(Model):
    """How last year's live actions ended up."""

    followed: int = 0
    done: int = 0
    carried: int = 0
    carried_overdue: int = 0
    dropped: int = 0
    vanished: int = 0


class FollowUpResult(Model):
    """Last year's plan followed up: its live actions matched with this year's by id."""

    period: str
    """The baseline's period."""
    items: list[FollowUp]
    """Vanished first, then carried (most overdue first), dropped and done."""
    counts: FollowUpCounts
    closed_before: int = 0
    """Last year's actions already done or dropped then (not followed)."""


class ActionPlan(Model):
    """The development plan of a submission, judged on its assessment date (schema 1.5)."""

    declared: bool
    """Whether the submission has an ``actions`` section (even an empty one)."""
    actions: list[ActionResult] = []
    """In the submission's order."""
    counts: ActionCounts = ActionCounts()
    unplanned: list[UnplannedGap] = []
    """Domains below target, or with a target and nothing assessed, with no live action."""
    follow_up: FollowUpResult | None = None
    """With a baseline that has a plan: what became of its live actions."""

    def action(self, action_id: str) -> ActionResult:
        """Return the action with this id."""
        for action in self.actions:
            if action.id == action_id:
                return action
        raise KeyError(action_id)


class DomainRef(Model):
    """A domain's id and title, for grouping actions."""

    id: str
    title: str


class ActionFilters(Model):
    """What ``wcc actions`` was asked to show."""

    owner: str | None = None
    """Only actions whose owner contains this text (ignoring case)."""
    statuses: list[ActionStatus] = []
    """Only actions of these statuses (empty: every status)."""
    overdue: bool = False
    """Only overdue actions."""


class ActionsReport(Model):
    """The plan on its own (``wcc actions --format json``)."""

    schema_version: str = ACTIONS_SCHEMA_VERSION
    kind: str = "actions"
    """Always ``actions``: tells this document from a result or a cohort."""
    tool: str
    generated_at: str
    """ISO 8601 UTC; from SOURCE_DATE_EPOCH when set."""
    source: str
    organisation: str
    organisation_code: str
    period: str
    assessed_on: Date
    framework_id: str
    framework_version: str
    domains: list[DomainRef]
    """Every domain of the framework, in order (actions are grouped by them)."""
    filters: ActionFilters
    actions: list[ActionResult]
    """The actions selected, in the submission's order."""
    counts: ActionCounts
    """Counts of the actions selected."""
    total: int
    """Actions in the whole plan."""
    unplanned: list[UnplannedGap] = []
    """Gaps with no live action (whatever the filters)."""
    gate_failed: bool = False
    """``--fail-on-overdue`` was given and a selected action is overdue."""

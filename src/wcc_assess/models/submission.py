"""The submission model: an organisation's self-assessment against one framework.

The model checks shape and types; the loader checks the submission against its framework
(known ids, every indicator present, levels on the scale).
"""

import re
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from wcc_assess.models._base import Date, Model
from wcc_assess.models.actions import ActionStatus
from wcc_assess.models.assurance import Better, DataPeriod, EvidenceKind, Rag, Tolerance
from wcc_assess.models.paper import ReportDetails

__all__ = [
    "Action",
    "Assessor",
    "Check",
    "DomainEntry",
    "Enquiry",
    "Evidence",
    "GovernanceAreaEntry",
    "GovernanceEntry",
    "IndicatorEntry",
    "OutcomeBaseline",
    "OutcomeMeasure",
    "Organisation",
    "Panel",
    "PanelAreaRating",
    "PanelMember",
    "PanelRating",
    "SignOff",
    "Submission",
    "is_period",
    "period_problem",
]

Text = Annotated[StrictStr, Field(min_length=1)]

_PERIOD = re.compile(r"\A([0-9]{4})/([0-9]{2})\Z")
"""A financial year: ASCII digits only, nothing before or after (not even a newline)."""


def is_period(value: object) -> bool:
    """Tell whether ``value`` is a financial year written exactly like ``2026/27``."""
    if not isinstance(value, str):
        return False
    match = _PERIOD.match(value)
    return match is not None and (int(match[1]) + 1) % 100 == int(match[2])


def period_problem(value: str) -> str | None:
    """Say why ``value`` is not a financial year, and how to write it (None if it is one)."""
    if is_period(value):
        return None
    from wcc_assess.errors import non_ascii

    foreign = non_ascii(value)
    if foreign:
        return f"{value!r} is not a financial year written like 2026/27: {foreign}"
    numbers = re.findall(r"[0-9]+", value)
    if len(numbers) == 2 and len(numbers[0]) == 4 and len(numbers[1]) in (2, 4):
        guess = f"{numbers[0]}/{numbers[1][-2:]}"
        if is_period(guess):
            return f"{value!r} is not a financial year written like 2026/27; write {guess}"
    return f"{value!r} is not a financial year written like 2026/27"


def _period(value: str) -> str:
    problem = period_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


Period = Annotated[StrictStr, AfterValidator(_period)]
"""A financial year such as ``2026/27`` (the second year follows the first)."""

Number = Annotated[StrictFloat, Field(allow_inf_nan=False)]
"""A measured value: a whole or decimal number, not text."""


class Organisation(Model):
    """Who is assessed."""

    name: Text
    code: Text
    """The organisation's code (e.g. its ODS code); quote it if it looks like a number."""


class Assessor(Model):
    """A person who contributed to the self-assessment."""

    name: Text
    role: StrictStr | None = None


class Check(Model):
    """Who checked an item of evidence (read the document itself), and when."""

    by: Text
    on: Date


class Evidence(Model):
    """One item of evidence: a document, data set or decision a panel could look at."""

    title: Text
    ref: Text
    """Where to find it: a URL, a document reference or a board paper number."""
    date: Date
    """When the evidence was produced or approved."""
    checked: Check | None = None
    """Who checked the document itself (for the panel, or internal audit), and when."""
    kind: EvidenceKind | None = None
    """What it shows: ``plan``, ``decision``, ``result``, ``partner-view`` or ``other``;
    a framework may ask for kinds by level."""
    key_document: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] | None = None
    """The id of the framework's key document this item is (``five-year-plan``)."""


def _reason(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError('a reason is required: not_assessed: "<why it was not assessed>"')
    return value


def _reason_present(data: Any) -> Any:
    """Refuse ``not_assessed:`` written with nothing after it: the reason is missing."""
    if isinstance(data, dict) and "not_assessed" in data and data["not_assessed"] is None:
        raise PydanticCustomError("reason_missing", "not_assessed is given without a reason")
    return data


def _split_group(data: Any, items: str) -> Any:
    """Turn ``{id: rating, ..., not_assessed: why}`` into ``{items: {...}, not_assessed: why}``.

    A group (a domain, a governance area) is written in YAML as a mapping of its members'
    ids, or skipped whole with ``not_assessed: "<reason>"``.
    """
    if not isinstance(data, dict):
        return data
    _reason_present(data)
    result: dict[str, Any] = {
        items: {key: value for key, value in data.items() if key != "not_assessed"}
    }
    if "not_assessed" in data:
        result["not_assessed"] = data["not_assessed"]
    return result


def _check_whole_skip(
    not_assessed: str | None, members: dict[str, Any], group: str, kind: str
) -> None:
    """Refuse a group skipped whole that still rates some of its members."""
    if not_assessed is not None and members:
        raise ValueError(
            f"{group} marked not_assessed cannot also rate {kind}; "
            f"remove the ratings or mark single {kind} not_assessed instead"
        )


class IndicatorEntry(Model):
    """The rating of one indicator, or the reason it was not assessed."""

    level: StrictInt | None = None
    narrative: StrictStr = ""
    evidence: list[Evidence] = []
    panel_level: StrictInt | None = None
    panel_note: StrictStr | None = None
    not_assessed: StrictStr | None = None

    _check_reason = field_validator("not_assessed")(_reason)

    @model_validator(mode="before")
    @classmethod
    def _reason_given(cls, data: Any) -> Any:
        return _reason_present(data)

    @model_validator(mode="after")
    def _rated_or_skipped(self) -> Self:
        if self.not_assessed is None and self.level is None:
            raise PydanticCustomError(
                "level_missing",
                'level is required (or skip the indicator with not_assessed: "<reason>")',
            )
        if self.not_assessed is not None and (
            self.level is not None or self.panel_level is not None
        ):
            raise ValueError("an indicator is either rated (level) or not_assessed, not both")
        return self


class DomainEntry(Model):
    """A domain's indicator ratings, or the reason the whole domain was not assessed.

    In YAML a domain is a mapping of indicator id to rating, or ``not_assessed: "<reason>"``.
    """

    not_assessed: StrictStr | None = None
    indicators: dict[str, IndicatorEntry] = {}

    _check_reason = field_validator("not_assessed")(_reason)

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        return _split_group(data, "indicators")

    @model_validator(mode="after")
    def _skipped_whole(self) -> Self:
        _check_whole_skip(self.not_assessed, self.indicators, "a domain", "indicators")
        return self


class PanelMember(Model):
    """A member of the assurance panel that confirmed and challenged the self-assessment."""

    name: Text
    role: Text
    """E.g. independent expert, local government, clinician, regional director, peer chief
    executive."""
    interests: list[Text] = []
    """Organisations the member declared an interest in (employer, board seats, contracts);
    flagged where one appears in the evidence cited for a domain."""


class PanelRating(Model):
    """The panel's holistic rating of a whole domain, with its reasons."""

    level: StrictInt
    rationale: Text
    """Why the panel rates the domain at this level: required."""


class PanelAreaRating(Model):
    """The panel's rating of a whole governance area, with its reasons."""

    rating: Rag
    rationale: Text


class Enquiry(Model):
    """A line of enquiry: what the panel asked about a domain, the answer and who gave it."""

    domain: Text
    """The domain (or governance area) id the question was about."""
    question: Text
    response: Text
    by: Text
    """Who answered, e.g. the Chief Executive."""


class SignOff(Model):
    """Who signed the panel's judgement off, and when: until then it is a draft."""

    by: Text
    on: Date


class Panel(Model):
    """The panel day: when it met, who sat on it, what it rated and asked, its sign-off."""

    date: Date
    members: Annotated[list[PanelMember], Field(min_length=1)]
    ratings: dict[str, PanelRating] = {}
    """Holistic ratings of whole domains, keyed by domain id: each is the domain's level."""
    governance: dict[str, PanelAreaRating] = {}
    """Ratings of whole governance areas, keyed by area id, beside the rule's rating."""
    enquiries: list[Enquiry] = []
    sign_off: SignOff | None = None


class GovernanceEntry(Model):
    """The red / amber / green rating of one governance sub-indicator, or why it was skipped."""

    rating: Rag | None = None
    narrative: StrictStr = ""
    evidence: list[Evidence] = []
    panel_rating: Rag | None = None
    """The panel's rating, when moderated; it replaces the organisation's own."""
    panel_note: StrictStr | None = None
    not_assessed: StrictStr | None = None

    _check_reason = field_validator("not_assessed")(_reason)

    @model_validator(mode="before")
    @classmethod
    def _reason_given(cls, data: Any) -> Any:
        return _reason_present(data)

    @model_validator(mode="after")
    def _rated_or_skipped(self) -> Self:
        if self.not_assessed is None and self.rating is None:
            raise PydanticCustomError(
                "rating_missing",
                "rating is required: red, amber or green "
                '(or skip the sub-indicator with not_assessed: "<reason>")',
            )
        if self.not_assessed is not None and (
            self.rating is not None or self.panel_rating is not None
        ):
            raise ValueError("a sub-indicator is either rated or not_assessed, not both")
        return self


class GovernanceAreaEntry(Model):
    """A governance area's sub-indicator ratings, or why the whole area was not assessed.

    In YAML an area is a mapping of sub-indicator id to rating, or ``not_assessed: "<reason>"``.
    """

    not_assessed: StrictStr | None = None
    sub_indicators: dict[str, GovernanceEntry] = {}

    _check_reason = field_validator("not_assessed")(_reason)

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        return _split_group(data, "sub_indicators")

    @model_validator(mode="after")
    def _skipped_whole(self) -> Self:
        _check_whole_skip(self.not_assessed, self.sub_indicators, "an area", "sub-indicators")
        return self


class OutcomeBaseline(Model):
    """Where an outcome measure started: its value in a financial year."""

    period: Period
    value: Number


class OutcomeMeasure(Model):
    """A health outcome measure with its year-by-year aspirations and actuals so far.

    The loader checks that trajectory years follow the baseline year and that every actual
    has an aspiration for its year.
    """

    id: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=60)]
    name: Text
    unit: Text
    """E.g. ``years``, ``per 100,000``, ``%``."""
    better: Better
    baseline: OutcomeBaseline
    trajectory: dict[Period, Number] = {}
    """The aspiration for each financial year, e.g. ``{2025/26: 79.4, 2026/27: 79.6}``;
    required unless the framework's outcomes have no trajectories (WCC's first year)."""
    actuals: dict[Period, Number] = {}
    """The values achieved so far, by financial year."""
    source: StrictStr = ""
    """Where the figures come from (a data set, an indicator number)."""
    tolerance: Tolerance | None = None
    """How far an actual may miss its aspiration and be within tolerance, not off track."""
    data_period: DataPeriod | None = None
    """What each figure covers (e.g. three calendar years pooled); by default the
    financial year it is filed under."""


def _one_or_many(value: Any) -> Any:
    """Let ``for: C11`` stand for ``for: [C11]``."""
    return [value] if isinstance(value, str) else value


class Action(Model):
    """One action of the development plan: what, for which gaps, who, by when, how far.

    The loader checks that every id in ``for`` is a domain or indicator of the framework,
    that action ids are unique, that ``raised`` is not after the period assessed, and that
    a dropped action (and only a dropped one) gives a ``reason``
    (:func:`wcc_assess.core.checks.action_problems`, so that these are reported beside
    every other problem of the file).
    """

    id: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=60)]
    for_: Annotated[
        list[Annotated[StrictStr, Field(min_length=1)]],
        BeforeValidator(_one_or_many),
        Field(min_length=1),
    ]
    """The indicator or domain ids the action addresses: ``for`` in YAML (a Python keyword,
    hence the name here; the loader's messages say ``for``)."""
    action: Text
    owner: Text
    """Who answers for it: a post (``Deputy Director of Finance``) or a person."""
    due: Date
    status: ActionStatus
    reason: StrictStr | None = None
    """Why the action was dropped; required for ``dropped``, and only for it."""
    note: StrictStr | None = None
    raised: Period | None = None
    """The period the action was raised in, when earlier than the period assessed."""

    @model_validator(mode="before")
    @classmethod
    def _written_for(cls, data: Any) -> Any:
        """Read ``for`` (as a submission writes it) into ``for_``."""
        if isinstance(data, dict) and "for" in data:
            if "for_" in data:
                raise ValueError("give the ids once, under for")
            data = {("for_" if key == "for" else key): value for key, value in data.items()}
        return data


class Submission(Model):
    """An organisation's self-assessment for one period."""

    framework: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*(@[^@\s]+)?$")]
    """The framework id, optionally pinned to a version: ``wcc`` or ``wcc@2009``."""
    organisation: Organisation
    period: StrictStr
    """The financial year assessed, e.g. ``2026/27``."""
    assessed_on: Date
    assessors: list[Assessor] = []
    targets: dict[str, StrictInt] = {}
    """Target levels: ``default`` for every domain, or per domain id."""
    domains: dict[str, DomainEntry]
    panel: Panel | None = None
    """The assurance panel that moderated the self-assessment, if one met."""
    governance: dict[str, GovernanceAreaEntry] | None = None
    """Governance ratings keyed by area id, then sub-indicator id."""
    outcomes: Annotated[list[OutcomeMeasure], Field(min_length=1)] | None = None
    """The health outcome measures the organisation tracks, with trajectories."""
    board_approved_on: Date | None = None
    """When the organisation's board approved the self-assessment."""
    actions: list[Action] | None = None
    """The development plan: actions with owners and due dates (None: no plan written)."""
    report: ReportDetails | None = None
    """The board paper's front sheet (title, meeting, author …); nothing in it is scored."""

    @field_validator("period")
    @classmethod
    def _financial_year(cls, value: str) -> str:
        return _period(value)

    @property
    def framework_id(self) -> str:
        """The framework id without any version pin."""
        return self.framework.partition("@")[0]

    @property
    def framework_version(self) -> str | None:
        """The pinned framework version, if any."""
        return self.framework.partition("@")[2] or None

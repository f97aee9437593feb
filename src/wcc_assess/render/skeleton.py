"""A complete blank submission for a framework: what ``wcc init`` writes, and says."""

from __future__ import annotations

import json
import shlex
import textwrap
from datetime import date
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from wcc_assess.models.assurance import DataPeriod, Tolerance
from wcc_assess.models.framework import Framework, Indicator
from wcc_assess.models.result import IndicatorResult, Result
from wcc_assess.models.submission import Action, OutcomeMeasure, Submission
from wcc_assess.render._safety import collapse
from wcc_assess.render._words import action_status_text

__all__ = [
    "Rolled",
    "blank_submission",
    "rolled_notes",
    "rolled_submission",
    "init_notes",
    "workbook_note",
    "schema_command",
    "schema_filename",
    "schema_reference",
]


def schema_filename(framework: Framework) -> str:
    """Return the file name ``wcc schema`` output is conventionally saved under."""
    return f"{framework.id}.schema.json"


def schema_reference(relative: str) -> str:
    """Return a relative path as a ``$schema`` reference: a URI reference, so no spaces."""
    return quote(relative, safe="/:._-~")


def schema_command(framework: str, path: str) -> str:
    """Return the command that writes ``framework``'s submission schema to ``path``."""
    return f"wcc schema --framework {shlex.quote(framework)} -o {shlex.quote(path)}"


def init_notes(
    *,
    framework: str,
    framework_file: str | None,
    output: Path | None,
    schema_path: Path,
    schema_written: bool,
    schema_exists: bool,
) -> list[str]:
    """Return what ``wcc init`` says on stderr: the files written, and what to do next.

    ``output`` is None when the submission went to stdout; ``schema_exists`` says whether
    the file the schema line names is there (written now or before).
    """
    notes = []
    if output is not None:
        option = f" --framework {framework_file}" if framework_file else ""
        notes.append(
            f"wrote {output}: rate every indicator, then run `wcc validate{option} {output}`"
        )
    if schema_written:
        notes.append(
            f"wrote {schema_path}: the JSON Schema that the schema line names, for editors"
        )
    elif not schema_exists:
        notes.append(
            f"the schema line names {schema_path}: write it with "
            f"`{schema_command(framework, str(schema_path))}`, or pass --write-schema"
        )
    return notes


def _header(
    framework: Framework,
    what: str,
    framework_file: str | None,
    schema_ref: str | None,
    schema_command: str | None,
) -> list[str]:
    """Return a new submission's first lines, the schema line first.

    Then what the file is, the command that writes the schema, and the ``--framework`` that
    a framework which is not built in needs.
    """
    spec = framework_file or framework.id
    ref = schema_ref or schema_filename(framework)
    out = [
        f"# yaml-language-server: $schema={ref}",
        f"# {what}",
        "# Create the schema named above, in this file's folder: "
        + (schema_command or f"wcc schema --framework {spec} -o {ref}"),
    ]
    if framework_file is not None:
        out.append(
            f"# {framework.id} is not built in: pass --framework {framework_file} to "
            "wcc validate, assess and explain."
        )
    return out


def workbook_note(output: Path | None, framework_file: str | None) -> str:
    """Return what ``wcc init --format xlsx`` says: the workbook written, what to do next."""
    option = f" --framework {framework_file}" if framework_file else ""
    return (
        f"wrote {output}: rate every indicator on the Ratings sheet and list the evidence, "
        f"then run `wcc validate{option} {output}`"
    )


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _comment(text: str, indent: str, width: int = 96) -> list[str]:
    return textwrap.wrap(
        text,
        width - len(indent) - 2,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}#   ",
    )


def blank_submission(
    framework: Framework,
    *,
    organisation: str,
    code: str,
    period: str,
    today: date,
    framework_file: str | None = None,
    schema_ref: str | None = None,
    schema_command: str | None = None,
) -> str:
    """Return a submission with every domain and indicator, descriptors as comments.

    Every ``level`` is left empty, so the file does not validate until each indicator is
    rated or marked ``not_assessed: "<reason>"``. ``framework_file`` names the framework's
    file when it is not built in, so that the comments show the commands that need it.
    ``schema_ref`` is the JSON Schema's path relative to the submission's folder (default:
    beside it), and ``schema_command`` the command that writes it there, run in that folder.
    """
    lowest, highest = framework.lowest, framework.highest
    what = f"Self-assessment against {framework.title} ({framework.ref})."
    out = _header(framework, what, framework_file, schema_ref, schema_command)
    out += [
        f"# Rate each indicator {lowest}-{highest}; the comments describe each level. Skip one "
        'with not_assessed: "<reason>".',
        "# Evidence: title, ref (a URL or document reference), date (YYYY-MM-DD) and kind (plan,",
        "# decision, result, partner-view or other); key_document: <id> marks a key document.",
        "",
        f"framework: {framework.ref}",
        "organisation:",
        f"  name: {_quote(organisation)}",
        f"  code: {_quote(code)}",
        f"period: {_quote(period)}",
        f"assessed_on: {today.isoformat()}",
        "assessors: []  # e.g. [{name: Jo Bloggs, role: Director of Strategy}]",
        "# targets:          # optional: a target level for every domain, or per domain",
        f"#   default: {min(lowest + 1, highest)}",
        "",
        "domains:",
    ]
    out += _domain_lines(framework)
    out += _plan_skeleton(framework)
    out += _assurance_skeleton(framework, period)
    return "\n".join(out).rstrip("\n") + "\n"


def _domain_lines(framework: Framework, previous: Result | None = None) -> list[str]:
    """Every domain and indicator, each level's descriptor as a comment, levels left empty.

    With ``previous`` (last year's result), each domain and indicator says what it was. A
    domain or indicator the framework version does not rate is a comment with the reason.
    """
    unrated = {entry.id: entry.reason for entry in framework.scoring.not_rated}
    out: list[str] = []
    before = {d.id: d for d in previous.domains} if previous is not None else {}
    was = {i.id: i for d in before.values() for i in d.indicators}
    for domain in framework.domains:
        if domain.id in unrated:
            out += _comment(f"{domain.id} {domain.title}: not rated. {unrated[domain.id]}", "  ")
            out.append("")
            continue
        phase = f" (phase: {domain.phase})" if domain.phase else ""
        then = ""
        if domain.id in before and previous is not None:
            level = before[domain.id].level
            then = f"; {previous.period}: " + (f"level {level}" if level else "not assessed")
        out.append(f"  {domain.id}:  # {domain.title}{phase}{then}")
        if domain.key_documents:
            out.append("    # Key documents (cite one with key_document: <id>):")
            out += [f"    #   {doc.id}: {doc.title}" for doc in domain.key_documents]
        for indicator in domain.indicators:
            if indicator.id in unrated:
                out += _comment(f"{indicator.id}: not rated. {unrated[indicator.id]}", "    ")
                continue
            then = ""
            if previous is not None and indicator.id in was:
                then = f"; {previous.period}: {_previous_level(was[indicator.id])}"
            out += _indicator_lines(framework, indicator, then)
        out.append("")
    return out


def _indicator_lines(framework: Framework, indicator: Indicator, then: str = "") -> list[str]:
    """One indicator: its descriptors and evidence examples as comments, its level empty.

    ``then`` says what it was last year, after the level's comment.
    """
    out = [f"    {indicator.id}:  # {indicator.title}"]
    for level in framework.levels:
        label = framework.label(level)
        out += _comment(f"{level} {label}: {indicator.descriptors[level]}", "      ")
    if indicator.evidence_examples:
        out += _comment(
            "Evidence might include: " + "; ".join(indicator.evidence_examples), "      "
        )
    return out + [
        f"      level:  # {framework.lowest}-{framework.highest}{then}",
        '      narrative: ""',
        "      evidence: []",
    ]


def _previous_level(indicator: IndicatorResult) -> str:
    """Say what an indicator was rated last year, in a comment's few words."""
    if not indicator.assessed:
        return f"not assessed ({collapse(indicator.not_assessed_reason or 'no reason given')})"
    text = f"{indicator.effective_level}"
    if indicator.capped:
        text += f" (claimed {indicator.assessed_level}, capped by the evidence rules)"
    elif indicator.panel_level is not None and indicator.panel_level != indicator.claimed_level:
        text += f" (the panel's level; {indicator.claimed_level} was claimed)"
    return text


def _previous_period(period: str) -> str:
    """Return the financial year before ``period`` (``2026/27`` -> ``2025/26``), if it is one."""
    first, _, second = period.partition("/")
    if not (first.isdigit() and second.isdigit() and len(first) == 4 and len(second) == 2):
        return period
    start = int(first) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def _plan_skeleton(framework: Framework) -> list[str]:
    """Return the optional development plan, commented out, with one example action."""
    first = framework.domains[0]
    example = first.indicators[0].id if first.indicators else first.id
    return [
        "# The development plan (optional): an action for each gap, with an owner and a date.",
        "# actions:",
        "#   - id: A1",
        f"#     for: [{example}]  # indicator or domain ids",
        '#     action: ""',
        '#     owner: ""  # a post or a person',
        "#     due:  # YYYY-MM-DD",
        "#     status: open  # open, in-progress, done, or dropped (with reason: ...)",
        "",
    ]


def tolerance_words(tolerance: Tolerance) -> str:
    """Return a tolerance as a submission writes it: ``0.3`` or ``{percent: 2}``."""
    if tolerance.absolute is not None:
        return _number(tolerance.absolute)
    return f"{{percent: {_number(tolerance.percent or 0)}}}"


def _data_period(period: DataPeriod | None) -> str:
    """Return a data period as a submission writes it (the framework's, when it sets one)."""
    if period is None:
        return "{kind: financial-year, years: 1}  # or calendar-year, and years pooled"
    return f"{{kind: {period.kind.value}, years: {period.years}}}  # the framework's"


def _panel_skeleton(framework: Framework) -> list[str]:
    """Return the panel block, commented out: members, ratings, enquiries, sign-off."""
    domain = framework.domains[0]
    area = framework.governance.areas[0] if framework.governance is not None else None
    out = [
        "# panel:  # the panel that confirmed and challenged this self-assessment",
        "#   date:  # the panel day, YYYY-MM-DD; evidence dated up to it counts (tabled)",
        "#   members:  # e.g. independent expert, local government, clinician, regional",
        "#             # director, peer chief executive; interests: organisations declared",
        '#     - {name: "", role: "", interests: []}',
        "#   # A panel rates an indicator with panel_level (and panel_note) beside level: its",
        "#   # level counts, flagged where the evidence rules alone would support less.",
        f"#   ratings:  # the panel's rating of a whole {framework.terms.domain}: it counts",
        f"#     {domain.id}:",
        f"#       level:  # {framework.lowest}-{framework.highest}",
        '#       rationale: ""  # the reasons: required',
    ]
    if area is not None:
        out += [
            "#   governance:  # the panel's rating of a whole area, beside the rule's",
            f"#     {area.id}:",
            "#       rating:  # red, amber or green",
            '#       rationale: ""  # the reasons: required',
        ]
    return out + [
        "#   enquiries:  # lines of enquiry: what was asked, the answer, who gave it",
        f'#     - {{domain: {domain.id}, question: "", response: "", by: ""}}',
        "#   sign_off:  # who signed the judgement off; until then every report says Draft",
        '#     by: ""',
        "#     on:  # YYYY-MM-DD",
        "#   # Evidence the panel read can say so: checked: {by: NAME, on: YYYY-MM-DD}",
        "# board_approved_on:  # when the board approved this self-assessment, YYYY-MM-DD",
    ]


def _assurance_skeleton(framework: Framework, period: str, *, outcomes: bool = True) -> list[str]:
    """Return the optional panel, governance and outcome sections, commented out."""
    out = [
        "# The rest of assurance (optional): uncomment the sections you use.",
        *_panel_skeleton(framework),
    ]
    if framework.governance is not None:
        out.append(
            "# governance:  # every sub-indicator red, amber or green; see "
            f"`wcc frameworks show {framework.id}`"
        )
        for area in framework.governance.areas:
            out.append(f"#   {area.id}:  # {area.title}")
            for item in area.sub_indicators:
                out += [
                    f"#     {item.id}:  # {item.title}",
                    "#       rating:  # red, amber or green",
                    '#       narrative: ""',
                    "#       evidence: []",
                ]
    rules = framework.outcomes
    if rules is not None and outcomes:
        note = "each with a baseline, a trajectory by year and actuals so far"
        if not rules.trajectories:
            note = "each with a baseline and actuals so far (no trajectories this year)"
        if rules.recommended_count is not None:
            note = f"about {rules.recommended_count} measures, {note}"
        out.append(f"# outcomes:  # {note}")
        previous = _previous_period(period)
        for measure in rules.required:
            tolerance = "0.3, or {percent: 2}"
            if measure.tolerance is not None:
                tolerance = f"the framework's is {tolerance_words(measure.tolerance)}"
            out += [
                f"#   - id: {measure.id}",
                f"#     name: {_quote(measure.name)}",
                '#     unit: ""',
                f"#     better: {measure.better.value if measure.better else 'higher'}"
                + ("" if measure.better else "  # or lower"),
                f'#     baseline: {{period: "{previous}", value: 0}}',
                *([f'#     trajectory: {{"{period}": 0}}'] if rules.trajectories else []),
                "#     actuals: {}",
                f"#     tolerance:  # a miss within it is not off track: {tolerance}",
                f"#     data_period: {_data_period(measure.data_period)}",
            ]
    return out


class Rolled(NamedTuple):
    """What next year's submission carries from last year's (``wcc init --from``)."""

    last: Submission
    """Last year's submission."""
    result: Result
    """Last year's result: its levels and its plan, judged on its own assessment date."""
    source: str
    """Last year's file, as named on the command line."""
    period: str
    assessed_on: date
    """The suggested assessment date: a year after last year's."""
    organisation: str
    code: str


def _identity(framework: Framework, rolled: Rolled) -> list[str]:
    """Return the framework, organisation, period, dates, assessors and targets, carried."""
    last = rolled.last
    out = [
        # a pinned version moves to the one for the new year (wcc@2008 -> wcc@2009)
        f"framework: {framework.ref if '@' in last.framework else last.framework}",
        "organisation:",
        f"  name: {_quote(rolled.organisation)}",
        f"  code: {_quote(rolled.code)}",
        f"period: {_quote(rolled.period)}",
        f"assessed_on: {rolled.assessed_on.isoformat()}  # a year after {last.period}'s "
        f"{last.assessed_on.isoformat()}: set the day this assessment is made",
    ]
    if last.assessors:
        out.append("assessors:  # last year's team: update it")
        out += [
            f"  - {{name: {_quote(a.name)}"
            + (f", role: {_quote(a.role)}" if a.role is not None else "")
            + "}"
            for a in last.assessors
        ]
    else:
        out.append("assessors: []  # e.g. [{name: Jo Bloggs, role: Director of Strategy}]")
    if last.targets:
        out.append(f"targets:  # {last.period}'s targets: review them")
        out += [f"  {key}: {value}" for key, value in last.targets.items()]
    else:
        out += [
            "# targets:          # optional: a target level for every domain, or per domain",
            f"#   default: {min(framework.lowest + 1, framework.highest)}",
        ]
    return [*out, "", "domains:"]


def _action_lines(action: Action, rolled: Rolled) -> list[str]:
    judged = rolled.result.actions.action(action.id) if rolled.result.actions else None
    out = [
        f"  - id: {_quote(action.id)}",
        f"    for: [{', '.join(_quote(item) for item in action.for_)}]",
        f"    action: {_quote(action.action)}",
        f"    owner: {_quote(action.owner)}",
        f"    due: {action.due.isoformat()}",
        f"    status: {action.status.value}"
        + (f"  # {rolled.last.period}: {action_status_text(judged).lower()}" if judged else ""),
        f"    raised: {_quote(action.raised or rolled.last.period)}",
    ]
    if action.note is not None:
        out.append(f"    note: {_quote(action.note)}")
    return out


def _carried_plan(rolled: Rolled) -> list[str]:
    """Every action not done or dropped, as written; or the plan's skeleton."""
    written = rolled.last.actions
    if written is None:
        return []
    carried = [action for action in written if action.status.live]
    closed = [action.id for action in written if not action.status.live]
    out = [
        f"# The development plan, carried from {rolled.last.period}: every action that was not "
        "done or dropped. Update each status (open, in-progress, done, or dropped with a "
        "reason: ...) and add an action for each new gap.",
    ]
    if closed:
        out.append(f"# Not carried, done or dropped in {rolled.last.period}: {', '.join(closed)}.")
    if not carried:
        return [*out, "actions: []", ""]
    out.append("actions:")
    for action in carried:
        out += _action_lines(action, rolled)
    return [*out, ""]


def _number(value: float) -> str:
    return repr(int(value)) if float(value).is_integer() else repr(value)


def _measure_lines(measure: OutcomeMeasure) -> list[str]:
    def years(values: dict[str, float]) -> str:
        return "{" + ", ".join(f"{_quote(k)}: {_number(v)}" for k, v in values.items()) + "}"

    base, period = measure.baseline, measure.data_period
    kept = []
    if period is not None:
        pooled = f", years: {period.years}" if period.years != 1 else ""
        kept.append(f"    data_period: {{kind: {period.kind.value}{pooled}}}")
    if measure.tolerance is not None:
        kept.append(f"    tolerance: {tolerance_words(measure.tolerance)}")
    return [
        f"  - id: {_quote(measure.id)}",
        f"    name: {_quote(measure.name)}",
        f"    unit: {_quote(measure.unit)}",
        f"    better: {measure.better.value}",
        *kept,
        f"    baseline: {{period: {_quote(base.period)}, value: {_number(base.value)}}}",
        f"    trajectory: {years(measure.trajectory)}"
        + (
            ""
            if measure.trajectory
            else "  # this year's rules may ask for one: an aspiration by year"
        ),
        f"    actuals: {years(measure.actuals)}",
        f"    source: {_quote(measure.source)}",
    ]


def _carried_outcomes(rolled: Rolled) -> list[str]:
    """Last year's outcome measures, trajectories and actuals as written (add this year's)."""
    measures = rolled.last.outcomes
    if not measures:
        return []
    out = [
        f"outcomes:  # carried from {rolled.last.period}: add each actual as it is published",
    ]
    for measure in measures:
        out += _measure_lines(measure)
    return [*out, ""]


def rolled_notes(rolled: Rolled, output: Path | None, actions: list[Action] | None) -> list[str]:
    """Return what ``wcc init --from`` says on stderr: what it carried, and what next."""
    carried = [action.id for action in actions or [] if action.status.live]
    said = "no action to carry"
    if carried:
        said = f"carried action{'s' if len(carried) != 1 else ''} {', '.join(carried)}"
    where = f"wrote {output}" if output is not None else "wrote the submission"
    target = str(output) if output is not None else "FILE"
    return [
        f"{where} for {rolled.period} from {collapse(rolled.source)} ({rolled.last.period}): "
        f"{said}; rate every indicator afresh, then run `wcc validate {target}`",
    ]


def rolled_submission(
    framework: Framework,
    rolled: Rolled,
    *,
    framework_file: str | None = None,
    schema_ref: str | None = None,
    schema_command: str | None = None,
) -> str:
    """Return next year's submission started from last year's (``wcc init --from``).

    Carried: the framework, organisation, targets, assessors, every action not done or
    dropped (with the period it was raised in) and the outcome measures. Left blank to
    rate afresh: every level (last year's beside it, as a comment), narrative and
    evidence; the panel and governance are commented out, as ``wcc init`` writes them.
    """
    what = (
        f"Self-assessment against {framework.title} ({framework.ref}), {rolled.period}: "
        f"started from {collapse(rolled.source)} ({rolled.last.period}) by wcc init --from."
    )
    out = _header(framework, what, framework_file, schema_ref, schema_command)
    out += [
        f"# Rate each indicator {framework.lowest}-{framework.highest} afresh: the comments "
        f"describe each level, and give {rolled.last.period}'s level beside it.",
        "",
    ]
    out += _identity(framework, rolled)
    out += _domain_lines(framework, rolled.result)
    out += _carried_plan(rolled)
    if rolled.last.actions is None:
        out += _plan_skeleton(framework)
    out += _carried_outcomes(rolled)
    out += _assurance_skeleton(framework, rolled.period, outcomes=not rolled.last.outcomes)
    return "\n".join(out).rstrip("\n") + "\n"

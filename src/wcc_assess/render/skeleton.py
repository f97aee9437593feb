"""A complete blank submission for a framework: what ``wcc init`` writes, and says."""

from __future__ import annotations

import json
import shlex
import textwrap
from datetime import date
from pathlib import Path
from urllib.parse import quote

from wcc_assess.models.assurance import DataPeriod, Tolerance
from wcc_assess.models.framework import Framework

__all__ = [
    "blank_submission",
    "init_notes",
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
    spec = framework_file or framework.id
    ref = schema_ref or schema_filename(framework)
    out = [
        f"# yaml-language-server: $schema={ref}",
        f"# Self-assessment against {framework.title} ({framework.ref}).",
        "# Create the schema named above, in this file's folder: "
        + (schema_command or f"wcc schema --framework {spec} -o {ref}"),
    ]
    if framework_file is not None:
        out.append(
            f"# {framework.id} is not built in: pass --framework {framework_file} to "
            "wcc validate, assess and explain."
        )
    out += [
        f"# Rate each indicator {lowest}-{highest}; the comments describe each level. Skip one "
        'with not_assessed: "<reason>".',
        "# Evidence: title, ref (a URL or document reference) and date (YYYY-MM-DD).",
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
    out += _assurance_skeleton(framework, period)
    return "\n".join(out).rstrip("\n") + "\n"


def _domain_lines(framework: Framework) -> list[str]:
    """Every domain and indicator, each level's descriptor as a comment, levels left empty."""
    lowest, highest = framework.lowest, framework.highest
    out: list[str] = []
    for domain in framework.domains:
        phase = f" (phase: {domain.phase})" if domain.phase else ""
        out.append(f"  {domain.id}:  # {domain.title}{phase}")
        for indicator in domain.indicators:
            out.append(f"    {indicator.id}:  # {indicator.title}")
            for level in framework.levels:
                label = framework.label(level)
                out += _comment(f"{level} {label}: {indicator.descriptors[level]}", "      ")
            if indicator.evidence_examples:
                out += _comment(
                    "Evidence might include: " + "; ".join(indicator.evidence_examples), "      "
                )
            out += [
                f"      level:  # {lowest}-{highest}",
                '      narrative: ""',
                "      evidence: []",
            ]
        out.append("")
    return out


def _previous_period(period: str) -> str:
    """Return the financial year before ``period`` (``2026/27`` -> ``2025/26``), if it is one."""
    first, _, second = period.partition("/")
    if not (first.isdigit() and second.isdigit() and len(first) == 4 and len(second) == 2):
        return period
    start = int(first) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def tolerance_words(tolerance: Tolerance) -> str:
    """Return a tolerance as a submission writes it: ``0.3`` or ``{percent: 2}``."""
    if tolerance.absolute is not None:
        return f"{tolerance.absolute:g}"
    return f"{{percent: {tolerance.percent:g}}}"


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


def _assurance_skeleton(framework: Framework, period: str) -> list[str]:
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
    if rules is not None:
        note = "each with a baseline, a trajectory by year and actuals so far"
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
                f'#     trajectory: {{"{period}": 0}}',
                "#     actuals: {}",
                f"#     tolerance:  # a miss within it is not off track: {tolerance}",
                f"#     data_period: {_data_period(measure.data_period)}",
            ]
    return out

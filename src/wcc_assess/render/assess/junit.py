"""JUnit XML: one test suite per assessment, one test case per domain, for CI dashboards.

The shape is the one Jenkins, GitLab and most CI tools read: ``<testsuites>`` holding one
``<testsuite>`` with ``tests``, ``failures``, ``errors``, ``skipped``, ``time`` and
``timestamp``; each domain is a ``<testcase classname="<framework>.<org code>"
name="C1 Locally lead the NHS">``, with a ``<failure>`` when it is below target (or fails
another gate, or has a target but was not assessed: not evidenced) and ``<skipped>`` when
it was not assessed and has no target (or was let pass with ``--allow-not-evidenced``). A
submission that rates governance adds one test case per governance area, failed when
``--fail-on-red`` failed it, and each overdue action of the development plan is a test case
of its own: failed when ``--fail-on-overdue`` made overdue actions a gate, skipped (with
how long it is overdue) otherwise.
Built with ``xml.etree``; every string is cleaned of characters XML cannot carry first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from wcc_assess.models.actions import ActionResult
from wcc_assess.models.result import (
    DomainResult,
    DomainStatus,
    GateFailure,
    GovernanceAreaResult,
    Result,
)
from wcc_assess.render import _plan, _words
from wcc_assess.render._safety import clean, collapse
from wcc_assess.render.assess import _view
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def _timestamp(result: Result) -> str:
    """JUnit timestamps are ISO 8601 without a zone; the result's is UTC."""
    stamp = result.generated_at
    return stamp[:-1] if stamp.endswith("Z") else stamp.removesuffix("+00:00")


def _failure_text(domain: DomainResult, failures: list[GateFailure]) -> str:
    # One line per failure: a reason over several lines (not evidenced) starts no line.
    lines = [collapse(failure.message) for failure in failures]
    if domain.status is DomainStatus.BELOW:
        for indicator_id in domain.limited_by:
            for step in domain.next_steps:
                if step.indicator != indicator_id:
                    continue
                lines.append(f"{step.indicator} {step.title}: level {step.current_level}.")
                if step.evidence_gap:
                    lines.append(f"  Capped: {step.evidence_gap}.")
                lines.append(f"  Level {step.next_level} needs: {step.descriptor}")
    lines.append(
        f"Score {_words.fixed(domain.score)}; coverage "
        f"{domain.coverage.assessed} of {domain.coverage.total} indicators."
    )
    return "\n".join(clean(line) for line in lines) + "\n"


def _failure_message(domain: DomainResult, failures: list[GateFailure]) -> str:
    if domain.status is DomainStatus.BELOW:
        message = f"level {domain.level}, target {domain.target}"
        held = _view.holding_down(domain)
        if domain.panel_rating is not None:
            message += f" ({_words.domain_rating_text(domain)})"
        elif held:
            message += "; held down by " + ", ".join(held)
        others = [f.message for f in failures if f.kind != "below-target"]
        return collapse("; ".join([message, *others]))
    return collapse("; ".join(failure.message for failure in failures))


def _since(result: Result, domain: DomainResult) -> str:
    """Return ``Since 2025/26: ↑ improved 1→2.`` with a baseline, else ``""``."""
    if result.baseline is None or domain.change is None:
        return ""
    return f"Since {result.baseline.period}: {_words.change_text(domain.change, domain.level)}.\n"


def _testcase(
    domain: DomainResult, classname: str, failures: list[GateFailure], since: str = ""
) -> ET.Element:
    case = ET.Element(
        "testcase",
        {"classname": classname, "name": collapse(f"{domain.id} {domain.title}"), "time": "0"},
    )
    if domain.status is DomainStatus.NOT_ASSESSED or (
        domain.status is DomainStatus.NOT_EVIDENCED and not failures
    ):
        said = "not assessed" if domain.status is DomainStatus.NOT_ASSESSED else "not evidenced"
        allowed = " (allowed; not counted as met)" if domain.target is not None else ""
        ET.SubElement(
            case,
            "skipped",
            {"message": collapse(f"{said}{allowed}: {domain.not_assessed_reason or ''}")},
        )
    elif domain.status is DomainStatus.BELOW or failures:
        kinds = sorted({failure.kind for failure in failures}) or ["below-target"]
        failure = ET.SubElement(
            case,
            "failure",
            {"message": _failure_message(domain, failures), "type": ",".join(kinds)},
        )
        failure.text = _failure_text(domain, failures) + clean(since)
    else:
        out = ET.SubElement(case, "system-out")
        target = f", target {domain.target}" if domain.target is not None else ", no target"
        whose = f" ({_words.domain_rating_text(domain)})" if domain.panel_rating else ""
        out.text = clean(
            f"Level {domain.level}{whose}{target}; score {_words.fixed(domain.score)}; "
            f"coverage {domain.coverage.assessed} of {domain.coverage.total}.\n{since}"
        )
    return case


def _governance_testcase(
    area: GovernanceAreaResult, classname: str, failures: list[GateFailure]
) -> ET.Element:
    """One test case per governance area: failed when ``--fail-on-red`` failed it."""
    case = ET.Element(
        "testcase",
        {"classname": classname, "name": collapse(f"Governance: {area.title}"), "time": "0"},
    )
    rating = area.rating.value if area.rating is not None else None
    if rating is None:
        ET.SubElement(
            case,
            "skipped",
            {"message": collapse(f"not assessed: {area.not_assessed_reason or ''}")},
        )
    elif failures:
        failure = ET.SubElement(
            case,
            "failure",
            {"message": collapse("; ".join(f.message for f in failures)), "type": "governance-red"},
        )
        failure.text = "".join(
            clean(f"{item.id} {item.title}: red. {item.descriptor or ''}") + "\n"
            for item in area.sub_indicators
            if item.id in area.red_sub_indicators
        )
    else:
        out = ET.SubElement(case, "system-out")
        out.text = clean(
            f"Rated {rating}; {area.counts.green} green, {area.counts.amber} amber, "
            f"{area.counts.red} red of {area.coverage.total} sub-indicators.\n"
        )
    return case


def _action_testcase(result: Result, action: ActionResult, classname: str) -> ET.Element:
    """One test case per overdue action: failed when the overdue gate is in force."""
    case = ET.Element(
        "testcase",
        {
            "classname": classname,
            "name": collapse(f"Action {action.id}: {action.action}"),
            "time": "0",
        },
    )
    overdue = f"overdue by {_words.days_text(action.days_overdue)}"
    text = clean(
        f"{action.id} {action.action}\nFor: {', '.join(action.addresses)}\n"
        f"Owner: {action.owner}\nDue: {action.due.isoformat()}\n"
        f"Status: {_words.action_status_text(action)}\n"
    )
    if "overdue-action" in result.gate.checks:
        message = collapse(f"{overdue}: due {action.due.isoformat()}, owner {action.owner}")
        failure = ET.SubElement(case, "failure", {"message": message, "type": "overdue-action"})
        failure.text = text
    else:
        message = collapse(f"{overdue}; not a gate without --fail-on-overdue")
        ET.SubElement(case, "skipped", {"message": message})
    return case


def _cases(result: Result, classname: str) -> list[ET.Element]:
    """One test case per domain, then one per governance area, then per overdue action."""
    cases = [
        _testcase(
            domain,
            classname,
            [
                f
                for f in result.gate.failures
                if f.domain == domain.id and f.kind != "overdue-action"
            ],
            _since(result, domain),
        )
        for domain in result.domains
    ]
    for area in result.governance.areas if result.governance is not None else []:
        red = [
            f for f in result.gate.failures if f.kind == "governance-red" and f.domain == area.id
        ]
        cases.append(_governance_testcase(area, classname, red))
    plan = result.actions
    overdue = _plan.ordered([a for a in plan.actions if a.overdue]) if plan is not None else []
    cases += [_action_testcase(result, action, f"{classname}.actions") for action in overdue]
    return cases


def _properties(suite: ET.Element, result: Result) -> None:
    properties = ET.SubElement(suite, "properties")
    overall = result.overall
    for name, value in (
        ("framework", f"{result.framework.id}@{result.framework.version}"),
        ("organisation", result.organisation),
        ("organisation_code", result.organisation_code),
        ("period", result.period),
        ("assessed_on", result.assessed_on.isoformat()),
        ("profile", _words.profile_text(overall, _words.terms_of(result))),
        ("band", overall.band or ""),
        ("mean_score", _words.fixed(overall.score)),
        ("mean_percent", _words.fixed(overall.percent, 1)),
        ("targets", _words.target_summary(result)),
        ("gate", result.gate.status.value),
        ("draft", "true" if result.draft else "false"),
        ("status", _words.draft_text(result)),
        ("basis", result.basis.value if result.basis else ""),
        ("source", result.source),
        ("tool", result.tool),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": collapse(value)})


def render(result: Result, options: RenderOptions) -> str:
    """Return the assessment as JUnit XML (UTF-8, with an XML declaration)."""
    classname = collapse(f"{result.framework.id}.{result.organisation_code}")
    cases = _cases(result, classname)
    counts = {
        "tests": str(len(cases)),
        "failures": str(sum(case.find("failure") is not None for case in cases)),
        "errors": "0",
        "skipped": str(sum(case.find("skipped") is not None for case in cases)),
        "time": "0",
    }
    suite_name = collapse(
        f"{result.framework.id} {result.framework.version} assessment of "
        f"{result.organisation} ({result.organisation_code}), {result.period}"
    )
    root = ET.Element("testsuites", {"name": "wcc-assess", **counts})
    suite = ET.SubElement(
        root,
        "testsuite",
        {
            "name": suite_name,
            **counts,
            "timestamp": _timestamp(result),
            "hostname": "localhost",
            "id": "0",
            "package": classname,
        },
    )
    _properties(suite, result)
    suite.extend(cases)
    if result.warnings:
        out = ET.SubElement(suite, "system-out")
        out.text = "".join(f"warning: {clean(warning)}\n" for warning in result.warnings)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"

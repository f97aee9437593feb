"""A framework in plain text: ``wcc frameworks list`` and ``wcc frameworks show``."""

from __future__ import annotations

from wcc_assess.models.framework import Framework
from wcc_assess.render._words import band_rule_text, group_rule_text, rule_needs, wrap

__all__ = ["crosswalk_text", "framework_list", "framework_text"]


def _wrap(text: str, indent: str = "  ", hanging: str | None = None) -> list[str]:
    """Wrap an indented paragraph (a hanging one keeps hyphenated words whole)."""
    return wrap(text, indent, hanging, hyphens=hanging is None)


def framework_list(frameworks: list[Framework]) -> str:
    """Return one line per framework: id, version, size and title, in aligned columns."""
    rows = [
        (
            framework.id,
            framework.version,
            f"{len(framework.domains)} domains",
            f"{sum(len(d.indicators) for d in framework.domains)} indicators",
            framework.title,
        )
        for framework in frameworks
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[4]])
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _scoring_lines(framework: Framework) -> list[str]:
    scoring = framework.scoring
    months = scoring.evidence.recent_months
    out = ["", f"Domain method: {scoring.method.value}", "Evidence rules:"]
    if not scoring.evidence.rules:
        out.append("  none: every claim counts as made")
    for rule in scoring.evidence.rules:
        text = f"  level {rule.level}+: {rule_needs(rule)}"
        if rule.min_recent and not rule.recent_months:
            text += f" (within {months} months)"
        out.append(text)
    if scoring.evidence.note:
        out += _wrap(scoring.evidence.note, "    ")
    for entry in scoring.not_rated:
        out += _wrap(f"Not rated: {entry.id}. {entry.reason}", "", "  ")
    for caution in scoring.claim_warnings:
        out += _wrap(
            f"A claim of level {caution.level} is accepted with a warning: {caution.note}", "", "  "
        )
    if framework.groups is not None:
        how = group_rule_text(framework.groups, framework.terms.domains)
        out += _wrap(f"Groups ({framework.groups.term}s): {how}", "", "  ")
        out += _wrap(framework.groups.note, "    ")
    if scoring.bands:
        out.append("Bands, from the domain levels:")
        for b in scoring.bands:
            said = band_rule_text(b.when, framework.scale, framework.terms)
            out += wrap(f"{b.label}: {said}", "  ", "    ")
    else:
        out.append(
            f"Bands: none; the headline is the profile of {framework.terms.domain} levels "
            "(how many at each level)"
        )
    if scoring.allow_not_evidenced:
        out.append("A domain with a target that was not assessed passes the gate (allowed)")
    target = scoring.default_target
    out.append(f"Default target: {target if target is not None else 'none'}")
    return out


def _domain_lines(framework: Framework) -> list[str]:
    out: list[str] = []
    for domain in framework.domains:
        phase = f"  [{domain.phase}]" if domain.phase else ""
        out += ["", f"{domain.id} {domain.title}{phase}"]
        out += _wrap(domain.statement)
        for document in domain.key_documents:
            out += _wrap(f"key document {document.id}: {document.title}", "  ", "    ")
        for indicator in domain.indicators:
            out.append(f"  {indicator.id} {indicator.title}")
            for level in framework.levels:
                text = f"{level}: {indicator.descriptors[level]}"
                out += wrap(text, "      ", "         ", hyphens=True)
    return out


def _assurance_lines(framework: Framework) -> list[str]:
    """Describe the framework's governance areas and outcome rules, when it has them."""
    out: list[str] = []
    if framework.governance is not None:
        points = framework.governance.points
        out += ["", "Governance:"]
        out += _wrap(
            f"Each sub-indicator is rated red ({points.red} points), amber "
            f"({points.amber}) or green ({points.green}). An area is red if "
            "any sub-indicator is red, green if all are green, and amber "
            "otherwise."
        )
        for area in framework.governance.areas:
            out += ["", f"{area.id} {area.title}"]
            out += _wrap(area.statement)
            for item in area.sub_indicators:
                out.append(f"  {item.id} {item.title}")
                for rating in ("green", "amber", "red"):
                    text = f"{rating}: {getattr(item.descriptors, rating)}"
                    out += _wrap(text, "      ", "        ")
    rules = framework.outcomes
    if rules is not None:
        out += ["", "Outcome measures:"]
        if rules.recommended_count is not None:
            out.append(f"  recommended: {rules.recommended_count} measures")
        for measure in rules.required:
            better = f", better {measure.better.value}" if measure.better else ""
            out.append(f"  required: {measure.id} ({measure.name}{better})")
    return out


def _identity_lines(framework: Framework) -> list[str]:
    """Return the title, what the framework is, its publisher, base and years."""
    out = [f"{framework.title} ({framework.ref})"]
    if framework.summary:
        out += _wrap(framework.summary, "")
    out.append(f"Publisher: {framework.publisher}")
    if framework.extends:
        out.append(f"Written as changes to: {framework.extends}")
    if framework.periods is not None:
        periods = framework.periods
        years = periods.first + (f" to {periods.last}" if periods.last else " onwards")
        years = periods.first if periods.last == periods.first else years
        out.append(f"For the years: {years}")
    return out


def framework_text(framework: Framework) -> str:
    """Return a framework in full: scale, scoring rules, domains, indicators, descriptors."""
    out = [*_identity_lines(framework), "", "Source:"]
    out += _wrap(framework.source)
    out += ["", "Scale:"]
    out += [f"  {s.level} {s.label}: {s.meaning}" for s in framework.scale]
    out += _scoring_lines(framework)
    out += _domain_lines(framework)
    out += _assurance_lines(framework)
    return "\n".join(out) + "\n"


def crosswalk_text(framework: Framework) -> str:
    """Return the framework's crosswalk to a later regime (``frameworks show --crosswalk``)."""
    crosswalk = framework.crosswalk
    if crosswalk is None:
        return f"{framework.ref} has no crosswalk.\n"
    titles = {domain.id: f"{domain.id} {domain.title}" for domain in framework.domains}
    for area in framework.governance.areas if framework.governance else []:
        titles[area.id] = f"Governance: {area.title}"
    titles["outcomes"] = "Health outcomes"
    out = [f"{crosswalk.title} ({framework.ref})", ""]
    out += _wrap(crosswalk.introduction, "")
    if crosswalk.sources:
        out += ["", "Sources:"]
        for source in crosswalk.sources:
            out += _wrap(f"- {source}", "  ", "    ")
    for row in crosswalk.rows:
        out += ["", titles.get(row.id, row.id)]
        out += _wrap(f"Today: {row.today}", "  ", "    ")
        out += _wrap(f"Judged by: {row.judged_by}", "  ", "    ")
        if row.notes:
            out += _wrap(f"For reuse: {row.notes}", "  ", "    ")
    return "\n".join(out) + "\n"

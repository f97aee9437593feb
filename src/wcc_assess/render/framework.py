"""A framework in plain text: ``wcc frameworks list`` and ``wcc frameworks show``."""

from __future__ import annotations

from wcc_assess.models.framework import Framework
from wcc_assess.render._words import band_rule_text, wrap

__all__ = ["framework_list", "framework_text"]


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
    out = ["", f"Domain method: {scoring.method.value}", "Evidence rules:"]
    if not scoring.evidence.rules:
        out.append("  none: every claim counts as made")
    for rule in scoring.evidence.rules:
        text = f"  level {rule.level}+: at least {rule.min_items} item(s)"
        if rule.min_recent:
            text += (
                f", {rule.min_recent} dated within {scoring.evidence.recent_months} "
                "months before the assessment"
            )
        out.append(text)
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


def framework_text(framework: Framework) -> str:
    """Return a framework in full: scale, scoring rules, domains, indicators, descriptors."""
    out = [
        f"{framework.title} ({framework.ref})",
        f"Publisher: {framework.publisher}",
        "",
        "Source:",
    ]
    out += _wrap(framework.source)
    out += ["", "Scale:"]
    out += [f"  {s.level} {s.label}: {s.meaning}" for s in framework.scale]
    out += _scoring_lines(framework)
    out += _domain_lines(framework)
    out += _assurance_lines(framework)
    return "\n".join(out) + "\n"

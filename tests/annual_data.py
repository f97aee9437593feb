"""Builders for whole WCC submissions (any framework file), for the annual-review tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import DATA, ROOT

WCC = ROOT / "frameworks" / "wcc.yaml"
WCC_2010 = DATA / "frameworks" / "wcc-2010.yaml"


KINDS = ("decision", "result", "result", "partner-view")
"""The kinds of a builder's evidence items, in order: what WCC's level 4 asks for."""


def framework_ids(path: Path = WCC) -> dict[str, list[str]]:
    """Domain id -> indicator ids of a framework file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {d["id"]: [i["id"] for i in d["indicators"]] for d in data["domains"]}


def wcc_submission(
    levels: Mapping[str, int] | None = None,
    *,
    framework_file: Path = WCC,
    framework: str = "wcc",
    period: str = "2025/26",
    assessed_on: str = "2025-10-01",
    name: str = "Westmarsh ICB",
    code: str = "QWM",
    default: int = 2,
    evidence_items: Mapping[str, int] | None = None,
    not_assessed: Mapping[str, str] | None = None,
    targets: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """A complete submission: every indicator at ``default`` unless ``levels`` names it
    (by indicator id, or by domain id for all its indicators).

    Each rated indicator gets as many recent evidence items as its level, enough to support
    it (their kinds a decision, results and a partner view, as WCC's rules ask), unless
    ``evidence_items`` says otherwise (to cap it). ``not_assessed`` skips domains or
    indicators by id with a reason.
    """
    levels = levels or {}
    evidence_items = evidence_items or {}
    not_assessed = not_assessed or {}
    recent = (date.fromisoformat(assessed_on) - timedelta(days=90)).isoformat()
    domains: dict[str, Any] = {}
    for domain_id, indicator_ids in framework_ids(framework_file).items():
        if domain_id in not_assessed:
            domains[domain_id] = {"not_assessed": not_assessed[domain_id]}
            continue
        entry: dict[str, Any] = {}
        for indicator_id in indicator_ids:
            if indicator_id in not_assessed:
                entry[indicator_id] = {"not_assessed": not_assessed[indicator_id]}
                continue
            level = levels.get(indicator_id, levels.get(domain_id, default))
            count = evidence_items.get(indicator_id, level)
            entry[indicator_id] = {
                "level": level,
                "narrative": f"{indicator_id} self-assessment.",
                "evidence": [
                    {
                        "title": f"{indicator_id} paper {n}",
                        "ref": f"{indicator_id}-{n}",
                        "date": recent,
                        "kind": KINDS[n] if n < len(KINDS) else "other",
                    }
                    for n in range(count)
                ],
            }
        domains[domain_id] = entry
    data: dict[str, Any] = {
        "framework": framework,
        "organisation": {"name": name, "code": code},
        "period": period,
        "assessed_on": assessed_on,
        "assessors": [{"name": "A. Reviewer", "role": "Head of Strategy"}],
    }
    if targets:
        data["targets"] = dict(targets)
    data["domains"] = domains
    return data

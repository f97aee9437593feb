"""The built-in frameworks: each loads cleanly, has the structure its source gives it, says
what is its own wording, and has an example submission that scores."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.io.frameworks import builtin_ids
from wcc_assess.usecases.frameworks import resolve_framework
from wcc_assess.usecases.submissions import load_submission


@pytest.mark.parametrize("framework_id", builtin_ids())
def test_loads_with_sources_and_examples(framework_id: str) -> None:
    framework = resolve_framework(framework_id)
    assert framework.id == framework_id
    source = " ".join(framework.source.split())
    assert "wcc-assess project" in source and "own" in source
    assert framework.levels == [1, 2, 3, 4]
    examples = [
        path
        for path in EXAMPLES.glob("*.yaml")
        if load_submission(path).framework.id == framework_id
    ]
    assert examples, f"no example submission for {framework_id}"
    for path in examples:
        loaded = load_submission(path)
        result = score(loaded.framework, loaded.submission, ScoreOptions(generated_at="x"))
        assert result.overall.score is not None
        unrated = {entry.id for entry in loaded.framework.scoring.not_rated}
        assert result.overall.indicator_coverage.total == sum(
            len(domain.indicators) for domain in framework.domains if domain.id not in unrated
        )


def test_bs11000_has_eight_stages_in_three_phases() -> None:
    framework = resolve_framework("bs11000")
    stages = [(d.id, d.title, d.phase) for d in framework.domains]
    assert stages == [
        ("S1", "Awareness", "Strategic"),
        ("S2", "Knowledge", "Strategic"),
        ("S3", "Internal assessment", "Strategic"),
        ("S4", "Partner selection", "Engagement"),
        ("S5", "Working together", "Engagement"),
        ("S6", "Value creation", "Engagement"),
        ("S7", "Staying together", "Management"),
        ("S8", "Exit strategy", "Management"),
    ]
    assert all(2 <= len(d.indicators) <= 4 for d in framework.domains)
    source = " ".join(framework.source.split())
    assert "Operational awareness" in source and "Exit strategy implementation" in source
    assert "relationship management plan" in source
    # the plan runs through the lifecycle: started in S1, made joint in S5
    assert framework.domain("S1").indicators[2].title == "Relationship management plan started"
    assert framework.domain("S5").indicators[3].title == "Joint relationship management plan"


def test_new_commissioning_has_the_four_domains() -> None:
    framework = resolve_framework("new-commissioning")
    assert [d.title for d in framework.domains] == [
        "Being the people's organisation",
        "Partnerships in the wider public-health ecosystem",
        "System leadership across organisations",
        "A new relationship with providers",
    ]
    assert all(3 <= len(d.indicators) <= 5 for d in framework.domains)
    assert framework.scoring.method.value == "mean"
    assert [d.weight for d in framework.domains] == [1, 1, 2, 1]
    leadership = " ".join(i.title for i in framework.domain("NC3").indicators)
    for theme in (
        "Quality and safety",
        "Effectiveness",
        "Patient experience",
        "Innovation",
        "Integration",
    ):
        assert theme in leadership


def test_commissioning_for_quality_says_its_structure_is_ours() -> None:
    framework = resolve_framework("commissioning-for-quality")
    source = " ".join(framework.source.split())
    assert "does not publish a framework" in source
    assert "10.1108/14777271211273161" in source
    assert framework.domain("CQ1").title == "Custodian of standards"

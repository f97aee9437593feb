"""Property-based tests: the loader never crashes, the scorer keeps its invariants."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI, cli_runner, wcc_submission
from wcc_assess.cli import app
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.models.result import DomainStatus
from wcc_assess.models.submission import Submission
from wcc_assess.usecases.frameworks import load_framework_file as load_framework

VALID = wcc_submission()

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(VALID)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["set", "delete", "rename"]))
            if action == "set":
                parent[path[-1]] = draw(values)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = parent.pop(path[-1])
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    return data


def _invoke(text: str) -> tuple[int, str]:
    result = cli_runner().invoke(app, ["assess", "-", "--format", "json"], input=text)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_submissions_succeed_or_exit_2_with_a_message(data: dict[str, Any]) -> None:
    code, stderr = _invoke(yaml.safe_dump(data, sort_keys=False))
    assert code in (0, 1, 2)
    if code == 2:
        assert "error" in stderr and "Traceback" not in stderr


TEXT = yaml.safe_dump(VALID, sort_keys=False)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(TEXT) - 1), st.text(max_size=5), st.integers(0, 5))
def test_corrupted_text_succeeds_or_exits_2(position: int, insert: str, cut: int) -> None:
    code, stderr = _invoke(TEXT[:position] + insert + TEXT[position + cut :])
    assert code in (0, 1, 2)
    if code == 2:
        assert stderr.strip() and "Traceback" not in stderr


MINI_FRAMEWORK = load_framework(MINI)
ASSESSED_ON = date(2026, 10, 1)
evidence_item = st.builds(
    lambda ref, days: {
        "title": f"doc {ref}",
        "ref": f"r{ref}",
        "date": ASSESSED_ON - timedelta(days=days),
    },
    st.integers(0, 5),
    st.integers(-60, 2000),
)
rating = st.one_of(
    st.fixed_dictionaries(
        {"level": st.integers(1, 4), "evidence": st.lists(evidence_item, max_size=5)},
        optional={"panel_level": st.integers(1, 4)},
    ),
    st.just({"not_assessed": "skipped"}),
)


@st.composite
def mini_submissions(draw: st.DrawFn) -> Submission:
    domains: dict[str, Any] = {}
    for domain in MINI_FRAMEWORK.domains:
        if draw(st.booleans()) and draw(st.booleans()):
            domains[domain.id] = {"not_assessed": "not this year"}
        else:
            domains[domain.id] = {i.id: draw(rating) for i in domain.indicators}
    return Submission.model_validate(
        {
            "framework": "mini",
            "organisation": {"name": "P", "code": "P1"},
            "period": "2026/27",
            "assessed_on": ASSESSED_ON,
            "targets": draw(
                st.one_of(st.just({}), st.fixed_dictionaries({"default": st.integers(1, 4)}))
            ),
            "domains": domains,
        }
    )


@settings(max_examples=200, deadline=None)
@given(mini_submissions())
def test_scorer_invariants(submission: Submission) -> None:
    result = score(MINI_FRAMEWORK, submission, ScoreOptions(generated_at="t"))
    for domain in result.domains:
        rated = [i for i in domain.indicators if i.effective_level is not None]
        assert domain.coverage.assessed == len(rated)
        if not rated:
            missing = DomainStatus.NOT_EVIDENCED if domain.target else DomainStatus.NOT_ASSESSED
            assert domain.status is missing and domain.score is None
            continue
        for indicator in rated:
            assert indicator.assessed_level is not None
            assert indicator.supported_level is not None
            if indicator.panel_level is not None:  # a judgement: it stands, flagged if need be
                assert indicator.effective_level == indicator.panel_level
                assert not indicator.capped
                over = indicator.panel_level > indicator.supported_level
                assert (indicator.panel_over_rule is not None) == over
                continue
            assert indicator.effective_level == min(
                indicator.assessed_level, indicator.supported_level
            )
            assert indicator.capped == (indicator.effective_level < indicator.assessed_level)
            assert indicator.evidence_counted <= len(indicator.evidence)
        assert domain.level == min(i.effective_level or 0 for i in rated)  # all-met
        assert domain.score is not None and domain.percent is not None
        assert 1 <= domain.level <= domain.score <= 4
        assert 0 <= domain.percent <= 100
        assert bool(domain.limited_by) == (domain.level < 4)
        assert all(step.next_level == step.current_level + 1 for step in domain.next_steps)
        if domain.target is not None:
            assert (domain.status is DomainStatus.MET) == (domain.level >= domain.target)
    failed = {f.domain for f in result.gate.failures}
    gaps = (DomainStatus.BELOW, DomainStatus.NOT_EVIDENCED)
    assert failed == {d.id for d in result.domains if d.status in gaps}
    if result.overall.score is not None:
        scores = [d.score for d in result.domains if d.score is not None]
        assert min(scores) - 0.01 <= result.overall.score <= max(scores) + 0.01

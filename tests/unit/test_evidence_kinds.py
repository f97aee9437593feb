"""Evidence a panel would weigh: kinds per level, recency per level, key documents, groups of
domains (BS 11000's phases), with expectations computed by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, MINI, mini_submission
from wcc_assess.core.lint import lint
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import InputError
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import KeyDocumentStatus, Result
from wcc_assess.models.submission import Submission
from wcc_assess.usecases.frameworks import resolve_framework
from wcc_assess.usecases.submissions import load_submission

RULES = [
    {"level": 2, "min_items": 1},
    {
        "level": 3,
        "min_items": 2,
        "min_recent": 1,
        "recent_months": 12,
        "kinds": ["decision", "result"],
    },
    {
        "level": 4,
        "min_items": 4,
        "min_recent": 2,
        "kinds": ["decision", "result", "result", "partner-view"],
    },
]


def framework(**changes: Any) -> Framework:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["scoring"]["evidence"]["rules"] = RULES
    for key, value in changes.items():
        data[key] = value
    return Framework.model_validate(data)


def item(n: int, kind: str | None, date: str = "2026-06-01", **extra: Any) -> dict[str, Any]:
    found = {"title": f"doc {n}", "ref": f"ref-{n}", "date": date, **extra}
    return found if kind is None else {**found, "kind": kind}


def run(data: dict[str, Any], fw: Framework | None = None) -> Result:
    return score(fw or framework(), Submission.model_validate(data), ScoreOptions(generated_at="x"))


def a1(result: Result) -> Any:
    return result.domain("A").indicators[0]


@pytest.mark.parametrize(
    ("kinds", "effective", "missing"),
    [
        (["decision", "result"], 3, []),
        (["plan", "plan"], 2, ["decision", "result"]),  # two plans are not level 3
        (["decision", "decision"], 2, ["result"]),
        ([None, None], 2, ["decision", "result"]),  # no kind said: none supplied
        (["result", "decision", "plan"], 3, []),
    ],
)
def test_level_3_needs_a_decision_and_a_result(
    kinds: list[str | None], effective: int, missing: list[str]
) -> None:
    evidence = [item(n, kind) for n, kind in enumerate(kinds)]
    indicator = a1(run(mini_submission(A_1={"level": 3, "evidence": evidence})))
    assert indicator.effective_level == effective
    if missing:
        assert indicator.cap.rule_level == 3
        assert [k.value for k in indicator.cap.kinds_missing] == missing
        assert [k.value for k in indicator.cap.kinds] == ["decision", "result"]


def test_the_cap_says_which_kinds_are_missing_and_that_items_gave_none() -> None:
    evidence = [item(0, "plan"), item(1, None)]
    indicator = a1(run(mini_submission(A_1={"level": 3, "evidence": evidence})))
    assert indicator.cap.message == (
        "the claimed level 3 is capped at 2: level 3 needs 2 evidence items including a "
        "decision and a result, at least 1 dated on or after 2025-10-01; 2 counted, 2 recent, "
        "without a decision and a result (1 of the items does not say its kind)"
    )


def test_each_rule_has_its_own_recent_window() -> None:
    # level 3 looks back 12 months (from 2025-10-01), level 4 the framework's 24 (2024-10-01)
    old_decision = item(0, "decision", "2025-03-01")  # recent for level 4, not for level 3
    old_result = item(1, "result", "2025-05-01")
    capped = a1(run(mini_submission(A_1={"level": 3, "evidence": [old_decision, old_result]})))
    assert capped.effective_level == 2 and capped.cap.recent == 0
    assert str(capped.cap.recent_since) == "2025-10-01"
    assert capped.evidence_recent == 2  # recent by the framework's own window
    fresh = item(2, "result", "2026-02-01")
    three = a1(run(mini_submission(A_1={"level": 3, "evidence": [old_decision, fresh]})))
    assert three.effective_level == 3
    evidence = [old_decision, old_result, fresh, item(3, "partner-view", "2023-01-01")]
    four = a1(run(mini_submission(A_1={"level": 4, "evidence": evidence})))
    assert four.effective_level == 4  # 3 of them within 24 months, 1 within 12


def test_the_next_level_says_what_kinds_are_still_wanted() -> None:
    evidence = [item(0, "decision"), item(1, "result")]
    need = a1(run(mini_submission(A_1={"level": 3, "evidence": evidence}))).next_level_evidence
    assert need.level == 4 and need.min_items == 4
    assert [k.value for k in need.kinds] == ["decision", "result", "result", "partner-view"]
    assert [k.value for k in need.kinds_missing] == ["result", "partner-view"]
    assert need.short_items == 2 and str(need.recent_since) == "2024-10-01"


def test_a_rule_cannot_ask_for_more_kinds_than_items() -> None:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["scoring"]["evidence"]["rules"] = [
        {"level": 3, "min_items": 1, "kinds": ["decision", "result"]}
    ]
    with pytest.raises(ValueError, match="asks for 2 kinds of evidence but only 1 items"):
        Framework.model_validate(data)


KEY_DOCUMENTS = {
    "A": [
        {"id": "plan-5y", "title": "Five-year plan", "also_known_as": ["strategic plan"]},
        {"id": "od", "title": "Organisational development plan"},
    ],
    "B": [{"id": "money", "title": "Financial strategy"}],
}


def with_key_documents() -> Framework:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    for domain in data["domains"]:
        domain["key_documents"] = KEY_DOCUMENTS.get(domain["id"], [])
    return Framework.model_validate(data)


def test_key_documents_are_cited_hinted_at_or_missing() -> None:
    data = mini_submission(
        A_1={"level": 2, "evidence": [item(0, "plan", key_document="plan-5y")]},
        A_2={"level": 2, "evidence": [item(1, "plan", key_document="plan-5y")]},
        B_1={"level": 2, "evidence": [{**item(2, "plan"), "title": "Our Strategic Plan 2026"}]},
    )
    found = {k.id: k for k in run(data, with_key_documents()).key_documents}
    assert found["plan-5y"].status is KeyDocumentStatus.CITED
    assert found["plan-5y"].cited_by == ["A.1", "A.2"] and found["plan-5y"].domain == "A"
    # a title that looks like a key document is only a hint: it says which item to mark
    assert found["od"].status is KeyDocumentStatus.MISSING
    assert found["money"].status is KeyDocumentStatus.MISSING
    hinted = run(
        mini_submission(
            B_1={"level": 2, "evidence": [{**item(2, None), "title": "Financial strategy 2026"}]}
        ),
        with_key_documents(),
    ).key_documents
    assert [(k.id, k.status.value, k.hints) for k in hinted][2] == (
        "money",
        "hinted",
        ["B.1: Financial strategy 2026"],
    )


def test_an_unknown_key_document_is_a_located_error(tmp_path: Path) -> None:
    text = (EXAMPLES / "westmarsh-2026-27.yaml").read_text(encoding="utf-8")
    text = text.replace("key_document: jsna", "key_document: jnsa", 1)
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_submission(path)
    [problem] = caught.value.diagnostics
    assert problem.path == "domains.C5.C5.1.evidence item 1.key_document"
    assert problem.message == "wcc@2009 has no key document 'jnsa'"
    assert problem.hint == "did you mean jsna?" and problem.line is not None


def test_phases_roll_up_by_the_lowest_of_their_stages() -> None:
    loaded = load_submission(EXAMPLES / "bs11000-kestrel-vale.yaml")
    result = score(loaded.framework, loaded.submission, ScoreOptions(generated_at="x"))
    phases = {g.id: g for g in result.groups}
    assert list(phases) == ["Strategic", "Engagement", "Management"]
    strategic = phases["Strategic"]
    # S1 3.00, S2 2.00, S3 2.00: the lowest level is 2; the mean score (3 + 2 + 2) / 3
    assert (strategic.level, strategic.score, strategic.percent) == (2, 2.33, 44.4)
    assert strategic.domains == ["S1", "S2", "S3"] and strategic.limited_by == ["S2", "S3"]
    # S4 2.00, S5 2.25, S6 2.00: (2 + 2.25 + 2) / 3 = 2.0833
    assert (phases["Engagement"].level, phases["Engagement"].score) == (2, 2.08)
    assert (phases["Management"].coverage.assessed, phases["Management"].coverage.total) == (2, 2)
    assert result.framework.groups is not None and result.framework.groups.term == "phase"


def test_a_group_with_no_assessed_domain_is_not_assessed_and_mean_groups_round_down() -> None:
    fw = resolve_framework("bs11000")
    data = yaml.safe_load((EXAMPLES / "bs11000-kestrel-vale.yaml").read_text(encoding="utf-8"))
    data["domains"]["S7"] = {"not_assessed": "Too early"}
    data["domains"]["S8"] = {"not_assessed": "Too early"}
    result = score(fw, Submission.model_validate(data), ScoreOptions(generated_at="x"))
    management = result.groups[2]
    assert not management.assessed and management.level is None
    assert (management.coverage.assessed, management.coverage.total) == (0, 2)
    mean = fw.model_copy(update={"groups": fw.groups.model_copy(update={"method": "mean"})})  # type: ignore[union-attr]
    strategic = score(mean, Submission.model_validate(data), ScoreOptions(generated_at="x")).groups[
        0
    ]
    assert strategic.level == 2  # floor(2.33)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"scoring": {"not_rated": [{"id": "Z", "reason": "r"}]}},
            "scoring.not_rated.0.id: 'Z' is not a domain or indicator of mini@1",
        ),
        (
            {"scoring": {"claim_warnings": [{"level": 7, "note": "n"}]}},
            "scoring.claim_warnings.0.level: 7 is not on the scale",
        ),
        (
            {"groups": {"note": "n"}},
            "groups: no domain has a phase, so there is no phase to roll up",
        ),
        (
            {
                "crosswalk": {
                    "title": "t",
                    "introduction": "i",
                    "rows": [{"id": "Q", "today": "t", "judged_by": "j"}],
                }
            },
            "crosswalk.rows.0.id: 'Q' is not a domain or governance area of mini@1, nor outcomes",
        ),
    ],
)
def test_lint_checks_the_new_framework_data(change: dict[str, Any], expected: str) -> None:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    for key, value in change.items():
        if key == "scoring":
            data["scoring"].update(value)
        else:
            data[key] = value
    found = [f"{d.path}: {d.message}" for d in lint(Framework.model_validate(data)) if d.is_error]
    assert found == [expected]


def test_key_document_ids_are_unique_across_the_framework() -> None:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["domains"][0]["key_documents"] = [{"id": "k", "title": "K"}]
    data["domains"][1]["key_documents"] = [{"id": "k", "title": "K again"}]
    [error] = [d for d in lint(Framework.model_validate(data)) if d.is_error]
    assert (error.path, error.message) == (
        "domains.1.key_documents.0.id",
        "duplicate key document id 'k'",
    )


@pytest.mark.parametrize(
    "spec", ["wcc", "wcc@2008", "bs11000", "new-commissioning", "commissioning-for-quality"]
)
def test_every_builtin_framework_asks_for_kinds_that_fit_its_field(spec: str) -> None:
    framework = resolve_framework(spec)
    rules = {rule.level: rule for rule in framework.scoring.evidence.rules}
    assert framework.scoring.evidence.note, "say why the rules fit the field"
    assert len(rules[3].kinds) >= 2 and rules[3].recent_months == 12
    assert len(rules[4].kinds) >= 3 and set(rules[3].kinds) <= set(rules[4].kinds)
    assert framework.summary and any(d.key_documents for d in framework.domains)

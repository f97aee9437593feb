"""Cohort statistics with expectations computed by hand (see the comments)."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import MINI, evidence, mini_submission
from wcc_assess.core.cohort import (
    CohortOptions,
    build_cohort,
    competition_ranks,
    mean,
    median,
    summarise,
)
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import Diagnostic
from wcc_assess.models.cohort import (
    DomainSummary,
    InvalidSubmission,
    OrganisationSummary,
)
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import Basis, DomainStatus, GateStatus
from wcc_assess.models.submission import Submission
from wcc_assess.render import COHORT, CohortFormat

OPTIONS = CohortOptions(generated_at="2026-11-01T00:00:00Z")


@pytest.fixture(scope="module")
def mini() -> Framework:
    return Framework.model_validate(yaml.safe_load(MINI.read_text(encoding="utf-8")))


def domain(
    domain_id: str,
    level: int | None,
    value: float | None,
    status: DomainStatus = DomainStatus.NO_TARGET,
) -> DomainSummary:
    if level is None:
        status = DomainStatus.NOT_ASSESSED
    return DomainSummary(id=domain_id, level=level, score=value, status=status)


def org(
    name: str,
    code: str,
    overall: float | None,
    domains: list[DomainSummary],
    *,
    period: str = "2026/27",
    percent: float | None = None,
    band: str | None = None,
    gate: GateStatus = GateStatus.NONE,
    framework: str = "mini@1",
    capped: int = 0,
) -> OrganisationSummary:
    return OrganisationSummary(
        source=f"{code.strip().lower()}-{period.replace('/', '-')}.yaml",
        organisation=name,
        code=code,
        period=period,
        framework=framework,
        score=overall,
        percent=percent,
        band=band,
        domains=domains,
        domains_assessed=sum(d.level is not None for d in domains),
        domains_met=sum(d.status is DomainStatus.MET for d in domains),
        domains_below=sum(d.status is DomainStatus.BELOW for d in domains),
        capped=capped,
        gate=gate,
    )


MET, BELOW = DomainStatus.MET, DomainStatus.BELOW
ALPHA = org(
    "Alpha Trust",
    "A01",
    2.5,
    [domain("A", 3, 3.0, MET), domain("B", 1, 1.5, BELOW)],
    percent=50.0,
    band="Strong",
    gate=GateStatus.FAILED,
    capped=2,
)
BETA = org(
    "Beta Trust",
    "B01",
    2.5,
    [domain("A", 2, 2.5, MET), domain("B", 2, 2.5, MET)],
    percent=50.0,
    band="Strong",
    gate=GateStatus.PASSED,
)
GAMMA = org(
    "Gamma Trust",
    "G01",
    1.25,
    [domain("A", 1, 1.33), domain("B", None, None)],
    percent=8.3,
    band="Weak",
)
DELTA = org("Delta Trust", "D01", None, [domain("A", None, None), domain("B", None, None)])


def test_mean_and_median_by_hand() -> None:
    assert mean([]) is None and median([]) is None
    assert mean([1, 2]) == 1.5
    assert mean([1.33, 1.34]) == 1.34  # 1.335 rounds half up
    assert mean([3.0, 2.5, 1.33]) == 2.28  # 6.83 / 3 = 2.2766...
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 2, 3]) == 2.5
    assert median([1.25, 1.5]) == 1.38  # 1.375 rounds half up
    assert mean([0.1] * 3) == 0.1  # no binary-float drift


def test_competition_ranks_share_and_skip() -> None:
    assert competition_ranks([]) == []
    assert competition_ranks([3.0, 2.5, 2.5, 1.0]) == [1, 2, 2, 4]
    assert competition_ranks([2, 2, 2]) == [1, 1, 1]


def test_league_order_ranks_and_unscored_last(mini: Framework) -> None:
    cohort = build_cohort([GAMMA, DELTA, BETA, ALPHA], mini, OPTIONS)
    assert [(e.rank, e.organisation) for e in cohort.league] == [
        (1, "Alpha Trust"),
        (1, "Beta Trust"),
        (3, "Gamma Trust"),
        (None, "Delta Trust"),
    ]
    alpha = cohort.league[0]
    assert (alpha.domains_met, alpha.domains_below, alpha.capped) == (1, 1, 2)
    assert (cohort.files, cohort.graded, cohort.invalid) == (4, 4, [])
    assert cohort.gates.model_dump() == {"passed": 1, "failed": 1, "none": 2}
    assert cohort.gate_failed and not cohort.has_invalid


def test_domain_distributions_by_hand(mini: Framework) -> None:
    cohort = build_cohort([ALPHA, BETA, GAMMA, DELTA], mini, OPTIONS)
    a, b = cohort.domains
    # A: levels 3, 2, 1 (Delta not assessed); scores 3.00, 2.50, 1.33.
    assert [(c.level, c.label, c.count) for c in a.counts] == [
        (1, "One", 1),
        (2, "Two", 1),
        (3, "Three", 1),
        (4, "Four", 0),
    ]
    assert (a.assessed, a.not_assessed) == (3, 1)
    assert (a.mean_level, a.median_level) == (2.0, 2.0)
    assert (a.mean_score, a.median_score) == (2.28, 2.5)
    assert (a.met, a.below) == (2, 0)
    # B: levels 1, 2 (Gamma and Delta not assessed); scores 1.50, 2.50.
    assert [c.count for c in b.counts] == [1, 1, 0, 0]
    assert (b.assessed, b.not_assessed) == (2, 2)
    assert (b.mean_level, b.median_level, b.mean_score, b.median_score) == (1.5, 1.5, 2.0, 2.0)
    assert (b.met, b.below) == (1, 1)
    assert (cohort.weakest_domains, cohort.strongest_domains) == (["B"], ["A"])


def test_overall_distribution_by_hand(mini: Framework) -> None:
    overall = build_cohort([ALPHA, BETA, GAMMA, DELTA], mini, OPTIONS).overall
    assert overall.graded == 3
    assert overall.mean_score == 2.08  # (2.5 + 2.5 + 1.25) / 3 = 2.0833
    assert overall.median_score == 2.5
    assert overall.mean_percent == 36.1  # (50 + 50 + 8.3) / 3
    assert [(b.label, b.count) for b in overall.bands] == [
        ("Weak", 1),
        ("Developing", 0),
        ("Strong", 2),
        ("Excellent", 0),
    ]


def test_tied_weakest_and_strongest_domains_are_all_named(mini: Framework) -> None:
    same = org("Same", "S01", 2.0, [domain("A", 2, 2.0), domain("B", 2, 2.0)])
    cohort = build_cohort([same], mini, OPTIONS)
    assert cohort.weakest_domains == ["A", "B"] == cohort.strongest_domains


def test_duplicates_are_all_excluded_and_name_each_other(mini: Framework) -> None:
    first = BETA
    second = BETA.model_copy(update={"code": " b01 ", "source": "elsewhere/beta.yaml"})
    other_year = BETA.model_copy(update={"period": "2025/26", "source": "beta-old.yaml"})
    cohort = build_cohort([first, ALPHA, second, other_year], mini, OPTIONS)
    assert [(e.organisation, e.period) for e in cohort.league] == [
        ("Alpha Trust", "2026/27"),
        ("Beta Trust", "2025/26"),
    ]
    assert [item.file for item in cohort.invalid] == ["b01-2026-27.yaml", "elsewhere/beta.yaml"]
    first_problem = cohort.invalid[0].errors[0]
    assert "more than one submission for 2026/27: also in elsewhere/beta.yaml" in (
        first_problem.message
    )
    assert f"also in {first.source}" in cohort.invalid[1].errors[0].message
    assert cohort.files == 4 and cohort.graded == 2
    assert cohort.warnings == [
        "the cohort spans 2 periods (2025/26, 2026/27); its statistics mix them"
    ]


def test_other_frameworks_and_unreadable_files_are_listed(mini: Framework) -> None:
    stranger = ALPHA.model_copy(update={"framework": "wcc@2009", "code": "W01"})
    unreadable = InvalidSubmission(
        file="bad.yaml", errors=[Diagnostic(file="bad.yaml", line=3, column=5, message="boom")]
    )
    cohort = build_cohort([unreadable, BETA, stranger], mini, OPTIONS)
    assert [e.code for e in cohort.league] == ["B01"]
    assert [item.file for item in cohort.invalid] == ["a01-2026-27.yaml", "bad.yaml"]
    assert "graded against wcc@2009, but the cohort is graded against mini@1" in (
        cohort.invalid[0].errors[0].message
    )
    assert cohort.invalid[1].errors[0].format() == "bad.yaml:3:5: error: boom"
    assert cohort.files == 3


def test_improvement_ranking_by_hand(mini: Framework) -> None:
    new = org("New Trust", "N01", 2.0, [domain("A", 2, 2.0), domain("B", 2, 2.0)])
    baseline = [
        org(
            "Alpha Trust",
            "A01",
            2.0,
            [domain("A", 2, 2.0), domain("B", 2, 2.0)],
            period="2025/26",
            band="Developing",
        ),
        org(
            "Alpha Trust", "A01", 1.0, [domain("A", 1, 1.0), domain("B", 1, 1.0)], period="2024/25"
        ),  # older: not the one compared with
        org(
            "Beta Trust",
            "b01",
            2.75,
            [domain("A", 3, 3.0), domain("B", 2, 2.5)],
            period="2025/26",
            band="Strong",
        ),
        org(
            "Gamma Trust",
            "G01",
            1.0,
            [domain("A", 1, 1.0), domain("B", 1, 1.0)],
            period="2025/26",
            band="Weak",
        ),
        org("Gone Trust", "Z01", 1.5, [domain("A", 1, 1.5), domain("B", 2, 1.5)], period="2025/26"),
    ]
    cohort = build_cohort([ALPHA, BETA, GAMMA, new], mini, OPTIONS, baseline=baseline)
    base = cohort.baseline
    assert base is not None
    assert base.periods == ["2024/25", "2025/26"] and base.matched == 3
    rows = [
        (
            r.rank,
            r.code,
            r.baseline_period,
            r.baseline_score,
            r.score,
            r.change,
            r.domains_up,
            r.domains_down,
        )
        for r in base.ranking
    ]
    assert rows == [
        (1, "A01", "2025/26", 2.0, 2.5, 0.5, 1, 1),  # A 2->3 up, B 2->1 down
        (2, "G01", "2025/26", 1.0, 1.25, 0.25, 0, 0),  # B no longer assessed: not counted
        (3, "B01", "2025/26", 2.75, 2.5, -0.25, 0, 1),  # matched although b01 in lower case
    ]
    assert base.ranking[0].baseline_band == "Developing" and base.ranking[0].band == "Strong"
    assert [ref.code for ref in base.new] == ["N01"]
    assert [ref.code for ref in base.missing] == ["Z01"]


def test_equal_changes_share_a_rank_and_unscored_come_last(mini: Framework) -> None:
    now = [
        org("One", "O1", 2.0, [domain("A", 2, 2.0)]),
        org("Two", "O2", 3.0, [domain("A", 3, 3.0)]),
        org("Three", "O3", None, [domain("A", None, None)]),
    ]
    before = [
        org("One", "O1", 1.5, [domain("A", 1, 1.5)], period="2025/26"),
        org("Two", "O2", 2.5, [domain("A", 2, 2.5)], period="2025/26"),
        org("Three", "O3", 2.0, [domain("A", 2, 2.0)], period="2025/26"),
    ]
    base = build_cohort(now, mini, OPTIONS, baseline=before).baseline
    assert base is not None
    assert [(r.rank, r.organisation, r.change) for r in base.ranking] == [
        (1, "One", 0.5),
        (1, "Two", 0.5),
        (None, "Three", None),
    ]


def test_invalid_baseline_files_are_marked(mini: Framework) -> None:
    broken = InvalidSubmission(
        file="last/bad.yaml", errors=[Diagnostic(file="last/bad.yaml", message="boom")]
    )
    cohort = build_cohort([BETA], mini, OPTIONS, baseline=[broken])
    assert [(item.file, item.baseline) for item in cohort.invalid] == [("last/bad.yaml", True)]
    assert cohort.files == 1  # baseline files are not the cohort's


def test_summarise_a_scored_result(mini: Framework) -> None:
    data = mini_submission(
        A_2={"level": 3, "evidence": evidence(2)}, B_1={"level": 2, "evidence": []}
    )
    data["targets"] = {"default": 2}
    result = score(
        mini, Submission.model_validate(data), ScoreOptions(generated_at="x", source="t01.yaml")
    )
    summary = summarise(result)
    # A: (1*2 + 3*3 + 1*2) / 5 = 2.6, level 2; B: B.1 capped to 1 -> (1 + 2) / 2 = 1.5, level 1.
    assert [(d.id, d.level, d.score, d.status) for d in summary.domains] == [
        ("A", 2, 2.6, MET),
        ("B", 1, 1.5, BELOW),
    ]
    # Overall (2 * 2.6 + 1 * 1.5) / 3 = 2.2333 -> 2.23; percent 41.1. The band follows the
    # levels: B is at 1, so not every domain is at 2 -> Weak, the first band.
    assert (summary.score, summary.percent, summary.band) == (2.23, 41.1, "Weak")
    assert [(c.level, c.count) for c in summary.profile] == [(4, 0), (3, 0), (2, 1), (1, 1)]
    assert (summary.competency_total, summary.governance_points) == (3, None)
    assert (summary.basis, summary.draft, summary.domains_not_evidenced) == (
        Basis.SELF_ASSESSED,
        True,
        0,
    )
    assert (summary.domains_met, summary.domains_below, summary.capped) == (1, 1, 1)
    assert (summary.gate, summary.source, summary.code) == (GateStatus.FAILED, "t01.yaml", "T01")
    assert summary.framework == "mini@1"
    assert build_cohort([result], mini, OPTIONS).league[0].score == 2.23


def test_a_cohort_says_when_it_compares_unlike_with_unlike(mini: Framework) -> None:
    """Organisations graded on different bases, and a year-on-year change of basis."""
    now = [
        org("Ash", "A01", 2.0, [domain("A", 2, 2.0), domain("B", 2, 2.0)]).model_copy(
            update={"basis": Basis.PANEL_DOMAINS}
        ),
        org("Birch", "B01", 2.0, [domain("A", 2, 2.0), domain("B", 2, 2.0)]).model_copy(
            update={"basis": Basis.SELF_ASSESSED}
        ),
    ]
    before = [
        org(
            "Ash", "A01", 3.0, [domain("A", 3, 3.0), domain("B", 3, 3.0)], period="2025/26"
        ).model_copy(update={"basis": Basis.SELF_ASSESSED})
    ]
    cohort = build_cohort(now, mini, OPTIONS, baseline=before)
    assert cohort.warnings == [
        "Ash (A01): 2025/26 was self-assessed, 2026/27 panel-rated at domain level; part of "
        "its change is the change of basis",
        "the cohort mixes bases (1 self-assessed, 1 panel-rated at domain level): its league "
        "and statistics compare unlike with unlike",
    ]
    assert cohort.baseline is not None
    [ash] = cohort.baseline.ranking
    assert (ash.baseline_basis, ash.basis) == (Basis.SELF_ASSESSED, Basis.PANEL_DOMAINS)
    text = COHORT.render(cohort, CohortFormat.MARKDOWN)
    assert "-1.00 (basis changed: self → panel (domains))" in text

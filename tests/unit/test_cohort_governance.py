"""Governance across a cohort: per-area counts, green and red on every area, by hand."""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from tests.conftest import DATA
from tests.unit.test_cohort import OPTIONS, domain, org
from wcc_assess.core.cohort import CohortOptions, build_cohort, summarise
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.models.assurance import Rag
from wcc_assess.models.cohort import CohortResult, OrganisationSummary
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import Submission
from wcc_assess.render import COHORT as COHORT_FAMILY
from wcc_assess.render import CohortFormat

GREEN, AMBER, RED = Rag.GREEN, Rag.AMBER, Rag.RED


@pytest.fixture(scope="module")
def framework() -> Framework:
    data = yaml.safe_load((DATA / "frameworks" / "mini-assurance.yaml").read_text())
    return Framework.model_validate(data)


def rated(name: str, code: str, governance: dict[str, Rag | None] | None) -> OrganisationSummary:
    summary = org(
        name, code, 2.0, [domain("A", 2, 2.0), domain("B", 2, 2.0)], framework="mini-assurance@1"
    )
    return summary.model_copy(update={"governance": governance})


COHORT = [
    rated("Pine", "P01", {"G": GREEN, "H": GREEN}),  # green on both
    rated("Quince", "Q01", {"G": RED, "H": RED}),  # red on both
    rated("Rowan", "R01", {"G": GREEN, "H": RED}),
    rated("Sorrel", "S01", {"G": AMBER, "H": None}),  # H not assessed
    rated("Teasel", "T01", None),  # did not rate governance
]


@pytest.fixture(scope="module")
def cohort(framework: Framework) -> CohortResult:
    return build_cohort(COHORT, framework, OPTIONS)


def test_governance_distribution_by_hand(cohort: CohortResult) -> None:
    gov = cohort.governance
    assert gov is not None
    assert (gov.organisations, gov.without) == (4, 1)
    assert [(a.id, a.title, a.green, a.amber, a.red, a.not_assessed) for a in gov.areas] == [
        ("G", "Gee", 2, 1, 1, 0),  # Pine, Rowan green; Sorrel amber; Quince red
        ("H", "Aitch", 1, 0, 2, 1),  # Pine green; Quince, Rowan red; Sorrel not assessed
    ]
    assert (gov.all_green, gov.all_red) == (1, 1)  # Pine; Quince


def test_no_governance_when_nobody_rated_it(framework: Framework) -> None:
    assert build_cohort([COHORT[-1]], framework, OPTIONS).governance is None
    without = framework.model_copy(update={"governance": None})
    assert build_cohort(COHORT[:1], without, OPTIONS).governance is None


def test_summarise_keeps_the_area_ratings(framework: Framework) -> None:
    from tests.unit.test_assurance import governance, submission

    data = submission(governance=governance(g1="amber", h2="red", h3={"not_assessed": "x"}))
    data["framework"] = "mini-assurance"
    result = score(framework, Submission.model_validate(data), ScoreOptions(generated_at="x"))
    assert summarise(result).governance == {"G": AMBER, "H": RED}
    assert summarise(result.model_copy(update={"governance": None})).governance is None


def test_reports_show_the_distribution(cohort: CohortResult) -> None:
    markdown = COHORT_FAMILY.render(cohort, CohortFormat.MARKDOWN)
    assert "## Governance across the cohort" in markdown
    assert (
        "4 organisations rated governance; 1 green on both areas, 1 red on both areas; 1 did "
        "not rate governance." in markdown
    )
    assert "| Gee | 2 | 1 | 1 | 0 |" in markdown
    table = COHORT_FAMILY.render(cohort, CohortFormat.TABLE)
    assert "Governance across the cohort" in table and "Aitch" in table
    html = COHORT_FAMILY.render(cohort, CohortFormat.HTML)
    assert '<h2 id="governance">Governance across the cohort</h2>' in html
    assert '<tr><th scope="row">Green on every area</th><td class="num">1</td>' in html
    rows = list(csv.DictReader(io.StringIO(COHORT_FAMILY.render(cohort, CohortFormat.CSV))))
    by_code = {row["code"]: row for row in rows}
    assert (by_code["R01"]["governance_G"], by_code["R01"]["governance_H"]) == ("green", "red")
    assert (by_code["S01"]["governance_H"], by_code["T01"]["governance_G"]) == ("", "")
    assert COHORT_FAMILY.render(cohort, CohortFormat.JSON).count('"governance"') == 1 + 5


def test_reports_without_governance_say_nothing_of_it(framework: Framework) -> None:
    cohort = build_cohort([COHORT[-1]], framework, OPTIONS)
    for fmt in (CohortFormat.MARKDOWN, CohortFormat.TABLE, CohortFormat.HTML):
        assert "Governance" not in COHORT_FAMILY.render(cohort, fmt)
    assert "governance_" not in COHORT_FAMILY.render(cohort, CohortFormat.CSV)


# The league in HSJ order: governance points first, then the competency total.
def _hsj(
    name: str, code: str, score: float, levels: tuple[int, int], points: int | None
) -> OrganisationSummary:
    summary = org(
        name,
        code,
        score,
        [domain("A", levels[0], float(levels[0])), domain("B", levels[1], float(levels[1]))],
        framework="mini-assurance@1",
    )
    ratings = {"G": GREEN, "H": GREEN} if points is not None else None  # not what gives points
    update = {"governance": ratings, "governance_points": points, "competency_total": sum(levels)}
    return summary.model_copy(update=update)


def test_governance_first_ranks_by_points_then_the_competency_total(framework: Framework) -> None:
    from wcc_assess.models.cohort import RankBy

    orgs = [
        _hsj("Ash", "A01", 3.5, (4, 3), 1),  # the best score, but 1 governance point
        _hsj("Birch", "B01", 2.0, (2, 2), 4),  # the most points
        _hsj("Cedar", "C01", 3.0, (3, 3), 2),  # 2 points, total 6
        _hsj("Dogwood", "D01", 2.5, (3, 2), 2),  # 2 points, total 5
        _hsj("Elm", "E01", 3.0, (3, 3), 2),  # ties with Cedar
        _hsj("Fir", "F01", 4.0, (4, 4), None),  # did not rate governance: after the rest
    ]
    options = CohortOptions(generated_at="x", rank_by=RankBy.GOVERNANCE_FIRST)
    league = build_cohort(orgs, framework, options).league
    assert [(e.rank, e.organisation) for e in league] == [
        (1, "Birch"),
        (2, "Cedar"),
        (2, "Elm"),
        (4, "Dogwood"),
        (5, "Ash"),
        (6, "Fir"),
    ]
    # Today's ranking, by mean score, is kept beside it.
    assert {e.organisation: e.score_rank for e in league} == {
        "Fir": 1,
        "Ash": 2,
        "Cedar": 3,
        "Elm": 3,
        "Dogwood": 5,
        "Birch": 6,
    }
    by_score = build_cohort(orgs, framework, OPTIONS).league
    assert [e.organisation for e in by_score] == ["Fir", "Ash", "Cedar", "Elm", "Dogwood", "Birch"]
    assert by_score[0].governance_rank == 6 and by_score[-1].governance_rank == 1
    table = COHORT_FAMILY.render(build_cohort(orgs, framework, options), CohortFormat.MARKDOWN)
    assert "| HSJ rank | Organisation | Code | Band | Governance points | Domain total |" in table
    assert "Governance first, as the Health Service Journal ranked WCC" in table
    csv_text = COHORT_FAMILY.render(build_cohort(orgs, framework, options), CohortFormat.CSV)
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(csv_text))}
    assert (rows["B01"]["governance_points"], rows["B01"]["governance_rank"]) == ("4", "1")
    assert rows["B01"]["score_rank"] == "6"


def test_the_cli_spells_the_league_orders_of_the_model() -> None:
    from wcc_assess.cli.cohort import RANK_ORDERS
    from wcc_assess.models.cohort import RankBy

    assert RANK_ORDERS == tuple(order.value for order in RankBy)

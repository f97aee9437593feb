"""Governance across a cohort: per-area counts, green and red on every area, by hand."""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from tests.conftest import DATA
from tests.unit.test_cohort import OPTIONS, domain, org
from wcc_assess.core.cohort import build_cohort, summarise
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

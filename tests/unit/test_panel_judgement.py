"""Issue 13: a judgement an assurance panel would sign.

The headline (no composite band for WCC; bands from domain levels elsewhere), the panel's
ratings of whole domains with reasons, panel levels that stand above the evidence rules
(flagged), evidence tabled at the panel and checked, lines of enquiry, declared interests,
sign-off and the draft mark, the not-evidenced status, and what each year was graded on.
Every expectation is worked out by hand in the comments.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.annual_data import framework_ids, wcc_submission
from tests.conftest import EXAMPLES, MINI, evidence, mini_submission
from wcc_assess.core.panel import basis_of, interest_match, name_variants
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import InputError
from wcc_assess.io.yamlsafe import parse_yaml_data
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import Basis, DomainStatus, GateStatus, Result
from wcc_assess.models.submission import Submission
from wcc_assess.render import AssessFormat, render
from wcc_assess.render._words import headline_text, profile_text, target_summary
from wcc_assess.usecases.frameworks import resolve_framework
from wcc_assess.usecases.submissions import load_submission

ASSURANCE = EXAMPLES / "westmarsh-2026-27-assurance.yaml"
RECENT = "2026-01-10"


def mini() -> Framework:
    return Framework.model_validate(yaml.safe_load(MINI.read_text()))


def run(data: dict[str, Any], fw: Framework | None = None, **options: Any) -> Result:
    return score(
        fw or mini(),
        Submission.model_validate(data),
        ScoreOptions(generated_at="2026-01-01T00:00:00Z", **options),
    )


def rated(level: int, items: int = 0, **extra: Any) -> dict[str, Any]:
    return {"level": level, "evidence": evidence(items, date=RECENT), **extra}


def with_panel(data: dict[str, Any], **panel: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["panel"] = {
        "date": "2026-11-18",
        "members": [{"name": "Ann Expert", "role": "Independent expert"}],
        **panel,
    }
    return data


# The headline --------------------------------------------------------------------------


def _every_domain_at_2_with_high_indicators(framework_file: Path | None = None) -> dict[str, Any]:
    """Every indicator at 4 but the last of each domain, at 2: every domain at level 2."""
    ids = framework_ids(framework_file) if framework_file else framework_ids()
    levels = {indicator: 4 for indicators in ids.values() for indicator in indicators}
    levels |= {indicators[-1]: 2 for indicators in ids.values()}
    return levels


def test_probe_every_competency_at_2_reads_no_band_above_level_2() -> None:
    """The reviewer's first probe: three indicators at 4 and one at 2 in each competency
    once printed "World class, 3.45 (81.8%)". The headline now says what the levels say."""
    framework = resolve_framework("wcc")
    result = run(wcc_submission(_every_domain_at_2_with_high_indicators()), framework)
    assert [d.level for d in result.domains] == [2] * 11
    # The mean is high (each domain (4(n-1) + 2) / n, e.g. 3.5 for four indicators) ...
    assert result.overall.score is not None and result.overall.score > 3.2
    assert result.overall.percent is not None and result.overall.percent > 73
    # ... but WCC has no composite band, and the headline is the profile of levels.
    assert result.overall.band is None
    assert headline_text(result) == "11 competencies at level 2"
    for fmt in (AssessFormat.MARKDOWN, AssessFormat.HTML, AssessFormat.TABLE):
        text = render(result, fmt)
        assert "World class" not in text.split("The scale")[0]  # only in the scale's table
        assert "Strong" not in text
        assert "11 competencies at level 2" in text


def test_probe_every_stage_at_2_is_no_higher_than_every_stage_at_2_means() -> None:
    """The same probe in a framework that keeps bands (bs11000): its band follows levels."""
    framework = resolve_framework("bs11000")
    ids = {d.id: [i.id for i in d.indicators] for d in framework.domains}
    levels = {i: 4 for indicators in ids.values() for i in indicators}
    levels |= {indicators[-1]: 2 for indicators in ids.values()}
    data = _bs11000_submission(framework, levels)
    result = run(data, framework)
    assert [d.level for d in result.domains] == [2] * 8
    assert result.overall.percent is not None and result.overall.percent > 70
    # "Emerging": every stage at least Defined (2), no more than half Embedded (3).
    assert result.overall.band == "Emerging"
    assert headline_text(result) == "Emerging: 8 stages at level 2"


def _bs11000_submission(framework: Framework, levels: dict[str, int]) -> dict[str, Any]:
    return {
        "framework": "bs11000",
        "organisation": {"name": "Kestrel Vale ICB", "code": "Q9K"},
        "period": "2026/27",
        "assessed_on": "2026-10-01",
        "domains": {
            domain.id: {
                i.id: {
                    "level": levels.get(i.id, 2),
                    "evidence": [
                        {
                            "title": f"{i.id} {n}",
                            "ref": f"{i.id}-{n}",
                            "date": "2026-06-01",
                            # the kinds BS 11000's rules ask for at levels 3 and 4
                            "kind": ("plan", "decision", "result", "partner-view")[n % 4],
                        }
                        for n in range(levels.get(i.id, 2))
                    ],
                }
                for i in domain.indicators
            }
            for domain in framework.domains
        },
    }


def test_probe_westmarsh_headline_is_true_of_westmarsh() -> None:
    """The second probe: Westmarsh 2026/27 with a panel once read "OVERALL RATING Strong"
    while only 3 of 11 competencies were at 3 and finance was red."""
    loaded = load_submission(ASSURANCE)
    result = score(loaded.framework, loaded.submission, ScoreOptions(generated_at="x"))
    levels = {d.id: d.level for d in result.domains}
    # By hand: C2, C3 and C4 at 3 (C4 the panel's rating), the other eight at 2 (C1 the
    # panel's rating of the whole competency; its calculated level is 1).
    assert [k for k, v in levels.items() if v == 3] == ["C2", "C3", "C4"]
    assert sum(v == 2 for v in levels.values()) == 8
    assert profile_text(result.overall, result.framework.terms) == (
        "3 competencies at level 3, 8 at level 2"
    )
    assert result.overall.band is None and result.overall.band_meaning is None
    html = render(result, AssessFormat.HTML)
    assert "Overall rating" not in html and "Strong" not in html
    assert "3 competencies at level 3, 8 at level 2" in html
    # The governance and outcome elements sit beside it, never folded into it.
    scorecard = html.split('<section id="scorecard"', 1)[1].split("</section>", 1)[0]
    assert "Finance" in scorecard and "Red" in scorecard and "6 of 10" in scorecard


def test_the_mean_score_is_explained_in_every_format() -> None:
    loaded = load_submission(ASSURANCE)
    result = score(loaded.framework, loaded.submission, ScoreOptions(generated_at="x"))
    said = "52.6% of the way from level 1 to level 4"
    for fmt in (AssessFormat.MARKDOWN, AssessFormat.HTML, AssessFormat.TABLE):
        assert said in " ".join(render(result, fmt).split()), fmt
    assert said.replace("%", "%25") in render(result, AssessFormat.GITHUB)
    junit = render(result, AssessFormat.JUNIT)
    assert 'name="mean_percent" value="52.6"' in junit


# Panel judgement: levels that stand, ratings of whole domains -----------------------------


def test_a_panel_level_above_the_evidence_rules_stands_and_is_flagged() -> None:
    # Level 3 needs 2 items, at least 1 recent; the panel accepted level 3 on one item.
    data = mini_submission(A_1=rated(2, 1, panel_level=3, panel_note="Seen on the day."))
    a1 = run(data).domain("A").indicators[0]
    assert (a1.claimed_level, a1.panel_level, a1.supported_level) == (2, 3, 2)
    assert a1.effective_level == 3 and not a1.capped and a1.cap is None
    flag = a1.panel_over_rule
    assert flag is not None
    assert (flag.rule_level, flag.min_items, flag.counted, flag.supported_level) == (3, 2, 1, 2)
    assert flag.message == (
        "accepted by the panel at level 3 with 1 counted item where the rule asks for 2; "
        "the evidence rules alone support level 2"
    )
    result = run(data)
    assert result.panel is not None and result.panel.over_rule == ["A.1"]


def test_a_panel_level_short_of_recent_evidence_is_flagged_in_words() -> None:
    old = {"level": 2, "evidence": evidence(2, date="2020-01-01"), "panel_level": 3}
    flag = run(mini_submission(A_1=old)).domain("A").indicators[0].panel_over_rule
    assert flag is not None
    assert flag.message == (
        "accepted by the panel at level 3 with 0 recent where the rule asks for 1 dated on or "
        "after 2024-10-01; the evidence rules alone support level 2"
    )


def test_a_panel_rating_of_a_whole_domain_is_its_level_beside_the_calculated_one() -> None:
    # B.1 at 1 holds B at 1 (all-met); the panel rates B as a whole at 2, with reasons.
    data = with_panel(
        mini_submission(B_1=rated(1)),
        ratings={"B": {"level": 2, "rationale": "One weak indicator does not make B level 1."}},
    )
    result = run(data, target=2)
    b = result.domain("B")
    assert (b.level, b.calculated_level, b.status) == (2, 1, DomainStatus.MET)
    assert b.panel_rating is not None
    assert (b.panel_rating.level, b.panel_rating.difference) == (2, 1)
    assert b.panel_rating.rationale == "One weak indicator does not make B level 1."
    assert b.limited_by == ["B.1"]  # what holds the calculated level down
    assert b.basis is Basis.PANEL_DOMAINS and result.basis is Basis.PANEL_DOMAINS
    assert result.gate.status is GateStatus.PASSED
    assert result.panel is not None and (
        result.panel.domains_rated,
        result.panel.domains_changed,
    ) == (1, 1)


def test_a_panel_rating_below_target_says_whose_level_it_is() -> None:
    data = with_panel(
        mini_submission(), ratings={"A": {"level": 1, "rationale": "Practice is not in place."}}
    )
    result = run(data, target=2)
    [failure] = result.gate.failures
    assert failure.message == (
        "A Alpha is at level 1, the panel's rating (calculated 2), below its target of 2"
    )


def _errors(write_yaml: Any, data: dict[str, Any]) -> list[str]:
    path = write_yaml(data)
    with pytest.raises(InputError) as caught:
        load_submission(path, mini())
    return [
        f"{d.line}:{d.column} {d.path}: {d.message}" + (f" ({d.hint})" if d.hint else "")
        for d in caught.value.diagnostics
    ]


def test_a_domain_rating_without_a_rationale_is_an_error_at_its_line(write_yaml: Any) -> None:
    data = with_panel(mini_submission(), ratings={"A": {"level": 2}})
    [error] = _errors(write_yaml, data)
    path = write_yaml(data)
    lines = path.read_text().splitlines()
    line = int(error.split(":")[0])
    assert lines[line - 1].strip().startswith("A:")
    assert error.endswith("panel.ratings.A: the field 'rationale' is required")


def test_bad_panel_ratings_are_located(write_yaml: Any) -> None:
    data = mini_submission()
    data["domains"]["B"] = {"not_assessed": "merged"}
    data = with_panel(
        data,
        ratings={
            "A": {"level": 7, "rationale": " "},
            "B": {"level": 2, "rationale": "r"},
            "Z": {"level": 2, "rationale": "r"},
        },
        enquiries=[{"domain": "Q", "question": "q", "response": "a", "by": "CEO"}],
        sign_off={"by": "Ann Expert", "on": "2026-11-01"},
    )
    found = [error.split(" ", 1)[1] for error in _errors(write_yaml, data)]
    assert "panel.ratings.A.level: 7 is not on the scale (a whole number from 1 to 4)" in found
    assert (
        "panel.ratings.B: the panel rates B, which the submission marks not_assessed (the "
        "panel rates a domain the organisation assessed: remove the rating, or assess B)"
    ) in found
    assert "panel.ratings.Z: unknown domain 'Z' (expected one of A, B)" in found
    assert (
        "panel.enquiries item 1.domain: unknown domain or governance area 'Q' "
        "(expected one of A, B)" in found
    )
    assert (
        "panel.sign_off.on: signed off on 2026-11-01, before the panel sat on 2026-11-18 (a "
        "panel signs off its judgement on or after the panel day)"
    ) in found


def test_an_empty_rationale_is_an_error(write_yaml: Any) -> None:
    data = with_panel(mini_submission(), ratings={"A": {"level": 2, "rationale": ""}})
    [error] = _errors(write_yaml, data)
    assert error.endswith("panel.ratings.A.rationale: must not be empty")


# Evidence: tabled at the panel, checked ---------------------------------------------------


def test_evidence_up_to_the_panel_day_counts_once_a_panel_has_sat() -> None:
    late = {"title": "Winter plan", "ref": "BP-98", "date": "2026-11-05"}
    after = {"title": "Spring review", "ref": "BP-12", "date": "2026-12-01"}
    rating = {"level": 2, "evidence": [late, after]}
    without = run(mini_submission(A_1=rating)).domain("A").indicators[0]
    assert [e.counted for e in without.evidence] == [False, False]  # after 2026-10-01
    assert without.effective_level == 1  # nothing counted: capped
    sat = run(with_panel(mini_submission(A_1=rating)))
    a1 = sat.domain("A").indicators[0]
    assert [(e.counted, e.tabled) for e in a1.evidence] == [(True, True), (False, False)]
    assert a1.evidence[0].note == "tabled at the panel on 2026-11-18"
    assert a1.evidence[1].note == "dated after the panel day (2026-11-18); not counted"
    assert a1.effective_level == 2 and a1.evidence[0].recent
    assert sat.warnings == [
        "A.1: evidence 'Spring review' is dated 2026-12-01, after the panel day 2026-11-18; "
        "it was not counted"
    ]
    assert sat.panel is not None and sat.panel.evidence_tabled == 1


def test_the_share_of_counted_evidence_checked_per_domain() -> None:
    checked = {"by": "Ann Expert", "on": "2026-11-10"}
    items = evidence(3, date=RECENT)
    items[0]["checked"] = checked
    items[2]["checked"] = checked
    data = with_panel(mini_submission(A_1={"level": 3, "evidence": items}))
    result = run(data)
    a = result.domain("A")
    # A.1: 3 items, 2 checked; A.2 and A.3: 1 item each, unchecked -> 2 of 5.
    assert (a.evidence_checked, a.evidence_counted) == (2, 5)
    assert result.domain("B").evidence_checked == 0
    assert result.panel is not None
    assert (result.panel.evidence_checked, result.panel.evidence_counted) == (2, 7)
    first = a.indicators[0].evidence[0]
    assert (first.checked_by, str(first.checked_on)) == ("Ann Expert", "2026-11-10")
    assert "Evidence checked: 2 of the 5 items counted (40%)." in render(
        result, AssessFormat.MARKDOWN
    )


# Declared interests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "text", "found"),
    [
        ("NHS Fenreach ICB", "Letter from NHS Fenreach ICB adopting the model", "NHS Fenreach ICB"),
        ("NHS Fenreach ICB", "letter from nhs  fenreach icb.", "NHS Fenreach ICB"),
        ("NHS Fenreach ICB", "NHS Fenreach Integrated Care Board: board paper", "NHS Fenreach ICB"),
        (
            "NHS Fenreach Integrated Care Board",
            "Fenreach ICB letter",
            "Fenreach Integrated Care Board",  # the declaration, as declared
        ),
        ("NHS Fenreach ICB", "Fenreach ICB letter", "Fenreach ICB"),
        (
            "Westmarsh County Council",
            "Westmarsh County Council cabinet report",
            "Westmarsh County Council",
        ),
        ("Smith & Jones LLP", "Review by Smith and Jones LLP", "Smith & Jones LLP"),
        ("NHS Fenreach ICB", "Fenreach Community Trust annual report", None),
        ("NHS Fenreach ICB", "NHS Fenreach ICBs joint letter", None),  # whole words only
        ("NHS Fenreach ICB", "NHS Eastholme ICB letter", None),
        ("Westmarsh County Council", "https://westmarsh-council.example.gov.uk/jsna", None),
        ("ICB", "Letter from NHS Fenreach ICB", None),  # names no one in particular
        ("NHS England", "NHS England regional review", "NHS England"),
        ("NHS England", "England cricket", None),  # never matched without NHS: one word left
    ],
)
def test_interest_matching(declared: str, text: str, found: str | None) -> None:
    assert interest_match(declared, text) == found


def test_a_generic_declaration_names_no_one_and_is_warned_of() -> None:
    assert name_variants("NHS Trust") == [] and name_variants("ICB") == []
    data = with_panel(mini_submission())
    data["panel"]["members"][0]["interests"] = ["ICB"]
    result = run(data)
    assert any("names no organisation in particular" in w for w in result.warnings)


def test_a_members_interest_found_in_the_evidence_of_a_domain_is_flagged() -> None:
    items = [{"title": "Letter from NHS Fenreach ICB", "ref": "BP-58", "date": RECENT}]
    data = with_panel(mini_submission(B_2={"level": 2, "evidence": items}))
    data["panel"]["members"].append(
        {"name": "Dr Rao", "role": "Clinician", "interests": ["NHS Fenreach ICB"]}
    )
    result = run(data)
    [flag] = result.domain("B").interests
    assert (flag.member, flag.domain, flag.indicator, flag.matched) == (
        "Dr Rao",
        "B",
        "B.2",
        "NHS Fenreach ICB",
    )
    assert result.domain("A").interests == []
    assert result.panel is not None and result.panel.interests == [flag]


def test_the_example_flags_its_clinicians_interest() -> None:
    loaded = load_submission(ASSURANCE)
    result = score(loaded.framework, loaded.submission, ScoreOptions(generated_at="x"))
    assert result.panel is not None
    [flag] = result.panel.interests
    assert (flag.member, flag.interest, flag.domain, flag.indicator) == (
        "Dr Sunita Rao",
        "NHS Fenreach ICB",
        "C4",
        "C4.1",
    )
    assert flag.evidence.startswith("Letter from NHS Fenreach ICB")
    assert result.domain("C4").indicators[0].claimed_level == 4  # the level-4 claim


# Sign-off, draft, board approval, enquiries, governance areas -----------------------------


def test_until_signed_off_every_report_says_draft() -> None:
    draft = run(with_panel(mini_submission()))
    assert draft.draft is True
    signed = run(with_panel(mini_submission(), sign_off={"by": "Ann Expert", "on": "2026-11-25"}))
    assert signed.draft is False and signed.panel is not None and signed.panel.sign_off is not None
    for fmt in (AssessFormat.MARKDOWN, AssessFormat.HTML, AssessFormat.TABLE, AssessFormat.GITHUB):
        assert "Draft: not signed off by an assurance panel" in render(draft, fmt), fmt
        # (A board paper's own status, "Draft" or "Final", is the author's, not the panel's.)
        assert "Draft: not signed off" not in render(signed, fmt), fmt
        assert "Signed off by Ann Expert on 25 November 2026" in render(signed, fmt), fmt
    junit = render(draft, AssessFormat.JUNIT)
    assert 'name="draft" value="true"' in junit
    assert run(mini_submission()).draft is True  # no panel at all: a draft too


def test_a_sign_off_by_someone_not_on_the_panel_is_warned_of() -> None:
    result = run(with_panel(mini_submission(), sign_off={"by": "Bob", "on": "2026-11-25"}))
    assert (
        "panel: the judgement was signed off by Bob, who is not listed among the panel's members"
        in result.warnings
    )


def test_board_approval_and_enquiries_are_recorded() -> None:
    data = with_panel(
        mini_submission(),
        enquiries=[{"domain": "A", "question": "Why?", "response": "Because.", "by": "CEO"}],
    )
    data["board_approved_on"] = "2026-10-08"
    result = run(data)
    assert str(result.board_approved_on) == "2026-10-08"
    assert result.panel is not None
    assert [(e.domain, e.by) for e in result.panel.enquiries] == [("A", "CEO")]
    markdown = render(result, AssessFormat.MARKDOWN)
    assert "the board approved the self-assessment on 8 October 2026" in markdown
    assert "- Line of enquiry: Q: Why? A (CEO): Because." in markdown


def test_a_panel_rating_of_a_governance_area_counts_beside_the_rules(write_yaml: Any) -> None:
    loaded = load_submission(ASSURANCE)
    data = parse_yaml_data(ASSURANCE.read_text(encoding="utf-8"))
    data["panel"]["governance"] = {
        "board": {"rating": "red", "rationale": "Two interim executives and no plan to recruit."}
    }
    result = score(
        loaded.framework,
        Submission.model_validate(data),
        ScoreOptions(generated_at="x", fail_on_red=True),
    )
    assert result.governance is not None
    board = result.governance.areas[2]
    assert (board.rule_rating, board.panel_rating, board.rating, board.points) == (
        "amber",
        "red",
        "red",
        0,
    )
    messages = [f.message for f in result.gate.failures if f.domain == "board"]
    assert messages == [
        "Board governance (board) is rated red by the panel (by the rule, amber): Two interim "
        "executives and no plan to recruit."
    ]


# Not evidenced ----------------------------------------------------------------------------


def test_kestrel_vale_probe_a_stage_not_assessed_is_not_counted_as_met() -> None:
    """The reviewer's probe: with S4 not assessed, the report once read "every domain with a
    target meets it (7 of 7)"."""
    data = parse_yaml_data((EXAMPLES / "bs11000-kestrel-vale.yaml").read_text(encoding="utf-8"))
    data["domains"]["S4"] = {"not_assessed": "the provider selection is being re-run"}
    framework = resolve_framework("bs11000")
    result = run(data, framework)
    assert result.domain("S4").status is DomainStatus.NOT_EVIDENCED
    assert result.gate.status is GateStatus.FAILED
    assert target_summary(result) == ("7 of 8 stages with a target meet it; 1 is not evidenced: S4")
    for fmt in AssessFormat:
        text = render(result, fmt)
        assert "every stage with a target meets it" not in text.lower(), fmt
        assert "(7 of 7)" not in text and "8 of 8" not in text, fmt


def test_not_evidenced_may_be_allowed_by_the_command_line_or_the_framework() -> None:
    data = mini_submission()
    data["domains"]["B"] = {"not_assessed": "x"}
    by_option = run(data, target=2, allow_not_evidenced=True)
    assert by_option.gate.status is GateStatus.PASSED
    assert by_option.gate.not_evidenced_allowed_by == "--allow-not-evidenced"
    assert by_option.domain("B").status is DomainStatus.NOT_EVIDENCED  # still a gap
    assert target_summary(by_option) == (
        "1 of 2 domains with a target meets it; 1 is not evidenced (allowed): B"
    )
    framework = mini()
    lenient = framework.model_copy(
        update={"scoring": framework.scoring.model_copy(update={"allow_not_evidenced": True})}
    )
    by_framework = run(data, lenient, target=2)
    assert by_framework.gate.status is GateStatus.PASSED
    assert by_framework.gate.not_evidenced_allowed_by == "framework"
    assert any("allowed by the framework, not counted as met" in w for w in by_framework.warnings)


# The basis of each year ------------------------------------------------------------------


def test_the_basis_of_a_grading() -> None:
    assert run(mini_submission()).basis is Basis.SELF_ASSESSED
    moderated = run(mini_submission(A_1=rated(2, 1, panel_level=2)))
    assert moderated.basis is Basis.PANEL_INDICATORS
    assert moderated.domain("A").basis is Basis.PANEL_INDICATORS
    assert moderated.domain("B").basis is Basis.SELF_ASSESSED
    old = moderated.model_copy(update={"basis": None})  # a result before schema 1.5
    assert basis_of(old) is Basis.PANEL_INDICATORS

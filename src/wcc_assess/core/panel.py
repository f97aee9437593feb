"""The panel's judgement: product contract §2 rules 3-4 and §6 (confirm and challenge).

A panel confirms and challenges the self-assessment. What it does is a judgement, which the
evidence rules inform but never overrule:

- its **rating of a whole domain**, with a rationale, is the domain's level; the level the
  method calculates from the indicators stays beside it, and the difference is shown;
- its **indicator levels** stand (see :mod:`.evidence`), flagged where the rules alone
  would support less;
- its **lines of enquiry**, its members' **declared interests** (flagged where a declared
  organisation appears in the evidence cited for a domain), the **evidence checked**, and
  its **sign-off** (until which the assessment is a draft) are recorded as given.

The **basis** of a level says what it rests on (self-assessed, or moderated by a panel at
indicator or at domain level), so that years are compared like with like.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Protocol

from wcc_assess.core.numbers import round_signed
from wcc_assess.models.result import (
    Basis,
    DomainResult,
    Enquiry,
    EvidenceResult,
    GovernanceResult,
    IndicatorResult,
    InterestFlag,
    PanelDomainRating,
    PanelMemberInfo,
    PanelSummary,
    Result,
    SignOff,
)
from wcc_assess.models.submission import Enquiry as EnquiryEntry
from wcc_assess.models.submission import Panel, PanelMember, Submission

__all__ = [
    "BASIS_ORDER",
    "GENERIC_WORDS",
    "basis_of",
    "calibration",
    "domain_basis",
    "domain_rating",
    "interest_flags",
    "interest_match",
    "name_variants",
    "panel_summary",
]

BASIS_ORDER = (Basis.SELF_ASSESSED, Basis.PANEL_INDICATORS, Basis.PANEL_DOMAINS)
"""The bases from least to most panel judgement."""


def calibration(indicators: Iterable[IndicatorResult]) -> tuple[int, Fraction | None]:
    """Return how many indicators the panel rated, and mean claimed minus mean panel level."""
    pairs = [
        (i.claimed_level, i.panel_level)
        for i in indicators
        if i.claimed_level is not None and i.panel_level is not None
    ]
    if not pairs:
        return 0, None
    return len(pairs), Fraction(sum(own - panel for own, panel in pairs), len(pairs))


def domain_rating(
    panel: Panel | None, domain_id: str, calculated: int, line: int | None
) -> PanelDomainRating | None:
    """Return the panel's rating of a whole domain, beside the calculated level (or None)."""
    if panel is None or domain_id not in panel.ratings:
        return None
    rating = panel.ratings[domain_id]
    return PanelDomainRating.model_construct(
        level=rating.level,
        rationale=rating.rationale,
        difference=rating.level - calculated,
        line=line,
    )


def domain_basis(domain: DomainResult) -> Basis | None:
    """Return what a domain's level rests on; None when the domain was not assessed."""
    if domain.level is None:
        return None
    if domain.panel_rating is not None:
        return Basis.PANEL_DOMAINS
    if any(indicator.panel_level is not None for indicator in domain.indicators):
        return Basis.PANEL_INDICATORS
    return Basis.SELF_ASSESSED


def basis_of(result: Result) -> Basis | None:
    """Return what a result rests on: the most panel judgement any of its domains had.

    A result written before schema 1.5 has no ``basis``; it is worked out from its domains
    (their panel ratings and their indicators' panel levels), as the scorer does.
    """
    if result.basis is not None:
        return result.basis
    bases = [domain.basis or domain_basis(domain) for domain in result.domains]
    known = [basis for basis in bases if basis is not None]
    return max(known, key=BASIS_ORDER.index) if known else None


# Declared interests ---------------------------------------------------------------------

GENERIC_WORDS = frozenset(
    {
        "nhs", "icb", "ccg", "pct", "ft", "trust", "foundation", "council", "board", "the",
        "of", "and", "for", "health", "care", "university", "hospital", "hospitals",
        "borough", "county", "city", "district", "services", "service", "group", "ltd",
        "limited", "plc", "partnership", "integrated", "clinical", "commissioning",
    }
)  # fmt: skip
"""Words that name no organisation on their own: a declaration made only of them (``ICB``)
is too vague to look for, and one is never matched without its distinctive words."""

_LONG_FORMS = (
    (("integrated", "care", "board"), "icb"),
    (("clinical", "commissioning", "group"), "ccg"),
    (("primary", "care", "trust"), "pct"),
    (("foundation", "trust"), "ft"),
    (("national", "health", "service"), "nhs"),
)
"""Long forms written the short way before matching, so that ``NHS Fenreach Integrated
Care Board`` and ``NHS Fenreach ICB`` are the same organisation."""

_TOKEN = re.compile(r"[^\W_]+")


def _tokens(text: str) -> list[tuple[str, str]]:
    """Split text into words, (as written, normalised): long forms shortened, ``&`` = and."""
    raw = [(m.group(), m.group().casefold()) for m in _TOKEN.finditer(text.replace("&", " and "))]
    out: list[tuple[str, str]] = []
    index = 0
    while index < len(raw):
        for long_form, short in _LONG_FORMS:
            size = len(long_form)
            if tuple(word for _, word in raw[index : index + size]) == long_form:
                written = " ".join(word for word, _ in raw[index : index + size])
                out.append((written, short))
                index += size
                break
        else:
            out.append(raw[index])
            index += 1
    return out


def name_variants(declared: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return the forms a declared organisation is looked for in, each (as written, words).

    The declaration itself and, when it starts with ``NHS`` and keeps two or more words
    without it, the same without ``NHS`` (``Fenreach ICB``). None when the declaration is
    made only of generic words (``ICB``, ``NHS Trust``): it names no one in particular.
    """
    words = tuple(word for _, word in _tokens(declared))
    if not words or set(words) <= GENERIC_WORDS:
        return []
    written = " ".join(declared.split())
    variants = [(written, words)]
    rest = words[1:]
    if words[0] == "nhs" and len(rest) >= 2 and not set(rest) <= GENERIC_WORDS:
        variants.append((written.split(" ", 1)[1], rest))
    return variants


def interest_match(declared: str, text: str) -> str | None:
    """Return the form of ``declared`` found in ``text`` as whole words, or None.

    Case, punctuation and spacing are ignored, ``&`` reads as ``and``, and the long forms
    of ICB, CCG, PCT, FT and NHS match their short forms.
    """
    words = tuple(word for _, word in _tokens(text))
    for written, variant in name_variants(declared):
        size = len(variant)
        if any(words[i : i + size] == variant for i in range(len(words) - size + 1)):
            return written
    return None


class Cites(Protocol):
    """An indicator or a governance sub-indicator: an id and the evidence cited for it."""

    @property
    def id(self) -> str: ...

    @property
    def evidence(self) -> list[EvidenceResult]: ...


def interest_flags(
    members: Sequence[PanelMember], group_id: str, items: Sequence[Cites]
) -> list[InterestFlag]:
    """Flag each member's declared interest found in the evidence cited for one domain.

    ``items`` are the domain's indicators (or a governance area's sub-indicators). Every
    evidence item cited is looked at, counted or not, in its title and in its ref; one flag
    per member, interest and item.
    """
    flags: list[InterestFlag] = []
    for member in members:
        for interest in dict.fromkeys(member.interests):
            for item in items:
                for evidence in item.evidence:
                    found = interest_match(interest, evidence.title) or interest_match(
                        interest, evidence.ref
                    )
                    if found is not None:
                        flags.append(_flag(member, interest, group_id, item.id, evidence, found))
    return flags


def _flag(
    member: PanelMember,
    interest: str,
    group_id: str,
    item_id: str,
    evidence: EvidenceResult,
    found: str,
) -> InterestFlag:
    return InterestFlag.model_construct(
        member=member.name,
        role=member.role,
        interest=interest,
        domain=group_id,
        indicator=item_id,
        evidence=evidence.title,
        matched=found,
    )


# The summary ----------------------------------------------------------------------------


def _vague_interests(panel: Panel, warnings: list[str]) -> None:
    for member in panel.members:
        for interest in member.interests:
            if not name_variants(interest):
                warnings.append(
                    f"panel: {member.name}'s declared interest {interest!r} names no "
                    "organisation in particular, so the evidence was not searched for it; "
                    "write the organisation's full name"
                )


def _panel_warnings(panel: Panel, submission: Submission, warnings: list[str]) -> None:
    """Warn about a panel day before the assessment and a sign-off by a non-member."""
    assessed_on = submission.assessed_on
    if panel.date < assessed_on:
        warnings.append(
            f"panel: the panel met on {panel.date.isoformat()}, before the "
            f"self-assessment date {assessed_on.isoformat()}"
        )
    names = {member.name.strip().casefold() for member in panel.members}
    if panel.sign_off is not None and panel.sign_off.by.strip().casefold() not in names:
        warnings.append(
            f"panel: the judgement was signed off by {panel.sign_off.by}, who is not listed "
            "among the panel's members"
        )
    _vague_interests(panel, warnings)


def panel_summary(
    submission: Submission,
    domains: list[DomainResult],
    governance: GovernanceResult | None,
    warnings: list[str],
) -> PanelSummary | None:
    """Summarise the panel's judgement; None when no panel met and none rated anything."""
    indicators = [i for d in domains for i in d.indicators]
    rated, gap = calibration(indicators)
    panel = submission.panel
    if panel is None and not rated:
        return None
    if panel is not None:
        _panel_warnings(panel, submission, warnings)
    counted = [e for i in indicators for e in i.evidence if e.counted]
    rated_domains = [d for d in domains if d.panel_rating is not None]
    return PanelSummary.model_construct(
        date=panel.date if panel else None,
        members=[_member(m) for m in panel.members] if panel else [],
        indicators_rated=rated,
        indicators_changed=sum(bool(i.panel_gap) for i in indicators),
        flagged=[i.id for i in indicators if i.panel_flag],
        calibration_gap=None if gap is None else round_signed(gap, 2),
        domains_rated=len(rated_domains),
        domains_changed=sum(bool(d.panel_rating and d.panel_rating.difference) for d in domains),
        over_rule=[i.id for i in indicators if i.panel_over_rule is not None],
        enquiries=[_enquiry(e) for e in panel.enquiries] if panel else [],
        interests=[flag for d in domains for flag in d.interests]
        + (_area_interests(panel, governance) if panel else []),
        evidence_counted=len(counted),
        evidence_checked=sum(e.checked_by is not None for e in counted),
        evidence_tabled=sum(e.tabled for e in counted),
        sign_off=_sign_off(panel),
    )


def _area_interests(panel: Panel, governance: GovernanceResult | None) -> list[InterestFlag]:
    """Flag declared interests found in the evidence cited for each governance area."""
    areas = governance.areas if governance is not None else []
    return [
        flag
        for area in areas
        for flag in interest_flags(panel.members, area.id, area.sub_indicators)
    ]


def _member(member: PanelMember) -> PanelMemberInfo:
    return PanelMemberInfo.model_construct(
        name=member.name, role=member.role, interests=list(member.interests)
    )


def _enquiry(enquiry: EnquiryEntry) -> Enquiry:
    return Enquiry.model_construct(
        domain=enquiry.domain, question=enquiry.question, response=enquiry.response, by=enquiry.by
    )


def _sign_off(panel: Panel | None) -> SignOff | None:
    if panel is None or panel.sign_off is None:
        return None
    return SignOff.model_construct(by=panel.sign_off.by, on=panel.sign_off.on)

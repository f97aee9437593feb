"""Where one organisation stands among a cohort's, domain by domain (``--peers``).

Pure: from a result and a cohort report, both already read. Peers are ranked on each
domain by level, then by score (the weighted mean that shows how far into its level a
domain is); ties share a rank ("1, 2, 2, 4"). The organisation itself is left out of the
cohort's figures if the cohort holds it (the same code and period) and ranked with its own
result, so that the report's figures and its rank never disagree.
"""

from __future__ import annotations

import math
from fractions import Fraction
from statistics import median

from wcc_assess.models.cohort import CohortResult, OrganisationSummary
from wcc_assess.models.result import DomainResult, PeerDomain, Peers, Result

__all__ = ["peer_position", "quartile"]


def quartile(rank: int, of: int) -> int:
    """Return the quarter of a ranking of ``of`` that ``rank`` falls in: 1 top, 4 bottom.

    The rank's place runs from 0 (first) to 1 (last), and each quarter of that run is a
    quartile: the first is always in the top quarter and the last in the bottom one, in a
    ranking of any size (with 100, ranks 1 to 25 are the top quarter).
    """
    if of <= 1:
        return 1
    return max(1, math.ceil(Fraction(4 * (rank - 1), of - 1)))


def _key(level: int, score: float | None) -> tuple[int, float]:
    return level, -1.0 if score is None else score


def _domain(domain: DomainResult, peers: list[OrganisationSummary]) -> PeerDomain:
    figures = []
    for peer in peers:
        match = next((d for d in peer.domains if d.id == domain.id), None)
        if match is not None and match.level is not None:
            figures.append(_key(match.level, match.score))
    levels = [level for level, _ in figures]
    middle = float(median(levels)) if levels else None
    if domain.level is None:
        return PeerDomain.model_construct(id=domain.id, of=len(figures), median_level=middle)
    own = _key(domain.level, domain.score)
    rank = 1 + sum(figure > own for figure in figures)
    of = len(figures) + 1
    return PeerDomain.model_construct(
        id=domain.id, rank=rank, of=of, quartile=quartile(rank, of), median_level=middle
    )


def peer_position(result: Result, cohort: CohortResult, source: str) -> Peers:
    """Return the organisation's rank and quartile on each domain among ``cohort``'s."""
    peers: list[OrganisationSummary] = [
        entry
        for entry in cohort.league
        if not (entry.code == result.organisation_code and entry.period == result.period)
    ]
    return Peers.model_construct(
        source=source,
        organisations=len(peers),
        periods=cohort.periods,
        domains=[_domain(domain, peers) for domain in result.domains],
    )

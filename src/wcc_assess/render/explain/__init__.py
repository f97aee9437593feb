"""``wcc explain``: how a result's levels were reached, in plain text, one module per subject.

Every figure comes from the :class:`~wcc_assess.models.result.Result`, as the scorer
computed it: the levels, the evidence counted, the rules met, caps, the recency window,
scores with their weighted sums, targets, what would lift a domain. The framework is
consulted only for text the result does not carry (level descriptors, statements, phases).
Nothing is re-scored here; the arithmetic shown is the scorer's, written out.

- :mod:`.overview`: no id, the overall grade;
- :mod:`.domain`, :mod:`.indicator`, :mod:`.governance` (areas and sub-indicators) and
  :mod:`.outcome`: one subject each.

Pure: no I/O, no printing, no colour; the text is cleaned like every other report.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from typing import assert_never

from wcc_assess.errors import UsageError, non_ascii
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import Result
from wcc_assess.render._safety import clean, no_commands
from wcc_assess.render._words import or_list
from wcc_assess.render.explain._text import WIDTH
from wcc_assess.render.explain.domain import explain_domain
from wcc_assess.render.explain.governance import explain_governance_area, explain_governance_item
from wcc_assess.render.explain.indicator import explain_indicator
from wcc_assess.render.explain.outcome import explain_outcome
from wcc_assess.render.explain.overview import explain_overview

__all__ = ["WIDTH", "Subject", "explain", "resolve_subject"]


class Subject(StrEnum):
    """The kinds of id ``wcc explain`` explains, in order of precedence."""

    DOMAIN = "domain"
    INDICATOR = "indicator"
    GOVERNANCE_AREA = "governance-area"
    GOVERNANCE_ITEM = "governance-item"
    OUTCOME = "outcome"

    @property
    def noun(self) -> str:
        """What an id of this kind is called in messages."""
        return {
            Subject.GOVERNANCE_AREA: "governance area",
            Subject.GOVERNANCE_ITEM: "governance sub-indicator",
            Subject.OUTCOME: "outcome measure",
        }.get(self, self.value)


def _subject_ids(result: Result) -> list[tuple[Subject, list[str]]]:
    """Return every explainable id, by kind, in order of precedence."""
    kinds: list[tuple[Subject, list[str]]] = [
        (Subject.DOMAIN, [domain.id for domain in result.domains]),
        (Subject.INDICATOR, [i.id for domain in result.domains for i in domain.indicators]),
    ]
    if result.governance is not None:
        areas = result.governance.areas
        kinds.append((Subject.GOVERNANCE_AREA, [area.id for area in areas]))
        items = [i.id for area in areas for i in area.sub_indicators]
        kinds.append((Subject.GOVERNANCE_ITEM, items))
    if result.outcomes is not None:
        kinds.append((Subject.OUTCOME, [measure.id for measure in result.outcomes.measures]))
    return kinds


def _absent_section(result: Result, framework: Framework, subject: str) -> UsageError | None:
    """Say so when ``subject`` is the framework's, in a section the submission left out."""
    wanted = subject.casefold()
    if result.governance is None and framework.governance is not None:
        for area in framework.governance.areas:
            ids = [area.id, *(item.id for item in area.sub_indicators)]
            if wanted in (known.casefold() for known in ids):
                noun = "area" if wanted == area.id.casefold() else "sub-indicator"
                return UsageError(
                    f"{subject} is a governance {noun} of {framework.id}, but "
                    f"{result.source or 'the submission'} has no governance section to explain "
                    f"(add one to rate governance; `wcc init` writes it, commented out)"
                )
    if result.outcomes is None and framework.outcomes is not None:
        if wanted in (m.id.casefold() for m in framework.outcomes.required):
            return UsageError(
                f"{subject} is an outcome measure {framework.id} requires, but "
                f"{result.source or 'the submission'} has no outcomes section to explain "
                f"(add one to track outcomes; `wcc init` writes it, commented out)"
            )
    return None


def _unknown(result: Result, subject: str, kinds: list[tuple[Subject, list[str]]]) -> UsageError:
    every = [known for _, ids in kinds for known in ids]
    close = difflib.get_close_matches(subject, every, n=1, cutoff=0.5)
    foreign = non_ascii(subject)
    if foreign:
        hint = foreign + (f"; did you mean {close[0]}?" if close else "")
    elif close:
        hint = f"did you mean {close[0]}?"
    else:
        hints = [f"the domains are {', '.join(kinds[0][1])}"]
        for kind, ids in kinds[2:]:
            if kind is Subject.GOVERNANCE_AREA:
                hints.append(f"the governance areas are {', '.join(ids)}")
            elif kind is Subject.OUTCOME and ids:
                hints.append(f"the outcome measures are {', '.join(ids)}")
        hint = "; ".join(hints)
    nouns = or_list([kind.noun for kind, _ in kinds])
    if len(kinds) == 2:
        nouns = "domain or indicator"
    owner = result.framework.id if result.outcomes is None else f"{result.source}"
    return UsageError(f"{owner} has no {nouns} {subject!r} ({hint})")


def resolve_subject(
    result: Result, subject: str, framework: Framework | None = None
) -> tuple[Subject, str]:
    """Return ``(kind, id)`` for ``subject``, ignoring case.

    Governance and outcome ids are known only when the result has those sections; an id
    of ``framework``'s in a section the submission left out says so. Raises
    :class:`UsageError` naming the nearest id of any kind when nothing has this id.
    """
    kinds = _subject_ids(result)
    for matches in (str.__eq__, lambda known, wanted: known.casefold() == wanted.casefold()):
        for kind, ids in kinds:
            for known in ids:
                if matches(known, subject):
                    return kind, known
    absent = _absent_section(result, framework, subject) if framework is not None else None
    raise absent or _unknown(result, subject, kinds)


def _lines(result: Result, framework: Framework, kind: Subject, found: str) -> list[str]:
    match kind:
        case Subject.DOMAIN:
            return explain_domain(result, framework, found)
        case Subject.INDICATOR:
            return explain_indicator(result, framework, found)
        case Subject.GOVERNANCE_AREA:
            return explain_governance_area(result, framework, found)
        case Subject.GOVERNANCE_ITEM:
            return explain_governance_item(result, framework, found)
        case Subject.OUTCOME:
            return explain_outcome(result, found)
        case _:
            assert_never(kind)


def explain(result: Result, framework: Framework, subject: str | None = None) -> str:
    """Return, as plain text, how the level of ``subject`` (or the overall grade) was reached.

    ``subject`` is the id (any case) of a domain, an indicator, a governance area or
    sub-indicator, or an outcome measure; None for the overall grade. ``framework`` must be
    the one the result was scored against; it supplies descriptors and statements.
    Raises :class:`UsageError` for an unknown id.
    """
    if subject is None:
        lines = explain_overview(result, framework)
    else:
        lines = _lines(result, framework, *resolve_subject(result, subject, framework))
    return no_commands(clean("\n".join(line.rstrip() for line in lines))) + "\n"

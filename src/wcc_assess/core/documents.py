"""Key documents: the documents assurance expected to see, found among the evidence.

A framework lists key documents per domain (WCC: the five-year strategic plan, the
organisational development plan, the financial strategy, the communications strategy ...).
A document is **cited** when an evidence item anywhere in the submission names it with
``key_document: <id>`` (the robust way: titles vary from one organisation to the next);
otherwise it is **hinted** at when an evidence title contains its title or one of its
other names (a hint for the author to add the id, not a finding), and else **missing**.

Pure: no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

from wcc_assess.models.framework import Framework
from wcc_assess.models.result import KeyDocumentResult, KeyDocumentStatus
from wcc_assess.models.submission import Evidence, Submission

__all__ = ["cited_evidence", "key_documents"]


def cited_evidence(submission: Submission) -> Iterator[tuple[str, Evidence]]:
    """Yield (indicator or sub-indicator id, evidence item) for every item of a submission."""
    for domain in submission.domains.values():
        for indicator_id, entry in domain.indicators.items():
            for item in entry.evidence:
                yield indicator_id, item
    for area in (submission.governance or {}).values():
        for item_id, governance_entry in area.sub_indicators.items():
            for item in governance_entry.evidence:
                yield item_id, item


@cache
def _names(names: tuple[str, ...]) -> re.Pattern[str]:
    """Return a pattern finding any of a key document's names in a casefolded title."""
    return re.compile("|".join(re.escape(name.casefold()) for name in names))


def _hints(pattern: re.Pattern[str], text: str, starts: list[int], titles: list[str]) -> list[str]:
    """Return ``at: title`` for each title (one a line of ``text``) that ``pattern`` finds."""
    lines = dict.fromkeys(
        bisect_right(starts, match.start()) - 1 for match in pattern.finditer(text)
    )
    return list(dict.fromkeys(titles[line] for line in lines))


def key_documents(framework: Framework, submission: Submission) -> list[KeyDocumentResult]:
    """Return each of the framework's key documents as cited, hinted at or missing."""
    listed = [(d.id, document) for d in framework.domains for document in d.key_documents]
    if not listed:
        return []
    items = list(cited_evidence(submission))
    titles = [f"{at}: {item.title}" for at, item in items]
    # every title a line of one text, searched once per key document (quicker than a search
    # of each title: a cohort has a thousand submissions of a hundred items each)
    text = "\n".join(item.title.casefold().replace("\n", " ") for _, item in items)
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    results: list[KeyDocumentResult] = []
    for domain_id, document in listed:
        cited = list(dict.fromkeys(at for at, item in items if item.key_document == document.id))
        pattern = _names((document.title, *document.also_known_as))
        hints = [] if cited or not items else _hints(pattern, text, starts, titles)
        status = KeyDocumentStatus.CITED if cited else KeyDocumentStatus.HINTED
        results.append(
            KeyDocumentResult.model_construct(
                id=document.id,
                title=document.title,
                domain=domain_id,
                status=status if cited or hints else KeyDocumentStatus.MISSING,
                cited_by=cited,
                hints=hints,
            )
        )
    return results

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

from wcc_assess.models.framework import Framework, KeyDocument
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
    """Return a pattern finding any of the given names in a casefolded title."""
    return re.compile("|".join(re.escape(name.casefold()) for name in names))


def _titled(listed: list[KeyDocument], folded: list[str]) -> dict[str, list[int]]:
    """Return, for each key document, the titles (by index) containing one of its names.

    The titles are searched as one text for any name of any document, and only the titles
    found are then matched against each document's names: the same answer as matching every
    title against every document, with one search instead of a search per document.
    """
    every = _names(tuple(name for doc in listed for name in (doc.title, *doc.also_known_as)))
    text = "\n".join(folded)
    starts = [0]
    for title in folded[:-1]:
        starts.append(starts[-1] + len(title) + 1)
    found = dict.fromkeys(bisect_right(starts, m.start()) - 1 for m in every.finditer(text))
    return {
        doc.id: [
            line for line in found if _names((doc.title, *doc.also_known_as)).search(folded[line])
        ]
        for doc in listed
    }


def key_documents(framework: Framework, submission: Submission) -> list[KeyDocumentResult]:
    """Return each of the framework's key documents as cited, hinted at or missing."""
    listed = [(d.id, document) for d in framework.domains for document in d.key_documents]
    if not listed:
        return []
    items = list(cited_evidence(submission))
    cited: dict[str, list[str]] = {}
    for at, item in items:
        if item.key_document is not None:
            cited.setdefault(item.key_document, []).append(at)
    uncited = [document for _, document in listed if document.id not in cited]
    folded = [item.title.casefold().replace("\n", " ") for _, item in items]
    titled = _titled(uncited, folded) if uncited and items else {}
    results: list[KeyDocumentResult] = []
    for domain_id, document in listed:
        by = list(dict.fromkeys(cited.get(document.id, [])))
        hints = list(
            dict.fromkeys(
                f"{items[i][0]}: {items[i][1].title}" for i in titled.get(document.id, [])
            )
        )
        status = KeyDocumentStatus.CITED if by else KeyDocumentStatus.HINTED
        results.append(
            KeyDocumentResult.model_construct(
                id=document.id,
                title=document.title,
                domain=domain_id,
                status=status if by or hints else KeyDocumentStatus.MISSING,
                cited_by=by,
                hints=hints,
            )
        )
    return results

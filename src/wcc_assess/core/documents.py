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

from collections.abc import Iterator

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


def _looks_like(document: KeyDocument, title: str) -> bool:
    folded = title.casefold()
    return any(name.casefold() in folded for name in [document.title, *document.also_known_as])


def key_documents(framework: Framework, submission: Submission) -> list[KeyDocumentResult]:
    """Return each of the framework's key documents as cited, hinted at or missing."""
    listed = [
        (domain.id, document) for domain in framework.domains for document in domain.key_documents
    ]
    if not listed:
        return []
    items = list(cited_evidence(submission))
    results: list[KeyDocumentResult] = []
    for domain_id, document in listed:
        cited = list(dict.fromkeys(at for at, item in items if item.key_document == document.id))
        hints = []
        if not cited:
            hints = list(
                dict.fromkeys(
                    f"{at}: {item.title}" for at, item in items if _looks_like(document, item.title)
                )
            )
        status = (
            KeyDocumentStatus.CITED
            if cited
            else KeyDocumentStatus.HINTED
            if hints
            else KeyDocumentStatus.MISSING
        )
        results.append(
            KeyDocumentResult.model_construct(
                id=document.id,
                title=document.title,
                domain=domain_id,
                status=status,
                cited_by=cited,
                hints=hints,
            )
        )
    return results

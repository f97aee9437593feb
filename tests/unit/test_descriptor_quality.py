"""The level descriptors of every built-in framework read as observable, progressive anchors.

A panel rates an indicator by matching what it saw to a descriptor, so each descriptor has to
name something a panel could see, and neighbouring levels have to be told apart. The rules,
each checked over every indicator of every built-in framework:

1. **A sentence.** A descriptor has at least ``MIN_WORDS`` words, starts with a capital
   letter and ends with a full stop.
2. **Neighbours differ.** Two adjacent levels of an indicator are not the same text, and
   share at most ``MAX_NEIGHBOUR_OVERLAP`` of their distinct words (Jaccard index), so a
   level is not its neighbour with one word changed ("some services" / "all services").
3. **No vague words without a qualifier.** The words in ``VAGUE_WORDS`` say how something
   felt, not what was seen ("good", "strong", "robust", "some" ...). They may appear only
   inside one of the phrases in ``ALLOWED_PHRASES``, each of which names an observable
   thing (a published audit finding, a costed appraisal).
4. **The top level is measured.** Level 4 of every indicator names a measurement
   (``MEASURED``: data, audit, survey, rate, trend ...) or a comparison with others
   (``COMPARED``: benchmark, peers, comparable commissioners ...). Where the top level is
   "World class" (WCC), it must name both a measurement and a comparison with the *best*
   elsewhere (``BEST_ELSEWHERE``: top quartile, best-performing ...), because that is what
   world class meant: performance measured against the best, not only time served or
   imitation by others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from wcc_assess.models.framework import Framework
from wcc_assess.usecases.frameworks import builtin_frameworks

MIN_WORDS = 8
"""A descriptor shorter than this is a label, not a description of what a panel saw."""

MAX_NEIGHBOUR_OVERLAP = 0.5
"""Adjacent levels may share at most half of their distinct words."""

VAGUE_WORDS = (
    "some",
    "sometimes",
    "somewhat",
    "good",
    "strong",
    "strongly",
    "robust",
    "robustly",
    "exemplary",
    "excellent",
    "outstanding",
    "effective",
    "effectively",
    "appropriate",
    "appropriately",
    "adequate",
    "adequately",
    "meaningful",
    "meaningfully",
    "mature",
    "highly",
    "widely",
    "several",
    "various",
    "significant",
    "significantly",
    "proper",
    "properly",
    "sound",
    "respected",
    "regarded",
)
"""Words that grade without describing; each needs an allowed phrase around it."""

ALLOWED_PHRASES = (
    # The auditor's finding on value-for-money arrangements under the 2020 Code of Audit
    # Practice: a published, yes-or-no finding in the Auditor's Annual Report.
    "significant weakness",
    "significant weaknesses",
    # A cost per quality-adjusted life year within the threshold a NICE appraisal applies.
    "cost-effective",
)
"""Phrases in which a vague word names something observable, and so is allowed."""

MEASURED = re.compile(
    r"\b(measur\w*|data|audit\w*|surveys?|rates?|rated|trend\w*|"
    r"evaluat\w+|baselines?|figures|scores?|counts?|per cent|indicators?|ratios?|"
    r"benchmark\w*|statistics|record\w*|log)\b|%",
    re.IGNORECASE,
)
"""Words that show the claim rests on something counted or checked."""

COMPARED = re.compile(
    r"\b(best|top quartile|upper quartile|top fifth|top decile|highest|benchmark\w*|peers?|"
    r"comparable|similar (populations|areas|organisations|commissioners|systems)|"
    r"national average|england average|other (commissioners|systems|areas|organisations))\b",
    re.IGNORECASE,
)
"""Words that compare the organisation with others."""

BEST_ELSEWHERE = re.compile(
    r"\b(best|top quartile|upper quartile|top fifth|top decile|highest-performing)\b",
    re.IGNORECASE,
)
"""Words that compare the organisation with the best elsewhere, as "world class" did."""

Descriptor = tuple[str, str, int, str]
"""(framework id, indicator id, level, text)."""


def _frameworks() -> list[Framework]:
    """Every built-in framework, earlier versions too (wcc@2008 has descriptors of its own)."""
    return builtin_frameworks()


def _descriptors() -> Iterator[Descriptor]:
    for framework in _frameworks():
        for domain in framework.domains:
            for indicator in domain.indicators:
                for level in sorted(indicator.descriptors):
                    text = " ".join(indicator.descriptors[level].split())
                    yield framework.ref, indicator.id, level, text


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text.casefold()))


def vague_words_in(text: str) -> list[str]:
    """Return the vague words of ``text`` that no allowed phrase accounts for."""
    remaining = text.casefold()
    for phrase in sorted(ALLOWED_PHRASES, key=len, reverse=True):
        remaining = re.sub(rf"\b{re.escape(phrase)}\b", " ", remaining)
    return [word for word in VAGUE_WORDS if re.search(rf"\b{re.escape(word)}\b", remaining)]


def test_every_builtin_framework_is_covered() -> None:
    assert {f.ref for f in _frameworks()} >= {"wcc@2008", "wcc@2009"}
    assert {f.id for f in _frameworks()} >= {
        "wcc",
        "bs11000",
        "new-commissioning",
        "commissioning-for-quality",
    }


def test_every_descriptor_is_a_sentence() -> None:
    short = [
        f"{fid} {iid} level {level}: {text!r}"
        for fid, iid, level, text in _descriptors()
        if len(text.split()) < MIN_WORDS or not text[0].isupper() or not text.endswith(".")
    ]
    assert short == [], (
        f"descriptors must have at least {MIN_WORDS} words, start with a capital letter and "
        "end with a full stop:\n" + "\n".join(short)
    )


def test_neighbouring_levels_differ() -> None:
    alike: list[str] = []
    for framework in _frameworks():
        for domain in framework.domains:
            for indicator in domain.indicators:
                levels = sorted(indicator.descriptors)
                for lower, upper in zip(levels, levels[1:], strict=False):
                    a = _words(indicator.descriptors[lower])
                    b = _words(indicator.descriptors[upper])
                    overlap = len(a & b) / len(a | b)
                    if overlap > MAX_NEIGHBOUR_OVERLAP:
                        alike.append(
                            f"{framework.id} {indicator.id} levels {lower} and {upper} share "
                            f"{overlap:.0%} of their words"
                        )
    assert alike == [], "\n".join(alike)


def test_vague_words_only_in_allowed_phrases() -> None:
    vague = [
        f"{fid} {iid} level {level}: {', '.join(found)}"
        for fid, iid, level, text in _descriptors()
        if (found := vague_words_in(text))
    ]
    assert vague == [], (
        "say what a panel would see instead of (or add a phrase to ALLOWED_PHRASES if it "
        "names something observable):\n" + "\n".join(vague)
    )


def test_top_level_is_measured_or_compared() -> None:
    missing: list[str] = []
    for framework in _frameworks():
        top = framework.highest
        world_class = framework.label(top).casefold() == "world class"
        for domain in framework.domains:
            for indicator in domain.indicators:
                text = indicator.descriptors[top]
                measured = bool(MEASURED.search(text))
                if world_class:
                    if not (measured and BEST_ELSEWHERE.search(text)):
                        missing.append(
                            f"{framework.id} {indicator.id}: level {top} (world class) must "
                            "name a measurement and a comparison with the best elsewhere"
                        )
                elif not (measured or COMPARED.search(text)):
                    missing.append(
                        f"{framework.id} {indicator.id}: level {top} must name a measurement "
                        "or a comparison with others"
                    )
    assert missing == [], "\n".join(missing)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Some services are reviewed.", ["some"]),
        ("A strong, robust process.", ["strong", "robust"]),
        ("The auditor reported no significant weakness in arrangements.", []),
        ("A significant change was made.", ["significant"]),
        ("Only cost-effective treatments are funded.", []),
        ("Effective monitoring of cost-effective care.", ["effective"]),
        ("Handsome results; goodwill all round.", []),
    ],
)
def test_the_vague_word_check_itself(text: str, found: list[str]) -> None:
    assert vague_words_in(text) == found

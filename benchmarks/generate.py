"""Write N realistic, synthetic WCC self-assessments: the benchmark's (and a demo's) cohort.

Usage::

    python benchmarks/generate.py --n 1000 --out /tmp/cohort [--seed 2009] [--period 2026/27]

The output is deterministic for a given seed: the same organisations (names and codes) come
out for every period, so a second run with ``--period 2025/26`` makes last year's cohort to
pass as ``wcc cohort --baseline``. Each file rates every indicator of the built-in ``wcc``
framework with a narrative and one to four evidence items, about as large as the examples a
person writes (20-30 KB). Ratings follow what the 2008/09 assurance round reported: most
levels 1-2, fewer 3, rare 4, softer competencies rated higher than procurement and markets.
Some ratings over-claim, so the evidence rules cap them, as in real submissions.

The organisations are invented; any likeness to a real body is chance.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORK = ROOT / "frameworks" / "wcc.yaml"

_PLACES_A = [
    "North",
    "South",
    "East",
    "West",
    "Upper",
    "Lower",
    "Great",
    "Little",
    "Kings",
    "Queens",
    "Castle",
    "Market",
    "Bishops",
    "Long",
    "High",
    "Old",
    "New",
    "Saint",
]
_PLACES_B = [
    "marsh",
    "brook",
    "ford",
    "field",
    "ham",
    "ley",
    "wick",
    "bury",
    "dale",
    "wood",
    "moor",
    "stead",
    "well",
    "ton",
    "worth",
    "minster",
    "bridge",
    "water",
    "holme",
    "cliffe",
]
_KINDS = ["Primary Care Trust", "Teaching Primary Care Trust", "Care Trust"]
_SHIRES = ["", " and District", " City", " Borough", "shire", " Vale", " Coast", " Valley"]
_ROLES = [
    "Director of Strategy",
    "Head of Corporate Governance",
    "Director of Public Health",
    "Chief Finance Officer",
    "Clinical Lead",
    "Head of Engagement",
    "Board Secretary",
    "Director of Commissioning",
    "Head of Performance",
    "Medical Director",
]
_FIRST = [
    "Alex",
    "Priya",
    "Sam",
    "Morgan",
    "Chris",
    "Aisha",
    "Jordan",
    "Ruth",
    "Tom",
    "Grace",
    "Imran",
    "Helen",
    "Owen",
    "Zara",
    "David",
    "Mei",
    "Patrick",
    "Nia",
    "Luke",
    "Fatima",
]
_LAST = [
    "Hughes",
    "Patel",
    "Okafor",
    "Campbell",
    "Evans",
    "Khan",
    "Price",
    "Walsh",
    "Morris",
    "Ahmed",
    "Taylor",
    "Lewis",
    "Jones",
    "Bennett",
    "Clarke",
    "Murphy",
    "Shah",
    "Wright",
]
# Softer competencies were rated higher than procurement and market stimulation (2008/09).
_DOMAIN_BIAS = {
    "C1": 0.35,
    "C2": 0.3,
    "C3": 0.15,
    "C4": 0.25,
    "C5": 0.1,
    "C6": -0.1,
    "C7": -0.45,
    "C8": 0.0,
    "C9": -0.4,
    "C10": 0.05,
    "C11": -0.35,
}
_OPENINGS = [
    "Over the year the organisation has",
    "Since the last assurance round we have",
    "The board has",
    "Working with partners, the commissioner has",
    "Following the panel's feedback last year, we have",
]
_ACTIONS = [
    "agreed a plan for {topic} and set out who is accountable for each part of it",
    "reviewed progress on {topic} at every second board meeting",
    "commissioned an independent review of {topic} and accepted its recommendations",
    "brought clinicians, council officers and patient representatives together on {topic}",
    "published the results of its work on {topic} on the public website",
    "set measurable goals for {topic} and reported against them each quarter",
    "piloted a new approach to {topic} in two localities before rolling it out",
]
_GAPS = [
    "Progress is uneven between localities, and the next step is to make the approach routine.",
    "Results are not yet visible in outcome data, and we expect to see them next year.",
    "The panel's challenge on consistency has been accepted and an action plan agreed.",
    "Partners describe the change as real but early; sustaining it is the priority.",
    "Some of the evidence is still being gathered and will be ready for the panel day.",
]
_REF_KINDS = ["Board paper", "Document", "Minutes", "Report", "Plan", "Survey"]


def organisations(count: int, seed: int) -> list[tuple[str, str]]:
    """Return ``count`` distinct (name, code) pairs; the same for every period of a seed."""
    rng = random.Random(f"organisations-{seed}")
    alphabet = string.digits + string.ascii_uppercase
    width = 2 if count <= 36 * 36 else 3
    codes = ["5" + "".join(rng.choice(alphabet) for _ in range(width)) for _ in range(count * 3)]
    unique_codes = list(dict.fromkeys(codes))[:count]
    while len(unique_codes) < count:  # practically never; keeps the promise all the same
        unique_codes.append(f"9{len(unique_codes):05d}")
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = (
            f"{rng.choice(_PLACES_A)}{rng.choice(_PLACES_B)}{rng.choice(_SHIRES)} "
            f"{rng.choice(_KINDS)}"
        )
        if name in seen:
            name = f"{name} ({len(names) + 1})"
        seen.add(name)
        names.append(name)
    return list(zip(names, unique_codes, strict=True))


def _period_start(period: str) -> int:
    return int(period.split("/")[0])


def _narrative(rng: random.Random, title: str, level: int) -> str:
    topic = title[0].lower() + title[1:]
    sentences = [
        f"{rng.choice(_OPENINGS)} {rng.choice(_ACTIONS).format(topic=topic)}.",
        f"It has also {rng.choice(_ACTIONS).format(topic=topic)}.",
    ]
    if level >= 3:
        sentences.append(
            f"The effect shows in the measures the board tracks for {topic}, which have "
            "improved for two consecutive quarters."
        )
    sentences.append(rng.choice(_GAPS))
    if rng.random() < 0.5:
        sentences.append(
            f"We rate ourselves at level {level} because the descriptor matches what partners "
            "and the panel would see today, not what we plan to do."
        )
    return " ".join(sentences)


def _evidence(
    rng: random.Random,
    examples: list[str],
    code: str,
    indicator: str,
    level: int,
    assessed_on: date,
) -> list[dict[str, Any]]:
    wanted = min(4, max(1, level + rng.choice([-1, 0, 0, 1])))
    items = []
    for index in range(wanted):
        # Mostly recent; some older than the 24-month window, so a few claims are capped.
        age = rng.randint(20, 700) if rng.random() < 0.85 else rng.randint(760, 1400)
        kind = rng.choice(_REF_KINDS)
        title = examples[index % len(examples)] if examples else f"{kind} on {indicator}"
        if index >= len(examples):
            title = f"{title} (update)"
        ref = (
            f"https://example.nhs.uk/{code.lower()}/{indicator.lower()}/{index + 1}"
            if rng.random() < 0.4
            else f"{kind} {code}/{indicator}/{rng.randint(10, 999)}"
        )
        items.append(
            {
                "title": title,
                "ref": ref,
                "date": assessed_on - timedelta(days=age),
                "kind": _kind(code, indicator, index),
            }
        )
    return items


_KINDS = ("decision", "result", "result", "partner-view")
"""What WCC's rules ask for, in order; a few items are plans instead, so some claims of
level 3 and above are capped for want of a decision or a result, as in real submissions."""


def _kind(code: str, indicator: str, index: int) -> str:
    """Return an evidence item's kind (its own generator: the other figures do not move)."""
    if random.Random(f"kind-{code}-{indicator}-{index}").random() < 0.15:
        return "plan"
    return _KINDS[index % len(_KINDS)]


def submission(
    framework: dict[str, Any], name: str, code: str, period: str, seed: int
) -> dict[str, Any]:
    """Return one organisation's submission for ``period`` as plain data."""
    rng = random.Random(f"{seed}-{code}-{period}")
    maturity = random.Random(f"maturity-{seed}-{code}").gauss(1.75, 0.45)
    maturity += 0.15 * (_period_start(period) - 2026)  # organisations improve year on year
    start = _period_start(period)
    assessed_on = date(start, 9, 1) + timedelta(days=rng.randint(0, 120))
    team = rng.sample(_ROLES, k=rng.randint(2, 4))
    data: dict[str, Any] = {
        "framework": f"{framework['id']}@{framework['version']}",
        "organisation": {"name": name, "code": code},
        "period": period,
        "assessed_on": assessed_on,
        "assessors": [
            {"name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", "role": role} for role in team
        ],
    }
    if rng.random() < 0.3:
        data["targets"] = {"default": 2}
    domains: dict[str, Any] = {}
    for domain in framework["domains"]:
        bias = _DOMAIN_BIAS.get(domain["id"], 0.0)
        ratings: dict[str, Any] = {}
        for indicator in domain["indicators"]:
            raw = maturity + bias + rng.gauss(0, 0.55)
            level = max(1, min(4, round(raw)))
            ratings[indicator["id"]] = {
                "level": level,
                "narrative": _narrative(rng, indicator["title"], level),
                "evidence": _evidence(
                    rng,
                    indicator.get("evidence_examples", []),
                    code,
                    indicator["id"],
                    level,
                    assessed_on,
                ),
            }
        domains[domain["id"]] = ratings
    data["domains"] = domains
    return data


def generate(count: int, out: Path, *, seed: int = 2009, period: str = "2026/27") -> list[Path]:
    """Write ``count`` submissions into ``out`` (created if needed); return their paths."""
    framework = yaml.load(FRAMEWORK.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, (name, code) in enumerate(organisations(count, seed)):
        data = submission(framework, name, code, period, seed)
        path = out / f"{index:05d}-{code.lower()}.yaml"
        header = f"# Synthetic self-assessment (benchmarks/generate.py, seed {seed}).\n"
        body = yaml.dump(
            data,
            Dumper=yaml.CSafeDumper,
            sort_keys=False,
            allow_unicode=True,
            width=92,
            default_flow_style=False,
        )
        path.write_text(header + body, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="how many submissions")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=2009, help="random seed (default 2009)")
    parser.add_argument("--period", default="2026/27", help="financial year, e.g. 2026/27")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    paths = generate(args.n, args.out, seed=args.seed, period=args.period)
    size = sum(path.stat().st_size for path in paths)
    sys.stderr.write(f"wrote {len(paths)} submissions ({size / 1e6:.1f} MB) to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

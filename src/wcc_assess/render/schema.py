"""JSON Schemas: a framework's submissions (for editors) and the result document.

:func:`submission_schema` turns a framework into a JSON Schema (draft 2020-12) that an
editor's YAML language server can use to complete and check a submission as it is typed:
domain and indicator ids as properties, the level range, and the level descriptors as
hover text. It keeps to keywords that draft-07 tools also understand (no ``$ref`` beside
other keywords, ``if``/``then``/``else`` rather than newer applicators), because the most
widely used YAML language server implements draft-07.

The schema is a convenience for editing; ``wcc validate`` stays the authority. Everything a
schema can say is said here, and the two agree on every example in ``examples/``.

Pure: no I/O, no printing.
"""

from __future__ import annotations

import json
from typing import Any

from wcc_assess.models.assurance import EvidenceKind, Rag
from wcc_assess.models.framework import (
    Domain,
    Framework,
    GovernanceArea,
    GovernanceItem,
    Indicator,
)

__all__ = [
    "SCHEMA_DIALECT",
    "period_pattern",
    "result_schema",
    "schema_text",
    "submission_schema",
]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect both schemas declare."""

Schema = dict[str, Any]

_TEXT: Schema = {"type": "string", "minLength": 1}


def period_pattern() -> str:
    """Return a regular expression matching exactly the financial years ``YYYY/YY``.

    The second part must be the year after the first (``2026/27``, ``1999/00``); which
    pairs are valid depends only on the last two digits, so they are listed.
    """
    pairs = "|".join(f"{year:02d}/{(year + 1) % 100:02d}" for year in range(100))
    return f"^[0-9]{{2}}(?:{pairs})$"


def _panel_note_or_skip(rated: str) -> Schema:
    """Return what every rated entry has beside its rating: a panel note, or a reason."""
    return {
        "panel_note": {
            "description": f"The panel's reason for its {rated}.",
            "type": ["string", "null"],
        },
        "not_assessed": {"$ref": "#/$defs/reason"},
    }


def _rated_or_skipped(rating: str, panel: str, kind: str) -> Schema:
    """Require an entry to be rated (``rating`` of ``kind``) or skipped (``not_assessed``)."""
    return {
        "if": {"required": ["not_assessed"]},
        "then": {"properties": {rating: {"type": "null"}, panel: {"type": "null"}}},
        "else": {"required": [rating], "properties": {rating: {"type": kind}}},
    }


def _group(title: str, description: str, properties: Schema, ids: list[str]) -> Schema:
    """Return a domain's or an area's schema: every member rated, or the whole skipped."""
    return {
        "title": title,
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "if": {"required": ["not_assessed"]},
        "then": {"maxProperties": 1},
        "else": {"required": ids},
    }


def _level(framework: Framework, description: str) -> Schema:
    return {
        "description": description,
        "type": "integer",
        "minimum": framework.lowest,
        "maximum": framework.highest,
    }


def _level_guide(framework: Framework, indicator: Indicator) -> str:
    lines = [f"{indicator.id} {indicator.title}: rate {framework.lowest}-{framework.highest}."]
    lines += [
        f"{level} {framework.label(level)}: {indicator.descriptors[level]}"
        for level in framework.levels
    ]
    return "\n".join(lines)


def _indicator(framework: Framework, indicator: Indicator) -> Schema:
    guide = _level_guide(framework, indicator)
    description = guide
    if indicator.evidence_examples:
        description += "\nEvidence might include: " + "; ".join(indicator.evidence_examples)
    nullable_level = _level(framework, guide)
    nullable_level["type"] = ["integer", "null"]
    return {
        "title": f"{indicator.id} {indicator.title}",
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "level": nullable_level,
            "narrative": {
                "description": "How the organisation meets the level claimed, in its own words.",
                "type": "string",
            },
            "evidence": {
                "description": "Documents, data or decisions a panel could look at.",
                "type": "array",
                "items": {"$ref": "#/$defs/evidence"},
            },
            "panel_level": {
                "description": "The level the panel confirmed or moderated to; it counts over "
                "the self-assessed level.",
                "type": ["integer", "null"],
                "minimum": framework.lowest,
                "maximum": framework.highest,
            },
            **_panel_note_or_skip("level"),
        },
        **_rated_or_skipped("level", "panel_level", "integer"),
    }


def _domain(framework: Framework, domain: Domain) -> Schema:
    ids = [indicator.id for indicator in domain.indicators]
    properties: Schema = {"not_assessed": {"$ref": "#/$defs/reason"}}
    properties.update(
        {indicator.id: _indicator(framework, indicator) for indicator in domain.indicators}
    )
    phase = f" ({domain.phase})" if domain.phase else ""
    return _group(
        f"{domain.id} {domain.title}{phase}",
        f"{domain.statement}\nRate every indicator ({', '.join(ids)}), or skip "
        'the whole domain with not_assessed: "<reason>".',
        properties,
        ids,
    )


_RAG: Schema = {"enum": ["red", "amber", "green", None]}
_NUMBER: Schema = {"type": "number"}


def _period_map(description: str) -> Schema:
    return {
        "description": description,
        "type": "object",
        "propertyNames": {"pattern": period_pattern()},
        "additionalProperties": _NUMBER,
    }


def _governance_item(item: GovernanceItem) -> Schema:
    guide = "\n".join(
        [f"{item.id} {item.title}: rate red, amber or green."]
        + [f"{rating}: {item.descriptors.of(Rag(rating))}" for rating in ("green", "amber", "red")]
    )
    return {
        "title": f"{item.id} {item.title}",
        "description": guide,
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "rating": {**_RAG, "description": guide},
            "narrative": {
                "description": "Why this rating, in the organisation's words.",
                "type": "string",
            },
            "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"}},
            "panel_rating": {
                **_RAG,
                "description": "The panel's rating; it counts over the organisation's own.",
            },
            **_panel_note_or_skip("rating"),
        },
        **_rated_or_skipped("rating", "panel_rating", "string"),
    }


def _governance_area(area: GovernanceArea) -> Schema:
    ids = [item.id for item in area.sub_indicators]
    properties: Schema = {"not_assessed": {"$ref": "#/$defs/reason"}}
    properties.update({item.id: _governance_item(item) for item in area.sub_indicators})
    return _group(
        f"{area.id} {area.title}",
        f"{area.statement}\nRate every sub-indicator ({', '.join(ids)}), or "
        'skip the whole area with not_assessed: "<reason>".',
        properties,
        ids,
    )


# Long: a literal schema, read top to bottom as the JSON it returns.
def _outcomes(framework: Framework) -> Schema:
    rules = framework.outcomes
    required = rules.required if rules is not None else []
    description = (
        "Health outcome measures, each with a baseline, a year-by-year trajectory "
        "of aspirations and the actual values so far."
    )
    if required:
        description += " Required: " + ", ".join(m.id for m in required) + "."
    if rules is not None and rules.recommended_count is not None:
        description += f" About {rules.recommended_count} measures are recommended."
    schema: Schema = {
        "description": description,
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "name", "unit", "better", "baseline"]
            + (["trajectory"] if rules is None or rules.trajectories else []),
            "properties": {
                "id": {
                    "type": "string",
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                    "maxLength": 60,
                },
                "name": _TEXT,
                "unit": {**_TEXT, "description": "E.g. years, per 100,000, %."},
                "better": {
                    "description": "Which direction is an improvement.",
                    "enum": ["higher", "lower"],
                },
                "baseline": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["period", "value"],
                    "properties": {
                        "period": {"type": "string", "pattern": period_pattern()},
                        "value": _NUMBER,
                    },
                },
                "trajectory": {
                    **_period_map("The aspiration for each financial year after the baseline."),
                    "minProperties": 1,
                },
                "actuals": _period_map("The values achieved so far, by financial year."),
                "source": {"description": "Where the figures come from.", "type": "string"},
                "tolerance": {
                    "description": "How far an actual may miss its aspiration and still be "
                    "within tolerance, not off track: an amount in the measure's unit (0.3), "
                    "or {percent: 2} of the aspiration.",
                    "oneOf": [
                        {"type": "number", "minimum": 0},
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                "absolute": {"type": "number", "minimum": 0},
                                "percent": {"type": "number", "minimum": 0, "maximum": 100},
                            },
                            "minProperties": 1,
                            "maxProperties": 1,
                        },
                    ],
                },
                "data_period": {
                    "description": "What each figure covers: by default the financial year "
                    "it is filed under; {kind: calendar-year, years: 3} for three calendar "
                    "years pooled (life expectancy).",
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "kind": {"enum": ["financial-year", "calendar-year"]},
                        "years": {"type": "integer", "minimum": 1, "maximum": 10},
                    },
                },
            },
        },
    }
    if required:
        schema["allOf"] = [
            {
                "contains": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"const": measure.id}},
                }
            }
            for measure in required
        ]
    return schema


def _report() -> Schema:
    """Return the schema of the board paper's front sheet (``report:``)."""
    text = {"type": "string", "minLength": 1, "maxLength": 2000}
    return {
        "description": "The board paper's front sheet; nothing in it is scored. `wcc assess` "
        "options (--paper-title, --meeting-date ...) override it.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "title": {**text, "description": "The paper's title."},
            "meeting": {**text, "description": "The meeting it goes to."},
            "meeting_date": {"type": "string", "format": "date"},
            "status": {"enum": ["draft", "final"], "description": "draft (the default) or final."},
            "author": text,
            "executive_lead": text,
            "purpose": {**text, "description": 'Why the board sees it: "For assurance".'},
            "recommendation": {**text, "description": '"The Board is asked to ..."'},
            "marking": {**text, "description": 'A protective marking, e.g. "OFFICIAL".'},
        },
    }


def _actions(framework: Framework) -> Schema:
    """Return the schema of the development plan: actions with owners and due dates."""
    ids = [d.id for d in framework.domains] + [
        i.id for d in framework.domains for i in d.indicators
    ]
    addressed: Schema = {"type": "string", "enum": ids}
    return {
        "description": "The development plan: an action for each gap, with an owner and a "
        "due date; next year's assessment follows each one up by its id.",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "for", "action", "owner", "due", "status"],
            "properties": {
                "id": {
                    "description": "A short id, unique in the plan and kept from year to year.",
                    "type": "string",
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                    "maxLength": 60,
                },
                "for": {
                    "description": "The indicator or domain ids the action addresses.",
                    "anyOf": [addressed, {"type": "array", "minItems": 1, "items": addressed}],
                },
                "action": {**_TEXT, "description": "What will be done."},
                "owner": {**_TEXT, "description": "Who answers for it: a post or a person."},
                "due": {
                    "description": "When it is due (YYYY-MM-DD).",
                    "type": "string",
                    "format": "date",
                },
                "status": {
                    "description": "open, in-progress, done, or dropped (with a reason).",
                    "type": "string",
                    "enum": ["open", "in-progress", "done", "dropped"],
                },
                "reason": {
                    "description": "Why the action was dropped (required for a dropped one).",
                    "type": "string",
                    "pattern": "\\S",
                },
                "note": {"type": ["string", "null"]},
                "raised": {
                    "description": "The period it was raised in, when earlier than this one.",
                    "type": "string",
                    "pattern": period_pattern(),
                },
            },
            "if": {"properties": {"status": {"const": "dropped"}}, "required": ["status"]},
            "then": {"required": ["reason"]},
            "else": {"not": {"required": ["reason"]}},
        },
    }


def _who_when(description: str) -> Schema:
    """Return ``{by: NAME, on: DATE}``: who did something, and when."""
    return {
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "required": ["by", "on"],
        "properties": {"by": _TEXT, "on": {"type": "string", "format": "date"}},
    }


def _rated_whole(rating: Schema, kind: str, ids: list[str]) -> Schema:
    """Return the panel's ratings of whole domains (or areas): a rating and its reasons."""
    return {
        "description": f"The panel's rating of a whole {kind}, with its reasons: it counts, "
        "and the calculated rating is shown beside it.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            key: {
                "type": "object",
                "additionalProperties": False,
                "required": [next(iter(rating)), "rationale"],
                "properties": {
                    **rating,
                    "rationale": {**_TEXT, "description": "Why the panel rates it so."},
                },
            }
            for key in ids
        },
    }


# Long: a literal schema, read top to bottom as the JSON it returns.
def _panel(framework: Framework) -> Schema:
    """Return the schema of the panel block: members, ratings, enquiries, sign-off."""
    domain_ids = [domain.id for domain in framework.domains]
    area_ids = [area.id for area in framework.governance.areas] if framework.governance else []
    level = _level(framework, f"The panel's level, {framework.lowest}-{framework.highest}.")
    return {
        "description": "The assurance panel that confirmed and challenged the self-assessment.",
        "type": "object",
        "additionalProperties": False,
        "required": ["date", "members"],
        "properties": {
            "date": {"type": "string", "format": "date", "description": "The panel day."},
            "members": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name", "role"],
                    "properties": {
                        "name": _TEXT,
                        "role": _TEXT,
                        "interests": {
                            "description": "Organisations the member declared an interest in.",
                            "type": "array",
                            "items": _TEXT,
                        },
                    },
                },
            },
            "ratings": _rated_whole({"level": level}, "domain", domain_ids),
            "governance": _rated_whole({"rating": _RAG}, "governance area", area_ids),
            "enquiries": {
                "description": "Lines of enquiry: what was asked, the answer, who gave it.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["domain", "question", "response", "by"],
                    "properties": {
                        "domain": {"enum": domain_ids + area_ids},
                        "question": _TEXT,
                        "response": _TEXT,
                        "by": _TEXT,
                    },
                },
            },
            "sign_off": _who_when("Who signed the panel's judgement off; until then, a draft."),
        },
    }


def _assurance_properties(framework: Framework) -> Schema:
    """Return the schema of the optional panel, governance and outcomes sections."""
    properties: Schema = {
        "panel": _panel(framework),
        "board_approved_on": {
            "description": "When the board approved the self-assessment.",
            "type": "string",
            "format": "date",
        },
        "outcomes": _outcomes(framework),
        "actions": _actions(framework),
        "report": _report(),
    }
    if framework.governance is not None:
        area_ids = [area.id for area in framework.governance.areas]
        properties["governance"] = {
            "description": f"Governance ratings: every area ({', '.join(area_ids)}) and "
            "sub-indicator.",
            "type": "object",
            "additionalProperties": False,
            "required": area_ids,
            "properties": {area.id: _governance_area(area) for area in framework.governance.areas},
        }
    return properties


def _unrated(framework: Framework) -> set[str]:
    """Return the ids this framework version does not rate (a submission may omit them)."""
    return {entry.id for entry in framework.scoring.not_rated}


def _key_document(framework: Framework) -> Schema:
    """Return the schema of ``key_document``: one of the framework's key document ids."""
    documents = [doc for domain in framework.domains for doc in domain.key_documents]
    if not documents:
        return {"description": "This framework lists no key documents.", "not": {}}
    listed = "; ".join(f"{doc.id}: {doc.title}" for doc in documents)
    return {
        "description": f"The key document this item is. {listed}.",
        "enum": [doc.id for doc in documents],
    }


# Long: a literal schema, read top to bottom as the JSON it returns.
def submission_schema(framework: Framework, *, latest: bool = True) -> Schema:
    """Return the JSON Schema of a submission against ``framework``.

    ``latest`` says whether the framework's bare id names this version; an earlier version
    (``wcc@2008``) must be named pinned.

    Every domain and indicator id is a property (nothing else is allowed); levels are
    integers on the framework's scale; an indicator or a whole domain may instead be
    ``not_assessed`` with a non-empty reason; dates use ``format: date``.
    """
    domain_ids = [domain.id for domain in framework.domains]
    span = f"{framework.lowest}-{framework.highest}"
    target = _level(framework, f"A target level, {span}.")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": f"{framework.title} ({framework.ref}): submission",
        "description": (
            f"A self-assessment against {framework.title} ({framework.ref}), for wcc-assess. "
            f"Made by `wcc schema --framework {framework.id}`; `wcc validate` remains the "
            "full check."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["framework", "organisation", "period", "assessed_on", "domains"],
        "properties": {
            "framework": {
                "description": f"The framework assessed against: {framework.id}, optionally "
                f"pinned to its version as {framework.ref}."
                if latest
                else f"The framework assessed against, pinned to this version: {framework.ref} "
                f"({framework.id} alone names its latest version).",
                "type": "string",
                "enum": [framework.id, framework.ref] if latest else [framework.ref],
            },
            "organisation": {
                "description": "The organisation assessed.",
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "code"],
                "properties": {
                    "name": {**_TEXT, "description": "The organisation's name."},
                    "code": {
                        **_TEXT,
                        "description": "The organisation's code (e.g. its ODS code); quote "
                        "it if it looks like a number.",
                    },
                },
            },
            "period": {
                "description": "The financial year assessed, e.g. 2026/27.",
                "type": "string",
                "pattern": period_pattern(),
            },
            "assessed_on": {
                "description": "The date of the assessment (YYYY-MM-DD); evidence must be "
                "dated on or before it to count.",
                "type": "string",
                "format": "date",
            },
            "assessors": {
                "description": "The people who made the self-assessment.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name"],
                    "properties": {
                        "name": _TEXT,
                        "role": {"type": ["string", "null"]},
                    },
                },
            },
            "targets": {
                "description": "Target levels: default for every domain, or per domain id.",
                "type": "object",
                "additionalProperties": False,
                "properties": {"default": target} | {domain_id: target for domain_id in domain_ids},
            },
            "domains": {
                "description": f"Every domain of {framework.id}: {', '.join(domain_ids)}.",
                "type": "object",
                "additionalProperties": False,
                "required": [d for d in domain_ids if d not in _unrated(framework)],
                "properties": {
                    domain.id: _domain(framework, domain) for domain in framework.domains
                },
            },
            **_assurance_properties(framework),
        },
        "$defs": {
            "evidence": {
                "description": "One item of evidence.",
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "ref", "date"],
                "properties": {
                    "title": {**_TEXT, "description": "What the evidence is."},
                    "ref": {
                        **_TEXT,
                        "description": "Where to find it: a URL, a document reference or a "
                        "board paper number. Items with the same ref count once.",
                    },
                    "date": {
                        "description": "When it was produced or approved (YYYY-MM-DD).",
                        "type": "string",
                        "format": "date",
                    },
                    "checked": _who_when("Who checked the document itself, and when."),
                    "kind": {
                        "description": "What it shows: plan (intent), decision (minutes, an "
                        "approved paper, a signed contract), result (data, an audit, an "
                        "evaluation), partner-view (partners' or the public's view) or other. "
                        "The evidence rules may ask for kinds by level.",
                        "enum": [kind.value for kind in EvidenceKind],
                    },
                    "key_document": _key_document(framework),
                },
            },
            "reason": {
                "description": "Why this was not assessed; a reason is required.",
                "type": "string",
                "minLength": 1,
                "pattern": "\\S",
            },
        },
    }


def result_schema() -> Schema:
    """Return the JSON Schema of the result document (``wcc assess --format json``)."""
    from wcc_assess.models.result import RESULT_SCHEMA_VERSION, Result

    generated = Result.model_json_schema(mode="serialization")
    generated.pop("title", None)
    generated.pop("description", None)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "wcc-assess result",
        "description": (
            "The graded assessment of one submission, as written by "
            f"`wcc assess --format json`. This schema describes schema_version "
            f"{RESULT_SCHEMA_VERSION}; an incompatible change bumps it."
        ),
        **generated,
    }


def schema_text(schema: Schema) -> str:
    """Return a schema as ``wcc schema`` prints it (and ``wcc init --write-schema`` writes it)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

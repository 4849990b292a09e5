"""What each kind of toolkit item contains: its front-matter keys, in order, and their shapes.

One schema serves the loader (validation), the exporter (key order), the browser editor and
the pages (which fields link to which other items).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from django.db import models
from django.utils.translation import gettext_lazy as _

STAGES = ("decide", "design", "deploy", "monitor", "retire")
FAMILIES = (
    "image-and-video",
    "text-and-speech",
    "risk-and-prediction",
    "content-generation",
    "process-optimisation",
    "robotics-and-drones",
)
REFERENCE_KINDS = ("law", "standard", "report", "article", "book", "guidance", "web")
CONCEPT_GROUPS = ("component", "misconception")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+$")
LINK_PATTERN = re.compile(r"\[\[([a-z0-9/-]+)(?:\|([^\]\n]+))?\]\]")
SUMMARY_MAX = 300


class ItemType(models.TextChoices):
    STAGE = "stage", _("Life-cycle stage")
    CORE_PRINCIPLE = "core_principle", _("Core principle")
    INSTRUMENTAL_PRINCIPLE = "instrumental_principle", _("Instrumental principle")
    REQUIREMENT = "requirement", _("Requirement")
    PRACTICE = "practice", _("Best practice")
    TERM = "term", _("Glossary term")
    CONCEPT = "concept", _("Concept")
    USE_CASE = "use_case", _("Use case")
    ROLE = "role", _("Stakeholder role")
    RECOMMENDATION = "recommendation", _("Recommendation")
    REGULATION = "regulation", _("Regulatory reference")
    REFERENCE = "reference", _("Reference")


class Shape(Enum):
    TEXT = "text"  # a string, may be empty
    REQUIRED_TEXT = "required text"
    INT = "whole number"
    OPTIONAL_INT = "whole number or empty"
    IDS = "list of item ids"
    ID = "item id"
    STRINGS = "list of texts"
    STAGES = "list of stage names"
    CHOICE = "one of the allowed values"
    STAGE_MAP = "mapping of every stage name to a text"
    RECORDS = "list of records"


@dataclass(frozen=True)
class Key:
    name: str
    shape: Shape
    links_to: tuple[str, ...] = ()  # id prefixes an id in this key may have
    choices: tuple[str, ...] = ()
    record: tuple[
        tuple[str, Shape, tuple[str, ...]], ...
    ] = ()  # for RECORDS: (key, shape, links_to)
    optional: bool = False


@dataclass(frozen=True)
class TypeSchema:
    type: ItemType
    prefix: str  # first id segment
    segments: int  # number of id segments
    keys: tuple[Key, ...] = field(default_factory=tuple)

    def key(self, name: str) -> Key | None:
        return next((k for k in self.keys if k.name == name), None)


def _k(name: str, shape: Shape, *links: str, **extra: object) -> Key:
    return Key(name, shape, tuple(links), **extra)  # type: ignore[arg-type]


PRINCIPLE = "principle/"
SCHEMAS: dict[ItemType, TypeSchema] = {
    s.type: s
    for s in (
        TypeSchema(ItemType.STAGE, "stage", 2, (_k("order", Shape.INT),)),
        TypeSchema(ItemType.CORE_PRINCIPLE, "principle", 2, (_k("order", Shape.INT),)),
        TypeSchema(
            ItemType.INSTRUMENTAL_PRINCIPLE,
            "principle",
            3,
            (
                _k("order", Shape.INT),
                _k("use_cases", Shape.IDS, "use-case/"),
                _k("regulations", Shape.IDS, "regulation/"),
                _k("references", Shape.IDS, "reference/"),
            ),
        ),
        TypeSchema(
            ItemType.REQUIREMENT,
            "requirement",
            3,
            (
                _k("principle", Shape.ID, PRINCIPLE),
                _k("stages", Shape.STAGES),
                _k("evidence", Shape.REQUIRED_TEXT),
            ),
        ),
        TypeSchema(
            ItemType.PRACTICE,
            "practice",
            2,
            (
                _k("principle", Shape.ID, PRINCIPLE),
                _k("meets", Shape.IDS, "requirement/"),
                _k("stages", Shape.STAGES),
                _k("references", Shape.IDS, "reference/"),
            ),
        ),
        TypeSchema(
            ItemType.TERM,
            "term",
            2,
            (
                _k("aliases", Shape.STRINGS),
                _k("related", Shape.IDS, "term/"),
                _k("references", Shape.IDS, "reference/"),
            ),
        ),
        TypeSchema(
            ItemType.CONCEPT,
            "concept",
            2,
            (
                _k("group", Shape.CHOICE, choices=CONCEPT_GROUPS),
                _k("related", Shape.IDS, "term/", "concept/"),
            ),
        ),
        TypeSchema(
            ItemType.USE_CASE,
            "use-case",
            2,
            (
                _k("family", Shape.CHOICE, choices=FAMILIES),
                _k("typical_data", Shape.STRINGS),
                _k("threat", Shape.REQUIRED_TEXT),
                _k("tool", Shape.REQUIRED_TEXT),
                _k("evidence_note", Shape.REQUIRED_TEXT),
                _k(
                    "risks",
                    Shape.RECORDS,
                    record=(
                        ("principle", Shape.ID, (PRINCIPLE,)),
                        ("risk", Shape.REQUIRED_TEXT, ()),
                    ),
                ),
                _k(
                    "safeguards",
                    Shape.RECORDS,
                    record=(
                        ("safeguard", Shape.REQUIRED_TEXT, ()),
                        ("practice", Shape.ID, ("practice/",)),
                    ),
                ),
                _k(
                    "regulatory_flags",
                    Shape.RECORDS,
                    record=(
                        ("regulation", Shape.ID, ("regulation/",)),
                        ("note", Shape.REQUIRED_TEXT, ()),
                    ),
                ),
                _k(
                    "examples",
                    Shape.RECORDS,
                    record=(
                        ("example", Shape.REQUIRED_TEXT, ()),
                        ("reference", Shape.ID, ("reference/",)),
                    ),
                ),
                _k("references", Shape.IDS, "reference/"),
            ),
        ),
        TypeSchema(
            ItemType.ROLE,
            "role",
            2,
            (_k("duties", Shape.STAGE_MAP), _k("serves", Shape.IDS, "")),
        ),
        TypeSchema(
            ItemType.RECOMMENDATION,
            "recommendation",
            2,
            (
                _k("principles", Shape.IDS, PRINCIPLE),
                _k("stages", Shape.STAGES),
                _k("roles", Shape.IDS, "role/"),
                _k("references", Shape.IDS, "reference/"),
            ),
        ),
        TypeSchema(
            ItemType.REGULATION,
            "regulation",
            2,
            (
                _k("instrument", Shape.REQUIRED_TEXT),
                _k("provision", Shape.TEXT),
                _k("applies_from", Shape.TEXT),
                _k("principles", Shape.IDS, PRINCIPLE),
                _k("references", Shape.IDS, "reference/"),
            ),
        ),
        TypeSchema(
            ItemType.REFERENCE,
            "reference",
            2,
            (
                _k("kind", Shape.CHOICE, choices=REFERENCE_KINDS),
                _k("authors", Shape.STRINGS),
                _k("year", Shape.INT),
                _k("publisher", Shape.TEXT),
                _k("doi", Shape.TEXT),
                _k("url", Shape.TEXT),
                _k("citation", Shape.REQUIRED_TEXT),
                _k("verified", Shape.REQUIRED_TEXT),
            ),
        ),
    )
}
COMMON_KEYS = ("type", "title", "summary")
TRANSLATION_KEYS = ("type", "source_hash", "title", "summary")


def schema_for_id(item_id: str) -> TypeSchema | None:
    """The schema an id's shape calls for (principle ids have two kinds by depth)."""
    parts = item_id.split("/")
    for schema in SCHEMAS.values():
        if schema.prefix == parts[0] and schema.segments == len(parts):
            return schema
    return None


STAGE_LABELS = {
    "decide": _("Deciding whether AI is needed"),
    "design": _("Design and development, or procurement"),
    "deploy": _("Deployment"),
    "monitor": _("Monitoring and evaluation"),
    "retire": _("Retirement"),
}
FAMILY_LABELS = {
    "image-and-video": _("Image and video analysis"),
    "text-and-speech": _("Text and speech analysis"),
    "risk-and-prediction": _("Risk evaluation and prediction"),
    "content-generation": _("Content generation"),
    "process-optimisation": _("Process optimisation"),
    "robotics-and-drones": _("Robotics and drones"),
}
LINK_LABELS = {
    "use_cases": _("Use cases where it matters most"),
    "regulations": _("Regulatory references"),
    "references": _("References"),
    "principle": _("Principle"),
    "principles": _("Principles"),
    "meets": _("Requirements it helps meet"),
    "related": _("Related"),
    "roles": _("Roles"),
    "serves": _("Most useful parts of the toolkit"),
    "body": _("Mentioned in the text"),
    "risks": _("Principles at risk"),
    "safeguards": _("Practices"),
    "regulatory_flags": _("Regulatory flags"),
    "examples": _("Sources of the examples"),
}
PLURAL_LABELS = {
    ItemType.STAGE: _("Life-cycle stages"),
    ItemType.CORE_PRINCIPLE: _("Core principles"),
    ItemType.INSTRUMENTAL_PRINCIPLE: _("Instrumental principles"),
    ItemType.REQUIREMENT: _("Requirements"),
    ItemType.PRACTICE: _("Best practices"),
    ItemType.TERM: _("Glossary"),
    ItemType.CONCEPT: _("Concepts"),
    ItemType.USE_CASE: _("Use cases"),
    ItemType.ROLE: _("Stakeholder roles"),
    ItemType.RECOMMENDATION: _("Recommendations"),
    ItemType.REGULATION: _("Regulatory references"),
    ItemType.REFERENCE: _("References"),
}

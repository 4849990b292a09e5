"""A published public record in two recognised transparency layouts: the UK Algorithmic
Transparency Recording Standard (ATRS) and the Dutch algorithm register standard
(Algoritmeregister, v0.3.1).

Both are made from the record's `data` alone, plus the agency's name and country and the record's
number and publication date. A field the agency keeps internal or restricted is not in `data`
(services.draft drops it, services.publish checks again), so it cannot reach either layout. A
target field with no public value is left empty: `""` for text, `None` for a date, URL, e-mail,
identifier or choice, `[]` for a multi-value field. docs/transparency-formats.md maps every field
and names the sources the field names were checked against."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from django.db.models import Choices
from django.utils import timezone, translation

from rai_toolkit.register.models import (
    DataCategory,
    Jurisdiction,
    OutputEffect,
    RegulatoryClass,
    RiskLevel,
    Stage,
    Timing,
)
from rai_toolkit.risk.models import RiskAssessment
from rai_toolkit.transparency.models import TransparencyRecord

ATRS_SCHEMA = "rai-toolkit/atrs/1"
ATRS_VERSION = "v3.0"  # as GOV.UK writes algorithmic_transparency_record_atrs_version
NL_VERSION = "0.3.1"  # the `standard_version` constant of the Dutch standard

# Our life-cycle stage → the ATRS phase (GOV.UK's values) and the Dutch `status`.
ATRS_PHASE = {
    Stage.DECIDE: "pre-deployment",
    Stage.DESIGN: "pre-deployment",
    Stage.PROCURE: "pre-deployment",
    Stage.DEPLOY: "production",
    Stage.MONITOR: "production",
    Stage.RETIRED: "retired",
}
NL_STATUS = {
    Stage.DECIDE: "planned",
    Stage.DESIGN: "design",
    Stage.PROCURE: "development",
    Stage.DEPLOY: "operational",
    Stage.MONITOR: "operational",
    Stage.RETIRED: "retired",
}
# EU AI Act class of the screening → the Dutch `risk_category`. Outside the Act: no category.
# "conditional" is live identification under the Art. 5(1)(h) exception, with high-risk duties.
NL_RISK_CATEGORY = {
    RegulatoryClass.PROHIBITED: "unacceptable",
    RegulatoryClass.CONDITIONAL: "high risk",
    RegulatoryClass.HIGH_RISK: "high risk",
    RegulatoryClass.DEROGATION: "minimal risk",
    RegulatoryClass.TRANSPARENCY: "limited risk",
    RegulatoryClass.MINIMAL: "minimal risk",
}
# What the output does → the Dutch `type`; an output that only informs a person can be
# descriptive, diagnostic or predictive, so it is left open.
NL_TYPE = {OutputEffect.RECOMMENDS: "prescriptive", OutputEffect.DECIDES: "prescriptive"}
# Every system in the toolkit is used for law enforcement.
NL_DOMAIN = "public safety"
ATRS_FUNCTION = "public-order-and-safety"
ATRS_ORGANISATION_TYPE = "agency-or-public-body"


def atrs(record: TransparencyRecord) -> dict[str, Any]:
    """The record as an ATRS record: GOV.UK's metadata, then Tier 1 and the Tier 2 sections."""
    data = record.data
    with translation.override("en"):
        sections = [
            (1, "Overview", _atrs_overview(data)),
            (2, "Owner and Responsibility", _atrs_owner(record)),
            (2, "Description and Rationale", _empty("scope", "benefit", "alternatives_considered")),
            (2, "Decision-making process", _atrs_decision_making(data)),
            (2, "Technical specification and data", _atrs_technical(data)),
            (2, "Risks, mitigations and impact assessments", _atrs_risks(data)),
        ]
        return {
            "schema": ATRS_SCHEMA,
            "standard": "Algorithmic Transparency Recording Standard",
            "version": record.number,
            "metadata": _atrs_metadata(record),
            "sections": [
                {"tier": tier, "section": title, "fields": fields}
                for tier, title, fields in sections
            ],
        }


def algoritmeregister(record: TransparencyRecord) -> dict[str, Any]:
    """The record as a registration in the Dutch standard: one flat object, as its schema has."""
    with translation.override("en"):
        return {
            **_nl_basic(record),
            **_nl_use_case(record.data),
            **_nl_data_and_algorithm(record.data),
            **_nl_oversight(record.data),
            **_nl_metadata(record),
        }


def _atrs_metadata(record: TransparencyRecord) -> dict[str, Any]:
    data = record.data
    uk = Jurisdiction.UK in data.get("system.jurisdictions", [])
    return {
        "algorithmic_transparency_record_organisation": record.agency.name,
        "algorithmic_transparency_record_organisation_type": [ATRS_ORGANISATION_TYPE],
        "algorithmic_transparency_record_function": [ATRS_FUNCTION],
        "algorithmic_transparency_record_capability": [],
        "algorithmic_transparency_record_task": "",
        "algorithmic_transparency_record_phase": ATRS_PHASE.get(data.get("system.stage", "")),
        "algorithmic_transparency_record_region": ["uk"] if uk else [],
        "algorithmic_transparency_record_date_published": _date(record.published_at),
        "algorithmic_transparency_record_atrs_version": ATRS_VERSION,
        "algorithmic_transparency_record_other_tags": data.get("system.use_case", ""),
    }


def _atrs_overview(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "name": data.get("system.name", ""),
        "description": data.get("system.purpose", ""),
        "website": None,
        "contact_email": None,
    }


def _atrs_owner(record: TransparencyRecord) -> dict[str, Any]:
    vendor, product = record.data.get("system.vendor", ""), record.data.get("system.product", "")
    return {
        "organisation": record.agency.name,
        "team": "",
        "senior_responsible_owner": record.data.get("system.owner", ""),
        "external_supplier": _listed(vendor),
        "external_supplier_identifier": [],
        "external_supplier_role": _listed(f"Product: {product}" if product else ""),
        "data_access_terms": [],
    }


def _atrs_decision_making(data: Mapping[str, Any]) -> dict[str, Any]:
    effect = _part(data, "system.context", "output_effect")
    return {
        "process_integration": _context(data),
        "provided_information": _label(OutputEffect, effect),
        **_empty(
            "frequency_usage",
            "human_decisions",
            "required_training",
            "appeals_and_review",
        ),
    }


def _atrs_technical(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "system_architecture": None,
        "phase": ATRS_PHASE.get(data.get("system.stage", "")),
        "maintenance": "",
        "model_type": data.get("system.model", ""),
        "source_data_name": [],
        "source_data_description": _listed(_data_categories(data)),
        "source_data_url": [],
        "data_collection": [],
        "data_sharing_agreements": [],
        "data_access_and_storage": [],
    }


def _atrs_risks(data: Mapping[str, Any]) -> dict[str, Any]:
    """The screening and the risk assessment are the impact assessments: the multi-value
    fields of one assessment share a position in their lists, as in the standard."""
    assessments = _assessments(data)
    return {
        "impact_assessment_name": [name for name, _, _ in assessments],
        "impact_assessment_description": [text for _, text, _ in assessments],
        "impact_assessment_date": [when for _, _, when in assessments],
        "impact_assessment_link": [None for _ in assessments],
        "risk_name": list(data.get("risk.risks", [])),
        "risk_description": [],
        "risk_mitigation": [],
    }


def _assessments(data: Mapping[str, Any]) -> list[tuple[str, str, str | None]]:
    """The screening and the risk assessment as ATRS impact assessments: name, summary, date."""
    found: list[tuple[str, str, str | None]] = []
    if screening := _screening(data):
        found.append(("EU AI Act screening", screening, None))
    if risk := _risk(data):
        found.append(("Risk assessment", risk, _part(data, "risk.decision", "decided_on") or None))
    return found


def _nl_basic(record: TransparencyRecord) -> dict[str, Any]:
    data = record.data
    vendor, product = data.get("system.vendor", ""), data.get("system.product", "")
    supplied = [f"Supplier: {vendor}." if vendor else "", f"Product: {product}." if product else ""]
    return {
        "name": data.get("system.name", ""),
        "organization": record.agency.name,
        "department": "",
        "country": str(record.agency.country.name),
        "contact_email": None,
        "contact_phone": "",
        "contact_name": "",
        "description_short": _shortened(data.get("system.purpose", ""), 150),
        "website": None,
        "status": NL_STATUS.get(data.get("system.stage", "")),
        "remark": " ".join(filter(None, supplied)),
    }


def _nl_use_case(data: Mapping[str, Any]) -> dict[str, Any]:
    jurisdictions = [_label(Jurisdiction, j) for j in data.get("system.jurisdictions", [])]
    return {
        "decision_making_process": _context(data),
        "domain": NL_DOMAIN,
        "area": ", ".join(jurisdictions),
        "goal": data.get("system.purpose", ""),
        "impact": data.get("system.affected_groups", ""),
        "risks": " ".join(filter(None, (_screening(data), _risk(data), _risk_titles(data)))),
        "risk_category": NL_RISK_CATEGORY.get(_part(data, "screening.outcome", "eu_class")),
        "proportionality": "",
        "lawful_basis": "",
        "documentation": None,
    }


def _nl_data_and_algorithm(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "training_data": "",
        "source_data": _data_categories(data),
        "data_bias": "",
        "connected_data_sources": "",
        "DPIA_description": "",
        "DPIA_url": None,
        "description": "",
        "algorithm_type": None,
        "methods_and_models": data.get("system.model", ""),
        "performance": "",
        "alternatives_considered": "",
        "product_information": None,
        "codebase_url": None,
        "product_page": None,
        "AIA_description": "",
        "AIA_url": None,
    }


def _nl_oversight(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": NL_TYPE.get(_part(data, "system.context", "output_effect")),
        "monitoring": "",
        "human_intervention": "",
        "objection_procedure": "",
        "rollback": "",
    }


def _nl_metadata(record: TransparencyRecord) -> dict[str, Any]:
    published = _date(record.published_at)
    return {
        "standard_version": NL_VERSION,
        # Stable across versions of one system's record, and unique to this agency's system.
        "uuid": str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"rai-toolkit:{record.agency.slug}:{record.system_id}")
        ),
        "lang": record.agency.default_language,
        # The first publication is known only for the first version of a record.
        "publication_date": published if record.number == 1 else None,
        "last_change_date": published,
        "revision_date": None,
        "revision_note": "",
        "keywords": record.data.get("system.use_case", ""),
    }


def _context(data: Mapping[str, Any]) -> str:
    """The context of use in a sentence: when it runs, where, and what its output does."""
    context = data.get("system.context")
    if not isinstance(context, dict):
        return ""
    parts = []
    if context.get("timing"):
        parts.append(f"Timing: {_label(Timing, context['timing'])}.")
    if context.get("public_space") is not None:
        where = "yes" if context["public_space"] else "no"
        parts.append(f"Used in publicly accessible spaces: {where}.")
    if context.get("output_effect"):
        parts.append(f"Its output: {_label(OutputEffect, context['output_effect'])}.")
    return " ".join(parts)


def _screening(data: Mapping[str, Any]) -> str:
    eu_class = _part(data, "screening.outcome", "eu_class")
    if not eu_class:
        return ""
    articles = _part(data, "screening.outcome", "articles") or []
    text = f"EU AI Act screening: {_label(RegulatoryClass, eu_class)}."
    return f"{text} Articles: {', '.join(articles)}." if articles else text


def _risk(data: Mapping[str, Any]) -> str:
    parts = []
    for level in ("inherent", "residual"):
        if value := _part(data, "risk.levels", level):
            parts.append(f"{level.capitalize()} risk level: {_label(RiskLevel, value)}.")
    if decision := _part(data, "risk.decision", "decision"):
        parts.append(f"Decision: {_label(RiskAssessment.Decision, decision)}.")
    if conditions := data.get("risk.conditions"):
        parts.append(f"Conditions: {conditions}")
    return " ".join(parts)


def _risk_titles(data: Mapping[str, Any]) -> str:
    titles = data.get("risk.risks") or []
    return f"Risks: {'; '.join(titles)}." if titles else ""


def _data_categories(data: Mapping[str, Any]) -> str:
    return ", ".join(_label(DataCategory, c) for c in data.get("system.data_categories", []))


def _part(data: Mapping[str, Any], key: str, part: str) -> Any:
    value = data.get(key)
    return value.get(part) if isinstance(value, dict) else None


def _label(choices: type[Choices], value: Any) -> str:
    """The English label of a stored choice, or the value itself if it is not (or no longer) one."""
    labels: dict[Any, Any] = dict(choices.choices)
    return str(labels.get(value, value or ""))


def _listed(text: str) -> list[str]:
    return [text] if text else []


def _empty(*names: str) -> dict[str, str]:
    return dict.fromkeys(names, "")


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _date(value: datetime.datetime | None) -> str | None:
    return timezone.localdate(value).isoformat() if value else None

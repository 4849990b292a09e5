"""The register as JSON (`rai-toolkit/register/1`, docs/exports.md): every system with its
register record, latest screening, decided risk-assessment versions and attached files."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from rai_toolkit.agencies.models import Agency
from rai_toolkit.register.models import AISystem, Attachment
from rai_toolkit.risk.models import RiskAssessment
from rai_toolkit.screening.models import Screening

SCHEMA = "rai-toolkit/register/1"

# The register fields exported as they are stored (an import writes the same names back).
FIELDS = (
    "name",
    "purpose",
    "use_case",
    "family",
    "role",
    "stage",
    "sourcing",
    "vendor",
    "product",
    "model_name",
    "model_version",
    "data_categories",
    "timing",
    "public_space",
    "output_effect",
    "affected_groups",
    "jurisdictions",
    "status",
    "regulatory_class",
    "risk_level",
)


def systems_for_export(agency: Agency) -> list[AISystem]:
    decided = RiskAssessment.objects.decided().order_by("number")
    return list(
        AISystem.objects.filter(agency=agency)
        .select_related("owner")
        .prefetch_related(
            Prefetch("risk_assessments", queryset=decided, to_attr="decided_versions"),
            Prefetch("screenings", queryset=Screening.objects.order_by("-created_at", "-pk")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk")),
        )
        .order_by("name", "pk")
    )


def system_json(system: AISystem) -> dict[str, Any]:
    screenings = list(system.screenings.all())
    latest = screenings[0] if screenings else None
    return {
        "id": system.pk,
        **{name: getattr(system, name) for name in FIELDS},
        "owner": system.owner.display_name if system.owner else None,
        "reassess_by": system.reassess_by.isoformat() if system.reassess_by else None,
        "created_at": system.created_at.isoformat(),
        "updated_at": system.updated_at.isoformat(),
        "screening": None
        if latest is None
        else {
            "answers": latest.answers,
            "facts": latest.facts,
            "result": latest.result,
            "eu_class": latest.eu_class,
            "rules_hash": latest.rules_hash,
            "at": latest.created_at.isoformat(),
        },
        "decided_versions": [
            {
                "version": a.number,
                "decision": a.decision,
                "decided_at": a.decided_at.isoformat() if a.decided_at else None,
                "inherent_level": a.inherent_level,
                "residual_level": a.residual_level,
            }
            for a in getattr(system, "decided_versions", [])
        ],
        "attachments": [
            {"name": f.name, "content_type": f.content_type, "size": f.size, "sha256": f.sha256}
            for f in system.attachments.all()
        ],
    }


def register_json(agency: Agency) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "agency": {"name": agency.name, "country": str(agency.country)},
        "exported_at": timezone.now().isoformat(),
        "systems": [system_json(s) for s in systems_for_export(agency)],
    }

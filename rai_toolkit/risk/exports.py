"""Machine-readable copies: a decided version from its snapshot, an open one as it stands."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from rai_toolkit.risk import snapshot
from rai_toolkit.risk.models import Fria, RiskAssessment

FRIA_SCHEMA = "rai-toolkit/fria/1"


def assessment_json(assessment: RiskAssessment) -> dict[str, Any]:
    from rai_toolkit.screening.selectors import latest_result

    if assessment.snapshot is not None:
        return {**assessment.snapshot, "status": assessment.status, "locked": True}
    live = snapshot.build(assessment, latest_result(assessment.system))
    return {
        **live,
        "status": assessment.status,
        "locked": False,
        "exported_at": timezone.now().isoformat(),
    }


def fria_json(assessment: RiskAssessment) -> dict[str, Any]:
    source = assessment.snapshot["fria"] if assessment.snapshot else None
    if source is None:
        found = Fria.objects.filter(assessment=assessment).first()
        source = {name: getattr(found, name) if found else "" for name in Fria.FIELDS}
    return {
        "schema": FRIA_SCHEMA,
        "legal_basis": "Regulation (EU) 2024/1689, Article 27(1)(a)-(f)",
        "system": {"id": assessment.system_id, "name": assessment.system.name},
        "assessment_version": assessment.number,
        "status": assessment.status,
        "sections": [
            {
                "point": "abcdef"[index],
                "title": str(getattr(Fria._meta.get_field(name), "verbose_name", name)),
                "text": source.get(name, ""),
            }
            for index, name in enumerate(Fria.FIELDS)
        ],
    }

"""Machine-readable copies: a decided version from its snapshot, an open one as it stands."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from rai_toolkit.audit.exports import neutralise
from rai_toolkit.risk import snapshot
from rai_toolkit.risk.models import Fria, Risk, RiskAssessment

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


REGISTER_COLUMNS = (
    "system",
    "assessment_version",
    "risk_id",
    "principle",
    "risk",
    "likelihood",
    "severity",
    "inherent_level",
    "residual_likelihood",
    "residual_severity",
    "residual_level",
    "open_mitigations",
)


def register_csv(risks: Iterable[Risk]) -> str:
    """The agency's risk register as CSV; a cell that a spreadsheet would read as a formula is
    prefixed with an apostrophe (docs/exports.md)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REGISTER_COLUMNS)
    for risk in risks:
        mitigations = getattr(risk, "open_mitigations", [])
        cells = (
            risk.assessment.system.name,
            risk.assessment.number,
            risk.item,
            risk.principle,
            risk.title,
            risk.likelihood,
            risk.severity,
            risk.inherent_level,
            risk.residual_likelihood,
            risk.residual_severity,
            risk.residual_level,
            "; ".join(f"{m.description} ({m.due.isoformat()})" for m in mitigations),
        )
        writer.writerow([neutralise(cell) for cell in cells])
    return "\ufeff" + out.getvalue()  # BOM: spreadsheets then read UTF-8 correctly

"""The frozen record of a decided risk assessment: what was assessed, against which catalogue
version and screening, and what was decided. Reports and exports read it, never the live rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rai_toolkit.risk.models import RiskAssessment
    from rai_toolkit.screening.rules import Result

SCHEMA = "rai-toolkit/risk-assessment/1"


def _user(user: Any) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "name": user.display_name}


def build(assessment: RiskAssessment, screening: Result | None) -> dict[str, Any]:
    from rai_toolkit.risk.models import Fria

    system = assessment.system
    fria = Fria.objects.filter(assessment=assessment).first()
    return {
        "schema": SCHEMA,
        "system": {
            "id": system.pk,
            "name": system.name,
            "purpose": system.purpose,
            "use_case": system.use_case,
            "owner": _user(system.owner),
            "vendor": system.vendor,
            "product": system.product,
            "model": system.model_name,
            "model_version": system.model_version,
            "facts": system.facts(),
            "affected_groups": system.affected_groups,
        },
        "version": assessment.number,
        "catalogue": {
            "version": assessment.catalogue.number,
            "content_hash": assessment.catalogue.content_hash,
        },
        "screening": screening.as_json() if screening is not None else None,
        "risks": [
            {
                "item": r.item,
                "principle": r.principle,
                "title": r.title,
                "description": r.description,
                "affected": r.affected,
                "rights": r.rights,
                "applicable": r.applicable,
                "likelihood": r.likelihood,
                "scale": r.scale,
                "scope": r.scope,
                "reversibility": r.reversibility,
                "severity": r.severity,
                "inherent_level": r.inherent_level,
                "justification": r.justification,
                "controls": r.controls,
                "residual_likelihood": r.residual_likelihood,
                "residual_severity": r.residual_severity,
                "residual_level": r.residual_level,
                "residual_justification": r.residual_justification,
                "mitigations": [
                    {
                        "practice": m.practice,
                        "description": m.description,
                        "owner": _user(m.owner),
                        "due": m.due.isoformat(),
                        "status": m.status,
                    }
                    for m in r.mitigations.all()
                ],
            }
            for r in assessment.risks.prefetch_related("mitigations__owner")
        ],
        "fria": None if fria is None else {name: getattr(fria, name) for name in fria.FIELDS},
        "levels": {
            "inherent": assessment.inherent_level,
            "residual": assessment.residual_level,
        },
        "authors": [_user(u) for u in assessment.authors.order_by("pk")],
        "review": {
            "by": _user(assessment.reviewed_by),
            "at": assessment.reviewed_at.isoformat() if assessment.reviewed_at else None,
            "note": assessment.review_note,
        },
        "decision": {
            "decision": assessment.decision,
            "conditions": assessment.conditions,
            "reasons": assessment.decision_note,
            "by": _user(assessment.decided_by),
            "at": assessment.decided_at.isoformat() if assessment.decided_at else None,
        },
    }

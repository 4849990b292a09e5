"""Helpers for tests, the demo and benchmarks: a risk assessment filled in as an assessor would."""

from __future__ import annotations

import datetime

from django.utils import timezone

from rai_toolkit.accounts.models import User
from rai_toolkit.risk import services
from rai_toolkit.risk.models import Fria, RiskAssessment


def ratings(
    likelihood: int, scale: int, scope: int, reversibility: int, residual: int
) -> dict[str, str]:
    return {
        "likelihood": str(likelihood),
        "scale": str(scale),
        "scope": str(scope),
        "reversibility": str(reversibility),
        "residual_likelihood": str(residual),
        "residual_severity": str(min(scale, 2)),
        "justification": "Rated from the pilot's error log and the vendor's test report.",
        "controls": "Trained operators; searches logged.",
        "residual_justification": "The mitigations below lower how often it can happen.",
    }


def complete(
    assessment: RiskAssessment, by: User, values: dict[str, str] | None = None
) -> RiskAssessment:
    """Rate every risk, give each risk above the acceptable level a mitigation, and write the
    FRIA, so that the assessment can be submitted."""
    catalogue = assessment.catalogue.catalogue
    due = timezone.localdate() + datetime.timedelta(days=90)
    for risk in assessment.risks.all():
        saved = services.rate(
            risk=risk, data=values or ratings(3, 3, 2, 2, 1), revision=risk.revision, by=by
        )
        if catalogue.above_acceptable(saved.inherent_level) and not saved.mitigations.exists():
            services.add_mitigation(
                risk=saved,
                description="Second examiner confirms every candidate before any action.",
                practice="",
                owner=by,
                due=due,
                by=by,
            )
    fria = services.fria_of(assessment)
    data = {name: getattr(fria, name) or f"Written for ({name})." for name in Fria.FIELDS}
    services.save_fria(assessment=assessment, data=data, revision=fria.revision, by=by)
    assessment.refresh_from_db()
    return assessment


def signed_off(
    assessment: RiskAssessment,
    *,
    author: User,
    reviewer: User,
    leader: User,
    decision: str = "conditions",
    conditions: str = "Two examiners confirm every candidate.",
) -> RiskAssessment:
    """Complete, submit, review and decide: the four-eyes path in one step."""
    complete(assessment, author)
    services.submit(assessment=assessment, by=author)
    services.review(assessment=assessment, note="", by=reviewer)
    services.decide(
        assessment=assessment, decision=decision, conditions=conditions, note="", by=leader
    )
    assessment.refresh_from_db()
    return assessment

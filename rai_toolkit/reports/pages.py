"""What the reports page lists: everything a report can be made from, and the reports made."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Max

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.assessments.models import Assessment
from rai_toolkit.register.models import AISystem
from rai_toolkit.reports.models import Kind, Report
from rai_toolkit.risk.models import RiskAssessment


def list_context(access: AgencyAccess) -> dict[str, Any]:
    decided = RiskAssessment.objects.decided().filter(agency=access.agency).select_related("system")
    sources: list[tuple[str, int, str, Any]] = []
    newest = AISystem.objects.filter(agency=access.agency).aggregate(at=Max("updated_at"))["at"]
    if newest is not None:
        sources.append((Kind.REGISTER, access.agency.pk, access.agency.name, newest))
    sources += [
        (Kind.READINESS, a.pk, a.title, a.finalised_at)
        for a in Assessment.objects.finalised().filter(agency=access.agency)
    ]
    for a in decided:
        label = f"{a.system.name} · v{a.number}"
        sources.append((Kind.RISK, a.pk, label, a.decided_at))
        if a.snapshot and a.snapshot.get("fria"):
            sources.append((Kind.FRIA, a.pk, label, a.decided_at))
    return {
        "access": access,
        "sources": [(Kind(k).label, k, pk, title, when) for k, pk, title, when in sources],
        "languages": settings.LANGUAGES,
        "reports": Report.objects.filter(agency=access.agency).select_related("requested_by")[:50],
    }

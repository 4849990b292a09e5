"""The agency dashboard's panel on its AI systems: by stage and by residual risk level, overdue
reassessments and open mitigations of the current risk assessments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.register.models import AISystem, RiskLevel, Stage
from rai_toolkit.risk.models import Mitigation


@dataclass(frozen=True)
class Panel:
    """The agency dashboard's view of its register."""

    total: int
    by_stage: list[tuple[str, str, int]]
    by_level: list[tuple[str, str, int]]
    overdue: int
    open_mitigations: int


def panel(access: AgencyAccess) -> dict[str, Any] | None:
    systems = AISystem.objects.filter(agency=access.agency)
    counts = systems.aggregate(
        total=Count("pk"),
        overdue=Count(
            "pk",
            filter=Q(reassess_by__lt=timezone.localdate()) & ~Q(stage=Stage.RETIRED),
        ),
        **{f"stage_{s}": Count("pk", filter=Q(stage=s)) for s in Stage.values},
        **{f"level_{lv}": Count("pk", filter=Q(risk_level=lv)) for lv in RiskLevel.values},
        unassessed=Count("pk", filter=Q(risk_level="")),
    )
    if not counts["total"]:
        return {"access": access, "panel": None}
    open_mitigations = (
        Mitigation.objects.open()
        .filter(
            agency=access.agency,
            risk__assessment__agency=access.agency,
            risk__assessment__current=True,
        )
        .count()
    )
    panel = Panel(
        total=counts["total"],
        by_stage=[(v, str(label), counts[f"stage_{v}"]) for v, label in Stage.choices],
        by_level=[(v, str(label), counts[f"level_{v}"]) for v, label in RiskLevel.choices]
        + [("none", "", counts["unassessed"])],
        overdue=counts["overdue"],
        open_mitigations=open_mitigations,
    )
    return {"access": access, "panel": panel}

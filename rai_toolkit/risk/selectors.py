"""What the risk pages read, at a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.agencies.models import Perm
from rai_toolkit.register.models import RiskLevel
from rai_toolkit.risk.catalogue import Catalogue
from rai_toolkit.risk.models import Mitigation, Risk, RiskAssessment

RANK = {level: index for index, level in enumerate(RiskLevel.values)}


def assessment_or_404(access: AgencyAccess, pk: int) -> RiskAssessment:
    return access.get(
        RiskAssessment.objects.select_related(
            "system", "catalogue", "created_by", "reviewed_by", "decided_by"
        ),
        pk=pk,
    )


def risks_of(assessment: RiskAssessment) -> list[Risk]:
    return list(
        assessment.risks.select_related("updated_by").prefetch_related(
            Prefetch("mitigations", queryset=Mitigation.objects.select_related("owner"))
        )
    )


@dataclass(frozen=True)
class Cell:
    likelihood: int
    severity: int
    level: str
    count: int
    x: int
    y: int


@dataclass(frozen=True)
class HeatMap:
    kind: str  # "inherent" or "residual"
    rows: list[list[Cell]]  # likelihood 5 (top) to 1
    total: int


def heat_map(catalogue: Catalogue, risks: list[Risk], kind: str) -> HeatMap:
    counts: dict[tuple[int, int], int] = {}
    for risk in risks:
        if not risk.applicable:
            continue
        pair = (
            (risk.likelihood, risk.severity)
            if kind == "inherent"
            else (risk.residual_likelihood, risk.residual_severity)
        )
        likelihood, severity = pair
        if likelihood and severity:
            counts[(likelihood, severity)] = counts.get((likelihood, severity), 0) + 1
    rows = [
        [
            Cell(
                lk,
                sv,
                catalogue.level(lk, sv),
                counts.get((lk, sv), 0),
                40 + (sv - 1) * 52,
                10 + (5 - lk) * 52,
            )
            for sv in range(1, 6)
        ]
        for lk in range(5, 0, -1)
    ]
    return HeatMap(kind, rows, sum(counts.values()))


def can_edit(access: AgencyAccess, assessment: RiskAssessment) -> bool:
    return assessment.is_editable and access.can(Perm.EDIT)


def agency_risks(access: AgencyAccess, filters: dict[str, Any]) -> QuerySet[Risk]:
    """Every risk of every system's current assessment, the highest residual level first."""
    rank = Case(
        *(When(residual_level=level, then=Value(-i)) for level, i in RANK.items()),
        default=Value(1),
        output_field=IntegerField(),
    )
    risks = (
        # The assessment's own agency too: the planner then reads the (agency, current) index
        # instead of every current assessment of every agency.
        Risk.objects.filter(
            agency=access.agency,
            assessment__agency=access.agency,
            assessment__current=True,
            applicable=True,
        )
        .select_related("assessment__system")
        .prefetch_related(
            Prefetch(
                "mitigations",
                queryset=Mitigation.objects.open().select_related("owner"),
                to_attr="open_mitigations",
            )
        )
        .annotate(rank=rank)
        .order_by("rank", "assessment__system__name", "order", "pk")
    )
    if filters.get("level"):
        risks = risks.filter(residual_level=filters["level"])
    if filters.get("principle"):
        risks = risks.filter(principle__startswith=filters["principle"])
    if filters.get("system"):
        risks = risks.filter(assessment__system_id=filters["system"])
    return risks

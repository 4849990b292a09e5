"""Readiness across agencies, for platform administrators: only agencies that opted in, only
counts of levels, and only for groups of at least MINIMUM_GROUP agencies, so no single agency's
result can be read off the table."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from rai_toolkit.assessments.models import Assessment
from rai_toolkit.core.regions import region_of

MINIMUM_GROUP = 5
QUESTIONNAIRE = "readiness"


@dataclass(frozen=True)
class Group:
    region: str
    agencies: int
    overall: dict[str, int]  # level name → number of agencies
    dimensions: dict[str, dict[str, int]]  # dimension → level → number


def latest_results() -> list[tuple[str, dict[str, Any]]]:
    """(country, result) of each opted-in agency's latest finalised readiness assessment."""
    latest: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.finalised()
        .filter(
            agency__shares_results=True,
            version__questionnaire__key=QUESTIONNAIRE,
            version__questionnaire__agency__isnull=True,
        )
        .select_related("agency")
        .order_by("agency_id", "-finalised_at")
    ):
        latest.setdefault(assessment.agency_id, assessment)
    return [(str(a.agency.country), a.snapshot["result"]) for a in latest.values() if a.snapshot]


def _group(label: str, results: list[dict[str, Any]]) -> Group:
    dimensions: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        for dimension in result.get("dimensions", []):
            dimensions[dimension["name"]][dimension["level"] or ""] += 1
    return Group(
        label,
        len(results),
        dict(Counter(r.get("level") or "" for r in results)),
        {name: dict(counts) for name, counts in dimensions.items()},
    )


def distribution() -> tuple[list[Group], int]:
    """Groups large enough to show, and how many agencies are left out for being too few.

    Regions with too few agencies are pooled; if even the pool is too small it is left out,
    and then so is the all-regions total, which would give the pool away by subtraction."""
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for country, result in latest_results():
        by_region[str(region_of(country).label)].append(result)
    groups = [
        _group(region, r) for region, r in sorted(by_region.items()) if len(r) >= MINIMUM_GROUP
    ]
    pooled = [x for r in by_region.values() if len(r) < MINIMUM_GROUP for x in r]
    if len(pooled) >= MINIMUM_GROUP:
        groups.append(_group(str(_("Other regions")), pooled))
        pooled = []
    if groups and not pooled and len(groups) > 1:
        everyone = [x for r in by_region.values() for x in r]
        groups.insert(0, _group(str(_("All regions")), everyone))
    return groups, len(pooled)

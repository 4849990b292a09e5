"""A large register for `make bench`: agencies × systems × risk assessment versions, each
current version with the catalogue's risks rated and the riskier ones mitigated. Risks and
mitigations go in with COPY on PostgreSQL (millions of rows), bulk inserts elsewhere."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from rai_toolkit.agencies.models import Agency
from rai_toolkit.register.models import AISystem, Family, Stage
from rai_toolkit.risk.catalogue import Catalogue
from rai_toolkit.risk.models import CatalogueVersion, Mitigation, Risk, RiskAssessment
from rai_toolkit.risk.versions import latest

RISK_COLUMNS = (
    "agency_id",
    "assessment_id",
    "item",
    "principle",
    "title",
    "description",
    "affected",
    "rights",
    "applicable",
    "likelihood",
    "scale",
    "scope",
    "reversibility",
    "severity",
    "inherent_level",
    "justification",
    "controls",
    "residual_likelihood",
    "residual_severity",
    "residual_level",
    "residual_justification",
    "order",
    "revision",
    "updated_at",
)


def _systems(agency: Agency, count: int, rng: random.Random) -> list[AISystem]:
    today = timezone.localdate()
    return [
        AISystem(
            agency=agency,
            name=f"System {n:03d} of {agency.slug}",
            purpose="Generated for the benchmark.",
            family=rng.choice(Family.values),
            role="tool",
            stage=rng.choice(Stage.values),
            sourcing=rng.choice(["vendor", "in_house"]),
            vendor="Vendor",
            data_categories=["personal"],
            timing="after_the_fact",
            output_effect="recommends",
            jurisdictions=["eu"],
            regulatory_class=rng.choice(["high_risk", "minimal", "transparency", ""]),
            risk_level=rng.choice(["low", "medium", "high", "very_high", ""]),
            reassess_by=today + datetime.timedelta(days=rng.randint(-60, 365)),
        )
        for n in range(count)
    ]


def _risk_rows(
    catalogue: Catalogue, assessment: RiskAssessment, count: int, rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    items = catalogue.items
    now = timezone.now()
    for order in range(count):
        item = items[(order * 7 + assessment.pk) % len(items)]
        likelihood, scale, scope, rev = (rng.randint(1, 5) for _ in range(4))
        severity = catalogue.severity(scale, scope, rev)
        residual = max(1, likelihood - rng.randint(0, 2))
        residual_severity = max(1, severity - rng.randint(0, 1))
        yield (
            assessment.agency_id,
            assessment.pk,
            item.id,
            item.principle,
            item.title,
            "",
            item.affected,
            "[]",
            True,
            likelihood,
            scale,
            scope,
            rev,
            severity,
            catalogue.level(likelihood, severity),
            "Generated rating.",
            "",
            residual,
            residual_severity,
            catalogue.level(residual, residual_severity),
            "Generated rating.",
            order,
            1,
            now,
        )


def _insert(model: type[Any], columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        names = ", ".join(f'"{c}"' for c in columns)
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    model.objects.bulk_create(
        [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2000
    )


def generate(
    *,
    agencies: range,
    systems: int,
    versions: int,
    current_risks: int = 40,
    old_risks: int = 8,
    seed: int = 7,
) -> int:
    """Agencies `bench-NNNN` for each number in `agencies`; returns the rows written."""
    rng = random.Random(seed + agencies.start)
    version: CatalogueVersion = latest()
    catalogue: Catalogue = version.catalogue
    written = 0
    for number in agencies:
        with transaction.atomic():
            agency = Agency.objects.create(
                name=f"Bench agency {number:04d}",
                slug=f"bench-{number:04d}",
                country="FR",
                kind="national_police",
            )
            made = AISystem.objects.bulk_create(_systems(agency, systems, rng))
            assessments = RiskAssessment.objects.bulk_create(
                [
                    RiskAssessment(
                        agency=agency,
                        system=system,
                        number=n,
                        catalogue=version,
                        status="decided" if n < versions else rng.choice(["draft", "decided"]),
                        current=n == versions,
                        stage=system.stage,
                        family=system.family,
                    )
                    for system in made
                    for n in range(1, versions + 1)
                ]
            )
            rows = [
                row
                for a in assessments
                for row in _risk_rows(catalogue, a, current_risks if a.current else old_risks, rng)
            ]
            _insert(Risk, RISK_COLUMNS, rows)
            written += len(made) + len(assessments) + len(rows)
            written += _mitigations(agency, catalogue)
    return written


def _mitigations(agency: Agency, catalogue: Catalogue) -> int:
    due = timezone.localdate() + datetime.timedelta(days=60)
    above = [lv for lv in catalogue.levels if catalogue.above_acceptable(lv)]
    risks = Risk.objects.filter(
        agency=agency, assessment__current=True, inherent_level__in=above
    ).values_list("pk", flat=True)
    rows = [
        (agency.pk, pk, "", "Generated mitigation.", due, "planned", timezone.now()) for pk in risks
    ]
    _insert(
        Mitigation,
        ("agency_id", "risk_id", "practice", "description", "due", "status", "created_at"),
        rows,
    )
    return len(rows)

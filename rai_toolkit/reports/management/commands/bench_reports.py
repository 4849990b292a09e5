from __future__ import annotations

import logging
import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count
from django.utils import translation

from rai_toolkit.reports.rendering import render_pdf
from rai_toolkit.reports.sources import source_for, within
from rai_toolkit.risk.models import RiskAssessment


class Command(BaseCommand):
    help = "Median time to render the PDF of the largest decided risk assessment (make bench)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args: Any, repeat: int, **options: Any) -> None:
        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        assessment = (
            RiskAssessment.objects.decided()
            .annotate(n=Count("risks"))
            .select_related("agency", "decided_by")
            .order_by("-n")
            .first()
        )
        if assessment is None:
            raise CommandError("No decided risk assessment: run seed_demo first.")
        count = assessment.risks.count()
        render_pdf(
            source_for(within(assessment.agency), "risk", assessment.pk, assessment.agency),
            "en",
            None,
        )
        for language in ("en", "ar"):
            with translation.override(language):
                source = source_for(
                    within(assessment.agency), "risk", assessment.pk, assessment.agency
                )
            times, size = [], 0
            for _ in range(repeat):
                started = time.perf_counter()
                size = len(render_pdf(source, language, assessment.decided_by))
                times.append(time.perf_counter() - started)
            self.stdout.write(
                f"risk report PDF ({language}, {count} risks, heat maps): median "
                f"{statistics.median(times):.2f} s over {repeat}, {size // 1024} KB (goal <= 1.5 s)"
            )

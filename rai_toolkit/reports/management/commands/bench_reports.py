from __future__ import annotations

import logging
import statistics
import time
from dataclasses import replace
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
        render_pdf(
            source_for(within(assessment.agency), "risk", assessment.pk, assessment.agency),
            "en",
            None,
        )  # warm-up: fonts and style sheets load once per process
        for language in ("en", "ar"):
            with translation.override(language):
                full = source_for(
                    within(assessment.agency), "risk", assessment.pk, assessment.agency
                )
            applicable = [r for r in full.data["risks"] if r["applicable"]]
            # The reference size (about 40 risks) is the same report cut to 40 risks.
            for risks in (applicable[:40], applicable):
                source = replace(full, data={**full.data, "risks": risks})
                times, size = [], 0
                for _ in range(repeat):
                    started = time.perf_counter()
                    size = len(render_pdf(source, language, assessment.decided_by))
                    times.append(time.perf_counter() - started)
                self.stdout.write(
                    f"risk report PDF ({language}, {len(risks)} risks, heat maps): median "
                    f"{statistics.median(times):.2f} s over {repeat}, {size // 1024} KB "
                    "(goal <= 1.5 s)"
                )

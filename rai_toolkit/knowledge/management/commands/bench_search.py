from __future__ import annotations

import random
import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from rai_toolkit.knowledge import search
from rai_toolkit.knowledge.models import Edition
from rai_toolkit.knowledge.synthetic import TITLE, principle_page_queries, vocabulary


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


class Command(BaseCommand):
    help = "Time toolkit search against the bare full-text query on the synthetic edition."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queries", type=int, default=300)

    def handle(self, *args: Any, queries: int, **options: Any) -> None:
        edition = Edition.objects.filter(title=TITLE).order_by("-number").first()
        if edition is None:
            raise CommandError("Run generate_synthetic_items first.")
        rng = random.Random(11)
        words = vocabulary(5000, random.Random(7))
        asked = [" ".join(rng.sample(words[20:1500], rng.choice((1, 2)))) for _ in range(queries)]
        ours, bare = [], []
        for query in asked:
            started = time.perf_counter()
            search.search(edition.pk, query)
            ours.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            search.raw_match(edition.pk, query)
            bare.append((time.perf_counter() - started) * 1000)
        count = edition.items.count()
        self.stdout.write(
            f"search on {connection.vendor}, {count} items, {queries} queries: "
            f"p95 {p95(ours):.1f} ms (median {statistics.median(ours):.1f}); "
            f"bare full-text p95 {p95(bare):.1f} ms; ratio {p95(ours) / p95(bare):.2f}"
        )
        self.stdout.write(
            f"principle page queries: {principle_page_queries(10)} with 10 linked requirements, "
            f"{principle_page_queries(500)} with 500"
        )

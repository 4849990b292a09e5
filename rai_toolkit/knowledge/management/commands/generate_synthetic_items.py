from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rai_toolkit.knowledge.synthetic import generate


class Command(BaseCommand):
    help = "Create an unpublished edition of synthetic items, to measure search at scale."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100_000)

    def handle(self, *args: Any, count: int, **options: Any) -> None:
        started = time.perf_counter()
        edition, _ = generate(count)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Edition {edition.number}: {count} synthetic items in {seconds:.1f} s.")

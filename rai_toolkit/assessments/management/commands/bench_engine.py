from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.assessments.benchmarks import random_answers
from rai_toolkit.questionnaires.expressions import parse
from rai_toolkit.questionnaires.models import Questionnaire
from rai_toolkit.questionnaires.scoring import score


class Command(BaseCommand):
    help = "Scoring and expression throughput on the readiness questionnaire (for make bench)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--responses", type=int, default=20_000)

    def handle(self, *args: Any, responses: int, **options: Any) -> None:
        questionnaire = Questionnaire.objects.filter(key="readiness", agency__isnull=True).first()
        version = questionnaire.latest() if questionnaire else None
        if version is None:
            raise CommandError("Run load_questionnaires first.")
        definition = version.parsed
        rng = random.Random(3)
        sets = [random_answers(definition, rng) for _ in range(200)]
        started = time.perf_counter()
        for n in range(responses):
            score(definition, sets[n % len(sets)])
        per_second = responses / (time.perf_counter() - started)
        self.stdout.write(
            f"scoring: {per_second:,.0f} readiness responses/s "
            f"({len(definition.questions)} questions; goal >= 10,000)"
        )
        conditions = [
            "{a} = 'yes' and {b} notempty",
            "{n} > 3 or {tags} contains 'x'",
            "iif({n} >= 2, 'many', 'few') = 'many'",
            "sum({n}, 2, 3) > 5 and !({a} anyof ['no', 'partly'])",
            "{m.row} = 'always' or {tags} allof ['x', 'y']",
        ]
        parsed = [parse(text) for text in conditions]
        values = {"a": "yes", "b": "x", "n": 4, "tags": ["x", "y"], "m": {"row": "always"}}
        count = 200_000
        started = time.perf_counter()
        for n in range(count):
            parsed[n % len(parsed)].evaluate(values)
        self.stdout.write(
            f"expressions: {count / (time.perf_counter() - started):,.0f} evaluations/s "
            "(parsed once, evaluated many times)"
        )

"""Inputs for `make bench`: random answer sets for the scoring figures, and an assessment
whose one section holds 60 answered and discussed questions, for the page figure."""

from __future__ import annotations

import random
from typing import Any

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments import services
from rai_toolkit.assessments.models import Assessment, Comment
from rai_toolkit.questionnaires.definition import Definition
from rai_toolkit.questionnaires.services import store_version

SECTION_QUESTIONS = 60


def random_answers(definition: Definition, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in definition.questions.values():
        if not question.choices or rng.random() < 0.1:
            continue
        if question.type == "checkbox":
            answers[question.name] = [c.value for c in question.choices if rng.random() < 0.5]
        elif question.type == "matrix":
            answers[question.name] = {
                str(r.value): rng.choice(question.choices).value for r in question.rows
            }
        else:
            answers[question.name] = rng.choice(question.choices).value
    return answers


def section_definition() -> dict[str, Any]:
    elements = [
        {
            "type": "rating",
            "name": f"q{n}",
            "title": f"Question {n}: how mature is this practice in your agency?",
            "description": "What a good answer would show, in a sentence or two.",
            "dimension": "bench",
            "rateValues": [{"value": v, "text": f"Level {v}", "score": v - 1} for v in range(1, 6)],
        }
        for n in range(1, SECTION_QUESTIONS + 1)
    ]
    return {
        "id": "bench-section",
        "title": "Benchmark: one section of 60 questions",
        "scoring": {
            "method": "weighted",
            "dimensions": [{"name": "bench", "title": "Bench"}],
            "levels": [{"name": "one", "min": 0, "title": "One"}],
        },
        "pages": [{"name": "all", "title": "All questions", "elements": elements}],
    }


def section_assessment(agency: Agency, by: User) -> Assessment:
    version = store_version(data=section_definition(), agency=agency, by=by)[0]
    assessment = services.start(agency=agency, version=version, title="Benchmark", by=by)
    rng = random.Random(5)
    for question in version.parsed.questions.values():
        services.save_answer(
            assessment=assessment,
            question=question,
            value=rng.randint(1, 5),
            justification="",
            revision=None,
            by=by,
        )
        Comment.objects.create(
            assessment=assessment,
            question=question.name,
            author=by,
            body="Checked against the policy register.",
        )
    return assessment

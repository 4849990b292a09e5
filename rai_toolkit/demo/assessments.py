"""Demo assessments: last year's readiness assessment, finalised, and this year's, under way,
with the roadmap actions the first one led to. Answers are chosen from a fixed maturity
profile per dimension so the results tell a plausible story (strong governance, weak data)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments import services
from rai_toolkit.assessments.models import Assessment
from rai_toolkit.assessments.results import results_page
from rai_toolkit.questionnaires.definition import Question
from rai_toolkit.questionnaires.models import Questionnaire

# The demo agency's context: a few systems in use, bought from vendors.
CONTEXT = {
    "profile-systems-in-use": 4,
    "profile-ai-families": ["image-and-video", "text-and-speech", "process-optimisation"],
    "procurement-uses-vendors": "yes",
}
# Share of the maximum each dimension reaches, last year and this year.
PROFILE_2025 = {"default": 0.35, "governance": 0.5, "strategy": 0.55, "data": 0.2}
PROFILE_2026 = {"default": 0.55, "governance": 0.7, "strategy": 0.7, "data": 0.45}


def _value(question: Question, share: float) -> object:
    """The choice whose score is nearest to `share` of the question's maximum."""
    scored = [c for c in question.choices if c.score is not None and not c.not_applicable]
    if not scored:
        return None
    target = share * question.max_score()
    if question.type == "checkbox":
        chosen, total = [], 0.0
        for choice in sorted(scored, key=lambda c: c.score or 0):
            if choice.score and total + choice.score <= target + 0.01:
                chosen.append(choice.value)
                total += choice.score or 0
        return chosen or None
    return min(scored, key=lambda c: abs((c.score or 0) - target)).value


def _answer_all(assessment: Assessment, profile: dict[str, float], by: User, upto: int) -> None:
    definition = assessment.version.parsed
    revisions = dict(assessment.answers.values_list("question", "revision"))
    for index, question in enumerate(definition.questions.values()):
        if index >= upto:
            break
        if question.name in CONTEXT:
            value = CONTEXT[question.name]
        elif question.scored:
            value = _value(question, profile.get(question.dimension, profile["default"]))
        else:
            continue
        if value is not None:
            services.save_answer(
                assessment=assessment,
                question=question,
                value=value,
                justification="",
                revision=revisions.get(question.name),
                by=by,
            )


def seed_assessments(agency: Agency) -> None:
    readiness = Questionnaire.objects.filter(key="readiness", agency__isnull=True).first()
    version = readiness.latest() if readiness else None
    assessor = User.objects.filter(email="assessor@demo-police.example").first()
    reviewer = User.objects.filter(email="reviewer@demo-police.example").first()
    if version is None or assessor is None or reviewer is None or agency.assessments.exists():
        return
    last_year = services.start(agency=agency, version=version, title="Readiness 2025", by=assessor)
    _answer_all(last_year, PROFILE_2025, assessor, upto=10_000)
    services.submit(assessment=last_year, by=assessor)
    services.finalise(assessment=last_year, by=reviewer)
    Assessment.objects.filter(pk=last_year.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=365),
        finalised_at=timezone.now() - datetime.timedelta(days=350),
    )
    last_year.refresh_from_db()
    for recommendation in results_page(last_year)["recommendations"][:3]:
        services.adopt(
            agency=agency,
            recommendation=recommendation.item_id,
            title=recommendation.title,
            owner=assessor,
            due=timezone.localdate() + datetime.timedelta(days=90),
            source=last_year,
            by=assessor,
        )
    this_year = services.start(
        agency=agency, version=version, title="Readiness 2026", by=assessor, previous=last_year
    )
    _answer_all(this_year, PROFILE_2026, assessor, upto=25)

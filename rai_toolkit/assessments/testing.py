"""Assessments for tests, on the small questionnaire in questionnaires/tests/files."""

from __future__ import annotations

from django.test import Client

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments import services
from rai_toolkit.assessments.models import Assessment
from rai_toolkit.questionnaires.models import QuestionnaireVersion
from rai_toolkit.questionnaires.services import store_version
from rai_toolkit.questionnaires.tests.helpers import mini_data


def mini_version() -> QuestionnaireVersion:
    return store_version(data=mini_data(), agency=None, by=None)[0]


def started(agency: Agency, by: User, title: str = "Readiness 2026") -> Assessment:
    return services.start(agency=agency, version=mini_version(), title=title, by=by)


def answer(assessment: Assessment, question: str, value: object, by: User) -> None:
    found = assessment.version.parsed.questions[question]
    current = assessment.answers.filter(question=question).first()
    services.save_answer(
        assessment=assessment,
        question=found,
        value=value,
        justification="",
        revision=current.revision if current else None,
        by=by,
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(assessment: Assessment, tail: str = "") -> str:
    return f"/a/{assessment.agency.slug}/assessments/{assessment.pk}/{tail}"

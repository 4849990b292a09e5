"""Submit, return for changes, finalise: a reviewer who did not answer fixes the result."""

import pytest
from django.core.exceptions import ValidationError

from conftest import Personas
from rai_toolkit.assessments import services
from rai_toolkit.assessments.models import Assessment
from rai_toolkit.assessments.testing import answer, client_for, started, url

HTMX = {"HX-Request": "true"}


def answered(personas: Personas) -> Assessment:
    assessment = started(personas.agency_a, personas.a_assessor)
    answer(assessment, "policy", 3, personas.a_assessor)
    answer(assessment, "vendors", "yes", personas.a_assessor)
    answer(assessment, "contract", "partly", personas.a_assessor)
    answer(assessment, "controls", ["inventory"], personas.a_assessor)
    return assessment


def test_submitting_needs_every_required_answer(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    client = client_for(personas.a_assessor)
    response = client.post(url(assessment, "submit/"), follow=True)
    assert b"still need attention" in response.content
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS
    answer(assessment, "policy", 3, personas.a_assessor)
    client.post(url(assessment, "submit/"))
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_not_applicable_needs_a_justification(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    answer(assessment, "policy", 3, personas.a_assessor)
    answer(assessment, "vendors", "yes", personas.a_assessor)
    answer(assessment, "contract", "na", personas.a_assessor)
    [missing] = services.missing_answers(assessment)
    assert missing.question.name == "contract" and "why" in missing.reason


def test_a_reviewer_who_answered_cannot_finalise(personas: Personas) -> None:
    assessment = answered(personas)
    answer(assessment, "systems", 2, personas.a_admin)  # the admin answered one question
    services.submit(assessment=assessment, by=personas.a_assessor)
    with pytest.raises(ValidationError, match="another reviewer must review it"):
        services.finalise(assessment=assessment, by=personas.a_admin)


def test_returning_needs_a_note_and_reopens_the_answers(personas: Personas) -> None:
    assessment = answered(personas)
    services.submit(assessment=assessment, by=personas.a_assessor)
    reviewer = client_for(personas.a_reviewer)
    reviewer.post(url(assessment, "return/"), {"note": ""})
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    reviewer.post(url(assessment, "return/"), {"note": "Explain the contract answer."})
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.RETURNED
    assert (
        b"Explain the contract answer."
        in client_for(personas.a_assessor).get(url(assessment)).content
    )
    answer(assessment, "contract", "yes", personas.a_assessor)  # editable again


def test_finalising_freezes_the_result_with_the_questionnaire_hash(personas: Personas) -> None:
    assessment = answered(personas)
    services.submit(assessment=assessment, by=personas.a_assessor)
    client_for(personas.a_reviewer).post(url(assessment, "finalise/"))
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.FINALISED
    snapshot = assessment.snapshot
    assert snapshot is not None
    assert snapshot["content_hash"] == assessment.version.content_hash
    assert snapshot["result"]["percent"] == "25.0"  # (50 + 2 × 12.5) / 3
    assert snapshot["answers"]["policy"] == 3
    # Nothing changes a finalised assessment.
    response = client_for(personas.a_assessor).post(
        url(assessment, "q/policy/answer/"), {"value": "4", "revision": "1"}, headers=HTMX
    )
    assert response.status_code == 400 and b"cannot be changed" in response.content
    assert assessment.answers.get(question="policy").value == 3


def test_only_reviewers_review(personas: Personas) -> None:
    assessment = answered(personas)
    services.submit(assessment=assessment, by=personas.a_assessor)
    assert client_for(personas.a_assessor).post(url(assessment, "finalise/")).status_code == 403
    assert client_for(personas.a_viewer).post(url(assessment, "return/")).status_code == 403

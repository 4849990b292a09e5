"""The risk assessment from start to decision, and every refused step leaving nothing changed."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.register.models import AISystem
from rai_toolkit.risk import services
from rai_toolkit.risk.models import Risk, RiskAssessment
from rai_toolkit.risk.testing import complete, ratings
from rai_toolkit.screening.testing import screened_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(personas: Personas) -> RiskAssessment:
    found = screened_system(personas.agency_a, personas.a_assessor)
    return services.start(system=found.system, by=personas.a_assessor)


def _url(name: str, assessment: RiskAssessment, **kwargs: object) -> str:
    return reverse(name, kwargs={"agency": assessment.agency.slug, "pk": assessment.pk, **kwargs})


def test_start_lists_only_the_risks_relevant_to_the_systems_family_and_stage(
    assessment: RiskAssessment,
) -> None:
    catalogue = assessment.catalogue.catalogue
    items = {r.item for r in assessment.risks.all()}
    expected = {i.id for i in catalogue.relevant("image-and-video", "deploy")}
    assert items == expected
    assert len(items) < len(catalogue.items)


def test_rating_derives_severity_and_levels_from_the_catalogue(
    assessment: RiskAssessment, personas: Personas
) -> None:
    risk = assessment.risks.first()
    assert risk is not None
    saved = services.rate(
        risk=risk, data=ratings(4, 5, 1, 5, 2), revision=risk.revision, by=personas.a_assessor
    )
    catalogue = assessment.catalogue.catalogue
    assert saved.severity == catalogue.severity(5, 1, 5)
    assert saved.inherent_level == catalogue.level(4, saved.severity)
    assert saved.residual_level == catalogue.level(2, 2)


@pytest.mark.parametrize(
    "field, value", [("likelihood", "6"), ("likelihood", "0"), ("scale", "x"), ("scope", "-1")]
)
def test_a_rating_outside_the_scale_is_refused_and_nothing_changes(
    assessment: RiskAssessment,
    personas: Personas,
    login: Callable[..., Client],
    field: str,
    value: str,
) -> None:
    risk = assessment.risks.first()
    assert risk is not None
    data = {**ratings(2, 2, 2, 2, 1), field: value, "revision": str(risk.revision)}
    response = login(personas.a_assessor).post(_url("risk:rate", assessment, risk=risk.pk), data)
    assert response.status_code == 400
    assert "1 to 5" in response.content.decode()
    assert value in response.content.decode() or field in response.content.decode()
    fresh = Risk.objects.get(pk=risk.pk)
    assert (fresh.likelihood, fresh.revision) == (None, 1)


def test_residual_rating_above_the_inherent_one_is_refused(
    assessment: RiskAssessment, personas: Personas
) -> None:
    risk = assessment.risks.first()
    assert risk is not None
    data = {**ratings(2, 2, 2, 2, 1), "residual_likelihood": "4"}
    with pytest.raises(ValidationError, match="more likely"):
        services.rate(risk=risk, data=data, revision=1, by=personas.a_assessor)
    assert Risk.objects.get(pk=risk.pk).likelihood is None


def test_a_stale_save_is_a_conflict_that_keeps_what_was_typed(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    risk = assessment.risks.first()
    assert risk is not None
    services.rate(risk=risk, data=ratings(2, 2, 2, 2, 1), revision=1, by=personas.a_admin)
    data = {**ratings(3, 3, 3, 3, 1), "justification": "My own careful reasons", "revision": "1"}
    response = login(personas.a_assessor).post(_url("risk:rate", assessment, risk=risk.pk), data)
    assert response.status_code == 409
    assert "My own careful reasons" in response.content.decode()
    assert Risk.objects.get(pk=risk.pk).likelihood == 2


def test_a_mitigation_due_in_the_past_is_refused(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    risk = assessment.risks.first()
    assert risk is not None
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = {"description": "Blind second check", "owner": personas.a_assessor.pk, "due": yesterday}
    url = _url("risk:add_mitigation", assessment, risk=risk.pk)
    response = login(personas.a_assessor).post(url, data)
    assert response.status_code == 400
    assert "already passed" in response.content.decode()
    assert not risk.mitigations.exists()


def test_submission_lists_what_is_missing(assessment: RiskAssessment, personas: Personas) -> None:
    with pytest.raises(ValidationError) as refused:
        services.submit(assessment=assessment, by=personas.a_assessor)
    assert any("rate its likelihood" in m for m in refused.value.messages)
    assert RiskAssessment.objects.get(pk=assessment.pk).status == "draft"


def test_four_eyes_sign_off_locks_a_snapshot_and_schedules_reassessment(
    assessment: RiskAssessment, personas: Personas
) -> None:
    complete(assessment, personas.a_assessor)
    services.submit(assessment=assessment, by=personas.a_assessor)
    with pytest.raises(ValidationError, match="another reviewer"):
        services.review(assessment=assessment, note="", by=personas.a_assessor)
    services.review(assessment=assessment, note="Checked", by=personas.a_reviewer)
    with pytest.raises(ValidationError, match="cannot also decide"):
        services.decide(
            assessment=assessment,
            decision="proceed",
            conditions="",
            note="",
            by=personas.a_assessor,
        )
    with pytest.raises(ValidationError, match="Write the conditions"):
        services.decide(
            assessment=assessment,
            decision="conditions",
            conditions=" ",
            note="",
            by=personas.a_leader,
        )
    services.decide(
        assessment=assessment,
        decision="conditions",
        conditions="Second examiner on every search.",
        note="Benefits outweigh the residual risk.",
        by=personas.a_leader,
    )
    decided = RiskAssessment.objects.get(pk=assessment.pk)
    assert decided.is_locked and decided.snapshot is not None
    assert decided.snapshot["catalogue"]["content_hash"] == decided.catalogue.content_hash
    assert decided.snapshot["decision"]["conditions"] == "Second examiner on every search."
    system = AISystem.objects.get(pk=assessment.system_id)
    assert system.risk_level == decided.residual_level != ""
    assert system.reassess_by is not None and system.reassess_by > timezone.localdate()
    actions = set(
        AuditEntry.objects.filter(target_id=str(assessment.pk)).values_list("action", flat=True)
    )
    assert {Action.RISK_SUBMITTED, Action.RISK_REVIEWED, Action.RISK_DECIDED} <= actions


def test_a_locked_assessment_cannot_be_edited_and_reopening_makes_a_new_version(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    complete(assessment, personas.a_assessor)
    services.submit(assessment=assessment, by=personas.a_assessor)
    services.review(assessment=assessment, note="", by=personas.a_reviewer)
    services.decide(
        assessment=assessment, decision="conditions", conditions="c", note="", by=personas.a_leader
    )
    risk = assessment.risks.first()
    assert risk is not None
    data = {**ratings(1, 1, 1, 1, 1), "revision": str(risk.revision)}
    response = login(personas.a_assessor).post(_url("risk:rate", assessment, risk=risk.pk), data)
    assert response.status_code == 400
    assert "locked" in response.content.decode()
    assert Risk.objects.get(pk=risk.pk).likelihood == 3
    second = services.start(system=assessment.system, by=personas.a_assessor)
    assert second.number == 2 and second.previous_id == assessment.pk
    assert second.risks.count() == assessment.risks.count()
    assert RiskAssessment.objects.get(pk=assessment.pk).current is False
    page = login(personas.a_viewer).get(_url("risk:detail", assessment))
    assert page.status_code == 200 and "A newer version exists" in page.content.decode()


def test_return_for_changes_needs_a_note_and_reopens_the_draft(
    assessment: RiskAssessment, personas: Personas
) -> None:
    complete(assessment, personas.a_assessor)
    services.submit(assessment=assessment, by=personas.a_assessor)
    with pytest.raises(ValidationError, match="what must change"):
        services.return_for_changes(assessment=assessment, note="", by=personas.a_reviewer)
    services.return_for_changes(assessment=assessment, note="Justify scope", by=personas.a_reviewer)
    assert RiskAssessment.objects.get(pk=assessment.pk).status == "returned"


def test_only_not_proceeding_is_possible_for_a_prohibited_use(personas: Personas) -> None:
    answers = {
        "is_ai_system": "true",
        "exclusive_purpose": "none",
        "biometric_function": ["identification"],
        "verification_only": "false",
        "untargeted_scraping": "true",
        "decision_effect": "significant",
        "solely_automated": "false",
    }
    found = screened_system(personas.agency_a, personas.a_assessor, answers)
    assert found.screening.eu_class == "prohibited"
    assessment = services.start(system=found.system, by=personas.a_assessor)
    complete(assessment, personas.a_assessor)
    services.submit(assessment=assessment, by=personas.a_assessor)
    services.review(assessment=assessment, note="", by=personas.a_reviewer)
    with pytest.raises(ValidationError, match="prohibited"):
        services.decide(
            assessment=assessment,
            decision="conditions",
            conditions="c",
            note="",
            by=personas.a_leader,
        )
    services.decide(
        assessment=assessment, decision="stop", conditions="", note="", by=personas.a_leader
    )

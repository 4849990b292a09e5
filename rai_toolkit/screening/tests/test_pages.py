"""Screening a system through its page: the live outcome, saving, contradictions refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Personas
from rai_toolkit.register.models import AISystem
from rai_toolkit.register.testing import make_system
from rai_toolkit.screening.answers import posted
from rai_toolkit.screening.models import Screening
from rai_toolkit.screening.testing import ANSWERS

pytestmark = pytest.mark.django_db


def _url(name: str, system: AISystem) -> str:
    return reverse(name, kwargs={"agency": system.agency.slug, "pk": system.pk})


def test_screening_a_retrospective_face_search_finds_it_high_risk_and_explains_why(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    client = login(personas.a_assessor)
    response = client.post(_url("screening:screen", system), posted(ANSWERS))
    screening = Screening.objects.get()
    assert response.status_code == 302
    assert screening.eu_class == "high_risk"
    assert AISystem.objects.get(pk=system.pk).regulatory_class == "high_risk"
    page = client.get(response["Location"]).content.decode()
    assert "Annex III" in page and "Art. 27" in page
    assert "not legal advice" in page
    assert "Because:" in page  # the facts that triggered each outcome


def test_contradictory_answers_are_refused_and_nothing_is_saved(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    answers = {**ANSWERS, "verification_only": "true", "biometric_function": ["identification"]}
    response = login(personas.a_assessor).post(_url("screening:screen", system), posted(answers))
    assert response.status_code == 400
    assert "contradict" in response.content.decode()
    assert not Screening.objects.exists()
    assert AISystem.objects.get(pk=system.pk).regulatory_class == ""


def test_a_value_outside_the_choices_is_refused(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    answers = {**ANSWERS, "decision_effect": "banishment"}
    response = login(personas.a_assessor).post(_url("screening:screen", system), posted(answers))
    assert response.status_code == 400
    assert "not one of the choices" in response.content.decode()
    assert not Screening.objects.exists()


def test_the_preview_shows_the_provisional_outcome_without_saving(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    response = login(personas.a_assessor).post(
        _url("screening:preview", system), posted(ANSWERS), headers={"HX-Request": "true"}
    )
    text = response.content.decode()
    assert response.status_code == 200 and 'id="screening-outcome"' in text
    assert "High-risk" in text
    assert not Screening.objects.exists()


def test_answers_to_questions_that_no_longer_apply_are_dropped(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    answers = {**ANSWERS, "biometric_function": [], "infers_sensitive_traits": "true"}
    login(personas.a_assessor).post(_url("screening:screen", system), posted(answers))
    assert "infers_sensitive_traits" not in Screening.objects.get().answers


def test_each_screening_is_kept_in_the_history(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    client = login(personas.a_assessor)
    client.post(_url("screening:screen", system), posted(ANSWERS))
    client.post(_url("screening:screen", system), posted({**ANSWERS, "biometric_function": []}))
    assert Screening.objects.filter(system=system).count() == 2
    assert AISystem.objects.get(pk=system.pk).regulatory_class != "high_risk"


def test_a_required_question_left_unanswered_is_refused(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    answers = {k: v for k, v in ANSWERS.items() if k != "is_ai_system"}
    response = login(personas.a_assessor).post(_url("screening:screen", system), posted(answers))
    assert response.status_code == 400
    assert "Answer this question." in response.content.decode()
    assert not Screening.objects.exists()

"""Answering in a browser: each answer saved on change, questions appearing as answers ask, and
the assessment pages accessible in English and Arabic."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Personas
from rai_toolkit.assessments import services
from rai_toolkit.assessments.models import Answer, Assessment
from rai_toolkit.assessments.testing import answer, started
from tests.browser.conftest import axe_violations, describe, sign_in


@pytest.fixture
def assessment(live_personas: Personas) -> Assessment:
    return started(live_personas.agency_a, live_personas.a_assessor)


def test_an_answer_is_saved_on_change_and_reveals_the_questions_it_opens(
    page: Page, live_server: LiveServer, live_personas: Personas, assessment: Assessment
) -> None:
    sign_in(page, live_server, live_personas.a_assessor.email)
    page.goto(f"{live_server.url}/a/agency-a/assessments/{assessment.pk}/s/governance/")
    expect(page.get_by_role("button", name="Save answer").first).to_be_hidden()
    contract = page.locator("#q-contract")
    expect(contract).to_be_hidden()
    page.locator("#q-vendors").get_by_label("yes").check()
    expect(page.locator("#q-vendors")).to_contain_text("Saved")
    expect(contract).to_be_visible()
    page.locator("#q-policy").get_by_label("Reviewed yearly").check()
    expect(page.locator("#q-policy")).to_contain_text("Saved")
    assert dict(Answer.objects.values_list("question", "value")) == {"vendors": "yes", "policy": 4}
    page.reload()
    expect(page.locator("#q-policy").get_by_label("Reviewed yearly")).to_be_checked()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_assessment_pages_have_no_violations(
    page: Page,
    live_server: LiveServer,
    live_personas: Personas,
    assessment: Assessment,
    language: str,
) -> None:
    answer(assessment, "policy", 3, live_personas.a_assessor)
    services.submit(assessment=assessment, by=live_personas.a_assessor)
    services.finalise(assessment=assessment, by=live_personas.a_reviewer)
    sign_in(page, live_server, live_personas.a_assessor.email)
    page.context.add_cookies([{"name": "rai_language", "value": language, "url": live_server.url}])
    base = f"{live_server.url}/a/agency-a/assessments/"
    for path in ("", f"{assessment.pk}/", f"{assessment.pk}/s/data/", f"{assessment.pk}/results/"):
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page)
        assert not violations, (path, describe(violations))

"""The register, the screening and the risk assessment in a browser: the screening's outcome
follows the answers as they are given, and the pages are accessible in English and Arabic."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Personas
from rai_toolkit.register.testing import make_system
from rai_toolkit.risk import services
from rai_toolkit.risk.testing import complete
from rai_toolkit.screening.models import Screening
from rai_toolkit.screening.testing import screened_system
from tests.browser.conftest import axe_violations, describe, sign_in


def test_the_screening_outcome_follows_the_answers_and_hides_what_does_not_apply(
    page: Page, live_server: LiveServer, live_personas: Personas
) -> None:
    system = make_system(live_personas.agency_a, live_personas.a_assessor, use_case="")
    sign_in(page, live_server, live_personas.a_assessor.email)
    page.goto(f"{live_server.url}/a/agency-a/systems/{system.pk}/screening/")
    traits = page.locator("#q-infers_sensitive_traits")
    expect(traits).to_be_hidden()
    page.locator("#q-is_ai_system").get_by_label("Yes").check()
    page.locator("#q-biometric_function").get_by_label("Identification", exact=False).check()
    outcome = page.locator("#screening-outcome")
    expect(outcome).to_contain_text("1(a)")
    page.locator("#q-biometric_function").get_by_label("Categorisation", exact=False).check()
    expect(traits).to_be_visible()
    assert not Screening.objects.exists()  # the live outcome stores nothing
    page.get_by_role("button", name="Save the screening").click()
    expect(page.get_by_role("heading", name="Regulatory screening")).to_be_visible()
    assert Screening.objects.get().eu_class == "high_risk"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_register_and_risk_pages_have_no_violations(
    page: Page, live_server: LiveServer, live_personas: Personas, language: str
) -> None:
    found = screened_system(live_personas.agency_a, live_personas.a_assessor, use_case="")
    assessment = services.start(system=found.system, by=live_personas.a_assessor)
    complete(assessment, live_personas.a_assessor)
    risk = assessment.risks.first()
    assert risk is not None
    sign_in(page, live_server, live_personas.a_assessor.email)
    page.context.add_cookies([{"name": "rai_language", "value": language, "url": live_server.url}])
    base = f"{live_server.url}/a/agency-a/"
    paths = (
        "systems/",
        "systems/new/",
        f"systems/{found.system.pk}/",
        f"systems/{found.system.pk}/screening/",
        f"systems/{found.system.pk}/screening/{found.screening.pk}/",
        f"risk/{assessment.pk}/",
        f"risk/{assessment.pk}/risks/{risk.pk}/",
        f"risk/{assessment.pk}/fria/",
        "risks/",
    )
    for path in paths:
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page)
        assert not violations, (path, describe(violations))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_public_register_page_has_no_violations(
    page: Page, live_server: LiveServer, live_personas: Personas, language: str
) -> None:
    from rai_toolkit.transparency import services as transparency

    found = screened_system(live_personas.agency_a, live_personas.a_assessor, use_case="")
    record = transparency.draft(system=found.system, by=live_personas.a_assessor)
    transparency.publish(record=record, by=live_personas.a_admin)
    page.context.add_cookies([{"name": "rai_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/public/agency-a/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Retrospective face search")
    violations = axe_violations(page)
    assert not violations, describe(violations)

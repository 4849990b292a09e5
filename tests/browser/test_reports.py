"""The reports, field sensitivity, public-record and bundle pages, and the printable reports
themselves, are accessible in English and Arabic."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from conftest import Personas
from rai_toolkit.risk import services
from rai_toolkit.risk.testing import signed_off
from rai_toolkit.screening.testing import screened_system
from tests.browser.conftest import axe_violations, describe, sign_in


@pytest.mark.parametrize("language", ["en", "ar"])
def test_report_and_bundle_pages_have_no_violations(
    page: Page, live_server: LiveServer, live_personas: Personas, language: str
) -> None:
    people = live_personas
    found = screened_system(people.agency_a, people.a_assessor, use_case="")
    decided = signed_off(
        services.start(system=found.system, by=people.a_assessor),
        author=people.a_assessor,
        reviewer=people.a_reviewer,
        leader=people.a_leader,
    )
    sign_in(page, live_server, people.a_admin.email)
    page.context.add_cookies([{"name": "rai_language", "value": language, "url": live_server.url}])
    base = f"{live_server.url}/a/agency-a/"
    paths = (
        "reports/",
        "reports/sensitivity/",
        "bundles/",
        f"systems/{found.system.pk}/public-record/",
        f"reports/risk/{decided.pk}/{language}/",
        f"reports/register/{people.agency_a.pk}/{language}/",
    )
    for path in paths:
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page)
        assert not violations, (path, describe(violations))

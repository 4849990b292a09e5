"""axe-core finds no WCAG 2.2 A/AA violations on the pages of the foundation, in English and
in Arabic."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from conftest import Personas
from tests.browser.conftest import axe_violations, describe, sign_in


@pytest.mark.parametrize("language", ["en", "ar"])
def test_sign_in_page_has_no_violations(
    page: Page, live_server: LiveServer, live_personas: Personas, language: str
) -> None:
    page.context.add_cookies([{"name": "rai_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", ["/a/agency-a/", "/a/agency-a/members/"])
def test_signed_in_pages_have_no_violations(
    page: Page, live_server: LiveServer, live_personas: Personas, language: str, path: str
) -> None:
    sign_in(page, live_server, live_personas.a_admin.email)
    page.context.add_cookies([{"name": "rai_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}{path}")
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_violations(page)
    assert not violations, describe(violations)

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Personas
from tests.browser.conftest import sign_in


def test_sign_in_with_password_and_totp_reaches_the_dashboard(
    page: Page, live_server: LiveServer, live_personas: Personas
) -> None:
    sign_in(page, live_server, live_personas.a_assessor.email)
    expect(page).to_have_url(f"{live_server.url}/a/agency-a/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agency A")


def test_a_wrong_code_keeps_the_user_out(
    page: Page, live_server: LiveServer, live_personas: Personas
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(live_personas.a_viewer.email)
    page.get_by_label("Password").fill("correct horse battery staple 7")
    page.locator("main").get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill("000000")
    page.locator("main").get_by_role("button", name="Sign In").click()
    expect(page.locator("main")).to_contain_text("Incorrect code")
    page.goto(f"{live_server.url}/a/agency-a/")
    # Still signed out: the dashboard sends the visitor back to finish signing in.
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")

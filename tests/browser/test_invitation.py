from allauth.mfa.models import Authenticator
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Personas, totp_code
from rai_toolkit.agencies.models import Membership
from tests.browser.conftest import sign_in


def test_invited_colleague_joins_and_sets_up_a_second_factor(
    page: Page, browser: Browser, live_server: LiveServer, live_personas: Personas
) -> None:
    sign_in(page, live_server, live_personas.a_admin.email)
    page.goto(f"{live_server.url}/a/agency-a/members/")
    page.get_by_label("E-mail address").fill("newcomer@agency-a.example")
    page.get_by_label("Role:", exact=True).select_option("reviewer")
    page.get_by_role("button", name="Send invitation").click()
    link = page.locator(".alert-info a").get_attribute("href")
    assert link and "/invitations/" in link

    invitee = browser.new_context(bypass_csp=True).new_page()
    invitee.goto(link)
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Join Agency A")
    invitee.locator("main").get_by_role("button", name="Create an account").click()
    expect(invitee.get_by_label("Email")).to_have_value("newcomer@agency-a.example")
    invitee.get_by_label("Full name").fill("Nour Newcomer")
    invitee.get_by_label("Password:", exact=True).fill("river lantern ochre 42")
    invitee.get_by_label("Password (again):").fill("river lantern ochre 42")
    invitee.locator("main").get_by_role("button", name="Sign Up").click()

    # First stop after joining: the second factor.
    expect(invitee).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    secret = invitee.locator("#authenticator_secret").input_value()
    invitee.get_by_label("Authenticator code").fill(totp_code(secret))
    invitee.locator("main").get_by_role("button", name="Activate").click()
    assert Authenticator.objects.filter(
        user__email="newcomer@agency-a.example", type="totp"
    ).exists()

    invitee.goto(f"{live_server.url}/a/agency-a/")
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Agency A")
    assert Membership.objects.get(user__email="newcomer@agency-a.example").role == "reviewer"

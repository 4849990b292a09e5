"""Every member must have a second factor before reaching any page (setting RAI_MFA_REQUIRED)."""

from typing import Any

from allauth.mfa.models import Authenticator
from django.test import Client, override_settings

from conftest import PASSWORD, Personas, make_user, totp_code
from rai_toolkit.agencies.models import Membership
from rai_toolkit.audit.models import Action, AuditEntry


def member_without_mfa(personas: Personas) -> Client:
    user = make_user("new.member@agency-a.example", mfa=False)
    Membership.objects.create(user=user, agency=personas.agency_a, role=Membership.Role.VIEWER)
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_member_without_second_factor_is_sent_to_set_one_up(personas: Personas) -> None:
    client = member_without_mfa(personas)
    response = client.get("/a/agency-a/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200


def test_htmx_requests_get_a_full_page_redirect(personas: Personas) -> None:
    client = member_without_mfa(personas)
    response = client.get("/a/agency-a/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/accounts/2fa/totp/activate/"


def test_activating_totp_opens_the_platform_and_is_audited(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    client = member_without_mfa(personas)
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user__email="new.member@agency-a.example", type="totp"
    ).exists()
    assert client.get("/a/agency-a/").status_code == 200
    assert AuditEntry.objects.filter(action=Action.MFA_ADDED).exists()


@override_settings(RAI_MFA_REQUIRED=False)
def test_the_requirement_can_be_relaxed_for_development(personas: Personas) -> None:
    client = member_without_mfa(personas)
    assert client.get("/a/agency-a/").status_code == 200

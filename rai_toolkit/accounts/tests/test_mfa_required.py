"""Every member must have a second factor before reaching any page (setting RAI_MFA_REQUIRED)."""

from datetime import timedelta
from typing import Any

import time_machine
from allauth.mfa.models import Authenticator
from django.test import Client, override_settings
from django.utils import timezone

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


def test_without_any_authenticator_left_the_session_must_set_one_up_again(
    personas: Personas,
) -> None:
    from rai_toolkit.accounts.tests.test_sign_in import sign_in

    client = sign_in(Client(), personas.a_viewer.email)
    assert client.get("/a/agency-a/").status_code == 200
    Authenticator.objects.filter(user=personas.a_viewer).delete()
    session = client.session
    session.pop("rai_mfa_ok")  # what the authenticator_removed receiver does
    session.save()
    assert client.get("/a/agency-a/")["Location"] == "/accounts/2fa/totp/activate/"


def test_the_only_authenticator_cannot_be_switched_off(personas: Personas) -> None:
    from allauth.mfa.adapter import get_adapter

    totp = Authenticator.objects.get(user=personas.a_viewer, type="totp")
    assert not get_adapter().can_delete_authenticator(totp)
    Authenticator.objects.create(user=personas.a_viewer, type="webauthn", data={})
    assert get_adapter().can_delete_authenticator(totp)


def test_reconfirming_with_a_code_respects_the_lock(personas: Personas) -> None:
    from rai_toolkit.accounts import lockout
    from rai_toolkit.accounts.tests.test_sign_in import sign_in

    start = timezone.now()
    with time_machine.travel(start):
        client = sign_in(Client(), personas.a_viewer.email)
    with time_machine.travel(start + timedelta(seconds=60)):
        for _ in range(5):
            lockout.register_failure(personas.a_viewer.email, None)
        locked = client.post("/accounts/2fa/reauthenticate/", {"code": totp_code()})
    assert locked.status_code == 200
    assert "Too many failed attempts" in locked.content.decode()
    assert AuditEntry.objects.filter(action=Action.MFA_FAILED, context__reason="locked").exists()
    lockout.clear(personas.a_viewer.email)
    with time_machine.travel(start + timedelta(seconds=90)):
        unlocked = client.post("/accounts/2fa/reauthenticate/", {"code": totp_code()})
    assert unlocked.status_code == 302  # the same kind of code works once the lock is gone

"""Idle sessions end after 30 minutes and every session after 12 hours; what the user was
submitting when that happened is kept and sent again after they sign in."""

from datetime import datetime, timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Personas, totp_code
from rai_toolkit.accounts.tests.test_sign_in import sign_in
from rai_toolkit.agencies.models import Agency, Invitation, Membership
from rai_toolkit.audit.models import Action, AuditEntry


def test_idle_session_expires_after_thirty_minutes(client: Client, personas: Personas) -> None:
    start = timezone.now()
    with time_machine.travel(start):
        sign_in(client, personas.a_viewer.email)
    with time_machine.travel(start + timedelta(minutes=29)):
        assert client.get("/a/agency-a/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=58)):
        assert client.get("/a/agency-a/").status_code == 200  # activity at 29 min kept it alive
    with time_machine.travel(start + timedelta(minutes=89)):
        response = client.get("/a/agency-a/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fa%2Fagency-a%2F"
    assert AuditEntry.objects.filter(action=Action.SESSION_EXPIRED, context__reason="idle").exists()


def test_sessions_end_after_twelve_hours_however_active(client: Client, personas: Personas) -> None:
    start = timezone.now()
    with time_machine.travel(start):
        sign_in(client, personas.a_viewer.email)
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get("/a/agency-a/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=5)):
        assert client.get("/a/agency-a/").status_code == 302
    assert AuditEntry.objects.filter(
        action=Action.SESSION_EXPIRED, context__reason="max_age"
    ).exists()


def test_form_submitted_after_expiry_is_kept_and_resent_after_sign_in(
    client: Client, personas: Personas
) -> None:
    start = timezone.now()
    with time_machine.travel(start):
        sign_in(client, personas.a_admin.email)
        form_page = client.get("/a/agency-a/settings/")
        assert form_page.status_code == 200
    with time_machine.travel(start + timedelta(minutes=45)):
        response = client.post(
            "/a/agency-a/settings/",
            {
                "name": "Agency A (renamed)",
                "country": "FR",
                "kind": "national_police",
                "default_language": "fr",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=%2Faccounts%2Fresume%2F"
        assert (
            Agency.objects.get(slug="agency-a").name == "Agency A"
        )  # not applied while signed out

        response = client.post(
            "/accounts/login/",
            {"login": personas.a_admin.email, "password": PASSWORD, "next": "/accounts/resume/"},
        )
        response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
        assert response["Location"] == "/accounts/resume/"
        resume = client.get("/accounts/resume/")
        html = resume.content.decode()
        assert 'action="/a/agency-a/settings/"' in html and "data-autosubmit" in html
        assert 'value="Agency A (renamed)"' in html

        fields = dict(resume.context["pending"]["fields"])
        client.post("/a/agency-a/settings/", fields)
    assert Agency.objects.get(slug="agency-a").name == "Agency A (renamed)"


def test_kept_submission_is_used_once(client: Client, personas: Personas) -> None:
    sign_in(client, personas.a_admin.email)
    session = client.session
    session["rai_pending_post"] = {
        "owner": personas.a_admin.pk,
        "path": "/a/agency-a/members/invite/",
        "fields": [["email", "x@y.example"]],
        "files_dropped": False,
        "at": timezone.now().timestamp(),
    }
    session.save()
    assert client.get("/accounts/resume/").status_code == 200
    assert client.get("/accounts/resume/").status_code == 302
    assert not Invitation.objects.exists()


def test_kept_submission_never_targets_another_site(client: Client, personas: Personas) -> None:
    sign_in(client, personas.a_admin.email)
    session = client.session
    session["rai_pending_post"] = {
        "owner": personas.a_admin.pk,
        "path": "//evil.example/steal",
        "fields": [],
        "files_dropped": False,
        "at": timezone.now().timestamp(),
    }
    session.save()
    response = client.get("/accounts/resume/")
    assert response.status_code == 302 and response["Location"] == "/"


def test_htmx_submission_after_expiry_is_kept_and_the_page_reloads(
    client: Client, personas: Personas
) -> None:
    start = timezone.now()
    with time_machine.travel(start):
        sign_in(client, personas.a_admin.email)
    with time_machine.travel(start + timedelta(minutes=45)):
        response = client.post(
            "/a/agency-a/members/invite/",
            {"email": "late@agency-a.example", "role": "viewer"},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Faccounts%2Fresume%2F"
    assert client.session["rai_pending_post"]["fields"] == [
        ["email", "late@agency-a.example"],
        ["role", "viewer"],
    ]
    assert not Invitation.objects.exists()


def expire(client: Client, email: str, start: datetime) -> None:
    with time_machine.travel(start):
        sign_in(client, email)
        client.get("/a/agency-a/")


def test_kept_submission_is_never_sent_for_someone_else(client: Client, personas: Personas) -> None:
    start = timezone.now()
    expire(client, personas.a_admin.email, start)
    viewer = Membership.objects.get(user=personas.a_viewer)
    with time_machine.travel(start + timedelta(minutes=45)):
        client.post(f"/a/agency-a/members/{viewer.pk}/role/", {"role": "admin"})
        assert client.session["rai_pending_post"]["owner"] == personas.a_admin.pk
        # Someone else signs in on the same browser.
        client.post("/accounts/login/", {"login": personas.a_reviewer.email, "password": PASSWORD})
        client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
        response = client.get("/accounts/resume/")
    assert response.status_code == 302
    assert "rai_pending_post" not in client.session
    viewer.refresh_from_db()
    assert viewer.role == "viewer"


def test_security_forms_are_never_kept(client: Client, personas: Personas) -> None:
    start = timezone.now()
    expire(client, personas.a_admin.email, start)
    with time_machine.travel(start + timedelta(minutes=45)):
        response = client.post(
            "/accounts/password/change/",
            {
                "oldpassword": PASSWORD,
                "password1": "new pass phrase 99",
                "password2": "new pass phrase 99",
            },
        )
    assert response["Location"] == "/accounts/login/?next=%2Faccounts%2Fpassword%2Fchange%2F"
    assert "rai_pending_post" not in client.session


def test_password_like_fields_are_dropped_from_a_kept_form(
    client: Client, personas: Personas
) -> None:
    start = timezone.now()
    expire(client, personas.a_admin.email, start)
    with time_machine.travel(start + timedelta(minutes=45)):
        client.post(
            "/a/agency-a/members/invite/",
            {
                "email": "a@agency-a.example",
                "role": "viewer",
                "password": "secret",
                "code": "123456",
            },
        )
    kept = dict(client.session["rai_pending_post"]["fields"])
    assert kept == {"email": "a@agency-a.example", "role": "viewer"}

"""Sign-in: password, then second factor; every outcome in the audit trail."""

import re

from django.test import Client

from conftest import PASSWORD, Personas, totp_code
from rai_toolkit.audit.models import Action, AuditEntry


def sign_in(
    client: Client, email: str, password: str = PASSWORD, code: str | None = None
) -> Client:
    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": code or totp_code()})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def test_password_then_totp_lands_on_the_agency_dashboard(
    client: Client, personas: Personas
) -> None:
    sign_in(client, personas.a_assessor.email)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/a/agency-a/"
    assert b"Agency A" in response.content
    entry = AuditEntry.objects.filter(action=Action.SIGNED_IN).get()
    assert entry.actor_id == personas.a_assessor.pk
    assert entry.ip == "127.0.0.1"


def test_password_alone_does_not_sign_in(client: Client, personas: Personas) -> None:
    client.post("/accounts/login/", {"login": personas.a_viewer.email, "password": PASSWORD})
    response = client.get("/a/agency-a/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wrong_totp_code_is_refused_and_audited(client: Client, personas: Personas) -> None:
    client.post("/accounts/login/", {"login": personas.a_viewer.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert b"Incorrect code" in response.content
    assert client.get("/a/agency-a/").status_code == 302
    failure = AuditEntry.objects.get(action=Action.MFA_FAILED)
    assert failure.actor_id == personas.a_viewer.pk


def test_a_totp_code_cannot_be_replayed(personas: Personas) -> None:
    code = totp_code()
    sign_in(Client(), personas.a_viewer.email, code=code)
    replay = Client()
    replay.post("/accounts/login/", {"login": personas.a_viewer.email, "password": PASSWORD})
    response = replay.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert b"Incorrect code" in response.content
    assert replay.get("/a/agency-a/").status_code == 302


def test_unknown_address_and_wrong_password_look_the_same(
    client: Client, personas: Personas
) -> None:
    wrong = client.post(
        "/accounts/login/", {"login": personas.a_viewer.email, "password": "wrong password 1"}
    )
    unknown = client.post(
        "/accounts/login/", {"login": "nobody@nowhere.example", "password": "wrong password 1"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert _page(wrong.content, personas.a_viewer.email) == _page(
        unknown.content, "nobody@nowhere.example"
    )
    failures = AuditEntry.objects.filter(action=Action.SIGN_IN_FAILED)
    assert {e.actor_label for e in failures} == {personas.a_viewer.email, "nobody@nowhere.example"}


def _page(content: bytes, email: str) -> str:
    """The page without what legitimately differs: the typed address and the CSRF token."""
    html = content.decode().replace(email, "EMAIL")
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1TOKEN", html)


def test_sign_out_is_audited_and_ends_the_session(client: Client, personas: Personas) -> None:
    sign_in(client, personas.a_admin.email)
    client.post("/accounts/logout/")
    assert AuditEntry.objects.filter(
        action=Action.SIGNED_OUT, actor_id=personas.a_admin.pk
    ).exists()
    assert client.get("/a/agency-a/").status_code == 302


def test_session_key_changes_at_sign_in(client: Client, personas: Personas) -> None:
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    sign_in(client, personas.a_admin.email)
    assert client.session.session_key != before

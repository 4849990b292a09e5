"""Inviting colleagues: single-use tokens that expire after 7 days, accepted by the invitee only."""

import re
from collections.abc import Callable
from datetime import timedelta

import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from conftest import PASSWORD, Personas, make_user, totp_code
from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Invitation, Membership
from rai_toolkit.audit.models import Action, AuditEntry


def invite(
    client: Client, email: str = "new.colleague@agency-a.example", role: str = "reviewer"
) -> str:
    response = client.post("/a/agency-a/members/invite/", {"email": email, "role": role})
    assert response.status_code == 302, response.content.decode()[:300]
    match = re.search(r"http://testserver(/invitations/[\w-]+/)", str(mail.outbox[-1].body))
    assert match
    return match.group(1)


def test_admin_invites_and_the_link_is_emailed(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    path = invite(login(personas.a_admin))
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.status) == (
        "new.colleague@agency-a.example",
        "reviewer",
        "pending",
    )
    assert invitation.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert path.split("/")[2] not in invitation.token_hash  # only the hash is stored
    assert mail.outbox[-1].to == ["new.colleague@agency-a.example"]
    assert AuditEntry.objects.filter(
        action=Action.INVITATION_SENT, agency=personas.agency_a
    ).exists()


@override_settings(RAI_SHOW_INVITATION_LINKS=True)
def test_link_is_shown_on_screen_in_development(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    path = invite(client)
    assert path.encode() in client.get("/a/agency-a/members/").content


@override_settings(RAI_SHOW_INVITATION_LINKS=False)
def test_link_is_not_shown_in_production(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    path = invite(client)
    assert path.encode() not in client.get("/a/agency-a/members/").content


def test_new_person_creates_an_account_through_the_invitation(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    path = invite(login(personas.a_admin))
    visitor = Client()
    page = visitor.get(path)
    assert page.status_code == 200 and b"Join Agency A" in page.content
    assert visitor.post(path)["Location"] == "/accounts/signup/"
    signup = visitor.get("/accounts/signup/")
    assert b"new.colleague@agency-a.example" in signup.content
    response = visitor.post(
        "/accounts/signup/",
        {
            "email": "new.colleague@agency-a.example",
            "full_name": "Nadia Colleague",
            "password1": "river lantern ochre 42",
            "password2": "river lantern ochre 42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.colleague@agency-a.example")
    assert user.full_name == "Nadia Colleague"
    assert Membership.objects.get(user=user).role == "reviewer"
    assert Invitation.objects.get().status == Invitation.Status.ACCEPTED
    # Signed in, and first asked to set up a second factor.
    assert visitor.get("/a/agency-a/")["Location"] == "/accounts/2fa/totp/activate/"


def test_invitation_cannot_be_used_for_another_address(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    path = invite(login(personas.a_admin))
    visitor = Client()
    visitor.post(path)
    visitor.post(
        "/accounts/signup/",
        {
            "email": "someone.else@agency-a.example",
            "full_name": "X",
            "password1": "river lantern ochre 42",
            "password2": "river lantern ochre 42",
        },
    )
    assert not User.objects.filter(email="someone.else@agency-a.example").exists()
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def test_existing_account_accepts_after_signing_in(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    path = invite(login(personas.a_admin), email=personas.b_member.email, role="viewer")
    client = Client()
    client.post("/accounts/login/", {"login": personas.b_member.email, "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == "/a/agency-a/"
    assert Membership.objects.get(user=personas.b_member, agency=personas.agency_a).role == "viewer"
    assert AuditEntry.objects.filter(
        action=Action.INVITATION_ACCEPTED, actor=personas.b_member
    ).exists()


def test_invitation_is_single_use(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    path = invite(login(personas.a_admin), email=personas.b_member.email)
    first = Client()
    first.force_login(personas.b_member)
    assert first.post(path).status_code == 302
    assert first.get(path).status_code == 410
    response = first.post(path)
    assert response.status_code == 410
    assert b"already been used" in response.content
    assert AuditEntry.objects.filter(
        action=Action.INVITATION_REFUSED, context__reason="accepted"
    ).exists()


def test_expired_invitation_is_refused(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    path = invite(login(personas.a_admin), email=personas.b_member.email)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        client = Client()
        client.force_login(personas.b_member)
        response = client.post(path)
    assert response.status_code == 410 and b"expired" in response.content
    assert not Membership.objects.filter(user=personas.b_member, agency=personas.agency_a).exists()


def test_unknown_token_is_refused_without_filling_the_trail(db: None, client: Client) -> None:
    for _ in range(3):
        assert client.get("/invitations/not-a-real-token/").status_code == 410
        assert client.post("/invitations/not-a-real-token/").status_code == 410
    assert not AuditEntry.objects.exists()


def test_wrong_signed_in_user_cannot_accept(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    path = invite(login(personas.a_admin), email="someone@agency-a.example")
    client = Client()
    client.force_login(personas.b_member)
    response = client.post(path)
    assert response.status_code == 400
    assert b"This invitation was sent to someone@agency-a.example" in response.content
    assert Invitation.objects.get().status == Invitation.Status.PENDING
    assert not Membership.objects.filter(user=personas.b_member, agency=personas.agency_a).exists()


def test_inviting_an_existing_member_is_refused(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_admin).post(
        "/a/agency-a/members/invite/", {"email": personas.a_viewer.email.upper(), "role": "admin"}
    )
    assert response.status_code == 400
    assert b"is already a member of this agency" in response.content
    assert not Invitation.objects.exists()


def test_accepting_when_already_a_member_changes_nothing(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    outsider = make_user("twice@agency-a.example")
    path = invite(login(personas.a_admin), email=outsider.email)
    Membership.objects.create(user=outsider, agency=personas.agency_a, role="viewer")
    client = Client()
    client.force_login(outsider)
    response = client.post(path)
    assert response.status_code == 400
    assert b"already a member" in response.content
    assert Membership.objects.get(user=outsider).role == "viewer"
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def test_reinviting_replaces_the_pending_invitation(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    old_path = invite(client)
    invite(client, role="assessor")
    assert Invitation.objects.filter(status=Invitation.Status.PENDING).get().role == "assessor"
    assert Client().get(old_path).status_code == 410


def test_revoked_invitation_no_longer_works(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    path = invite(client)
    invitation = Invitation.objects.get()
    assert client.post(f"/a/agency-a/invitations/{invitation.pk}/revoke/").status_code == 302
    assert Client().get(path).status_code == 410
    assert AuditEntry.objects.filter(action=Action.INVITATION_REVOKED).exists()
    # Revoking twice is a clear message, not an error page.
    again = client.post(f"/a/agency-a/invitations/{invitation.pk}/revoke/", follow=True)
    assert b"Only a pending invitation can be revoked." in again.content


def test_only_admins_invite(personas: Personas, login: Callable[[User | None], Client]) -> None:
    for user in (personas.a_assessor, personas.a_reviewer, personas.a_viewer):
        response = login(user).post(
            "/a/agency-a/members/invite/", {"email": "x@agency-a.example", "role": "admin"}
        )
        assert response.status_code == 403
    assert not Invitation.objects.exists()


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=9,
    EMAIL_TIMEOUT=1,
)
def test_unreachable_mail_server_keeps_the_invitation(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_admin).post(
        "/a/agency-a/members/invite/",
        {"email": "x@agency-a.example", "role": "viewer"},
        follow=True,
    )
    assert b"could not be sent" in response.content
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def test_invitation_email_speaks_the_agencys_language(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    personas.agency_a.default_language = "fr"
    personas.agency_a.save()
    invite(login(personas.a_admin))
    message = mail.outbox[-1]
    assert message.subject == "Invitation à rejoindre l'agence Agency A"
    assert "expire dans 7 jours" in str(message.body)


def test_revoking_closes_sign_up_for_a_browser_already_on_the_form(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    admin = login(personas.a_admin)
    path = invite(admin)
    visitor = Client()
    visitor.post(path)
    assert b"Sign Up Closed" not in visitor.get("/accounts/signup/").content
    admin.post(f"/a/agency-a/invitations/{Invitation.objects.get().pk}/revoke/")
    assert b"Sign Up Closed" in visitor.get("/accounts/signup/").content
    visitor.post(
        "/accounts/signup/",
        {
            "email": "new.colleague@agency-a.example",
            "full_name": "N",
            "password1": "river lantern ochre 42",
            "password2": "river lantern ochre 42",
        },
    )
    assert not User.objects.filter(email="new.colleague@agency-a.example").exists()

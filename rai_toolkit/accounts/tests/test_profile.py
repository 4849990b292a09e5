from collections.abc import Callable

from django.test import Client, override_settings

from conftest import Personas, make_user
from rai_toolkit.accounts.models import User
from rai_toolkit.audit.models import Action, AuditEntry


def test_profile_change_is_saved_and_audited(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_viewer)
    response = client.post("/accounts/profile/", {"full_name": "Vera Viewer", "language": "es"})
    assert response.status_code == 302
    personas.a_viewer.refresh_from_db()
    assert (personas.a_viewer.full_name, personas.a_viewer.language) == ("Vera Viewer", "es")
    entry = AuditEntry.objects.get(action=Action.PROFILE_UPDATED)
    assert entry.changes["language"] == {"old": "", "new": "es"}


def test_invalid_language_changes_nothing(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_viewer).post(
        "/accounts/profile/", {"full_name": "X", "language": "xx"}
    )
    assert response.status_code == 400
    personas.a_viewer.refresh_from_db()
    assert personas.a_viewer.full_name != "X"
    assert not AuditEntry.objects.filter(action=Action.PROFILE_UPDATED).exists()


def test_language_switch_sets_the_cookie_and_remembers_the_choice(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_viewer)
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/a/agency-a/"})
    assert response.status_code == 302 and response["Location"] == "/a/agency-a/"
    assert response.cookies["rai_language"].value == "ar"
    personas.a_viewer.refresh_from_db()
    assert personas.a_viewer.language == "ar"
    page = Client()
    page.force_login(personas.a_viewer)
    html = page.get("/a/agency-a/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html


def test_language_switch_works_for_visitors(client: Client, db: None) -> None:
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    assert response.cookies["rai_language"].value == "fr"
    assert '<html lang="fr" dir="ltr">' in client.get("/accounts/login/").content.decode()


@override_settings(RAI_MFA_REQUIRED=False)
def test_adding_and_removing_an_email_address_is_audited(
    db: None, login: Callable[[User | None], Client]
) -> None:
    # allauth refuses new addresses on accounts that have a second factor; this one has none.
    client = login(make_user("no.mfa@agency-a.example", mfa=False))
    client.post("/accounts/email/", {"action_add": "", "email": "second@agency-a.example"})
    client.post("/accounts/email/", {"action_remove": "", "email": "second@agency-a.example"})
    changes = AuditEntry.objects.filter(action=Action.EMAIL_CHANGED).order_by("seq")
    assert [(e.context["change"], e.context["email"]) for e in changes] == [
        ("added", "second@agency-a.example"),
        ("removed", "second@agency-a.example"),
    ]

from collections.abc import Callable

from django.test import Client

from conftest import Personas
from rai_toolkit.accounts.models import User
from rai_toolkit.audit.models import Action, AuditEntry


def test_admin_updates_settings_and_the_change_is_audited(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_admin).post(
        "/a/agency-a/settings/",
        {
            "name": "Agency A Police",
            "country": "BE",
            "kind": "regional_police",
            "default_language": "fr",
        },
    )
    assert response.status_code == 302
    personas.agency_a.refresh_from_db()
    assert (
        personas.agency_a.name,
        personas.agency_a.country.code,
        personas.agency_a.default_language,
    ) == ("Agency A Police", "BE", "fr")
    entry = AuditEntry.objects.get(action=Action.AGENCY_SETTINGS_CHANGED)
    assert entry.changes["name"] == {"old": "Agency A", "new": "Agency A Police"}
    assert entry.changes["country"] == {"old": "FR", "new": "BE"}


def test_invalid_settings_change_nothing(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_admin).post(
        "/a/agency-a/settings/",
        {"name": "", "country": "XX", "kind": "navy", "default_language": "de"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    personas.agency_a.refresh_from_db()
    assert personas.agency_a.name == "Agency A"
    assert not AuditEntry.objects.filter(action=Action.AGENCY_SETTINGS_CHANGED).exists()


def test_saving_unchanged_settings_writes_no_entry(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    login(personas.a_admin).post(
        "/a/agency-a/settings/",
        {"name": "Agency A", "country": "FR", "kind": "national_police", "default_language": "en"},
    )
    assert not AuditEntry.objects.filter(action=Action.AGENCY_SETTINGS_CHANGED).exists()


def test_fields_outside_the_form_are_ignored(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_admin).post(
        "/a/agency-a/settings/",
        {
            "name": "Agency A",
            "country": "FR",
            "kind": "national_police",
            "default_language": "en",
            "slug": "agency-b",
            "id": personas.agency_b.pk,
            "agency": personas.agency_b.pk,
        },
    )
    assert response.status_code == 302
    personas.agency_a.refresh_from_db()
    personas.agency_b.refresh_from_db()
    assert (personas.agency_a.slug, personas.agency_b.name) == ("agency-a", "Agency B")


def test_names_with_line_breaks_are_refused(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_admin).post(
        "/a/agency-a/settings/",
        {
            "name": "Agency\r\nBcc: x@evil.example",
            "country": "FR",
            "kind": "other",
            "default_language": "en",
        },
    )
    assert response.status_code == 400
    assert b"control characters are not allowed" in response.content
    personas.agency_a.refresh_from_db()
    assert personas.agency_a.name == "Agency A"

"""Oversized or malformed requests get a clear 400 page and change nothing."""

from collections.abc import Callable

from django.test import Client, override_settings

from conftest import Personas
from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Invitation


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2048)
def test_oversized_form_is_refused_and_nothing_changes(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    response = client.post(
        "/a/agency-a/members/invite/",
        {"email": "new@agency-a.example", "role": "viewer", "padding": "x" * 5000},
    )
    assert response.status_code == 400
    assert b"too large" in response.content
    assert not Invitation.objects.exists()


def test_malformed_multipart_body_is_refused(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    response = client.generic(
        "POST",
        "/a/agency-a/members/invite/",
        b"--broken\r\nno headers here",
        content_type="multipart/form-data; boundary=broken",
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_missing_page_gets_the_friendly_404(client: Client, db: None) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content

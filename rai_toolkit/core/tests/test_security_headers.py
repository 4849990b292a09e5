from collections.abc import Callable

from django.test import Client

from conftest import Personas
from rai_toolkit.accounts.models import User


def test_every_page_carries_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_pages_are_not_cached(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_viewer).get("/a/agency-a/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_pages_use_no_inline_script(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    html = login(personas.a_admin).get("/a/agency-a/members/").content.decode()
    for chunk in html.split("<script")[1:]:
        head = chunk.split(">", 1)[0]
        assert "src=" in head or 'type="application/json"' in head, head


def test_health_check_answers_without_signing_in(client: Client, db: None) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"

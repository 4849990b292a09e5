"""Five failed attempts within 15 minutes lock an account for 15 minutes."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Personas, totp_code
from rai_toolkit.audit.models import Action, AuditEntry


def fail(client: Client, email: str, times: int) -> None:
    for _ in range(times):
        client.post("/accounts/login/", {"login": email, "password": "not the password"})


def attempt(client: Client, email: str, password: str = PASSWORD) -> str:
    response = client.post("/accounts/login/", {"login": email, "password": password})
    return (
        response.get("Location", "") if response.status_code == 302 else response.content.decode()
    )


def test_fifth_failure_locks_even_the_right_password_out(
    client: Client, personas: Personas
) -> None:
    email = personas.a_viewer.email
    fail(client, email, 4)
    assert attempt(Client(), email) == "/accounts/2fa/authenticate/"  # four failures: still open
    fail(client, email, 1)
    assert "Too many failed attempts" in attempt(Client(), email)
    assert AuditEntry.objects.filter(
        action=Action.ACCOUNT_LOCKED, actor_id=personas.a_viewer.pk
    ).exists()
    assert AuditEntry.objects.filter(
        action=Action.SIGN_IN_FAILED, context__reason="locked"
    ).exists()


def test_lock_lifts_after_fifteen_minutes(personas: Personas) -> None:
    email = personas.a_viewer.email
    fail(Client(), email, 5)
    with time_machine.travel(timezone.now() + timedelta(minutes=14)):
        assert "Too many failed attempts" in attempt(Client(), email)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert attempt(Client(), email) == "/accounts/2fa/authenticate/"


def test_failures_spread_over_more_than_the_window_do_not_lock(personas: Personas) -> None:
    email = personas.a_viewer.email
    start = timezone.now()
    fail(Client(), email, 3)
    with time_machine.travel(start + timedelta(minutes=16)):
        fail(Client(), email, 3)
        assert attempt(Client(), email) == "/accounts/2fa/authenticate/"


def test_unknown_addresses_lock_exactly_like_real_ones(db: None) -> None:
    fail(Client(), "ghost@nowhere.example", 5)
    assert "Too many failed attempts" in attempt(Client(), "ghost@nowhere.example")


def test_wrong_second_factor_codes_count_towards_the_lock(personas: Personas) -> None:
    email = personas.a_viewer.email
    client = Client()
    client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    for _ in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert "Too many failed attempts" in response.content.decode()
    assert client.get("/a/agency-a/").status_code == 302

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Invitation, Membership
from rai_toolkit.audit.services import verify_chain
from rai_toolkit.demo import services


def test_seed_creates_every_role_with_a_second_factor_and_prints_passwords_once(db: None) -> None:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    assert "admin@demo-police.example" in printed and "TOTP secret" in printed
    roles = set(
        Membership.objects.filter(agency__slug="demo-police").values_list("role", flat=True)
    )
    assert roles == {"admin", "assessor", "reviewer", "leadership", "viewer"}
    assert Membership.objects.filter(agency__slug="demo-border").exists()
    assert User.objects.get(email="platform@rai.example").platform_roles == ["platform_admin"]
    assert Invitation.objects.filter(status="pending").count() == 1
    assert verify_chain().ok

    again = io.StringIO()
    call_command("seed_demo", stdout=again)
    assert "TOTP secret" not in again.getvalue()
    assert User.objects.count() == len(services.DEMO_USERS)


def test_printed_credentials_sign_in(db: None) -> None:
    created = services.seed()
    admin = next(c for c in created if c.email == "admin@demo-police.example")
    client = Client()
    client.post("/accounts/login/", {"login": admin.email, "password": admin.password})
    code = dict(services.current_codes())[admin.email]
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/a/demo-police/"


def test_reset_gives_new_working_passwords(db: None) -> None:
    first = {c.email: c.password for c in services.seed()}
    second = {c.email: c.password for c in services.reset_passwords()}
    assert set(first) == set(second)
    assert all(first[e] != second[e] for e in first)
    user = User.objects.get(email="viewer@demo-police.example")
    assert user.check_password(second[user.email])


@override_settings(PRODUCTION=True)
def test_demo_commands_refuse_to_run_in_production(db: None) -> None:
    for command in ("seed_demo", "demo_codes"):
        with pytest.raises(CommandError, match="development only"):
            call_command(command)


@pytest.mark.django_db
def test_the_demo_agency_has_systems_at_every_point_of_their_life() -> None:
    from django.core.management import call_command

    from rai_toolkit.register.models import AISystem
    from rai_toolkit.risk.models import RiskAssessment

    call_command("load_toolkit", "--publish", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    systems = AISystem.objects.filter(agency__slug="demo-police")
    assert systems.count() == 5
    assert {"high_risk", "minimal", "conditional", ""} <= set(
        systems.values_list("regulatory_class", flat=True)
    )
    statuses = set(RiskAssessment.objects.values_list("status", flat=True))
    assert {"decided", "submitted", "draft"} <= statuses
    assert systems.overdue().exists() and systems.due_now().count() >= 2
    decided = RiskAssessment.objects.filter(status="decided").first()
    assert decided is not None and decided.snapshot is not None


@pytest.mark.django_db
def test_the_demo_agency_has_its_reports_written_once_the_seed_commits(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from rai_toolkit.reports.models import Report

    call_command("load_toolkit", "--publish", stdout=io.StringIO())
    call_command("load_questionnaires", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    made = Report.objects.filter(agency__slug="demo-police")
    assert sorted(made.values_list("kind", "language")) == [
        ("readiness", "en"),
        ("register", "en"),
        ("risk", "ar"),
        ("risk", "en"),
    ]
    assert set(made.values_list("status", flat=True)) == {"done"}

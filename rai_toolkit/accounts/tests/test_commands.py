import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from rai_toolkit.accounts import lockout
from rai_toolkit.accounts.models import LoginFailure, User
from rai_toolkit.audit.models import Action, AuditEntry


def test_create_platform_admin_prints_a_password_that_works(db: None) -> None:
    out = io.StringIO()
    call_command("create_platform_admin", "Chief@Agency.example", "--name", "Chief", stdout=out)
    password = out.getvalue().rsplit(": ", 1)[1].strip()
    user = User.objects.get(email="chief@agency.example")
    assert user.platform_roles == ["platform_admin"] and user.check_password(password)
    assert AuditEntry.objects.filter(
        action=Action.PLATFORM_ROLES_CHANGED, target_id=str(user.pk)
    ).exists()


def test_platform_roles_are_granted_and_revoked(db: None) -> None:
    User.objects.create_user("editor@agency.example", "river lantern ochre 42")
    call_command(
        "platform_roles", "editor@agency.example", "--grant", "toolkit_editor", stdout=io.StringIO()
    )
    assert User.objects.get().platform_roles == ["toolkit_editor"]
    call_command(
        "platform_roles",
        "editor@agency.example",
        "--revoke",
        "toolkit_editor",
        stdout=io.StringIO(),
    )
    assert User.objects.get().platform_roles == []
    changes = AuditEntry.objects.filter(action=Action.PLATFORM_ROLES_CHANGED).order_by("seq")
    assert [e.changes["platform_roles"]["new"] for e in changes] == [["toolkit_editor"], []]


def test_unknown_account_is_a_clear_error(db: None) -> None:
    with pytest.raises(CommandError, match="No account"):
        call_command("platform_roles", "ghost@agency.example", "--grant", "hub_moderator")


def test_an_account_without_agency_can_be_created_for_a_reviewer(db: None) -> None:
    out = io.StringIO()
    call_command("platform_roles", "Expert@Uni.example", "--create", "--name", "Expert", stdout=out)
    password = out.getvalue().rsplit(": ", 1)[1].strip()
    user = User.objects.get(email="expert@uni.example")
    assert user.platform_roles == [] and user.check_password(password)
    assert user.full_name == "Expert"


def test_prune_removes_old_failures(db: None) -> None:
    lockout.register_failure("someone@agency.example", None)
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        call_command("prune_sign_in_records", stdout=io.StringIO())
    assert not LoginFailure.objects.exists()

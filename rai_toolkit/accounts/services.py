"""Account workflows used by the command line (the first platform admin, platform roles)."""

from __future__ import annotations

import secrets

from allauth.account.models import EmailAddress
from django.db import transaction

from rai_toolkit.accounts.models import PlatformRole, User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record


def set_platform_roles(*, user: User, roles: set[PlatformRole], by: User | None) -> None:
    old = sorted(user.platform_roles)
    new = sorted(role.value for role in roles)
    if old == new:
        return
    with transaction.atomic():
        user.platform_roles = new
        user.save(update_fields=["platform_roles"])
        record(
            Action.PLATFORM_ROLES_CHANGED,
            actor=by,
            target=user,
            target_label=user.email,
            changes={"platform_roles": (old, new)},
        )


def create_account(*, email: str, full_name: str = "") -> tuple[User, str]:
    """An account with a verified address and a random password, returned once."""
    password = secrets.token_urlsafe(14)
    with transaction.atomic():
        user = User.objects.create_user(email, password, full_name=full_name)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        record(
            Action.SIGNED_UP, target=user, target_label=user.email, context={"via": "command line"}
        )
    return user, password

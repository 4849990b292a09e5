"""Account workflows: profile and language, platform roles, accounts made on the command line."""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from rai_toolkit.accounts.models import PlatformRole, User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import diff, record

PROFILE_FIELDS = ("full_name", "language")


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


def update_profile(*, user: User, values: dict[str, Any], request: HttpRequest) -> None:
    before = {field: getattr(user, field) for field in PROFILE_FIELDS}
    changes = diff(before, {field: values[field] for field in PROFILE_FIELDS})
    if not changes:
        return
    with transaction.atomic():
        for field, (_old, new) in changes.items():
            setattr(user, field, new)
        user.save(update_fields=list(changes))
        record(Action.PROFILE_UPDATED, request=request, target=user, changes=changes)


def set_language(*, user: User, language: str) -> None:
    """Remember the interface language a user chose (it follows them to every device)."""
    if language in dict(settings.LANGUAGES) and language != user.language:
        user.language = language
        user.save(update_fields=["language"])

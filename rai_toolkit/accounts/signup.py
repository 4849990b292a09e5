"""Invitation-only sign-up: whoever holds a valid invitation may create an account for the
invited address, and nobody else. The invitation flow (agencies) opens the door by calling
`allow_signup`; the account adapter and sign-up form check it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.http import HttpRequest

SESSION_KEY = "rai_signup_invitation"
# Whoever opens the door also says, each time it is asked, whether it is still open (an
# invitation can be revoked or expire while its invitee fills in the form).
_reference_checks: list[Callable[[Any], bool]] = []


def register_reference_check(check: Callable[[Any], bool]) -> None:
    _reference_checks.append(check)


def allow_signup(request: HttpRequest, *, email: str, reference: Any) -> None:
    """Let this browser session sign up once, for `email`; `reference` comes back after sign-up."""
    request.session[SESSION_KEY] = {"email": email.lower(), "reference": reference}
    # allauth marks the address verified at sign-up: the invitation link proved it.
    get_adapter(request).stash_verified_email(request, email)


def invited_email(request: HttpRequest) -> str | None:
    data = request.session.get(SESSION_KEY)
    return data.get("email") if isinstance(data, dict) else None


def take_reference(request: HttpRequest) -> Any:
    data = request.session.pop(SESSION_KEY, None)
    return data.get("reference") if isinstance(data, dict) else None


def is_open(request: HttpRequest) -> bool:
    if not settings.RAI_SIGNUP_INVITATION_ONLY:
        return True
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return False
    return all(check(data.get("reference")) for check in _reference_checks)

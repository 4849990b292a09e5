"""Audit entries and session bookkeeping for sign-in events (django.contrib.auth and allauth)."""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from rai_toolkit.accounts import lockout, session
from rai_toolkit.accounts.models import User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record


@receiver(user_logged_in)
def on_signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None:
        return
    session.mark_signed_in(request.session)
    lockout.clear(user.email)
    record(Action.SIGNED_IN, request=request, actor=user)


@receiver(user_logged_out)
def on_signed_out(
    sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    if request is not None and user is not None:
        record(Action.SIGNED_OUT, request=request, actor=user)


@receiver(account_signals.user_signed_up)
def on_signed_up(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(Action.SIGNED_UP, request=request, actor=user, target=user)


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
def on_password_changed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(Action.PASSWORD_CHANGED, request=request, actor=user, target=user)


@receiver(account_signals.password_reset)
def on_password_reset(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(Action.PASSWORD_RESET, request=request, actor=user, target=user)


@receiver(account_signals.email_added)
@receiver(account_signals.email_removed)
def on_email_added_or_removed(
    sender: Any, request: HttpRequest, user: User, email_address: Any, **kwargs: Any
) -> None:
    change = "added" if kwargs.get("signal") is account_signals.email_added else "removed"
    record(
        Action.EMAIL_CHANGED,
        request=request,
        actor=user,
        target=user,
        context={"change": change, "email": email_address.email},
    )


@receiver(account_signals.email_changed)
def on_primary_email_changed(
    sender: Any,
    request: HttpRequest,
    user: User,
    from_email_address: Any,
    to_email_address: Any,
    **kwargs: Any,
) -> None:
    old = from_email_address.email if from_email_address else None
    record(
        Action.EMAIL_CHANGED,
        request=request,
        actor=user,
        target=user,
        changes={"primary_email": (old, to_email_address.email)},
    )


def _authenticator_context(authenticator: Any) -> dict[str, Any]:
    return {"type": str(authenticator.type), "authenticator_id": authenticator.pk}


@receiver(mfa_signals.authenticator_added)
def on_mfa_added(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kw: Any
) -> None:
    record(
        Action.MFA_ADDED, request=request, actor=user, context=_authenticator_context(authenticator)
    )


@receiver(mfa_signals.authenticator_removed)
def on_mfa_removed(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kw: Any
) -> None:
    request.session.pop(session.MFA_OK, None)
    record(
        Action.MFA_REMOVED,
        request=request,
        actor=user,
        context=_authenticator_context(authenticator),
    )


@receiver(mfa_signals.authenticator_reset)
def on_mfa_reset(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kw: Any
) -> None:
    record(
        Action.MFA_RESET, request=request, actor=user, context=_authenticator_context(authenticator)
    )


@receiver(mfa_signals.authentication_failed)
def on_mfa_failed(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kw: Any
) -> None:
    context = {
        **_authenticator_context(authenticator),
        "reauthentication": bool(kw.get("reauthentication")),
    }
    record(Action.MFA_FAILED, request=request, actor=user, context=context)
    lockout.register_failure(user.email, request)

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

from rai_toolkit.accounts import lockout, session, signup
from rai_toolkit.accounts.forms import locked_error
from rai_toolkit.accounts.models import User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record

REAUTH_GRACE_SECONDS = 300


def _identifier(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "")


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        identifier = _identifier(credentials)
        if lockout.locked_until(identifier):
            record(
                Action.SIGN_IN_FAILED,
                request=request,
                actor=User.objects.filter(email__iexact=identifier).first(),
                actor_label=lockout.normalise(identifier),
                context={"reason": "locked"},
            )
            raise locked_error()
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        identifier = _identifier(credentials)
        record(
            Action.SIGN_IN_FAILED,
            request=request,
            actor=User.objects.filter(email__iexact=identifier).first(),
            actor_label=lockout.normalise(identifier),
            context={"reason": "credentials"},
        )
        lockout.register_failure(identifier, request)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return signup.is_open(request)

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Setting up a first second factor right after signing in needs no second password
        prompt; every later change to sign-in methods does."""
        request = context.request
        if app == "allauth.mfa" and session.signed_in_recently(
            request.session, REAUTH_GRACE_SECONDS
        ):
            user = request.user
            if not Authenticator.objects.filter(user_id=user.pk).exists():
                return False
        required: bool = super().is_reauthentication_required(app=app, **kwargs)
        return required

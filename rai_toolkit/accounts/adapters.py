from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
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

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        # Attempts running in parallel may pass the check above before the lock is written;
        # a correct password then still does not get through a lock that now exists.
        if user is not None and lockout.locked_until(_identifier(credentials)):
            raise locked_error()
        return user

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


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """With second factors required, the last one cannot be switched off (add another first)."""
        if not settings.RAI_MFA_REQUIRED:
            return True
        others = (
            Authenticator.objects.filter(user_id=authenticator.user_id)
            .exclude(pk=authenticator.pk)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
        )
        return others.exists()

"""Second-factor forms, kept apart from `forms.py` because allauth imports that module early."""

from __future__ import annotations

from typing import Any

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm

from rai_toolkit.accounts import lockout
from rai_toolkit.accounts.forms import locked_error
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record


class LockoutCheckMixin:
    """A locked account gets no code checked at all, so codes cannot be brute-forced."""

    user: Any

    def clean_code(self) -> str:
        if lockout.locked_until(self.user.email):
            record(
                Action.MFA_FAILED,
                request=context.request,
                actor=self.user,
                context={"reason": "locked"},
            )
            raise locked_error()
        code: str = super().clean_code()  # type: ignore[misc]
        return code


class LockoutAwareAuthenticateForm(LockoutCheckMixin, AuthenticateForm):
    pass


class LockoutAwareReauthenticateForm(LockoutCheckMixin, ReauthenticateForm):
    pass

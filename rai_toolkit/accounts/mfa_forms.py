"""Second-factor forms, kept apart from `forms.py` because allauth imports that module early."""

from __future__ import annotations

from allauth.mfa.base.forms import AuthenticateForm

from rai_toolkit.accounts import lockout
from rai_toolkit.accounts.forms import locked_error


class LockoutAwareAuthenticateForm(AuthenticateForm):
    """The second-factor step also refuses a locked account, so codes cannot be brute-forced."""

    def clean_code(self) -> str:
        if lockout.locked_until(self.user.email):
            raise locked_error()
        code: str = super().clean_code()
        return code

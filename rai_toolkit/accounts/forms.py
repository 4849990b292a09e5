from __future__ import annotations

from typing import Any

from allauth.core import context
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rai_toolkit.accounts import signup
from rai_toolkit.accounts.models import User
from rai_toolkit.core.validators import no_control_characters


def locked_error() -> forms.ValidationError:
    minutes = settings.RAI_LOCKOUT_MINUTES
    message = ngettext(
        "Too many failed attempts. Sign-in to this account is paused for %(minutes)d minute.",
        "Too many failed attempts. Sign-in to this account is paused for %(minutes)d minutes.",
        minutes,
    )
    return forms.ValidationError(message, code="locked", params={"minutes": minutes})


class SignupExtraForm(forms.Form):
    """Mixed into allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): name + invited address."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, validators=[no_control_characters]
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not settings.RAI_SIGNUP_INVITATION_ONLY:
            return cleaned
        invited = signup.invited_email(context.request)
        email = (cleaned.get("email") or "").lower()
        if invited is None or not signup.is_open(context.request):
            raise forms.ValidationError(_("Sign-up is by invitation only."), code="closed")
        if email and email != invited:
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Use the address the invitation was sent to: %(email)s"),
                    code="not_invited",
                    params={"email": invited},
                ),
            )
        return cleaned

    def signup(self, request: Any, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"]
        user.save(update_fields=["full_name"])


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ["full_name", "language"]

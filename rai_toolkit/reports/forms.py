from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rai_toolkit.reports.models import Kind


class RequestForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.HiddenInput)
    object_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        error_messages={
            "invalid_choice": _("Reports are written in English, French, Spanish or Arabic.")
        },
    )


class SensitivityForm(forms.Form):
    """One choice per field of the register and the assessments."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        from rai_toolkit.reports.sensitivity import DEFAULTS, LABELS, Sensitivity

        super().__init__(*args, **kwargs)
        for field in DEFAULTS:
            self.fields[field] = forms.ChoiceField(
                label=LABELS[field],
                choices=Sensitivity.choices,
                initial=current[field],
                help_text=_("Our default: %(level)s")
                % {"level": Sensitivity(DEFAULTS[field]).label},
            )

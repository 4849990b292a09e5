from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("SurveyJS file (.json)"),
        help_text=_(
            "A questionnaire in SurveyJS JSON, for example Canada's Algorithmic Impact "
            "Assessment. It is checked first; anything it cannot run is named and nothing is "
            "stored."
        ),
    )

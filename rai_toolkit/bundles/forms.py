from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    bundle = forms.FileField(
        label=_("Bundle (.zip)"),
        error_messages={"required": _("Choose the bundle file to import.")},
    )
    expected_sha256 = forms.RegexField(
        label=_("Manifest SHA-256 (optional)"),
        regex=r"^\s*[0-9a-fA-F]{64}\s*$",
        required=False,
        help_text=_(
            "The figure shown where the bundle was exported. Given here, a bundle that differs "
            "from the one exported is refused."
        ),
        error_messages={"invalid": _("A SHA-256 is 64 hexadecimal characters.")},
    )

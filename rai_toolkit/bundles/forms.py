from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
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

    def clean_bundle(self) -> UploadedFile:
        """Refused before it is read into memory when it is larger than the limit."""
        upload: UploadedFile = self.cleaned_data["bundle"]
        if (upload.size or 0) > settings.RAI_BUNDLE_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The bundle is larger than %(n)d MB.") % {"n": settings.RAI_BUNDLE_MAX_MB}
            )
        return upload

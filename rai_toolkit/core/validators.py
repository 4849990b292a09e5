from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def no_control_characters(value: str) -> None:
    """Names end up in e-mail headers and CSV files, where line breaks and the like do harm."""
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError(_("Line breaks and other control characters are not allowed."))

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from rai_toolkit.audit.services import data_version


def versioning(request: HttpRequest) -> dict[str, Any]:
    """`data_version` for `{% cache %}` keys; lazy, so only pages that cache ask for it."""
    return {"data_version": SimpleLazyObject(data_version)}

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from rai_toolkit.audit.services import data_version


def versioning(request: HttpRequest) -> dict[str, Any]:
    """`data_version` for `{% cache %}` keys: the one read when the request began, or a lazy
    read, so only pages that cache ask for it."""
    early = getattr(request, "data_version", None)
    return {"data_version": early if early is not None else SimpleLazyObject(data_version)}

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from rai_toolkit.core.navigation import nav_items


def layout(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page; agency data arrives lazily, when rendered."""
    access = getattr(request, "agency_access", None)
    slug = access.agency.slug if access is not None else None
    return {
        "site_name": settings.RAI_SITE_NAME,
        "nav_items": SimpleLazyObject(lambda: nav_items(slug)),
        "current_access": access,
    }

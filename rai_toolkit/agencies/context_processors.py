from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from rai_toolkit.agencies.models import Membership


def agency_switcher(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    user_id = request.user.pk
    return {
        "invitation_days": settings.RAI_INVITATION_DAYS,
        "my_memberships": SimpleLazyObject(
            lambda: list(Membership.objects.filter(user_id=user_id).select_related("agency"))
        ),
    }

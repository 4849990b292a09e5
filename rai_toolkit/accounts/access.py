"""Views reserved to a platform role (platform admin, toolkit editor, hub moderator)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from rai_toolkit.accounts.models import PlatformRole, User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.core.access import mark_role_required

ViewFunc = Callable[..., HttpResponseBase]


def platform_view(role: PlatformRole) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not isinstance(user, User) or not user.has_platform_role(role):
                record(
                    Action.ACCESS_DENIED,
                    request=request,
                    context={"path": request.path, "needs": role.value},
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return mark_role_required(wrapper, f"platform:{role.value}")

    return decorator


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user as our User type (the sign-in middleware guarantees one)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user

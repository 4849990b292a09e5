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


def platform_view(
    *roles: PlatformRole, also: tuple[str, Callable[[User], bool]] | None = None
) -> Callable[[ViewFunc], ViewFunc]:
    """The view needs one of `roles`; everyone else gets 403 (audited).

    `also` names a further way in that another app decides, e.g. ("toolkit_reviewer", is_member).
    """
    needed = ",".join([*(role.value for role in roles), *([also[0]] if also else [])])

    def allowed(user: Any) -> bool:
        if not isinstance(user, User):
            return False
        return any(user.has_platform_role(r) for r in roles) or bool(also and also[1](user))

    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not allowed(request.user):
                record(
                    Action.ACCESS_DENIED,
                    request=request,
                    context={"path": request.path, "needs": needed},
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return mark_role_required(wrapper, f"platform:{needed}")

    return decorator


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user as our User type (the sign-in middleware guarantees one)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user

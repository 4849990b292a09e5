"""Who may read and who may change the toolkit."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase

from rai_toolkit.accounts.access import platform_view
from rai_toolkit.accounts.models import PlatformRole, User
from rai_toolkit.core.access import public
from rai_toolkit.knowledge.models import ReviewPanel

ViewFunc = Callable[..., HttpResponseBase]


def toolkit_page(view: ViewFunc) -> ViewFunc:
    """Public reading, unless RAI_TOOLKIT_REQUIRE_SIGN_IN asks for an account."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if settings.RAI_TOOLKIT_REQUIRE_SIGN_IN and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return public(wrapper)


def is_reviewer(user: Any) -> bool:
    """A member of any review panel; remembered on the user for the rest of the request."""
    if not isinstance(user, User):
        return False
    if not hasattr(user, "_toolkit_reviewer"):
        user._toolkit_reviewer = ReviewPanel.objects.of(user).exists()  # type: ignore[attr-defined]
    return bool(user._toolkit_reviewer)  # type: ignore[attr-defined]


def is_editor(user: Any) -> bool:
    return isinstance(user, User) and user.has_platform_role(PlatformRole.TOOLKIT_EDITOR)


def can_see_drafts(user: Any) -> bool:
    return is_editor(user) or is_reviewer(user)


REVIEWER = ("toolkit_reviewer", is_reviewer)
editor_view = platform_view(PlatformRole.TOOLKIT_EDITOR)
contributor_view = platform_view(PlatformRole.TOOLKIT_EDITOR, also=REVIEWER)
reviewer_view = platform_view(also=REVIEWER)
panels_view = platform_view(PlatformRole.TOOLKIT_EDITOR, PlatformRole.PLATFORM_ADMIN)

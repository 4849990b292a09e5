"""How each view is reached: public, any signed-in user, or a role.

Every view is sign-in-only unless marked: `LoginRequiredMiddleware` denies by default, `public`
opens a view to anonymous users, and role checks (agency roles, platform roles) mark the view
with `access_requirement` so the URL-walking test can tell the three kinds apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.db import models
from django.utils.translation import gettext_lazy as _

V = TypeVar("V", bound=Callable[..., Any])


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    SIGNED_IN = "signed_in", _("Sign-in required")
    ROLE = "role", _("Role required")


def public(view: V) -> V:
    return login_not_required(view)


def mark_role_required(view: V, requirement: str) -> V:
    view.access_requirement = requirement  # type: ignore[attr-defined]
    return view


def resubmittable(view: V) -> V:
    """A form this view receives may be kept across an expired session and sent again."""
    view.resubmittable = True  # type: ignore[attr-defined]
    return view


def access_of(view: Callable[..., Any]) -> Access:
    if getattr(view, "access_requirement", None):
        return Access.ROLE
    if getattr(view, "login_required", True) is False:
        return Access.PUBLIC
    return Access.SIGNED_IN

"""The one way views load agency-owned data.

`agency_view(perm)` resolves the agency in the URL for the signed-in user: not a member → 404
(an outsider cannot even learn the agency exists), member without the permission → 403. The
view then loads objects with `access.get(...)`, which scopes every lookup to that agency, so an
id from another agency is a 404 too. Both refusals leave an audit entry.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponseBase

from rai_toolkit.accounts.access import signed_in_user
from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency, Membership, Perm
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import data_version, record
from rai_toolkit.core.access import mark_role_required, resubmittable

M = TypeVar("M", bound=models.Model)
P = ParamSpec("P")


@dataclass(frozen=True)
class AgencyAccess:
    request: HttpRequest
    membership: Membership

    @property
    def agency(self) -> Agency:
        return self.membership.agency

    @property
    def user(self) -> User:
        return self.membership.user

    def can(self, perm: Perm) -> bool:
        return self.membership.grants(perm)

    def get(self, source: type[M] | models.QuerySet[M], **lookup: Any) -> M:
        """The object matching `lookup` within this agency, or 404 (audited)."""
        queryset = source if isinstance(source, models.QuerySet) else source._default_manager.all()
        found = queryset.filter(agency=self.agency, **lookup).first()
        if found is None:
            record(
                Action.ACCESS_OUT_OF_SCOPE,
                request=self.request,
                agency=self.agency,
                context={"model": queryset.model._meta.label_lower, "lookup": lookup},
            )
            raise Http404
        return found


def resolve(request: HttpRequest, slug: str, *perms: Perm) -> AgencyAccess:
    """The signed-in user's membership of agency `slug`, granting any of `perms`."""
    user = signed_in_user(request)
    membership = (
        Membership.objects.select_related("agency").filter(user=user, agency__slug=slug).first()
    )
    if membership is not None:
        membership.user = user  # already loaded by the authentication middleware
    else:
        record(
            Action.ACCESS_OUT_OF_SCOPE,
            request=request,
            agency=Agency.objects.filter(slug=slug).first(),
            context={"path": request.path},
        )
        raise Http404
    if not any(membership.grants(perm) for perm in perms):
        record(
            Action.ACCESS_DENIED,
            request=request,
            agency=membership.agency,
            context={
                "path": request.path,
                "needs": ",".join(p.value for p in perms),
                "role": membership.role,
            },
        )
        raise PermissionDenied
    return AgencyAccess(request=request, membership=membership)


AgencyViewFunc = Callable[Concatenate[HttpRequest, AgencyAccess, P], HttpResponseBase]


def agency_view(
    perm: Perm, *more: Perm
) -> Callable[[AgencyViewFunc[P]], Callable[..., HttpResponseBase]]:
    """Decorate `view(request, access, **kwargs)`; the URL supplies `agency` (the slug). With
    several permissions, any one of them lets the member in."""

    def decorator(view: AgencyViewFunc[P]) -> Callable[..., HttpResponseBase]:
        @functools.wraps(view)
        def wrapper(
            request: HttpRequest, agency: str, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            # Read before any data: a fragment cached under this version is never older than it.
            request.data_version = data_version()  # type: ignore[attr-defined]
            access = resolve(request, agency, perm, *more)
            request.agency_access = access  # type: ignore[attr-defined]  # for the layout
            return view(request, access, *args, **kwargs)

        # Agency work is what people type at length; keep it across an expired session.
        needed = ",".join(p.value for p in (perm, *more))
        return resubmittable(mark_role_required(wrapper, f"agency:{needed}"))

    return decorator

"""What the agency pages show, gathered with a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.forms import Form

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.agencies.models import Invitation, Membership, Perm
from rai_toolkit.audit.models import AuditEntry
from rai_toolkit.core import dashboard

RECENT_ACTIVITY = 10


def dashboard_summary(access: AgencyAccess) -> dict[str, Any]:
    agency = access.agency
    by_role = {
        row["role"]: row["n"]
        for row in Membership.objects.filter(agency=agency).values("role").annotate(n=Count("id"))
    }
    manage = access.can(Perm.MANAGE)
    activity = AuditEntry.objects.for_agency(agency.pk)
    if not manage:
        activity = activity.team_events()
    return {
        "member_count": sum(by_role.values()),
        "members_by_role": [
            (label, by_role.get(value, 0)) for value, label in Membership.Role.choices
        ],
        # Expiry passes without a data change; the cached summary catches up within its timeout.
        "pending_invitations": (agency.invitations.usable().count() if manage else None),
        "recent_activity": list(activity[:RECENT_ACTIVITY]),
        "cards": dashboard.cards(access),
    }


def members_page(access: AgencyAccess, invite_form: Form) -> dict[str, Any]:
    manage = access.can(Perm.MANAGE)
    return {
        "access": access,
        "members": list(
            access.agency.memberships.select_related("user").order_by(
                "user__full_name", "user__email"
            )
        ),
        "invitations": (
            list(
                access.agency.invitations.filter(status=Invitation.Status.PENDING)
                .select_related("invited_by")
                .order_by("-created_at")
            )
            if manage
            else []
        ),
        "invite_form": invite_form,
        "roles": Membership.Role.choices,
    }

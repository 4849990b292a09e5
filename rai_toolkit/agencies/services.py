"""Workflows on agencies, memberships and invitations. Each one checks its rules, changes the
data in one transaction and writes the audit trail; views only call these."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency, Invitation, Membership, hash_token
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import diff, record

log = logging.getLogger(__name__)
SETTINGS_FIELDS = ("name", "country", "kind", "default_language", "shares_results")
TOUCH_INTERVAL = timedelta(minutes=10)


def unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "agency"
    slug, n = base, 2
    while Agency.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    accept_url: str
    emailed: bool


def create_agency(
    *,
    name: str,
    country: str,
    kind: str,
    default_language: str,
    by: User | None,
    request: HttpRequest | None = None,
) -> Agency:
    with transaction.atomic():
        agency = Agency.objects.create(
            name=name,
            slug=unique_slug(name),
            country=country,
            kind=kind,
            default_language=default_language,
        )
        record(
            Action.AGENCY_CREATED,
            request=request,
            actor=by,
            agency=agency,
            target=agency,
            changes=diff({}, {f: getattr(agency, f) for f in SETTINGS_FIELDS}),
        )
    return agency


def create_agency_with_admin(
    *,
    name: str,
    country: str,
    kind: str,
    default_language: str,
    admin_email: str,
    by: User,
    request: HttpRequest,
) -> tuple[Agency, SentInvitation]:
    with transaction.atomic():
        agency = create_agency(
            name=name,
            country=country,
            kind=kind,
            default_language=default_language,
            by=by,
            request=request,
        )
        sent = invite(
            agency=agency, email=admin_email, role=Membership.Role.ADMIN, by=by, request=request
        )
    return agency, sent


def update_settings(
    *, agency: Agency, values: dict[str, Any], by: User, request: HttpRequest
) -> dict[str, tuple[Any, Any]]:
    before = {f: str(getattr(agency, f)) for f in SETTINGS_FIELDS}
    after = {f: str(values[f]) for f in SETTINGS_FIELDS}
    changes = diff(before, after)
    if not changes:
        return changes
    with transaction.atomic():
        for field in changes:
            setattr(agency, field, values[field])
        agency.save(update_fields=list(changes))
        record(
            Action.AGENCY_SETTINGS_CHANGED,
            request=request,
            actor=by,
            agency=agency,
            target=agency,
            changes=changes,
        )
    return changes


def invite(
    *, agency: Agency, email: str, role: str, by: User | None, request: HttpRequest | None
) -> SentInvitation:
    email = email.strip().lower()
    if Membership.objects.filter(agency=agency, user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a member of this agency.") % {"email": email})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        replaced = list(
            Invitation.objects.select_for_update().filter(
                agency=agency, email=email, status=Invitation.Status.PENDING
            )
        )
        for old in replaced:
            _close(old, Invitation.Status.REVOKED)
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    agency=agency,
                    email=email,
                    role=role,
                    token_hash=hash_token(token),
                    invited_by=by,
                    expires_at=Invitation.default_expiry(),
                )
        except IntegrityError as exc:  # another administrator invited the same address just now
            raise ValidationError(
                _("An invitation to %(email)s was sent a moment ago.") % {"email": email}
            ) from exc
        record(
            Action.INVITATION_SENT,
            request=request,
            actor=by,
            agency=agency,
            target=invitation,
            target_label=email,
            context={"role": role, "replaces": [o.pk for o in replaced]},
        )
    accept_url = absolute_url(request, reverse("agencies:invitation", args=[token]))
    return SentInvitation(invitation, accept_url, _send_invitation_email(invitation, accept_url))


def absolute_url(request: HttpRequest | None, path: str) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.RAI_BASE_URL.rstrip("/") + path


def _send_invitation_email(invitation: Invitation, accept_url: str) -> bool:
    context = {
        "invitation": invitation,
        "accept_url": accept_url,
        "days": settings.RAI_INVITATION_DAYS,
    }
    with translation.override(invitation.agency.default_language):
        subject = _("Invitation to join %(agency)s") % {"agency": invitation.agency.name}
        body = render_to_string("agencies/email/invitation.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except Exception:  # an unreachable mail server must not lose the invitation
        log.exception("invitation e-mail to %s failed", invitation.email)
        return False
    return True


def _close(invitation: Invitation, status: Invitation.Status, user: User | None = None) -> None:
    invitation.status = status
    invitation.responded_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "responded_at", "accepted_by"])


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("agency", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_is_usable(pk: Any) -> bool:
    invitation = Invitation.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    return invitation is not None and invitation.is_usable


def refuse_invitation(*, invitation: Invitation, request: HttpRequest, reason: str) -> None:
    """Audit an attempt to use a real invitation that cannot be used. Unknown tokens are noise
    anyone can generate and are not written to the trail."""
    record(
        Action.INVITATION_REFUSED,
        request=request,
        agency=invitation.agency,
        target=invitation,
        target_label=invitation.email,
        context={"reason": reason},
    )


def accept_invitation(*, invitation: Invitation, user: User, request: HttpRequest) -> Membership:
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not current.is_usable:
            raise ValidationError(_("This invitation can no longer be used."), code="unusable")
        if current.email.lower() != user.email.lower():
            raise ValidationError(
                _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
                % {"email": current.email},
                code="wrong_user",
            )
        if Membership.objects.filter(agency=current.agency, user=user).exists():
            raise ValidationError(_("You are already a member of this agency."), code="member")
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    agency=current.agency,
                    user=user,
                    role=current.role,
                    last_used_at=timezone.now(),
                )
        except IntegrityError as exc:  # a parallel acceptance won the race
            raise ValidationError(_("You are already a member of this agency.")) from exc
        _close(current, Invitation.Status.ACCEPTED, user)
        record(
            Action.INVITATION_ACCEPTED,
            request=request,
            actor=user,
            agency=current.agency,
            target=membership,
            target_label=user.email,
            context={"role": current.role},
        )
    return membership


def revoke_invitation(*, invitation: Invitation, by: User, request: HttpRequest) -> None:
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if current.status != Invitation.Status.PENDING:
            raise ValidationError(_("Only a pending invitation can be revoked."))
        _close(current, Invitation.Status.REVOKED)
        record(
            Action.INVITATION_REVOKED,
            request=request,
            actor=by,
            agency=current.agency,
            target=current,
            target_label=current.email,
        )


def add_member(
    *, agency: Agency, user: User, role: str, by: User | None, request: HttpRequest | None = None
) -> Membership:
    """Make an existing account a member directly (command line and demo data)."""
    if Membership.objects.filter(agency=agency, user=user).exists():
        raise ValidationError(
            _("%(email)s is already a member of this agency.") % {"email": user.email}
        )
    with transaction.atomic():
        membership = Membership.objects.create(agency=agency, user=user, role=role)
        record(
            Action.MEMBER_ADDED,
            request=request,
            actor=by,
            agency=agency,
            target=membership,
            target_label=user.email,
            changes={"role": (None, role)},
        )
    return membership


def _lock_for_change(membership: Membership, by: User) -> tuple[Membership, int]:
    """Re-read the member and the agency's admins under lock, so the last-admin rule and the
    actor's own right hold at the moment of the change, not when the page was loaded."""
    admins = list(
        Membership.objects.admins().filter(agency_id=membership.agency_id).select_for_update()
    )
    if not any(a.user_id == by.pk for a in admins):
        raise PermissionDenied
    current = Membership.objects.select_for_update().select_related("user", "agency")
    return current.get(pk=membership.pk), len(admins)


LAST_ADMIN_ROLE = gettext_lazy(
    "An agency needs at least one administrator. Make someone else an administrator first."
)
LAST_ADMIN_LEAVES = gettext_lazy(
    "You are the agency's last administrator and cannot be removed. Make someone else an "
    "administrator first."
)


def change_role(*, membership: Membership, role: str, by: User, request: HttpRequest) -> bool:
    """Give the member another role; False when it already was that role."""
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    with transaction.atomic():
        current, admin_count = _lock_for_change(membership, by)
        old = current.role
        if role == old:
            return False
        if current.is_admin and admin_count <= 1:
            raise ValidationError(LAST_ADMIN_ROLE)
        current.role = role
        current.save(update_fields=["role"])
        record(
            Action.MEMBER_ROLE_CHANGED,
            request=request,
            actor=by,
            agency=current.agency,
            target=current,
            target_label=current.user.email,
            changes={"role": (old, role)},
        )
    return True


def remove_member(*, membership: Membership, by: User, request: HttpRequest) -> None:
    with transaction.atomic():
        current, admin_count = _lock_for_change(membership, by)
        if current.is_admin and admin_count <= 1:
            raise ValidationError(LAST_ADMIN_LEAVES)
        record(
            Action.MEMBER_REMOVED,
            request=request,
            actor=by,
            agency=current.agency,
            target=current,
            target_label=current.user.email,
            changes={"role": (current.role, None)},
        )
        current.delete()


def touch(membership: Membership) -> None:
    """Remember which agency the user worked in last (where they land after sign-in)."""
    now = timezone.now()
    if membership.last_used_at is None or now - membership.last_used_at > TOUCH_INTERVAL:
        Membership.objects.filter(pk=membership.pk).update(last_used_at=now)
        membership.last_used_at = now

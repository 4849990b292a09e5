from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from rai_toolkit.core.validators import no_control_characters


class Perm(models.TextChoices):
    """What a membership lets a person do in their agency; roles are bundles of these."""

    VIEW = "view", _("View the agency's work")
    EDIT = "edit", _("Create and edit assessments and AI systems")
    REVIEW = "review", _("Review and finalise assessments")
    DECIDE = "decide", _("Decide whether an AI system may go ahead")
    MANAGE = "manage", _("Manage members, settings and the audit trail")


class Agency(models.Model):
    class Kind(models.TextChoices):
        NATIONAL_POLICE = "national_police", _("National police")
        REGIONAL_POLICE = "regional_police", _("Regional or local police")
        CUSTOMS = "customs", _("Customs")
        BORDER = "border", _("Border agency")
        INVESTIGATIVE = "investigative", _("Investigative agency")
        PROSECUTOR = "prosecutor", _("Prosecution service")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, validators=[no_control_characters])
    slug = models.SlugField(_("short name in links"), max_length=60, unique=True)
    country = CountryField(_("country"))
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    default_language = models.CharField(
        _("default language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Used for e-mails the platform sends on the agency's behalf."),
    )
    shares_results = models.BooleanField(
        _("share anonymised readiness results"),
        default=False,
        help_text=_(
            "Platform administrators then see your readiness levels only as counts, mixed with "
            "at least four other agencies of your region; never your name or your answers."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def admins(self) -> MembershipQuerySet:
        return self.filter(role=Membership.Role.ADMIN)


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Agency administrator")
        ASSESSOR = "assessor", _("Assessor")
        REVIEWER = "reviewer", _("Reviewer")
        LEADERSHIP = "leadership", _("Leadership")
        VIEWER = "viewer", _("Viewer")

    ROLE_PERMS: dict[str, frozenset[Perm]] = {
        Role.ADMIN: frozenset(Perm),
        Role.ASSESSOR: frozenset({Perm.VIEW, Perm.EDIT}),
        Role.REVIEWER: frozenset({Perm.VIEW, Perm.REVIEW}),
        Role.LEADERSHIP: frozenset({Perm.VIEW, Perm.DECIDE}),
        Role.VIEWER: frozenset({Perm.VIEW}),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="membership_unique")]
        ordering = ["agency__name"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.role})"

    def grants(self, perm: Perm) -> bool:
        return perm in self.ROLE_PERMS[self.role]

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN

    @property
    def permissions(self) -> frozenset[str]:
        """For templates: {% if "edit" in access.membership.permissions %}."""
        return frozenset(perm.value for perm in self.ROLE_PERMS[self.role])


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def usable(self) -> InvitationQuerySet:
        return self.filter(status=Invitation.Status.PENDING, expires_at__gt=timezone.now())


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices)
    # Only the hash is kept: the token itself exists in the e-mailed link and nowhere else.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "email"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.agency} ({self.role})"

    @staticmethod
    def default_expiry() -> datetime:
        return timezone.now() + timedelta(days=settings.RAI_INVITATION_DAYS)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and not self.is_expired

"""The append-only, hash-chained audit trail.

Each entry stores the hash of the one before it; the hash covers a canonical JSON form of every
recorded field, so changing, removing or reordering an entry breaks the chain (`verify_audit`).
Actor and agency are kept as plain ids plus a label: the trail outlives the users and agencies
it mentions and never cascades.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class Action(models.TextChoices):
    SIGNED_IN = "auth.signed_in", _("Signed in")
    SIGN_IN_FAILED = "auth.sign_in_failed", _("Sign-in failed")
    SIGNED_OUT = "auth.signed_out", _("Signed out")
    ACCOUNT_LOCKED = "auth.locked", _("Account locked after failed attempts")
    SESSION_EXPIRED = "auth.session_expired", _("Session expired")
    PASSWORD_CHANGED = "auth.password_changed", _("Password changed")
    PASSWORD_RESET = "auth.password_reset", _("Password reset")
    MFA_ADDED = "mfa.added", _("Second factor added")
    MFA_REMOVED = "mfa.removed", _("Second factor removed")
    MFA_RESET = "mfa.reset", _("Recovery codes regenerated")
    MFA_FAILED = "mfa.failed", _("Second-factor code rejected")
    SIGNED_UP = "account.signed_up", _("Account created")
    PROFILE_UPDATED = "account.profile_updated", _("Profile updated")
    EMAIL_CHANGED = "account.email_changed", _("E-mail addresses changed")
    PLATFORM_ROLES_CHANGED = "account.platform_roles_changed", _("Platform roles changed")
    AGENCY_CREATED = "agency.created", _("Agency created")
    AGENCY_SETTINGS_CHANGED = "agency.settings_changed", _("Agency settings changed")
    INVITATION_SENT = "agency.invitation_sent", _("Invitation sent")
    INVITATION_REVOKED = "agency.invitation_revoked", _("Invitation revoked")
    INVITATION_ACCEPTED = "agency.invitation_accepted", _("Invitation accepted")
    INVITATION_REFUSED = "agency.invitation_refused", _("Invalid invitation used")
    MEMBER_ADDED = "agency.member_added", _("Member added")
    MEMBER_ROLE_CHANGED = "agency.member_role_changed", _("Member role changed")
    MEMBER_REMOVED = "agency.member_removed", _("Member removed")
    ACCESS_DENIED = "access.denied", _("Access denied (missing role)")
    ACCESS_OUT_OF_SCOPE = "access.out_of_scope", _("Access outside own agency refused")
    AUDIT_EXPORTED = "audit.exported", _("Audit trail exported")
    TOOLKIT_EDITION_CREATED = "toolkit.edition_created", _("Toolkit edition created")
    TOOLKIT_ITEM_CREATED = "toolkit.item_created", _("Toolkit item created")
    TOOLKIT_ITEM_CHANGED = "toolkit.item_changed", _("Toolkit item changed")
    TOOLKIT_SUBMITTED = "toolkit.submitted", _("Toolkit edition submitted for review")
    TOOLKIT_REOPENED = "toolkit.reopened", _("Toolkit edition reopened for changes")
    TOOLKIT_COMMENTED = "toolkit.commented", _("Toolkit review comment")
    TOOLKIT_COMMENT_RESOLVED = "toolkit.comment_resolved", _("Toolkit review comment resolved")
    TOOLKIT_APPROVED = "toolkit.approved", _("Toolkit edition approved")
    TOOLKIT_PUBLISHED = "toolkit.published", _("Toolkit edition published")
    TOOLKIT_PANEL_CHANGED = "toolkit.panel_changed", _("Toolkit review panel changed")
    QUESTIONNAIRE_VERSION_ADDED = "questionnaire.version_added", _("Questionnaire version added")
    ASSESSMENT_STARTED = "assessment.started", _("Assessment started")
    ASSESSMENT_ANSWERED = "assessment.answered", _("Assessment answer saved")
    ASSESSMENT_COMMENTED = "assessment.commented", _("Assessment comment")
    ASSESSMENT_EVIDENCE_ADDED = "assessment.evidence_added", _("Evidence attached")
    ASSESSMENT_EVIDENCE_REMOVED = "assessment.evidence_removed", _("Evidence removed")
    ASSESSMENT_ASSIGNED = "assessment.assigned", _("Assessment section assigned")
    ASSESSMENT_SUBMITTED = "assessment.submitted", _("Assessment submitted for review")
    ASSESSMENT_RETURNED = "assessment.returned", _("Assessment returned for changes")
    ASSESSMENT_FINALISED = "assessment.finalised", _("Assessment finalised")
    ROADMAP_ACTION_ADDED = "roadmap.added", _("Roadmap action added")
    ROADMAP_ACTION_CHANGED = "roadmap.changed", _("Roadmap action changed")
    SYSTEM_REGISTERED = "system.registered", _("AI system registered")
    SYSTEM_CHANGED = "system.changed", _("AI system changed")
    SYSTEM_TRIGGER_RAISED = "system.trigger_raised", _("Reassessment trigger raised")
    SYSTEM_ATTACHMENT_ADDED = "system.attachment_added", _("AI system attachment added")
    SYSTEM_ATTACHMENT_REMOVED = "system.attachment_removed", _("AI system attachment removed")
    SYSTEM_SCREENED = "system.screened", _("AI system screened against the law")
    RISK_STARTED = "risk.started", _("Risk assessment started")
    RISK_RATED = "risk.rated", _("Risk rated")
    RISK_ADDED = "risk.added", _("Custom risk added")
    RISK_MITIGATION_ADDED = "risk.mitigation_added", _("Mitigation added")
    RISK_MITIGATION_CHANGED = "risk.mitigation_changed", _("Mitigation changed")
    RISK_FRIA_SAVED = "risk.fria_saved", _("Fundamental-rights impact assessment saved")
    RISK_COMMENTED = "risk.commented", _("Risk assessment comment")
    RISK_SUBMITTED = "risk.submitted", _("Risk assessment submitted for review")
    RISK_RETURNED = "risk.returned", _("Risk assessment returned for changes")
    RISK_REVIEWED = "risk.reviewed", _("Risk assessment reviewed")
    RISK_DECIDED = "risk.decided", _("Decision recorded on a risk assessment")
    RISK_REOPENED = "risk.reopened", _("Risk assessment reopened as a new version")
    REPORT_REQUESTED = "report.requested", _("Report requested")
    REPORT_DOWNLOADED = "report.downloaded", _("Report downloaded")
    RECORD_DRAFTED = "record.drafted", _("Public record drafted")
    RECORD_PUBLISHED = "record.published", _("Public record published")
    RECORD_UNPUBLISHED = "record.unpublished", _("Public record unpublished")
    REGISTER_EXPORTED = "register.exported", _("AI-system register exported")
    BUNDLE_EXPORTED = "bundle.exported", _("Export bundle made")
    BUNDLE_IMPORTED = "bundle.imported", _("Export bundle imported")
    BUNDLE_REFUSED = "bundle.refused", _("Export bundle refused")
    SENSITIVITY_CHANGED = "agency.sensitivity_changed", _("Field sensitivities changed")


# Sign-in and account events carry no agency; an agency's admins see them for its members.
PERSONAL_ACTIONS = frozenset(
    {
        Action.SIGNED_IN,
        Action.SIGN_IN_FAILED,
        Action.SIGNED_OUT,
        Action.ACCOUNT_LOCKED,
        Action.SESSION_EXPIRED,
        Action.PASSWORD_CHANGED,
        Action.PASSWORD_RESET,
        Action.EMAIL_CHANGED,
        Action.MFA_ADDED,
        Action.MFA_REMOVED,
        Action.MFA_RESET,
        Action.MFA_FAILED,
    }
)
# What every member of an agency sees on its dashboard.
TEAM_ACTIONS = frozenset(
    {
        Action.AGENCY_CREATED,
        Action.AGENCY_SETTINGS_CHANGED,
        Action.INVITATION_ACCEPTED,
        Action.MEMBER_ADDED,
        Action.MEMBER_ROLE_CHANGED,
        Action.MEMBER_REMOVED,
        Action.SYSTEM_REGISTERED,
        Action.SYSTEM_SCREENED,
        Action.SYSTEM_TRIGGER_RAISED,
        Action.RISK_SUBMITTED,
        Action.RISK_RETURNED,
        Action.RISK_REVIEWED,
        Action.RISK_DECIDED,
    }
)


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_agency(self, agency_id: int) -> AuditEntryQuerySet:
        return self.filter(agency_id=agency_id)

    def visible_to_agency(self, agency_id: int, member_ids: Any) -> AuditEntryQuerySet:
        """The agency's own entries plus its current members' sign-in and account events."""
        return self.filter(
            models.Q(agency_id=agency_id)
            | models.Q(agency__isnull=True, actor_id__in=member_ids, action__in=PERSONAL_ACTIONS)
        )

    def team_events(self) -> AuditEntryQuerySet:
        return self.filter(action__in=TEAM_ACTIONS)

    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("The audit trail is append-only.")

    def delete(self) -> NoReturn:
        raise TypeError("The audit trail is append-only.")


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=64, choices=Action.choices, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    context = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["agency", "-seq"]), models.Index(fields=["actor", "-seq"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("The audit trail is append-only.")

    def canonical_payload(self) -> bytes:
        at = self.at.astimezone(UTC) if self.at.tzinfo else self.at.replace(tzinfo=UTC)
        payload = {
            "seq": self.seq,
            "at": at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "agency_id": self.agency_id,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "target_label": self.target_label,
            "changes": self.changes,
            "context": self.context,
            "ip": self.ip,
            "user_agent": self.user_agent,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(
            payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical_payload()).hexdigest()

    def get_action_display_text(self) -> str:
        return str(Action(self.action).label) if self.action in Action.values else self.action


class AuditHead(models.Model):
    """The chain's tip, one row, locked while an entry is appended so the chain cannot fork."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"head #{self.seq}"

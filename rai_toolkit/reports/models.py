"""Generated reports: one file per source, language and content hash, kept until the source
changes (a new hash makes a new report; the old one stays readable)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rai_toolkit.agencies.models import Agency


class Kind(models.TextChoices):
    READINESS = "readiness", _("Readiness assessment")
    RISK = "risk", _("Risk assessment")
    FRIA = "fria", _("Fundamental-rights impact assessment")
    REGISTER = "register", _("AI-system register")


class Status(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RENDERING = "rendering", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def pdf_path(instance: Report, filename: str) -> str:
    return f"reports/{instance.agency_id}/{uuid.uuid4().hex}.pdf"


class Report(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_id = models.PositiveIntegerField(null=True, blank=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    source_hash = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    classification = models.CharField(max_length=16)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    pdf = models.FileField(upload_to=pdf_path, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "object_id", "language", "source_hash"],
                name="one_report_per_source_version_and_language",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class FieldSensitivity(models.Model):
    """An agency's own sensitivity for one field, in place of our default."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=64)
    level = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "field"], name="one_sensitivity_per_field")
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.level}"

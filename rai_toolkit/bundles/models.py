"""Bundles imported into an agency: kept so the same bundle is not imported twice and the
agency can see where its imported records came from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rai_toolkit.agencies.models import Agency


class BundleImport(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    manifest_sha256 = models.CharField(max_length=64)
    source_agency = models.CharField(max_length=200)
    exported_at = models.CharField(max_length=40)
    systems = models.PositiveIntegerField(default=0)
    assessments = models.PositiveIntegerField(default=0)
    readiness_assessments = models.PositiveIntegerField(default=0)
    files = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "manifest_sha256"], name="one_import_per_bundle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_agency} ({self.manifest_sha256[:12]})"

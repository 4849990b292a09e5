"""Questionnaires and their versions. A version never changes: answers and results always point
at the exact definition (and its content hash) they were given against."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rai_toolkit.questionnaires.definition import Definition, read_definition

_PARSED: dict[str, Definition] = {}


def content_hash(definition: Any) -> str:
    """SHA-256 of the canonical JSON: the same content always gives the same hash."""
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class QuestionnaireQuerySet(models.QuerySet["Questionnaire"]):
    def available_to(self, agency: Any) -> QuestionnaireQuerySet:
        """The platform's questionnaires and the agency's own uploads."""
        return self.filter(Q(agency__isnull=True) | Q(agency=agency))


class Questionnaire(models.Model):
    class Origin(models.TextChoices):
        PLATFORM = "platform", _("Shipped with the platform")
        UPLOAD = "upload", _("Uploaded by the agency")

    key = models.SlugField(_("id"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.PLATFORM)
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaires",
        help_text=_("Empty for the platform's own questionnaires."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(agency__isnull=True), name="platform_questionnaire_key"
            ),
            models.UniqueConstraint(fields=["agency", "key"], name="agency_questionnaire_key"),
        ]

    def __str__(self) -> str:
        return self.title

    def latest(self) -> QuestionnaireVersion | None:
        return self.versions.order_by("-number").first()


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    definition = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="version_number"),
            models.UniqueConstraint(
                fields=["questionnaire", "content_hash"], name="version_content"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.key} v{self.number}"

    @property
    def parsed(self) -> Definition:
        """The checked definition, parsed once per process (versions never change)."""
        found = _PARSED.get(self.content_hash)
        if found is None:
            found = _PARSED[self.content_hash] = read_definition(self.definition)
        return found

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]

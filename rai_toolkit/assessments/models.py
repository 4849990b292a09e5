"""An agency's assessments: answers given together, comments, evidence, review, the immutable
result, and the roadmap of actions it leads to."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rai_toolkit.agencies.models import Agency
from rai_toolkit.questionnaires.models import QuestionnaireVersion


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def finalised(self) -> AssessmentQuerySet:
        return self.filter(status=Assessment.Status.FINALISED)


class Assessment(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for changes")
        FINALISED = "finalised", _("Finalised")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="assessments")
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.IN_PROGRESS)
    started_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField(_("what to change"), blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Everyone who saved an answer: they cannot also be the reviewer who finalises.
    contributors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Written once, at finalisation: scores, levels and the questionnaire version's hash.
    snapshot = models.JSONField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.IN_PROGRESS, self.Status.RETURNED)

    @property
    def is_finalised(self) -> bool:
        return self.status == self.Status.FINALISED


class Answer(models.Model):
    """One question's answer; `revision` grows with every save so a stale save is detected."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=80)
    value = models.JSONField(null=True, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question} in assessment {self.assessment_id}"


class Comment(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    question = models.CharField(max_length=80)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"comment on {self.question}"


def evidence_path(instance: Evidence, filename: str) -> str:
    # Outside the web root and never named after the upload: served only through the view.
    return f"evidence/{instance.assessment.agency_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    question = models.CharField(max_length=80)
    file = models.FileField(upload_to=evidence_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A section handed to a colleague."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    section = models.CharField(max_length=80)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "section"], name="assignment_once")
        ]

    def __str__(self) -> str:
        return f"{self.section} → {self.assignee_id}"


class RoadmapActionQuerySet(models.QuerySet["RoadmapAction"]):
    def open(self) -> RoadmapActionQuerySet:
        return self.exclude(status__in=[RoadmapAction.Status.DONE, RoadmapAction.Status.DROPPED])


class RoadmapAction(models.Model):
    """A toolkit recommendation the agency adopted as something it will do."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="roadmap")
    recommendation = models.CharField(max_length=200)  # a toolkit item id
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    source = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = RoadmapActionQuerySet.as_manager()

    class Meta:
        ordering = ["due", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "recommendation"],
                condition=~models.Q(status__in=["done", "dropped"]),
                name="one_open_action_per_recommendation",
            )
        ]

    def __str__(self) -> str:
        return self.title

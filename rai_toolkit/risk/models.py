"""Per-system risk assessments: risks rated before and after mitigation, the mitigations with
their owners, the fundamental-rights impact assessment, review and the leadership's decision.
A decided assessment is locked; reopening starts a new version and the old one stays."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rai_toolkit.agencies.models import Agency
from rai_toolkit.register.models import AISystem


class CatalogueVersion(models.Model):
    """One version of the risk catalogue (rai_toolkit/risk/catalogue/risk.yaml), never changed."""

    number = models.PositiveIntegerField(unique=True)
    content_hash = models.CharField(max_length=64, unique=True)
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"risk catalogue v{self.number}"

    @property
    def catalogue(self) -> Any:
        from rai_toolkit.risk.versions import parsed

        return parsed(self)


class RiskAssessmentQuerySet(models.QuerySet["RiskAssessment"]):
    def decided(self) -> RiskAssessmentQuerySet:
        return self.filter(status=RiskAssessment.Status.DECIDED)


class RiskAssessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for changes")
        REVIEWED = "reviewed", _("Reviewed, awaiting decision")
        DECIDED = "decided", _("Decided")

    class Decision(models.TextChoices):
        PROCEED = "proceed", _("Proceed")
        CONDITIONS = "conditions", _("Proceed with conditions")
        STOP = "stop", _("Do not proceed")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="risk_assessments")
    number = models.PositiveIntegerField(_("version"))
    catalogue = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="+")
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # False once a newer version of the same system's assessment exists.
    current = models.BooleanField(default=True)
    # The stage and family the relevant risks were chosen for.
    stage = models.CharField(max_length=16)
    family = models.CharField(max_length=32)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Everyone who wrote part of it: none of them may review it or decide on it.
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField(_("what to change"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    decision_note = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    inherent_level = models.CharField(max_length=16, blank=True)
    residual_level = models.CharField(max_length=16, blank=True)
    # Written once, at the decision: everything above with the catalogue version's hash.
    snapshot = models.JSONField(null=True, blank=True)

    objects = RiskAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["system", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["system", "number"], name="risk_assessment_number")
        ]
        indexes = [models.Index(fields=["agency", "current"])]

    def __str__(self) -> str:
        return f"{self.system} – risk assessment v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.DECIDED


class Risk(models.Model):
    """One risk of the assessment: from the catalogue (`item`) or written by the assessor."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="risks")
    item = models.CharField(max_length=40, blank=True)  # empty for a custom risk
    principle = models.CharField(_("principle"), max_length=200)
    title = models.CharField(_("risk"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    affected = models.TextField(_("who is affected"), max_length=5000, blank=True)
    rights = models.JSONField(_("rights at stake"), default=list, blank=True)
    applicable = models.BooleanField(_("applies to this system"), default=True)
    likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    scope = models.PositiveSmallIntegerField(null=True, blank=True)
    reversibility = models.PositiveSmallIntegerField(null=True, blank=True)
    severity = models.PositiveSmallIntegerField(null=True, blank=True)
    inherent_level = models.CharField(max_length=16, blank=True)
    justification = models.TextField(_("why these ratings"), max_length=10000, blank=True)
    controls = models.TextField(_("existing controls"), max_length=10000, blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_severity = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_level = models.CharField(max_length=16, blank=True)
    residual_justification = models.TextField(
        _("why the residual ratings"), max_length=10000, blank=True
    )
    order = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_rated(self) -> bool:
        return not self.applicable or bool(self.inherent_level and self.residual_level)


class MitigationQuerySet(models.QuerySet["Mitigation"]):
    def open(self) -> MitigationQuerySet:
        return self.exclude(status__in=[Mitigation.Status.DONE, Mitigation.Status.DROPPED])


class Mitigation(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="mitigations")
    practice = models.CharField(_("toolkit practice"), max_length=200, blank=True)
    description = models.TextField(_("mitigation"), max_length=5000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    due = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MitigationQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.description[:60]

    def is_late(self, today: datetime.date | None = None) -> bool:
        open_ = self.status not in (self.Status.DONE, self.Status.DROPPED)
        return open_ and self.due < (today or timezone.localdate())


class Fria(models.Model):
    """The fundamental-rights impact assessment, AI Act Art. 27(1)(a)–(f)."""

    FIELDS = ("processes", "period", "categories", "harms", "oversight", "measures")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    assessment = models.OneToOneField(RiskAssessment, on_delete=models.CASCADE, related_name="fria")
    processes = models.TextField(
        _("(a) The processes in which the system is used"), max_length=20000, blank=True
    )
    period = models.TextField(
        _("(b) How long and how often it is used"), max_length=20000, blank=True
    )
    categories = models.TextField(
        _("(c) The people and groups likely to be affected"), max_length=20000, blank=True
    )
    harms = models.TextField(
        _("(d) The specific risks of harm to them"), max_length=20000, blank=True
    )
    oversight = models.TextField(
        _("(e) How human oversight is carried out"), max_length=20000, blank=True
    )
    measures = models.TextField(
        _("(f) What is done if the risks materialise: governance and complaints"),
        max_length=20000,
        blank=True,
    )
    revision = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"FRIA of {self.assessment}"

    @property
    def missing(self) -> list[str]:
        return [name for name in self.FIELDS if not getattr(self, name).strip()]


class Comment(models.Model):
    """A reviewer's or assessor's comment on the assessment or on one risk."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.CASCADE, related_name="comments"
    )
    risk = models.ForeignKey(
        Risk, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]

"""An agency's register of AI systems: what each system is, where it stands in its life, the
data and context that decide which rules apply, and when it must be assessed again."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rai_toolkit.agencies.models import Agency
from rai_toolkit.core.validators import no_control_characters
from rai_toolkit.knowledge.schema import FAMILIES

FAMILY_TITLES = {
    "image-and-video": _("Image and video"),
    "text-and-speech": _("Text and speech"),
    "risk-and-prediction": _("Risk and prediction"),
    "content-generation": _("Content generation"),
    "process-optimisation": _("Process optimisation"),
    "robotics-and-drones": _("Robotics and drones"),
}
assert set(FAMILY_TITLES) == set(FAMILIES)


class Family(models.TextChoices):
    IMAGE_AND_VIDEO = "image-and-video", FAMILY_TITLES["image-and-video"]
    TEXT_AND_SPEECH = "text-and-speech", FAMILY_TITLES["text-and-speech"]
    RISK_AND_PREDICTION = "risk-and-prediction", FAMILY_TITLES["risk-and-prediction"]
    CONTENT_GENERATION = "content-generation", FAMILY_TITLES["content-generation"]
    PROCESS_OPTIMISATION = "process-optimisation", FAMILY_TITLES["process-optimisation"]
    ROBOTICS_AND_DRONES = "robotics-and-drones", FAMILY_TITLES["robotics-and-drones"]


class Stage(models.TextChoices):
    DECIDE = "decide", _("Deciding the need")
    DESIGN = "design", _("Design and development")
    PROCURE = "procure", _("Procurement")
    DEPLOY = "deploy", _("Deployment")
    MONITOR = "monitor", _("Monitoring")
    RETIRED = "retired", _("Retired")


class SystemRole(models.TextChoices):
    TOOL = "tool", _("Tool: used by the agency")
    THREAT = "threat", _("Threat: studied as criminal misuse")
    EVIDENCE = "evidence", _("Evidence: examined as a source of evidence")


class Sourcing(models.TextChoices):
    IN_HOUSE = "in_house", _("Built in-house")
    VENDOR = "vendor", _("From a vendor")


class Timing(models.TextChoices):
    REAL_TIME = "real_time", _("Real time")
    AFTER_THE_FACT = "after_the_fact", _("After the fact")


class OutputEffect(models.TextChoices):
    INFORMS = "informs", _("Informs a person")
    RECOMMENDS = "recommends", _("Recommends an action")
    DECIDES = "decides", _("Decides")


class DataCategory(models.TextChoices):
    PERSONAL = "personal", _("Personal data")
    BIOMETRIC = "biometric", _("Biometric data")
    SPECIAL_CATEGORY = "special_category", _("Special categories (health, ethnicity, beliefs …)")
    CHILDREN = "children", _("Children's data")
    PUBLIC_SPACE_VIDEO = "public_space_video", _("Video of public spaces")
    COMMUNICATIONS_CONTENT = "communications_content", _("Content of communications")
    LOCATION = "location", _("Location data")
    CRIMINAL_RECORDS = "criminal_records", _("Criminal records and intelligence")


class Jurisdiction(models.TextChoices):
    EU = "eu", _("European Union member state")
    UK = "uk", _("United Kingdom")
    US_FEDERAL = "us_federal", _("United States, federal")
    US_STATE_LOCAL = "us_state_local", _("United States, state or local")
    OTHER = "other", _("Other")


class SystemStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ARCHIVED = "archived", _("Archived")


class RegulatoryClass(models.TextChoices):
    """The EU AI Act class of the latest screening (the screening app decides it)."""

    PROHIBITED = "prohibited", _("Prohibited")
    CONDITIONAL = "conditional", _("Allowed only under conditions")
    HIGH_RISK = "high_risk", _("High-risk")
    DEROGATION = "derogation", _("Annex III, not high-risk (Art. 6(3))")
    TRANSPARENCY = "transparency", _("Transparency duties")
    MINIMAL = "minimal", _("Minimal risk")
    OUT_OF_SCOPE = "out_of_scope", _("Outside the AI Act")


class RiskLevel(models.TextChoices):
    """The residual risk level of the latest decided risk assessment (the risk app decides it)."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


class AISystemQuerySet(models.QuerySet["AISystem"]):
    def overdue(self, today: datetime.date | None = None) -> AISystemQuerySet:
        return self.filter(reassess_by__lt=today or timezone.localdate()).exclude(
            stage=Stage.RETIRED
        )

    def due_now(self, today: datetime.date | None = None) -> AISystemQuerySet:
        """Overdue, or with a trigger nobody has answered with a new assessment yet."""
        return self.filter(
            Q(reassess_by__lte=today or timezone.localdate())
            | Q(triggers__resolved_at__isnull=True, triggers__isnull=False)
        ).distinct()


class AISystem(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="systems")
    name = models.CharField(_("name"), max_length=200, validators=[no_control_characters])
    purpose = models.TextField(_("purpose"), max_length=5000)
    use_case = models.CharField(
        _("use case"),
        max_length=200,
        blank=True,
        help_text=_("The closest use case in the toolkit's catalogue."),
    )
    family = models.CharField(_("family"), max_length=32, choices=Family.choices)
    role = models.CharField(
        _("threat, tool or evidence"), max_length=16, choices=SystemRole.choices
    )
    stage = models.CharField(_("life-cycle stage"), max_length=16, choices=Stage.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    sourcing = models.CharField(_("source"), max_length=16, choices=Sourcing.choices)
    vendor = models.CharField(_("vendor"), max_length=200, blank=True)
    product = models.CharField(_("product"), max_length=200, blank=True)
    model_name = models.CharField(_("model"), max_length=200, blank=True)
    model_version = models.CharField(_("model version"), max_length=100, blank=True)
    data_categories = models.JSONField(_("data it uses"), default=list, blank=True)
    timing = models.CharField(_("timing"), max_length=16, choices=Timing.choices)
    public_space = models.BooleanField(_("used in publicly accessible spaces"), default=False)
    output_effect = models.CharField(
        _("what its output does"), max_length=16, choices=OutputEffect.choices
    )
    affected_groups = models.TextField(_("affected groups"), max_length=5000, blank=True)
    jurisdictions = models.JSONField(_("jurisdictions"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=SystemStatus.choices, default=SystemStatus.ACTIVE
    )
    # Kept in step by the screening and risk services, so the list can filter on them.
    regulatory_class = models.CharField(max_length=16, choices=RegulatoryClass.choices, blank=True)
    risk_level = models.CharField(max_length=16, choices=RiskLevel.choices, blank=True)
    reassess_by = models.DateField(_("reassess by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = AISystemQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "AI system"
        indexes = [
            models.Index(fields=["agency", "name"]),
            models.Index(fields=["agency", "reassess_by"]),
        ]

    def __str__(self) -> str:
        return self.name

    def facts(self) -> dict[str, Any]:
        """The register attributes the screening rules read (docs/screening.md)."""
        return {
            "family": self.family,
            "system_role": self.role,
            "stage": self.stage,
            "sourcing": self.sourcing,
            "data_categories": list(self.data_categories),
            "timing": self.timing,
            "public_space": self.public_space,
            "output_effect": self.output_effect,
            "jurisdictions": list(self.jurisdictions),
            "agency_kind": self.agency.kind,
        }

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return (
            self.reassess_by is not None
            and self.stage != Stage.RETIRED
            and self.reassess_by < (today or timezone.localdate())
        )


class TriggerQuerySet(models.QuerySet["Trigger"]):
    def open(self) -> TriggerQuerySet:
        return self.filter(resolved_at__isnull=True)


class Trigger(models.Model):
    """Something that makes a new assessment due now."""

    class Kind(models.TextChoices):
        MODEL_VERSION = "model_version", _("New model or vendor version")
        CONTEXT = "context", _("New context of use")
        INCIDENT = "incident", _("Incident or complaints")
        LAW = "law", _("Change in the law")
        MITIGATION_OVERDUE = (
            "mitigation_overdue",
            _("A mitigation the decision relied on is overdue"),
        )
        PERIOD = "period", _("Fixed period elapsed")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="triggers")
    kind = models.CharField(_("what happened"), max_length=24, choices=Kind.choices)
    note = models.TextField(_("details"), max_length=5000, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = TriggerQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.system_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"systems/{instance.agency_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
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

    def __str__(self) -> str:
        return self.name

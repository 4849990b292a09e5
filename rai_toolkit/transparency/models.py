"""Public transparency records: what an agency publishes about one AI system, made from its
internal record with everything not public removed, reviewed, published, and kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rai_toolkit.agencies.models import Agency
from rai_toolkit.register.models import AISystem


class RecordQuerySet(models.QuerySet["TransparencyRecord"]):
    def published(self) -> RecordQuerySet:
        return self.filter(status=TransparencyRecord.Status.PUBLISHED)


class TransparencyRecord(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft, to be reviewed")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Unpublished")
        SUPERSEDED = "superseded", _("Replaced by a newer version")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="records")
    number = models.PositiveIntegerField()
    # Field key → value; every key is a field whose sensitivity was public when it was made.
    data = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        ordering = ["system", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["system", "number"], name="transparency_record_number")
        ]

    def __str__(self) -> str:
        return f"{self.system} – public record v{self.number}"

    @property
    def fields(self) -> list[tuple[str, str]]:
        from rai_toolkit.transparency.services import labelled

        return labelled(self.data)

    @property
    def published_name(self) -> str:
        return str(self.data.get("system.name", ""))

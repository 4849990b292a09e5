"""A system's regulatory screenings: the answers, the facts they were read with and the outcome,
kept as a history (a new screening never overwrites an earlier one)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rai_toolkit.agencies.models import Agency
from rai_toolkit.register.models import AISystem, RegulatoryClass


class Screening(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="screenings")
    answers = models.JSONField(default=dict)
    facts = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    eu_class = models.CharField(max_length=16, choices=RegulatoryClass.choices)
    rules_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"screening of {self.system_id} ({self.eu_class})"

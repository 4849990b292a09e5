"""How sensitive each part of a record is. A report is marked with the highest sensitivity of
what it includes; the labels shown are set per installation (RAI_CLASSIFICATION_LABELS)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sensitivity(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")
    RESTRICTED = "restricted", _("Restricted")


ORDER = list(Sensitivity.values)
PUB, INT, RES = Sensitivity.PUBLIC, Sensitivity.INTERNAL, Sensitivity.RESTRICTED

# Our defaults: what a police agency may usually publish about a system, what stays inside it,
# and what only the people working on it should see.
DEFAULTS: dict[str, str] = {
    "system.name": PUB,
    "system.purpose": PUB,
    "system.use_case": PUB,
    "system.stage": PUB,
    "system.role": PUB,
    "system.vendor": PUB,
    "system.product": PUB,
    "system.data_categories": PUB,
    "system.context": PUB,
    "system.affected_groups": PUB,
    "system.jurisdictions": PUB,
    "system.owner": INT,
    "system.model": INT,
    "screening.outcome": PUB,
    "screening.answers": INT,
    "risk.levels": PUB,
    "risk.decision": PUB,
    "risk.conditions": INT,
    "risk.risks": INT,
    "risk.mitigations": INT,
    "risk.people": INT,
    "fria": INT,
    "readiness.scores": INT,
    "readiness.answers": INT,
    "readiness.people": INT,
}


def highest(fields: Iterable[str]) -> str:
    levels = [DEFAULTS.get(field, RES) for field in fields]
    return max(levels, key=ORDER.index, default=PUB)


def label(level: str) -> str:
    """The marking printed on a report, e.g. INTERNAL, as this installation names it."""
    labels = dict(zip(ORDER, settings.RAI_CLASSIFICATION_LABELS, strict=True))
    return labels[level]

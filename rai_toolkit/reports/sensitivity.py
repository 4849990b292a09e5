"""How sensitive each part of a record is. A report is marked with the highest sensitivity of
what it includes; the labels shown are set per installation (RAI_CLASSIFICATION_LABELS)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

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


LABELS = {
    "system.name": _("Name"),
    "system.purpose": _("Purpose"),
    "system.use_case": _("Use case"),
    "system.stage": _("Life-cycle stage"),
    "system.role": _("Threat, tool or evidence"),
    "system.vendor": _("Vendor"),
    "system.product": _("Product"),
    "system.data_categories": _("Data it uses"),
    "system.context": _("Context of use"),
    "system.affected_groups": _("Affected groups"),
    "system.jurisdictions": _("Jurisdictions"),
    "system.owner": _("Owner"),
    "system.model": _("Model and version"),
    "screening.outcome": _("EU AI Act screening"),
    "screening.answers": _("Screening answers"),
    "risk.levels": _("Risk levels"),
    "risk.decision": _("Decision"),
    "risk.conditions": _("Conditions of the decision"),
    "risk.risks": _("Risks and their ratings"),
    "risk.mitigations": _("Mitigations"),
    "risk.people": _("Names of the people involved"),
    "fria": _("Fundamental-rights impact assessment"),
    "readiness.scores": _("Readiness scores"),
    "readiness.answers": _("Readiness answers"),
    "readiness.people": _("Names of the people involved"),
}
assert set(LABELS) == set(DEFAULTS)


def for_agency(agency: Any) -> dict[str, str]:
    """Our defaults with the agency's own choices on top."""
    from rai_toolkit.reports.models import FieldSensitivity

    chosen = dict(FieldSensitivity.objects.filter(agency=agency).values_list("field", "level"))
    return {**DEFAULTS, **{k: v for k, v in chosen.items() if k in DEFAULTS}}


def highest(fields: Iterable[str], levels: Mapping[str, str] | None = None) -> str:
    known = DEFAULTS if levels is None else levels
    levels_found = [known.get(field, RES) for field in fields]
    return max(levels_found, key=ORDER.index, default=PUB)


def label(level: str) -> str:
    """The marking printed on a report, e.g. INTERNAL, as this installation names it."""
    labels = dict(zip(ORDER, settings.RAI_CLASSIFICATION_LABELS, strict=True))
    return labels[level]

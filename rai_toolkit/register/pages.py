"""What a system's page shows: the record, its latest screening, its risk assessments and the
history of changes, read through the relations the screening and risk apps add."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.audit.models import AuditEntry
from rai_toolkit.register.forms import AttachmentForm, TriggerForm, use_case_choices
from rai_toolkit.register.models import AISystem, DataCategory, Jurisdiction


def detail_context(access: AgencyAccess, system: AISystem) -> dict[str, Any]:
    use_cases = dict(use_case_choices())
    screening = system.screenings.select_related("created_by").first()
    assessments = system.risk_assessments.select_related("created_by", "decided_by")
    history = AuditEntry.objects.filter(
        agency=access.agency, target_type="register.aisystem", target_id=str(system.pk)
    ).order_by("-seq")[:20]
    return {
        "access": access,
        "system": system,
        "use_case_title": use_cases.get(system.use_case, ""),
        "data_labels": [DataCategory(v).label for v in system.data_categories],
        "jurisdiction_labels": [Jurisdiction(v).label for v in system.jurisdictions],
        "screening": screening,
        "assessments": assessments,
        "triggers": system.triggers.select_related("raised_by")[:20],
        "open_triggers": system.triggers.open().count(),
        "attachments": system.attachments.select_related("uploaded_by"),
        "history": history,
        "overdue": system.is_overdue(),
        "today": timezone.localdate(),
        "trigger_form": TriggerForm(),
        "attachment_form": AttachmentForm(),
    }

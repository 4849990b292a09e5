"""Registering AI systems, changing them, and what makes a new assessment due."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments import evidence_files
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.register.models import AISystem, Attachment, Trigger

# A change to one of these means the system now runs another model: reassess.
MODEL_FIELDS = ("vendor", "product", "model_name", "model_version", "sourcing")
# A change to one of these means it is used differently: reassess.
CONTEXT_FIELDS = (
    "purpose",
    "use_case",
    "family",
    "data_categories",
    "timing",
    "public_space",
    "output_effect",
    "affected_groups",
    "jurisdictions",
)


def register(
    *, agency: Agency, data: dict[str, Any], by: User, request: HttpRequest | None = None
) -> AISystem:
    system = AISystem(agency=agency, created_by=by, **data)
    system.full_clean()
    system.save()
    record(Action.SYSTEM_REGISTERED, request=request, actor=by, agency=agency, target=system)
    return system


def _assessed(system: AISystem) -> bool:
    return system.risk_assessments.exists()


def update(
    *, system: AISystem, data: dict[str, Any], by: User, request: HttpRequest | None = None
) -> list[Trigger]:
    """Save the changes; a changed model or context of an assessed system raises a trigger."""
    with transaction.atomic():
        locked = AISystem.objects.select_for_update().select_related("agency").get(pk=system.pk)
        changes = {
            key: (getattr(locked, key), value)
            for key, value in data.items()
            if getattr(locked, key) != value
        }
        if not changes:
            return []
        for key, (_old, new) in changes.items():
            setattr(locked, key, new)
        locked.updated_at = timezone.now()
        locked.full_clean()
        locked.save()
        record(
            Action.SYSTEM_CHANGED,
            request=request,
            actor=by,
            agency=locked.agency,
            target=locked,
            changes={k: (str(o), str(n)) for k, (o, n) in changes.items()},
        )
        raised = []
        if _assessed(locked):
            if changes.keys() & set(MODEL_FIELDS):
                note = ", ".join(sorted(changes.keys() & set(MODEL_FIELDS)))
                raised.append(_raise(locked, Trigger.Kind.MODEL_VERSION, note, by, request))
            if changes.keys() & set(CONTEXT_FIELDS):
                note = ", ".join(sorted(changes.keys() & set(CONTEXT_FIELDS)))
                raised.append(_raise(locked, Trigger.Kind.CONTEXT, note, by, request))
    system.refresh_from_db()
    return raised


def _raise(
    system: AISystem, kind: str, note: str, by: User | None, request: HttpRequest | None
) -> Trigger:
    trigger = Trigger.objects.create(
        agency=system.agency, system=system, kind=kind, note=note, raised_by=by
    )
    today = timezone.localdate()
    if system.reassess_by is None or system.reassess_by > today:
        AISystem.objects.filter(pk=system.pk).update(reassess_by=today)
    record(
        Action.SYSTEM_TRIGGER_RAISED,
        request=request,
        actor=by,
        agency=system.agency,
        target=system,
        context={"kind": kind, "note": note[:200]},
    )
    return trigger


def raise_trigger(
    *, system: AISystem, kind: str, note: str, by: User, request: HttpRequest | None = None
) -> Trigger:
    if kind not in Trigger.Kind.values:
        raise ValidationError(_("Choose what happened."))
    with transaction.atomic():
        return _raise(system, kind, note, by, request)


def raise_period_triggers() -> int:
    """A 'fixed period' trigger on each overdue system that has none open yet (idempotent)."""
    raised = 0
    open_period = Trigger.objects.open().filter(system=OuterRef("pk"), kind=Trigger.Kind.PERIOD)
    due = AISystem.objects.overdue().select_related("agency").exclude(Exists(open_period))
    for system in due:
        with transaction.atomic():
            note = _("Due since %(date)s") % {"date": system.reassess_by}
            _raise(system, Trigger.Kind.PERIOD, note, None, None)
        raised += 1
    return raised


def schedule_after_decision(
    system: AISystem, decided_on: datetime.date, *, accepted_above_acceptable: bool = False
) -> datetime.date:
    """The next periodic reassessment (sooner when a risk above the acceptable level was
    accepted), and every open trigger answered by this decision."""
    months = settings.RAI_REASSESSMENT_MONTHS
    if accepted_above_acceptable:
        months = min(months, settings.RAI_REASSESSMENT_MONTHS_ABOVE_ACCEPTABLE)
    month = decided_on.month - 1 + months
    year, month = decided_on.year + month // 12, month % 12 + 1
    day = min(decided_on.day, 28)
    due = datetime.date(year, month, day)
    AISystem.objects.filter(pk=system.pk).update(reassess_by=due)
    system.triggers.open().update(resolved_at=timezone.now())
    system.reassess_by = due
    return due


def add_attachment(
    *, system: AISystem, upload: UploadedFile, by: User, request: HttpRequest | None = None
) -> Attachment:
    content_type = evidence_files.check(upload)
    attachment = Attachment(
        agency=system.agency,
        system=system,
        name=evidence_files.safe_name(upload),
        content_type=content_type,
        size=upload.size or 0,
        sha256=evidence_files.sha256(upload),
        uploaded_by=by,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    record(
        Action.SYSTEM_ATTACHMENT_ADDED,
        request=request,
        actor=by,
        agency=system.agency,
        target=system,
        context={"file": attachment.name, "sha256": attachment.sha256},
    )
    return attachment


def remove_attachment(
    *, attachment: Attachment, by: User, request: HttpRequest | None = None
) -> None:
    attachment.file.delete(save=False)
    attachment.delete()
    record(
        Action.SYSTEM_ATTACHMENT_REMOVED,
        request=request,
        actor=by,
        agency=attachment.agency,
        target=attachment.system,
        context={"file": attachment.name},
    )

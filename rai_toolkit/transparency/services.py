"""Making, publishing and withdrawing a system's public record. The record is the internal one
with every field that is not public dropped; publishing checks that again, so a record that
still holds an internal or restricted field can never go out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from rai_toolkit.accounts.models import User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record as audit
from rai_toolkit.register.models import AISystem
from rai_toolkit.reports.sensitivity import DEFAULTS, LABELS, Sensitivity, for_agency
from rai_toolkit.transparency.models import TransparencyRecord

SCHEMA = "rai-toolkit/transparency-record/1"
Status = TransparencyRecord.Status


def internal_record(system: AISystem) -> dict[str, Any]:
    """Everything the register and the latest decision say, by field key (reports.sensitivity)."""
    decided = system.risk_assessments.decided().order_by("-number").first()
    screening = system.screenings.first()
    data: dict[str, Any] = {
        "system.name": system.name,
        "system.purpose": system.purpose,
        "system.use_case": system.use_case,
        "system.stage": system.stage,
        "system.role": system.role,
        "system.vendor": system.vendor,
        "system.product": system.product,
        "system.data_categories": list(system.data_categories),
        "system.context": {
            "timing": system.timing,
            "public_space": system.public_space,
            "output_effect": system.output_effect,
        },
        "system.affected_groups": system.affected_groups,
        "system.jurisdictions": list(system.jurisdictions),
        "system.owner": system.owner.display_name if system.owner else "",
        "system.model": " ".join(filter(None, (system.model_name, system.model_version))),
    }
    if screening is not None:
        data["screening.outcome"] = {
            "eu_class": screening.eu_class,
            "articles": [o["article"] for o in screening.result.get("outcomes", [])],
        }
    if decided is not None and decided.snapshot:
        data["risk.levels"] = dict(decided.snapshot["levels"])
        data["risk.decision"] = {
            "decision": decided.decision,
            "decided_on": decided.decided_at.date().isoformat() if decided.decided_at else None,
        }
        data["risk.conditions"] = decided.conditions
        data["risk.risks"] = [r["title"] for r in decided.snapshot["risks"]]
    return data


def not_public(data: dict[str, Any], levels: Mapping[str, str] = DEFAULTS) -> list[str]:
    """The fields that may not be published, by the agency's sensitivities."""
    return [key for key in data if levels.get(key, Sensitivity.RESTRICTED) != Sensitivity.PUBLIC]


def draft(*, system: AISystem, by: User, request: HttpRequest | None = None) -> TransparencyRecord:
    internal = internal_record(system)
    dropped = not_public(internal, for_agency(system.agency))
    public = {key: value for key, value in internal.items() if key not in dropped}
    with transaction.atomic():
        last = TransparencyRecord.objects.filter(system=system).aggregate(n=Max("number"))["n"]
        found = TransparencyRecord.objects.create(
            agency=system.agency, system=system, number=(last or 0) + 1, data=public, created_by=by
        )
        audit(
            Action.RECORD_DRAFTED,
            request=request,
            actor=by,
            agency=system.agency,
            target=found,
            context={"dropped": dropped},
        )
    return found


def publish(*, record: TransparencyRecord, by: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        locked = TransparencyRecord.objects.select_for_update().get(pk=record.pk)
        if locked.status != Status.DRAFT:
            raise ValidationError(_("Only a draft can be published."))
        leaking = not_public(locked.data, for_agency(locked.agency))
        if leaking:
            raise ValidationError(
                _(
                    "This record still holds fields that are not public: %(fields)s. Make a new "
                    "draft; nothing was published."
                )
                % {"fields": ", ".join(leaking)}
            )
        TransparencyRecord.objects.filter(system=locked.system, status=Status.PUBLISHED).update(
            status=Status.SUPERSEDED
        )
        locked.status, locked.published_by, locked.published_at = (
            Status.PUBLISHED,
            by,
            timezone.now(),
        )
        locked.save(update_fields=["status", "published_by", "published_at"])
        audit(
            Action.RECORD_PUBLISHED, request=request, actor=by, agency=locked.agency, target=locked
        )


def unpublish(*, record: TransparencyRecord, by: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        locked = TransparencyRecord.objects.select_for_update().get(pk=record.pk)
        if locked.status != Status.PUBLISHED:
            raise ValidationError(_("Only a published record can be unpublished."))
        locked.status, locked.withdrawn_at = Status.WITHDRAWN, timezone.now()
        locked.save(update_fields=["status", "withdrawn_at"])
        audit(
            Action.RECORD_UNPUBLISHED,
            request=request,
            actor=by,
            agency=locked.agency,
            target=locked,
        )


def as_json(record: TransparencyRecord) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "agency": record.agency.name,
        "version": record.number,
        "published_at": record.published_at.isoformat() if record.published_at else None,
        "fields": record.data,
    }


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else str(value)


def labelled(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The record's fields for people: a label and the value as text."""
    return [(str(LABELS.get(key, key)), _text(value)) for key, value in data.items()]

"""Asking for a report: the same source, language and content give the same file (rendered
once); anything else is queued for the worker."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.reports.models import Report, Status
from rai_toolkit.reports.sources import Source, source_for


def request(*, access: AgencyAccess, kind: str, object_id: int, language: str) -> Report:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("Reports are written in %(languages)s; “%(asked)s” is not installed.")
            % {"languages": ", ".join(dict(settings.LANGUAGES)), "asked": language[:10]}
        )
    source = source_for(access.get, kind, object_id, access.agency)
    lookup = {
        "agency": access.agency,
        "kind": kind,
        "object_id": object_id,
        "language": language,
        "source_hash": source.hash,
    }
    found = Report.objects.filter(**lookup).first()
    if found is not None and found.status != Status.FAILED:
        return found
    try:
        with transaction.atomic():
            report = found or Report(**lookup)
            report.title, report.classification = source.title, source.classification
            report.status, report.error = Status.QUEUED, ""
            report.requested_by, report.requested_at = access.user, timezone.now()
            report.save()
    except IntegrityError:  # the same report asked for twice at once: use the first
        return Report.objects.get(**lookup)
    record(
        Action.REPORT_REQUESTED,
        request=access.request,
        actor=access.user,
        agency=access.agency,
        target=report,
        context={"kind": kind, "object": object_id, "language": language},
    )
    from rai_toolkit.reports.tasks import render_report

    transaction.on_commit(lambda: render_report.enqueue(report.pk))
    return report


def render(report: Report, source: Source) -> None:
    """Write the PDF (called by the worker); a failure is kept on the report, not raised."""
    from rai_toolkit.reports.rendering import render_pdf

    Report.objects.filter(id=report.id).update(status=Status.RENDERING)
    by = report.requested_by  # the report's language and author are the asker's
    try:
        pdf = render_pdf(source, report.language, by)
    except Exception as error:  # the page shows why; the worker carries on
        Report.objects.filter(pk=report.pk).update(
            status=Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        return
    report.pdf.save("report.pdf", ContentFile(pdf), save=False)
    report.size, report.status, report.finished_at = len(pdf), Status.DONE, timezone.now()
    report.save(update_fields=["pdf", "size", "status", "finished_at"])


def set_sensitivities(
    *, access: AgencyAccess, levels: dict[str, str], request: HttpRequest | None = None
) -> None:
    """The agency's sensitivity per field; a value equal to our default is not stored."""
    from rai_toolkit.reports.models import FieldSensitivity
    from rai_toolkit.reports.sensitivity import DEFAULTS, Sensitivity, for_agency

    unknown = [f for f, v in levels.items() if f not in DEFAULTS or v not in Sensitivity.values]
    if unknown:
        raise ValidationError(_("Unknown field or level: %(f)s.") % {"f": ", ".join(unknown)})
    before = for_agency(access.agency)
    with transaction.atomic():
        for field, level in levels.items():
            if level == DEFAULTS[field]:
                FieldSensitivity.objects.filter(agency=access.agency, field=field).delete()
            else:
                FieldSensitivity.objects.update_or_create(
                    agency=access.agency, field=field, defaults={"level": level}
                )
        changes = {f: (before[f], v) for f, v in levels.items() if before[f] != v}
        if changes:
            record(
                Action.SENSITIVITY_CHANGED,
                request=request,
                actor=access.user,
                agency=access.agency,
                changes=changes,
            )

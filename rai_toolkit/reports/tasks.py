"""Background rendering: the immediate backend in development, the database worker
(`manage.py db_worker`) in production."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from rai_toolkit.reports import services
from rai_toolkit.reports.models import Report
from rai_toolkit.reports.sources import source_for, within


@task()
def render_report(report_id: int) -> None:
    report = Report.objects.select_related("agency", "requested_by").filter(pk=report_id).first()
    if report is None or report.object_id is None:
        return
    with translation.override(report.language):  # titles in the report's language
        source = source_for(within(report.agency), report.kind, report.object_id, report.agency)
    services.render(report, source)

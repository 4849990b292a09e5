"""Reports: what can be reported on, asking for a report, its progress, the file, and the
printable page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Perm
from rai_toolkit.assessments import evidence_files
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.core.messages import report as report_error
from rai_toolkit.reports import services
from rai_toolkit.reports.forms import RequestForm, SensitivityForm
from rai_toolkit.reports.models import Report, Status
from rai_toolkit.reports.pages import list_context
from rai_toolkit.reports.rendering import render_html
from rai_toolkit.reports.sensitivity import for_agency
from rai_toolkit.reports.sources import source_for


@agency_view(Perm.VIEW)
def report_list(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    return render(request, "reports/list.html", list_context(access))


@agency_view(Perm.VIEW)
@require_POST
def request_report(request: HttpRequest, access: AgencyAccess) -> HttpResponseBase:
    form = RequestForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([str(m) for errors in form.errors.values() for m in errors])
        found = services.request(access=access, **form.cleaned_data)
    except ValidationError as error:
        report_error(request, error)
        return redirect("reports:list", agency=access.agency.slug)
    return redirect("reports:detail", agency=access.agency.slug, pk=found.pk)


@agency_view(Perm.VIEW)
def detail(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    found = access.get(Report.objects.select_related("requested_by"), pk=pk)
    template = "reports/_status.html" if request.htmx else "reports/detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"access": access, "report": found, "Status": Status})


@agency_view(Perm.VIEW)
def download(request: HttpRequest, access: AgencyAccess, pk: int) -> FileResponse:
    found = access.get(Report, pk=pk, status=Status.DONE)
    record(Action.REPORT_DOWNLOADED, request=request, agency=access.agency, target=found)
    filename = f"{found.kind}-{found.object_id}-{found.language}.pdf"
    return evidence_files.download(found.pdf, filename, "application/pdf")


@agency_view(Perm.VIEW)
def printable(
    request: HttpRequest, access: AgencyAccess, kind: str, pk: int, language: str
) -> HttpResponse:
    """The report as a web page, for the browser's print dialogue or a screen reader."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    try:
        with translation.override(language):
            source = source_for(access.get, kind, pk, access.agency)
    except ValidationError as error:  # a draft has no report yet
        raise Http404 from error
    return HttpResponse(render_html(source, language, access.user))


@agency_view(Perm.MANAGE)
def sensitivities(request: HttpRequest, access: AgencyAccess) -> HttpResponseBase:
    """Which fields are public, internal or restricted in this agency's reports and records."""
    form = SensitivityForm(request.POST or None, current=for_agency(access.agency))
    if request.method == "POST" and form.is_valid():
        services.set_sensitivities(access=access, levels=form.cleaned_data, request=request)
        messages.success(request, _("Saved. New reports and public records follow these levels."))
        return redirect("reports:sensitivities", agency=access.agency.slug)
    status = 400 if form.errors else 200
    context = {"access": access, "form": form}
    return render(request, "reports/sensitivities.html", context, status=status)

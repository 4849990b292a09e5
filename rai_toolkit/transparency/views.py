"""A system's public record inside the agency (draft, publish, unpublish) and the public
register page anyone can read, with each record as JSON in our layout, the UK ATRS and the Dutch
algorithm register standard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Agency, Perm
from rai_toolkit.core.access import public
from rai_toolkit.core.downloads import json_download
from rai_toolkit.core.messages import report
from rai_toolkit.register.selectors import system_or_404
from rai_toolkit.reports.sensitivity import for_agency
from rai_toolkit.transparency import formats, services
from rai_toolkit.transparency.models import TransparencyRecord


@agency_view(Perm.VIEW)
def system_records(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    system = system_or_404(access, pk)
    records = system.records.select_related("published_by")
    internal = services.internal_record(system)
    context = {
        "access": access,
        "system": system,
        "records": records,
        "dropped": services.not_public(internal, for_agency(access.agency)),
    }
    return render(request, "transparency/system.html", context)


@agency_view(Perm.EDIT)
@require_POST
def draft(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    system = system_or_404(access, pk)
    services.draft(system=system, by=access.user, request=request)
    messages.success(request, _("Draft made. An agency administrator reviews and publishes it."))
    return redirect("transparency:system", agency=access.agency.slug, pk=pk)


def _step(request: HttpRequest, access: AgencyAccess, pk: int, step: str) -> HttpResponseBase:
    found = access.get(TransparencyRecord.objects.select_related("system"), pk=pk)
    try:
        getattr(services, step)(record=found, by=access.user, request=request)
    except ValidationError as error:
        report(request, error)
    return redirect("transparency:system", agency=access.agency.slug, pk=found.system_id)


@agency_view(Perm.MANAGE)
@require_POST
def publish(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    return _step(request, access, pk, "publish")


@agency_view(Perm.MANAGE)
@require_POST
def unpublish(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    return _step(request, access, pk, "unpublish")


@public
def agency_register(request: HttpRequest, agency: str) -> HttpResponse:
    found = get_object_or_404(Agency, slug=agency)
    records = TransparencyRecord.objects.published().filter(agency=found).select_related("system")
    return render(request, "transparency/public.html", {"agency": found, "records": records})


def _published(agency: str, pk: int) -> TransparencyRecord:
    """A published record of the agency, or 404: drafts, withdrawn and replaced versions and
    another agency's records are not public."""
    found = (
        TransparencyRecord.objects.published()
        .select_related("agency")
        .filter(agency__slug=agency, pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@public
def record_json(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    return json_download(services.as_json(_published(agency, pk)), f"record-{pk}.json")


@public
def record_atrs(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    """The record in the UK Algorithmic Transparency Recording Standard (formats.atrs)."""
    return json_download(formats.atrs(_published(agency, pk)), f"record-{pk}.atrs.json")


@public
def record_nl(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    """The record in the Dutch algorithm register standard (formats.algoritmeregister)."""
    layout = formats.algoritmeregister(_published(agency, pk))
    return json_download(layout, f"record-{pk}.algoritmeregister.json")

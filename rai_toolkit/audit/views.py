from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from rai_toolkit.accounts.access import platform_view
from rai_toolkit.accounts.models import PlatformRole
from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Agency, Perm
from rai_toolkit.audit.exports import csv_lines
from rai_toolkit.audit.forms import AuditFilterForm
from rai_toolkit.audit.models import Action, AuditEntry, AuditEntryQuerySet
from rai_toolkit.audit.services import record

PAGE_SIZE = 50


def _agency_entries(access: AgencyAccess) -> AuditEntryQuerySet:
    member_ids = access.agency.memberships.values("user_id")
    return AuditEntry.objects.visible_to_agency(access.agency.pk, member_ids)


def _page(
    request: HttpRequest, entries: AuditEntryQuerySet, access: AgencyAccess | None
) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    page = Paginator(form.apply(entries), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"access": access, "form": form, "page": page, "query": query.urlencode()}
    return render(request, "audit/trail.html", context, status=400 if form.errors else 200)


def _csv(
    request: HttpRequest, entries: AuditEntryQuerySet, access: AgencyAccess | None
) -> HttpResponseBase:
    """The filtered trail as CSV; invalid filters get the page with its errors, not everything."""
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _page(request, entries, access)
    agency: Agency | None = access.agency if access else None
    filters = form.described() if form.is_bound else {}
    record(Action.AUDIT_EXPORTED, request=request, agency=agency, context={"filters": filters})
    rows = csv_lines(form.apply(entries).order_by("seq").iterator(chunk_size=1000))
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    name = f"audit-{agency.slug if agency else 'platform'}-{timezone.now():%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@agency_view(Perm.MANAGE)
def agency_trail(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    return _page(request, _agency_entries(access), access)


@agency_view(Perm.MANAGE)
def agency_trail_csv(request: HttpRequest, access: AgencyAccess) -> HttpResponseBase:
    return _csv(request, _agency_entries(access), access)


@platform_view(PlatformRole.PLATFORM_ADMIN)
def platform_trail(request: HttpRequest) -> HttpResponse:
    return _page(request, AuditEntry.objects.all(), None)


@platform_view(PlatformRole.PLATFORM_ADMIN)
def platform_trail_csv(request: HttpRequest) -> HttpResponseBase:
    return _csv(request, AuditEntry.objects.all(), None)

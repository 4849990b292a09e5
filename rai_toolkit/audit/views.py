from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from rai_toolkit.accounts.access import platform_view
from rai_toolkit.accounts.models import PlatformRole
from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Perm
from rai_toolkit.audit.exports import csv_lines
from rai_toolkit.audit.forms import AuditFilterForm
from rai_toolkit.audit.models import Action, AuditEntry, AuditEntryQuerySet
from rai_toolkit.audit.services import record

PAGE_SIZE = 50


def _agency_entries(access: AgencyAccess) -> AuditEntryQuerySet:
    member_ids = access.agency.memberships.values("user_id")
    return AuditEntry.objects.visible_to_agency(access.agency.pk, member_ids)


def _page(
    request: HttpRequest, entries: AuditEntryQuerySet, context: dict[str, object]
) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    page = Paginator(form.apply(entries), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context.update(form=form, page=page, query=query.urlencode())
    return render(request, "audit/trail.html", context, status=400 if form.errors else 200)


def _csv(request: HttpRequest, entries: AuditEntryQuerySet, name: str) -> StreamingHttpResponse:
    form = AuditFilterForm(request.GET or None)
    filtered = form.apply(entries).order_by("seq")
    response = StreamingHttpResponse(
        csv_lines(filtered.iterator(chunk_size=1000)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{name}-{stamp}.csv"'
    return response


@agency_view(Perm.MANAGE)
def agency_trail(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    return _page(request, _agency_entries(access), {"access": access})


@agency_view(Perm.MANAGE)
def agency_trail_csv(request: HttpRequest, access: AgencyAccess) -> StreamingHttpResponse:
    record(
        Action.AUDIT_EXPORTED,
        request=request,
        agency=access.agency,
        context={"filters": request.GET.dict()},
    )
    return _csv(request, _agency_entries(access), access.agency.slug)


@platform_view(PlatformRole.PLATFORM_ADMIN)
def platform_trail(request: HttpRequest) -> HttpResponse:
    return _page(request, AuditEntry.objects.all(), {"access": None})


@platform_view(PlatformRole.PLATFORM_ADMIN)
def platform_trail_csv(request: HttpRequest) -> StreamingHttpResponse:
    record(
        Action.AUDIT_EXPORTED,
        request=request,
        context={"filters": request.GET.dict(), "scope": "platform"},
    )
    return _csv(request, AuditEntry.objects.all(), "platform")

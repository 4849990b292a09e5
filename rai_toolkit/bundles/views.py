"""Export bundles: the page, making one, and importing one (agency admins only: a bundle holds
every field, restricted ones included)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Perm
from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.bundles import services
from rai_toolkit.bundles.forms import ImportForm
from rai_toolkit.bundles.models import BundleImport


def _page(
    request: HttpRequest, access: AgencyAccess, form: ImportForm, status: int = 200
) -> HttpResponse:
    exported = AuditEntry.objects.filter(agency=access.agency, action=Action.BUNDLE_EXPORTED)
    context = {
        "access": access,
        "form": form,
        "exports": exported.order_by("-seq")[:10],
        "imports": BundleImport.objects.filter(agency=access.agency).select_related("imported_by")[
            :20
        ],
    }
    return render(request, "bundles/index.html", context, status=status)


@agency_view(Perm.MANAGE)
def index(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    return _page(request, access, ImportForm())


@agency_view(Perm.MANAGE)
@require_POST
def export(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    data, digest = services.export(agency=access.agency, by=access.user, request=request)
    response = HttpResponse(data, content_type="application/zip")
    name = f"bundle-{access.agency.slug}-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Manifest-SHA256"] = digest
    return response


@agency_view(Perm.MANAGE)
@require_POST
def import_view(request: HttpRequest, access: AgencyAccess) -> HttpResponseBase:
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            done = services.import_bundle(
                agency=access.agency,
                by=access.user,
                data=form.cleaned_data["bundle"].read(),
                expected_sha256=form.cleaned_data["expected_sha256"] or "",
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Imported %(n)d systems.") % {"n": done.systems})
            return redirect("bundles:index", agency=access.agency.slug)
    return _page(request, access, form, status=400)

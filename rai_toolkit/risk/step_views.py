"""The steps after writing: submit, return, review, decide; the FRIA; the exports; and the
agency's register of risks across its systems."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Perm
from rai_toolkit.core.downloads import json_download
from rai_toolkit.core.messages import report
from rai_toolkit.risk import exports, selectors, services
from rai_toolkit.risk.forms import (
    DecisionForm,
    FriaForm,
    RegisterFilterForm,
    ReturnForm,
    ReviewForm,
)
from rai_toolkit.risk.views import to_detail


def _step(
    request: HttpRequest,
    access: AgencyAccess,
    pk: int,
    step: str,
    form_class: type[forms.Form] = forms.Form,
    done: str = "",
) -> HttpResponseBase:
    """One sign-off step: the service refuses what is not allowed, and says why."""
    assessment = selectors.assessment_or_404(access, pk)
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([str(m) for errors in form.errors.values() for m in errors])
        getattr(services, step)(
            assessment=assessment, by=access.user, request=request, **form.cleaned_data
        )
    except ValidationError as error:
        report(request, error)
        return to_detail(access, pk)
    messages.success(request, done or _("Done."))
    return to_detail(access, pk)


@agency_view(Perm.EDIT)
@require_POST
def submit(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    done = _("Submitted. A reviewer who did not write it checks it next.")
    return _step(request, access, pk, "submit", done=done)


@agency_view(Perm.REVIEW)
@require_POST
def return_for_changes(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    return _step(request, access, pk, "return_for_changes", ReturnForm)


@agency_view(Perm.REVIEW)
@require_POST
def review(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    return _step(request, access, pk, "review", ReviewForm)


@agency_view(Perm.DECIDE)
@require_POST
def decide(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    return _step(request, access, pk, "decide", DecisionForm)


@agency_view(Perm.VIEW)
def fria(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    found = services.fria_of(assessment)
    form = FriaForm(instance=found, initial={"revision": found.revision})
    context = {
        "access": access,
        "assessment": assessment,
        "system": assessment.system,
        "fria": found,
        "form": form,
        "can_edit": selectors.can_edit(access, assessment),
    }
    return render(request, "risk/fria.html", context)


@agency_view(Perm.EDIT)
@require_POST
def save_fria(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    assessment = selectors.assessment_or_404(access, pk)
    found = services.fria_of(assessment)
    form = FriaForm(request.POST, instance=found)
    try:
        if not form.is_valid():
            raise ValidationError(_("Some parts are too long."))
        services.save_fria(
            assessment=assessment,
            data=form.cleaned_data,
            revision=form.cleaned_data["revision"],
            by=access.user,
            request=request,
        )
    except ValidationError as error:
        report(request, error)
        context = {
            "access": access,
            "assessment": assessment,
            "system": assessment.system,
            "fria": found,
            "form": form,
            "can_edit": True,
        }
        return render(
            request, "risk/fria.html", context, status=409 if error.code == "conflict" else 400
        )
    messages.success(request, _("Saved."))
    return redirect("risk:fria", agency=access.agency.slug, pk=pk)


@agency_view(Perm.VIEW)
def export_json(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    name = f"risk-assessment-{assessment.system_id}-v{assessment.number}.json"
    return json_download(exports.assessment_json(assessment), name)


@agency_view(Perm.VIEW)
def fria_json(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    name = f"fria-{assessment.system_id}-v{assessment.number}.json"
    return json_download(exports.fria_json(assessment), name)


@agency_view(Perm.VIEW)
def agency_register(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.agency_risks(access, filters), 100).get_page(request.GET.get("page"))
    return render(request, "risk/register.html", {"access": access, "form": form, "page": page})


@agency_view(Perm.VIEW)
def agency_register_csv(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    body = exports.register_csv(selectors.agency_risks(access, filters))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="risk-register-{access.agency.slug}.csv"'
    )
    return response

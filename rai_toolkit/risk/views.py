"""A system's risk assessment: the overview with heat maps, one risk with its ratings and
mitigations, custom risks, comments, and the steps from submission to decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Perm
from rai_toolkit.core.messages import report
from rai_toolkit.register.selectors import system_or_404
from rai_toolkit.risk import selectors, services
from rai_toolkit.risk.forms import CommentForm, CustomRiskForm, MitigationForm, MitigationUpdateForm
from rai_toolkit.risk.models import Mitigation, Risk
from rai_toolkit.risk.pages import detail_context, risk_context


def to_detail(access: AgencyAccess, pk: int) -> HttpResponseBase:
    return redirect("risk:detail", agency=access.agency.slug, pk=pk)


@agency_view(Perm.EDIT)
@require_POST
def start(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    system = system_or_404(access, pk)
    try:
        assessment = services.start(system=system, by=access.user, request=request)
    except ValidationError as error:
        report(request, error)
        return redirect("register:detail", agency=access.agency.slug, pk=system.pk)
    return to_detail(access, assessment.pk)


@agency_view(Perm.VIEW)
def detail(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    return render(request, "risk/detail.html", detail_context(access, assessment))


@agency_view(Perm.VIEW)
def risk_page(request: HttpRequest, access: AgencyAccess, pk: int, risk: int) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    found = access.get(Risk, pk=risk, assessment=assessment)
    return render(request, "risk/risk.html", risk_context(access, assessment, found))


@agency_view(Perm.EDIT)
@require_POST
def rate(request: HttpRequest, access: AgencyAccess, pk: int, risk: int) -> HttpResponseBase:
    assessment = selectors.assessment_or_404(access, pk)
    found = access.get(Risk, pk=risk, assessment=assessment)
    try:
        revision = int(request.POST.get("revision", "0"))
        services.rate(
            risk=found, data=request.POST, revision=revision, by=access.user, request=request
        )
    except (ValidationError, ValueError) as error:
        failure = (
            error if isinstance(error, ValidationError) else ValidationError(_("Reload the page."))
        )
        context = risk_context(access, assessment, found)
        context["values"] = {k: request.POST.get(k, "") for k in context["values"]}
        context["errors"] = (
            failure.message_dict
            if hasattr(failure, "error_dict")
            else {"__all__": failure.messages}
        )
        status = 409 if getattr(failure, "code", "") == "conflict" else 400
        return render(request, "risk/risk.html", context, status=status)
    messages.success(request, _("Saved."))
    return redirect("risk:risk", agency=access.agency.slug, pk=pk, risk=risk)


@agency_view(Perm.EDIT)
@require_POST
def add_risk(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    assessment = selectors.assessment_or_404(access, pk)
    form = CustomRiskForm(request.POST)
    if not form.is_valid():
        context = {**detail_context(access, assessment), "custom_form": form}
        return render(request, "risk/detail.html", context, status=400)
    try:
        added = services.add_risk(
            assessment=assessment, by=access.user, request=request, **form.cleaned_data
        )
    except ValidationError as error:
        report(request, error)
        return to_detail(access, pk)
    return redirect("risk:risk", agency=access.agency.slug, pk=pk, risk=added.pk)


@agency_view(Perm.EDIT)
@require_POST
def add_mitigation(
    request: HttpRequest, access: AgencyAccess, pk: int, risk: int
) -> HttpResponseBase:
    assessment = selectors.assessment_or_404(access, pk)
    found = access.get(Risk, pk=risk, assessment=assessment)
    context = risk_context(access, assessment, found)
    form = MitigationForm(request.POST, agency=access.agency, practices=context["practices"])
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        services.add_mitigation(risk=found, by=access.user, request=request, **form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict") and form.is_bound:
            for field, problems in error.message_dict.items():
                if field in form.fields and field not in form.errors:
                    form.add_error(field, problems)
        return render(request, "risk/risk.html", {**context, "mitigation_form": form}, status=400)
    messages.success(request, _("Mitigation added."))
    return redirect("risk:risk", agency=access.agency.slug, pk=pk, risk=risk)


@agency_view(Perm.EDIT)
@require_POST
def update_mitigation(
    request: HttpRequest, access: AgencyAccess, pk: int, mitigation: int
) -> HttpResponseBase:
    assessment = selectors.assessment_or_404(access, pk)
    found = access.get(
        Mitigation.objects.select_related("risk__assessment"),
        pk=mitigation,
        risk__assessment=assessment,
    )
    form = MitigationUpdateForm(request.POST, agency=access.agency)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a status and a due date."))
        services.update_mitigation(
            mitigation=found, by=access.user, request=request, **form.cleaned_data
        )
    except ValidationError as error:
        report(request, error)
    return redirect("risk:risk", agency=access.agency.slug, pk=pk, risk=found.risk_id)


@agency_view(Perm.EDIT, Perm.REVIEW, Perm.DECIDE)
@require_POST
def comment(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    assessment = selectors.assessment_or_404(access, pk)
    form = CommentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write a comment."))
        risk_pk = form.cleaned_data["risk"]
        risk = access.get(Risk, pk=risk_pk, assessment=assessment) if risk_pk else None
        services.comment(
            assessment=assessment,
            body=form.cleaned_data["body"],
            risk=risk,
            by=access.user,
            request=request,
        )
    except ValidationError as error:
        report(request, error)
    if form.is_valid() and form.cleaned_data["risk"]:
        return redirect(
            "risk:risk", agency=access.agency.slug, pk=pk, risk=form.cleaned_data["risk"]
        )
    return to_detail(access, pk)

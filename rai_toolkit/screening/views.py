"""Screening a system against the law: the questions with a live outcome, and stored results."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Perm
from rai_toolkit.register.selectors import system_or_404
from rai_toolkit.screening import services
from rai_toolkit.screening.models import Screening
from rai_toolkit.screening.pages import form_context, result_context
from rai_toolkit.screening.rules import load_rules


@agency_view(Perm.EDIT)
def screen(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    system = system_or_404(access, pk)
    rules = load_rules()
    if request.method != "POST":
        return render(request, "screening/form.html", form_context(access, system, rules, None))
    outcome = services.evaluate(system, rules, request.POST)
    if outcome.result is None:
        context = form_context(access, system, rules, outcome, posted=request.POST)
        return render(request, "screening/form.html", context, status=400)
    screening = services.save(system=system, outcome=outcome, by=access.user, request=request)
    messages.success(request, _("Screened. The outcome below is guidance, not legal advice."))
    return redirect(
        "screening:detail", agency=access.agency.slug, pk=system.pk, screening=screening.pk
    )


@agency_view(Perm.EDIT)
@require_POST
def preview(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    """The provisional outcome while answering (htmx); nothing is stored."""
    system = system_or_404(access, pk)
    rules = load_rules()
    outcome = services.evaluate(system, rules, request.POST)
    context = form_context(access, system, rules, outcome, posted=request.POST)
    return render(request, "screening/_outcome.html", context)


@agency_view(Perm.VIEW)
def detail(request: HttpRequest, access: AgencyAccess, pk: int, screening: int) -> HttpResponse:
    system = system_or_404(access, pk)
    found = access.get(Screening.objects.select_related("created_by"), pk=screening, system=system)
    return render(request, "screening/detail.html", result_context(access, system, found))

"""The register of AI systems: the list, a system's page, registering and changing a system,
triggers for a new assessment and attachments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Perm
from rai_toolkit.assessments import evidence_files
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.core.downloads import json_download
from rai_toolkit.core.messages import report
from rai_toolkit.register import exports, selectors, services
from rai_toolkit.register.forms import AttachmentForm, FilterForm, SystemForm, TriggerForm
from rai_toolkit.register.models import Attachment
from rai_toolkit.register.pages import detail_context


@agency_view(Perm.VIEW)
def system_list(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    form = FilterForm(request.GET or None)
    context = {"access": access, "form": form, "systems": selectors.filtered(access, form)}
    return render(request, "register/list.html", context)


@agency_view(Perm.VIEW)
def export_json(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    """The whole register, machine-readable (docs/exports.md, `rai-toolkit/register/1`)."""
    record(Action.REGISTER_EXPORTED, request=request, agency=access.agency)
    return json_download(
        exports.register_json(access.agency), f"register-{access.agency.slug}.json"
    )


@agency_view(Perm.EDIT)
def create(request: HttpRequest, access: AgencyAccess) -> HttpResponseBase:
    form = SystemForm(request.POST or None, agency=access.agency)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        system = services.register(agency=access.agency, data=data, by=access.user, request=request)
        messages.success(request, _("Registered. Screen it against the law next."))
        return redirect("register:detail", agency=access.agency.slug, pk=system.pk)
    status = 400 if form.errors else 200
    context = {"access": access, "form": form, "system": None}
    return render(request, "register/form.html", context, status=status)


@agency_view(Perm.VIEW)
def detail(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    system = selectors.system_or_404(access, pk)
    return render(request, "register/detail.html", detail_context(access, system))


@agency_view(Perm.EDIT)
def edit(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    system = selectors.system_or_404(access, pk)
    form = SystemForm(request.POST or None, instance=system, agency=access.agency)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        system.refresh_from_db()  # the form wrote into the instance; compare with the stored one
        raised = services.update(system=system, data=data, by=access.user, request=request)
        for trigger in raised:
            messages.warning(
                request,
                _("%(what)s: a new risk assessment is due now.")
                % {"what": trigger.get_kind_display()},
            )
        return redirect("register:detail", agency=access.agency.slug, pk=system.pk)
    status = 400 if form.errors else 200
    context = {"access": access, "form": form, "system": system}
    return render(request, "register/form.html", context, status=status)


@agency_view(Perm.EDIT)
@require_POST
def trigger(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    system = selectors.system_or_404(access, pk)
    form = TriggerForm(request.POST)
    if not form.is_valid():
        context = {**detail_context(access, system), "trigger_form": form}
        return render(request, "register/detail.html", context, status=400)
    services.raise_trigger(system=system, by=access.user, request=request, **form.cleaned_data)
    messages.warning(request, _("Recorded. A new risk assessment is due now."))
    return redirect("register:detail", agency=access.agency.slug, pk=system.pk)


@agency_view(Perm.EDIT)
@require_POST
def add_attachment(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    system = selectors.system_or_404(access, pk)
    form = AttachmentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a file to attach."))
        services.add_attachment(
            system=system, upload=form.cleaned_data["file"], by=access.user, request=request
        )
    except ValidationError as error:
        report(request, error)
        return redirect("register:detail", agency=access.agency.slug, pk=system.pk)
    messages.success(request, _("Attached."))
    return redirect("register:detail", agency=access.agency.slug, pk=system.pk)


@agency_view(Perm.VIEW)
def attachment(request: HttpRequest, access: AgencyAccess, pk: int, file: int) -> FileResponse:
    found = access.get(Attachment, pk=file, system_id=pk)
    return evidence_files.download(found.file, found.name, found.content_type)


@agency_view(Perm.EDIT)
@require_POST
def remove_attachment(
    request: HttpRequest, access: AgencyAccess, pk: int, file: int
) -> HttpResponse:
    found = access.get(Attachment.objects.select_related("system", "agency"), pk=file, system_id=pk)
    services.remove_attachment(attachment=found, by=access.user, request=request)
    messages.success(request, _("Removed."))
    return redirect("register:detail", agency=access.agency.slug, pk=pk)

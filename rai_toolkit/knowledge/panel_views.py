"""Setting up the review panels (toolkit editors and platform administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rai_toolkit.accounts.access import signed_in_user
from rai_toolkit.knowledge import panels as services
from rai_toolkit.knowledge.access import panels_view
from rai_toolkit.knowledge.forms import MemberForm, PanelForm
from rai_toolkit.knowledge.models import ReviewPanel


def _panel_or_404(pk: int) -> ReviewPanel:
    panel = ReviewPanel.objects.filter(pk=pk).first()
    if panel is None:
        raise Http404
    return panel


def _page(
    request: HttpRequest,
    form: PanelForm | None = None,
    member_form: tuple[int, MemberForm] | None = None,
) -> HttpResponse:
    """The panels; a form that was refused comes back with what the user typed."""
    context = {
        "panels": ReviewPanel.objects.prefetch_related("members"),
        "form": form or PanelForm(),
        "refused_member": member_form,
    }
    refused = bool((form and form.errors) or member_form)
    return render(request, "knowledge/panels.html", context, status=400 if refused else 200)


@panels_view
@require_http_methods(["GET"])
def panel_list(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _save(request: HttpRequest, form: PanelForm, panel: ReviewPanel | None) -> bool:
    if not form.is_valid():
        return False
    try:
        services.save_panel(
            panel=panel, **form.cleaned_data, by=signed_in_user(request), request=request
        )
    except ValidationError as error:
        form.add_error("name", error)
        return False
    messages.success(request, _("Saved."))
    return True


@panels_view
@require_POST
def new_panel(request: HttpRequest) -> HttpResponseBase:
    form = PanelForm(request.POST)
    return redirect("knowledge:panels") if _save(request, form, None) else _page(request, form)


@panels_view
@require_http_methods(["GET", "POST"])
def edit_panel(request: HttpRequest, panel: int) -> HttpResponseBase:
    found = _panel_or_404(panel)
    context = {"panel": found, "name": found.name}  # the name as saved, whatever was typed
    if request.method == "POST":
        form = PanelForm(request.POST, instance=found)
        if _save(request, form, found):
            return redirect("knowledge:panels")
    else:
        form = PanelForm(instance=found)
    context["form"] = form
    status = 400 if form.errors else 200
    return render(request, "knowledge/panel_edit.html", context, status=status)


@panels_view
@require_POST
def delete_panel(request: HttpRequest, panel: int) -> HttpResponseBase:
    services.delete_panel(panel=_panel_or_404(panel), by=signed_in_user(request), request=request)
    messages.success(request, _("The panel was deleted."))
    return redirect("knowledge:panels")


@panels_view
@require_POST
def add_member(request: HttpRequest, panel: int) -> HttpResponseBase:
    found, form = _panel_or_404(panel), MemberForm(request.POST)
    if not form.is_valid():
        return _page(request, member_form=(found.pk, form))
    try:
        services.add_member(
            panel=found,
            email=form.cleaned_data["email"],
            by=signed_in_user(request),
            request=request,
        )
    except ValidationError as error:
        form.add_error("email", error)
        return _page(request, member_form=(found.pk, form))
    return redirect("knowledge:panels")


@panels_view
@require_POST
def remove_member(request: HttpRequest, panel: int, member: int) -> HttpResponseBase:
    found = _panel_or_404(panel)
    person = found.members.filter(pk=member).first()
    if person is None:
        raise Http404
    services.remove_member(panel=found, member=person, by=signed_in_user(request), request=request)
    return redirect("knowledge:panels")

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rai_toolkit.accounts import signup
from rai_toolkit.accounts.access import platform_view, signed_in_user
from rai_toolkit.accounts.models import PlatformRole
from rai_toolkit.agencies import services
from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.forms import AgencyCreateForm, AgencySettingsForm, InviteForm, RoleForm
from rai_toolkit.agencies.models import Agency, Invitation, Membership, Perm
from rai_toolkit.agencies.selectors import dashboard_summary, members_page
from rai_toolkit.core.access import public
from rai_toolkit.core.messages import report


@public
def home(request: HttpRequest) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    latest = (
        Membership.objects.filter(user_id=request.user.pk)
        .select_related("agency")
        .order_by(F("last_used_at").desc(nulls_last=True), "agency__name")
        .first()
    )
    if latest is not None:
        return redirect("agencies:dashboard", agency=latest.agency.slug)
    return render(request, "agencies/no_agency.html")


@agency_view(Perm.VIEW)
def dashboard(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    services.touch(access.membership)
    # Lazy: the rendered summary is usually cached, and then no query runs for it.
    summary = SimpleLazyObject(lambda: dashboard_summary(access))
    return render(request, "agencies/dashboard.html", {"access": access, "summary": summary})


@agency_view(Perm.VIEW)
def members(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    return render(request, "agencies/members.html", members_page(access, InviteForm()))


@agency_view(Perm.MANAGE)
@require_POST
def invite(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            sent = services.invite(
                agency=access.agency, by=access.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": sent.invitation.email}
            )
            if not sent.emailed:
                messages.warning(
                    request,
                    _("The e-mail could not be sent. Revoke the invitation and try again later."),
                )
            if settings.RAI_SHOW_INVITATION_LINKS:
                messages.info(request, sent.accept_url, extra_tags="invitation-link")
            return redirect("agencies:members", agency=access.agency.slug)
    return render(request, "agencies/members.html", members_page(access, form), status=400)


@agency_view(Perm.MANAGE)
@require_POST
def revoke_invitation(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    invitation = access.get(Invitation, pk=pk)
    try:
        services.revoke_invitation(invitation=invitation, by=access.user, request=request)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request, _("Invitation to %(email)s revoked.") % {"email": invitation.email}
        )
    return redirect("agencies:members", agency=access.agency.slug)


@agency_view(Perm.MANAGE)
@require_POST
def change_role(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    membership = access.get(Membership.objects.select_related("user", "agency"), pk=pk)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose one of the listed roles."))
        changed = services.change_role(
            membership=membership, role=form.cleaned_data["role"], by=access.user, request=request
        )
    except ValidationError as error:
        report(request, error)
    else:
        done = _("Role of %(name)s updated.") if changed else _("%(name)s already has this role.")
        messages.success(request, done % {"name": membership.user.display_name})
    return redirect("agencies:members", agency=access.agency.slug)


@agency_view(Perm.MANAGE)
@require_http_methods(["GET", "POST"])
def remove_member(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    membership = access.get(Membership.objects.select_related("user", "agency"), pk=pk)
    if request.method == "GET":
        return render(
            request, "agencies/member_remove.html", {"access": access, "member": membership}
        )
    try:
        services.remove_member(membership=membership, by=access.user, request=request)
    except ValidationError as error:
        report(request, error)
        return redirect("agencies:members", agency=access.agency.slug)
    messages.success(
        request, _("%(name)s was removed from the agency.") % {"name": membership.user.display_name}
    )
    if membership.user_id == access.user.pk:
        return redirect("home")
    return redirect("agencies:members", agency=access.agency.slug)


@agency_view(Perm.MANAGE)
@require_http_methods(["GET", "POST"])
def agency_settings(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    # The form validates a copy, so the service still sees the values before the change.
    form = AgencySettingsForm(request.POST or None, instance=copy.copy(access.agency))
    if request.method == "POST" and form.is_valid():
        services.update_settings(
            agency=access.agency, values=form.cleaned_data, by=access.user, request=request
        )
        messages.success(request, _("Agency settings saved."))
        return redirect("agencies:settings", agency=access.agency.slug)
    status = 400 if form.errors else 200
    return render(
        request, "agencies/settings.html", {"access": access, "form": form}, status=status
    )


@public
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = services.find_invitation(token)
    if found is None or not found.is_usable:
        reason = "unknown" if found is None else ("expired" if found.is_expired else found.status)
        if found is not None and request.method == "POST":  # an attempt to use a real one
            services.refuse_invitation(invitation=found, request=request, reason=reason)
        return render(request, "agencies/invitation_invalid.html", {"reason": reason}, status=410)
    context = {"invitation": found, "token": token}
    if request.method == "GET":
        return render(request, "agencies/invitation.html", context)
    if not request.user.is_authenticated:
        signup.allow_signup(request, email=found.email, reference=found.pk)
        return redirect("account_signup")
    try:
        membership = services.accept_invitation(
            invitation=found, user=signed_in_user(request), request=request
        )
    except ValidationError as error:
        services.refuse_invitation(
            invitation=found, request=request, reason=error.code or "invalid"
        )
        context["error"] = " ".join(error.messages)
        return render(request, "agencies/invitation.html", context, status=400)
    messages.success(request, _("Welcome to %(agency)s.") % {"agency": membership.agency.name})
    return redirect("agencies:dashboard", agency=membership.agency.slug)


@platform_view(PlatformRole.PLATFORM_ADMIN)
@require_http_methods(["GET", "POST"])
def platform_agencies(request: HttpRequest) -> HttpResponse:
    form = AgencyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agency, sent = services.create_agency_with_admin(
            **form.cleaned_data, by=signed_in_user(request), request=request
        )
        messages.success(request, _("Agency %(name)s created.") % {"name": agency.name})
        if settings.RAI_SHOW_INVITATION_LINKS:
            messages.info(request, sent.accept_url, extra_tags="invitation-link")
        return redirect("agencies:platform")
    agencies = Agency.objects.annotate(member_count=Count("memberships")).order_by("name")
    status = 400 if form.errors else 200
    return render(
        request, "agencies/platform.html", {"form": form, "agencies": agencies}, status=status
    )

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from rai_toolkit.accounts import services, session
from rai_toolkit.accounts.access import signed_in_user
from rai_toolkit.accounts.forms import ProfileForm
from rai_toolkit.accounts.models import User
from rai_toolkit.core.access import public


@public
@require_POST
def set_language(request: HttpRequest) -> HttpResponseBase:
    """Django's language switch, which also remembers the choice for a signed-in user."""
    response = django_set_language(request)
    if isinstance(request.user, User):
        services.set_language(user=request.user, language=request.POST.get("language", ""))
    return response


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    # The form validates a copy, so a refused change never touches the signed-in user.
    form = ProfileForm(request.POST or None, instance=copy.copy(user))
    if request.method == "POST" and form.is_valid():
        services.update_profile(user=user, values=form.cleaned_data, request=request)
        messages.success(request, _("Profile saved."))
        return redirect("accounts:profile")
    return render(
        request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200
    )


def resume(request: HttpRequest) -> HttpResponse:
    """Send again what the user submitted when their session had expired."""
    pending = session.pop_pending_post(request)
    if pending is None:
        messages.info(request, _("There was nothing left to send."))
        return redirect("home")
    return render(request, "accounts/resume.html", {"pending": pending})

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rai_toolkit.accounts import session
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.core.http import is_htmx

Handler = Callable[[HttpRequest], HttpResponseBase]
ACTIVITY_RESOLUTION = 60  # seconds; the session is written at most this often for activity


def _redirect(request: HttpRequest, url: str) -> HttpResponseBase:
    """A redirect that htmx follows as a full page load instead of swapping it into a fragment."""
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class SessionTimeoutMiddleware:
    """Signs a user out after the idle limit or the absolute limit, both checked on the server."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = time.time()
        store = request.session
        last = store.get(session.LAST_ACTIVITY)
        started = store.get(session.AUTH_AT, last)
        reason = None
        if last is not None and now - last > settings.RAI_SESSION_IDLE_MINUTES * 60:
            reason = "idle"
        elif started is not None and now - started > settings.RAI_SESSION_MAX_HOURS * 3600:
            reason = "max_age"
        if reason is None:
            if last is None or now - last > ACTIVITY_RESOLUTION:
                store[session.LAST_ACTIVITY] = now
            return
        user = request.user
        store.flush()
        session.remember_expired_user(store, user.pk)
        request.user = AnonymousUser()
        messages.info(request, _("Your session expired. Sign in again to continue."))
        record(Action.SESSION_EXPIRED, request=request, actor=user, context={"reason": reason})


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's deny-by-default sign-in check. A form posted to a `resubmittable` view by someone
    whose session just expired is kept and sent again once that same person has signed in."""

    def handle_no_permission(  # type: ignore[override]  # htmx gets a 204 with HX-Redirect
        self, request: HttpRequest, view_func: Any
    ) -> HttpResponseBase:
        resubmittable = getattr(view_func, "resubmittable", False)
        if request.method == "POST" and resubmittable and session.stash_post(request):
            target = reverse("accounts:resume")
        elif is_htmx(request):
            target = request.headers.get("HX-Current-URL", "/")
        else:
            target = request.get_full_path()
        login_url = resolve_url(self.get_login_url(view_func))
        return _redirect(request, f"{login_url}?{urlencode({'next': target})}")


# Pages a signed-in user without a second factor may still open: the ones that set it up.
MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "set_language",
    }
)


class MfaRequiredMiddleware:
    """With RAI_MFA_REQUIRED, a member without a second factor is sent to set one up first."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any
    ) -> HttpResponseBase | None:
        if not settings.RAI_MFA_REQUIRED or not request.user.is_authenticated:
            return None
        if getattr(view_func, "login_required", True) is False:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in MFA_SETUP_URL_NAMES:
            return None
        if self._has_second_factor(request):
            return None
        messages.warning(request, _("Set up a second factor to continue."))
        return _redirect(request, reverse("mfa_activate_totp"))

    @staticmethod
    def _has_second_factor(request: HttpRequest) -> bool:
        """Read from the authenticators themselves; the session only remembers a yes, and
        forgets it when an authenticator is removed."""
        if request.session.get(session.MFA_OK):
            return True
        ok = (
            Authenticator.objects.filter(user_id=request.user.pk)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
            .exists()
        )
        if ok:
            request.session[session.MFA_OK] = True
        return ok


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the cookie and the browser's preference."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        language = getattr(request.user, "language", "") if request.user.is_authenticated else ""
        if language and language != request.LANGUAGE_CODE:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
